import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { openTestDatabase, testEngine, type TestDatabase } from '../../../test/support/test-db.ts';
import type { Executor } from '../db/executor.ts';
import type { JobSender } from '../jobs/jobs.ts';
import { DEFAULT_DELIVERY, deliverMessages, retryDelaySeconds, sweepOutbox, type DeliveryDeps } from './delivery.ts';
import { govukNotifyTransport } from './govuk-notify.ts';
import { DELIVER_QUEUE, listOutbox, outboxCounts, outboxNotifier, type Message } from './notifier.ts';
import { STAND_IN, STAND_IN_KEY, startNotifyStandIn, type NotifyStandIn } from './notify-stand-in.test-support.ts';

/** Remembers the delivery jobs written, with the transaction they were written in. */
class RecordingJobs implements JobSender {
  jobs: { queue: string; id: string; startAfter: Date | null }[] = [];
  async send(_trx: Executor, queue: string, data: readonly object[], options: { startAfter?: Date } = {}) {
    for (const d of data) this.jobs.push({ queue, id: (d as { id: string }).id, startAfter: options.startAfter ?? null });
  }
}

describe(`the outbox and its delivery, with retries [${testEngine}]`, () => {
  let database: TestDatabase;
  let notify: NotifyStandIn;
  let jobs: RecordingJobs;
  let clock = new Date('2026-03-02T09:00:00Z');
  const now = () => clock;
  const tick = (seconds: number) => (clock = new Date(clock.getTime() + seconds * 1000));

  before(async () => {
    database = await openTestDatabase();
    notify = await startNotifyStandIn();
  });
  after(async () => {
    await notify.close();
    await database.dispose();
  });
  beforeEach(() => {
    jobs = new RecordingJobs();
  });

  const deps = (over: Partial<DeliveryDeps> = {}): DeliveryDeps => ({
    db: database.db,
    transport: govukNotifyTransport({
      apiKey: STAND_IN_KEY,
      emailTemplateId: STAND_IN.emailTemplate,
      smsTemplateId: STAND_IN.smsTemplate,
      baseUrl: notify.url,
    }),
    jobs,
    now,
    ...over,
  });
  const row = async (id: string) => (await listOutbox(database.db, { limit: 1000 })).find((m) => m.id === id)!;
  /** Writes messages in a transaction, as a service would; returns their outbox ids. */
  async function enqueue(...messages: Message[]): Promise<string[]> {
    const notifier = outboxNotifier({ now, delivery: jobs });
    const before = jobs.jobs.length;
    await database.db.transaction().execute((trx) => notifier.enqueue(trx, messages));
    return jobs.jobs.slice(before).map((j) => j.id);
  }

  it('writes the message and its delivery job in the caller’s transaction, or neither', async () => {
    const [id] = await enqueue({ to: 'amina@example.org', subject: 'Your plan', text: 'Here it is.' });
    assert.equal(jobs.jobs.at(-1)!.queue, DELIVER_QUEUE);
    const m = await row(id!);
    assert.equal(m.status, 'pending');
    assert.equal(m.attempts, 0);

    const before = (await listOutbox(database.db, { limit: 1000 })).length;
    await assert.rejects(
      database.db.transaction().execute(async (trx) => {
        await outboxNotifier({ now }).enqueue(trx, { to: 'rolled@example.org', subject: 's', text: 't' });
        throw new Error('the change failed');
      }),
      /the change failed/,
    );
    assert.equal((await listOutbox(database.db, { limit: 1000 })).length, before, 'a change that rolled back sends nothing');
  });

  it('keeps messages for staff when no sending service is set up', async () => {
    await database.db
      .transaction()
      .execute((trx) => outboxNotifier({ now }).enqueue(trx, { to: 'sara@example.org', subject: 's', text: 't' }));
    const kept = (await listOutbox(database.db, { status: 'kept' })).find((m) => m.recipient === 'sara@example.org');
    assert.ok(kept);
    assert.equal(kept.nextAttemptAt, null);
  });

  it('retries a message Notify fails to take, with a growing wait, until it goes; then never sends it again', async () => {
    const [id] = await enqueue({ to: 'retry@example.org', subject: 'Hello', text: 'Body' });
    notify.failNext(2, 500);

    assert.deepEqual(await deliverMessages(deps(), [id!]), { sent: 0, retrying: 1, failed: 0, kept: 0, skipped: 0 });
    let m = await row(id!);
    assert.equal(m.status, 'pending');
    assert.equal(m.attempts, 1);
    assert.match(m.lastError!, /HTTP 500/);
    assert.equal(m.nextAttemptAt!.getTime(), clock.getTime() + 60_000, 'first retry after a minute');
    assert.deepEqual(jobs.jobs.at(-1), { queue: DELIVER_QUEUE, id, startAfter: m.nextAttemptAt });

    tick(60);
    await deliverMessages(deps(), [id!]);
    m = await row(id!);
    assert.equal(m.attempts, 2);
    assert.equal(m.nextAttemptAt!.getTime(), clock.getTime() + 120_000, 'then two minutes');

    tick(120);
    assert.equal((await deliverMessages(deps(), [id!])).sent, 1);
    m = await row(id!);
    assert.equal(m.status, 'sent');
    assert.equal(m.attempts, 3);
    assert.equal(m.sentAt!.getTime(), clock.getTime());
    assert.equal(m.nextAttemptAt, null);
    assert.equal(notify.accepted().get(id!), 1);

    // A second job for the same message (a duplicate, a sweep) finds it sent.
    assert.deepEqual(await deliverMessages(deps(), [id!]), { sent: 0, retrying: 0, failed: 0, kept: 0, skipped: 1 });
    assert.equal(notify.accepted().get(id!), 1);
  });

  it('marks a message failed after the last try, and at once when Notify refuses it', async () => {
    const [tired] = await enqueue({ to: 'tired@example.org', subject: 's', text: 't' });
    const policy = { ...DEFAULT_DELIVERY, maxAttempts: 2 };
    notify.failNext(2, 503);
    await deliverMessages(deps({ policy }), [tired!]);
    tick(60);
    assert.equal((await deliverMessages(deps({ policy }), [tired!])).failed, 1);
    const m = await row(tired!);
    assert.equal(m.status, 'failed');
    assert.equal(m.attempts, 2);
    assert.match(m.lastError!, /HTTP 503/);
    assert.ok(m.failedAt);
    assert.equal(m.nextAttemptAt, null);

    const [refused] = await enqueue({ to: 'refused@example.org', subject: 's', text: 't' });
    notify.failNext(1, 400);
    assert.equal((await deliverMessages(deps(), [refused!])).failed, 1);
    assert.equal((await row(refused!)).attempts, 1, 'a refusal is not retried');
    assert.ok((await outboxCounts(database.db)).failed! >= 2);
  });

  it('keeps a message to an address Notify cannot take, for staff to pass on', async () => {
    const [id] = await enqueue({ to: 'the front desk', subject: 's', text: 't' });
    assert.equal((await deliverMessages(deps(), [id!])).kept, 1);
    const m = await row(id!);
    assert.equal(m.status, 'kept');
    assert.match(m.lastError!, /Not an e-mail address or UK phone number/);
  });

  it('lets only one of two workers that take the same message at once send it', async () => {
    const ids = await enqueue(...Array.from({ length: 8 }, (_, i) => ({ to: `race${i}@example.org`, subject: 's', text: 't' })));
    const [a, b] = await Promise.all([deliverMessages(deps(), ids), deliverMessages(deps(), ids)]);
    assert.equal(a.sent + b.sent, 8);
    assert.equal(a.skipped + b.skipped, 8);
    for (const id of ids) assert.equal(notify.accepted().get(id), 1, id);
  });

  it('sends again a message whose worker died holding it, once its claim has lapsed', async () => {
    const [id] = await enqueue({ to: 'crash@example.org', subject: 's', text: 't' });
    // A worker that stops at once after claiming (as if its process died before sending).
    const stopped = new AbortController();
    stopped.abort();
    assert.equal((await deliverMessages(deps(), [id!], stopped.signal)).sent, 0);
    assert.equal((await row(id!)).status, 'sending');
    assert.equal((await deliverMessages(deps(), [id!])).skipped, 1, 'still claimed');
    jobs.jobs = [];
    tick(DEFAULT_DELIVERY.claimSeconds + 301);
    assert.ok((await sweepOutbox({ db: database.db, jobs, now })) >= 1);
    assert.ok(
      jobs.jobs.some((j) => j.id === id && j.queue === DELIVER_QUEUE),
      'the sweep finds it',
    );
    assert.equal((await deliverMessages(deps(), [id!])).sent, 1);
    assert.equal((await row(id!)).attempts, 2);
  });

  it('waits twice as long after each failure, at most an hour', () => {
    assert.deepEqual(
      [1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => retryDelaySeconds(n, DEFAULT_DELIVERY)),
      [60, 120, 240, 480, 960, 1920, 3600, 3600, 3600],
    );
  });
});
