/**
 * Review reminders: listings past their review date are flagged to the staff
 * of the provider organisations that manage them (one notice each, listing
 * all of that organisation's stale listings) and, as one summary, to the
 * administrators.
 *
 * Never twice in a week: each notice is recorded in `review_reminder`, and a
 * recipient (an organisation, or the administrators) that had one in the last
 * 7 days gets none. Safe with several app processes: the job takes a
 * transaction-level advisory lock before it decides, so a second run waits
 * for the first to commit and then finds the reminders already recorded.
 *
 * Two steps, so the job never holds the database for long:
 *
 *   1. `findStaleListings` reads the directory a page at a time (each page
 *      one short indexed query, outside any transaction) and keeps the live
 *      listings past their review date (the pure rule in freshness.ts);
 *   2. `claimReviewReminders` takes the lock, decides who is due, records the
 *      reminders and writes the notices to the outbox, all in one short
 *      transaction; the notices are delivered afterwards, with retries.
 *
 * The server runs the job every morning as a durable job
 * (src/background-jobs.ts); administrators can also run it from the
 * data-quality page.
 */
import type { Kysely, Transaction } from 'kysely';
import { appendAuditEvent } from '../../platform/audit/audit.repository.ts';
import type { DB } from '../../platform/db/schema.ts';
import { createI18n } from '../../platform/i18n/i18n.ts';
import { runInBatches } from '../../platform/jobs/batches.ts';
import type { Message, Notifier } from '../../platform/notify/notifier.ts';
import { dateText } from '../find/presenters.ts';
import { londonLocal } from '../directory/schedule.ts';
import { isStale } from './freshness.ts';
import { LIVE_STATUSES, listingDatesPage, type ListingDates } from './quality.repository.ts';
import { listingManagers, lockReminderJob, recentReminderKeys, recordReminder, reminderRecipients } from './reminders.repository.ts';

export { REMINDER_LOCK_KEY } from './reminders.repository.ts';
export const REMINDER_INTERVAL_DAYS = 7;
export const ADMINISTRATORS_KEY = 'administrators';
export const organisationKey = (id: string) => `organisation:${id}`;

export type StaleListing = ListingDates;

export interface ReminderRun {
  /** Stale listings on the map now. */
  staleListings: number;
  /** The notices written to the outbox. */
  notices: Message[];
  /** Recipients (organisation keys or "administrators") that had a reminder in the last week. */
  skipped: string[];
}

export interface ReminderOptions {
  /** Where links in the notices point (PUBLIC_URL); paths alone when unknown. */
  baseUrl?: string;
}

