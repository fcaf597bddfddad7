/**
 * What the person sees and does at /my, once signed in with their code
 * (person-session.ts). There is no staff actor: each function is scoped to
 * the session's own person (a referral or attempt of anyone else is "not
 * found"), and each read or change is in the audit log with no actor and
 * details { by: 'person' }.
 *
 * Check-in answers change the referral through the same store as staff
 * changes (row lock, the one transition check, history row with side
 * 'person'). Asking for help leaves a note in the referral's history and tells
 * the connector. Anonymous feedback keeps only the service and the day.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import { appendAuditEvent } from '../../platform/audit/audit.repository.ts';
import { createI18n } from '../../platform/i18n/i18n.ts';
import { isLocaleCode, type LocaleCode } from '../../platform/i18n/locales.ts';
import { newId } from '../../platform/ids.ts';
import type { Message, Notifier } from '../../platform/notify/notifier.ts';
import { readAnswers, type Answers } from '../conversation/conversation-answers.ts';
import type { ChosenSuggestion } from '../conversation/plan.ts';
import type { PlaceSource } from '../conversation/plan-places.ts';
import { loadPlaceSources } from '../conversation/plan-places.service.ts';
import { londonDate } from '../referrals/london-date.ts';
import { lockPersonAttempt, recordCheckIn } from '../referrals/person-referrals.service.ts';
import type { AttemptState } from '../referrals/referral-states.ts';
import { asksCheckIn, checkInOutcome, type CheckInAnswer } from './check-in.ts';
import type { PersonSession, RequestOrigin } from './person-session.ts';
import {
  insertFeedback,
  insertOwnContactConsent,
  latestPlan,
  liveContactWays,
  lockPerson,
  organisationName,
  personForPage,
  referralsForPerson,
  saveContactPreferences,
  withdrawContactConsents,
} from './person-view.repository.ts';

const en = createI18n('en');

export interface MyAttempt {
  id: string;
  serviceName: string;
  state: AttemptState;
  declineReason: string | null;
  firstVisitDate: string | null;
  companionName: string | null;
  askCheckIn: boolean;
  /** Feedback can be given once the service has been told about them. */
  canGiveFeedback: boolean;
}

export interface MyReferral {
  id: string;
  need: string;
  support: {
    interpreterLanguage: string | null;
    interpreterNeeded: boolean;
    accompanyWanted: boolean;
    transportNeeded: boolean;
    childcareNeeded: boolean;
  };
  attempts: MyAttempt[];
}

export interface MyPlan {
  answers: Answers;
  chosen: ChosenSuggestion[];
  /** The connector's note to them (the notes for staff are never read here). */
  noteForPerson: string | null;
  date: Date;
  connectorName: string;
  organisationName: string;
}

export interface MyContact {
  method: string | null;
  safeToCall: boolean | null;
  safeToText: boolean | null;
  safeToLeaveMessage: boolean | null;
  /** The ways the live contact consent allows ('call', 'text', 'email'). */
  ways: string[];
  hasPhone: boolean;
  hasEmail: boolean;
}

export interface MyView {
  personId: string;
  name: string;
  language: LocaleCode;
  plan: MyPlan | null;
  referrals: MyReferral[];
  contact: MyContact;
}

export const CONTACT_METHODS = ['phone', 'text', 'email', 'in_person', 'through_connector'] as const;
export const CONTACT_WAYS = ['call', 'text', 'email'] as const;
export interface ContactChoice {
  method: (typeof CONTACT_METHODS)[number] | null;
  safeToCall: boolean | null;
  safeToText: boolean | null;
  safeToLeaveMessage: boolean | null;
  ways: (typeof CONTACT_WAYS)[number][];
}

export interface FeedbackInput {
  rating: number | null;
  comment: string | null;
  anonymous: boolean;
}
export const MAX_FEEDBACK_LENGTH = 1000;

export type CheckInResult = { ok: true; changed: boolean } | { ok: false; error: 'not_found' | 'not_asked' | string };

const origin = (o: RequestOrigin) => ({ actor: null, requestId: o.requestId, ipHash: o.ipHash, now: o.now });
const byPerson = (details: Record<string, unknown> = {}) => ({ by: 'person', ...details });

