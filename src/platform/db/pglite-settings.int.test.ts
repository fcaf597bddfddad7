// The embedded database starts with a small buffer pool (PGLITE_SETTINGS): its WebAssembly memory
// never shrinks, so initdb's default 160 MB would all stay resident. And its worker answers
// queries without the main thread's TypeScript loader (the worker's types are stripped by Node).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { openTestDatabase, testEngine, type TestDatabase } from '../../../test/support/test-db.ts';

describe(`embedded database settings [${testEngine}]`, { skip: testEngine !== 'pglite' && 'the embedded database only' }, () => {
  let database: TestDatabase;
  before(async () => {
    database = await openTestDatabase();
  });
  after(async () => {
    await database.dispose();
  });

  it('runs with a 16 MB buffer pool and the usual single-process settings', async () => {
    const r = await sql<{
      buffers: string;
      workers: string;
    }>`select current_setting('shared_buffers') as buffers, current_setting('max_parallel_workers_per_gather') as workers`.execute(
      database.db,
    );
    assert.deepEqual(r.rows[0], { buffers: '16MB', workers: '0' });
  });
});
