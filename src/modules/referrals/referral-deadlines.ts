/**
 * Follow-up that nobody can forget: after every change an open attempt has a
 * next step, an owner and a due date. Defaults follow the issue: acknowledge
 * within 5 working days; check with the person a few days after the first
 * visit; review at 6 weeks (overdue after 8). An attempt nobody acknowledges
 * is nudged when its step falls due and expires after `expireAfterWorkingDays`.
 */
import type { AttemptSnapshot } from './referral-transition.ts';
import type { Side } from './referral-states.ts';
import { addCalendarDays, addWorkingDays, type HolidayOptions } from './working-days.ts';

export type StepTask =
  | 'get_consent_and_send'
  | 'acknowledge'
  | 'respond'
  | 'make_contact'
  | 'arrange_first_visit'
  | 'check_waiting_list'
  | 'check_in_after_first_visit'
  | 'review_at_six_weeks'
  | 'review_pause'
  | 'find_something_else'
  | 'follow_up_unreachable'
  | 'follow_up_missed_visit';

export interface NextStep {
  task: StepTask;
  owner: Exclude<Side, 'system'>;
  /** Calendar date the step is due (YYYY-MM-DD). */
  due: string;
  /** After this date the step is "overdue" in red and the system acts (nudge or expiry). */
  lateAfter: string;
}

export interface DeadlineSettings {
  acknowledgeWithinWorkingDays: number;
  respondWithinWorkingDays: number;
  expireAfterWorkingDays: number;
  contactWithinWorkingDays: number;
  checkInDaysAfterFirstVisit: number;
  reviewAfterDays: number;
  reviewLateAfterDays: number;
  waitingListCheckWorkingDays: number;
  holidays?: HolidayOptions;
}

export const DEFAULT_DEADLINES: DeadlineSettings = {
  acknowledgeWithinWorkingDays: 5,
  respondWithinWorkingDays: 5,
  expireAfterWorkingDays: 10,
  contactWithinWorkingDays: 5,
  checkInDaysAfterFirstVisit: 3,
  reviewAfterDays: 42,
  reviewLateAfterDays: 56,
  waitingListCheckWorkingDays: 20,
};

/**
 * The next step for an attempt that has just entered its current state on
 * `since` (YYYY-MM-DD, London date), or null when nothing more is owed.
 */
export function nextStep(
  a: Pick<AttemptSnapshot, 'state' | 'firstVisit'> & { notTakenUpReason?: string | null; missedVisit?: boolean },
  since: string,
  s: DeadlineSettings = DEFAULT_DEADLINES,
): NextStep | null {
  const wd = (n: number) => addWorkingDays(since, n, s.holidays);
  // A travel buddy said a session did not happen: the connector finds out why, soon.
  if (a.missedVisit && (a.state === 'first_visit_booked' || a.state === 'attending'))
    return { task: 'follow_up_missed_visit', owner: 'referrer', due: wd(2), lateAfter: wd(5) };
  switch (a.state) {
    case 'draft':
      return { task: 'get_consent_and_send', owner: 'referrer', due: wd(2), lateAfter: wd(5) };
    case 'sent':
      return { task: 'acknowledge', owner: 'recipient', due: wd(s.acknowledgeWithinWorkingDays), lateAfter: wd(s.expireAfterWorkingDays) };
    case 'acknowledged':
      return { task: 'respond', owner: 'recipient', due: wd(s.respondWithinWorkingDays), lateAfter: wd(s.expireAfterWorkingDays) };
    case 'accepted':
    case 'contact_attempted':
      return {
        task: 'make_contact',
        owner: 'recipient',
        due: wd(s.contactWithinWorkingDays),
        lateAfter: wd(s.contactWithinWorkingDays * 2),
      };
    case 'in_touch':
      return {
        task: 'arrange_first_visit',
        owner: 'recipient',
        due: wd(s.contactWithinWorkingDays),
        lateAfter: wd(s.contactWithinWorkingDays * 2),
      };
    case 'waiting_list':
      return {
        task: 'check_waiting_list',
        owner: 'referrer',
        due: wd(s.waitingListCheckWorkingDays),
        lateAfter: wd(s.waitingListCheckWorkingDays + 5),
      };
    case 'first_visit_booked': {
      const visit = a.firstVisit?.date ?? since;
      const due = addCalendarDays(visit, s.checkInDaysAfterFirstVisit);
      return { task: 'check_in_after_first_visit', owner: 'referrer', due, lateAfter: addWorkingDays(due, 5, s.holidays) };
    }
    case 'attending':
      return {
        task: 'review_at_six_weeks',
        owner: 'referrer',
        due: addCalendarDays(since, s.reviewAfterDays),
        lateAfter: addCalendarDays(since, s.reviewLateAfterDays),
      };
    case 'paused':
      return { task: 'review_pause', owner: 'referrer', due: wd(20), lateAfter: wd(25) };
    case 'declined':
    case 'expired':
      return { task: 'find_something_else', owner: 'referrer', due: wd(2), lateAfter: wd(5) };
    case 'not_taken_up':
      return a.notTakenUpReason === 'could_not_reach'
        ? { task: 'follow_up_unreachable', owner: 'referrer', due: wd(3), lateAfter: wd(8) }
        : null;
    default:
      return null;
  }
}

export type Urgency = 'upcoming' | 'due' | 'overdue';

/** How a step looks on a "today" list for a given London date. */
export function urgency(step: NextStep, today: string): Urgency {
  if (today > step.lateAfter) return 'overdue';
  if (today >= step.due) return 'due';
  return 'upcoming';
}
