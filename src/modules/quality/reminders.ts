/**
 * Review reminders: listings past their review date are flagged to the staff
 * of the provider organisations that manage them (one notice each, listing
 * all of that organisation's stale listings) and, as one summary, to the
 * administrators.
 *
 * Never twice in a week: each notice sent is recorded in `review_reminder`,
 * and a recipient (an organisation, or the administrators) that had one in
 * the last 7 days gets none. Safe with several app processes: the job takes
 * a transaction-level advisory lock before it looks, so a second run waits
 * for the first to commit and then finds the reminders already recorded.
 *
 * The notices are recorded in that transaction and handed to the Notifier
 * after it commits (the outbox notifier writes with its own connection);
 * a notice the notifier fails to take is logged, not sent again.
 *
 * The server runs the job shortly after it starts and then once a day
 * (`startReminderSchedule`); administrators can also run it from the
 * data-quality page.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import { appendAuditEvent } from '../../platform/audit/audit.repository.ts';
import type { DB } from '../../platform/db/schema.ts';
import { createI18n } from '../../platform/i18n/i18n.ts';
import { newId } from '../../platform/ids.ts';
import type { Logger } from '../../platform/log.ts';
import type { Message, Notifier } from '../../platform/notify/notifier.ts';
import { dateText } from '../find/presenters.ts';
import { londonLocal } from '../directory/schedule.ts';
import { isStale } from './freshness.ts';
import { loadListingFacts, type ListingFactsRow } from './quality.repository.ts';

/** Arbitrary constant: the advisory lock key for the reminder job. */
export const REMINDER_LOCK_KEY = 746_283_007;
export const REMINDER_INTERVAL_DAYS = 7;
export const ADMINISTRATORS_KEY = 'administrators';
export const organisationKey = (id: string) => `organisation:${id}`;

export interface ReminderRun {
  /** Stale listings on the map now. */
  staleListings: number;
  /** Messages to hand to the notifier (already recorded as sent). */
  notices: Message[];
  /** Recipients (organisation keys or "administrators") that had a reminder in the last week. */
  skipped: string[];
}

