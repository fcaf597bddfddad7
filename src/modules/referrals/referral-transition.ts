/**
 * Applies one event to a referral attempt: the single pure check every
 * change goes through (the service layer stores what it returns, under a row
 * lock and a version check, with who/when/why and an audit entry).
 */
import {
  CLOSED_STATES,
  BUDDY_OUTCOMES,
  COMPLETION_OUTCOMES,
  CONTACT_CHANNELS,
  DECLINE_REASONS,
  IDEMPOTENT_EVENTS,
  NOT_TAKEN_UP_REASONS,
  TRANSITIONS,
  type AttemptEvent,
  type AttemptState,
  type Companion,
  type Side,
} from './referral-states.ts';

export interface AttemptSnapshot {
  state: AttemptState;
  /** The state it was in before a pause (where "resume" returns to). */
  pausedFrom: AttemptState | null;
  contactAttempts: number;
  firstVisit: { date: string; companion: Companion | null } | null;
  /** Bumped by every change; the store refuses a change made from an older version. */
  version: number;
}

export type TransitionError =
  | 'closed' // the attempt is closed: nothing more can happen to it
  | 'wrong_state' // this event does not apply in the current state
  | 'wrong_side' // this side may not record this event
  | 'no_consent' // sending needs the person's consent to share with this recipient
  | 'recipient_unavailable' // the service is full, paused or not taking referrals
  | 'reason_required'
  | 'unknown_reason'
  | 'bad_date'
  | 'companion_name_required';

export interface TransitionContext {
  side: Side;
  /** For `send`: the person has agreed to share with this recipient (a live consent). */
  consentToShare?: boolean;
  /** For `send`: the service can take a new referral (active, not full, accepting referrals). */
  recipientAvailable?: boolean;
}

export type TransitionResult =
  | { ok: true; changed: false; state: AttemptState }
  | { ok: true; changed: true; from: AttemptState; to: AttemptState; next: AttemptSnapshot }
  | { ok: false; error: TransitionError };

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const validDate = (d: string): boolean =>
  DATE.test(d) && !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d);
const blank = (s: string | undefined): boolean => !s || s.trim().length === 0;

/** Checks an event's own fields (reasons, dates, names), whatever the state. */
function payloadError(e: AttemptEvent): TransitionError | null {
  switch (e.type) {
    case 'decline':
      if (!DECLINE_REASONS.includes(e.reason)) return 'unknown_reason';
      if (e.reason === 'other' && blank(e.note)) return 'reason_required';
      return null;
    case 'not_taken_up':
      return NOT_TAKEN_UP_REASONS.includes(e.reason) ? null : 'unknown_reason';
    case 'complete':
      return COMPLETION_OUTCOMES.includes(e.outcome) ? null : 'unknown_reason';
    case 'record_contact_attempt':
      return CONTACT_CHANNELS.includes(e.channel) ? null : 'unknown_reason';
    case 'book_first_visit':
      if (!validDate(e.date)) return 'bad_date';
      if (e.companion && blank(e.companion.name)) return 'companion_name_required';
      return null;
    case 'record_buddy_session':
      if (!BUDDY_OUTCOMES.includes(e.outcome)) return 'unknown_reason';
      return Number.isInteger(e.session) && e.session >= 1 ? null : 'wrong_state';
    case 'record_attendance':
      return e.date === undefined || validDate(e.date) ? null : 'bad_date';
    case 'pause':
    case 'withdraw':
    case 'mark_entered_in_error':
      return blank(e.reason) ? 'reason_required' : null;
    default:
      return null;
  }
}

/**
 * Where a contact attempt leaves an attempt: "we reached them" moves it on to
 * "in touch"; a try that did not reach them is "contact attempted". Neither
 * undoes what is further along (in touch, a first visit booked).
 */
function afterContact(state: AttemptState, reached: boolean): AttemptState {
  if (state === 'first_visit_booked') return state;
  if (reached) return 'in_touch';
  return state === 'in_touch' ? state : 'contact_attempted';
}

export function applyEvent(current: AttemptSnapshot, event: AttemptEvent, ctx: TransitionContext): TransitionResult {
  const rule = TRANSITIONS[event.type];
  if (!rule.by.includes(ctx.side)) return { ok: false, error: 'wrong_side' };
  const bad = payloadError(event);
  if (bad) return { ok: false, error: bad };
  const target =
    rule.to === 'resume'
      ? current.pausedFrom
      : event.type === 'record_contact_attempt'
        ? afterContact(current.state, event.reached)
        : event.type === 'record_buddy_session' && event.outcome !== 'went_together'
          ? current.state
          : rule.to;
  // A repeated click on something already done changes nothing.
  if (IDEMPOTENT_EVENTS.has(event.type) && target === current.state) return { ok: true, changed: false, state: current.state };
  if (current.state === 'entered_in_error' || (CLOSED_STATES.has(current.state) && event.type !== 'mark_entered_in_error'))
    return { ok: false, error: 'closed' };
  if (!rule.from.includes(current.state)) return { ok: false, error: 'wrong_state' };
  if (event.type === 'send') {
    if (!ctx.consentToShare) return { ok: false, error: 'no_consent' };
    if (!ctx.recipientAvailable) return { ok: false, error: 'recipient_unavailable' };
  }
  if (!target) return { ok: false, error: 'wrong_state' };

  const next: AttemptSnapshot = { ...current, state: target, version: current.version + 1 };
  if (event.type === 'pause') next.pausedFrom = current.state;
  if (event.type === 'resume') next.pausedFrom = null;
  if (event.type === 'record_contact_attempt') next.contactAttempts = current.contactAttempts + 1;
  if (event.type === 'book_first_visit') next.firstVisit = { date: event.date, companion: event.companion };
  return { ok: true, changed: true, from: current.state, to: target, next };
}

/** A fresh attempt, waiting for consent. */
export const newAttempt = (): AttemptSnapshot => ({ state: 'draft', pausedFrom: null, contactAttempts: 0, firstVisit: null, version: 0 });
