// Messages end to end through the real job queue: written in a transaction,
// delivered by pg-boss workers through a GOV.UK Notify stand-in that fails
// some requests, retried, and sent exactly once — by two workers in one
// process (both engines) and by two app processes on one PostgreSQL server.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { QUEUE_SPECS, QUEUES, startBackgroundJobs, type BackgroundJobs } from '../../src/background-jobs.ts';
import { loadConfig } from '../../src/config.ts';
import { openDatabase, type Database } from '../../src/platform/db/database.ts';
import { openJobs } from '../../src/platform/jobs/jobs.ts';
import { createLogger } from '../../src/platform/log.ts';
import { govukNotifyTransport } from '../../src/platform/notify/govuk-notify.ts';
import { listOutbox, outboxNotifier, type Message } from '../../src/platform/notify/notifier.ts';
import { STAND_IN, STAND_IN_KEY, startNotifyStandIn, type NotifyStandIn } from '../../src/platform/notify/notify-stand-in.test-support.ts';
import { openTestDatabase, testEngine, type TestDatabase } from '../support/test-db.ts';
import { FAST_RETRIES } from './message-delivery.fixtures.ts';

const log = createLogger('silent');

async function until(what: string, check: () => Promise<boolean>, deadlineMs = 120_000): Promise<void> {
  const end = Date.now() + deadlineMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`gave up waiting: ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const messages = (prefix: string, n: number): Message[] =>
  Array.from({ length: n }, (_, i) => ({ to: `${prefix}${i}@example.org`, subject: `Hello ${i}`, text: 'A message' }));

async function allSent(database: Pick<Database, 'db'>, prefix: string, n: number): Promise<boolean> {
  const rows = (await listOutbox(database.db, { limit: 10_000 })).filter((m) => m.recipient.startsWith(prefix));
  return rows.length === n && rows.every((m) => m.status === 'sent');
}

describe(`messages through the job queue, sent exactly once [${testEngine}]`, () => {
  let database: TestDatabase;
  let notify: NotifyStandIn;
  const running: BackgroundJobs[] = [];

  const start = () =>
    startBackgroundJobs({
      database,
      config: loadConfig({}),
      log,
      baseUrl: 'http://localhost',
      transport: govukNotifyTransport({
        apiKey: STAND_IN_KEY,
        emailTemplateId: STAND_IN.emailTemplate,
        smsTemplateId: STAND_IN.smsTemplate,
        baseUrl: notify.url,
      }),
      delivery: FAST_RETRIES,
      schedules: false,
      deliveryPollingSeconds: 0.5,
    }).then((b) => (running.push(b), b));

  before(async () => {
    database = await openTestDatabase();
    notify = await startNotifyStandIn();
  });
  after(async () => {
    for (const b of running) await b.stop();
    await notify.close();
    await database.dispose();
  });

  it('retries a message Notify fails to take (500, then 500, then accepted) and records each try', async () => {
    const background = await start();
    notify.failNext(2, 500);
    await database.db.transaction().execute((trx) => background.notifier.enqueue(trx, messages('retry', 1)));
    await until('the message is sent', () => allSent(database, 'retry', 1));
    const [m] = (await listOutbox(database.db)).filter((x) => x.recipient === 'retry0@example.org');
    assert.equal(m!.attempts, 3);
    assert.match(m!.lastError!, /HTTP 500/, 'the last error stays visible');
    assert.equal(notify.accepted().get(m!.id), 1);
  });

  it('has two workers share the messages, each sent exactly once, faults and all', async () => {
    const [a] = running;
    await start(); // a second worker on the same database, as a second process would have
    notify.failNext(6, 503);
    await database.db.transaction().execute((trx) => a!.notifier.enqueue(trx, messages('pair', 30)));
    await until('all 30 are sent', () => allSent(database, 'pair', 30));
    const rows = (await listOutbox(database.db, { limit: 10_000 })).filter((m) => m.recipient.startsWith('pair'));
    for (const m of rows) assert.equal(notify.accepted().get(m.id), 1, `${m.recipient} sent once`);
  });

  it('registers the schedules of every periodic job once, however many processes start', async () => {
    const jobs = openJobs(database, log);
    await jobs.start(QUEUE_SPECS);
    const background = await startBackgroundJobs({ database, config: loadConfig({}), log, baseUrl: 'http://localhost', transport: null });
    running.push(background);
    await startBackgroundJobs({ database, config: loadConfig({}), log, baseUrl: 'http://localhost', transport: null }).then((b) =>
      running.push(b),
    );
    const schedules = await jobs.schedules();
    assert.deepEqual(
      schedules.map((s) => [s.queue, s.cron, s.tz]).sort(),
      [
        [QUEUES.checkIns, '*/15 * * * *', 'Europe/London'],
        [QUEUES.followUps, '*/5 * * * *', 'Europe/London'],
        [QUEUES.reminders, '0 7 * * *', 'Europe/London'],
        [QUEUES.vetting, '15 7 * * *', 'Europe/London'],
        [QUEUES.escalations, '*/5 * * * *', 'Europe/London'],
      ].sort(),
    );
    await jobs.stop();
  });
});

describe(
  'messages sent by two app processes on one PostgreSQL server',
  { skip: testEngine !== 'postgres' && 'needs the PostgreSQL server' },
  () => {
    const child = fileURLToPath(new URL('./message-delivery.child.ts', import.meta.url));
    const name = `belong_t_md_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    let url: string;
    let database: Database;
    let notify: NotifyStandIn;
    const children: ChildProcess[] = [];

    before(async () => {
      const admin = new pg.Client({ connectionString: process.env.BELONG_TEST_PG_URL });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      const u = new URL(process.env.BELONG_TEST_PG_URL!);
      u.pathname = `/${name}`;
      url = u.toString();
      database = await openDatabase({ url, poolSize: 4 });
      notify = await startNotifyStandIn();
    });
    after(async () => {
      for (const c of children) c.kill('SIGKILL');
      await notify?.close();
      await database?.close();
      const admin = new pg.Client({ connectionString: process.env.BELONG_TEST_PG_URL });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    });

    function startChild(): Promise<ChildProcess> {
      const c = spawn(process.execPath, ['--import', 'tsx', child, url, notify.url], {
        cwd: fileURLToPath(new URL('../../', import.meta.url)),
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      children.push(c);
      return new Promise((resolve, reject) => {
        let out = '';
        c.stdout!.on('data', (d: Buffer) => {
          out += d.toString();
          if (out.includes('ready')) resolve(c);
        });
        c.on('exit', (code) => reject(new Error(`child exited early (${code})`)));
      });
    }
    const exited = (c: ChildProcess) =>
      new Promise<number | null>((r) => (c.exitCode !== null ? r(c.exitCode) : c.on('exit', (code) => r(code))));

    it('sends each message exactly once between them, retrying Notify’s faults', async () => {
      // The parent only writes (as a web request would), with its own job sender.
      const jobs = openJobs(database, log);
      await jobs.start(QUEUE_SPECS);
      const [one, two] = await Promise.all([startChild(), startChild()]);
      notify.failNext(8, 500);
      const notifier = outboxNotifier({ delivery: jobs });
      for (let batch = 0; batch < 4; batch++)
        await database.db.transaction().execute((trx) => notifier.enqueue(trx, messages(`two${batch}-`, 15)));
      await until('all 60 are sent', async () => {
        for (let batch = 0; batch < 4; batch++) if (!(await allSent(database, `two${batch}-`, 15))) return false;
        return true;
      });
      const rows = (await listOutbox(database.db, { limit: 10_000 })).filter((m) => m.recipient.startsWith('two'));
      assert.equal(rows.length, 60);
      for (const m of rows) assert.equal(notify.accepted().get(m.id), 1, `${m.recipient} sent once`);
      assert.equal(
        [...notify.accepted().values()].reduce((a, b) => a + b, 0),
        60,
        'no other sends',
      );
      assert.ok(
        rows.some((m) => m.attempts > 1),
        'some were retried',
      );

      one.kill('SIGTERM');
      two.kill('SIGTERM');
      assert.deepEqual(await Promise.all([exited(one), exited(two)]), [0, 0], 'both stop cleanly on SIGTERM');
      await jobs.stop();
    });
  },
);
