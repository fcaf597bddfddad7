/**
 * Entry point: config → logger → database (migrated) → vocabulary and demo
 * data → HTTP server → background jobs (before the server when a sending
 * service needs them for requests: background-jobs.ts). Stops promptly on SIGINT/SIGTERM:
 * stops listening, stops the job workers (a running job ends after its
 * current batch, or is abandoned after a few seconds and retried later),
 * then closes the database so the embedded database's lock is released.
 * A second Ctrl-C exits at once.
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
import { prepareBackgroundJobs } from './background-jobs.ts';
import { configureClosures } from './modules/referrals/working-days.ts';

const config = loadConfig();
const log = createLogger(config.LOG_LEVEL);

const database = await openDatabase({
  url: config.DATABASE_URL,
  purpose: 'server',
  poolSize: config.DATABASE_POOL_SIZE,
  prepare: config.DATABASE_PREPARE === 'on',
  onProgress: (e) => logStartup(log, e),
});
await prepareDirectory(database);
await prepareDemo(database, config, log);
await prepareAccounts(database, config, log);
configureClosures(config.BELONG_EXTRA_CLOSURES);
const publicUrl = config.PUBLIC_URL ?? `http://${config.HOST}:${config.PORT}`;
// Messages, referral follow-ups, check-ins and review reminders as durable jobs (safe with several processes).
const background = prepareBackgroundJobs({ database, config, log, baseUrl: publicUrl });
const jobsStarted = () => log.info({ sinceStartMs: sinceStart() }, 'background jobs started');
if (background.neededByRequests) {
  await background.start();
  jobsStarted();
}

const app = createApp({ config, database, log, notifier: background.notifier });
const server = serve({ fetch: app.fetch, hostname: config.HOST, port: config.PORT }, (info) => {
  log.info({ url: `http://${config.HOST}:${info.port}/`, startedInMs: sinceStart() }, 'Belong is listening');
  if (!background.neededByRequests)
    background.start().then(jobsStarted, (err: unknown) => {
      log.error({ err }, 'the background jobs could not start');
      void stop('background jobs', 1);
    });
});

let stopping = false;
async function stop(signal: string, exitCode = 0) {
  if (stopping) {
    log.warn({ signal }, 'stopping now');
    process.exit(1);
  }
  stopping = true;
  log.info({ signal }, 'stopping');
  // Whatever happens below, do not hang: committed data is safe even if the process ends mid-query.
  setTimeout(() => {
    log.warn('could not stop cleanly in time; exiting');
    process.exit(1);
  }, 15_000).unref();
  server.close();
  if ('closeIdleConnections' in server) server.closeIdleConnections();
  try {
    await background.stop(5_000);
  } catch (err) {
    log.error({ err }, 'background jobs did not stop cleanly');
  }
  await database.close();
  process.exit(exitCode);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
