/**
 * The problem-report queue, policy-checked (report.view, report.resolve,
 * report.dismiss):
 *
 * - administrators see every report, with the reporter's contact details
 *   when they left any (personal data: each look is audited, listing the
 *   reports whose contact was shown), and resolve or dismiss them;
 * - provider staff see the open reports about the listings their
 *   organisation manages — never the reporter's contact — and mark them
 *   resolved.
 *
 * Closing a report (either way) clears its contact details: they were given
 * only so someone could ask about this report.
 */
import { type Access } from '../../platform/auth/access.ts';
import type { ListingReportKind, ListingReportStatus } from '../../platform/db/schema.ts';
import { DomainError } from '../../platform/http/errors.ts';
import { isUuid } from '../../platform/ids.ts';

export const REPORT_FILTERS = ['open', 'resolved', 'all'] as const;
export type ReportFilter = (typeof REPORT_FILTERS)[number];
export const parseReportFilter = (s: string | undefined): ReportFilter =>
  (REPORT_FILTERS as readonly string[]).includes(s ?? '') ? (s as ReportFilter) : 'open';

/** The most reports one page shows. */
export const QUEUE_LIMIT = 200;
export const MAX_NOTE = 1000;

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

export type CloseResult = { ok: true } | { ok: false; code: 'notOpen' | 'noteTooLong' };

function notFound(): never {
  throw new DomainError('NotFound', 'There is no such report.');
}

export function reportsService(access: Access) {
  const baseQuery = (db: Parameters<Parameters<Access['run']>[3]>[0]) =>
    db
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
  type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['execute']>>[number];
  const toReport = (r: Row, withContact: boolean): QueuedReport => ({
    id: r.id,
    serviceId: r.service_id,
    serviceName: r.service_name,
    organizationName: r.organization_name,
    kind: r.kind,
    details: r.details,
    contact: withContact ? r.contact : null,
    language: r.language,
    createdAt: r.created_at,
    status: r.status,
    resolutionNote: r.resolution_note,
    resolvedByName: r.resolved_by_name,
    resolvedAt: r.resolved_at,
  });

  /** Which directory organisation a report's listing belongs to (ids only), or NotFound. */
  async function reportOwner(reportId: string): Promise<string> {
    if (!isUuid(reportId)) notFound();
    const row = await access.lookup((db) =>
      db
        .selectFrom('listing_report as r')
        .innerJoin('service as s', 's.id', 'r.service_id')
        .select('s.organization_id')
        .where('r.id', '=', reportId)
        .executeTakeFirst(),
    );
    if (!row) notFound();
    return row.organization_id;
  }

  async function close(reportId: string, outcome: 'resolved' | 'dismissed', note: string): Promise<CloseResult> {
    const owner = await reportOwner(reportId);
    const trimmed = note.trim();
    if ([...trimmed].length > MAX_NOTE) return { ok: false, code: 'noteTooLong' };
    return access.run(
      outcome === 'resolved' ? 'report.resolve' : 'report.dismiss',
      { listingOrganizationIds: [owner] },
      { subjectType: 'listing_report', subjectId: reportId, reason: trimmed || null, details: { outcome } },
      async (trx, actor) => {
        const done = await trx
          .updateTable('listing_report')
          .set({
            status: outcome,
            resolution_note: trimmed || null,
            resolved_by: actor.accountId,
            resolved_at: access.now(),
            contact: null,
          })
          .where('id', '=', reportId)
          .where('status', '=', 'open')
          .executeTakeFirst();
        return Number(done.numUpdatedRows) === 1 ? { ok: true as const } : { ok: false as const, code: 'notOpen' as const };
      },
    );
  }

  return {
    /** The whole queue, newest first (administrators), with contact details. */
    queue(filter: ReportFilter): Promise<QueuedReport[]> {
      return access.run(
        'report.view',
        {},
        (list: QueuedReport[]) => ({
          subjectType: 'listing_report',
          subjectId: null,
          details: { filter, shown: list.length, contactShownFor: list.filter((r) => r.contact !== null).map((r) => r.id) },
        }),
        async (trx) => {
          let q = baseQuery(trx);
          if (filter === 'open') q = q.where('r.status', '=', 'open');
          if (filter === 'resolved') q = q.where('r.status', '!=', 'open');
          const rows = await q.orderBy('r.created_at', 'desc').orderBy('r.id').limit(QUEUE_LIMIT).execute();
          return rows.map((r) => toReport(r, true));
        },
      );
    },

    /** Open reports about the listings of these directory organisations (provider staff: their own), newest first, without contact details. */
    forListings(organizationIds: readonly string[]): Promise<QueuedReport[]> {
      const ids = [...new Set(organizationIds)].sort();
      return access.run(
        'report.view',
        { listingOrganizationIds: ids },
        (list: QueuedReport[]) => ({
          subjectType: 'listing_report',
          subjectId: null,
          details: { organizationIds: ids, shown: list.length },
        }),
        async (trx) => {
          if (!ids.length) return []; // no listings (an administrator's own organisation): `in ()` is not SQL
          const rows = await baseQuery(trx)
            .where('r.status', '=', 'open')
            .where('s.organization_id', 'in', ids)
            .orderBy('r.created_at', 'desc')
            .orderBy('r.id')
            .limit(QUEUE_LIMIT)
            .execute();
          return rows.map((r) => toReport(r, false));
        },
      );
    },

    /** Marks an open report resolved (administrators; provider staff for their own listings). */
    resolve: (reportId: string, note: string) => close(reportId, 'resolved', note),
    /** Dismisses an open report (nothing to change; administrators only). */
    dismiss: (reportId: string, note: string) => close(reportId, 'dismissed', note),
  };
}

export type ReportsService = ReturnType<typeof reportsService>;
