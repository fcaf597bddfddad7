// Every connection to a PostgreSQL server starts with parallel workers and JIT compilation off
// (SESSION_SETTINGS): Belong's queries are short, and starting workers cost more than they ran.
// On both engines, every connection starts with the search's settings (query-settings.ts).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { openTestDatabase, testEngine, type TestDatabase } from '../../../test/support/test-db.ts';
import { RANDOM_PAGE_COST, TRIGRAM_WORD_THRESHOLD } from './query-settings.ts';

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

  it('plans for a directory in memory and matches typos loosely, on every connection, without a transaction', async () => {
    const rows = await Promise.all(
      Array.from({ length: 4 }, () =>
        sql<{
          cost: string;
          trigram: string;
        }>`select current_setting('random_page_cost') as cost, current_setting('pg_trgm.word_similarity_threshold') as trigram`.execute(
          database.db,
        ),
      ),
    );
    for (const r of rows) assert.deepEqual(r.rows[0], { cost: String(RANDOM_PAGE_COST), trigram: String(TRIGRAM_WORD_THRESHOLD) });
    const typo = await sql<{ near: boolean }>`select 'ligal ayd' <% 'free legal aid clinic' as near`.execute(database.db);
    assert.equal(typo.rows[0]!.near, true, 'a typo scoring 0.31 is near enough');
  });

  it('has the phone-by-contact index the service pages use', async () => {
    const r = await sql<{
      n: number;
    }>`select count(*)::int as n from pg_indexes where tablename = 'phone' and indexname = 'phone_contact'`.execute(database.db);
    assert.equal(r.rows[0]!.n, 1);
  });
});
