/**
 * Travel buddies, policy-checked.
 *
 *   - `plan` / `book` (`visit.plan`): whoever arranges the visit — provider
 *     staff of the organisation an attempt was sent to, or a connector of the
 *     organisation that made the referral — books the first visit and up to
 *     three sessions after it, each with a vetted volunteer of their own
 *     organisation, a date, a time and a meeting point. Session 1 is the
 *     referral's own `book_first_visit` event, stored through the one
 *     transition check, in the same transaction as the session.
 *   - `recordOutcome` (`visit.record_outcome`): only the session's buddy says
 *     how it went, once, on or after the day. That is the
 *     `record_buddy_session` event (went together => attending; the person did
 *     not come or the buddy could not go => the connector is asked to follow
 *     up, with a due date, and told at once), audited under the person.
 */
import type { Access } from '../../platform/auth/access.ts';
import { DomainError } from '../../platform/http/errors.ts';
import { createI18n } from '../../platform/i18n/i18n.ts';
import { isUuid, newId } from '../../platform/ids.ts';
import type { Message, Notifier } from '../../platform/notify/notifier.ts';
import {
  MAX_SESSIONS,
  nextSessionNumber,
  outcomeEvent,
  parseOutcomeForm,
  parseSessionForm,
  type OutcomeProblem,
  type SessionInput,
  type SessionProblem,
} from './buddy-sessions.ts';
import {
  attemptForPlanning,
  bookerContact,
  insertSession,
  lockSession,
  saveOutcome,
  sessionOwner,
  sessionsOfAttempt,
  type SessionWithBuddy,
} from './buddy-sessions.repository.ts';
import { londonDate } from './london-date.ts';
import { buddyOptions } from './referral-companion.ts';
import { attemptById } from './referral-inbox.repository.ts';
import { connectorAddress } from './referral-read.repository.ts';
import type { AttemptState, BuddyOutcome } from './referral-states.ts';
import { lockAttempt, storeEvent } from './referral-store.repository.ts';
import type { TransitionError } from './referral-transition.ts';
import type { CompanionOption } from './referral-views.model.ts';

const en = createI18n('en');
const notFound = () => new DomainError('NotFound', 'There is no such referral.');

export interface PlannedSession {
  id: string;
  number: number;
  buddyAccountId: string;
  buddyName: string;
  date: string;
  time: string;
  meetingPoint: string;
  contactShared: boolean;
  outcome: BuddyOutcome | null;
  outcomeNote: string | null;
}

export interface SessionPlan {
  attemptId: string;
  referralId: string;
  serviceName: string;
  state: AttemptState;
  side: 'referrer' | 'recipient';
  sessions: PlannedSession[];
  /** The vetted volunteers of the actor's organisation who could go along. */
  buddies: CompanionOption[];
  /** The number the next session would get, or why none can be booked now. */
  next: { ok: true; number: number } | { ok: false; error: SessionProblem };
  maxSessions: number;
}

export type BookProblem = SessionProblem | 'buddy_not_vetted' | TransitionError | 'stale';
export type BookResult = { ok: true; number: number; sessionId: string } | { ok: false; problems: BookProblem[]; value: SessionInput };

export type OutcomeError = OutcomeProblem | 'already_recorded' | 'not_yet' | TransitionError | 'stale';
export type OutcomeResult = { ok: true; from: AttemptState; to: AttemptState } | { ok: false; problems: OutcomeError[] };

const toPlanned = (s: SessionWithBuddy): PlannedSession => ({
  id: s.id,
  number: s.number,
  buddyAccountId: s.buddy_account_id,
  buddyName: s.buddy_name,
  date: String(s.on_date),
  time: s.at_time,
  meetingPoint: s.meeting_point,
  contactShared: s.contact_shared,
  outcome: s.outcome,
  outcomeNote: s.outcome_note,
});

