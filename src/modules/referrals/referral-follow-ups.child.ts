/**
 * Runs the follow-up job once, as a separate app process would (used by the
 * two-process test in referral-follow-ups.int.test.ts):
 *
 *   node --import tsx referral-follow-ups.child.ts <database-url> <now ISO> <start at, ms since epoch>
 *
 * Waits until the start time so two processes start together, then prints
 * the job's result as one JSON line.
 */
import { openDatabase } from '../../platform/db/database.ts';
import { outboxNotifier } from '../../platform/notify/notifier.ts';
import { runFollowUps } from './referral-follow-ups.ts';

const [url, nowIso, startAt] = process.argv.slice(2);
if (!url || !nowIso || !startAt) {
  console.error('usage: referral-follow-ups.child.ts <database-url> <now ISO> <start at ms>');
  process.exit(2);
}
const now = new Date(nowIso);
const database = await openDatabase({ url, migrate: false, poolSize: 2 });
await database.db.selectFrom('referral_attempt').select('id').limit(1).execute(); // connect before the start line
await new Promise((r) => setTimeout(r, Math.max(0, Number(startAt) - Date.now())));
const result = await runFollowUps(
  database.db,
  outboxNotifier(database.db, () => now),
  now,
);
console.log(JSON.stringify({ pid: process.pid, ...result }));
await database.close();
