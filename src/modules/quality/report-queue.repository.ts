/**
 * The problem-report queue as staff work through it: reading reports with
 * their listing, and closing one. For reports.service.ts, which
 * policy-checks, audits and decides who sees the reporter's contact.
 */
import type { Executor } from '../../platform/db/executor.ts';
import type { ListingReportKind, ListingReportStatus } from '../../platform/db/schema.ts';

export interface QueuedReport {
  id: string;
  serviceId: string;
  serviceName: string;
  organizationName: string;
  kind: ListingReportKind;
  details: string | null;
  /** Administrators only; null for provider staff and once the report is closed. */
  contact: string | null;
  language: string;
  createdAt: Date;
  status: ListingReportStatus;
  resolutionNote: string | null;
  resolvedByName: string | null;
  resolvedAt: Date | null;
}

/**
 * Reports, newest first, at most `limit`: open ones, closed ones (resolved or
 * dismissed) or both; only about listings of `organizationIds` when given;
 * with the reporter's contact only when `withContact`.
 */
export async function queuedReports(
  db: Executor,
  opts: { state: 'open' | 'closed' | 'any'; organizationIds?: readonly string[]; withContact: boolean; limit: number },
): Promise<QueuedReport[]> {
  let q = db
    .selectFrom('listing_report as r')
    .innerJoin('service as s', 's.id', 'r.service_id')
    .innerJoin('organization as o', 'o.id', 's.organization_id')
    .leftJoin('staff_account as a', 'a.id', 'r.resolved_by')
    .select([
      'r.id',
      'r.service_id',
      's.name as service_name',
      'o.name as organization_name',
      'r.kind',
      'r.details',
      'r.contact',
      'r.language',
      'r.created_at',
      'r.status',
      'r.resolution_note',
      'a.name as resolved_by_name',
      'r.resolved_at',
    ]);
  if (opts.state === 'open') q = q.where('r.status', '=', 'open');
  if (opts.state === 'closed') q = q.where('r.status', '!=', 'open');
  if (opts.organizationIds) q = q.where('s.organization_id', 'in', opts.organizationIds);
  const rows = await q.orderBy('r.created_at', 'desc').orderBy('r.id').limit(opts.limit).execute();
  return rows.map((r) => ({
    id: r.id,
    serviceId: r.service_id,
    serviceName: r.service_name,
    organizationName: r.organization_name,
    kind: r.kind,
    details: r.details,
    contact: opts.withContact ? r.contact : null,
    language: r.language,
    createdAt: r.created_at,
    status: r.status,
    resolutionNote: r.resolution_note,
    resolvedByName: r.resolved_by_name,
    resolvedAt: r.resolved_at,
  }));
}

/** Which directory organisation a report's listing belongs to (an id only), or null when there is no such report. */
export async function reportOwner(db: Executor, reportId: string): Promise<string | null> {
  const row = await db
    .selectFrom('listing_report as r')
    .innerJoin('service as s', 's.id', 'r.service_id')
    .select('s.organization_id')
    .where('r.id', '=', reportId)
    .executeTakeFirst();
  return row?.organization_id ?? null;
}

/** Closes an open report, clearing its contact details; false when it was not open. */
export async function closeReport(
  db: Executor,
  reportId: string,
  close: { status: 'resolved' | 'dismissed'; note: string | null; by: string; at: Date },
): Promise<boolean> {
  const done = await db
    .updateTable('listing_report')
    .set({ status: close.status, resolution_note: close.note, resolved_by: close.by, resolved_at: close.at, contact: null })
    .where('id', '=', reportId)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(done.numUpdatedRows) === 1;
}
