/**
 * What getting the first people in needs (bootstrap.ts, accounts.setup.ts):
 * the deployment's own organisation, the demo organisations and their
 * listing, the demo accounts' suspension, and whether anyone can
 * administer Belong yet.
 */
import type { Executor } from '../../platform/db/executor.ts';
import type { StaffOrganisationKind } from '../../platform/db/schema.ts';

/** The deployment's own organisation, if there is one yet. */
export async function operatorOrganisationId(db: Executor): Promise<string | null> {
  const row = await db.selectFrom('staff_organisation').select('id').where('operator', '=', true).executeTakeFirst();
  return row?.id ?? null;
}

/** Adds organisations; with `skipExisting`, one whose id is taken already is left as it is. */
export async function insertOrganisations(
  db: Executor,
  orgs: readonly { id: string; name: string; kind: StaffOrganisationKind; operator?: boolean; createdAt: Date }[],
  opts: { skipExisting?: boolean } = {},
): Promise<void> {
  const q = db
    .insertInto('staff_organisation')
    .values(orgs.map((o) => ({ id: o.id, name: o.name, kind: o.kind, operator: o.operator, created_at: o.createdAt })));
  await (opts.skipExisting ? q.onConflict((oc) => oc.column('id').doNothing()) : q).execute();
}

/** Lets an organisation's provider staff edit a directory organisation's listings (no-op when they may already). */
export async function linkOrganisationListing(db: Executor, organisationId: string, directoryOrganizationId: string): Promise<void> {
  await db
    .insertInto('staff_organisation_listing')
    .values({ staff_organisation_id: organisationId, organization_id: directoryOrganizationId })
    .onConflict((oc) => oc.columns(['staff_organisation_id', 'organization_id']).doNothing())
    .execute();
}

/** The way back in for an administrator: not suspended, not locked, no failed attempts. */
export async function reinstateAccount(db: Executor, accountId: string): Promise<void> {
  await db
    .updateTable('staff_account')
    .set({ disabled_at: null, locked_until: null, failed_logins: 0, lockouts: 0 })
    .where('id', '=', accountId)
    .execute();
}

export async function anyAccountExists(db: Executor): Promise<boolean> {
  return (await db.selectFrom('staff_account').select('id').limit(1).executeTakeFirst()) !== undefined;
}

export async function activeAdministratorExists(db: Executor): Promise<boolean> {
  const admin = await db
    .selectFrom('staff_account')
    .select('id')
    .where('role', '=', 'administrator')
    .where('disabled_at', 'is', null)
    .limit(1)
    .executeTakeFirst();
  return admin !== undefined;
}

/** The directory organisation, among those whose description carries `mark`, with the most services (then by name). */
export async function largestMarkedOrganization(db: Executor, mark: string): Promise<{ id: string; name: string } | null> {
  const listing = await db
    .selectFrom('organization as o')
    .select(['o.id', 'o.name'])
    .select((eb) =>
      eb
        .selectFrom('service as s')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('s.organization_id', '=', 'o.id')
        .as('services'),
    )
    .where('o.description', 'like', mark)
    .orderBy('services', 'desc')
    .orderBy('o.name')
    .limit(1)
    .executeTakeFirst();
  return listing ? { id: listing.id, name: listing.name } : null;
}

/** Suspends the accounts with these addresses that are not suspended yet and ends their sessions; returns their ids. */
export async function suspendAccountsByEmail(db: Executor, emails: readonly string[], now: Date): Promise<string[]> {
  const r = await db
    .updateTable('staff_account')
    .set({ disabled_at: now })
    .where('email', 'in', emails)
    .where('disabled_at', 'is', null)
    .returning('id')
    .execute();
  if (r.length)
    await db
      .deleteFrom('staff_session')
      .where(
        'account_id',
        'in',
        r.map((x) => x.id),
      )
      .execute();
  return r.map((x) => x.id);
}
