/**
 * The "what matters to you" conversation, policy-checked (`conversation.*`,
 * `plan.send`: connectors of the organisation holding the person's record).
 * Every read and write is audited under the person (subject 'person'), so
 * the record's "who has looked at this" shows conversations too.
 *
 * Life of a conversation: `start` makes a draft (or returns the draft there
 * is); each page saves its answer (`saveStep`), so it can be left and
 * resumed; `complete` checks every question has an answer. A completed
 * conversation is never changed: starting again makes a new draft seeded
 * with its answers, so earlier versions stay as they were. Nothing starts or
 * saves without a 'store' consent covering the conversation (withdrawing it
 * erases the answers, see people.service.ts).
 */
import type { Transaction } from 'kysely';
import type { Access } from '../../platform/auth/access.ts';
import type { DB } from '../../platform/db/schema.ts';
import { DomainError } from '../../platform/http/errors.ts';
import { isUuid, newId } from '../../platform/ids.ts';
import type { Notifier } from '../../platform/notify/notifier.ts';
import { holderOf, loadPerson } from '../people/people.service.ts';
import { activeScopes, planSendBlocker, type Person } from '../people/person.ts';
import { ANSWERS_FORMAT, crossStepProblems, nextUnanswered, type Answers, type Step } from './conversation-answers.ts';
import type { Musts } from './conversation-musts.ts';
import type { ChosenSuggestion } from './plan.ts';
import { lookupPlace } from '../geo/postcodes.ts';
import type { MatchRequest } from '../matching/match-request.ts';
import { fitOf, matchServices, type Fit, type MatchResult } from '../matching/match.service.ts';
import { recordUnmetNeed } from '../matching/unmet-needs.service.ts';
import { conversationToMatchRequest } from './conversation-to-match.ts';
import { londonLocal } from '../directory/schedule.ts';
import type { PlaceSource } from './plan-places.ts';
import { loadPlaceSources } from './plan-places.service.ts';
import { practicalHelpFor, withoutPractical } from '../matching/practical-help.service.ts';
import type { PracticalHelp } from '../matching/practical-needs.ts';
import {
  insertDraft,
  latestConversation,
  markComplete,
  markNothingFitted,
  markPlanSent,
  saveAnswers,
  savePlan,
  serviceNames,
  servicesNamed,
  type Conversation,
  type Touch,
} from './conversation.repository.ts';

/** The person with their latest conversation (null when none was started). */
export interface PersonConversation {
  person: Person;
  conversation: Conversation | null;
  /** Whether the person's consent allows keeping a conversation now. */
  mayStore: boolean;
}

export class ConsentNeeded extends DomainError {
  constructor() {
    super('Conflict', 'The person has not agreed to their conversation being kept.');
    this.name = 'ConsentNeeded';
  }
}

/** The language a "speaks my language" must is about: their own, or their page language unless that is English. */
export function firstLanguageOf(p: Person): string | null {
  const first = p.spokenLanguage ?? p.preferredLanguage;
  return first && first !== 'en' ? first : null;
}

/** What matching needs, from the record and the latest conversation. */
export function matchRequestFor(pc: PersonConversation): MatchRequest {
  const p = pc.person;
  const place = p.area ? lookupPlace(p.area) : p.outcode ? lookupPlace(p.outcode) : null;
  return conversationToMatchRequest(
    {
      origin: place ? { latitude: place.latitude, longitude: place.longitude } : null,
      outcode: p.outcode ?? (place ? place.code.split(' ')[0]! : null),
      gender: p.gender,
      ageBand: p.ageBand,
      preferredLanguage: p.preferredLanguage,
      spokenLanguage: p.spokenLanguage ?? null,
      otherLanguages: p.otherLanguages,
      englishOk: p.englishOk,
      interpreterNeeded: p.interpreterNeeded,
    },
    pc.conversation?.answers ?? {},
  );
}

