/**
 * The directory search benchmark: how fast `/oruk/services` and `/find`
 * answer at scale, on PGlite and on PostgreSQL, against the best SQL we could
 * write by hand for the same result (bench/search-oracle.ts).
 *
 * For each engine: a fresh database, a bulk load of N synthetic services,
 * the real application (createApp + @hono/node-server on 127.0.0.1), then
 * each search of two mixes (search-queries.ts: ORUK searches, and /find
 * searches by place, words and filters), one after another, three ways:
 *   1. HTTP: GET /oruk/services?… (JSON) or GET /find?… (the HTML page), over
 *      loopback: parsing, search, records, mapping or rendering, HTTP;
 *   2. app SQL: the application's own search in-process (`searchServices`
 *      for ORUK; `findPage` for /find), no HTTP;
 *   3. oracle: the hand-written SQL of search-oracle.ts for the same total
 *      and page.
 * Every search's total and page of ids are checked equal between the
 * application and the oracle; a difference is printed as a MISMATCH and makes
 * the run fail (exit code 1), as does a search whose app SQL takes more than
 * `SLOW_RATIO` times the oracle's (and more than `SLOW_FLOOR_MS`) in the best
 * of four timings of each: the benchmark can fail. Times are in-process performance.now().
 */
import os from 'node:os';
import { serve, type ServerType } from '@hono/node-server';
import { CompiledQuery, type Kysely } from 'kysely';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { bulkLoadServices, type BulkLoadResult } from '../src/modules/demo/bulk-load.ts';
import { bulkNeighbourhoods } from '../src/modules/demo/bulk-places.ts';
import { postcodeIn } from '../src/modules/demo/demo-places.ts';
import { createRng } from '../src/modules/demo/prng.ts';
import { searchServices } from '../src/modules/directory/service-search.repository.ts';
import { parseServiceSearch, type ServiceSearchParams } from '../src/modules/directory/service-search.ts';
import { ensureVocabulary } from '../src/modules/directory/vocabulary.repository.ts';
import { parseFindUrl, toSearchParams } from '../src/modules/find/find-query.ts';
import { resolvePlace } from '../src/modules/find/find-place.ts';
import { findPage, PER_PAGE } from '../src/modules/find/find-search.ts';
import { localNow } from '../src/modules/find/find-when.ts';
import { lookupPlace } from '../src/modules/geo/postcodes.ts';
import { type Database, type Engine } from '../src/platform/db/database.ts';
import type { DB } from '../src/platform/db/schema.ts';
import { createLogger } from '../src/platform/log.ts';
import { openBenchDatabase } from './bench-database.ts';
import { oracleSearch, type OracleResult } from './search-oracle.ts';
import { buildFindMix, buildQueryMix, queryString, type BenchQuery, type FindQueryCase } from './search-queries.ts';

/** A search is flagged SLOW when the application's SQL takes more than this many times the oracle's… */
export const SLOW_RATIO = 3;
/** …and more than this many milliseconds (below it, noise and round trips dominate). */
export const SLOW_FLOOR_MS = 20;

export interface BenchOptions {
  services: number;
  /** Searches of /oruk/services, and as many of /find. */
  queries: number;
  engines: Engine[];
  /** Searches (from a different seed) run before measuring. */
  warmup: number;
  /** A PostgreSQL URL the benchmark may create and drop the database `belong_bench` through. */
  pgUrl: string;
  print: (line: string) => void;
}

export interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
}

/** One endpoint's figures on one engine. */
export interface EndpointResult {
  http: Percentiles;
  app: Percentiles;
  oracle: Percentiles;
  /** p50 per kind of search: [n, http, app, oracle]. */
  byKind: Record<string, { n: number; http: number; app: number; oracle: number }>;
  /** Searches whose total or page differed between the application and the oracle. */
  mismatches: string[];
  /** Searches whose app SQL took more than SLOW_RATIO × the oracle (and SLOW_FLOOR_MS). */
  slow: string[];
  /** The slowest searches in app SQL, slowest first. */
  slowest: { query: string; http: number; app: number; oracle: number; total: number }[];
}

export interface EngineResult {
  engine: Engine;
  services: number;
  load: BulkLoadResult;
  dbBytes: number;
  oruk: EndpointResult;
  find: EndpointResult;
}

