/**
 * The vetting reminder job: for each volunteer check that runs out within
 * REMINDER_DAYS (or already has) and has had no reminder, one message to the
 * volunteer and one to each coordinator of their organisation, written in the
 * same transaction as the mark that it went — so across several app
 * processes, and after a crash, each check is reminded once. Works in
 * bounded batches and stops between them when asked.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import type { Notifier } from '../../platform/notify/notifier.ts';
import { londonDate } from '../matching/match.service.ts';
import { checksDueForReminder, connectorsOf, markReminded } from './befriending.repository.ts';
import { addDays, REMINDER_DAYS } from './vetting.ts';

const KIND_TEXT = { dbs: 'DBS (or equivalent) check', training: 'training', references: 'references' } as const;

export async function sendVettingReminders(
  db: Kysely<DB>,
  notifier: Notifier,
  now: Date,
  opts: { signal?: AbortSignal; batchSize?: number; baseUrl?: string } = {},
): Promise<{ reminded: number }> {
  const today = londonDate(now);
  const until = addDays(today, REMINDER_DAYS);
  const batch = opts.batchSize ?? 100;
  let reminded = 0;
  for (;;) {
    if (opts.signal?.aborted) break;
    const due = await checksDueForReminder(db, until, batch);
    if (!due.length) break;
    for (const c of due) {
      await db.transaction().execute(async (trx) => {
        if (!(await markReminded(trx, c.id, now))) return;
        const what = KIND_TEXT[c.kind];
        const past = c.expires_on < today;
        const when = past ? `ran out on ${c.expires_on}` : `runs out on ${c.expires_on}`;
        const link = opts.baseUrl ? ` ${opts.baseUrl.replace(/\/+$/, '')}/staff/volunteering` : '';
        await notifier.enqueue(trx, {
          to: c.email,
          subject: past ? 'Your volunteer check has run out' : 'Your volunteer check runs out soon',
          text: `Hello ${c.name}, your ${what} ${when}. Until it is renewed you cannot be matched with anyone new. Please talk to your coordinator.${link}`,
        });
        for (const coordinator of await connectorsOf(trx, c.organisation_id))
          await notifier.enqueue(trx, {
            to: coordinator.email,
            subject: `A volunteer's ${what} ${past ? 'has run out' : 'runs out soon'}`,
            text: `${c.name}'s ${what} ${when}. Record the renewed check on their volunteer page in Belong.`,
          });
        reminded++;
      });
    }
    if (due.length < batch) break;
  }
  return { reminded };
}