export function conversationService(access: Access, deps: { notifier?: Notifier } = {}) {
  const audit = (personId: string, action: string, details?: Record<string, unknown>) => ({
    subjectType: 'person',
    subjectId: personId,
    action,
    ...(details ? { details } : {}),
  });

  async function withPerson(trx: Transaction<DB>, personId: string): Promise<PersonConversation> {
    const person = await loadPerson(trx, personId);
    return {
      person,
      conversation: await latestConversation(trx, personId),
      mayStore: activeScopes(person.consents, 'store', access.now()).includes('conversation'),
    };
  }

  /** The draft to write to, checked: consent in force, and it is the person's current draft. */
  async function draftFor(trx: Transaction<DB>, personId: string, conversationId: string): Promise<Conversation> {
    const pc = await withPerson(trx, personId);
    if (!pc.mayStore) throw new ConsentNeeded();
    const c = pc.conversation;
    if (!c || c.id !== conversationId) throw new DomainError('NotFound', 'There is no such conversation.');
    if (c.status !== 'draft') throw new DomainError('Conflict', 'This conversation is finished. Start a new one to change the answers.');
    return c;
  }

  const touch = (actorId: string): Touch => ({ by: actorId, at: access.now() });

  /** The person with their finished conversation (consent in force), or a 409. */
  async function finished(trx: Transaction<DB>, personId: string): Promise<PersonConversation> {
    const pc = await withPerson(trx, personId);
    if (!pc.mayStore) throw new ConsentNeeded();
    if (pc.conversation?.status !== 'complete') throw new DomainError('Conflict', 'Finish the conversation first.');
    return pc;
  }

  return {
    /** The person and their latest conversation. Audited. */
    async current(personId: string): Promise<PersonConversation> {
      const org = await holderOf(access, personId);
      return access.run('conversation.view', { organisationId: org }, audit(personId, 'conversation.view'), (trx) =>
        withPerson(trx, personId),
      );
    },

    /** Starts (or returns) the draft; after a completed one, the new draft starts from its answers. */
    async start(personId: string, language: string): Promise<string> {
      const org = await holderOf(access, personId);
      return access.run(
        'conversation.save',
        { organisationId: org },
        (id: string) => audit(personId, 'conversation.start', { conversationId: id }),
        async (trx, actor) => {
          const pc = await withPerson(trx, personId);
          if (!pc.mayStore) throw new ConsentNeeded();
          if (pc.conversation?.status === 'draft') return pc.conversation.id;
          const seed = pc.conversation?.status === 'complete' ? pc.conversation.answers : {};
          const id = newId();
          await insertDraft(trx, {
            id,
            personId,
            answersFormat: ANSWERS_FORMAT,
            answers: seed,
            language,
            by: actor.accountId,
            at: access.now(),
          });
          return id;
        },
      );
    },

    /** Saves one page's answer to the draft. */
    async saveStep<S extends Step>(personId: string, conversationId: string, step: S, value: NonNullable<Answers[S]>): Promise<void> {
      const org = await holderOf(access, personId);
      await access.run(
        'conversation.save',
        { organisationId: org },
        audit(personId, 'conversation.save', { conversationId, step }),
        async (trx, actor) => {
          const c = await draftFor(trx, personId, conversationId);
          const answers = { ...c.answers, [step]: value };
          await saveAnswers(trx, conversationId, answers, touch(actor.accountId));
        },
      );
    },

    /** Saves the musts and nice-to-haves to the draft (an optional page: nothing marked is a valid answer). */
    async saveMusts(personId: string, conversationId: string, musts: Musts): Promise<void> {
      const org = await holderOf(access, personId);
      await access.run(
        'conversation.save',
        { organisationId: org },
        audit(personId, 'conversation.save', { conversationId, step: 'musts' }),
        async (trx, actor) => {
          const c = await draftFor(trx, personId, conversationId);
          await saveAnswers(trx, conversationId, { ...c.answers, musts }, touch(actor.accountId));
        },
      );
    },

    /** Finishes the draft. Refused (with the first question to answer) while anything is missing. */
    async complete(personId: string, conversationId: string): Promise<{ ok: true } | { ok: false; step: Step }> {
      const org = await holderOf(access, personId);
      return access.run(
        'conversation.save',
        { organisationId: org },
        audit(personId, 'conversation.complete', { conversationId }),
        async (trx, actor) => {
          const c = await draftFor(trx, personId, conversationId);
          const missing = nextUnanswered(c.answers) ?? crossStepProblems(c.answers)[0]?.step ?? null;
          if (missing) return { ok: false, step: missing };
          await markComplete(trx, conversationId, touch(actor.accountId));
          return { ok: true };
        },
      );
    },

    /**
     * The shortlist for the finished conversation. When nothing fits, says so
     * and records the unmet need (once per conversation) for commissioners.
     */
    async suggest(personId: string): Promise<{ pc: PersonConversation; result: MatchResult; practical: PracticalHelp[] }> {
      const org = await holderOf(access, personId);
      return access.run('conversation.view', { organisationId: org }, audit(personId, 'conversation.suggest'), async (trx, actor) => {
        const pc = await finished(trx, personId);
        const request = matchRequestFor(pc);
        const result = await matchServices(trx, request, { now: access.now() });
        if (result.unmet && pc.conversation!.nothingFittedAt === null) {
          await recordUnmetNeed(trx, {
            organisationId: org,
            outcode: pc.person.outcode ?? pc.person.area,
            request,
            ruledOut: result.ruledOut,
            at: access.now(),
          });
          await markNothingFitted(trx, pc.conversation!.id, touch(actor.accountId));
        }
        // Practical help first: advice for the urgent needs they named, before any social activity.
        const practical = await practicalHelpFor(trx, request, pc.conversation!.answers.practical?.needs ?? [], access.now());
        return { pc, result: withoutPractical(result, practical), practical };
      });
    },

    /**
     * Keeps the suggestions chosen for the plan (only ones the shortlist offers
     * now), the note to the person (on their plan) and the notes for staff
     * (never on it).
     */
    async choose(
      personId: string,
      conversationId: string,
      serviceIds: readonly string[],
      notes: { noteForPerson: string | null; staffNotes: string | null },
    ): Promise<void> {
      const org = await holderOf(access, personId);
      await access.run(
        'conversation.save',
        { organisationId: org },
        audit(personId, 'plan.update', { conversationId, chosen: [...serviceIds] }),
        async (trx, actor) => {
          const pc = await finished(trx, personId);
          if (pc.conversation!.id !== conversationId) throw new DomainError('Conflict', 'This is not the latest conversation.');
          const request = matchRequestFor(pc);
          const result = await matchServices(trx, request, { now: access.now() });
          const practical = await practicalHelpFor(trx, request, pc.conversation!.answers.practical?.needs ?? [], access.now());
          const offered = [
            ...practical.flatMap((p) => p.suggestions.map((s) => ({ s, practicalNeed: p.need }))),
            ...withoutPractical(result, practical).suggestions.map((s) => ({ s, practicalNeed: undefined })),
          ];
          const chosen: ChosenSuggestion[] = offered
            .filter(({ s }) => serviceIds.includes(s.serviceId))
            .map(({ s, practicalNeed }) => ({
              serviceId: s.serviceId,
              name: s.name,
              organizationName: s.organizationName,
              distanceMetres: s.distanceMetres,
              waitingList: s.waitingList,
              reasons: s.reasons,
              ...(practicalNeed ? { practicalNeed } : {}),
            }));
          await savePlan(trx, conversationId, chosen, notes, touch(actor.accountId));
        },
      );
    },

    /**
     * What the plan says about the chosen places (public directory data: where,
     * when, how to get there, phone, website), with directory texts in `locale`.
     */
    async placeSources(personId: string, serviceIds: readonly string[], locale: string): Promise<Map<string, PlaceSource>> {
      const org = await holderOf(access, personId);
      if (!serviceIds.length) return new Map();
      return access.run('conversation.view', { organisationId: org }, null, (trx) =>
        loadPlaceSources(trx, serviceIds, locale, londonLocal(access.now()).date),
      );
    },

    /** How places picked by hand fit the person's finished conversation (hard rules broken, musts not met). */
    async fitOfServices(personId: string, serviceIds: readonly string[]): Promise<Map<string, Fit>> {
      const org = await holderOf(access, personId);
      const ids = serviceIds.filter(isUuid);
      return access.run(
        'conversation.view',
        { organisationId: org },
        audit(personId, 'conversation.fit', { serviceIds: ids }),
        async (trx) => {
          const pc = await finished(trx, personId);
          const request = matchRequestFor(pc);
          const out = new Map<string, Fit>();
          for (const id of ids) out.set(id, await fitOf(trx, request, id, { now: access.now() }));
          return out;
        },
      );
    },

    /** Services whose name contains the words (public directory data), for "places to keep away from". */
    async findServices(personId: string, query: string): Promise<{ id: string; name: string; organizationName: string }[]> {
      const org = await holderOf(access, personId);
      const q = query.trim().slice(0, 60);
      if (q.length < 2) return [];
      return access.run('conversation.view', { organisationId: org }, null, (trx) => servicesNamed(trx, q));
    },

    /** Names of services by id (public directory data), in the order given. */
    async serviceNames(personId: string, ids: readonly string[]): Promise<Map<string, string>> {
      const org = await holderOf(access, personId);
      const valid = ids.filter(isUuid);
      if (!valid.length) return new Map();
      const rows = await access.run('conversation.view', { organisationId: org }, null, (trx) => serviceNames(trx, valid));
      return new Map(rows.map((r) => [r.id, r.name]));
    },

    /**
     * Sends the written plan by e-mail through the Notifier, only when a
     * 'contact' consent allows e-mail and an address may be kept. Returns why
     * not otherwise (nothing is sent).
     */
    async sendPlan(
      personId: string,
      conversationId: string,
      message: { subject: string; text: string },
    ): Promise<{ ok: true } | { ok: false; why: 'noContactConsent' | 'noEmail' }> {
      const org = await holderOf(access, personId);
      const notifier = deps.notifier;
      if (!notifier) throw new Error('sendPlan needs a notifier');
      // Written to the outbox in this transaction, delivered after it commits.
      const r = await access.run(
        'plan.send',
        { organisationId: org },
        (x: { ok: boolean }) => audit(personId, 'plan.send', { conversationId, sent: x.ok }),
        async (trx, actor) => {
          const pc = await withPerson(trx, personId);
          if (pc.conversation?.id !== conversationId || pc.conversation.status !== 'complete')
            throw new DomainError('Conflict', 'Finish the conversation first.');
          const why = planSendBlocker(pc.person, access.now());
          if (why) return { ok: false, why } as const;
          await markPlanSent(trx, conversationId, actor.accountId, access.now());
          await notifier.enqueue(trx, { to: pc.person.email!, subject: message.subject, text: message.text, personalFor: org });
          return { ok: true } as const;
        },
      );
      if (!r.ok) return r;
      return { ok: true };
    },
  };
}

export type ConversationService = ReturnType<typeof conversationService>;
