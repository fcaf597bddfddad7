/**
 * npm run bench:jobs -- [--lib pg-boss|graphile-worker] [--jobs N] [--idle-seconds N]
 *
 * Measures a PostgreSQL job-queue library on Belong's embedded database
 * (PGlite in a worker thread, one connection shared by every query), the
 * figures behind ADR 6:
 *
 *   - start-up: installing the library's schema on a fresh database, and a
 *     second start on an installed one;
 *   - memory: resident set size before and after;
 *   - the connection: how often the library's idle loops take PGlite's only
 *     connection and for how long (every statement timed);
 *   - under load: N jobs enqueued in one application transaction, worked in
 *     batches, while a "page" query (select 1) runs every 20 ms; prints how
 *     long the page query waited at worst.
 *
 * pg-boss runs on Belong's PGlite worker through src/platform/jobs' adapter.
 * graphile-worker needs a node-postgres Pool (a dedicated LISTEN client held
 * for the runner's life plus pooled clients); Belong's PGlite has no Pool, so
 * it is tried on an in-process PGlite behind a minimal Pool emulation, which
 * is the most favourable setting it could have.
 *
 * Each library runs in its own process (run the command twice) so memory
 * figures do not mix.
 */
import { parseArgs } from 'node:util';
import { EventEmitter } from 'node:events';
import { openDatabase } from '../src/platform/db/database.ts';
import { belongBossDb, transactionBossDb } from '../src/platform/jobs/boss-adapter.ts';

const { values } = parseArgs({
  options: {
    lib: { type: 'string', default: 'pg-boss' },
    jobs: { type: 'string', default: '1000' },
    'idle-seconds': { type: 'string', default: '20' },
  },
});
const JOBS = Number(values.jobs);
const IDLE_S = Number(values['idle-seconds']);

const mb = () => Math.round(process.memoryUsage().rss / 1e6);
const ms = (t0: number) => Math.round(performance.now() - t0);
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? Math.round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! * 10) / 10 : 0;
};

interface Timings {
  durations: number[];
  reset(): void;
}
function timed<T extends { executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }> }>(db: T): T & Timings {
  const durations: number[] = [];
  const inner = db.executeSql.bind(db);
  return Object.assign(db, {
    durations,
    reset: () => void durations.splice(0),
    executeSql: async (text: string, values?: unknown[]) => {
      const t0 = performance.now();
      try {
        return await inner(text, values);
      } finally {
        durations.push(performance.now() - t0);
      }
    },
  }) as T & Timings;
}

