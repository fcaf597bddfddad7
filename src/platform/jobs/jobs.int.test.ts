import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openTestDatabase, testEngine, type TestDatabase } from '../../../test/support/test-db.ts';
import { createLogger } from '../log.ts';
import { runInBatches } from './batches.ts';
import { openJobs } from './jobs.ts';

const log = createLogger('silent');

async function until(what: string, check: () => Promise<boolean> | boolean, deadlineMs = 60_000): Promise<void> {
  const end = Date.now() + deadlineMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`gave up waiting: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe(`durable jobs with pg-boss on Belong's database [${testEngine}]`, () => {
  let database: TestDatabase;
  before(async () => {
    database = await openTestDatabase();
  });
  after(async () => {
    await database.dispose();
  });

  it('runs a job sent in a transaction that commits, and never one whose transaction rolled back', async () => {
    const jobs = openJobs(database, log);
    await jobs.start([{ name: 'test.echo' }]);
    const seen: string[] = [];
    await jobs.work<{ word: string }>('test.echo', { pollingIntervalSeconds: 0.5, batchSize: 5 }, async (data) => {
      seen.push(...data.map((d) => d.word));
    });
    await database.db.transaction().execute((trx) => jobs.send(trx, 'test.echo', [{ word: 'kept' }]));
    await assert.rejects(
      database.db.transaction().execute(async (trx) => {
        await jobs.send(trx, 'test.echo', [{ word: 'rolled back' }]);
        throw new Error('no');
      }),
    );
    await database.db.transaction().execute((trx) => jobs.send(trx, 'test.echo', [{ word: 'last' }]));
    await until('both committed jobs ran', () => seen.includes('kept') && seen.includes('last'));
    assert.ok(!seen.includes('rolled back'));
    await jobs.stop();
  });

  it('stops a running job between batches when the process stops, and runs it again later', async () => {
    const first = openJobs(database, log);
    await first.start([{ name: 'test.long', retryDelaySeconds: 1, retryBackoff: false, retryLimit: 2 }]);
    let batches = 0;
    let sawStop = false;
    let started!: () => void;
    const isRunning = new Promise<void>((r) => (started = r));
    const handler = async (_data: object[], signal: AbortSignal) => {
      await runInBatches({ batchSize: 1, maxBatches: 10_000, signal, onBatch: () => started() }, async () => {
        batches++;
        await new Promise((r) => setTimeout(r, 5));
        return true;
      });
      if (signal.aborted) {
        sawStop = true;
        throw new Error('stopped half-way');
      }
    };
    await first.work('test.long', { pollingIntervalSeconds: 0.5 }, handler);
    await first.sendNow('test.long', {});
    await isRunning;
    await first.stop({ timeoutMs: 5000 });
    assert.ok(sawStop, 'the handler saw the stop and returned');
    const atStop = batches;
    assert.ok(atStop < 10_000, 'it did not run to the end');
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(batches, atStop, 'nothing runs after stop');

    // Another process (here a second instance) picks the job up again.
    const second = openJobs(database, log);
    await second.start([{ name: 'test.long', retryDelaySeconds: 1, retryBackoff: false, retryLimit: 2 }]);
    let again = false;
    await second.work('test.long', { pollingIntervalSeconds: 0.5 }, async () => {
      again = true;
    });
    await until('the stopped job ran again', () => again);
    await second.stop();
  });
});
