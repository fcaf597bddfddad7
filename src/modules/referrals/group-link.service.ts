/**
 * The page a group with no account reaches through its link (ADR 8), and
 * what it records there. There is no account and so no policy actor: the
 * link is the authority, for one attempt, while it is live
 * (group-link.ts). Every look and every step is in the audit log with the
 * actor "group by link", and every step goes through the same life cycle as
 * a provider's (storeEvent: row lock, version check, the one transition
 * check, owners and due dates, a history row marked "by link").
 *
 * The group sees only what the person agreed to share with it (while that
 * consent is in force), the connector's work contact, the next step and its
 * due date, and its own steps: never the connector's notes or other services.
 */
import type { Kysely, Transaction } from 'kysely';
import { appendAuditEvent } from '../../platform/audit/audit.repository.ts';
import { hashToken, isTokenShaped, newToken, sameSecret } from '../../platform/auth/tokens.ts';
import type { DB } from '../../platform/db/schema.ts';
import { createI18n } from '../../platform/i18n/i18n.ts';
import type { Message, Notifier } from '../../platform/notify/notifier.ts';
import { GROUP_EVENTS, linkProblem, type LinkProblem } from './group-link.ts';
import {
  insertOptOut,
  listingOrganisationOf,
  lockGroupLinkByHash,
  groupLinkByHash,
  useGroupLink,
  type GroupLinkRow,
} from './group-link.repository.ts';
import { eventFromForm, type ActionError, type FormEvent } from './referral-form.ts';
import { referrerOf } from './referral-inbox.repository.ts';
import { connectorAddress, consentInForce, groupContactOf, shareSource } from './referral-read.repository.ts';
import { sharedView, type SharedView } from './referral-sharing.ts';
import type { AttemptState } from './referral-states.ts';
import { lockAttempt, storeEvent, type AttemptRow } from './referral-store.repository.ts';
import { toAttemptView, type AttemptView, type EventView } from './referral-views.model.ts';
import { eventsOfAttempt } from './referrals.repository.ts';

const en = createI18n('en');
const ACTOR = 'group by link';

export interface RequestFacts {
  requestId: string | null;
  ipHash: string | null;
}

export interface GroupPage {
  attempt: AttemptView;
  shared: SharedView;
  consentWithdrawn: boolean;
  referrer: { name: string; email: string; organisation: string };
  /** The group's own steps (no one else's notes). */
  events: EventView[];
  /** The nonce the page's forms carry (changes with every step). */
  nonce: string;
  events_allowed: readonly FormEvent[];
  expiresAt: Date;
  optedOut: boolean;
}

export type GroupPageResult = { ok: true; page: GroupPage } | { ok: false; problem: LinkProblem };
export type GroupActResult =
  { ok: true; changed: boolean } | { ok: false; problem: LinkProblem } | { ok: false; error: ActionError | 'used' };

async function pageOf(trx: Transaction<DB>, link: GroupLinkRow, row: AttemptRow, now: Date): Promise<GroupPage> {
  const live = await consentInForce(trx, row.share_consent_id, now);
  const shared = live ? sharedView(row.shared_fields, await shareSource(trx, row.referral_id, now)) : {};
  const contact = await groupContactOf(trx, row.service_id);
  const view = toAttemptView(row, now);
  return {
    attempt: { ...view, sharedFields: live ? view.sharedFields : [], reasonNote: null },
    shared,
    consentWithdrawn: !live,
    referrer: await referrerOf(trx, row.referral_id),
    events: (await eventsOfAttempt(trx, row.id))
      .filter((e) => e.side === 'recipient' || e.type === 'send')
      .map(({ actorOrganisationId: _org, ...e }) => ({ ...e, note: e.via === 'link' ? e.note : null, actorName: null })),
    nonce: link.form_nonce,
    events_allowed: GROUP_EVENTS,
    expiresAt: link.expires_at,
    optedOut: contact?.optedOut ?? false,
  };
}

