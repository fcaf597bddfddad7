/**
 * How fast GET /health answers, over HTTP: with the database idle, and while
 * a query of several seconds runs (on the embedded database that query
 * occupies its worker thread; /health must still answer at once, saying
 * `busy`). Prints the figures; asserts nothing about them — the behaviour
 * (it answers before the long query ends) is tested in
 * src/platform/health/health.int.test.ts.
 */
import { openBenchDatabase } from './bench-database.ts';
import { serve, type ServerType } from '@hono/node-server';
import { sql } from 'kysely';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { type Engine } from '../src/platform/db/database.ts';
import { createLogger } from '../src/platform/log.ts';
import { percentile } from './search-bench.ts';

export interface HealthBenchOptions {
  engines: Engine[];
  /** Requests per measurement. */
  requests: number;
  /** Rows the long query counts through (CPU-bound, a few seconds at the default). */
  slowRows: number;
  pgUrl: string;
  print: (line: string) => void;
}

export interface HealthFigures {
  engine: Engine;
  idle: number[];
  duringSlow: number[];
  states: Record<string, number>;
  slowMs: number;
  /** Requests answered after the long query had ended (should be none). */
  late: number;
}

async function timedHealth(base: string): Promise<{ ms: number; state: string }> {
  const t0 = performance.now();
  const res = await fetch(`${base}/health`);
  const body = (await res.json()) as { database: { state: string } };
  return { ms: performance.now() - t0, state: `${res.status} ${body.database.state}` };
}

export async function measureHealth(engine: Engine, opts: Omit<HealthBenchOptions, 'engines' | 'print'>): Promise<HealthFigures> {
  const { database, dispose } = await openBenchDatabase(engine, opts.pgUrl, 'belong_bench_health', 'health benchmark');
  let server: ServerType | undefined;
  try {
    const app = createApp({ config: loadConfig({}), database, log: createLogger('silent') });
    const base = await new Promise<string>((resolve) => {
      server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info) => resolve(`http://127.0.0.1:${info.port}`));
    });
    for (let i = 0; i < 5; i++) await timedHealth(base); // warm up
    const idle: number[] = [];
    for (let i = 0; i < opts.requests; i++) idle.push((await timedHealth(base)).ms);

    let ended = false;
    const slowStarted = performance.now();
    const slow = sql`select count(*) from generate_series(1, ${opts.slowRows}::int) g where g % 7 = 3`.execute(database.db).then(() => {
      ended = true;
      return performance.now() - slowStarted;
    });
    // Let the query get going (on PGlite, until the worker reports it busy).
    while (engine === 'pglite' && database.status().busyForMs < 100 && !ended) await new Promise((r) => setTimeout(r, 5));
    const duringSlow: number[] = [];
    const states: Record<string, number> = {};
    let late = 0;
    for (let i = 0; i < opts.requests && !ended; i++) {
      const r = await timedHealth(base);
      if (ended) late++;
      else duringSlow.push(r.ms);
      states[r.state] = (states[r.state] ?? 0) + 1;
    }
    const slowMs = await slow;
    return { engine, idle, duringSlow, states, slowMs, late };
  } finally {
    server?.close();
    await dispose();
  }
}

const fmt = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '-');

export async function runHealthBenchmark(opts: HealthBenchOptions): Promise<HealthFigures[]> {
  const results: HealthFigures[] = [];
  opts.print(`GET /health over HTTP, ${opts.requests} requests each; long query: count over ${opts.slowRows.toLocaleString('en-GB')} rows`);
  opts.print('');
  opts.print('engine    when                 n   p50 ms   p95 ms   max ms   answers');
  for (const engine of opts.engines) {
    const f = await measureHealth(engine, opts);
    results.push(f);
    const row = (when: string, v: number[], answers: string) =>
      opts.print(
        `${engine.padEnd(9)} ${when.padEnd(18)} ${String(v.length).padStart(4)} ${fmt(percentile(v, 50)).padStart(9)} ${fmt(percentile(v, 95)).padStart(8)} ${fmt(Math.max(...v)).padStart(8)}   ${answers}`,
      );
    row('idle', f.idle, '200 ok');
    row(
      'during long query',
      f.duringSlow,
      Object.entries(f.states)
        .map(([s, n]) => `${s}×${n}`)
        .join(', '),
    );
    opts.print(`${''.padEnd(9)} the long query took ${(f.slowMs / 1000).toFixed(1)} s; answers after it ended: ${f.late}`);
  }
  return results;
}