export interface ReminderOptions {
  /** Where links in the notices point (PUBLIC_URL); paths alone when unknown. */
  baseUrl?: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

function listingLine(l: ListingFactsRow, i18n: ReturnType<typeof createI18n>, base: string): string {
  const when = l.reviewDue
    ? i18n.staff('quality.reminder.lineDue', { date: dateText(i18n, l.reviewDue) })
    : l.verifiedOn
      ? i18n.staff('quality.reminder.lineChecked', { date: dateText(i18n, l.verifiedOn) })
      : i18n.staff('quality.reminder.lineNever');
  return `- ${l.name} (${when})\n  ${base}/staff/listings/${l.serviceId}`;
}

/**
 * Works out which reminders are due, records them, and returns the messages.
 * Run inside a transaction (it takes the job's advisory lock for that transaction).
 */
export async function claimReviewReminders(trx: Transaction<DB>, now: Date, opts: ReminderOptions = {}): Promise<ReminderRun> {
  await sql`select pg_advisory_xact_lock(${REMINDER_LOCK_KEY})`.execute(trx);
  const i18n = createI18n('en');
  const base = (opts.baseUrl ?? '').replace(/\/+$/, '');
  const today = londonLocal(now).date;
  const stale = (await loadListingFacts(trx)).filter((f) => isStale(f, today));
  const run: ReminderRun = { staleListings: stale.length, notices: [], skipped: [] };
  if (!stale.length) return run;

  const recent = new Set(
    (
      await trx
        .selectFrom('review_reminder')
        .select('recipient_key')
        .where('sent_at', '>', new Date(now.getTime() - REMINDER_INTERVAL_DAYS * DAY_MS))
        .execute()
    ).map((r) => r.recipient_key),
  );
  const staleByOrganization = new Map<string, ListingFactsRow[]>();
  for (const l of stale) staleByOrganization.set(l.organizationId, [...(staleByOrganization.get(l.organizationId) ?? []), l]);

  const links = await trx
    .selectFrom('staff_organisation_listing as l')
    .innerJoin('staff_organisation as o', 'o.id', 'l.staff_organisation_id')
    .select(['o.id', 'o.name', 'l.organization_id'])
    .where('o.suspended_at', 'is', null)
    .orderBy('o.name')
    .orderBy('o.id')
    .execute();
  const people = await trx
    .selectFrom('staff_account as a')
    .innerJoin('staff_organisation as o', 'o.id', 'a.organisation_id')
    .select(['a.email', 'a.role', 'a.organisation_id'])
    .where('a.disabled_at', 'is', null)
    .where('o.suspended_at', 'is', null)
    .where('a.role', 'in', ['provider_staff', 'administrator'])
    .orderBy('a.email')
    .execute();

  const record = async (key: string, organisationId: string | null, listings: ListingFactsRow[], recipients: number) => {
    await trx
      .insertInto('review_reminder')
      .values({
        id: newId(),
        recipient_key: key,
        staff_organisation_id: organisationId,
        service_ids: listings.map((l) => l.serviceId),
        recipients,
        sent_at: now,
      })
      .execute();
  };

  // Each provider organisation: its stale listings, to each of its provider staff.
  const organisations = new Map<string, { name: string; listings: ListingFactsRow[] }>();
  for (const link of links) {
    const own = staleByOrganization.get(link.organization_id);
    if (!own) continue;
    const entry = organisations.get(link.id) ?? { name: link.name, listings: [] };
    entry.listings.push(...own);
    organisations.set(link.id, entry);
  }
  for (const [orgId, { name, listings }] of organisations) {
    const key = organisationKey(orgId);
    const to = people.filter((p) => p.organisation_id === orgId && p.role === 'provider_staff').map((p) => p.email);
    if (!to.length) continue;
    if (recent.has(key)) {
      run.skipped.push(key);
      continue;
    }
    const subject = i18n.staff('quality.reminder.providerSubject', { count: listings.length });
    const text = [
      i18n.staff('quality.reminder.providerIntro', { organisation: name, count: listings.length }),
      '',
      ...listings.map((l) => listingLine(l, i18n, base)),
      '',
      i18n.staff('quality.reminder.providerOutro', { link: `${base}/staff/listings`, reports: `${base}/staff/reports` }),
    ].join('\n');
    for (const address of to) run.notices.push({ to: address, subject, text });
    await record(key, orgId, listings, to.length);
  }

  // One summary for the administrators.
  const admins = people.filter((p) => p.role === 'administrator').map((p) => p.email);
  if (admins.length) {
    if (recent.has(ADMINISTRATORS_KEY)) run.skipped.push(ADMINISTRATORS_KEY);
    else {
      const unmanaged = stale.filter((l) => !links.some((k) => k.organization_id === l.organizationId)).length;
      const subject = i18n.staff('quality.reminder.adminSubject', { count: stale.length });
      const text = [
        i18n.staff('quality.reminder.adminIntro', { count: stale.length, organisations: organisations.size, unmanaged }),
        '',
        i18n.staff('quality.reminder.adminOutro', { link: `${base}/admin/quality?problem=stale` }),
      ].join('\n');
      for (const address of admins) run.notices.push({ to: address, subject, text });
      await record(ADMINISTRATORS_KEY, null, stale, admins.length);
    }
  }
  return run;
}

/** Hands recorded notices to the notifier; returns how many it took. */
export async function deliverReminders(notifier: Notifier, run: ReminderRun, log?: Logger): Promise<number> {
  let sent = 0;
  for (const m of run.notices) {
    try {
      await notifier.send(m);
      sent++;
    } catch (err) {
      log?.error({ err, subject: m.subject }, 'a review reminder could not be sent');
    }
  }
  return sent;
}

/** The reminder job: finds what is due, records it (audited), then sends it. */
export async function sendReviewReminders(
  db: Kysely<DB>,
  notifier: Notifier,
  now: Date,
  opts: ReminderOptions & { log?: Logger } = {},
): Promise<ReminderRun> {
  const run = await db.transaction().execute(async (trx) => {
    const r = await claimReviewReminders(trx, now, opts);
    if (r.notices.length) {
      await appendAuditEvent(
        trx,
        { actor: null, now },
        {
          action: 'quality.send_reminders',
          subjectType: 'review_reminder',
          subjectId: null,
          details: { notices: r.notices.length, staleListings: r.staleListings, by: 'schedule' },
        },
      );
    }
    return r;
  });
  await deliverReminders(notifier, run, opts.log);
  return run;
}

/** Runs the job shortly after start and then every day, until the returned function is called. */
export function startReminderSchedule(opts: {
  db: Kysely<DB>;
  notifier: Notifier;
  log: Logger;
  now?: () => Date;
  baseUrl?: string;
  firstDelayMs?: number;
  everyMs?: number;
}): () => void {
  const now = opts.now ?? (() => new Date());
  const job = async () => {
    try {
      const run = await sendReviewReminders(opts.db, opts.notifier, now(), {
        ...(opts.baseUrl ? { baseUrl: opts.baseUrl } : {}),
        log: opts.log,
      });
      opts.log.info({ notices: run.notices.length, staleListings: run.staleListings, skipped: run.skipped.length }, 'review reminders');
    } catch (err) {
      opts.log.error({ err }, 'review reminders failed');
    }
  };
  const first = setTimeout(() => void job(), opts.firstDelayMs ?? 60_000);
  const every = setInterval(() => void job(), opts.everyMs ?? DAY_MS);
  first.unref();
  every.unref();
  return () => {
    clearTimeout(first);
    clearInterval(every);
  };
}
