/**
 * A PostgreSQL connection cut while a query runs on it (a server restart, a
 * failover, an administrator's pg_terminate_backend) fails that one request
 * with a clear 503, and the process carries on serving. Before database.ts
 * listened for errors on connections in use, the 'error' event node-postgres
 * emits on such a connection killed the whole process.
 *
 * PostgreSQL only: the embedded database has no server connection to cut.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import pg from 'pg';
import { createApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { createLogger } from '../log.ts';
import { openTestDatabase, testEngine, type TestDatabase } from '../../../test/support/test-db.ts';

const onPostgres = testEngine === 'postgres';

describe(`a connection cut mid-query [${testEngine}]`, { skip: !onPostgres && 'PostgreSQL only' }, () => {
  let database: TestDatabase;
  let app: ReturnType<typeof createApp>;
  let admin: pg.Client;

  before(async () => {
    database = await openTestDatabase();
    app = createApp({ config: loadConfig({ NODE_ENV: 'test' }), database, log: createLogger('silent') });
    // Test-only routes: a query that would run for a minute, alone or inside a transaction.
    app.get('/test/slow-query', async (c) => {
      await sql`select pg_sleep(60) as slow_test_query`.execute(database.db);
      return c.text('finished');
    });
    app.get('/test/slow-transaction', async (c) => {
      await database.db.transaction().execute(async (trx) => {
        await sql`select pg_sleep(60) as slow_test_query`.execute(trx);
      });
      return c.text('finished');
    });
    const name = (await sql<{ name: string }>`select current_database() as name`.execute(database.db)).rows[0]!.name;
    const url = new URL(process.env.BELONG_TEST_PG_URL!);
    url.pathname = `/${name}`;
    admin = new pg.Client({ connectionString: url.toString() });
    await admin.connect();
  });
  after(async () => {
    await admin?.end();
    await database?.dispose();
  });

  /** Waits until the slow query runs, then ends its backend as an administrator (or a restart) would. */
  async function terminateSlowQuery(): Promise<number> {
    for (let i = 0; i < 2000; i++) {
      const { rows } = await admin.query<{ pid: number }>(
        "select pid from pg_stat_activity where datname = current_database() and query like '%slow_test_query%' and state = 'active' and pid <> pg_backend_pid()",
      );
      if (rows[0]) {
        await admin.query('select pg_terminate_backend($1)', [rows[0].pid]);
        return rows[0].pid;
      }
      await new Promise((r) => setTimeout(r, 10));
    }
    assert.fail('the slow query never started');
  }

  for (const path of ['/test/slow-query', '/test/slow-transaction']) {
    it(`${path}: the request gets 503 with a page in words, and the next requests work`, async () => {
      const pending = app.request(path, { headers: { accept: 'text/html', 'accept-language': 'uk' } });
      await terminateSlowQuery();
      const res = await pending;
      assert.equal(res.status, 503);
      assert.equal(res.headers.get('retry-after'), '30');
      const html = await res.text();
      assert.match(html, /<html lang="uk"/);
      assert.match(html, /Зараз це не працює/);

      // The process is still here, and the pool has replaced the connection.
      const health = await app.request('/health');
      assert.equal(health.status, 200);
      assert.equal(((await health.json()) as { status: string }).status, 'ok');
      const { rows } = await sql<{ n: number }>`select 1 as n`.execute(database.db);
      assert.equal(rows[0]!.n, 1);
    });
  }

  it('an API request gets 503 as JSON', async () => {
    const pending = app.request('/test/slow-query', { headers: { accept: 'application/json' } });
    await terminateSlowQuery();
    const res = await pending;
    assert.equal(res.status, 503);
    assert.equal(((await res.json()) as { error: string }).error, 'ServiceUnavailable');
  });

  it('connections cut while idle are replaced too (a request that meets one first gets 503, never 500)', async () => {
    await Promise.all([1, 2, 3].map(() => sql`select 1`.execute(database.db)));
    await admin.query(
      'select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
    );
    // node-postgres learns that an idle connection is gone when the server's goodbye is read: a
    // request may meet a dead connection before that. Each such request fails alone, cleanly.
    const statuses: number[] = [];
    for (let i = 0; i < 20 && statuses.at(-1) !== 200; i++) statuses.push((await app.request('/health')).status);
    assert.equal(statuses.at(-1), 200, `statuses: ${statuses.join(', ')}`);
    assert.ok(
      statuses.every((s) => s === 200 || s === 503),
      `statuses: ${statuses.join(', ')}`,
    );
  });
});