export function groupLinkService(db: Kysely<DB>, deps: { notifier: Notifier; now: () => Date }) {
  const origin = (r: RequestFacts, now: Date) => ({ actor: null, requestId: r.requestId, ipHash: r.ipHash, now });

  /** The link and its attempt under row locks, or why the link is refused (a refusal of a known link is audited). */
  async function open(
    trx: Transaction<DB>,
    token: string,
    req: RequestFacts,
    now: Date,
    what: string,
  ): Promise<{ ok: true; link: GroupLinkRow; row: AttemptRow } | { ok: false; problem: LinkProblem }> {
    if (!isTokenShaped(token)) return { ok: false, problem: 'unknown' };
    const link = await lockGroupLinkByHash(trx, hashToken(token));
    const row = link ? await lockAttempt(trx, link.attempt_id) : undefined;
    const problem = linkProblem(
      link && { expiresAt: link.expires_at, revokedAt: link.revoked_at, revokedWhy: link.revoked_why },
      row?.state as AttemptState | undefined,
      now,
    );
    if (problem) {
      if (link && row)
        await appendAuditEvent(trx, origin(req, now), {
          action: `referral.group_link.${what}`,
          outcome: 'denied',
          subjectType: 'referral',
          subjectId: row.referral_id,
          details: { attemptId: row.id, linkId: link.id, actor: ACTOR, why: problem },
        });
      return { ok: false, problem };
    }
    return { ok: true, link: link!, row: row! };
  }

  return {
    /** The page behind a link (a read of personal data: audited). */
    async view(token: string, req: RequestFacts): Promise<GroupPageResult> {
      const now = deps.now();
      return db.transaction().execute(async (trx) => {
        const o = await open(trx, token, req, now, 'view');
        if (!o.ok) return o;
        await useGroupLink(trx, o.link.id, null, now);
        await appendAuditEvent(trx, origin(req, now), {
          action: 'referral.group_link.view',
          subjectType: 'referral',
          subjectId: o.row.referral_id,
          details: { attemptId: o.row.id, linkId: o.link.id, actor: ACTOR },
        });
        return { ok: true as const, page: await pageOf(trx, o.link, o.row, now) };
      });
    },

    /** A closed referral's link after the group's own last step: just its name and state (no personal data). */
    async closedSummary(token: string): Promise<{ serviceName: string; state: AttemptState } | null> {
      if (!isTokenShaped(token)) return null;
      const link = await groupLinkByHash(db, hashToken(token));
      if (!link || link.revoked_at) return null;
      const row = await db.transaction().execute((trx) => lockAttempt(trx, link.attempt_id));
      return row ? { serviceName: row.service_name, state: row.state as AttemptState } : null;
    },

    /** Records one of the group's steps (side 'recipient', by link), checked against the page's nonce. */
    async act(token: string, type: string, form: Record<string, unknown>, req: RequestFacts): Promise<GroupActResult> {
      const now = deps.now();
      let messages: Message[] = [];
      return db.transaction().execute(async (trx): Promise<GroupActResult> => {
        const result = await step(trx);
        // In the same transaction as the step: a message exists if and only if the step was kept.
        await deps.notifier.enqueue(trx, messages);
        return result;
      });

      async function step(trx: Transaction<DB>): Promise<GroupActResult> {
        const o = await open(trx, token, req, now, type === 'opt_out' ? 'opt_out' : 'act');
        if (!o.ok) return o;
        const nonce = typeof form._csrf === 'string' ? form._csrf : '';
        const audit = (details: Record<string, unknown>, outcome: 'allowed' | 'denied' = 'allowed') =>
          appendAuditEvent(trx, origin(req, now), {
            action: `referral.group_link.${type}`,
            outcome,
            subjectType: 'referral',
            subjectId: o.row.referral_id,
            details: { attemptId: o.row.id, linkId: o.link.id, actor: ACTOR, ...details },
          });
        if (!sameSecret(nonce, o.link.form_nonce)) {
          await audit({ why: 'used' }, 'denied');
          return { ok: false, error: 'used' };
        }
        if (type === 'opt_out') {
          const org = await listingOrganisationOf(trx, o.row.service_id);
          const added = org ? await insertOptOut(trx, org, o.row.id, now) : false;
          await useGroupLink(trx, o.link.id, newToken(), now);
          await audit({ optedOut: added });
          const to = added ? await connectorAddress(trx, o.row.referral_id) : null;
          if (to)
            messages = [
              {
                to,
                subject: en.staff('referrals.notify.changedSubject'),
                text: en.staff('referrals.group.optedOutBody', { service: o.row.service_name }),
              },
            ];
          return { ok: true, changed: added };
        }
        if (!(GROUP_EVENTS as readonly string[]).includes(type)) return { ok: false, error: 'wrong_state' };
        const { event, interpreterMet } = eventFromForm(type as FormEvent, form);
        // A group has no accounts to name as a companion: a name is all it can give.
        const checked =
          event.type === 'book_first_visit' && event.companion?.accountId
            ? { ...event, companion: { ...event.companion, accountId: null } }
            : event;
        const version = Number(form.version);
        const stored = await storeEvent(trx, {
          attemptId: o.row.id,
          expectedVersion: Number.isInteger(version) && version >= 0 ? version : -1,
          event: checked,
          ctx: { side: 'recipient' },
          actorAccountId: null,
          now,
          interpreterMet,
          via: 'link',
        });
        if (!stored) return { ok: false, error: 'not_found' };
        await audit(stored.ok ? { changed: stored.changed } : { error: stored.error });
        if (!stored.ok) return { ok: false, error: stored.error };
        if (stored.changed) {
          await useGroupLink(trx, o.link.id, newToken(), now);
          const to = await connectorAddress(trx, o.row.referral_id);
          if (to)
            messages = [
              {
                to,
                subject: en.staff('referrals.notify.changedSubject'),
                text: en.staff('referrals.group.stepBody', {
                  service: o.row.service_name,
                  state: en.staff(`referrals.staffState.${stored.to}` as never),
                }),
              },
            ];
        }
        return { ok: true, changed: stored.changed };
      }
    },
  };
}

export type GroupLinkService = ReturnType<typeof groupLinkService>;
