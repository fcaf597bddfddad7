// Every connection to a PostgreSQL server starts with parallel workers and JIT compilation off
// (SESSION_SETTINGS): Belong's queries are short, and starting workers cost more than they ran.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { openTestDatabase, testEngine, type TestDatabase } from '../../../test/support/test-db.ts';

describe(`connection settings [${testEngine}]`, () => {
  let database: TestDatabase;
  before(async () => {
    database = await openTestDatabase();
  });
  after(async () => {
    await database.dispose();
  });

  it(
    'plans no parallel workers on any connection of the pool',
    { skip: testEngine !== 'postgres' && 'PGlite has no workers' },
    async () => {
      // Several at once, so more than one connection of the pool answers.
      const rows = await Promise.all(
        Array.from({ length: 4 }, () =>
          sql<{
            workers: string;
            jit: string;
          }>`select current_setting('max_parallel_workers_per_gather') as workers, current_setting('jit') as jit`.execute(database.db),
        ),
      );
      for (const r of rows) assert.deepEqual(r.rows[0], { workers: '0', jit: 'off' });
    },
  );

  it('has the phone-by-contact index the service pages use', async () => {
    const r = await sql<{
      n: number;
    }>`select count(*)::int as n from pg_indexes where tablename = 'phone' and indexname = 'phone_contact'`.execute(database.db);
    assert.equal(r.rows[0]!.n, 1);
  });
});
