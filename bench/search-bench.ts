/**
 * The directory search benchmark: how fast `/oruk/services` answers at scale,
 * on PGlite and on PostgreSQL, and how much of that is the database.
 *
 * For each engine: a fresh database, a bulk load of N synthetic services,
 * the real application (createApp + @hono/node-server on 127.0.0.1), then the
 * same mix of searches run one after another
 *   1. over HTTP against /oruk/services?… (parse, search, page load, mapping,
 *      JSON, HTTP on loopback), and
 *   2. as raw SQL: the count and page statements the endpoint sends, compiled
 *      beforehand from `serviceSearchQuery` and sent through the same
 *      connection pool with `db.executeQuery`, by the same runner as
 *      `searchServices` (`runSearch`: the page alone when it carries the
 *      total, else count and page; inside a read-only transaction after
 *      `SEARCH_SETTINGS_SQL`),
 *      then the summary page load for the ids found (`loadServiceSummaries`:
 *      two small queries by id, built by the repository as the endpoint does;
 *      building them costs microseconds).
 * Both are timed in-process with performance.now(). The ratio HTTP/raw at a
 * percentile is the application's overhead on top of the database.
 */
import { openBenchDatabase } from './bench-database.ts';
import os from 'node:os';
import { serve, type ServerType } from '@hono/node-server';
import { CompiledQuery, type Kysely, type Transaction } from 'kysely';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { bulkLoadServices, type BulkLoadResult } from '../src/modules/demo/bulk-load.ts';
import { bulkNeighbourhoods } from '../src/modules/demo/bulk-places.ts';
import { postcodeIn } from '../src/modules/demo/demo-places.ts';
import { createRng } from '../src/modules/demo/prng.ts';
import { loadServiceSummaries } from '../src/modules/directory/service-read.repository.ts';
import type { Executor } from '../src/platform/db/executor.ts';
import { runSearch, SEARCH_SETTINGS_SQL, serviceSearchQuery } from '../src/modules/directory/service-search.repository.ts';
import { parseServiceSearch } from '../src/modules/directory/service-search.ts';
import { ensureVocabulary } from '../src/modules/directory/vocabulary.repository.ts';
import { lookupPlace } from '../src/modules/geo/postcodes.ts';
import { type Database, type Engine } from '../src/platform/db/database.ts';
import type { DB } from '../src/platform/db/schema.ts';
import { createLogger } from '../src/platform/log.ts';
import { buildQueryMix, queryString, type BenchQuery, type QueryKind } from './search-queries.ts';

