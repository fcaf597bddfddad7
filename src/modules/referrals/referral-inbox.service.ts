/**
 * Referrals, the recipient's side, policy-checked: provider staff see only
 * the attempts sent to their own organisation (`referral.inbox`), and of
 * each only the fields the person agreed to share with it, while that
 * consent is in force. They record what happened (`referral.respond`) and
 * may stop new referrals to a service their organisation manages
 * (`referral.pause_service`).
 */
import type { Transaction } from 'kysely';
import type { Access } from '../../platform/auth/access.ts';
import type { DB } from '../../platform/db/schema.ts';
import { DomainError } from '../../platform/http/errors.ts';
import { recordFieldOrigins } from '../directory/directory.service.ts';
import { createI18n } from '../../platform/i18n/i18n.ts';
import { isUuid } from '../../platform/ids.ts';
import type { Message, Notifier } from '../../platform/notify/notifier.ts';
import { eventFromForm, type FormEvent } from './referral-form.ts';
import { buddyOptions, resolveCompanion } from './referral-companion.ts';
import {
  attemptById,
  attemptRecipient,
  attemptsSentTo,
  lockAcceptingReferrals,
  saveAcceptingReferrals,
  serviceOrganisation,
  servicesOfListings,
  referrerOf,
} from './referral-inbox.repository.ts';
import { connectorAddress, consentInForce, shareSource } from './referral-read.repository.ts';
import { sharedView, type SharedView } from './referral-sharing.ts';
import { CLOSED_STATES, type AttemptState } from './referral-states.ts';
import { storeEvent, type AttemptRow } from './referral-store.repository.ts';
import { toAttemptView, type AttemptView, type CompanionOption, type EventView } from './referral-views.model.ts';
import { eventsOfAttempt } from './referrals.repository.ts';
import type { ActionResult } from './referrals.service.ts';

const en = createI18n('en');
const notFound = () => new DomainError('NotFound', 'There is no such referral.');

export interface IncomingReferral extends AttemptView {
  /** Only the fields shared with this organisation; empty when consent was withdrawn. */
  shared: SharedView;
  consentWithdrawn: boolean;
}

export interface IncomingDetail extends IncomingReferral {
  /** The connector who made the referral, with their work contact: who to call about it. */
  referrer: { name: string; email: string; organisation: string };
  /** What happened to this attempt (the recipient's own notes; others' notes are not shared). */
  events: EventView[];
  /** Who from this organisation could go with the person to a first visit. */
  companions: CompanionOption[];
}

export interface ManagedService {
  id: string;
  name: string;
  acceptingReferrals: boolean;
  capacityStatus: string;
}

/** The events the recipient records. */
export const RECIPIENT_EVENTS: readonly FormEvent[] = [
  'acknowledge',
  'accept',
  'waitlist',
  'decline',
  'record_contact_attempt',
  'book_first_visit',
  'record_attendance',
  'pause',
  'resume',
  'complete',
  'not_taken_up',
];

async function incoming(trx: Transaction<DB>, row: AttemptRow, now: Date): Promise<IncomingReferral> {
  const live = await consentInForce(trx, row.share_consent_id, now);
  const shared = live ? sharedView(row.shared_fields, await shareSource(trx, row.referral_id, now)) : {};
  // The attempt itself minus what the provider has no need of.
  const view = toAttemptView(row, now);
  return { ...view, sharedFields: live ? view.sharedFields : [], shared, consentWithdrawn: !live };
}

