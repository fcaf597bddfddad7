/**
 * Referrals, the referrer's side, policy-checked (policy.ts `referral.*`):
 * only connectors of the organisation that holds the person's record start,
 * send, follow and re-route a referral, and every read and change is in the
 * audit log under the referral.
 *
 * Sending is the consent hand-off: in one transaction the person's share
 * consent (kind 'share', the recipient organisation, the fields) is recorded,
 * the service's availability is checked under a share lock, and the attempt
 * moves draft → sent through the one transition check. Every change goes
 * through storeEvent (row lock + version check). Messages to recipients and
 * connectors are sent after the transaction commits.
 */
import type { Transaction } from 'kysely';
import type { Access } from '../../platform/auth/access.ts';
import type { DB } from '../../platform/db/schema.ts';
import { DomainError } from '../../platform/http/errors.ts';
import { createI18n } from '../../platform/i18n/i18n.ts';
import { isUuid, newId } from '../../platform/ids.ts';
import type { Message, Notifier } from '../../platform/notify/notifier.ts';
import { holderOf, insertShareConsent } from '../people/people.service.ts';
import { eventFromForm, type ActionError, type FormEvent, type ReferralInput } from './referral-form.ts';
import {
  consentInForce,
  groupContactOf,
  recipientAddresses,
  scopesInForce,
  serviceAvailability,
  shareSource,
  type GroupContact,
} from './referral-read.repository.ts';
import { hashToken, newToken } from '../../platform/auth/tokens.ts';
import { GROUP_EVENTS, linkExpiry, linkProblem, messageAddress } from './group-link.ts';
import { insertGroupLink, latestGroupLink, revokeGroupLinks, setGroupContact } from './group-link.repository.ts';
import { referrerOf } from './referral-inbox.repository.ts';
import { checkShareChoice, shareableNow, sharedView, type ShareField, type SharedView } from './referral-sharing.ts';
import { CLOSED_STATES, type AttemptEvent, type AttemptState, type ServiceProblem } from './referral-states.ts';
import { attemptsOfPerson } from './person-referrals.repository.ts';
import {
  appendEvent,
  lockAttempt,
  markConsentWithdrawnNotified,
  markRedirected,
  openDraftAttempt,
  storeEvent,
  type AttemptRow,
  type StoreResult,
} from './referral-store.repository.ts';
import { buddyOptions, resolveCompanion } from './referral-companion.ts';
import { toAttemptView, type AttemptView, type CompanionOption, type EventView } from './referral-views.model.ts';
import {
  attemptsOfReferral,
  attemptsWithNextStep,
  consentWithdrawnAt,
  eventsOfReferral,
  insertReferral,
  personDisplayName,
  referralHeader,
  referralHolder,
  referralPersonId,
  servicesNamed,
  withdrawConsent,
} from './referrals.repository.ts';

const en = createI18n('en');
export const referralNotFound = () => new DomainError('NotFound', 'There is no such referral.');

export interface ReferralDetail {
  id: string;
  personId: string;
  personName: string;
  need: string;
  summary: string | null;
  support: {
    interpreterNeeded: boolean;
    interpreterLanguage: string | null;
    accompanyWanted: boolean;
    transportNeeded: boolean;
    childcareNeeded: boolean;
  };
  createdAt: Date;
  attempts: (AttemptView & { shareConsentInForce: boolean; recipientName: string | null; group: GroupView | null })[];
  events: EventView[];
  /** Fields that may be shared now (contact only with contact consent). */
  shareable: ShareField[];
  /** What the recipients of each sent attempt see, for the connector to check. */
  previews: Record<string, SharedView>;
  /** Who from the actor's organisation could go with the person to a first visit. */
  companions: CompanionOption[];
}

/** An attempt to a group with no account: how it hears of it, and its link. */
export interface GroupView {
  how: 'link' | 'phone' | null;
  email: string | null;
  textNumber: string | null;
  phone: string | null;
  optedOut: boolean;
  /** A link can be sent (a listed e-mail or mobile, and the group did not opt out). */
  canLink: boolean;
  link: { sentTo: string; createdAt: Date; expiresAt: Date; state: 'live' | 'expired' | 'replaced' | 'stopped' | 'closed' } | null;
}

export interface TodayItem extends AttemptView {
  personName: string;
  need: string;
}

