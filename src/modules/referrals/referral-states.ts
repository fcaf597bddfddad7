/**
 * The life of a referral attempt (one person, one need, one service it was
 * sent to), as a table: which event moves it from which states to which
 * state, and which side may record it. `referral-transition.ts` applies it.
 *
 * One referral is made per need; it gets one attempt per service it is sent
 * to. When an attempt is declined or expires, the connector re-routes: the
 * old attempt is closed as "redirected" (or stays declined/expired) and a new
 * attempt is opened for another service, so the person's story stays whole.
 *
 * Sides: the referrer (the connector's organisation), the recipient (the
 * provider the attempt was sent to), the person themselves (their own word
 * counts: "did you get there?"), and the system (deadlines).
 */

export const ATTEMPT_STATES = [
  'draft', // waiting for consent
  'sent',
  'acknowledged',
  'accepted',
  'waiting_list',
  'declined',
  'contact_attempted',
  'in_touch', // the recipient reached the person ("we reached them"); next, a first visit
  'first_visit_booked',
  'attending',
  'paused',
  'completed',
  'not_taken_up',
  'withdrawn',
  'expired',
  'redirected',
  'moved_area',
  'entered_in_error',
] as const;
export type AttemptState = (typeof ATTEMPT_STATES)[number];

/** States an attempt never leaves. */
export const CLOSED_STATES: ReadonlySet<AttemptState> = new Set([
  'declined',
  'completed',
  'not_taken_up',
  'withdrawn',
  'expired',
  'redirected',
  'moved_area',
  'entered_in_error',
]);

/** Still with the recipient and not yet started: where withdrawal, re-routing and expiry apply. */
const WAITING_FOR_RECIPIENT: readonly AttemptState[] = ['sent', 'acknowledged'];
/** Open and past the draft. */
const LIVE: readonly AttemptState[] = [
  'sent',
  'acknowledged',
  'accepted',
  'waiting_list',
  'contact_attempted',
  'in_touch',
  'first_visit_booked',
  'attending',
  'paused',
];

/** Why a service cannot be sent a new referral now (it is gone, inactive, full, paused, or nobody on Belong receives it). */
export type ServiceProblem = 'no_such_service' | 'inactive' | 'full' | 'not_accepting' | 'no_recipient';

export const DECLINE_REASONS = ['full', 'not_eligible', 'cannot_meet_language_need', 'safeguarding', 'other'] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];

export const NOT_TAKEN_UP_REASONS = ['could_not_reach', 'person_chose_not_to'] as const;
export type NotTakenUpReason = (typeof NOT_TAKEN_UP_REASONS)[number];

export const COMPLETION_OUTCOMES = ['need_met', 'going_independently'] as const;
export type CompletionOutcome = (typeof COMPLETION_OUTCOMES)[number];

