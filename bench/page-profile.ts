/**
 * npm run bench:profile -- [--services 3000] [--engine pglite|postgres] [--runs 30] [--keep NAME] [--fresh N]
 *
 * Where the time of one public page goes, in-process (no HTTP, no load
 * generator): for /find (a place, and words + place + two filters), a
 * service page and /oruk/services, the median of each step the route takes
 * (the search, the page's timetables, its records, the language list, the
 * whole request through the app without and with gzip). Figures are
 * milliseconds per request, one request at a time; compare steps with each
 * other, not across machines.
 *
 * `--keep NAME` (PostgreSQL only) keeps the loaded database under that name
 * instead of dropping it, and reuses it on the next run when it already holds
 * the services asked for (a 100 000-service load takes about 35 s).
 *
 * `--fresh N` then asks N different addresses of each kind of search once
 * each (bench/fresh-pages.ts): what a page costs when it is not kept.
 */
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createApp } from '../src/app.ts';
import { isPostgresUrl, loadConfig } from '../src/config.ts';
import { bulkLoadServices } from '../src/modules/demo/bulk-load.ts';
import { countServices, loadServiceRecords, loadServiceSummaries, searchServices } from '../src/modules/directory/directory.service.ts';
import { parseServiceSearch } from '../src/modules/directory/service-search.ts';
import { ensureVocabulary } from '../src/modules/directory/vocabulary.repository.ts';
import { parseFindUrl, toSearchParams } from '../src/modules/find/find-query.ts';
import { resolvePlace } from '../src/modules/find/find-place.ts';
import { PER_PAGE } from '../src/modules/find/find-search.ts';
import { localNow } from '../src/modules/find/find-when.ts';
import { findServices, languagesOffered, loadServicePage, loadTimetables } from '../src/modules/find/find.service.ts';
import { lookupPlace } from '../src/modules/geo/postcodes.ts';
import { openDatabase, type Engine } from '../src/platform/db/database.ts';
import { createLogger } from '../src/platform/log.ts';
import { openBenchDatabase, type BenchDatabase } from './bench-database.ts';
import { percentile } from './search-bench.ts';
import { profileFreshPages } from './fresh-pages.ts';

const { values } = parseArgs({
  options: {
    services: { type: 'string', default: '3000' },
    engine: { type: 'string', default: 'pglite' },
    runs: { type: 'string', default: '30' },
    keep: { type: 'string' },
    fresh: { type: 'string' },
  },
});
const services = Number(values.services);
const runs = Number(values.runs);
const engine = values.engine as Engine;
const fresh = values.fresh === undefined ? 0 : Number(values.fresh);
if (
  !Number.isInteger(services) ||
  services < 1 ||
  !Number.isInteger(runs) ||
  runs < 1 ||
  !Number.isInteger(fresh) ||
  fresh < 0 ||
  !['pglite', 'postgres'].includes(engine)
) {
  console.error('usage: npm run bench:profile -- [--services 3000] [--engine pglite|postgres] [--runs 30] [--keep NAME] [--fresh N]');
  process.exit(2);
}
/** A server database kept between runs (created when missing, never dropped). */
async function keptDatabase(serverUrl: string, name: string): Promise<BenchDatabase> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const exists = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (!exists.rowCount) await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), purpose: 'page profile (kept)' });
  return { database, dispose: () => database.close() };
}

const envUrl = process.env.DATABASE_URL;
const pgUrl = process.env.BENCH_PG_URL ?? (envUrl && isPostgresUrl(envUrl) ? envUrl : 'postgres://postgres@127.0.0.1:5432/test');

