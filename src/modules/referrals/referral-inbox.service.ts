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
import { createI18n } from '../../platform/i18n/i18n.ts';
import { isUuid, newId } from '../../platform/ids.ts';
import type { Message, Notifier } from '../../platform/notify/notifier.ts';
import { eventFromForm, type FormEvent } from './referral-form.ts';
import { companionOptions, resolveCompanion, type CompanionOption } from './referral-companion.ts';
import { connectorAddress, consentInForce, shareSource } from './referral-read.ts';
import { sharedView, type SharedView } from './referral-sharing.ts';
import { CLOSED_STATES, type AttemptState } from './referral-states.ts';
import { storeEvent, type AttemptRow } from './referral-store.ts';
import { toAttemptView, type AttemptView, type EventView } from './referral-views.model.ts';
import type { ActionResult } from './referrals.service.ts';

const en = createI18n('en');
const notFound = () => new DomainError('NotFound', 'There is no such referral.');

export interface IncomingReferral extends AttemptView {
  /** Only the fields shared with this organisation; empty when consent was withdrawn. */
  shared: SharedView;
  consentWithdrawn: boolean;
}

export interface IncomingDetail extends IncomingReferral {
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
    const row = await access.lookup((db) =>
      db.selectFrom('referral_attempt').select(['recipient_organisation_id', 'sent_at']).where('id', '=', attemptId).executeTakeFirst(),
    );
    if (!row || !row.recipient_organisation_id || !row.sent_at) throw notFound();
    return row.recipient_organisation_id;
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
          const rows = await trx
            .selectFrom('referral_attempt')
            .selectAll()
            .where('recipient_organisation_id', '=', org)
            .where('sent_at', 'is not', null)
            .orderBy('sent_at', 'desc')
            .orderBy('id')
            .limit(300)
            .execute();
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
        const row = await trx.selectFrom('referral_attempt').selectAll().where('id', '=', attemptId).executeTakeFirstOrThrow();
        const events = await trx
          .selectFrom('referral_event as e')
          .leftJoin('staff_account as s', 's.id', 'e.actor_account_id')
          .select([
            'e.attempt_id',
            'e.at',
            'e.side',
            'e.event_type',
            'e.from_state',
            'e.to_state',
            'e.note',
            's.name as actor_name',
            's.organisation_id',
          ])
          .where('e.attempt_id', '=', attemptId)
          .orderBy('e.seq')
          .execute();
        return {
          ...(await incoming(trx, row, now)),
          companions: await companionOptions(trx, actor.organisationId),
          events: events.map((e) => {
            const own = e.side === 'recipient' && e.organisation_id === org;
            return {
              attemptId: e.attempt_id,
              at: e.at,
              side: e.side,
              type: e.event_type,
              from: e.from_state,
              to: e.to_state,
              note: own ? e.note : null,
              actorName: own ? e.actor_name : null,
            };
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
          const checked = await resolveCompanion(trx, event, actor.organisationId);
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
        const rows = await db
          .selectFrom('service as s')
          .leftJoin('belong_service as b', 'b.service_id', 's.id')
          .select(['s.id', 's.name', 'b.accepting_referrals', 'b.capacity_status'])
          .where('s.organization_id', 'in', [...listings])
          .orderBy('s.name')
          .orderBy('s.id')
          .limit(200)
          .execute();
        return rows.map((r) => ({
          id: r.id,
          name: r.name,
          acceptingReferrals: r.accepting_referrals ?? true,
          capacityStatus: r.capacity_status ?? 'places_available',
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
      const s = await access.lookup((db) =>
        db.selectFrom('service').select('organization_id').where('id', '=', serviceId).executeTakeFirst(),
      );
      if (!s) throw new DomainError('NotFound', 'There is no such service.');
      await access.run(
        'referral.pause_service',
        { listingOrganizationIds: [s.organization_id] },
        {
          subjectType: 'service',
          subjectId: serviceId,
          action: accepting ? 'referral.resume_service' : 'referral.pause_service',
          details: { accepting },
        },
        async (trx, actor) => {
          const at = access.now();
          const before = await trx
            .selectFrom('belong_service')
            .select('accepting_referrals')
            .where('service_id', '=', serviceId)
            .forUpdate()
            .executeTakeFirst();
          if (before?.accepting_referrals === accepting || (!before && accepting)) return;
          if (before)
            await trx.updateTable('belong_service').set({ accepting_referrals: accepting }).where('service_id', '=', serviceId).execute();
          else await trx.insertInto('belong_service').values({ service_id: serviceId, accepting_referrals: accepting }).execute();
          await trx
            .insertInto('metadata')
            .values({
              id: newId(),
              resource_id: serviceId,
              resource_type: 'service',
              last_action_date: at,
              last_action_type: 'update',
              field_name: 'accepting_referrals',
              previous_value: String(before?.accepting_referrals ?? true),
              replacement_value: String(accepting),
              updated_by: `staff:${actor.accountId}`,
            })
            .execute();
        },
      );
    },
  };
}

export type ReferralInboxService = ReturnType<typeof referralInboxService>;