/** Nearest-rank percentile of numbers (sorted inside). */
export function percentile(values: readonly number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const percentiles = (v: readonly number[]): Percentiles => ({ p50: percentile(v, 50), p95: percentile(v, 95), p99: percentile(v, 99) });

/** Postcodes and outward codes around the loaded districts that the app's lookup knows. */
function knownPostcodes(): string[] {
  const rng = createRng(99);
  const codes: string[] = [];
  for (const nb of bulkNeighbourhoods()) {
    codes.push(nb.outward);
    codes.push(postcodeIn(rng, nb.outward, nb.sectors));
  }
  return codes.filter((c) => lookupPlace(c) !== null);
}

const ms = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

async function startServer(database: Database): Promise<{ base: string; server: ServerType }> {
  const app = createApp({ config: loadConfig({ LOG_LEVEL: 'silent', DEMO_DATA: 'off' }), database, log: createLogger('silent') });
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info) => {
      resolve({ base: `http://127.0.0.1:${info.port}`, server });
    });
  });
}

/** One search to time three ways. */
interface Case {
  kind: string;
  /** For printing. */
  label: string;
  /** The HTTP request; returns the total and page it showed when it can read them (ORUK's JSON), else null. */
  http: () => Promise<OracleResult | null>;
  /** The application's search in-process: total and page. */
  app: () => Promise<OracleResult>;
  oracle: () => Promise<OracleResult>;
}

function orukCase(db: Kysely<DB>, base: string, q: BenchQuery): Case {
  const parsed = parseServiceSearch(q.params, { lookupPlace });
  if (!parsed.ok) throw new Error(`Benchmark query ${queryString(q)} is not valid: ${parsed.errors.join(' ')}`);
  const p = parsed.value;
  const qs = queryString(q);
  return {
    kind: q.kind,
    label: `/oruk/services?${decodeURIComponent(qs)}`,
    http: async () => {
      const res = await fetch(`${base}/oruk/services?${qs}`);
      const body = (await res.json()) as { total_items?: number; contents?: { id: string }[]; message?: string };
      if (res.status !== 200) throw new Error(`GET /oruk/services?${qs} gave ${res.status}: ${body.message ?? ''}`);
      return { total: Number(body.total_items), ids: (body.contents ?? []).map((c) => c.id) };
    },
    app: async () => {
      const r = await searchServices(db, p);
      return { total: r.total, ids: r.ids };
    },
    oracle: () => oracleSearch(db, p),
  };
}

async function findCase(db: Kysely<DB>, base: string, q: FindQueryCase, now: Date): Promise<Case> {
  const qs = new URLSearchParams(q.params).toString();
  const { query, problems } = parseFindUrl(qs);
  const resolved = await resolvePlace(db, query.where, lookupPlace);
  if (problems.length || !resolved.ok) throw new Error(`Benchmark search /find?${qs} is not valid.`);
  const place = resolved.place;
  const p: ServiceSearchParams = toSearchParams(query, place, { today: localNow(now).date, page: query.page, perPage: PER_PAGE });
  return {
    kind: q.kind,
    label: `/find?${decodeURIComponent(qs)}`,
    http: async () => {
      const res = await fetch(`${base}/find?${qs}`);
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`GET /find?${qs} gave ${res.status}`);
      return null;
    },
    app: async () => {
      const r = await findPage(db, query, place, now);
      return { total: r.total, ids: r.ids };
    },
    oracle: () => oracleSearch(db, p),
  };
}

const isSlow = (app: number, oracle: number) => app > SLOW_RATIO * oracle && app > SLOW_FLOOR_MS;

const same = (a: OracleResult, b: OracleResult) => a.total === b.total && a.ids.join() === b.ids.join();

