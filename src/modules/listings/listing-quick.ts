/**
 * Quick actions from the "Your listings" page (each takes one tap) and the
 * review flag shown next to each listing. Pure.
 */
import type { ServiceGraph } from '../directory/service-graph.ts';

export const QUICK_ACTIONS = ['places_available', 'full', 'waiting_list', 'stop_referrals', 'start_referrals', 'still_correct'] as const;
export type QuickAction = (typeof QUICK_ACTIONS)[number];

export const isQuickAction = (s: string): s is QuickAction => (QUICK_ACTIONS as readonly string[]).includes(s);

/** How long a check lasts: the next review is this many months after "still correct". */
export const REVIEW_MONTHS = 6;
/** A review this many days away or fewer is "due soon". */
export const DUE_SOON_DAYS = 30;

/** 'YYYY-MM-DD' plus whole months, clamped to the month's last day (31 Aug + 6 months = 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return target.toISOString().slice(0, 10);
}

/** The listing after a quick action. `who` is recorded as the person who checked it. */
export function applyQuickAction(graph: ServiceGraph, action: QuickAction, today: string, who: string): ServiceGraph {
  switch (action) {
    case 'places_available':
    case 'full':
    case 'waiting_list':
      return { ...graph, belong: { ...graph.belong, capacity_status: action } };
    case 'stop_referrals':
    case 'start_referrals':
      return { ...graph, belong: { ...graph.belong, accepting_referrals: action === 'start_referrals' } };
    case 'still_correct':
      return {
        ...graph,
        service: { ...graph.service, assured_date: today },
        belong: { ...graph.belong, review_due: addMonths(today, REVIEW_MONTHS), verified_by: who },
      };
  }
}

export type ReviewFlag = 'overdue' | 'dueSoon' | 'unset' | null;

/** Whether a listing's review is overdue, due within DUE_SOON_DAYS, has no date, or is fine. */
export function reviewFlag(reviewDue: string | null, today: string): ReviewFlag {
  if (!reviewDue) return 'unset';
  if (reviewDue < today) return 'overdue';
  const days = (Date.parse(`${reviewDue}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000;
  return days <= DUE_SOON_DAYS ? 'dueSoon' : null;
}
