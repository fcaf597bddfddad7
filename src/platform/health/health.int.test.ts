import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { sql } from 'kysely';
import pg from 'pg';
import { createApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { TestBrowser } from '../../modules/accounts/accounts.test-support.ts';
import { createLogger } from '../log.ts';
import { healthRoutes } from './health.routes.ts';
import { BUSY_AFTER_MS } from './health.service.ts';
import { openTestDatabase, testEngine, type TestDatabase } from '../../../test/support/test-db.ts';

interface HealthBody {
  status: string;
  database: { engine: string; state: string; writable: boolean | null; error?: string };
}

/** A client of its own on the PostgreSQL server, for watching and stopping the test's queries. */
async function adminClient(database: TestDatabase): Promise<pg.Client> {
  const name = (await sql<{ name: string }>`select current_database() as name`.execute(database.db)).rows[0]!.name;
  const url = new URL(process.env.BELONG_TEST_PG_URL!);
  url.pathname = `/${name}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  return client;
}

async function until(what: string, check: () => Promise<boolean> | boolean): Promise<void> {
  for (let i = 0; i < 2000; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  assert.fail(`gave up waiting until ${what}`);
}

describe(`/health [${testEngine}]`, () => {
  let database: TestDatabase;
  let server: ServerType;
  let base: string;

  before(async () => {
    database = await openTestDatabase();
    const app = createApp({ config: loadConfig({}), database, log: createLogger('silent') });
    await new Promise<void>((resolve) => {
      server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info) => {
        base = `http://127.0.0.1:${info.port}`;
        resolve();
      });
    });
  });
  after(async () => {
    server.close();
    await database.dispose();
  });

  it('reports ok with the engine when the database can read and write', async () => {
    const res = await fetch(`${base}/health`);
    assert.equal(res.status, 200);
    const body = (await res.json()) as HealthBody;
    assert.equal(body.status, 'ok');
    assert.equal(body.database.engine, testEngine);
    assert.equal(body.database.state, 'ok');
    assert.equal(body.database.writable, true);
  });

  it('answers while a long query runs (the answer comes before the query ends)', async () => {
    // PostgreSQL: a query that would run for a minute, cancelled once /health has answered.
    // PGlite cannot cancel a query in its worker: a few seconds' sleep, waited out.
    const seconds = testEngine === 'postgres' ? 60 : 3;
    const order: string[] = [];
    const slow = sql`select pg_sleep(${seconds})`.execute(database.db).then(
      () => order.push('query ended'),
      () => order.push('query ended'),
    );
    const admin = testEngine === 'postgres' ? await adminClient(database) : null;
    const sleepingPid = async () =>
      (
        await admin!.query<{ pid: number }>(
          "select pid from pg_stat_activity where datname = current_database() and query like 'select pg_sleep%' and state = 'active'",
        )
      ).rows[0]?.pid;
    await until('the query runs', async () => (admin ? (await sleepingPid()) !== undefined : database.status().busyForMs > BUSY_AFTER_MS));

    const res = await fetch(`${base}/health`);
    const body = (await res.json()) as HealthBody;
    order.push('health answered');

    if (admin) {
      await admin.query('select pg_cancel_backend($1)', [await sleepingPid()]);
      await admin.end();
    }
    await slow;
    assert.deepEqual(order, ['health answered', 'query ended']);
    assert.equal(res.status, 200);
    assert.equal(body.status, 'ok');
    // The embedded database runs one query at a time: it says it is busy rather than queue behind the query.
    assert.equal(body.database.state, testEngine === 'pglite' ? 'busy' : 'ok');
  });

  it('answers 503 when the embedded database’s disk is full, with the reason', async () => {
    // A disk is full for the check when less is free than it needs: here, more than any disk has.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'belong-health-'));
    try {
      const app = new Hono().route('/', healthRoutes({ ...database, dataDir: dir }, { minFreeBytes: Number.MAX_SAFE_INTEGER }));
      const res = await app.request('/health');
      assert.equal(res.status, 503);
      const body = (await res.json()) as HealthBody;
      assert.equal(body.status, 'error');
      assert.equal(body.database.writable, false);
      assert.match(body.database.error ?? '', /The disk holding the database is full/);
      const roomy = new Hono().route('/', healthRoutes({ ...database, dataDir: dir }, { minFreeBytes: 0 }));
      assert.equal((await roomy.request('/health')).status, 200);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('answers 503 when the database cannot write, with the reason', async () => {
    // A read-only database fails every write while reads still work: a fresh app (its write check not yet made).
    const app = createApp({ config: loadConfig({}), database, log: createLogger('silent') });
    if (testEngine === 'pglite') {
      await sql`set default_transaction_read_only = on`.execute(database.db);
    } else {
      // New connections start read-only; the pool's current ones are ended so none is left writable.
      const admin = await adminClient(database);
      await admin.query(`alter database "${admin.database}" set default_transaction_read_only = on`);
      await admin.query(
        'select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
      );
      await admin.end();
    }
    try {
      await until('the pool has let go of the old connections', async () => {
        const r = await sql<{ ro: string }>`select current_setting('transaction_read_only') as ro`.execute(database.db).catch(() => null);
        return r?.rows[0]?.ro === 'on';
      });
      const res = await app.request('/health');
      assert.equal(res.status, 503);
      const body = (await res.json()) as HealthBody;
      assert.equal(body.status, 'error');
      assert.equal(body.database.writable, false);
      assert.match(body.database.error ?? '', /The database is read-only/);

      // A form that writes (a sign-in attempt is recorded) answers 503 with a page in words, not a bare 500.
      const browser = new TestBrowser(app);
      const page = await browser.signIn('someone@example.org', 'not the password');
      assert.equal(page.status, 503);
      assert.match(page.html, /cannot reach its database/);
      assert.equal(page.headers.get('retry-after'), '30');
    } finally {
      if (testEngine === 'pglite') await sql`set default_transaction_read_only = off`.execute(database.db);
    }
  });
});
