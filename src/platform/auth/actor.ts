/**
 * The actor: who is asking, as the policy needs to know them. Built fresh
 * from the database on every request (never cached in the process), so a
 * suspension or a role change takes effect on the next request in every app
 * process.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB, StaffOrganisationKind, StaffRole } from '../db/schema.ts';

export interface Actor {
  accountId: string;
  name: string;
  email: string;
  role: StaffRole;
  /** May invite and suspend staff of their own organisation. */
  manager: boolean;
  organisationId: string;
  organisationName: string;
  organisationKind: StaffOrganisationKind;
  /** The deployment's own team. */
  operator: boolean;
  /** Directory organisations whose listings the actor's organisation manages. */
  listingOrganizationIds: readonly string[];
  /** False when the account is disabled or its organisation suspended: the policy then denies everything. */
  active: boolean;
  /** Two-step sign-in is on for this account. */
  twoStep: boolean;
}

/** Loads the actor for an account, or null when there is no such account. */
export async function loadActor(db: Kysely<DB> | Transaction<DB>, accountId: string): Promise<Actor | null> {
  const row = await db
    .selectFrom('staff_account as a')
    .innerJoin('staff_organisation as o', 'o.id', 'a.organisation_id')
    .select([
      'a.id',
      'a.name',
      'a.email',
      'a.role',
      'a.manager',
      'a.disabled_at',
      'a.totp_secret',
      'o.id as organisation_id',
      'o.name as organisation_name',
      'o.kind',
      'o.operator',
      'o.suspended_at',
    ])
    .where('a.id', '=', accountId)
    .executeTakeFirst();
  if (!row) return null;
  const listings = await db
    .selectFrom('staff_organisation_listing')
    .select('organization_id')
    .where('staff_organisation_id', '=', row.organisation_id)
    .orderBy('organization_id')
    .execute();
  return {
    accountId: row.id,
    name: row.name,
    email: row.email,
    role: row.role,
    manager: row.manager,
    organisationId: row.organisation_id,
    organisationName: row.organisation_name,
    organisationKind: row.kind,
    operator: row.operator,
    listingOrganizationIds: listings.map((l) => l.organization_id),
    active: row.disabled_at === null && row.suspended_at === null,
    twoStep: row.totp_secret !== null,
  };
}