export interface ScanOptions {
  /** Listings per page (default 1000). */
  pageSize?: number;
  /** Stop between pages when aborted (the server is stopping); the run then sends nothing. */
  signal?: AbortSignal;
  onBatch?: (n: number) => void;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const byOrganisationThenName = (a: StaleListing, b: StaleListing) =>
  cmp(a.organizationName.toLowerCase(), b.organizationName.toLowerCase()) ||
  cmp(a.name.toLowerCase(), b.name.toLowerCase()) ||
  cmp(a.serviceId, b.serviceId);
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The live listings past their review date on `today`, read a page at a time; by organisation and name. */
export async function findStaleListings(db: Kysely<DB> | Transaction<DB>, today: string, opts: ScanOptions = {}): Promise<StaleListing[]> {
  const pageSize = opts.pageSize ?? 1000;
  const live: readonly string[] = LIVE_STATUSES;
  const stale: StaleListing[] = [];
  let after: string | null = null;
  await runInBatches(
    {
      batchSize: pageSize,
      maxBatches: Number.MAX_SAFE_INTEGER,
      ...(opts.signal ? { signal: opts.signal } : {}),
      ...(opts.onBatch ? { onBatch: opts.onBatch } : {}),
    },
    async () => {
      const page = await listingDatesPage(db, after, pageSize);
      for (const l of page) if (live.includes(l.status) && isStale(l, today)) stale.push(l);
      after = page.at(-1)?.serviceId ?? after;
      return page.length === pageSize;
    },
  );
  return stale.sort(byOrganisationThenName);
}

function listingLine(l: StaleListing, i18n: ReturnType<typeof createI18n>, base: string): string {
  const when = l.reviewDue
    ? i18n.staff('quality.reminder.lineDue', { date: dateText(i18n, l.reviewDue) })
    : l.verifiedOn
      ? i18n.staff('quality.reminder.lineChecked', { date: dateText(i18n, l.verifiedOn) })
      : i18n.staff('quality.reminder.lineNever');
  return `- ${l.name} (${when})\n  ${base}/staff/listings/${l.serviceId}`;
}

/**
 * Works out which reminders are due for these stale listings, records them and writes their
 * notices to the outbox, in the caller's transaction (it takes the job's advisory lock for it).
 */
export async function claimReviewReminders(
  trx: Transaction<DB>,
  now: Date,
  opts: ReminderOptions & { stale: readonly StaleListing[]; notifier: Notifier },
): Promise<ReminderRun> {
  await lockReminderJob(trx);
  const i18n = createI18n('en');
  const base = (opts.baseUrl ?? '').replace(/\/+$/, '');
  const stale = opts.stale;
  const run: ReminderRun = { staleListings: stale.length, notices: [], skipped: [] };
  if (!stale.length) return run;

  const recent = await recentReminderKeys(trx, new Date(now.getTime() - REMINDER_INTERVAL_DAYS * DAY_MS));
  const staleByOrganization = new Map<string, StaleListing[]>();
  for (const l of stale) staleByOrganization.set(l.organizationId, [...(staleByOrganization.get(l.organizationId) ?? []), l]);
  const links = await listingManagers(trx);
  const people = await reminderRecipients(trx);
  const managed = new Set(links.map((k) => k.organization_id));

  // Each provider organisation: its stale listings, to each of its provider staff.
  const organisations = new Map<string, { name: string; listings: StaleListing[] }>();
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
    await recordReminder(trx, { key, organisationId: orgId, serviceIds: listings.map((l) => l.serviceId), recipients: to.length, now });
  }

  // One summary for the administrators.
  const admins = people.filter((p) => p.role === 'administrator').map((p) => p.email);
  if (admins.length) {
    if (recent.has(ADMINISTRATORS_KEY)) run.skipped.push(ADMINISTRATORS_KEY);
    else {
      const unmanaged = stale.filter((l) => !managed.has(l.organizationId)).length;
      const subject = i18n.staff('quality.reminder.adminSubject', { count: stale.length });
      const text = [
        i18n.staff('quality.reminder.adminIntro', { count: stale.length, organisations: organisations.size, unmanaged }),
        '',
        i18n.staff('quality.reminder.adminOutro', { link: `${base}/admin/quality?problem=stale` }),
      ].join('\n');
      for (const address of admins) run.notices.push({ to: address, subject, text });
      await recordReminder(trx, {
        key: ADMINISTRATORS_KEY,
        organisationId: null,
        serviceIds: stale.map((l) => l.serviceId),
        recipients: admins.length,
        now,
      });
    }
  }
  await opts.notifier.enqueue(trx, run.notices);
  return run;
}

/** The reminder job: finds the stale listings a page at a time, then records and writes the notices due (audited). */
export async function sendReviewReminders(
  db: Kysely<DB>,
  notifier: Notifier,
  now: Date,
  opts: ReminderOptions & ScanOptions = {},
): Promise<ReminderRun> {
  const stale = await findStaleListings(db, londonLocal(now).date, opts);
  if (opts.signal?.aborted) return { staleListings: stale.length, notices: [], skipped: [] };
  return db.transaction().execute(async (trx) => {
    const r = await claimReviewReminders(trx, now, { ...opts, stale, notifier });
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
}