export interface BenchOptions {
  services: number;
  queries: number;
  engines: Engine[];
  /** Searches (from a different seed) run before measuring, after each query has been planned once. */
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

export interface EngineResult {
  engine: Engine;
  services: number;
  load: BulkLoadResult;
  dbBytes: number;
  http: Percentiles;
  raw: Percentiles;
  /** HTTP ÷ raw at each percentile. */
  ratio: Percentiles;
  /** p50 per kind of query: [http, raw]. */
  byKind: Partial<Record<QueryKind, { n: number; http: number; raw: number }>>;
  /** Searches whose HTTP total differed from the raw count (should be 0). */
  mismatches: number;
  /** The slowest searches in raw SQL, slowest first. */
  slowest: { query: string; http: number; raw: number; total: number }[];
}

/** Nearest-rank percentile of numbers (sorted inside). */
export function percentile(values: readonly number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const percentiles = (v: readonly number[]): Percentiles => ({ p50: percentile(v, 50), p95: percentile(v, 95), p99: percentile(v, 99) });

// ---------------------------------------------------------------------------
// Databases
// ---------------------------------------------------------------------------

// ---------------------------------------------------------------------------
// Raw SQL plans
// ---------------------------------------------------------------------------

interface RawPlan {
  /** Count and page, as `serviceSearchQuery` builds them for `searchServices`. */
  search: [count: CompiledQuery<{ total: number }>, page: CompiledQuery<{ id: string; distance_m: number | null; total?: string | null }>];
  /** The page rows carry the total, so the count only runs when the page is empty. */
  pageCounts: boolean;
  page: number;
}

function planRaw(db: Kysely<DB>, q: BenchQuery): RawPlan {
  const parsed = parseServiceSearch(q.params, { lookupPlace });
  if (!parsed.ok) throw new Error(`Benchmark query ${queryString(q)} is not valid: ${parsed.errors.join(' ')}`);
  const p = parsed.value;
  const { count, page, pageCounts } = serviceSearchQuery(db, p);
  return { search: [count.compile(), page.compile()], pageCounts, page: p.page };
}

/** Run a plan, then load the page's summaries; returns the count the search found. */
async function runRaw(db: Kysely<DB>, plan: RawPlan): Promise<number> {
  const [count, page] = plan.search;
  // As `searchServices` does: in a read-only transaction after the search
  // settings, through the same runner (the page alone when it carries the
  // total, else count then page), with the statements compiled beforehand.
  const run = (ex: Executor) =>
    runSearch(
      ex,
      {
        page: { execute: async () => (await ex.executeQuery(page)).rows },
        count: { executeTakeFirstOrThrow: async () => (await ex.executeQuery(count)).rows[0]! },
        pageCounts: plan.pageCounts,
      },
      plan.page,
    );
  const found = await db
    .transaction()
    .setAccessMode('read only')
    .execute(async (trx: Transaction<DB>) => {
      await trx.executeQuery(CompiledQuery.raw(SEARCH_SETTINGS_SQL));
      return run(trx);
    });
  await loadServiceSummaries(db, found.ids);
  return found.total;
}

// ---------------------------------------------------------------------------
// The run
// ---------------------------------------------------------------------------

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

async function httpSearch(base: string, q: BenchQuery): Promise<number> {
  const res = await fetch(`${base}/oruk/services?${queryString(q)}`);
  const body = (await res.json()) as { total_items?: number; message?: string };
  if (res.status !== 200) throw new Error(`GET /oruk/services?${queryString(q)} gave ${res.status}: ${body.message ?? ''}`);
  return Number(body.total_items);
}

async function benchEngine(engine: Engine, opts: BenchOptions, mix: BenchQuery[], warmup: BenchQuery[]): Promise<EngineResult> {
  const { print } = opts;
  print(`\n[${engine}] opening a fresh database`);
  const bench = await openBenchDatabase(engine, opts.pgUrl, 'belong_bench', 'search benchmark');
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

    const plans = mix.map((q) => planRaw(db, q));
    print(`[${engine}] warming up with ${warmup.length} other searches`);
    for (const q of warmup) {
      await httpSearch(base, q);
      await runRaw(db, planRaw(db, q));
    }

    const http: number[] = [];
    const raw: number[] = [];
    const kinds = new Map<QueryKind, { http: number[]; raw: number[] }>();
    let mismatches = 0;
    const timed: EngineResult['slowest'] = [];
    for (let i = 0; i < mix.length; i++) {
      const q = mix[i]!;
      const plan = plans[i]!;
      let tHttp = 0;
      let tRaw = 0;
      let totalHttp = 0;
      let totalRaw = 0;
      // Alternate which goes first, so neither always meets a warmer cache.
      for (const which of i % 2 === 0 ? (['http', 'raw'] as const) : (['raw', 'http'] as const)) {
        const t0 = performance.now();
        if (which === 'http') {
          totalHttp = await httpSearch(base, q);
          tHttp = performance.now() - t0;
        } else {
          totalRaw = await runRaw(db, plan);
          tRaw = performance.now() - t0;
        }
      }
      if (totalHttp !== totalRaw) mismatches++;
      timed.push({ query: queryString(q), http: tHttp, raw: tRaw, total: totalRaw });
      http.push(tHttp);
      raw.push(tRaw);
      const k = kinds.get(q.kind) ?? { http: [], raw: [] };
      k.http.push(tHttp);
      k.raw.push(tRaw);
      kinds.set(q.kind, k);
      if ((i + 1) % 50 === 0 || i + 1 === mix.length) print(`[${engine}]   ${i + 1}/${mix.length} searches timed`);
    }
    const h = percentiles(http);
    const r = percentiles(raw);
    const byKind: EngineResult['byKind'] = {};
    for (const [kind, v] of kinds) byKind[kind] = { n: v.http.length, http: percentile(v.http, 50), raw: percentile(v.raw, 50) };
    return {
      engine,
      services: load.services,
      load,
      dbBytes,
      http: h,
      raw: r,
      ratio: { p50: h.p50 / r.p50, p95: h.p95 / r.p95, p99: h.p99 / r.p99 },
      byKind,
      mismatches,
      slowest: timed.sort((a, b) => b.raw - a.raw).slice(0, 5),
    };
  } finally {
    if (server) await new Promise<void>((resolve) => server!.close(() => resolve()));
    await bench.dispose();
  }
}

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  '));
}

