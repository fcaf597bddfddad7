/**
 * The follow-up job: nobody's step is forgotten.
 *
 *   - an attempt still waiting for the recipient (sent / acknowledged) past
 *     its "late after" date expires (the system's `expire` event), which sets
 *     the connector's next step to "find something else", and the connector
 *     and the recipient are told;
 *   - any other step that is due nudges its owner once, then again no sooner
 *     than `nudgeEveryWorkingDays` working days later;
 *   - recipients of attempts whose share consent was withdrawn (anywhere:
 *     on the referral page or the person's record) are told, once.
 *
 * Safe when several app processes share one PostgreSQL server: each run
 * takes the due rows with SELECT … FOR UPDATE SKIP LOCKED inside one
 * transaction (another run skips rows this one holds, and a row handled and
 * committed no longer matches), changes them through the versioned store,
 * and sends its messages only after it commits. A crash between commit and
 * sending loses a nudge; it never sends one twice.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import { appendAuditEvent } from '../../platform/audit/audit.repository.ts';
import { createI18n } from '../../platform/i18n/i18n.ts';
import type { Logger } from '../../platform/log.ts';
import { outboxNotifier, type Message, type Notifier } from '../../platform/notify/notifier.ts';
import { connectorAddress, recipientAddresses } from './referral-read.repository.ts';
import { CLOSED_STATES } from './referral-states.ts';
import { londonDate } from './london-date.ts';
import { appendEvent, storeEvent, type AttemptRow } from './referral-store.repository.ts';
import { addWorkingDays } from './working-days.ts';

const en = createI18n('en');

export interface FollowUpOptions {
  nudgeEveryWorkingDays?: number;
  /** Rows handled per run (the rest wait for the next run). */
  batch?: number;
}

export interface FollowUpResult {
  nudged: number;
  expired: number;
  consentNotices: number;
}

const WAITING_FOR_RECIPIENT = ['sent', 'acknowledged'];

async function ownerAddresses(trx: Transaction<DB>, row: AttemptRow): Promise<string[]> {
  if (row.next_owner === 'recipient' && row.recipient_organisation_id) return recipientAddresses(trx, row.recipient_organisation_id);
  const c = await connectorAddress(trx, row.referral_id);
  return c ? [c] : [];
}

