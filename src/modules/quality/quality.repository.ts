/**
 * Storage for the data-quality view and the review reminders: the facts the
 * freshness rules (freshness.ts) look at, for every listing still on the map
 * (active or temporarily closed), and the two bulk changes administrators
 * make (mark verified, archive) with their HSDS change-log rows.
 *
 * Not policy-checked here: quality.service.ts and reminders.ts call these
 * inside `access.run` or the reminder job's own locked transaction.
 */
import type { Executor } from '../../platform/db/executor.ts';
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import { newId } from '../../platform/ids.ts';
import type { ListingFacts } from './freshness.ts';

/** Statuses of listings that are still on the map (and so must be kept true). */
export const LIVE_STATUSES = ['active', 'temporarily closed'] as const;

export interface ListingFactsRow extends ListingFacts {
  serviceId: string;
  name: string;
  status: string;
  organizationId: string;
  organizationName: string;
  verifiedBy: string | null;
}

const dateText = (v: unknown): string | null => (v == null ? null : String(v).slice(0, 10));

/** The facts for every live listing (or only the given ones), by organisation and name. */
export async function loadListingFacts(db: Executor, opts: { serviceIds?: readonly string[] } = {}): Promise<ListingFactsRow[]> {
  if (opts.serviceIds && opts.serviceIds.length === 0) return [];
  let q = db
    .selectFrom('service as s')
    .innerJoin('organization as o', 'o.id', 's.organization_id')
    .leftJoin('belong_service as b', 'b.service_id', 's.id')
    .select([
      's.id',
      's.name',
      's.status',
      's.organization_id',
      'o.name as organization_name',
      's.assured_date',
      'b.review_due',
      'b.verified_by',
      'b.safeguarding_policy',
      'b.safeguarding_checked_leads',
      'b.trauma_informed_training',
      'b.safeguarding_review_date',
      sql<number>`(select count(*) from language l where l.service_id = s.id)`.as('languages'),
      // `= any(array(…))`, not `in (select …)`: the planner then uses both schedule indexes (a bitmap OR)
      // instead of scanning the whole schedule table once per service.
      sql<number>`(select count(*) from schedule sc where sc.service_id = s.id
        or sc.service_at_location_id = any(array(select sal.id from service_at_location sal where sal.service_id = s.id)))`.as('schedules'),
      sql<number>`(select count(*) from listing_report r where r.service_id = s.id and r.status = 'open')`.as('open_reports'),
    ])
    .where('s.status', 'in', [...LIVE_STATUSES]);
  if (opts.serviceIds) q = q.where('s.id', 'in', [...opts.serviceIds]);
  const rows = await q
    .orderBy(sql`lower(o.name)`)
    .orderBy(sql`lower(s.name)`)
    .orderBy('s.id')
    .execute();
  return rows.map((r) => ({
    serviceId: r.id,
    name: r.name,
    status: r.status,
    organizationId: r.organization_id,
    organizationName: r.organization_name,
    verifiedBy: r.verified_by ?? null,
    reviewDue: dateText(r.review_due),
    verifiedOn: dateText(r.assured_date),
    languages: Number(r.languages),
    schedules: Number(r.schedules),
    safeguardingPolicy: r.safeguarding_policy ?? false,
    safeguardingCheckedLeads: r.safeguarding_checked_leads ?? false,
    traumaInformedTraining: r.trauma_informed_training ?? false,
    safeguardingReviewDate: dateText(r.safeguarding_review_date),
    openReports: Number(r.open_reports),
  }));
}

/** What the review reminders look at for one listing (any status: the caller keeps the live ones). */
export interface ListingDates {
  serviceId: string;
  name: string;
  status: string;
  organizationId: string;
  organizationName: string;
  reviewDue: string | null;
  verifiedOn: string | null;
}

/**
 * One page of listings in id order after `afterId`: the review reminders scan the directory a page
 * at a time (each page one short indexed query), so the job never holds the database for long.
 */