export function personViewService(db: Kysely<DB>, deps: { notifier: Notifier }) {
  return {
    /** Everything on the person's page (one audited read). */
    async overview(s: PersonSession, o: RequestOrigin): Promise<MyView> {
      return db.transaction().execute(async (trx) => {
        const p = await personForPage(trx, s.personId);
        const conv = await latestPlan(trx, s.personId);
        const holderName = await organisationName(trx, p.organisationId);
        const refs = await referralsForPerson(trx, s.personId);
        await appendAuditEvent(trx, origin(o), {
          action: 'person_view.read',
          subjectType: 'person',
          subjectId: s.personId,
          details: byPerson(),
        });
        return {
          personId: p.id,
          name: p.displayName,
          language: isLocaleCode(p.preferredLanguage) ? p.preferredLanguage : 'en',
          plan: conv
            ? {
                answers: readAnswers(conv.answers),
                chosen: (Array.isArray(conv.chosen) ? conv.chosen : []).filter(
                  (c): c is ChosenSuggestion =>
                    !!c &&
                    typeof c === 'object' &&
                    typeof (c as ChosenSuggestion).name === 'string' &&
                    Array.isArray((c as ChosenSuggestion).reasons),
                ),
                noteForPerson: conv.noteForPerson,
                date: conv.completedAt ?? o.now,
                connectorName: conv.connectorName ?? holderName,
                organisationName: conv.organisationName ?? holderName,
              }
            : null,
          referrals: refs.map((r) => ({
            ...r,
            attempts: r.attempts.map(({ sentAt, ...a }) => ({
              ...a,
              state: a.state as AttemptState,
              askCheckIn: asksCheckIn(a.state as AttemptState),
              canGiveFeedback: sentAt !== null,
            })),
          })),
          contact: {
            method: p.contactMethod,
            safeToCall: p.safeToCall,
            safeToText: p.safeToText,
            safeToLeaveMessage: p.safeToLeaveMessage,
            ways: await liveContactWays(trx, s.personId, o.now),
            hasPhone: !!p.phone,
            hasEmail: !!p.email,
          },
        };
      });
    },

    /**
     * What their plan says about the places chosen (public directory data:
     * where, when, how to get there, phone, website) in `locale`; never a
     * confidential address. Part of the page read audited by `overview`.
     */
    async planPlaces(plan: MyPlan, locale: string, now: Date): Promise<Map<string, PlaceSource>> {
      const ids = plan.chosen.map((c) => c.serviceId).filter((id): id is string => typeof id === 'string');
      if (!ids.length) return new Map();
      return loadPlaceSources(db, ids, locale, londonDate(now));
    },

    /** The person's answer to "Did you manage to get to …?". */
    async answerCheckIn(
      s: PersonSession,
      o: RequestOrigin,
      attemptId: string,
      answer: CheckInAnswer,
      words: string | null,
    ): Promise<CheckInResult> {
      const messages: Message[] = [];
      const result = await db.transaction().execute(async (trx): Promise<CheckInResult> => {
        const row = await lockPersonAttempt(trx, s.personId, attemptId);
        if (!row) return { ok: false, error: 'not_found' };
        if (!asksCheckIn(row.state)) return { ok: false, error: 'not_asked' };
        const outcome = checkInOutcome(answer, words?.slice(0, MAX_FEEDBACK_LENGTH) ?? null);
        const { stored: out, tellConnector } = await recordCheckIn(
          trx,
          row,
          outcome.kind === 'event' ? outcome : { ...outcome, note: words?.trim().slice(0, MAX_FEEDBACK_LENGTH) || null },
          o.now,
        );
        // Asking for help: the connector owns the next step again, due today, and hears of it.
        if (tellConnector)
          messages.push({
            to: tellConnector,
            subject: en.staff('personView.notify.helpSubject'),
            text: en.staff('personView.notify.helpBody', { service: row.serviceName }),
          });
        await appendAuditEvent(trx, origin(o), {
          action: 'person_view.check_in',
          subjectType: 'referral',
          subjectId: row.referralId,
          details: byPerson({ attemptId: row.id, answer, ok: out.ok }),
        });
        await deps.notifier.enqueue(trx, messages);
        return out;
      });
      return result;
    },

    /** Feedback on the service of one of the person's attempts; anonymous feedback keeps no link to them. */
    async giveFeedback(s: PersonSession, o: RequestOrigin, attemptId: string, f: FeedbackInput): Promise<{ ok: boolean }> {
      return db.transaction().execute(async (trx) => {
        const row = await lockPersonAttempt(trx, s.personId, attemptId);
        if (!row || !row.sentAt) return { ok: false };
        const id = newId();
        await insertFeedback(trx, {
          id,
          serviceId: row.serviceId,
          serviceName: row.serviceName,
          personId: f.anonymous ? null : s.personId,
          attemptId: f.anonymous ? null : row.id,
          anonymous: f.anonymous,
          rating: f.rating,
          comment: f.comment,
          givenOn: londonDate(o.now),
        });
        // Anonymous feedback is audited without the person, so the log cannot undo the anonymity.
        await appendAuditEvent(trx, origin(o), {
          action: 'person_view.feedback',
          subjectType: f.anonymous ? 'service_feedback' : 'person',
          subjectId: f.anonymous ? null : s.personId,
          details: byPerson(f.anonymous ? { anonymous: true } : { anonymous: false, feedbackId: id, attemptId: row.id }),
        });
        return { ok: true };
      });
    },

    /**
     * The person confirms or changes how they may be contacted: a new
     * 'contact' consent given by themselves replaces the one in force (which
     * is withdrawn, never deleted), and the record's preferences follow.
     */
    async changeContact(s: PersonSession, o: RequestOrigin, c: ContactChoice): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await lockPerson(trx, s.personId);
        const withdrawn = await withdrawContactConsents(trx, s.personId, o.now);
        const consentId = newId();
        if (c.ways.length) await insertOwnContactConsent(trx, { id: consentId, personId: s.personId, ways: c.ways, at: o.now });
        await saveContactPreferences(trx, s.personId, c, o.now);
        await appendAuditEvent(trx, origin(o), {
          action: 'person_view.contact',
          subjectType: 'person',
          subjectId: s.personId,
          details: byPerson({ ways: c.ways, withdrawn, consentId: c.ways.length ? consentId : null }),
        });
      });
    },
  };
}

export type PersonViewService = ReturnType<typeof personViewService>;
