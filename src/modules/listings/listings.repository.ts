/**
 * Listings as the people who keep them up to date see them ("Your
 * listings"), and which directory organisations a listing touches (for the
 * policy), for listings.service.ts.
 */
import type { Executor } from '../../platform/db/executor.ts';
import type { ServiceGraph } from '../directory/service-graph.ts';

/** Stands for "no organisation" (a location without one): nobody but an administrator manages it. */
const UNOWNED = '(no organisation)';

/** Every directory organisation a save of this graph would touch. */
export async function organisationsTouched(db: Executor, graph: ServiceGraph): Promise<string[]> {
  const ids = new Set<string>([graph.organization.id]);
  const service = await db.selectFrom('service').select('organization_id').where('id', '=', graph.service.id).executeTakeFirst();
  if (service) ids.add(service.organization_id);
  const locationIds = graph.locations.map((l) => l.id);
  if (locationIds.length) {
    const rows = await db.selectFrom('location').select('organization_id').where('id', 'in', locationIds).execute();
    for (const r of rows) ids.add(r.organization_id ?? UNOWNED);
  }
  return [...ids].sort();
}

/** The organisations a stored service touches now: its own and its locations' owners (ids only). */
export async function organisationsOfService(db: Executor, serviceId: string): Promise<string[] | null> {
  const service = await db.selectFrom('service').select('organization_id').where('id', '=', serviceId).executeTakeFirst();
  if (!service) return null;
  const rows = await db
    .selectFrom('service_at_location as sal')
    .innerJoin('location as l', 'l.id', 'sal.location_id')
    .select('l.organization_id')
    .where('sal.service_id', '=', serviceId)
    .execute();
  return [...new Set([service.organization_id, ...rows.map((r) => r.organization_id ?? UNOWNED)])].sort();
}

export interface ListingRecord {
  serviceId: string;
  name: string;
  organizationId: string;
  organizationName: string;
  status: string;
  /** null: not stated. */
  capacityStatus: string | null;
  acceptingReferrals: boolean | null;
  reviewDue: string | null;
  assuredDate: string | null;
  /** Change requests waiting for a decision. */
  pending: number;
}

/** The most listings one read returns. */
const MAX_LIST = 200;

/**
 * Listings, soonest review first (no review date first of all): only those
 * of `organizationIds` when given; matching `text` in the service's or the
 * organisation's name; `overdue` (review before `today` or unset),
 * `dueSoon` (review today or later: the caller keeps those due soon) or
 * `pending` (change requests waiting).
 */
export async function listListings(
  db: Executor,
  opts: { organizationIds?: readonly string[]; text?: string; filter?: string; today: string },
): Promise<ListingRecord[]> {
  const now = opts.today;
  let q = db
    .selectFrom('service as s')
    .innerJoin('organization as o', 'o.id', 's.organization_id')
    .leftJoin('belong_service as b', 'b.service_id', 's.id')
    .select((eb) => [
      's.id',
      's.name',
      's.status',
      's.assured_date',
      'o.id as organization_id',
      'o.name as organization_name',
      'b.capacity_status',
      'b.accepting_referrals',
      'b.review_due',
      eb
        .selectFrom('listing_change as c')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('c.service_id', '=', 's.id')
        .where('c.status', '=', 'pending')
        .as('pending'),
    ]);
  if (opts.organizationIds)
    q = q.where('s.organization_id', 'in', opts.organizationIds.length ? opts.organizationIds : ['00000000-0000-0000-0000-000000000000']);
  const text = opts.text;
  if (text)
    q = q.where((eb) =>
      eb.or([
        eb('s.name', 'ilike', `%${text.replace(/[\\%_]/g, (m) => `\\${m}`)}%`),
        eb('o.name', 'ilike', `%${text.replace(/[\\%_]/g, (m) => `\\${m}`)}%`),
      ]),
    );
  if (opts.filter === 'overdue') q = q.where((eb) => eb.or([eb('b.review_due', '<', now), eb('b.review_due', 'is', null)]));
  if (opts.filter === 'dueSoon') q = q.where('b.review_due', '>=', now);
  if (opts.filter === 'pending')
    q = q.where((eb) =>
      eb.exists(
        eb.selectFrom('listing_change as c').select('c.id').whereRef('c.service_id', '=', 's.id').where('c.status', '=', 'pending'),
      ),
    );
  const rows = await q
    .orderBy('b.review_due', (ob) => ob.asc().nullsFirst())
    .orderBy('s.name')
    .orderBy('s.id')
    .limit(MAX_LIST)
    .execute();
  return rows.map((r) => ({
    serviceId: r.id,
    name: r.name,
    organizationId: r.organization_id,
    organizationName: r.organization_name,
    status: r.status,
    capacityStatus: r.capacity_status ?? null,
    acceptingReferrals: r.accepting_referrals ?? null,
    reviewDue: r.review_due ? String(r.review_due).slice(0, 10) : null,
    assuredDate: r.assured_date ? String(r.assured_date).slice(0, 10) : null,
    pending: Number(r.pending ?? 0),
  }));
}