export function buddySessionsService(access: Access, deps: { notifier: Notifier }) {
  /** Who arranges this attempt's visits from the actor's side, and the organisation the policy checks (ids only). */
  async function planningScope(attemptId: string) {
    if (!isUuid(attemptId)) throw notFound();
    const a = await access.lookup((db) => attemptForPlanning(db, attemptId));
    if (!a || !a.sent) throw notFound();
    const side: 'referrer' | 'recipient' = access.actor?.role === 'connector' ? 'referrer' : 'recipient';
    const organisationId = (side === 'referrer' ? a.referrer_organisation_id : a.recipient_organisation_id) ?? '';
    return { side, organisationId };
  }
  const subject = (id: string) => ({ subjectType: 'referral_attempt', subjectId: id });

  return {
    /** The attempt's sessions and what can be booked next. */
    async plan(attemptId: string): Promise<SessionPlan> {
      const { side, organisationId } = await planningScope(attemptId);
      return access.run('visit.plan', { organisationId }, { ...subject(attemptId), action: 'visit.plan_view' }, async (trx, actor) => {
        const row = await attemptById(trx, attemptId);
        const sessions = (await sessionsOfAttempt(trx, attemptId)).map(toPlanned);
        const state = row.state as AttemptState;
        return {
          attemptId,
          referralId: row.referral_id,
          serviceName: row.service_name,
          state,
          side,
          sessions,
          buddies: (await buddyOptions(trx, actor.organisationId, access.now())).filter((o) => o.kind === 'volunteer'),
          next: nextSessionNumber(
            state,
            sessions.map((s) => s.number),
          ),
          maxSessions: MAX_SESSIONS,
        };
      });
    },

    /** Books the next session (session 1 books the first visit through the life cycle). */
    async book(attemptId: string, form: Record<string, unknown>): Promise<BookResult> {
      const { side, organisationId } = await planningScope(attemptId);
      const parsed = parseSessionForm(form);
      const value = parsed.value;
      return access.run(
        'visit.plan',
        { organisationId },
        (r: BookResult) => ({
          ...subject(attemptId),
          action: 'visit.book_session',
          details: r.ok
            ? { ok: true, number: r.number, sessionId: r.sessionId, buddy: value.buddyAccountId }
            : { ok: false, problems: r.problems },
        }),
        async (trx, actor): Promise<BookResult> => {
          if (!parsed.ok) return { ok: false, problems: parsed.problems, value };
          const now = access.now();
          const buddy = (await buddyOptions(trx, actor.organisationId, now)).find(
            (o) => o.id === value.buddyAccountId && o.kind === 'volunteer',
          );
          if (!buddy) return { ok: false, problems: ['buddy_not_vetted'], value };
          const row = await lockAttempt(trx, attemptId);
          if (!row) throw notFound();
          const sessions = await sessionsOfAttempt(trx, attemptId);
          const next = nextSessionNumber(
            row.state as AttemptState,
            sessions.map((s) => s.number),
          );
          if (!next.ok) return { ok: false, problems: [next.error], value };
          if (next.number === 1) {
            const stored = await storeEvent(trx, {
              attemptId,
              expectedVersion: row.version,
              event: {
                type: 'book_first_visit',
                date: value.date,
                companion: { kind: 'volunteer', accountId: buddy.id, name: buddy.name },
                note: `${value.time}, ${value.meetingPoint}`,
              },
              ctx: { side },
              actorAccountId: actor.accountId,
              now,
            });
            if (!stored) throw notFound();
            if (!stored.ok) return { ok: false, problems: [stored.error], value };
          }
          const sessionId = newId();
          await insertSession(trx, {
            id: sessionId,
            attempt_id: attemptId,
            number: next.number,
            buddy_account_id: buddy.id,
            on_date: value.date,
            at_time: value.time,
            meeting_point: value.meetingPoint,
            contact_shared: value.contactShared,
            booked_by: actor.accountId,
            booked_side: side,
            booked_at: now,
          });
          const to = (await bookerContact(trx, buddy.id)).email;
          const message: Message = {
            to,
            subject: en.staff('visits.notify.bookedSubject'),
            text: en.staff('visits.notify.bookedBody', {
              service: row.service_name,
              date: value.date,
              time: value.time,
              place: value.meetingPoint,
            }),
          };
          await deps.notifier.enqueue(trx, message);
          return { ok: true, number: next.number, sessionId };
        },
      );
    },

    /** The buddy's "how did it go" for one of their own sessions. */
    async recordOutcome(sessionId: string, form: Record<string, unknown>): Promise<OutcomeResult> {
      if (!isUuid(sessionId)) throw new DomainError('NotFound', 'There is no such visit.');
      const owner = await access.lookup((db) => sessionOwner(db, sessionId));
      if (!owner) throw new DomainError('NotFound', 'There is no such visit.');
      const parsed = parseOutcomeForm(form);
      return access.run(
        'visit.record_outcome',
        { accountId: owner.buddy_account_id },
        (r: OutcomeResult) => ({
          subjectType: 'person',
          subjectId: owner.person_id,
          action: 'visit.record_outcome',
          details: {
            sessionId,
            attemptId: owner.attempt_id,
            ...(r.ok
              ? { ok: true, from: r.from, to: r.to, outcome: parsed.ok ? parsed.value.outcome : null }
              : { ok: false, problems: r.problems }),
          },
        }),
        async (trx, actor): Promise<OutcomeResult> => {
          if (!parsed.ok) return { ok: false, problems: parsed.problems };
          const now = access.now();
          const session = await lockSession(trx, sessionId);
          if (!session) throw new DomainError('NotFound', 'There is no such visit.');
          if (session.outcome) return { ok: false, problems: ['already_recorded'] };
          if (String(session.on_date) > londonDate(now)) return { ok: false, problems: ['not_yet'] };
          // A buddy whose vetting has run out since may still say how a session they went to went.
          const row = await lockAttempt(trx, session.attempt_id);
          if (!row) throw new DomainError('NotFound', 'There is no such visit.');
          const { outcome, note } = parsed.value;
          const stored = await storeEvent(trx, {
            attemptId: row.id,
            expectedVersion: row.version,
            event: outcomeEvent(outcome, session.number, note),
            ctx: { side: session.booked_side },
            actorAccountId: actor.accountId,
            now,
          });
          if (!stored) throw new DomainError('NotFound', 'There is no such visit.');
          if (!stored.ok) return { ok: false, problems: [stored.error] };
          if (!(await saveOutcome(trx, sessionId, { outcome, note, at: now }))) return { ok: false, problems: ['already_recorded'] };
          if (outcome !== 'went_together') {
            const addresses = new Set<string>();
            const connector = await connectorAddress(trx, row.referral_id);
            if (connector) addresses.add(connector);
            addresses.add((await bookerContact(trx, session.booked_by)).email);
            const messages: Message[] = [...addresses].map((to) => ({
              to,
              subject: en.staff('visits.notify.missedSubject'),
              text: en.staff('visits.notify.missedBody', {
                service: row.service_name,
                date: String(session.on_date),
                outcome,
                due: stored.attempt.next_due ?? 'empty',
              }),
            }));
            await deps.notifier.enqueue(trx, messages);
          }
          return {
            ok: true,
            from: stored.ok && stored.changed ? stored.from : (row.state as AttemptState),
            to: stored.attempt.state as AttemptState,
          };
        },
      );
    },
  };
}

export type BuddySessionsService = ReturnType<typeof buddySessionsService>;