export async function listingDatesPage(db: Executor, afterId: string | null, limit: number): Promise<ListingDates[]> {
  // Lookups per row (primary keys), not joins: with joins the planner merges or hashes whole
  // tables (belong_service from its start, every organisation), so each page costs more than the
  // one before and the scan grows with the square of the directory.
  let q = db
    .selectFrom('service as s')
    .select((eb) => [
      's.id',
      's.name',
      's.status',
      's.organization_id',
      's.assured_date',
      eb.selectFrom('organization as o').select('o.name').whereRef('o.id', '=', 's.organization_id').as('organization_name'),
      eb.selectFrom('belong_service as b').select('b.review_due').whereRef('b.service_id', '=', 's.id').as('review_due'),
    ]);
  if (afterId) q = q.where('s.id', '>', afterId);
  const rows = await q.orderBy('s.id').limit(limit).execute();
  return rows.map((r) => ({
    serviceId: r.id,
    name: r.name,
    status: r.status,
    organizationId: r.organization_id,
    organizationName: r.organization_name ?? '',
    reviewDue: dateText(r.review_due),
    verifiedOn: dateText(r.assured_date),
  }));
}

/** Which of these ids are services, with their current status (locked for the change that follows). */
export async function lockServices(trx: Transaction<DB>, ids: readonly string[]) {
  if (!ids.length) return [];
  return trx
    .selectFrom('service as s')
    .leftJoin('belong_service as b', 'b.service_id', 's.id')
    .select(['s.id', 's.name', 's.status', 's.assured_date', 'b.verified_by', 'b.review_due'])
    .where('s.id', 'in', [...ids])
    .forUpdate('s')
    .execute();
}

type Locked = Awaited<ReturnType<typeof lockServices>>[number];

interface FieldChange {
  serviceId: string;
  field: string;
  previous: string;
  replacement: string;
}

async function logChanges(trx: Transaction<DB>, changes: FieldChange[], updatedBy: string, now: Date): Promise<void> {
  if (!changes.length) return;
  await trx
    .insertInto('metadata')
    .values(
      changes.map((c) => ({
        id: newId(),
        resource_id: c.serviceId,
        resource_type: 'service',
        last_action_type: 'update',
        last_action_date: now,
        field_name: c.field,
        previous_value: c.previous,
        replacement_value: c.replacement,
        updated_by: updatedBy,
      })),
    )
    .execute();
}

const show = (v: unknown) => (v == null ? '' : String(v).slice(0, 10));

/** Verified today by `verifiedBy`, next review on `reviewDue`. Returns the fields changed per service. */
export async function markVerified(
  trx: Transaction<DB>,
  services: readonly Locked[],
  args: { today: string; reviewDue: string; verifiedBy: string; updatedBy: string; now: Date },
): Promise<Map<string, string[]>> {
  const ids = services.map((s) => s.id);
  await trx.updateTable('service').set({ assured_date: args.today, last_modified: args.now }).where('id', 'in', ids).execute();
  await trx
    .insertInto('belong_service')
    .values(ids.map((id) => ({ service_id: id, verified_by: args.verifiedBy, review_due: args.reviewDue })))
    .onConflict((oc) => oc.column('service_id').doUpdateSet({ verified_by: args.verifiedBy, review_due: args.reviewDue }))
    .execute();
  const changes: FieldChange[] = [];
  const changed = new Map<string, string[]>();
  for (const s of services) {
    const fields: FieldChange[] = [];
    if (show(s.assured_date) !== args.today)
      fields.push({ serviceId: s.id, field: 'assured_date', previous: show(s.assured_date), replacement: args.today });
    if ((s.verified_by ?? '') !== args.verifiedBy)
      fields.push({ serviceId: s.id, field: 'verified_by', previous: s.verified_by ?? '', replacement: args.verifiedBy });
    if (show(s.review_due) !== args.reviewDue)
      fields.push({ serviceId: s.id, field: 'review_due', previous: show(s.review_due), replacement: args.reviewDue });
    changes.push(...fields);
    changed.set(
      s.id,
      fields.map((f) => f.field),
    );
  }
  await logChanges(trx, changes, args.updatedBy, args.now);
  return changed;
}

/** Takes services off the map: status "inactive" (public search and the ORUK lists show active services only). */
export async function archiveServices(
  trx: Transaction<DB>,
  services: readonly Locked[],
  args: { updatedBy: string; now: Date },
): Promise<Map<string, string[]>> {
  const ids = services.map((s) => s.id);
  await trx.updateTable('service').set({ status: 'inactive', last_modified: args.now }).where('id', 'in', ids).execute();
  const changes = services
    .filter((s) => s.status !== 'inactive')
    .map((s) => ({ serviceId: s.id, field: 'status', previous: s.status, replacement: 'inactive' }));
  await logChanges(trx, changes, args.updatedBy, args.now);
  return new Map(services.map((s) => [s.id, s.status !== 'inactive' ? ['status'] : []]));
}