export async function runFollowUps(db: Kysely<DB>, notifier: Notifier, now: Date, opts: FollowUpOptions = {}): Promise<FollowUpResult> {
  const every = opts.nudgeEveryWorkingDays ?? 3;
  const batch = opts.batch ?? 200;
  const today = londonDate(now);
  const messages: Message[] = [];
  const result: FollowUpResult = { nudged: 0, expired: 0, consentNotices: 0 };
  const origin = { actor: null, requestId: null, ipHash: null, now };

  await db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom('referral_attempt')
      .selectAll()
      .where('next_due', '<=', today)
      .where('state', 'not in', [...CLOSED_STATES])
      .where((eb) =>
        eb.or([
          eb.and([eb('state', 'in', WAITING_FOR_RECIPIENT), eb('next_late_after', '<', today)]),
          eb.or([eb('next_nudge_on', 'is', null), eb('next_nudge_on', '<=', today)]),
        ]),
      )
      .orderBy('next_due')
      .orderBy('id')
      .limit(batch)
      .forUpdate()
      .skipLocked()
      .execute();

    for (const row of due) {
      if (WAITING_FOR_RECIPIENT.includes(row.state) && row.next_late_after !== null && row.next_late_after < today) {
        const stored = await storeEvent(trx, {
          attemptId: row.id,
          expectedVersion: row.version,
          event: { type: 'expire' },
          ctx: { side: 'system' },
          actorAccountId: null,
          now,
        });
        if (!stored?.ok || !stored.changed) continue;
        result.expired += 1;
        await appendAuditEvent(trx, origin, {
          action: 'referral.expire',
          subjectType: 'referral',
          subjectId: row.referral_id,
          details: { attemptId: row.id, from: row.state },
        });
        const connector = await connectorAddress(trx, row.referral_id);
        if (connector)
          messages.push({
            to: connector,
            subject: en.staff('referrals.notify.expiredSubject'),
            text: en.staff('referrals.notify.expiredBody', { service: row.service_name }),
          });
        for (const to of row.recipient_organisation_id ? await recipientAddresses(trx, row.recipient_organisation_id) : [])
          messages.push({
            to,
            subject: en.staff('referrals.notify.changedSubject'),
            text: en.staff('referrals.notify.expiredRecipientBody', { service: row.service_name }),
          });
        continue;
      }
      const updated = await trx
        .updateTable('referral_attempt')
        // Not a change of the attempt (the version stays, so nobody's open form goes stale); the row
        // lock above keeps other runs off it, and the count condition is a second guard.
        .set({ nudge_count: row.nudge_count + 1, last_nudge_at: now, next_nudge_on: addWorkingDays(today, every) })
        .where('id', '=', row.id)
        .where('nudge_count', '=', row.nudge_count)
        .where('version', '=', row.version)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) continue;
      result.nudged += 1;
      await appendEvent(trx, row, {
        at: now,
        actorAccountId: null,
        side: 'system',
        type: 'nudge',
        payload: { task: row.next_task, owner: row.next_owner, count: row.nudge_count + 1 },
        from: row.state,
        to: row.state,
      });
      for (const to of await ownerAddresses(trx, row))
        messages.push({
          to,
          subject: en.staff('referrals.notify.nudgeSubject'),
          text: en.staff('referrals.notify.nudgeBody', { service: row.service_name, due: row.next_due ?? today }),
        });
    }

    // Consent withdrawn anywhere: tell the recipients once.
    const withdrawn = await trx
      .selectFrom('referral_attempt as a')
      .innerJoin('person_consent as c', 'c.id', 'a.share_consent_id')
      .selectAll('a')
      .where('a.consent_withdrawn_notified_at', 'is', null)
      .where('c.withdrawn_at', 'is not', null)
      .orderBy('a.id')
      .limit(batch)
      .forUpdate('a')
      .skipLocked()
      .execute();
    for (const row of withdrawn) {
      await trx
        .updateTable('referral_attempt')
        .set({ consent_withdrawn_notified_at: now, updated_at: now })
        .where('id', '=', row.id)
        .execute();
      await appendEvent(trx, row, {
        at: now,
        actorAccountId: null,
        side: 'system',
        type: 'share_consent_withdrawn',
        from: row.state,
        to: row.state,
      });
      result.consentNotices += 1;
      for (const to of row.recipient_organisation_id ? await recipientAddresses(trx, row.recipient_organisation_id) : [])
        messages.push({
          to,
          subject: en.staff('referrals.notify.consentSubject'),
          text: en.staff('referrals.notify.consentBody', { service: row.service_name }),
        });
    }
  });

  await Promise.allSettled(messages.map((m) => notifier.send(m)));
  return result;
}

/**
 * Runs the job every few minutes from the server process (timers do not keep
 * the process alive). Several processes may run it at once: see above.
 */
export function startFollowUpScheduler(deps: {
  database: { db: Kysely<DB> };
  log: Logger;
  notifier?: Notifier;
  everyMs?: number;
  now?: () => Date;
  /** Other follow-up work to run on the same beat (e.g. check-in messages to people), after the nudges. */
  alsoRun?: readonly { name: string; run: (now: Date) => Promise<unknown> }[];
}): () => void {
  const notifier = deps.notifier ?? outboxNotifier(deps.database.db);
  const now = deps.now ?? (() => new Date());
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const r = await runFollowUps(deps.database.db, notifier, now());
      if (r.nudged || r.expired || r.consentNotices) deps.log.info(r, 'referral follow-ups');
    } catch (err) {
      deps.log.error({ err }, 'referral follow-ups failed');
    }
    try {
      for (const job of deps.alsoRun ?? []) {
        try {
          const r = await job.run(now());
          deps.log.debug({ job: job.name, r }, 'follow-up job ran');
        } catch (err) {
          deps.log.error({ err, job: job.name }, 'follow-up job failed');
        }
      }
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), deps.everyMs ?? 5 * 60_000);
  timer.unref();
  const first = setTimeout(() => void tick(), 30_000);
  first.unref();
  return () => {
    clearInterval(timer);
    clearTimeout(first);
  };
}
