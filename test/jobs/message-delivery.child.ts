/**
 * One app process's background jobs, for the two-process delivery test
 * (message-delivery.int.test.ts): delivery workers sending through the Notify
 * stand-in, no schedules. Prints "ready" when its workers run; on SIGTERM
 * stops them, closes the database and exits.
 *
 *   node --import tsx message-delivery.child.ts <database-url> <notify stand-in url>
 */
import { startBackgroundJobs } from '../../src/background-jobs.ts';
import { loadConfig } from '../../src/config.ts';
import { openDatabase } from '../../src/platform/db/database.ts';
import { createLogger } from '../../src/platform/log.ts';
import { govukNotifyTransport } from '../../src/platform/notify/govuk-notify.ts';
import { STAND_IN, STAND_IN_KEY } from '../../src/platform/notify/notify-stand-in.test-support.ts';
import { FAST_RETRIES } from './message-delivery.fixtures.ts';

const [url, notifyUrl] = process.argv.slice(2);
if (!url || !notifyUrl) {
  console.error('usage: message-delivery.child.ts <database-url> <notify url>');
  process.exit(2);
}
const database = await openDatabase({ url, migrate: false, poolSize: 3 });
const background = await startBackgroundJobs({
  database,
  config: loadConfig({}),
  log: createLogger('silent'),
  baseUrl: 'http://localhost',
  transport: govukNotifyTransport({
    apiKey: STAND_IN_KEY,
    emailTemplateId: STAND_IN.emailTemplate,
    smsTemplateId: STAND_IN.smsTemplate,
    baseUrl: notifyUrl,
  }),
  delivery: FAST_RETRIES,
  schedules: false,
  deliveryPollingSeconds: 0.5,
});
console.log('ready');
process.on('SIGTERM', () => {
  void (async () => {
    await background.stop(5000);
    await database.close();
    process.exit(0);
  })();
});
