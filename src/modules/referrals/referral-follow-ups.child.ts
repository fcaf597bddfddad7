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
await database.script('select 1'); // connect before the start line
await new Promise((r) => setTimeout(r, Math.max(0, Number(startAt) - Date.now())));
// Small batches, so the two processes interleave and SKIP LOCKED is exercised batch by batch.
const result = await runFollowUps(database.db, outboxNotifier({ now: () => now }), now, { batch: 5 });
console.log(JSON.stringify({ pid: process.pid, ...result }));
await database.close();