/** The results as printed lines. */
export function formatResults(results: EngineResult[], opts: Pick<BenchOptions, 'queries'>): string[] {
  const lines: string[] = [];
  lines.push('');
  lines.push(`Search latency, ${opts.queries} searches per engine, one at a time (ms):`);
  lines.push(
    ...table([
      [
        'engine',
        'services',
        'load s',
        'index+analyze s',
        'DB size',
        'HTTP p50',
        'p95',
        'p99',
        'raw SQL p50',
        'p95',
        'p99',
        'HTTP/raw p50',
        'p95',
        'p99',
      ],
      ...results.map((r) => [
        r.engine,
        String(r.services),
        (r.load.loadMs / 1000).toFixed(1),
        ((r.load.indexMs + r.load.analyzeMs) / 1000).toFixed(1),
        mb(r.dbBytes),
        ms(r.http.p50),
        ms(r.http.p95),
        ms(r.http.p99),
        ms(r.raw.p50),
        ms(r.raw.p95),
        ms(r.raw.p99),
        `${r.ratio.p50.toFixed(2)}x`,
        `${r.ratio.p95.toFixed(2)}x`,
        `${r.ratio.p99.toFixed(2)}x`,
      ]),
    ]),
  );
  lines.push('');
  lines.push('Median by kind of search, HTTP / raw SQL (ms):');
  const kinds = [...new Set(results.flatMap((r) => Object.keys(r.byKind)))] as QueryKind[];
  lines.push(
    ...table([
      ['kind', ...results.map((r) => r.engine)],
      ...kinds.map((k) => [
        `${k} (${results[0]?.byKind[k]?.n ?? 0})`,
        ...results.map((r) => (r.byKind[k] ? `${ms(r.byKind[k]!.http)} / ${ms(r.byKind[k]!.raw)}` : '-')),
      ]),
    ]),
  );
  if (results.length === 2) {
    const [a, b] = results as [EngineResult, EngineResult];
    lines.push('');
    lines.push(
      `${a.engine}/${b.engine} HTTP p50 ${(a.http.p50 / b.http.p50).toFixed(2)}x, p95 ${(a.http.p95 / b.http.p95).toFixed(2)}x, p99 ${(a.http.p99 / b.http.p99).toFixed(2)}x`,
    );
  }
  for (const r of results) {
    lines.push('');
    lines.push(`Slowest searches on ${r.engine} (raw SQL ms, HTTP ms, matches):`);
    for (const s of r.slowest)
      lines.push(`  ${ms(s.raw).padStart(6)} ${ms(s.http).padStart(6)} ${String(s.total).padStart(6)}  ?${decodeURIComponent(s.query)}`);
  }
  for (const r of results) {
    if (r.mismatches) lines.push(`WARNING ${r.engine}: ${r.mismatches} searches gave a different total over HTTP than in raw SQL.`);
  }
  lines.push('');
  lines.push('HTTP = GET /oruk/services over loopback, JSON read. Raw SQL = the same count and page statements, compiled');
  lines.push('beforehand and sent through the same database handle and runner as the endpoint (the page alone when it carries');
  lines.push('the total, else count then page; in a read-only transaction after the search settings),');
  lines.push('then the same two summary queries by id; no HTTP, parameter parsing, mapping or JSON. Each search is timed');
  lines.push('once each way, alternating which goes first, after a warm-up with other searches.');
  return lines;
}

/** Run the benchmark on each engine in turn; prints progress and the results table. */
export async function runSearchBenchmark(opts: BenchOptions): Promise<EngineResult[]> {
  const postcodes = knownPostcodes();
  const mix = buildQueryMix(opts.queries, postcodes, 42);
  const warmup = buildQueryMix(opts.warmup, postcodes, 7);
  opts.print(
    `Belong search benchmark: ${opts.services} services, ${opts.queries} searches, engines: ${opts.engines.join(', ')} ` +
      `(${os.cpus().length} CPUs, Node ${process.version})`,
  );
  const results: EngineResult[] = [];
  for (const engine of opts.engines) {
    const t0 = performance.now();
    results.push(await benchEngine(engine, opts, mix, warmup));
    opts.print(`[${engine}] done in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  }
  for (const line of formatResults(results, opts)) opts.print(line);
  return results;
}
