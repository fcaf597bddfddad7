/**
 * The person's check-in: "Did you manage to get to <service>?" for each of
 * their attempts that has reached the point where they could have gone, and
 * what each answer does to the referral (always recorded with side 'person').
 * Pure.
 */
import type { AttemptEvent, AttemptState } from '../referrals/referral-states.ts';

/** The states in which the person could have gone (so is asked); once they say they went, it is "attending". */
export const CHECK_IN_STATES: readonly AttemptState[] = ['accepted', 'contact_attempted', 'in_touch', 'first_visit_booked'];
export const CHECK_IN_ANSWERS = ['went', 'not_yet', 'want_help', 'not_going', 'pause'] as const;
export type CheckInAnswer = (typeof CHECK_IN_ANSWERS)[number];

export type CheckInOutcome =
  /** A change to the attempt, through the one transition check. */
  | { kind: 'event'; event: AttemptEvent }
  /** Nothing changes; the connector gets a note (and a nudge when help is asked for). */
  | { kind: 'note'; askForHelp: boolean };

export const isCheckInAnswer = (v: unknown): v is CheckInAnswer =>
  typeof v === 'string' && (CHECK_IN_ANSWERS as readonly string[]).includes(v);

export const asksCheckIn = (state: AttemptState): boolean => CHECK_IN_STATES.includes(state);

/** What an answer does; the person's words go with every answer. A pause needs a reason: their words, or a plain default. */
export function checkInOutcome(answer: CheckInAnswer, words: string | null): CheckInOutcome {
  const note = words?.trim() || undefined;
  switch (answer) {
    case 'went':
      return { kind: 'event', event: { type: 'record_attendance', ...(note ? { note } : {}) } };
    case 'not_going':
      return { kind: 'event', event: { type: 'not_taken_up', reason: 'person_chose_not_to', ...(note ? { note } : {}) } };
    case 'pause':
      return { kind: 'event', event: { type: 'pause', reason: note ?? 'The person asked to pause for now.' } };
    case 'not_yet':
      return { kind: 'note', askForHelp: false };
    case 'want_help':
      return { kind: 'note', askForHelp: true };
  }
}