async function timeCases(engine: Engine, name: string, cases: Case[], print: (line: string) => void): Promise<EndpointResult> {
  const http: number[] = [];
  const app: number[] = [];
  const oracle: number[] = [];
  const kinds = new Map<string, { http: number[]; app: number[]; oracle: number[] }>();
  const mismatches: string[] = [];
  const slow: string[] = [];
  const timed: EndpointResult['slowest'] = [];
  const orders = [
    ['http', 'app', 'oracle'],
    ['oracle', 'http', 'app'],
    ['app', 'oracle', 'http'],
  ] as const;
  for (let i = 0; i < cases.length; i++) {
    const c = cases[i]!;
    const t = { http: 0, app: 0, oracle: 0 };
    const got: { http: OracleResult | null; app?: OracleResult; oracle?: OracleResult } = { http: null };
    // Rotate which goes first, so none always meets a warmer cache.
    for (const which of orders[i % 3]!) {
      const t0 = performance.now();
      const r = await c[which]();
      t[which] = performance.now() - t0;
      if (which === 'http') got.http = r;
      else got[which] = r as OracleResult;
    }
    const expected = got.oracle!;
    if (!same(got.app!, expected) || (got.http && !same(got.http, expected)))
      mismatches.push(
        `${c.label}: app ${got.app!.total} [${got.app!.ids.slice(0, 3).join(' ')}…], oracle ${expected.total} [${expected.ids.slice(0, 3).join(' ')}…]`,
      );
    if (isSlow(t.app, t.oracle)) {
      // One slow sample may be noise (other work on the machine): timed three more times each, the best kept.
      let [bestApp, bestOracle] = [t.app, t.oracle];
      for (let n = 0; n < 3; n++) {
        let t0 = performance.now();
        await c.app();
        bestApp = Math.min(bestApp, performance.now() - t0);
        t0 = performance.now();
        await c.oracle();
        bestOracle = Math.min(bestOracle, performance.now() - t0);
      }
      if (isSlow(bestApp, bestOracle)) slow.push(`${c.label}: app SQL ${ms(bestApp)} ms, oracle ${ms(bestOracle)} ms (best of 4)`);
    }
    timed.push({ query: c.label, ...t, total: expected.total });
    http.push(t.http);
    app.push(t.app);
    oracle.push(t.oracle);
    const k = kinds.get(c.kind) ?? { http: [], app: [], oracle: [] };
    k.http.push(t.http);
    k.app.push(t.app);
    k.oracle.push(t.oracle);
    kinds.set(c.kind, k);
    if ((i + 1) % 50 === 0 || i + 1 === cases.length) print(`[${engine}]   ${name}: ${i + 1}/${cases.length} searches timed`);
  }
  const byKind: EndpointResult['byKind'] = {};
  for (const [kind, v] of kinds)
    byKind[kind] = { n: v.http.length, http: percentile(v.http, 50), app: percentile(v.app, 50), oracle: percentile(v.oracle, 50) };
  return {
    http: percentiles(http),
    app: percentiles(app),
    oracle: percentiles(oracle),
    byKind,
    mismatches,
    slow,
    slowest: timed.sort((a, b) => b.app - a.app).slice(0, 5),
  };
}

interface Mixes {
  oruk: BenchQuery[];
  find: FindQueryCase[];
  warmOruk: BenchQuery[];
  warmFind: FindQueryCase[];
}

async function benchEngine(engine: Engine, opts: BenchOptions, mixes: Mixes): Promise<EngineResult> {
  const { print } = opts;
  print(`\n[${engine}] opening a fresh database`);
  const bench = await openBenchDatabase(engine, opts.pgUrl, process.env.BENCH_DB_NAME ?? 'belong_bench', 'search benchmark');
  let server: ServerType | undefined;
  try {
    const { database } = bench;
    const db = database.db;
    await ensureVocabulary(db);
    print(`[${engine}] loading ${opts.services} services`);
    const step = Math.max(1, Math.round(opts.services / 10));
    let nextReport = step;
    const load = await bulkLoadServices(db, {
      services: opts.services,
      dropIndexes: true,
      servicesPerTransaction: Math.min(5000, Math.max(500, step)),
      onProgress: (done, total) => {
        if (done >= nextReport || done === total) {
          print(`[${engine}]   ${done}/${total} services written`);
          nextReport = done + step;
        }
      },
    });
    print(
      `[${engine}] loaded ${load.rows} rows in ${(load.loadMs / 1000).toFixed(1)} s, ` +
        `indexes rebuilt in ${(load.indexMs / 1000).toFixed(1)} s, ANALYZE ${(load.analyzeMs / 1000).toFixed(1)} s`,
    );
    const size = await db.executeQuery<{ bytes: string }>(CompiledQuery.raw('select pg_database_size(current_database())::text as bytes'));
    const dbBytes = Number(size.rows[0]!.bytes);

    const started = await startServer(database);
    server = started.server;
    const { base } = started;
    const now = new Date();
    const orukCases = mixes.oruk.map((q) => orukCase(db, base, q));
    const findCases = await Promise.all(mixes.find.map((q) => findCase(db, base, q, now)));
    const warm = [
      ...mixes.warmOruk.map((q) => orukCase(db, base, q)),
      ...(await Promise.all(mixes.warmFind.map((q) => findCase(db, base, q, now)))),
    ];
    print(`[${engine}] warming up with ${warm.length} other searches`);
    for (const c of warm) {
      await c.http();
      await c.app();
      await c.oracle();
    }
    const oruk = await timeCases(engine, '/oruk/services', orukCases, print);
    const find = await timeCases(engine, '/find', findCases, print);
    return { engine, services: load.services, load, dbBytes, oruk, find };
  } finally {
    if (server) await new Promise<void>((resolve) => server!.close(() => resolve()));
    await bench.dispose();
  }
}

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  '));
}

const x = (a: number, b: number) => `${(a / b).toFixed(2)}x`;

