/**
 * Travel buddies (pure): reading the form that books a session with a buddy
 * (date, time, meeting point, whether the person agreed the buddy may have
 * their phone number), the buddy's "how did it go" form, which session may be
 * booked next, and how the buddy reaches the person or else the coordinator.
 *
 * A first visit and at most MAX_SESSIONS - 1 sessions after it. Session 1 is
 * booked through the referral's own `book_first_visit` event; "how did it go"
 * is the `record_buddy_session` event (referral-transition.ts).
 */
import { BUDDY_OUTCOMES, type AttemptEvent, type AttemptState, type BuddyOutcome } from './referral-states.ts';
import type { SharedView } from './referral-sharing.ts';

/** The first visit and the first few sessions after it. */
export const MAX_SESSIONS = 4;
export const MAX_MEETING_POINT = 200;
export const MAX_OUTCOME_NOTE = 500;

/** Attempt states in which a session can be booked: session 1 (the first visit) or a later one. */
export const FIRST_SESSION_STATES: readonly AttemptState[] = [
  'accepted',
  'waiting_list',
  'contact_attempted',
  'in_touch',
  'first_visit_booked',
];
export const LATER_SESSION_STATES: readonly AttemptState[] = ['first_visit_booked', 'attending'];

export type SessionProblem =
  'bad_date' | 'bad_time' | 'meeting_point_required' | 'meeting_point_too_long' | 'buddy_required' | 'too_many_sessions' | 'wrong_state';

export interface SessionInput {
  buddyAccountId: string;
  date: string;
  /** HH:MM, 24-hour, London time. */
  time: string;
  meetingPoint: string;
  contactShared: boolean;
}

type Body = Record<string, unknown>;
const text = (b: Body, k: string): string => (typeof b[k] === 'string' ? (b[k] as string).trim() : '');

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export const validDate = (d: string): boolean =>
  DATE.test(d) && !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d);

/** "9:30" is read as "09:30"; anything else that is not a clock time is refused. */
export function normaliseTime(t: string): string | null {
  const m = /^(\d{1,2})[:.](\d{2})$/.exec(t.trim());
  if (!m) return null;
  const hhmm = `${m[1]!.padStart(2, '0')}:${m[2]}`;
  return TIME.test(hhmm) ? hhmm : null;
}

/** Reads the booking form; the buddy's vetting and organisation are checked by the service. */
export function parseSessionForm(
  b: Body,
): { ok: true; value: SessionInput } | { ok: false; problems: SessionProblem[]; value: SessionInput } {
  const rawTime = text(b, 'time');
  const value: SessionInput = {
    buddyAccountId: text(b, 'buddyAccountId').slice(0, 64),
    date: text(b, 'date'),
    time: normaliseTime(rawTime) ?? rawTime.slice(0, 10),
    meetingPoint: text(b, 'meetingPoint').replace(/\s+/g, ' '),
    contactShared: b.contactShared === 'yes',
  };
  const problems: SessionProblem[] = [];
  if (!value.buddyAccountId) problems.push('buddy_required');
  if (!validDate(value.date)) problems.push('bad_date');
  if (!normaliseTime(rawTime)) problems.push('bad_time');
  if (!value.meetingPoint) problems.push('meeting_point_required');
  else if (value.meetingPoint.length > MAX_MEETING_POINT) problems.push('meeting_point_too_long');
  return problems.length ? { ok: false, problems, value } : { ok: true, value };
}

/** Which field a problem is about (for the error summary's link). */
export function sessionProblemField(p: SessionProblem): string {
  switch (p) {
    case 'bad_date':
      return 'date';
    case 'bad_time':
      return 'time';
    case 'meeting_point_required':
    case 'meeting_point_too_long':
      return 'meetingPoint';
    case 'buddy_required':
      return 'buddyAccountId-0';
    default:
      return 'number';
  }
}

/**
 * The number the next session gets, or why none can be booked: session 1 in
 * the states where a first visit can be booked, later ones only once the
 * first visit is booked (or the person attends), never more than MAX_SESSIONS.
 */
export function nextSessionNumber(
  state: AttemptState,
  booked: readonly number[],
): { ok: true; number: number } | { ok: false; error: SessionProblem } {
  const number = booked.length ? Math.max(...booked) + 1 : 1;
  if (number > MAX_SESSIONS) return { ok: false, error: 'too_many_sessions' };
  const states = number === 1 ? FIRST_SESSION_STATES : LATER_SESSION_STATES;
  return states.includes(state) ? { ok: true, number } : { ok: false, error: 'wrong_state' };
}

export type OutcomeProblem = 'outcome_required' | 'note_too_long';

export const isBuddyOutcome = (v: unknown): v is BuddyOutcome => typeof v === 'string' && (BUDDY_OUTCOMES as readonly string[]).includes(v);

/** Reads the buddy's "how did it go" form. */
export function parseOutcomeForm(
  b: Body,
): { ok: true; value: { outcome: BuddyOutcome; note: string | null } } | { ok: false; problems: OutcomeProblem[] } {
  const outcome = text(b, 'outcome');
  const note = text(b, 'note');
  const problems: OutcomeProblem[] = [];
  if (!isBuddyOutcome(outcome)) problems.push('outcome_required');
  if (note.length > MAX_OUTCOME_NOTE) problems.push('note_too_long');
  if (problems.length || !isBuddyOutcome(outcome)) return { ok: false, problems };
  return { ok: true, value: { outcome, note: note || null } };
}

/** The life-cycle event a buddy's answer records for session `number`. */
export function outcomeEvent(outcome: BuddyOutcome, number: number, note: string | null): AttemptEvent {
  return { type: 'record_buddy_session', outcome, session: number, ...(note ? { note } : {}) };
}

/** How the buddy reaches someone about a session. */
export type Reach =
  | { who: 'person'; phone: string; safeToCall: boolean | null; safeToText: boolean | null }
  | { who: 'coordinator'; name: string; email: string; organisation: string };

/**
 * The person's phone only when the booker recorded that the person agreed
 * (contactShared) and their contact details are shared under a consent in
 * force (`shared.contact` present) with a phone in them; otherwise the
 * coordinator who booked it, at work.
 */
export function reachFor(
  contactShared: boolean,
  shared: Pick<SharedView, 'contact'>,
  coordinator: { name: string; email: string; organisation: string },
): Reach {
  const c = shared.contact;
  if (contactShared && c?.phone && (c.safeToCall || c.safeToText))
    return { who: 'person', phone: c.phone, safeToCall: c.safeToCall, safeToText: c.safeToText };
  return { who: 'coordinator', ...coordinator };
}

/** Whether an attempt in `state` can have travel-buddy visits booked or looked at (the link from the referral pages). */
export const canPlanBuddy = (state: AttemptState): boolean => FIRST_SESSION_STATES.includes(state) || LATER_SESSION_STATES.includes(state);
