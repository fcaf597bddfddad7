/**
 * npm run bench:search -- [--services N] [--queries N] [--engine pglite|postgres|both] [--quick]
 *
 * Prints p50/p95/p99 latency of /oruk/services and /find on each engine at N
 * services (default 100 000): over HTTP, the application's search in-process,
 * and the hand-written oracle SQL for the same result (bench/search-oracle.ts),
 * with the ratios. Exits 1 when a search's result differs from the oracle's or
 * its SQL is much slower (see bench/search-bench.ts).
 *
 * PostgreSQL: BENCH_PG_URL, else DATABASE_URL when it is a postgres:// URL,
 * else postgres://postgres@127.0.0.1:5432/test. The benchmark creates the
 * database belong_bench there (dropping an old one) and drops it at the end.
 */
import { parseArgs } from 'node:util';
import { isPostgresUrl } from '../src/config.ts';
import type { Engine } from '../src/platform/db/database.ts';
import { failures, runSearchBenchmark } from './search-bench.ts';

const { values } = parseArgs({
  options: {
    services: { type: 'string' },
    queries: { type: 'string' },
    engine: { type: 'string', default: 'both' },
    warmup: { type: 'string' },
    quick: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help) {
  console.log('usage: npm run bench:search -- [--services 100000] [--queries 300] [--engine pglite|postgres|both] [--warmup 30] [--quick]');
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

const started = performance.now();
const results = await runSearchBenchmark({
  services: count('services', values.services, values.quick ? 2000 : 100_000),
  queries: count('queries', values.queries, values.quick ? 50 : 300),
  warmup: count('warmup', values.warmup, values.quick ? 10 : 30),
  engines,
  pgUrl,
  print: (line) => console.log(line),
});
console.log(`\nTotal time ${((performance.now() - started) / 1000).toFixed(0)} s`);
const failed = failures(results);
if (failed.length) {
  console.log(`FAILED: ${failed.length} searches differ from the oracle or are slow against it (MISMATCH / SLOW above).`);
  process.exitCode = 1;
}
