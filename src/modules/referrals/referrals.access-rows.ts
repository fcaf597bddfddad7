/**
 * Access-matrix rows for referrals: the connector of the person's
 * organisation (a GP practice) acts on the referrer side; provider staff of
 * organisation A, to which the attempt was sent, act on the recipient side.
 * The other connector (another organisation), the other provider's manager,
 * volunteers, commissioners and administrators are refused (an
 * administrator may only pause referrals to a service).
 */
import type { Insertable, Kysely } from 'kysely';
import type { DB, ReferralAttemptTable } from '../../platform/db/schema.ts';
import { newId } from '../../platform/ids.ts';
import type { Notifier } from '../../platform/notify/notifier.ts';
import { PROVIDERS_A, type Row, type World } from '../../../test/support/access-matrix.ts';
import { referralInboxService } from './referral-inbox.service.ts';
import { referralsService } from './referrals.service.ts';
import type { AttemptState } from './referral-states.ts';

const notifier: Notifier = { enqueue: async () => undefined };

async function person(db: Kysely<DB>, w: World, cell: string): Promise<string> {
  const id = newId();
  await db
    .insertInto('person')
    .values({
      id,
      organisation_id: w.orgConnector,
      display_name: `Person ${cell}`,
      preferred_language: 'en',
      created_at: new Date(),
      updated_at: new Date(),
    })
    .execute();
  return id;
}

/**
 * A referral for a new person of the connector's organisation, with one attempt to A's service in
 * `state`. Past a draft, the attempt was sent with a share consent for `shared` (default: the need);
 * `attempt` sets any other columns (a first visit, a companion, the version).
 */
export async function referralWithAttempt(
  w: World,
  cell: string,
  state: AttemptState,
  opts: { shared?: string[]; attempt?: Partial<Insertable<ReferralAttemptTable>> } = {},
): Promise<Record<string, string>> {
  const db = w.database.db;
  const personId = await person(db, w, cell);
  const referral = newId();
  const attempt = newId();
  const now = new Date();
  const sent = state !== 'draft';
  const shared = sent ? (opts.shared ?? ['need']) : [];
  await db
    .insertInto('referral')
    .values({
      id: referral,
      person_id: personId,
      organisation_id: w.orgConnector,
      connector_account_id: w.accounts.connector,
      need: `Need ${cell}`,
      created_at: now,
      updated_at: now,
    })
    .execute();
  let consent: string | null = null;
  if (sent) {
    consent = newId();
    await db
      .insertInto('person_consent')
      .values({
        id: consent,
        person_id: personId,
        kind: 'share',
        scope: shared,
        recipient_organisation_id: w.orgA,
        given_by: 'verbal',
        granted_at: now,
      })
      .execute();
  }
  await db
    .insertInto('referral_attempt')
    .values({
      id: attempt,
      referral_id: referral,
      service_id: w.graphA.service.id,
      service_name: w.graphA.service.name,
      recipient_organisation_id: w.orgA,
      state,
      shared_fields: shared,
      share_consent_id: consent,
      sent_at: sent ? now : null,
      version: sent ? 1 : 0,
      created_at: now,
      updated_at: now,
      ...opts.attempt,
    })
    .execute();
  return { person: personId, referral, attempt };
}

const stateOf = async (w: World, attempt: string) =>
  (await w.database.db.selectFrom('referral_attempt').select('state').where('id', '=', attempt).executeTakeFirstOrThrow()).state;

export const REFERRAL_ROWS: Row[] = [
  {
    action: 'referral.create',
    does: 'start a referral for a person of the connector’s organisation',
    allowed: ['connector'],
    prepare: async (w, cell) => ({ person: await person(w.database.db, w, cell) }),
    attempt: (a, _w, cell, t) =>
      referralsService(a, { notifier }).create(t.person!, {
        need: `Need ${cell}`,
        summary: null,
        interpreterNeeded: false,
        interpreterLanguage: null,
        accompanyWanted: false,
        transportNeeded: false,
        childcareNeeded: false,
      }),
    changed: async (w, cell) =>
      !!(await w.database.db.selectFrom('referral').select('id').where('need', '=', `Need ${cell}`).executeTakeFirst()),
  },
  {
    action: 'referral.view',
    does: 'see a referral made by the connector’s organisation',
    allowed: ['connector'],
    prepare: (w, cell) => referralWithAttempt(w, cell, 'sent'),
    attempt: (a, _w, _c, t) => referralsService(a, { notifier }).get(t.referral!),
  },
  {
    action: 'referral.send',
    does: 'record the share consent and send a referral to A’s service',
    allowed: ['connector'],
    prepare: (w, cell) => referralWithAttempt(w, cell, 'draft'),
    attempt: (a, _w, _c, t) =>
      referralsService(a, { notifier }).send(t.referral!, t.attempt!, { fields: ['need'], givenBy: 'verbal', expectedVersion: 0 }),
    changed: async (w, _c, t) => (await stateOf(w, t.attempt!)) === 'sent',
  },
  {
    action: 'referral.update',
    does: 'withdraw a referral sent to A',
    allowed: ['connector'],
    prepare: (w, cell) => referralWithAttempt(w, cell, 'sent'),
    attempt: (a, _w, _c, t) =>
      referralsService(a, { notifier }).act(t.referral!, t.attempt!, 'withdraw', { reason: 'The person asked' }, 1),
    changed: async (w, _c, t) => (await stateOf(w, t.attempt!)) === 'withdrawn',
  },
  {
    action: 'referral.inbox',
    does: 'see a referral sent to organisation A (only what was shared)',
    allowed: PROVIDERS_A,
    prepare: (w, cell) => referralWithAttempt(w, cell, 'sent'),
    attempt: (a, _w, _c, t) => referralInboxService(a, { notifier }).get(t.attempt!),
  },
  {
    action: 'referral.respond',
    does: 'accept a referral sent to organisation A',
    allowed: PROVIDERS_A,
    prepare: (w, cell) => referralWithAttempt(w, cell, 'sent'),
    attempt: (a, _w, _c, t) => referralInboxService(a, { notifier }).respond(t.attempt!, 'accept', {}, 1),
    changed: async (w, _c, t) => (await stateOf(w, t.attempt!)) === 'accepted',
  },
  {
    action: 'referral.pause_service',
    does: 'pause referrals to a service of A’s listing',
    allowed: ['administrator', ...PROVIDERS_A],
    attempt: (a, w) => referralInboxService(a, { notifier }).setAccepting(w.graphA.service.id, false),
    changed: async (w) =>
      (
        await w.database.db
          .selectFrom('belong_service')
          .select('accepting_referrals')
          .where('service_id', '=', w.graphA.service.id)
          .executeTakeFirstOrThrow()
      ).accepting_referrals === false,
    cleanup: async (w) => {
      await w.database.db
        .updateTable('belong_service')
        .set({ accepting_referrals: true })
        .where('service_id', '=', w.graphA.service.id)
        .execute();
    },
  },
];
