/**
 * The rows an actor is built from (actor.ts): the account with its
 * organisation, and the directory organisations whose listings that
 * organisation manages.
 */
import type { Executor } from '../db/executor.ts';
import type { StaffOrganisationKind, StaffRole } from '../db/schema.ts';

/** An account as the actor (actor.ts) is made from it. */
export interface ActorAccount {
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
  disabled: boolean;
  organisationSuspended: boolean;
  /** Two-step sign-in is on for this account. */
  twoStep: boolean;
}

export async function findActorAccount(db: Executor, accountId: string): Promise<ActorAccount | null> {
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
    disabled: row.disabled_at !== null,
    organisationSuspended: row.suspended_at !== null,
    twoStep: row.totp_secret !== null,
  };
}

/** Directory organisations whose listings this staff organisation manages, by id. */
export async function managedListingIds(db: Executor, organisationId: string): Promise<string[]> {
  const listings = await db
    .selectFrom('staff_organisation_listing')
    .select('organization_id')
    .where('staff_organisation_id', '=', organisationId)
    .orderBy('organization_id')
    .execute();
  return listings.map((l) => l.organization_id);
}
