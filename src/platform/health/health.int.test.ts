import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { serve, type ServerType } from '@hono/node-server';
import { sql } from 'kysely';
import { createApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { createLogger } from '../log.ts';
import { openTestDatabase, testEngine, type TestDatabase } from '../../../test/support/test-db.ts';

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

  it('reports ok with the engine when the database is idle', async () => {
    const res = await fetch(`${base}/health`);
    assert.equal(res.status, 200);
    const body = (await res.json()) as { status: string; database: { engine: string; state: string } };
    assert.equal(body.status, 'ok');
    assert.equal(body.database.engine, testEngine);
    assert.equal(body.database.state, 'ok');
  });

  it('answers within 200 ms while a multi-second query runs', async () => {
    // A CPU-bound query of a few seconds; on PGlite it runs in the worker thread.
    const slowStarted = Date.now();
    const slow = sql`select count(*) as n from generate_series(1, 12000000) g where g % 7 = 3`.execute(database.db);
    await new Promise((r) => setTimeout(r, 300)); // let it get going
    const timings: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      const res = await fetch(`${base}/health`);
      const body = (await res.json()) as { status: string; database: { state: string } };
      timings.push(performance.now() - t0);
      assert.equal(res.status, 200);
      assert.equal(body.status, 'ok');
    }
    await slow;
    const slowMs = Date.now() - slowStarted;
    assert.ok(slowMs > 1000, `the slow query should take over a second to prove the point (took ${slowMs} ms)`);
    const worst = Math.max(...timings);
    assert.ok(worst < 200, `/health took ${worst.toFixed(0)} ms during a ${slowMs} ms query`);
  });
});
