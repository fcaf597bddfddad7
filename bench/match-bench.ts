/**
 * npm run bench:match -- [--services N] [--people N] [--engine pglite|postgres|both] [--quick]
 *                         [--db NAME] [--reuse] [--record FILE] [--compare FILE]
 *
 * The matching benchmark: for each engine, a fresh database with N
 * synthetic services (default 100 000, the search benchmark's bulk load),
 * then `matchServices` for each of 1,000 different people (bench/match-people.ts),
 * one after another, timed in-process; prints p50/p95/p99 per engine.
 *
 * PostgreSQL: BENCH_PG_URL, else BELONG_TEST_PG_URL, else
 * postgres://postgres@127.0.0.1:5432/test. The benchmark creates the
 * database belong_match_bench there (dropping an old one), and drops it at
 * the end, so it never touches the tests' or the search benchmark's databases.
 * `--db NAME` names another database (and PGlite folder); with `--reuse` it
 * is kept after the run and reused by the next one holding as many services
 * (match-bench-database.ts), which saves the bulk load.
 *
 * Same results: `--record FILE` writes each person's outcome (the suggested
 * service ids in order, their scores and reasons, nothing fits, what each
 * rule ruled out) per engine; `--compare FILE` checks a run against such a
 * file (e.g. one recorded before a change to the matcher) and exits with 1
 * if any person's outcome differs. The bulk load's ids are sequential, so
 * the same --services gives the same ids on every load.
 */
import { openMatchBenchDatabase } from './match-bench-database.ts';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { bulkLoadServices } from '../src/modules/demo/bulk-load.ts';
import { ensureVocabulary } from '../src/modules/directory/vocabulary.repository.ts';
import { matchServices, type MatchResult } from '../src/modules/matching/match.service.ts';
import { type Engine } from '../src/platform/db/database.ts';
import { benchPeople } from './match-people.ts';
import { percentile } from './search-bench.ts';

const DB_NAME = 'belong_match_bench';

export interface MatchBenchResult {
  engine: Engine;
  services: number;
  people: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  unmet: number;
  meanSuggestions: number;
  /** Each person's outcome, in order (for --record / --compare). */
  outcomes: string[];
}

/** A person's outcome as one comparable line. */
export function outcomeOf(r: MatchResult): string {
  return JSON.stringify({
    ids: r.suggestions.map((s) => s.serviceId),
    scores: r.suggestions.map((s) => s.score),
    reasons: r.suggestions.map((s) => s.reasons),
    distances: r.suggestions.map((s) => s.distanceMetres),
    unmet: r.unmet,
    ruledOut: r.ruledOut,
  });
}

