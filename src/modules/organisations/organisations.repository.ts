/**
 * Partner organisations (staff_organisation) and the directory organisations
 * whose listings they keep up to date (staff_organisation_listing), for
 * organisations.service.ts, which policy-checks and audits.
 */
import type { Executor } from '../../platform/db/executor.ts';
import type { StaffOrganisationKind, StaffRole } from '../../platform/db/schema.ts';

export interface OrganisationSummary {
  id: string;
  name: string;
  kind: StaffOrganisationKind;
  operator: boolean;
  suspendedAt: Date | null;
  createdAt: Date;
  staffCount: number;
  listingCount: number;
}

export interface LinkedListing {
  id: string;
  name: string;
  serviceCount: number;
}

export interface OrganisationDetail extends OrganisationSummary {
  listings: LinkedListing[];
}

/** One organisation with its staff count and linked listings, or null. */
export async function loadOrganisation(db: Executor, id: string): Promise<OrganisationDetail | null> {
  const org = await db.selectFrom('staff_organisation').selectAll().where('id', '=', id).executeTakeFirst();
  if (!org) return null;
  const staff = await db
    .selectFrom('staff_account')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('organisation_id', '=', id)
    .executeTakeFirstOrThrow();
  const listings = await db
    .selectFrom('staff_organisation_listing as l')
    .innerJoin('organization as d', 'd.id', 'l.organization_id')
    .select(['d.id', 'd.name'])
    .select((eb) =>
      eb
        .selectFrom('service as s')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('s.organization_id', '=', 'd.id')
        .as('services'),
    )
    .where('l.staff_organisation_id', '=', id)
    .orderBy('d.name')
    .execute();
  return {
    id: org.id,
    name: org.name,
    kind: org.kind,
    operator: org.operator,
    suspendedAt: org.suspended_at,
    createdAt: org.created_at,
    staffCount: Number(staff.n),
    listingCount: listings.length,
    listings: listings.map((l) => ({ id: l.id, name: l.name, serviceCount: Number(l.services ?? 0) })),
  };
}

/** Every organisation, operator first, then by name, with counts of staff and linked listings. */
export async function listOrganisations(db: Executor): Promise<OrganisationSummary[]> {
  const rows = await db
    .selectFrom('staff_organisation as o')
    .selectAll('o')
    .select((eb) => [
      eb
        .selectFrom('staff_account as a')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('a.organisation_id', '=', 'o.id')
        .as('staff'),
      eb
        .selectFrom('staff_organisation_listing as l')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('l.staff_organisation_id', '=', 'o.id')
        .as('listings'),
    ])
    .orderBy('o.operator', 'desc')
    .orderBy('o.name')
    .execute();
  return rows.map((o) => ({
    id: o.id,
    name: o.name,
    kind: o.kind,
    operator: o.operator,
    suspendedAt: o.suspended_at,
    createdAt: o.created_at,
    staffCount: Number(o.staff ?? 0),
    listingCount: Number(o.listings ?? 0),
  }));
}

/** Whether another organisation (not `exceptId`) has this name, whatever its case. */
export async function organisationNameTaken(db: Executor, name: string, exceptId?: string): Promise<boolean> {
  let q = db
    .selectFrom('staff_organisation')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()));
  if (exceptId) q = q.where('id', '!=', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

export async function insertOrganisation(
  db: Executor,
  org: { id: string; name: string; kind: StaffOrganisationKind; createdAt: Date },
): Promise<void> {
  await db.insertInto('staff_organisation').values({ id: org.id, name: org.name, kind: org.kind, created_at: org.createdAt }).execute();
}

/** An organisation's kind and whether it is the operator; with `lock`, its row stays locked until the transaction ends. */
export async function organisationKind(
  db: Executor,
  id: string,
  opts: { lock?: boolean } = {},
): Promise<{ kind: StaffOrganisationKind; operator: boolean } | null> {
  const q = db.selectFrom('staff_organisation').select(['kind', 'operator']).where('id', '=', id);
  return (await (opts.lock ? q.forUpdate() : q).executeTakeFirst()) ?? null;
}

/** The roles the organisation's staff have now. */
export async function staffRolesIn(db: Executor, organisationId: string): Promise<StaffRole[]> {
  const rows = await db.selectFrom('staff_account').select('role').distinct().where('organisation_id', '=', organisationId).execute();
  return rows.map((r) => r.role);
}

export async function renameOrganisation(db: Executor, id: string, change: { name: string; kind: StaffOrganisationKind }): Promise<void> {
  await db.updateTable('staff_organisation').set({ name: change.name, kind: change.kind }).where('id', '=', id).execute();
}

export async function setOrganisationSuspended(db: Executor, id: string, suspendedAt: Date | null): Promise<void> {
  await db.updateTable('staff_organisation').set({ suspended_at: suspendedAt }).where('id', '=', id).execute();
}

export async function directoryOrganizationExists(db: Executor, id: string): Promise<boolean> {
  return (await db.selectFrom('organization').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

/** Links a directory organisation's listings to the organisation (no-op when they are linked already). */
export async function linkListing(db: Executor, organisationId: string, directoryOrganizationId: string): Promise<void> {
  await db
    .insertInto('staff_organisation_listing')
    .values({ staff_organisation_id: organisationId, organization_id: directoryOrganizationId })
    .onConflict((oc) => oc.columns(['staff_organisation_id', 'organization_id']).doNothing())
    .execute();
}

/** Unlinks one directory organisation's listings, or (without one) all of them. */
export async function unlinkListings(db: Executor, organisationId: string, directoryOrganizationId?: string): Promise<void> {
  let q = db.deleteFrom('staff_organisation_listing').where('staff_organisation_id', '=', organisationId);
  if (directoryOrganizationId !== undefined) q = q.where('organization_id', '=', directoryOrganizationId);
  await q.execute();
}

/** Directory organisations whose name contains `text` (any case), by name, at most 20. */
export async function directoryOrganizationsNamed(db: Executor, text: string): Promise<{ id: string; name: string }[]> {
  return db
    .selectFrom('organization')
    .select(['id', 'name'])
    .where('name', 'ilike', `%${text.replace(/[\\%_]/g, '\\$&')}%`)
    .orderBy('name')
    .limit(20)
    .execute();
}
