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
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import { appendAuditEvent } from '../../platform/audit/audit.repository.ts';
import { createI18n } from '../../platform/i18n/i18n.ts';
import { isLocaleCode, type LocaleCode } from '../../platform/i18n/locales.ts';
import { isUuid, newId } from '../../platform/ids.ts';
import type { Message, Notifier } from '../../platform/notify/notifier.ts';
import { readAnswers, type Answers } from '../conversation/conversation-answers.ts';
import type { ChosenSuggestion } from '../conversation/plan.ts';
import { connectorAddress } from '../referrals/referral-read.ts';
import type { AttemptState } from '../referrals/referral-states.ts';
import { appendEvent, londonDate, lockAttempt, storeEvent } from '../referrals/referral-store.ts';
import { asksCheckIn, checkInOutcome, type CheckInAnswer } from './check-in.ts';
import type { PersonSession, RequestOrigin } from './person-session.ts';

const en = createI18n('en');

export interface MyAttempt {
  id: string;
  serviceName: string;
  state: AttemptState;
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
  nextSteps: string | null;
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

async function liveContactWays(trx: Transaction<DB>, personId: string, now: Date): Promise<string[]> {
  const rows = await trx
    .selectFrom('person_consent')
    .select(['scope', 'expires_at'])
    .where('person_id', '=', personId)
    .where('kind', '=', 'contact')
    .where('withdrawn_at', 'is', null)
    .execute();
  return [...new Set(rows.filter((r) => !r.expires_at || r.expires_at > now).flatMap((r) => r.scope))];
}

/** The attempt, locked, if it is one of this person's. */
async function ownAttempt(trx: Transaction<DB>, personId: string, attemptId: string) {
  if (!isUuid(attemptId)) return undefined;
  const row = await lockAttempt(trx, attemptId);
  if (!row) return undefined;
  const r = await trx.selectFrom('referral').select(['person_id', 'need']).where('id', '=', row.referral_id).executeTakeFirst();
  return r?.person_id === personId && row.state !== 'entered_in_error' ? row : undefined;
}

export function personViewService(db: Kysely<DB>, deps: { notifier: Notifier }) {
  return {
    /** Everything on the person's page (one audited read). */
    async overview(s: PersonSession, o: RequestOrigin): Promise<MyView> {
      return db.transaction().execute(async (trx) => {
        const p = await trx.selectFrom('person').selectAll().where('id', '=', s.personId).executeTakeFirstOrThrow();
        const conv = await trx
          .selectFrom('conversation as c')
          .leftJoin('staff_account as a', 'a.id', 'c.completed_by')
          .leftJoin('staff_organisation as o', 'o.id', 'a.organisation_id')
          .select(['c.answers', 'c.chosen', 'c.next_steps', 'c.completed_at', 'a.name as connector_name', 'o.name as organisation_name'])
          .where('c.person_id', '=', s.personId)
          .where('c.status', '=', 'complete')
          .orderBy('c.completed_at', 'desc')
          .limit(1)
          .executeTakeFirst();
        const holder = await trx
          .selectFrom('staff_organisation')
          .select('name')
          .where('id', '=', p.organisation_id)
          .executeTakeFirstOrThrow();
        const refs = await trx
          .selectFrom('referral')
          .selectAll()
          .where('person_id', '=', s.personId)
          .orderBy('created_at', 'desc')
          .execute();
        const attempts = refs.length
          ? await trx
              .selectFrom('referral_attempt')
              .select(['id', 'referral_id', 'service_name', 'state', 'first_visit_date', 'companion_name', 'sent_at'])
              .where(
                'referral_id',
                'in',
                refs.map((r) => r.id),
              )
              .where('state', '!=', 'entered_in_error')
              .orderBy('seq')
              .execute()
          : [];
        await appendAuditEvent(trx, origin(o), {
          action: 'person_view.read',
          subjectType: 'person',
          subjectId: s.personId,
          details: byPerson(),
        });
        return {
          personId: p.id,
          name: p.display_name,
          language: isLocaleCode(p.preferred_language) ? p.preferred_language : 'en',
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
                nextSteps: conv.next_steps,
                date: conv.completed_at ?? o.now,
                connectorName: conv.connector_name ?? holder.name,
                organisationName: conv.organisation_name ?? holder.name,
              }
            : null,
          referrals: refs.map((r) => ({
            id: r.id,
            need: r.need,
            support: {
              interpreterNeeded: r.interpreter_needed,
              interpreterLanguage: r.interpreter_language,
              accompanyWanted: r.accompany_wanted,
              transportNeeded: r.transport_needed,
              childcareNeeded: r.childcare_needed,
            },
            attempts: attempts
              .filter((a) => a.referral_id === r.id)
              .map((a) => ({
                id: a.id,
                serviceName: a.service_name,
                state: a.state as AttemptState,
                firstVisitDate: a.first_visit_date,
                companionName: a.companion_name,
                askCheckIn: asksCheckIn(a.state as AttemptState),
                canGiveFeedback: a.sent_at !== null,
              })),
          })),
          contact: {
            method: p.contact_method,
            safeToCall: p.safe_to_call,
            safeToText: p.safe_to_text,
            safeToLeaveMessage: p.safe_to_leave_message,
            ways: await liveContactWays(trx, s.personId, o.now),
            hasPhone: !!p.phone,
            hasEmail: !!p.email,
          },
        };
      });
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
        const row = await ownAttempt(trx, s.personId, attemptId);
        if (!row) return { ok: false, error: 'not_found' };
        if (!asksCheckIn(row.state as AttemptState)) return { ok: false, error: 'not_asked' };
        const outcome = checkInOutcome(answer, words);
        let out: CheckInResult;
        if (outcome.kind === 'event') {
          const stored = await storeEvent(trx, {
            attemptId: row.id,
            event: outcome.event,
            ctx: { side: 'person' },
            actorAccountId: null,
            now: o.now,
          });
          out = !stored
            ? { ok: false, error: 'not_found' }
            : stored.ok
              ? { ok: true, changed: stored.changed }
              : { ok: false, error: stored.error };
        } else {
          const note = words?.trim().slice(0, MAX_FEEDBACK_LENGTH) || null;
          await appendEvent(trx, row, {
            at: o.now,
            actorAccountId: null,
            side: 'person',
            type: outcome.askForHelp ? 'check_in_help_asked' : 'check_in_not_yet',
            from: row.state,
            to: row.state,
            note,
          });
          if (outcome.askForHelp) {
            // The connector owns the next step again, due today.
            const today = londonDate(o.now);
            await trx
              .updateTable('referral_attempt')
              .set({ next_task: 'check_in_after_first_visit', next_owner: 'referrer', next_due: today, updated_at: o.now })
              .where('id', '=', row.id)
              .execute();
            const to = await connectorAddress(trx, row.referral_id);
            if (to)
              messages.push({
                to,
                subject: en.staff('personView.notify.helpSubject'),
                text: en.staff('personView.notify.helpBody', { service: row.service_name }),
              });
          }
          out = { ok: true, changed: false };
        }
        await appendAuditEvent(trx, origin(o), {
          action: 'person_view.check_in',
          subjectType: 'referral',
          subjectId: row.referral_id,
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
        const row = await ownAttempt(trx, s.personId, attemptId);
        if (!row || !row.sent_at) return { ok: false };
        const id = newId();
        await trx
          .insertInto('service_feedback')
          .values({
            id,
            service_id: row.service_id,
            service_name: row.service_name,
            person_id: f.anonymous ? null : s.personId,
            attempt_id: f.anonymous ? null : row.id,
            anonymous: f.anonymous,
            rating: f.rating,
            comment: f.comment,
            given_on: londonDate(o.now),
          })
          .execute();
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
        await trx.selectFrom('person').select('id').where('id', '=', s.personId).forUpdate().executeTakeFirstOrThrow();
        const old = await trx
          .updateTable('person_consent')
          .set({ withdrawn_at: o.now })
          .where('person_id', '=', s.personId)
          .where('kind', '=', 'contact')
          .where('withdrawn_at', 'is', null)
          .returning('id')
          .execute();
        const consentId = newId();
        if (c.ways.length) {
          await trx
            .insertInto('person_consent')
            .values({
              id: consentId,
              person_id: s.personId,
              kind: 'contact',
              scope: c.ways,
              given_by: 'self',
              recorded_by: null,
              granted_at: o.now,
              note: 'Given by the person at /my.',
            })
            .execute();
        }
        await trx
          .updateTable('person')
          .set({
            contact_method: c.method,
            safe_to_call: c.safeToCall,
            safe_to_text: c.safeToText,
            safe_to_leave_message: c.safeToLeaveMessage,
            updated_at: o.now,
          })
          .where('id', '=', s.personId)
          .execute();
        await appendAuditEvent(trx, origin(o), {
          action: 'person_view.contact',
          subjectType: 'person',
          subjectId: s.personId,
          details: byPerson({ ways: c.ways, withdrawn: old.map((r) => r.id), consentId: c.ways.length ? consentId : null }),
        });
      });
    },
  };
}

export type PersonViewService = ReturnType<typeof personViewService>;