export async function runMatchBenchmark(opts: {
  services: number;
  people: number;
  engines: Engine[];
  pgUrl: string;
  print: (l: string) => void;
  /** Database (and PGlite folder) name; default belong_match_bench. */
  dbName?: string;
  /** Keep the database and reuse it when it already holds the services. */
  reuse?: boolean;
}): Promise<MatchBenchResult[]> {
  const { print } = opts;
  const people = benchPeople(opts.people, 2026);
  const warmup = benchPeople(Math.min(50, opts.people), 7);
  const now = new Date('2026-03-10T12:00:00Z');
  print(
    `Belong matching benchmark: ${opts.services} services, ${opts.people} people, engines: ${opts.engines.join(', ')} (${os.cpus().length} CPUs, Node ${process.version})`,
  );
  const results: MatchBenchResult[] = [];
  for (const engine of opts.engines) {
    const name = opts.dbName ?? DB_NAME;
    print(`\n[${engine}] opening ${opts.reuse ? 'the kept' : 'a fresh'} database ${name}`);
    const bench = await openMatchBenchDatabase(engine, opts.pgUrl, name, { reuse: opts.reuse ?? false, services: opts.services });
    try {
      const db = bench.database.db;
      let services = opts.services;
      if (bench.loaded) print(`[${engine}] reusing the ${services} services already loaded`);
      else {
        await ensureVocabulary(db);
        const load = await bulkLoadServices(db, { services: opts.services, dropIndexes: true, today: '2026-03-10' });
        services = load.services;
        print(
          `[${engine}] loaded ${load.services} services (${load.rows} rows) in ${((load.loadMs + load.indexMs + load.analyzeMs) / 1000).toFixed(1)} s`,
        );
      }
      for (const p of warmup) await matchServices(db, p, { now });
      const times: number[] = [];
      let unmet = 0;
      let suggestions = 0;
      const outcomes: string[] = [];
      for (let i = 0; i < people.length; i++) {
        const t0 = performance.now();
        const r = await matchServices(db, people[i]!, { now });
        times.push(performance.now() - t0);
        outcomes.push(outcomeOf(r));
        if (r.unmet) unmet++;
        suggestions += r.suggestions.length;
        if ((i + 1) % 250 === 0) print(`[${engine}]   ${i + 1}/${people.length} people matched`);
      }
      results.push({
        engine,
        services,
        people: people.length,
        p50: percentile(times, 50),
        p95: percentile(times, 95),
        p99: percentile(times, 99),
        mean: times.reduce((a, b) => a + b, 0) / times.length,
        unmet,
        meanSuggestions: suggestions / people.length,
        outcomes,
      });
    } finally {
      await bench.dispose();
    }
  }
  const f = (n: number) => n.toFixed(1).padStart(7);
  print('');
  print('Matching latency per person, matchServices in-process (ms):');
  print('engine    services  people      p50      p95      p99     mean  nothing fits  suggestions/person');
  for (const r of results) {
    print(
      `${r.engine.padEnd(8)} ${String(r.services).padStart(9)} ${String(r.people).padStart(7)}  ${f(r.p50)}  ${f(r.p95)}  ${f(r.p99)}  ${f(r.mean)}  ${String(r.unmet).padStart(12)}  ${r.meanSuggestions.toFixed(2).padStart(18)}`,
    );
  }
  return results;
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname);
if (isMain) {
  const { values } = parseArgs({
    options: {
      services: { type: 'string' },
      people: { type: 'string' },
      engine: { type: 'string', default: 'both' },
      quick: { type: 'boolean', default: false },
      db: { type: 'string' },
      reuse: { type: 'boolean', default: false },
      record: { type: 'string' },
      compare: { type: 'string' },
    },
  });
  const count = (name: string, v: string | undefined, fallback: number) => {
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) {
      console.error(`--${name} must be a whole number above 0 (got "${v}").`);
      process.exit(2);
    }
    return n;
  };
  const engines: Engine[] | null =
    values.engine === 'both' ? ['pglite', 'postgres'] : values.engine === 'pglite' || values.engine === 'postgres' ? [values.engine] : null;
  if (!engines) {
    console.error(`--engine must be pglite, postgres or both (got "${values.engine}").`);
    process.exit(2);
  }
  const pgUrl = process.env.BENCH_PG_URL ?? process.env.BELONG_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const started = performance.now();
  if (values.db !== undefined && !/^[a-z_][a-z0-9_]*$/.test(values.db)) {
    console.error(`--db must be a database name of lower-case letters, digits and _ (got "${values.db}").`);
    process.exit(2);
  }
  const results = await runMatchBenchmark({
    services: count('services', values.services, values.quick ? 2000 : 100_000),
    people: count('people', values.people, values.quick ? 50 : 1000),
    engines,
    pgUrl,
    print: (l) => console.log(l),
    ...(values.db !== undefined ? { dbName: values.db } : {}),
    reuse: values.reuse,
  });
  console.log(`\nTotal time ${((performance.now() - started) / 1000).toFixed(0)} s`);
  if (values.record) {
    const recorded = Object.fromEntries(results.map((r) => [r.engine, r.outcomes]));
    fs.writeFileSync(values.record, JSON.stringify(recorded));
    console.log(`Recorded each person's outcome in ${values.record}`);
  }
  if (values.compare) {
    const recorded = JSON.parse(fs.readFileSync(values.compare, 'utf8')) as Partial<Record<Engine, string[]>>;
    let differ = 0;
    for (const r of results) {
      const before = recorded[r.engine] ?? Object.values(recorded)[0];
      if (!before) continue;
      const n = Math.min(before.length, r.outcomes.length);
      const changed = r.outcomes.slice(0, n).filter((o, i) => o !== before[i]).length;
      differ += changed;
      console.log(`[${r.engine}] compared ${n} people with ${values.compare}: ${changed === 0 ? 'all the same' : `${changed} differ`}`);
    }
    if (differ) process.exit(1);
  }
}