/** A "page": a trivial query every 20 ms; returns the waits seen. */
function probe(run: () => Promise<unknown>) {
  const waits: number[] = [];
  let stop = false;
  const loop = (async () => {
    while (!stop) {
      const t0 = performance.now();
      await run();
      waits.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  return {
    waits,
    stop: async () => {
      stop = true;
      await loop;
    },
  };
}

async function pgBoss() {
  const { PgBoss } = await import('pg-boss');
  const t0 = performance.now();
  const database = await openDatabase({ url: 'memory://' });
  console.log(`Belong PGlite (migrated, memory://): ${ms(t0)} ms, rss ${mb()} MB`);
  const rss0 = mb();

  const adapter = timed(belongBossDb(database));
  const options = {
    db: adapter,
    backend: 'pglite' as const,
    schema: 'pgboss',
    monitorIntervalSeconds: 60,
    superviseIntervalSeconds: 60,
    persistWarnings: false,
  };
  let boss = new PgBoss(options);
  boss.on('error', (e) => console.error('pg-boss error', e));
  let t = performance.now();
  await boss.start();
  console.log(
    `pg-boss start, installing its schema: ${ms(t)} ms, ${adapter.durations.length} statements, longest ${pct(adapter.durations, 100)} ms; rss ${mb()} MB (+${mb() - rss0})`,
  );
  t = performance.now();
  for (const q of ['bench-a', 'bench-b', 'bench-c', 'bench-d']) await boss.createQueue(q, { retryLimit: 3, retryBackoff: true });
  console.log(`createQueue x4: ${ms(t)} ms`);
  await boss.stop({ graceful: false, close: false });

  adapter.reset();
  boss = new PgBoss(options);
  boss.on('error', (e) => console.error('pg-boss error', e));
  t = performance.now();
  await boss.start();
  console.log(`pg-boss start, already installed: ${ms(t)} ms, ${adapter.durations.length} statements`);

  // Idle: four queues with a worker each, polling every 2 s.
  for (const q of ['bench-a', 'bench-b', 'bench-c']) await boss.work(q, { pollingIntervalSeconds: 2 }, async () => undefined);
  adapter.reset();
  const idleProbe = probe(() => database.db.executeQuery({ sql: 'select 1', parameters: [], query: { kind: 'RawNode' } } as never));
  await new Promise((r) => setTimeout(r, IDLE_S * 1000));
  await idleProbe.stop();
  const idle = [...adapter.durations];
  console.log(
    `idle ${IDLE_S} s, 3 workers polling every 2 s: ${idle.length} statements (${Math.round((idle.length / IDLE_S) * 60)}/min), ` +
      `p50 ${pct(idle, 50)} ms, p99 ${pct(idle, 99)} ms, longest ${pct(idle, 100)} ms, connection held ${Math.round(idle.reduce((a, b) => a + b, 0))} ms in total; ` +
      `page query p50 ${pct(idleProbe.waits, 50)} ms, longest ${pct(idleProbe.waits, 100)} ms`,
  );

  // Load: N jobs in one application transaction, then worked in batches of 20.
  t = performance.now();
  await database.db.transaction().execute(async (trx) => {
    const db = transactionBossDb(trx);
    for (let i = 0; i < JOBS; i += 100)
      await boss.insert(
        'bench-d',
        Array.from({ length: Math.min(100, JOBS - i) }, (_, k) => ({ data: { n: i + k } })),
        { db },
      );
  });
  console.log(`enqueue ${JOBS} jobs in one transaction: ${ms(t)} ms`);
  adapter.reset();
  let done = 0;
  const loadProbe = probe(() => database.db.executeQuery({ sql: 'select 1', parameters: [], query: { kind: 'RawNode' } } as never));
  t = performance.now();
  const finished = new Promise<void>((resolve) => {
    void boss.work<{ n: number }>('bench-d', { batchSize: 20, pollingIntervalSeconds: 0.5 }, async (jobs) => {
      done += jobs.length;
      if (done >= JOBS) resolve();
    });
  });
  await finished;
  const drained = ms(t);
  await loadProbe.stop();
  const load = [...adapter.durations];
  console.log(
    `worked ${JOBS} jobs (batches of 20): ${drained} ms (${Math.round((JOBS / drained) * 1000)} jobs/s); ${load.length} statements, ` +
      `p50 ${pct(load, 50)} ms, p99 ${pct(load, 99)} ms, longest ${pct(load, 100)} ms; ` +
      `page query meanwhile p50 ${pct(loadProbe.waits, 50)} ms, p99 ${pct(loadProbe.waits, 99)} ms, longest ${pct(loadProbe.waits, 100)} ms; rss ${mb()} MB`,
  );
  t = performance.now();
  await boss.stop({ graceful: true, timeout: 5000 });
  console.log(`stop (graceful): ${ms(t)} ms`);
  await database.close();
}

/** The least a pg Pool must do for graphile-worker, over one in-process PGlite (queries serialised). */
async function graphileWorker() {
  const { PGlite } = await import('@electric-sql/pglite');
  const { runMigrations, run, quickAddJob } = await import('graphile-worker');
  const rss0 = mb();
  let t = performance.now();
  const pglite = await PGlite.create();
  console.log(`in-process PGlite: ${ms(t)} ms, rss ${mb()} MB (+${mb() - rss0})`);
  const durations: number[] = [];
  let chain: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = chain.then(fn, fn);
    chain = next.catch(() => undefined);
    return next;
  };
  const query = (cfg: string | { text: string; values?: unknown[] }, values?: unknown[]) =>
    exclusive(async () => {
      const text = typeof cfg === 'string' ? cfg : cfg.text;
      const vals = typeof cfg === 'string' ? values : (cfg.values ?? values);
      const t0 = performance.now();
      try {
        if (vals?.length) {
          const r = await pglite.query(text, vals as unknown[]);
          return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length };
        }
        const rs = await pglite.exec(text);
        const last = rs.at(-1);
        return { rows: last?.rows ?? [], rowCount: last?.affectedRows ?? 0 };
      } finally {
        durations.push(performance.now() - t0);
      }
    });
  class Client extends EventEmitter {
    query = query;
    release() {}
  }
  class Pool extends EventEmitter {
    query = query;
    connect(cb?: (err: Error | null, client: Client, release: () => void) => void) {
      const client = new Client();
      if (cb) {
        setImmediate(() => cb(null, client, () => undefined));
        return undefined;
      }
      return Promise.resolve(client);
    }
    end() {
      return Promise.resolve();
    }
  }
  const pgPool = new Pool() as never;
  t = performance.now();
  try {
    await runMigrations({ pgPool });
  } catch (e) {
    console.log(`graphile-worker migrations on PGlite FAILED after ${ms(t)} ms: ${(e as Error).message}`);
    await pglite.close();
    return;
  }
  console.log(
    `graphile-worker migrations: ${ms(t)} ms, ${durations.length} statements, longest ${pct(durations, 100)} ms; rss ${mb()} MB (+${mb() - rss0})`,
  );
  t = performance.now();
  for (let i = 0; i < JOBS; i++) await quickAddJob({ pgPool }, 'bench', { n: i });
  console.log(`enqueue ${JOBS} jobs one by one: ${ms(t)} ms`);
  let done = 0;
  durations.splice(0);
  t = performance.now();
  const finished = new Promise<void>((resolve) => {
    void run({
      pgPool,
      concurrency: 1,
      noHandleSignals: true,
      pollInterval: 500,
      taskList: {
        bench: async () => {
          if (++done >= JOBS) resolve();
        },
      },
    }).then(async (runner) => {
      await finished;
      await runner.stop();
    });
  });
  await finished;
  console.log(
    `worked ${JOBS} jobs: ${ms(t)} ms; ${durations.length} statements, p50 ${pct(durations, 50)} ms, longest ${pct(durations, 100)} ms; rss ${mb()} MB`,
  );
  await pglite.close();
}

if (values.lib === 'graphile-worker') await graphileWorker();
else await pgBoss();
process.exit(0);
