/**
 * Which roles fit which organisations (pure). Administrators run the whole
 * deployment, so they belong to its own team (the operator organisation);
 * connectors work in organisations that refer people; provider staff in
 * organisations that run groups and services; commissioners and volunteers
 * can be anywhere.
 */
import type { StaffOrganisationKind, StaffRole } from '../../platform/db/schema.ts';

export const ORGANISATION_KINDS = ['referrer', 'provider', 'both'] as const satisfies readonly StaffOrganisationKind[];

export function isOrganisationKind(v: string): v is StaffOrganisationKind {
  return (ORGANISATION_KINDS as readonly string[]).includes(v);
}

export function isRole(v: string): v is StaffRole {
  return ['administrator', 'commissioner', 'connector', 'provider_staff', 'volunteer'].includes(v);
}

/** True when an account with this role may belong to this organisation. */
export function roleFitsOrganisation(role: StaffRole, org: { kind: StaffOrganisationKind; operator: boolean }): boolean {
  switch (role) {
    case 'administrator':
      return org.operator;
    case 'connector':
      return org.operator || org.kind !== 'provider';
    case 'provider_staff':
      return org.kind !== 'referrer';
    case 'commissioner':
    case 'volunteer':
      return true;
  }
}

/** The roles that fit an organisation, in display order. */
export function rolesFor(org: { kind: StaffOrganisationKind; operator: boolean }): StaffRole[] {
  return (['administrator', 'commissioner', 'connector', 'provider_staff', 'volunteer'] as const).filter((r) =>
    roleFitsOrganisation(r, org),
  );
}

/** Listings can be linked to organisations that provide services. */
export const canManageListings = (kind: StaffOrganisationKind): boolean => kind !== 'referrer';
