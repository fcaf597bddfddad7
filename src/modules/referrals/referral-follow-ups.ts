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
 * It runs as a durable job every few minutes (src/background-jobs.ts) in
 * bounded batches: each batch is one short transaction that takes up to
 * `batch` due rows with SELECT … FOR UPDATE SKIP LOCKED, changes them through
 * the versioned store and writes their messages to the outbox in the same
 * transaction (delivered afterwards, with retries). Several app processes on
 * one PostgreSQL server can run it at once: another run skips rows this one
 * holds, and a row handled and committed no longer matches, so each nudge,
 * expiry and message happens exactly once. Between batches the job pauses so
 * pages are served; a run stops between batches when the server stops.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import { appendAuditEvent } from '../../platform/audit/audit.repository.ts';
import { createI18n } from '../../platform/i18n/i18n.ts';
import { runInBatches } from '../../platform/jobs/batches.ts';
import type { Message, Notifier } from '../../platform/notify/notifier.ts';
import {
  lockDueAttempts,
  lockWithdrawnConsentAttempts,
  recordConsentNotice,
  recordNudge,
  WAITING_FOR_RECIPIENT,
  type DueCursor,
} from './referral-follow-ups.repository.ts';
import { connectorAddress, recipientAddresses } from './referral-read.repository.ts';
import { londonDate } from './london-date.ts';
import { appendEvent, storeEvent, type AttemptRow } from './referral-store.repository.ts';
import { addWorkingDays } from './working-days.ts';

const en = createI18n('en');

export interface FollowUpOptions {
  nudgeEveryWorkingDays?: number;
  /** Rows per batch (one transaction each; default 20). */
  batch?: number;
  /** Batches per run at most (default 50); the rest wait for the next run. */
  maxBatches?: number;
  /** Aborted when the server stops: the run ends after the batch it is in. */
  signal?: AbortSignal;
  onBatch?: (n: number) => void;
}

export interface FollowUpResult {
  nudged: number;
  expired: number;
  consentNotices: number;
}

/**
 * Who is nudged: the owner of the step; for a group with no account (no
 * inbox), the connector, who owns chasing it by phone or a new link.
 */
async function ownerAddresses(trx: Transaction<DB>, row: AttemptRow): Promise<string[]> {
  if (row.next_owner === 'recipient' && row.recipient_organisation_id) return recipientAddresses(trx, row.recipient_organisation_id);
  const c = await connectorAddress(trx, row.referral_id);
  return c ? [c] : [];
}

/** A step a group with no account owes: the connector chases it. */
const isGroupStep = (row: AttemptRow) => row.next_owner === 'recipient' && !row.recipient_organisation_id && row.sent_at !== null;

export async function runFollowUps(db: Kysely<DB>, notifier: Notifier, now: Date, opts: FollowUpOptions = {}): Promise<FollowUpResult> {
  const every = opts.nudgeEveryWorkingDays ?? 3;
  const batch = opts.batch ?? 20;
  const limits = {
    batchSize: batch,
    maxBatches: opts.maxBatches ?? 50,
    ...(opts.signal ? { signal: opts.signal } : {}),
    ...(opts.onBatch ? { onBatch: opts.onBatch } : {}),
  };
  const today = londonDate(now);
  const result: FollowUpResult = { nudged: 0, expired: 0, consentNotices: 0 };
  const origin = { actor: null, requestId: null, ipHash: null, now };

  // Due steps, in (next_due, id) order; a row is visited at most once per run.
  let cursor: DueCursor | null = null;
  const seen = new Set<string>();
  await runInBatches(limits, () =>
    db.transaction().execute(async (trx) => {
      const due = await lockDueAttempts(trx, today, cursor, batch);
      const messages: Message[] = [];
      for (const row of due) {
        if (seen.has(row.id)) continue;
        seen.add(row.id);
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
        // The row lock keeps other runs off it, and the count and version conditions are a second guard.
        if (!(await recordNudge(trx, row, now, addWorkingDays(today, every)))) continue;
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
            text: en.staff(isGroupStep(row) ? 'referrals.group.nudgeBody' : 'referrals.notify.nudgeBody', {
              service: row.service_name,
              due: row.next_due ?? today,
            }),
          });
      }
      await notifier.enqueue(trx, messages);
      const last = due.at(-1);
      if (last) cursor = { due: last.next_due ?? today, id: last.id };
      return due.length === batch;
    }),
  );

  // Consent withdrawn anywhere: tell the recipients once.
  await runInBatches(limits, () =>
    db.transaction().execute(async (trx) => {
      const withdrawn = await lockWithdrawnConsentAttempts(trx, batch);
      const messages: Message[] = [];
      for (const row of withdrawn) {
        await recordConsentNotice(trx, row.id, now);
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
      await notifier.enqueue(trx, messages);
      return withdrawn.length === batch;
    }),
  );
  return result;
}
