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
import { DomainError } from '../../platform/http/errors.ts';
import { isUuid } from '../../platform/ids.ts';
import { closeReport, queuedReports, reportOwner, type QueuedReport } from './report-queue.repository.ts';

export const REPORT_FILTERS = ['open', 'resolved', 'all'] as const;
export type ReportFilter = (typeof REPORT_FILTERS)[number];
export const parseReportFilter = (s: string | undefined): ReportFilter =>
  (REPORT_FILTERS as readonly string[]).includes(s ?? '') ? (s as ReportFilter) : 'open';

/** The most reports one page shows. */
export const QUEUE_LIMIT = 200;
export const MAX_NOTE = 1000;

export type { QueuedReport };

export type CloseResult = { ok: true } | { ok: false; code: 'notOpen' | 'noteTooLong' };

function notFound(): never {
  throw new DomainError('NotFound', 'There is no such report.');
}

export function reportsService(access: Access) {
  /** Which directory organisation a report's listing belongs to (ids only), or NotFound. */
  async function ownerOf(reportId: string): Promise<string> {
    if (!isUuid(reportId)) notFound();
    const owner = await access.lookup((db) => reportOwner(db, reportId));
    if (!owner) notFound();
    return owner;
  }

  async function close(reportId: string, outcome: 'resolved' | 'dismissed', note: string): Promise<CloseResult> {
    const owner = await ownerOf(reportId);
    const trimmed = note.trim();
    if ([...trimmed].length > MAX_NOTE) return { ok: false, code: 'noteTooLong' };
    return access.run(
      outcome === 'resolved' ? 'report.resolve' : 'report.dismiss',
      { listingOrganizationIds: [owner] },
      { subjectType: 'listing_report', subjectId: reportId, reason: trimmed || null, details: { outcome } },
      async (trx, actor) => {
        const closed = await closeReport(trx, reportId, { status: outcome, note: trimmed || null, by: actor.accountId, at: access.now() });
        return closed ? { ok: true as const } : { ok: false as const, code: 'notOpen' as const };
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
        (trx) =>
          queuedReports(trx, {
            state: filter === 'resolved' ? 'closed' : filter === 'open' ? 'open' : 'any',
            withContact: true,
            limit: QUEUE_LIMIT,
          }),
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
        // No listings (an administrator's own organisation): nothing to show, and `in ()` is not SQL.
        async (trx) =>
          ids.length ? queuedReports(trx, { state: 'open', organizationIds: ids, withContact: false, limit: QUEUE_LIMIT }) : [],
      );
    },

    /** Marks an open report resolved (administrators; provider staff for their own listings). */
    resolve: (reportId: string, note: string) => close(reportId, 'resolved', note),
    /** Dismisses an open report (nothing to change; administrators only). */
    dismiss: (reportId: string, note: string) => close(reportId, 'dismissed', note),
  };
}

export type ReportsService = ReturnType<typeof reportsService>;
