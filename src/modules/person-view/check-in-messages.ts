/**
 * Check-ins reaching the person: a few days after an attempt's first visit
 * (`checkInDaysAfterFirstVisit`, the same day the connector's
 * `check_in_after_first_visit` step falls due), the person gets one short
 * message in their own language asking whether they managed to go, pointing
 * to /my. It names the service and nothing else about it.
 *
 * Only when a live 'contact' consent allows the channel and it is safe: a
 * text needs 'text' in the consent, "safe to text" = yes and a phone number;
 * an e-mail needs 'email' in the consent and an address. Otherwise nothing is
 * sent (the connector's own check-in step stays on their list).
 *
 * Idempotent across runs and processes: the (attempt, first visit date) row
 * in person_check_in_message is claimed with INSERT … ON CONFLICT DO NOTHING
 * in the same transaction as the audit entry and the outbox message; only
 * the run that claims it writes the message, which is delivered after the
 * commit (with retries). A re-booked first visit gets its own check-in.
 * Text messages are addressed "sms:<number>" for a transport that sends SMS.
 *
 * A durable job runs it every few minutes (src/background-jobs.ts) in bounded
 * batches: one query finds a page of due first visits with their consents,
 * one short transaction claims them and writes their messages, then a pause.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import { appendAuditEvent } from '../../platform/audit/audit.repository.ts';
import { createI18n } from '../../platform/i18n/i18n.ts';
import { isLocaleCode } from '../../platform/i18n/locales.ts';
import { runInBatches } from '../../platform/jobs/batches.ts';
import type { Message, Notifier } from '../../platform/notify/notifier.ts';
import { DEFAULT_DEADLINES, type DeadlineSettings } from '../referrals/referral-deadlines.ts';
import { londonDate } from '../referrals/london-date.ts';
import { addCalendarDays } from '../referrals/working-days.ts';
import { claimCheckIns, dueCheckIns, type CheckInCursor } from './check-in-messages.repository.ts';

export interface CheckInContact {
  ways: readonly string[];
  safeToText: boolean | null;
  phone: string | null;
  email: string | null;
}

/** Where a check-in may go, or null when no channel is both consented to and safe. Pure. */
export function checkInChannel(c: CheckInContact): { channel: 'text'; to: string } | { channel: 'email'; to: string } | null {
  if (c.ways.includes('text') && c.safeToText === true && c.phone?.trim())
    return { channel: 'text', to: `sms:${c.phone.replace(/\s+/g, '')}` };
  if (c.ways.includes('email') && c.email?.trim()) return { channel: 'email', to: c.email.trim() };
  return null;
}

export interface CheckInRunOptions {
  baseUrl: string;
  settings?: DeadlineSettings;
  /** First visits per batch (default 50). */
  batch?: number;
  /** Batches per run at most (default 40); the rest wait for the next run. */
  maxBatches?: number;
  signal?: AbortSignal;
  onBatch?: (n: number) => void;
}

export async function sendCheckInMessages(
  db: Kysely<DB>,
  notifier: Notifier,
  now: Date,
  opts: CheckInRunOptions,
): Promise<{ sent: number; noChannel: number }> {
  const settings = opts.settings ?? DEFAULT_DEADLINES;
  const batch = opts.batch ?? 50;
  const cutoff = addCalendarDays(londonDate(now), -settings.checkInDaysAfterFirstVisit);
  const url = `${opts.baseUrl.replace(/\/+$/, '')}/my`;
  let sent = 0;
  let noChannel = 0;
  let cursor: CheckInCursor | null = null;
  await runInBatches(
    {
      batchSize: batch,
      maxBatches: opts.maxBatches ?? 40,
      ...(opts.signal ? { signal: opts.signal } : {}),
      ...(opts.onBatch ? { onBatch: opts.onBatch } : {}),
    },
    async () => {
      const rows = await dueCheckIns(db, cutoff, now, cursor, batch);
      const last = rows.at(-1);
      if (last) cursor = { date: last.firstVisitDate, attemptId: last.attemptId };
      const targets = rows.flatMap((row) => {
        const target = checkInChannel({ ways: row.ways, safeToText: row.safeToText, phone: row.phone, email: row.email });
        if (!target) noChannel++;
        return target ? [{ row, target }] : [];
      });
      if (targets.length)
        await db.transaction().execute(async (trx) => {
          const claimed = await claimCheckIns(
            trx,
            targets.map((t) => ({ attemptId: t.row.attemptId, firstVisitDate: t.row.firstVisitDate, channel: t.target.channel })),
            now,
          );
          const messages: Message[] = [];
          for (const { row, target } of targets) {
            if (!claimed.has(row.attemptId)) continue;
            await appendAuditEvent(
              trx,
              { actor: null, now },
              {
                action: 'person_view.check_in_sent',
                subjectType: 'referral',
                subjectId: row.referralId,
                details: { attemptId: row.attemptId, channel: target.channel },
              },
            );
            const lang = row.preferredLanguage;
            const i18n = createI18n(lang && isLocaleCode(lang) ? lang : 'en');
            messages.push({
              to: target.to,
              subject: i18n.t('personView.message.subject'),
              text: i18n.t('personView.message.checkIn', { service: row.serviceName, url }),
              personalFor: row.holderOrganisationId,
            });
          }
          await notifier.enqueue(trx, messages);
          sent += messages.length;
        });
      return rows.length === batch;
    },
  );
  return { sent, noChannel };
}
