/**
 * The data-quality view and its bulk actions, for administrators
 * (quality.view, quality.bulk_update, quality.send_reminders).
 *
 * Bulk actions ("mark verified": verified today by the administrator, next
 * review in six months; "archive": status inactive, so the listing leaves
 * public search and the ORUK lists) run in one transaction, write the HSDS
 * change log, and leave one audit entry per service besides the summary
 * entry `access.run` writes — all or nothing.
 */
import { appendAuditEvent } from '../../platform/audit/audit.repository.ts';
import type { Access } from '../../platform/auth/access.ts';
import { isUuid } from '../../platform/ids.ts';
import type { Notifier } from '../../platform/notify/notifier.ts';
import { londonLocal } from '../directory/schedule.ts';
import { addMonths, countProblems, qualityProblems, REVIEW_INTERVAL_MONTHS, type QualityProblem } from './freshness.ts';
import { archiveServices, loadListingFacts, lockServices, markVerified, type ListingFactsRow } from './quality.repository.ts';
import { claimReviewReminders, findStaleListings, type ReminderRun } from './reminders.ts';

export const BULK_ACTIONS = ['verify', 'archive'] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];
/** The most listings one bulk action takes (and one page lists). */
export const BULK_LIMIT = 500;

export interface QualityListing extends ListingFactsRow {
  problems: QualityProblem[];
}

export interface QualityOverview {
  today: string;
  /** Live listings in all. */
  total: number;
  counts: Record<QualityProblem, number>;
  /** Listings with the chosen problem (or with any problem), up to BULK_LIMIT. */
  listings: QualityListing[];
  /** How many matched in all (may be more than listed). */
  matched: number;
}

export type BulkProblem = 'noneChosen' | 'tooMany' | 'badAction' | 'unknownListings';
export type BulkResult = { ok: true; value: { action: BulkAction; count: number } } | { ok: false; problem: BulkProblem };

const isBulkAction = (s: string): s is BulkAction => (BULK_ACTIONS as readonly string[]).includes(s);

export function qualityService(access: Access) {
  const today = () => londonLocal(access.now()).date;
  return {
    /** Counts of each problem and the listings that have `problem` (or any problem when null). */
    overview(problem: QualityProblem | null): Promise<QualityOverview> {
      // Listing facts hold no personal data, so the look is not audited (a refusal still is).
      return access.run('quality.view', {}, null, async (trx) => {
        const day = today();
        const all = (await loadListingFacts(trx)).map((f) => ({ ...f, problems: qualityProblems(f, day) }));
        const matching = all.filter((l) => (problem ? l.problems.includes(problem) : l.problems.length > 0));
        return {
          today: day,
          total: all.length,
          counts: countProblems(all.map((l) => l.problems)),
          listings: matching.slice(0, BULK_LIMIT),
          matched: matching.length,
        };
      });
    },

    /** Marks the chosen listings verified, or archives them, all in one transaction. */
    async bulk(action: string, rawIds: readonly string[], reason?: string): Promise<BulkResult> {
      const ids = [...new Set(rawIds.map((s) => s.trim().toLowerCase()).filter(Boolean))];
      if (!isBulkAction(action)) return { ok: false, problem: 'badAction' };
      if (!ids.length) return { ok: false, problem: 'noneChosen' };
      if (ids.length > BULK_LIMIT) return { ok: false, problem: 'tooMany' };
      if (!ids.every(isUuid)) return { ok: false, problem: 'unknownListings' };
      return access.run(
        'quality.bulk_update',
        {},
        (r: BulkResult) => ({
          action: `quality.bulk_${action}`,
          subjectType: 'service',
          subjectId: null,
          reason: reason?.trim() || null,
          details: { ok: r.ok, serviceIds: ids },
        }),
        async (trx, actor) => {
          const services = await lockServices(trx, ids);
          if (services.length !== ids.length) return { ok: false, problem: 'unknownListings' } as const;
          const now = access.now();
          const day = today();
          const updatedBy = `staff:${actor.accountId}`;
          const changed =
            action === 'verify'
              ? await markVerified(trx, services, {
                  today: day,
                  reviewDue: addMonths(day, REVIEW_INTERVAL_MONTHS),
                  verifiedBy: `${actor.name} (${actor.organisationName})`,
                  updatedBy,
                  now,
                })
              : await archiveServices(trx, services, { updatedBy, now });
          for (const s of services) {
            await appendAuditEvent(trx, access.origin(), {
              action: action === 'verify' ? 'listing.mark_verified' : 'listing.archive',
              subjectType: 'service',
              subjectId: s.id,
              reason: reason?.trim() || null,
              details: { changedFields: changed.get(s.id) ?? [], bulk: true },
            });
          }
          return { ok: true, value: { action, count: services.length } } as const;
        },
      );
    },

    /** Sends the review reminders that are due now (the same job the server runs daily). */
    async sendRemindersNow(notifier: Notifier, opts: { baseUrl?: string } = {}): Promise<ReminderRun> {
      // The directory is read a page at a time before the (short) transaction that decides and
      // records; only for someone who may do this (listing dates are public directory facts).
      const stale = access.can('quality.send_reminders')
        ? await access.lookup((db) => findStaleListings(db, londonLocal(access.now()).date))
        : [];
      return access.run(
        'quality.send_reminders',
        {},
        (r: ReminderRun) => ({
          subjectType: 'review_reminder',
          subjectId: null,
          details: { notices: r.notices.length, staleListings: r.staleListings },
        }),
        (trx) => claimReviewReminders(trx, access.now(), { ...opts, stale, notifier }),
      );
    },
  };
}

export type QualityService = ReturnType<typeof qualityService>;
