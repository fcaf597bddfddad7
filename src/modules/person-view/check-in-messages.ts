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
 * in the same transaction as the audit entry; only the run that claims it
 * sends, after commit. A re-booked first visit gets its own check-in.
 * Text messages are addressed "sms:<number>" for a notifier that sends SMS.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import { appendAuditEvent } from '../../platform/audit/audit.repository.ts';
import { createI18n } from '../../platform/i18n/i18n.ts';
import { isLocaleCode } from '../../platform/i18n/locales.ts';
import type { Message, Notifier } from '../../platform/notify/notifier.ts';
import { DEFAULT_DEADLINES, type DeadlineSettings } from '../referrals/referral-deadlines.ts';
import { londonDate } from '../referrals/london-date.ts';
import { addCalendarDays } from '../referrals/working-days.ts';

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

export async function sendCheckInMessages(
  db: Kysely<DB>,
  notifier: Notifier,
  now: Date,
  opts: { baseUrl: string; settings?: DeadlineSettings; batch?: number },
): Promise<{ sent: number; noChannel: number }> {
  const settings = opts.settings ?? DEFAULT_DEADLINES;
  const cutoff = addCalendarDays(londonDate(now), -settings.checkInDaysAfterFirstVisit);
  const rows = await db
    .selectFrom('referral_attempt as a')
    .innerJoin('referral as r', 'r.id', 'a.referral_id')
    .innerJoin('person as p', 'p.id', 'r.person_id')
    .leftJoin('person_check_in_message as m', (j) =>
      j.onRef('m.attempt_id', '=', 'a.id').onRef('m.first_visit_date', '=', 'a.first_visit_date'),
    )
    .select([
      'a.id',
      'a.referral_id',
      'a.service_name',
      'a.first_visit_date',
      'p.id as person_id',
      'p.preferred_language',
      'p.phone',
      'p.email',
      'p.safe_to_text',
    ])
    .where('a.state', '=', 'first_visit_booked')
    .where('a.first_visit_date', '<=', cutoff)
    .where('m.attempt_id', 'is', null)
    .orderBy('a.first_visit_date')
    .limit(opts.batch ?? 200)
    .execute();
  const messages: Message[] = [];
  let noChannel = 0;
  for (const row of rows) {
    const consents = await db
      .selectFrom('person_consent')
      .select(['scope', 'expires_at'])
      .where('person_id', '=', row.person_id)
      .where('kind', '=', 'contact')
      .where('withdrawn_at', 'is', null)
      .execute();
    const ways = consents.filter((c) => !c.expires_at || c.expires_at > now).flatMap((c) => c.scope);
    const target = checkInChannel({ ways, safeToText: row.safe_to_text, phone: row.phone, email: row.email });
    if (!target) {
      noChannel++;
      continue;
    }
    const claimed = await db.transaction().execute(async (trx) => {
      const r = await trx
        .insertInto('person_check_in_message')
        .values({ attempt_id: row.id, first_visit_date: row.first_visit_date!, channel: target.channel, sent_at: now })
        .onConflict((oc) => oc.columns(['attempt_id', 'first_visit_date']).doNothing())
        .returning('attempt_id')
        .executeTakeFirst();
      if (!r) return false;
      await appendAuditEvent(
        trx,
        { actor: null, now },
        {
          action: 'person_view.check_in_sent',
          subjectType: 'referral',
          subjectId: row.referral_id,
          details: { attemptId: row.id, channel: target.channel },
        },
      );
      return true;
    });
    if (!claimed) continue;
    const i18n = createI18n(isLocaleCode(row.preferred_language) ? row.preferred_language : 'en');
    messages.push({
      to: target.to,
      subject: i18n.t('personView.message.subject'),
      text: i18n.t('personView.message.checkIn', { service: row.service_name, url: `${opts.baseUrl.replace(/\/+$/, '')}/my` }),
    });
  }
  await Promise.allSettled(messages.map((m) => notifier.send(m)));
  return { sent: messages.length, noChannel };
}
