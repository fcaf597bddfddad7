/**
 * Change requests (listing_change): sensitive changes to a listing that wait
 * for an administrator's decision, for listings.service.ts (which
 * policy-checks and audits).
 */
import type { Executor } from '../../platform/db/executor.ts';
import type { ListingChangeStatus } from '../../platform/db/schema.ts';
import { newId } from '../../platform/ids.ts';
import type { FieldChange } from './listing-changes.ts';

export interface ChangeRequest {
  id: string;
  serviceId: string;
  serviceName: string;
  organizationName: string;
  requestedBy: string;
  requestedByOrganisation: string;
  requestedAt: Date;
  changes: FieldChange[];
  status: ListingChangeStatus;
  decidedBy: string | null;
  decidedAt: Date | null;
  note: string | null;
}

/** The most change requests one read returns. */
const MAX_LIST = 200;

/** Change requests with these ids, for this service, or in this state; oldest first. */
export async function changeRequests(
  db: Executor,
  where: { ids?: string[]; serviceId?: string; status?: ListingChangeStatus },
): Promise<ChangeRequest[]> {
  let q = db
    .selectFrom('listing_change as c')
    .innerJoin('service as s', 's.id', 'c.service_id')
    .innerJoin('organization as o', 'o.id', 's.organization_id')
    .innerJoin('staff_account as a', 'a.id', 'c.requested_by')
    .innerJoin('staff_organisation as so', 'so.id', 'a.organisation_id')
    .leftJoin('staff_account as d', 'd.id', 'c.decided_by')
    .select([
      'c.id',
      'c.service_id',
      'c.requested_at',
      'c.changes',
      'c.status',
      'c.decided_at',
      'c.note',
      's.name as service_name',
      'o.name as organization_name',
      'a.name as requested_by',
      'so.name as requested_by_org',
      'd.name as decided_by',
    ]);
  if (where.ids) q = q.where('c.id', 'in', where.ids.length ? where.ids : ['00000000-0000-0000-0000-000000000000']);
  if (where.serviceId) q = q.where('c.service_id', '=', where.serviceId);
  if (where.status) q = q.where('c.status', '=', where.status);
  const rows = await q.orderBy('c.requested_at').orderBy('c.id').limit(MAX_LIST).execute();
  return rows.map((r) => ({
    id: r.id,
    serviceId: r.service_id,
    serviceName: r.service_name,
    organizationName: r.organization_name,
    requestedBy: r.requested_by,
    requestedByOrganisation: r.requested_by_org,
    requestedAt: r.requested_at,
    changes: (typeof r.changes === 'string' ? JSON.parse(r.changes) : r.changes) as FieldChange[],
    status: r.status,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at,
    note: r.note,
  }));
}

export async function insertChangeRequest(
  db: Executor,
  request: { serviceId: string; requestedBy: string; requestedAt: Date; changes: FieldChange[] },
): Promise<void> {
  await db
    .insertInto('listing_change')
    .values({
      id: newId(),
      service_id: request.serviceId,
      requested_by: request.requestedBy,
      requested_at: request.requestedAt,
      changes: JSON.stringify(request.changes),
    })
    .execute();
}

/** A change request's service and state, its row locked until the transaction ends; null when there is none. */
export async function lockChangeRequest(db: Executor, id: string): Promise<{ serviceId: string; status: ListingChangeStatus } | null> {
  const row = await db.selectFrom('listing_change').select(['service_id', 'status']).where('id', '=', id).forUpdate().executeTakeFirst();
  return row ? { serviceId: row.service_id, status: row.status } : null;
}

export async function recordDecision(
  db: Executor,
  id: string,
  decision: { status: 'approved' | 'rejected'; decidedBy: string; decidedAt: Date; note: string | null },
): Promise<void> {
  await db
    .updateTable('listing_change')
    .set({ status: decision.status, decided_by: decision.decidedBy, decided_at: decision.decidedAt, note: decision.note })
    .where('id', '=', id)
    .execute();
}
