/**
 * Storage for the review reminders (reminders.ts): the job's advisory lock,
 * who had a reminder lately, who manages which listings, who to tell, and the
 * record of each reminder. The listings themselves are read a page at a time
 * by quality.repository.ts (listingDatesPage).
 */
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import { newId } from '../../platform/ids.ts';

/** Arbitrary constant: the advisory lock key for the reminder job. */
export const REMINDER_LOCK_KEY = 746_283_007;

/** Waits for any other run of the job to commit (the lock is released with this transaction). */
export async function lockReminderJob(trx: Transaction<DB>): Promise<void> {
  await sql`select pg_advisory_xact_lock(${REMINDER_LOCK_KEY})`.execute(trx);
}

/** Recipient keys that had a reminder after `since`. */
export async function recentReminderKeys(trx: Transaction<DB>, since: Date): Promise<Set<string>> {
  const rows = await trx.selectFrom('review_reminder').select('recipient_key').where('sent_at', '>', since).execute();
  return new Set(rows.map((r) => r.recipient_key));
}

/** Which live provider organisations manage which directory organisations' listings, by name. */
export async function listingManagers(trx: Transaction<DB>): Promise<{ id: string; name: string; organization_id: string }[]> {
  return trx
    .selectFrom('staff_organisation_listing as l')
    .innerJoin('staff_organisation as o', 'o.id', 'l.staff_organisation_id')
    .select(['o.id', 'o.name', 'l.organization_id'])
    .where('o.suspended_at', 'is', null)
    .orderBy('o.name')
    .orderBy('o.id')
    .execute();
}

/** Active provider staff and administrators of live organisations. */
export async function reminderRecipients(
  trx: Transaction<DB>,
): Promise<{ email: string; role: 'provider_staff' | 'administrator'; organisation_id: string }[]> {
  const rows = await trx
    .selectFrom('staff_account as a')
    .innerJoin('staff_organisation as o', 'o.id', 'a.organisation_id')
    .select(['a.email', 'a.role', 'a.organisation_id'])
    .where('a.disabled_at', 'is', null)
    .where('o.suspended_at', 'is', null)
    .where('a.role', 'in', ['provider_staff', 'administrator'])
    .orderBy('a.email')
    .execute();
  return rows as { email: string; role: 'provider_staff' | 'administrator'; organisation_id: string }[];
}

export async function recordReminder(
  trx: Transaction<DB>,
  r: { key: string; organisationId: string | null; serviceIds: string[]; recipients: number; now: Date },
): Promise<void> {
  await trx
    .insertInto('review_reminder')
    .values({
      id: newId(),
      recipient_key: r.key,
      staff_organisation_id: r.organisationId,
      service_ids: r.serviceIds,
      recipients: r.recipients,
      sent_at: r.now,
    })
    .execute();
}