/** The results as printed lines. */
export function formatResults(results: EngineResult[], opts: Pick<BenchOptions, 'queries'>): string[] {
  const lines: string[] = [];
  lines.push('');
  lines.push(`Search latency, ${opts.queries} searches per endpoint and engine, one at a time (ms):`);
  const endpoints = [
    ['/oruk/services', 'oruk'],
    ['/find', 'find'],
  ] as const;
  lines.push(
    ...table([
      [
        'endpoint',
        'engine',
        'services',
        'DB size',
        'HTTP p50',
        'p95',
        'p99',
        'app SQL p50',
        'p95',
        'p99',
        'oracle p50',
        'p95',
        'p99',
        'app/oracle p50',
        'p95',
        'HTTP/oracle p50',
      ],
      ...endpoints.flatMap(([label, key]) =>
        results.map((r) => {
          const e = r[key];
          return [
            label,
            r.engine,
            String(r.services),
            mb(r.dbBytes),
            ms(e.http.p50),
            ms(e.http.p95),
            ms(e.http.p99),
            ms(e.app.p50),
            ms(e.app.p95),
            ms(e.app.p99),
            ms(e.oracle.p50),
            ms(e.oracle.p95),
            ms(e.oracle.p99),
            x(e.app.p50, e.oracle.p50),
            x(e.app.p95, e.oracle.p95),
            x(e.http.p50, e.oracle.p50),
          ];
        }),
      ),
    ]),
  );
  lines.push('');
  lines.push('Median by kind of search, HTTP / app SQL / oracle (ms):');
  for (const [, key] of endpoints) {
    const kinds = [...new Set(results.flatMap((r) => Object.keys(r[key].byKind)))];
    lines.push(
      ...table([
        ['kind', ...results.map((r) => r.engine)],
        ...kinds.map((k) => [
          `${k} (${results[0]?.[key].byKind[k]?.n ?? 0})`,
          ...results.map((r) => {
            const v = r[key].byKind[k];
            return v ? `${ms(v.http)} / ${ms(v.app)} / ${ms(v.oracle)}` : '-';
          }),
        ]),
      ]),
    );
  }
  for (const r of results) {
    lines.push('');
    lines.push(
      `Load on ${r.engine}: ${(r.load.loadMs / 1000).toFixed(1)} s, indexes and ANALYZE ${((r.load.indexMs + r.load.analyzeMs) / 1000).toFixed(1)} s.`,
    );
    for (const [label, key] of endpoints) {
      lines.push(`Slowest ${label} searches on ${r.engine} (app SQL ms, oracle ms, HTTP ms, matches):`);
      for (const s of r[key].slowest)
        lines.push(
          `  ${ms(s.app).padStart(6)} ${ms(s.oracle).padStart(6)} ${ms(s.http).padStart(6)} ${String(s.total).padStart(6)}  ${s.query}`,
        );
    }
  }
  for (const r of results)
    for (const [label, key] of endpoints) {
      for (const m of r[key].mismatches) lines.push(`MISMATCH ${r.engine} ${label}: ${m}`);
      for (const s of r[key].slow) lines.push(`SLOW ${r.engine} ${label}: ${s}`);
    }
  lines.push('');
  lines.push("HTTP = the request over loopback, body read (/oruk JSON; /find the HTML page). App SQL = the application's own");
  lines.push('search in-process (searchServices; for /find, findPage, the search of the page). Oracle = the');
  lines.push('hand-written SQL of bench/search-oracle.ts for the same total and page, checked equal for every search.');
  lines.push(`SLOW = app SQL above ${SLOW_RATIO}x the oracle and above ${SLOW_FLOOR_MS} ms, in the best of four timings of each.`);
  lines.push('Each search is timed once each way,');
  lines.push('rotating which goes first, after a warm-up with other searches.');
  return lines;
}

/** Mismatches and slow searches in all results: the run fails when there is any. */
export const failures = (results: EngineResult[]) =>
  results.flatMap((r) => [...r.oruk.mismatches, ...r.oruk.slow, ...r.find.mismatches, ...r.find.slow]);

/** Run the benchmark on each engine in turn; prints progress and the results table. */
export async function runSearchBenchmark(opts: BenchOptions): Promise<EngineResult[]> {
  const postcodes = knownPostcodes();
  const mixes: Mixes = {
    oruk: buildQueryMix(opts.queries, postcodes, 42),
    find: buildFindMix(opts.queries, postcodes, 43),
    warmOruk: buildQueryMix(opts.warmup, postcodes, 7),
    warmFind: buildFindMix(opts.warmup, postcodes, 8),
  };
  opts.print(
    `Belong search benchmark: ${opts.services} services, ${opts.queries} searches of /oruk/services and of /find, engines: ${opts.engines.join(', ')} ` +
      `(${os.cpus().length} CPUs, Node ${process.version})`,
  );
  const results: EngineResult[] = [];
  for (const engine of opts.engines) {
    const t0 = performance.now();
    results.push(await benchEngine(engine, opts, mixes));
    opts.print(`[${engine}] done in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  }
  for (const line of formatResults(results, opts)) opts.print(line);
  return results;
}