export function referralInboxService(access: Access, deps: { notifier: Notifier }) {
  const subject = (id: string | null) => ({ subjectType: 'referral_attempt', subjectId: id });

  /** The organisation an attempt was sent to (an id only), or a 404 (also for drafts nobody was sent). */
  async function recipientOf(attemptId: string): Promise<string> {
    if (!isUuid(attemptId)) throw notFound();
    const row = await access.lookup((db) => attemptRecipient(db, attemptId));
    if (!row || !row.recipientOrganisationId || !row.sentAt) throw notFound();
    return row.recipientOrganisationId;
  }

  return {
    /** Attempts sent to this organisation: open ones first (overdue, then new), then the rest. */
    async list(): Promise<IncomingReferral[]> {
      const org = access.actor?.organisationId ?? '';
      return access.run(
        'referral.inbox',
        { organisationId: org },
        { ...subject(null), action: 'referral.inbox', details: { organisationId: org } },
        async (trx) => {
          const now = access.now();
          const rows = await attemptsSentTo(trx, org);
          const out: IncomingReferral[] = [];
          for (const r of rows) out.push(await incoming(trx, r, now));
          const rank = (a: IncomingReferral) =>
            CLOSED_STATES.has(a.state) ? 4 : a.next?.urgency === 'overdue' ? 0 : a.state === 'sent' ? 1 : a.next?.urgency === 'due' ? 2 : 3;
          return out.sort((a, b) => rank(a) - rank(b));
        },
      );
    },

    /** One incoming attempt with its history. */
    async get(attemptId: string): Promise<IncomingDetail> {
      const org = await recipientOf(attemptId);
      return access.run('referral.inbox', { organisationId: org }, subject(attemptId), async (trx, actor) => {
        const now = access.now();
        const row = await attemptById(trx, attemptId);
        const events = await eventsOfAttempt(trx, attemptId);
        return {
          ...(await incoming(trx, row, now)),
          referrer: await referrerOf(trx, row.referral_id),
          companions: await buddyOptions(trx, actor.organisationId, now),
          events: events.map(({ actorOrganisationId, ...e }): EventView => {
            const own = e.side === 'recipient' && actorOrganisationId === org;
            return { ...e, note: own ? e.note : null, actorName: own ? e.actorName : null };
          }),
        };
      });
    },

    /** Records what happened (side 'recipient'). */
    async respond(attemptId: string, type: FormEvent, form: Record<string, unknown>, expectedVersion: number): Promise<ActionResult> {
      if (!RECIPIENT_EVENTS.includes(type)) throw new DomainError('BadRequest', 'That is not something the recipient records.');
      const org = await recipientOf(attemptId);
      const { event, interpreterMet } = eventFromForm(type, form);
      let messages: Message[] = [];
      const result = await access.run(
        'referral.respond',
        { organisationId: org },
        (r: ActionResult) => ({
          ...subject(attemptId),
          action: `referral.${type}`,
          details: { ok: r.ok, ...(r.ok ? { changed: r.changed } : { error: r.error }) },
        }),
        async (trx, actor): Promise<ActionResult> => {
          const now = access.now();
          const checked = await resolveCompanion(trx, event, actor.organisationId, now);
          const stored = await storeEvent(trx, {
            attemptId,
            expectedVersion,
            event: checked,
            ctx: { side: 'recipient' },
            actorAccountId: actor.accountId,
            now,
            interpreterMet,
          });
          if (!stored) return { ok: false, error: 'not_found', current: null };
          if (!stored.ok) return { ok: false, error: stored.error, current: toAttemptView(stored.attempt, now) };
          if (stored.changed && (stored.to === 'declined' || stored.to === 'accepted' || stored.to === 'waiting_list')) {
            const to = await connectorAddress(trx, stored.attempt.referral_id);
            if (to)
              messages = [
                {
                  to,
                  subject: en.staff('referrals.notify.changedSubject'),
                  text: en.staff('referrals.notify.responseBody', {
                    service: stored.attempt.service_name,
                    state: stored.to as AttemptState,
                  }),
                },
              ];
          }
          await deps.notifier.enqueue(trx, messages);
          return { ok: true, changed: stored.changed, attemptId };
        },
      );
      return result;
    },

    /** The services of the listings this organisation manages, with whether each takes referrals. */
    async services(): Promise<ManagedService[]> {
      const listings = access.actor?.listingOrganizationIds ?? [];
      if (!listings.length) return [];
      return access.lookup(async (db) => {
        const rows = await servicesOfListings(db, listings);
        return rows.map((r) => ({
          id: r.id,
          name: r.name,
          acceptingReferrals: r.acceptingReferrals ?? true,
          capacityStatus: r.capacityStatus ?? 'places_available',
        }));
      });
    },

    /**
     * Stops (or restarts) new referrals to a service. Nothing can be sent to a
     * paused service; attempts already sent carry on. The change is kept in the
     * directory's change log like any other listing change.
     */
    async setAccepting(serviceId: string, accepting: boolean): Promise<void> {
      if (!isUuid(serviceId)) throw new DomainError('NotFound', 'There is no such service.');
      const listing = await access.lookup((db) => serviceOrganisation(db, serviceId));
      if (!listing) throw new DomainError('NotFound', 'There is no such service.');
      await access.run(
        'referral.pause_service',
        { listingOrganizationIds: [listing] },
        {
          subjectType: 'service',
          subjectId: serviceId,
          action: accepting ? 'referral.resume_service' : 'referral.pause_service',
          details: { accepting },
        },
        async (trx, actor) => {
          const at = access.now();
          const before = await lockAcceptingReferrals(trx, serviceId);
          if (before === accepting) return;
          await saveAcceptingReferrals(trx, { serviceId, accepting, before, actorAccountId: actor.accountId, at });
          // The provider's own decision: a re-import of the feed leaves it alone.
          await recordFieldOrigins(
            trx,
            serviceId,
            [{ field: 'belong.accepting_referrals', value: accepting, before: before ?? null }],
            'provider',
            `staff:${actor.accountId}`,
          );
        },
      );
    },
  };
}

export type ReferralInboxService = ReturnType<typeof referralInboxService>;