export type ActionResult =
  { ok: true; changed: boolean; attemptId: string } | { ok: false; error: ActionError; current: AttemptView | null };

/** The events the referrer records (side 'referrer'), and the person's own check-in answers (side 'person'). */
export const REFERRER_EVENTS: readonly FormEvent[] = [
  'withdraw',
  'record_contact_attempt',
  'book_first_visit',
  'record_attendance',
  'pause',
  'resume',
  'complete',
  'not_taken_up',
];
export const CHECK_IN_EVENTS: readonly FormEvent[] = ['record_attendance', 'not_taken_up', 'pause'];

function fromStore(r: StoreResult | null, now: Date): ActionResult {
  if (!r) return { ok: false, error: 'not_found', current: null };
  if (!r.ok) return { ok: false, error: r.error, current: toAttemptView(r.attempt, now) };
  return { ok: true, changed: r.changed, attemptId: r.attempt.id };
}

const canLinkTo = (g: GroupContact | null): g is GroupContact => !!g && !g.optedOut && messageAddress(g) !== null;

export function referralsService(access: Access, deps: { notifier: Notifier; baseUrl?: string }) {
  const subject = (id: string | null) => ({ subjectType: 'referral', subjectId: id });
  const now = () => access.now();

  async function holderOfReferral(referralId: string): Promise<string> {
    if (!isUuid(referralId)) throw referralNotFound();
    const org = await access.lookup((db) => referralHolder(db, referralId));
    if (!org) throw referralNotFound();
    return org;
  }

  /** The attempt, if it belongs to the referral (under a row lock). */
  async function attemptOf(trx: Transaction<DB>, referralId: string, attemptId: string) {
    if (!isUuid(attemptId)) return undefined;
    const row = await lockAttempt(trx, attemptId);
    return row && row.referral_id === referralId ? row : undefined;
  }

  /** A sent attempt of this referral to a group with no account (under a row lock), or why not. */
  async function groupAttemptOf(
    trx: Transaction<DB>,
    referralId: string,
    attemptId: string,
    opts: { openOnly?: boolean } = {},
  ): Promise<{ ok: true; row: AttemptRow } | { ok: false; error: ActionError; current: AttemptView | null }> {
    const row = await attemptOf(trx, referralId, attemptId);
    if (!row) return { ok: false, error: 'not_found', current: null };
    if (row.recipient_organisation_id || !row.sent_at) return { ok: false, error: 'not_a_group', current: toAttemptView(row, now()) };
    if (opts.openOnly !== false && CLOSED_STATES.has(row.state as AttemptState))
      return { ok: false, error: 'closed', current: toAttemptView(row, now()) };
    return { ok: true, row };
  }

  async function groupView(trx: Transaction<DB>, row: AttemptRow, at: Date): Promise<GroupView | null> {
    const g = await groupContactOf(trx, row.service_id);
    if (!g) return null;
    const l = await latestGroupLink(trx, row.id);
    const problem = l
      ? linkProblem({ expiresAt: l.expires_at, revokedAt: l.revoked_at, revokedWhy: l.revoked_why }, row.state as AttemptState, at)
      : null;
    return {
      how: row.group_contact,
      email: g.email,
      textNumber: g.textNumber,
      phone: g.phone,
      optedOut: g.optedOut,
      canLink: canLinkTo(g),
      link: l
        ? {
            sentTo: l.sent_to,
            createdAt: l.created_at,
            expiresAt: l.expires_at,
            state: problem === null || problem === 'unknown' ? 'live' : problem,
          }
        : null,
    };
  }

  /**
   * A new link for a group with no account (any older one stops working) and
   * the message that carries it, to the group's listed e-mail or mobile. The
   * message names the person's holder, so administrators never read it in
   * the outbox (its link opens personal data).
   */
  async function issueGroupLink(trx: Transaction<DB>, row: AttemptRow, to: string, actorAccountId: string, at: Date): Promise<Message> {
    const token = newToken();
    await revokeGroupLinks(trx, row.id, 'replaced', at);
    const expiresAt = linkExpiry(at);
    await insertGroupLink(trx, {
      id: newId(),
      attemptId: row.id,
      tokenHash: hashToken(token),
      nonce: newToken(),
      sentTo: to,
      createdBy: actorAccountId,
      at,
      expiresAt,
    });
    await setGroupContact(trx, row.id, 'link');
    const ref = await referrerOf(trx, row.referral_id);
    const link = `${deps.baseUrl ?? ''}/group-referral/${token}`;
    const vars = {
      service: row.service_name,
      organisation: ref.organisation,
      connector: ref.name,
      email: ref.email,
      date: en.formatDate(expiresAt, { dateStyle: 'long' }),
      link,
    };
    const holder = await referralHolder(trx, row.referral_id);
    return {
      to,
      subject: en.staff('referrals.group.messageSubject', { service: row.service_name }),
      text: to.startsWith('sms:') ? en.staff('referrals.group.textBody', vars) : en.staff('referrals.group.messageBody', vars),
      ...(holder ? { personalFor: holder } : {}),
    };
  }

  async function messagesToRecipients(
    trx: Transaction<DB>,
    organisationId: string | null,
    subjectKey: 'referrals.notify.newSubject' | 'referrals.notify.changedSubject' | 'referrals.notify.consentSubject',
    body: string,
  ): Promise<Message[]> {
    if (!organisationId) return [];
    const to = await recipientAddresses(trx, organisationId);
    return to.map((address) => ({ to: address, subject: en.staff(subjectKey), text: body }));
  }

  return {
    /** Starts a referral (a draft with no service yet) for a person the organisation holds. */
    async create(personId: string, input: ReferralInput): Promise<string> {
      const org = await holderOf(access, personId);
      const id = newId();
      return access.run('referral.create', { organisationId: org }, { ...subject(id), details: { personId } }, async (trx, actor) => {
        await insertReferral(trx, { id, personId, organisationId: org, connectorAccountId: actor.accountId, input, at: now() });
        return id;
      });
    },

    /**
     * The services the person already has a referral under way with (an
     * attempt not yet closed, a draft included), each with that referral, so
     * that making referrals from a plan twice does not refer them twice.
     */
    async servicesUnderWay(personId: string): Promise<Map<string, string>> {
      const org = await holderOf(access, personId);
      return access.run(
        'referral.create',
        { organisationId: org },
        { subjectType: 'person', subjectId: personId, action: 'referral.services_under_way' },
        async (trx) => {
          const open = (await attemptsOfPerson(trx, personId)).filter((a) => !CLOSED_STATES.has(a.state as AttemptState));
          return new Map(open.map((a) => [a.serviceId, a.referralId]));
        },
      );
    },

    /** The person's name (for the "new referral" page), audited as a look at the record. */
    async personName(personId: string): Promise<string> {
      const org = await holderOf(access, personId);
      return access.run(
        'referral.create',
        { organisationId: org },
        { subjectType: 'person', subjectId: personId, action: 'referral.start' },
        (trx) => personDisplayName(trx, personId),
      );
    },

    /** One referral with its attempts and full history. */
    async get(referralId: string): Promise<ReferralDetail> {
      const org = await holderOfReferral(referralId);
      return access.run('referral.view', { organisationId: org }, subject(referralId), async (trx, actor) => {
        const at = now();
        const r = await referralHeader(trx, referralId);
        const rows = await attemptsOfReferral(trx, referralId);
        const events = await eventsOfReferral(trx, referralId);
        const source = await shareSource(trx, referralId, at);
        const attempts = [];
        const previews: Record<string, SharedView> = {};
        for (const row of rows) {
          const live = await consentInForce(trx, row.share_consent_id, at);
          attempts.push({
            ...toAttemptView(row, at),
            shareConsentInForce: live,
            recipientName: row.recipient_name,
            group: row.recipient_organisation_id ? null : await groupView(trx, row, at),
          });
          if (row.sent_at && live) previews[row.id] = sharedView(row.shared_fields, source);
        }
        return {
          ...r,
          attempts,
          events,
          shareable: shareableNow(source.contactScopes),
          previews,
          companions: await buddyOptions(trx, actor.organisationId, at),
        };
      });
    },

    /** The connector's "today" list: their attempts that have a next step, the most urgent first. */
    async today(): Promise<TodayItem[]> {
      const org = access.actor?.organisationId ?? '';
      return access.run('referral.view', { organisationId: org }, { ...subject(null), action: 'referral.today' }, async (trx, actor) => {
        const at = now();
        const rows = await attemptsWithNextStep(trx, org, actor.accountId);
        const order = { overdue: 0, due: 1, upcoming: 2 } as const;
        return rows
          .map((row) => ({ ...toAttemptView(row, at), personName: row.display_name, need: row.need }))
          .sort((x, y) => order[x.next!.urgency] - order[y.next!.urgency] || x.next!.due.localeCompare(y.next!.due));
      });
    },

    /**
     * Chooses a service for the referral: a new draft attempt. Refused with a
     * clear reason when the service is full, not taking referrals, inactive or
     * has nobody on Belong to receive it.
     */
    async chooseService(
      referralId: string,
      serviceId: string,
    ): Promise<{ ok: true; attemptId: string } | { ok: false; error: ServiceProblem }> {
      const org = await holderOfReferral(referralId);
      if (!isUuid(serviceId)) return { ok: false, error: 'no_such_service' };
      return access.run(
        'referral.send',
        { organisationId: org },
        (r: { ok: boolean; attemptId?: string; error?: string }) => ({
          ...subject(referralId),
          action: 'referral.choose_service',
          details: { serviceId, ...r },
        }),
        async (trx, actor) => {
          const avail = await serviceAvailability(trx, serviceId);
          if (!avail.ok) return { ok: false as const, error: avail.problem };
          const id = newId();
          await openDraftAttempt(trx, {
            id,
            referralId,
            serviceId,
            serviceName: avail.name,
            recipientOrganisationId: avail.recipientOrganisationId,
            actorAccountId: actor.accountId,
            at: now(),
          });
          return { ok: true as const, attemptId: id };
        },
      );
    },

    /**
     * Records the person's consent to share the chosen fields with the
     * service's organisation, and sends the attempt (draft → sent).
     */
    async send(
      referralId: string,
      attemptId: string,
      choice: {
        fields: readonly string[];
        givenBy: 'verbal' | 'written' | 'self';
        expectedVersion: number;
        /** For a group with no account: send it a link, or the connector phones it (asked only when a link can be sent). */
        groupContact?: 'link' | 'phone' | null;
      },
    ): Promise<ActionResult> {
      const org = await holderOfReferral(referralId);
      let messages: Message[] = [];
      const result = await access.run(
        'referral.send',
        { organisationId: org },
        (r: ActionResult) => ({
          ...subject(referralId),
          action: 'referral.send',
          details: {
            attemptId,
            fields: [...choice.fields],
            ...(choice.groupContact ? { groupContact: choice.groupContact } : {}),
            ok: r.ok,
            ...(r.ok ? {} : { error: r.error }),
          },
        }),
        async (trx, actor): Promise<ActionResult> => {
          const at = now();
          const row = await attemptOf(trx, referralId, attemptId);
          if (!row) return { ok: false, error: 'not_found', current: null };
          const personId = await referralPersonId(trx, referralId);
          if (!personId) return { ok: false, error: 'not_found', current: null };
          const contactScopes = await scopesInForce(trx, personId, 'contact', at);
          const checked = checkShareChoice(choice.fields, contactScopes);
          if (!checked.ok) return { ok: false, error: checked.error, current: toAttemptView(row, at) };
          if (row.state !== 'draft') {
            // Already sent (a double click) or moved on: let the transition check say which.
            return fromStore(
              await storeEvent(trx, {
                attemptId,
                expectedVersion: choice.expectedVersion,
                event: { type: 'send' },
                ctx: { side: 'referrer', consentToShare: true, recipientAvailable: true },
                actorAccountId: actor.accountId,
                now: at,
              }),
              at,
            );
          }
          if (row.version !== choice.expectedVersion) return { ok: false, error: 'stale', current: toAttemptView(row, at) };
          const avail = await serviceAvailability(trx, row.service_id, { lock: true });
          if (!avail.ok) return { ok: false, error: avail.problem, current: toAttemptView(row, at) };
          // A group with no account hears of it through a link, or by the connector's phone.
          let how: 'link' | 'phone' | null = null;
          let group: GroupContact | null = null;
          if (!avail.recipientOrganisationId) {
            group = await groupContactOf(trx, row.service_id);
            how = canLinkTo(group) ? (choice.groupContact ?? null) : 'phone';
            if (!how) return { ok: false, error: 'group_contact_missing', current: toAttemptView(row, at) };
          }
          const consentId = newId();
          await insertShareConsent(trx, {
            id: consentId,
            personId,
            scope: checked.fields,
            recipientOrganisationId: avail.recipientOrganisationId,
            purpose: `referral:${referralId}`,
            givenBy: choice.givenBy,
            recordedBy: actor.accountId,
            at,
          });
          const stored = await storeEvent(trx, {
            attemptId,
            expectedVersion: choice.expectedVersion,
            event: { type: 'send' },
            ctx: { side: 'referrer', consentToShare: await consentInForce(trx, consentId, at), recipientAvailable: avail.ok },
            actorAccountId: actor.accountId,
            now: at,
            also: {
              shared_fields: checked.fields,
              share_consent_id: consentId,
              recipient_organisation_id: avail.recipientOrganisationId,
              sent_at: at,
              service_name: avail.name,
              group_contact: how,
            },
          });
          const out = fromStore(stored, at);
          if (out.ok && out.changed && how === 'link' && stored?.ok)
            messages = [await issueGroupLink(trx, stored.attempt, messageAddress(group!)!, actor.accountId, at)];
          else if (out.ok && out.changed)
            messages = await messagesToRecipients(
              trx,
              avail.recipientOrganisationId,
              'referrals.notify.newSubject',
              en.staff('referrals.notify.newBody', { service: avail.name }),
            );
          await deps.notifier.enqueue(trx, messages);
          return out;
        },
      );
      return result;
    },

    /** The referrer's own events, or the person's check-in answer recorded by the connector (side 'person'). */
    async act(
      referralId: string,
      attemptId: string,
      type: FormEvent,
      form: Record<string, unknown>,
      expectedVersion: number,
      side: 'referrer' | 'person' = 'referrer',
    ): Promise<ActionResult> {
      const org = await holderOfReferral(referralId);
      const allowed = side === 'person' ? CHECK_IN_EVENTS : REFERRER_EVENTS;
      if (!allowed.includes(type)) throw new DomainError('BadRequest', 'That is not something the referrer records.');
      const { event, interpreterMet } = eventFromForm(type, form);
      let messages: Message[] = [];
      const result = await access.run(
        'referral.update',
        { organisationId: org },
        (r: ActionResult) => ({
          ...subject(referralId),
          action: `referral.${type}`,
          details: { attemptId, side, ok: r.ok, ...(r.ok ? { changed: r.changed } : { error: r.error }) },
        }),
        async (trx, actor): Promise<ActionResult> => {
          const at = now();
          const row = await attemptOf(trx, referralId, attemptId);
          if (!row) return { ok: false, error: 'not_found', current: null };
          const checked = await resolveCompanion(trx, event, actor.organisationId, at);
          const out = fromStore(
            await storeEvent(trx, {
              attemptId,
              expectedVersion,
              event: checked,
              ctx: { side },
              actorAccountId: actor.accountId,
              now: at,
              interpreterMet,
            }),
            at,
          );
          if (out.ok && out.changed && type === 'withdraw' && row.sent_at)
            messages = await messagesToRecipients(
              trx,
              row.recipient_organisation_id,
              'referrals.notify.changedSubject',
              en.staff('referrals.notify.withdrawnBody', { service: row.service_name }),
            );
          await deps.notifier.enqueue(trx, messages);
          return out;
        },
      );
      return result;
    },

    /**
     * Re-routes: closes the attempt (as redirected when it is still open; a
     * declined, expired or not-taken-up attempt keeps its state and loses its
     * "find something else" step) and opens a new draft attempt for another
     * service, linked from the old one.
     */
    async reroute(
      referralId: string,
      attemptId: string,
      toServiceId: string,
      expectedVersion: number,
    ): Promise<{ ok: true; attemptId: string } | { ok: false; error: ActionError; current: AttemptView | null }> {
      const org = await holderOfReferral(referralId);
      if (!isUuid(toServiceId)) return { ok: false, error: 'no_such_service', current: null };
      let messages: Message[] = [];
      const result = await access
        .run(
          'referral.update',
          { organisationId: org },
          (r: { ok: boolean }) => ({ ...subject(referralId), action: 'referral.redirect', details: { attemptId, toServiceId, ok: r.ok } }),
          async (trx, actor) => {
            const at = now();
            const row = await attemptOf(trx, referralId, attemptId);
            if (!row) return { ok: false as const, error: 'not_found' as const, current: null };
            const avail = await serviceAvailability(trx, toServiceId);
            if (!avail.ok) return { ok: false as const, error: avail.problem, current: toAttemptView(row, at) };
            const newAttemptId = newId();
            await openDraftAttempt(trx, {
              id: newAttemptId,
              referralId,
              serviceId: toServiceId,
              serviceName: avail.name,
              recipientOrganisationId: avail.recipientOrganisationId,
              actorAccountId: actor.accountId,
              at,
              replaces: attemptId,
            });
            if (CLOSED_STATES.has(row.state as AttemptState)) {
              // Refusals throw, so the new attempt above is not kept.
              if (row.version !== expectedVersion) throw new RerouteRefused('stale', toAttemptView(row, at));
              if (row.redirected_to) throw new RerouteRefused('closed', toAttemptView(row, at));
              await markRedirected(trx, row, newAttemptId, at);
              await appendEvent(trx, row, {
                at,
                actorAccountId: actor.accountId,
                side: 'referrer',
                type: 'reroute',
                payload: { toAttemptId: newAttemptId, toServiceId },
                from: row.state,
                to: row.state,
              });
              return { ok: true as const, attemptId: newAttemptId };
            }
            const event: AttemptEvent = { type: 'redirect', toServiceId };
            const stored = await storeEvent(trx, {
              attemptId,
              expectedVersion,
              event,
              ctx: { side: 'referrer' },
              actorAccountId: actor.accountId,
              now: at,
              also: { redirected_to: newAttemptId },
            });
            const out = fromStore(stored, at);
            if (!out.ok || !out.changed) {
              // Nothing to re-route from: undo the new attempt by failing the transaction's work.
              throw new RerouteRefused(out.ok ? 'closed' : out.error, out.ok ? toAttemptView(row, at) : out.current);
            }
            if (row.sent_at)
              messages = await messagesToRecipients(
                trx,
                row.recipient_organisation_id,
                'referrals.notify.changedSubject',
                en.staff('referrals.notify.withdrawnBody', { service: row.service_name }),
              );
            await deps.notifier.enqueue(trx, messages);
            return { ok: true as const, attemptId: newAttemptId };
          },
        )
        .catch((e: unknown) => {
          if (e instanceof RerouteRefused) return { ok: false as const, error: e.error, current: e.current };
          throw e;
        });
      return result;
    },

    /**
     * The person withdraws their consent to share with an attempt's recipient:
     * the consent is withdrawn (nothing more is shared: the recipient sees
     * that consent was withdrawn) and the recipient is told.
     */
    async withdrawShareConsent(referralId: string, attemptId: string): Promise<ActionResult> {
      const org = await holderOfReferral(referralId);
      let messages: Message[] = [];
      const result = await access.run(
        'referral.send',
        { organisationId: org },
        { ...subject(referralId), action: 'referral.share_withdrawn', details: { attemptId } },
        async (trx, actor): Promise<ActionResult> => {
          const at = now();
          const row = await attemptOf(trx, referralId, attemptId);
          if (!row || !row.share_consent_id) return { ok: false, error: 'not_found', current: null };
          if (await consentWithdrawnAt(trx, row.share_consent_id)) return { ok: true, changed: false, attemptId };
          await withdrawConsent(trx, row.share_consent_id, actor.accountId, at);
          await markConsentWithdrawnNotified(trx, row.id, at);
          await appendEvent(trx, row, {
            at,
            actorAccountId: actor.accountId,
            side: 'person',
            type: 'share_consent_withdrawn',
            from: row.state,
            to: row.state,
          });
          messages = await messagesToRecipients(
            trx,
            row.recipient_organisation_id,
            'referrals.notify.consentSubject',
            en.staff('referrals.notify.consentBody', { service: row.service_name }),
          );
          await deps.notifier.enqueue(trx, messages);
          return { ok: true, changed: true, attemptId };
        },
      );
      return result;
    },

    /**
     * Sends a group with no account a new link (30 days; any older link stops
     * working): when the first went astray, expired, or the connector had
     * been phoning them. Refused when the group asked not to get messages or
     * has no listed e-mail or mobile.
     */
    async sendGroupLink(referralId: string, attemptId: string): Promise<ActionResult> {
      const org = await holderOfReferral(referralId);
      let messages: Message[] = [];
      return access.run(
        'referral.send',
        { organisationId: org },
        (r: ActionResult) => ({
          ...subject(referralId),
          action: 'referral.group_link.send',
          details: { attemptId, ok: r.ok, ...(r.ok ? {} : { error: r.error }) },
        }),
        async (trx, actor): Promise<ActionResult> => {
          const at = now();
          const row = await groupAttemptOf(trx, referralId, attemptId);
          if (!row.ok) return row;
          const g = await groupContactOf(trx, row.row.service_id);
          if (!canLinkTo(g)) return { ok: false, error: 'group_unreachable', current: toAttemptView(row.row, at) };
          messages = [await issueGroupLink(trx, row.row, messageAddress(g)!, actor.accountId, at)];
          await deps.notifier.enqueue(trx, messages);
          return { ok: true, changed: true, attemptId };
        },
      );
    },

    /** Stops a group's link (it is refused from now on); the connector records the group's steps by phone. */
    async stopGroupLink(referralId: string, attemptId: string): Promise<ActionResult> {
      const org = await holderOfReferral(referralId);
      return access.run(
        'referral.send',
        { organisationId: org },
        (r: ActionResult) => ({ ...subject(referralId), action: 'referral.group_link.stop', details: { attemptId, ok: r.ok } }),
        async (trx): Promise<ActionResult> => {
          const at = now();
          const row = await groupAttemptOf(trx, referralId, attemptId, { openOnly: false });
          if (!row.ok) return row;
          const stopped = await revokeGroupLinks(trx, attemptId, 'stopped', at);
          await setGroupContact(trx, attemptId, 'phone');
          return { ok: true, changed: stopped > 0, attemptId };
        },
      );
    },

    /** A step a group with no account told the connector (by phone, in person): side 'recipient', recorded by the connector. */
    async actForGroup(
      referralId: string,
      attemptId: string,
      type: FormEvent,
      form: Record<string, unknown>,
      expectedVersion: number,
    ): Promise<ActionResult> {
      const org = await holderOfReferral(referralId);
      if (!GROUP_EVENTS.includes(type)) throw new DomainError('BadRequest', 'That is not something a group records.');
      const { event, interpreterMet } = eventFromForm(type, form);
      return access.run(
        'referral.update',
        { organisationId: org },
        (r: ActionResult) => ({
          ...subject(referralId),
          action: `referral.${type}`,
          details: { attemptId, side: 'recipient', via: 'phone', ok: r.ok, ...(r.ok ? { changed: r.changed } : { error: r.error }) },
        }),
        async (trx, actor): Promise<ActionResult> => {
          const at = now();
          const row = await groupAttemptOf(trx, referralId, attemptId);
          if (!row.ok) return row;
          const checked = await resolveCompanion(trx, event, actor.organisationId, at);
          const out = fromStore(
            await storeEvent(trx, {
              attemptId,
              expectedVersion,
              event: checked,
              ctx: { side: 'recipient' },
              actorAccountId: actor.accountId,
              now: at,
              interpreterMet,
              via: 'phone',
            }),
            at,
          );
          return out;
        },
      );
    },

    /** Services whose names match, with whether each can take a referral now (public directory facts only). */
    async findServices(
      query: string,
    ): Promise<{ id: string; name: string; organisation: string; available: boolean; problem: ServiceProblem | null }[]> {
      const q = query.trim().slice(0, 100);
      if (q.length < 2) return [];
      return access.lookup(async (db) => {
        const rows = await servicesNamed(db, q);
        const out = [];
        for (const r of rows) {
          const a = await serviceAvailability(db, r.id);
          out.push({ id: r.id, name: r.name, organisation: r.organisation, available: a.ok, problem: a.ok ? null : a.problem });
        }
        return out;
      });
    },
  };
}

class RerouteRefused extends Error {
  constructor(
    public error: ActionError,
    public current: AttemptView | null,
  ) {
    super(`re-route refused: ${error}`);
  }
}

export type ReferralsService = ReturnType<typeof referralsService>;
