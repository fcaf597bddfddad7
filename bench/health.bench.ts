/**
 * npm run bench:health -- [--engine pglite|postgres|both] [--requests N] [--rows N] [--quick]
 *
 * Prints how fast GET /health answers over HTTP with the database idle and
 * while a long (multi-second) query runs, on each engine: p50/p95/max in ms
 * and what it answered. See bench/health-bench.ts.
 *
 * PostgreSQL: BENCH_PG_URL, else DATABASE_URL when it is a postgres:// URL,
 * else postgres://postgres@127.0.0.1:5432/test. The benchmark creates the
 * database belong_bench_health there and drops it at the end.
 */
import { parseArgs } from 'node:util';
import { isPostgresUrl } from '../src/config.ts';
import type { Engine } from '../src/platform/db/database.ts';
import { runHealthBenchmark } from './health-bench.ts';

const { values } = parseArgs({
  options: {
    engine: { type: 'string', default: 'pglite' },
    requests: { type: 'string' },
    rows: { type: 'string' },
    quick: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help) {
  console.log('usage: npm run bench:health -- [--engine pglite|postgres|both] [--requests 200] [--rows 12000000] [--quick]');
  process.exit(0);
}

function count(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) {
    console.error(`--${name} must be a whole number above 0 (got "${value}").`);
    process.exit(2);
  }
  return n;
}

const engines: Engine[] | null =
  values.engine === 'both' ? ['pglite', 'postgres'] : values.engine === 'pglite' || values.engine === 'postgres' ? [values.engine] : null;
if (!engines) {
  console.error(`--engine must be pglite, postgres or both (got "${values.engine}").`);
  process.exit(2);
}

const envUrl = process.env.DATABASE_URL;
const pgUrl = process.env.BENCH_PG_URL ?? (envUrl && isPostgresUrl(envUrl) ? envUrl : 'postgres://postgres@127.0.0.1:5432/test');

await runHealthBenchmark({
  engines,
  requests: count('requests', values.requests, values.quick ? 20 : 200),
  slowRows: count('rows', values.rows, values.quick ? 3_000_000 : 12_000_000),
  pgUrl,
  print: (line) => console.log(line),
});