export const CONTACT_CHANNELS = ['phone', 'text', 'email', 'in_person', 'letter', 'through_connector'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

/** "How did it go", said by a travel buddy after a session they were booked for. */
export const BUDDY_OUTCOMES = ['went_together', 'person_did_not_come', 'buddy_could_not_go'] as const;
export type BuddyOutcome = (typeof BUDDY_OUTCOMES)[number];

export type Side = 'referrer' | 'recipient' | 'person' | 'system';

export interface Companion {
  kind: 'volunteer' | 'staff';
  /** Staff account id of the volunteer or staff member, when they have one. */
  accountId: string | null;
  name: string;
}

export type AttemptEvent =
  | { type: 'send' }
  | { type: 'acknowledge' }
  | { type: 'accept' }
  | { type: 'waitlist'; note?: string }
  | { type: 'decline'; reason: DeclineReason; note?: string }
  | { type: 'record_contact_attempt'; channel: ContactChannel; interpreterUsed: boolean; reached: boolean; note?: string }
  | { type: 'book_first_visit'; date: string; companion: Companion | null; note?: string }
  | { type: 'record_attendance'; date?: string; note?: string }
  | { type: 'record_buddy_session'; outcome: BuddyOutcome; session: number; note?: string }
  | { type: 'pause'; reason: string }
  | { type: 'resume' }
  | { type: 'complete'; outcome: CompletionOutcome; note?: string }
  | { type: 'not_taken_up'; reason: NotTakenUpReason; note?: string }
  | { type: 'withdraw'; reason: string }
  | { type: 'expire' }
  | { type: 'redirect'; toServiceId: string | null; note?: string }
  | { type: 'move_area' }
  | { type: 'mark_entered_in_error'; reason: string };

export type EventType = AttemptEvent['type'];

export interface TransitionRule {
  from: readonly AttemptState[];
  /** Where it goes; `resume` goes back to the state it was paused from. */
  to: AttemptState | 'resume';
  by: readonly Side[];
}

/** The table. Read as: "<event> moves an attempt in <from> to <to>, recorded by <by>". */
export const TRANSITIONS: Readonly<Record<EventType, TransitionRule>> = {
  send: { from: ['draft'], to: 'sent', by: ['referrer'] },
  acknowledge: { from: ['sent'], to: 'acknowledged', by: ['recipient'] },
  accept: { from: ['sent', 'acknowledged', 'waiting_list'], to: 'accepted', by: ['recipient'] },
  waitlist: { from: ['sent', 'acknowledged', 'accepted'], to: 'waiting_list', by: ['recipient'] },
  decline: { from: ['sent', 'acknowledged', 'waiting_list'], to: 'declined', by: ['recipient'] },
  // A contact that reached the person moves it on to "in touch" (referral-transition.ts).
  record_contact_attempt: {
    from: ['accepted', 'waiting_list', 'contact_attempted', 'in_touch', 'first_visit_booked'],
    to: 'contact_attempted',
    by: ['recipient', 'referrer'],
  },
  book_first_visit: {
    from: ['accepted', 'waiting_list', 'contact_attempted', 'in_touch', 'first_visit_booked'],
    to: 'first_visit_booked',
    by: ['recipient', 'referrer'],
  },
  record_attendance: {
    from: ['accepted', 'contact_attempted', 'in_touch', 'first_visit_booked', 'paused'],
    to: 'attending',
    by: ['recipient', 'referrer', 'person'],
  },
  // A travel buddy's "how did it go": went together => attending; otherwise it stays where it is and
  // the connector is asked to follow up (referral-transition.ts, referral-deadlines.ts).
  record_buddy_session: { from: ['first_visit_booked', 'attending'], to: 'attending', by: ['recipient', 'referrer'] },
  pause: {
    from: ['accepted', 'waiting_list', 'contact_attempted', 'in_touch', 'first_visit_booked', 'attending'],
    to: 'paused',
    by: ['recipient', 'referrer', 'person'],
  },
  resume: { from: ['paused'], to: 'resume', by: ['recipient', 'referrer', 'person'] },
  complete: { from: ['attending', 'paused'], to: 'completed', by: ['recipient', 'referrer'] },
  not_taken_up: {
    from: ['accepted', 'waiting_list', 'contact_attempted', 'in_touch', 'first_visit_booked', 'attending', 'paused'],
    to: 'not_taken_up',
    by: ['recipient', 'referrer', 'person'],
  },
  withdraw: { from: ['draft', ...LIVE], to: 'withdrawn', by: ['referrer', 'person'] },
  expire: { from: WAITING_FOR_RECIPIENT, to: 'expired', by: ['system'] },
  redirect: { from: ['draft', ...LIVE], to: 'redirected', by: ['referrer'] },
  move_area: { from: ['draft', ...LIVE], to: 'moved_area', by: ['referrer'] },
  mark_entered_in_error: {
    from: ['draft', ...LIVE, ...CLOSED_STATES].filter((s) => s !== 'entered_in_error') as AttemptState[],
    to: 'entered_in_error',
    by: ['referrer', 'recipient'],
  },
};

/** Events that repeat harmlessly: recording one again in its own target state changes nothing (a double click). */
export const IDEMPOTENT_EVENTS: ReadonlySet<EventType> = new Set([
  'send',
  'acknowledge',
  'accept',
  'waitlist',
  'decline',
  'withdraw',
  'expire',
  'move_area',
  'complete',
  'not_taken_up',
]);

/**
 * Every type a row of a referral's history can have: the life-cycle events
 * above, and the notes written beside them (the service chosen, a re-route,
 * a reminder, consent withdrawn, the person's check-in answers that change
 * nothing). Every page that lists history has words for each of these.
 */
export const HISTORY_NOTE_TYPES = [
  'choose_service',
  'reroute',
  'nudge',
  'share_consent_withdrawn',
  'check_in_not_yet',
  'check_in_help_asked',
] as const;
export type HistoryEventType = EventType | (typeof HISTORY_NOTE_TYPES)[number];
export const HISTORY_EVENT_TYPES: readonly HistoryEventType[] = [...(Object.keys(TRANSITIONS) as EventType[]), ...HISTORY_NOTE_TYPES];