const keep = values.keep;
if (keep !== undefined && (engine !== 'postgres' || !/^[a-z_][a-z0-9_]*$/.test(keep))) {
  console.error('--keep takes a database name (lower-case letters, digits, _) and needs --engine postgres');
  process.exit(2);
}
const bench = keep ? await keptDatabase(pgUrl, keep) : await openBenchDatabase(engine, pgUrl, 'belong_profile', 'page profile');
try {
  const db = bench.database.db;
  const held = keep ? await countServices(db) : 0;
  if (held === services) {
    console.log(`Reusing ${services} services in ${keep}.`);
  } else {
    if (held) throw new Error(`${keep} holds ${held} services, not ${services}: drop it first`);
    await ensureVocabulary(db);
    console.log(`Loading ${services} services on ${engine}…`);
    await bulkLoadServices(db, { services, dropIndexes: true, servicesPerTransaction: 1000 });
  }
  const app = createApp({
    config: loadConfig({ LOG_LEVEL: 'silent', DEMO_DATA: 'off' }),
    database: bench.database,
    log: createLogger('silent'),
  });
  const now = new Date();
  const today = localNow(now).date;

  const time = async (fn: () => Promise<unknown>): Promise<number> => {
    await fn();
    const t: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      await fn();
      t.push(performance.now() - t0);
    }
    return percentile(t, 50);
  };
  const request = (path: string, gzip: boolean) => async () => {
    const res = await app.request(path, { headers: gzip ? { 'accept-encoding': 'gzip' } : {} });
    if (res.status !== 200) throw new Error(`${path} gave ${res.status}`);
    await res.arrayBuffer();
  };
  const rows: [string, string, number][] = [];

  for (const qs of ['where=BD8', 'q=chat&where=BD8&who=women_only&need=free']) {
    const { query } = parseFindUrl(qs);
    const resolved = await resolvePlace(db, query.where, lookupPlace);
    const place = resolved.ok ? resolved.place : null;
    const p = toSearchParams(query, place, { today, page: 1, perPage: PER_PAGE });
    const found = await searchServices(db, p);
    const page = `/find?${qs}`;
    rows.push([page, 'place lookup', await time(() => resolvePlace(db, query.where, lookupPlace))]);
    rows.push([page, 'language list (cached)', await time(() => languagesOffered(db))]);
    rows.push([page, `search (${found.total} matches)`, await time(() => searchServices(db, p))]);
    rows.push([page, 'timetables of the page', await time(() => loadTimetables(db, found.ids))]);
    rows.push([page, `records of the page (${found.ids.length})`, await time(() => loadServiceRecords(db, found.ids, today))]);
    rows.push([page, 'search, records, timetables (findServices)', await time(() => findServices(db, query, place, new Date()))]);
    rows.push([page, 'whole request, no compression', await time(request(page, false))]);
    rows.push([page, 'whole request, gzip', await time(request(page, true))]);
  }

  const { query } = parseFindUrl('where=BD8');
  const resolved = await resolvePlace(db, query.where, lookupPlace);
  const id = (await searchServices(db, toSearchParams(query, resolved.ok ? resolved.place : null, { today, page: 1, perPage: 1 }))).ids[0]!;
  const servicePage = `/services/${id}`;
  rows.push([servicePage, 'everything the page shows', await time(() => loadServicePage(db, id, 'en', localNow(now)))]);
  rows.push([servicePage, 'record alone', await time(() => loadServiceRecords(db, [id], today))]);
  rows.push([servicePage, 'whole request, no compression', await time(request(servicePage, false))]);
  rows.push([servicePage, 'whole request, gzip', await time(request(servicePage, true))]);

  const oruk = 'search=chat&postcode=BD8&proximity=2000';
  const parsed = parseServiceSearch(Object.fromEntries(new URLSearchParams(oruk)), { lookupPlace });
  if (!parsed.ok) throw new Error(parsed.errors.join(' '));
  const orukFound = await searchServices(db, parsed.value);
  rows.push([`/oruk/services?${oruk}`, `search (${orukFound.total} matches)`, await time(() => searchServices(db, parsed.value))]);
  rows.push([`/oruk/services?${oruk}`, `summaries (${orukFound.ids.length})`, await time(() => loadServiceSummaries(db, orukFound.ids))]);
  rows.push([`/oruk/services?${oruk}`, 'whole request, no compression', await time(request(`/oruk/services?${oruk}`, false))]);
  rows.push([`/oruk/services?${oruk}`, 'whole request, gzip', await time(request(`/oruk/services?${oruk}`, true))]);

  console.log(`\nMedian ms per request, ${runs} runs each, one at a time, in-process (app.request), ${services} services, ${engine}:`);
  let last = '';
  for (const [page, step, ms] of rows) {
    if (page !== last) console.log(page);
    last = page;
    console.log(`  ${step.padEnd(44)} ${ms.toFixed(2).padStart(8)}`);
  }
  if (fresh) await profileFreshPages(db, app, fresh);
} finally {
  await bench.dispose();
}
