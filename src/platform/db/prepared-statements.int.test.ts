// On a PostgreSQL server, long statements are kept prepared on their connection and run by name
// (prepared-statements.ts), with the same answers; on PGlite nothing changes.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { openTestDatabase, testEngine, type TestDatabase } from '../../../test/support/test-db.ts';
import { classifyDbError, isStalePreparedStatement } from './db-errors.ts';
import { MIN_LENGTH } from './prepared-statements.ts';

/** Makes a statement long enough to be kept prepared. */
const padding = sql.raw(`/* ${'.'.repeat(MIN_LENGTH)} */`);

describe(`statements kept prepared [${testEngine}]`, () => {
  let database: TestDatabase;
  before(async () => {
    database = await openTestDatabase();
  });
  after(async () => {
    await database.dispose();
  });

  it(
    'runs a long statement by name on its connection, parsed once, with the answers of each run',
    { skip: testEngine !== 'postgres' && 'PGlite has one connection and no named statements here' },
    async () => {
      await database.db.transaction().execute(async (trx) => {
        // One transaction: one connection, whose prepared statements the view lists.
        for (const n of [1, 2, 3]) {
          const r = await sql<{ n: number; label: string }>`select ${n}::int * 2 as n, ${`run ${n}`}::text as label ${padding}`.execute(
            trx,
          );
          assert.deepEqual(r.rows, [{ n: 2 * n, label: `run ${n}` }]);
        }
        const short = await sql<{ n: number }>`select ${5}::int as n`.execute(trx);
        assert.deepEqual(short.rows, [{ n: 5 }]);
        const kept = await sql<{
          name: string;
          statement: string;
          runs: number;
        }>`select name, statement, (generic_plans + custom_plans)::int as runs from pg_prepared_statements`.execute(trx);
        const mine = kept.rows.filter((r) => r.statement.includes('as label'));
        assert.equal(mine.length, 1, 'prepared once');
        assert.match(mine[0]!.name, /^belong_\d+$/);
        assert.equal(mine[0]!.runs, 3, 'and run three times by name');
        assert.ok(
          !kept.rows.some((r) => r.statement.includes('::int as n') && !r.statement.includes('as label')),
          'a short statement is not kept',
        );
      });
    },
  );

  it(
    'closes a connection whose kept statement met a table changed since, so the next run works',
    { skip: testEngine !== 'postgres' && 'as above' },
    async () => {
      await sql`create table kept_shape (a int)`.execute(database.db);
      await sql`insert into kept_shape values (1)`.execute(database.db);
      const read = () => sql<Record<string, unknown>>`select * from kept_shape where a >= ${0}::int ${padding}`.execute(database.db);
      // One after the other: the pool hands the connection just released out again.
      assert.deepEqual((await read()).rows, [{ a: 1 }]);
      assert.deepEqual((await read()).rows, [{ a: 1 }]);
      await sql`alter table kept_shape add column b text default 'x'`.execute(database.db);
      const outcome = await read().then(
        (r) => r.rows,
        (err: unknown) => err,
      );
      if (outcome instanceof Error) {
        // The connection that held it: the statement fails once, as "try again".
        assert.equal(isStalePreparedStatement(outcome), true, String(outcome));
        assert.equal(classifyDbError(outcome), 'unavailable');
      } else assert.deepEqual(outcome, [{ a: 1, b: 'x' }], 'another connection, which had not prepared it');
      for (let i = 0; i < 6; i++) assert.deepEqual((await read()).rows, [{ a: 1, b: 'x' }], `run ${i + 1} after the change`);
      await sql`drop table kept_shape`.execute(database.db);
    },
  );

  it(
    'answers a statement that fails to parse with its error, and runs it once mended',
    { skip: testEngine !== 'postgres' && 'as above' },
    async () => {
      await assert.rejects(sql`select ${1}::int as n from no_such_table ${padding}`.execute(database.db), /no_such_table/);
      await assert.rejects(
        sql`select ${1}::int as n from no_such_table ${padding}`.execute(database.db),
        /no_such_table/,
        'again, not "does not exist" for the name',
      );
      const r = await sql<{ n: number }>`select ${7}::int as n ${padding}`.execute(database.db);
      assert.deepEqual(r.rows, [{ n: 7 }]);
    },
  );
});
