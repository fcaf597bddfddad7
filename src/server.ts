/**
 * Entry point: config → logger → database (migrated) → vocabulary and demo
 * data → HTTP server. Stops cleanly on SIGINT/SIGTERM so the embedded
 * database is closed and its lock released.
 */
import { serve } from '@hono/node-server';
import { createApp } from './app.ts';
import { loadConfig } from './config.ts';
import { openDatabase } from './platform/db/database.ts';
import { createLogger } from './platform/log.ts';
import { logStartup, sinceStart } from './platform/db/startup-progress.ts';
import { prepareDirectory } from './modules/directory/directory.setup.ts';
import { prepareDemo } from './modules/demo/demo.setup.ts';
import { prepareAccounts } from './modules/accounts/accounts.setup.ts';
import { startFollowUpScheduler } from './modules/referrals/referral-follow-ups.ts';
import { startReminderSchedule } from './modules/quality/reminders.ts';
import { notifierFor } from './platform/notify/notifiers.ts';
import { sendCheckInMessages } from './modules/person-view/check-in-messages.ts';

const config = loadConfig();
const log = createLogger(config.LOG_LEVEL);

const database = await openDatabase({
  url: config.DATABASE_URL,
  purpose: 'server',
  poolSize: config.DATABASE_POOL_SIZE,
  onProgress: (e) => logStartup(log, e),
});
await prepareDirectory(database);
await prepareDemo(database, config, log);
await prepareAccounts(database, config, log);
const notifier = notifierFor(config, database.db);
const publicUrl = config.PUBLIC_URL ?? `http://${config.HOST}:${config.PORT}`;
// Referral nudges and expiry, then check-in messages to people, every few minutes (safe with several processes).
const stopFollowUps = startFollowUpScheduler({
  database,
  log,
  notifier,
  alsoRun: [{ name: 'check-in messages', run: (now) => sendCheckInMessages(database.db, notifier, now, { baseUrl: publicUrl }) }],
});

const app = createApp({ config, database, log, notifier });
// Review reminders: shortly after start, then daily (safe with several processes: the job locks).
const stopReminders = startReminderSchedule({ db: database.db, notifier, log, baseUrl: publicUrl });
const server = serve({ fetch: app.fetch, hostname: config.HOST, port: config.PORT }, (info) => {
  log.info({ url: `http://${config.HOST}:${info.port}/`, startedInMs: sinceStart() }, 'Belong is listening');
});

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'stopping');
  stopReminders();
  stopFollowUps();
  server.close();
  await database.close();
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
