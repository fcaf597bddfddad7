/**
 * Pages made afresh, for `npm run bench:profile -- --fresh N`: N different
 * addresses of each kind of search, each asked once, one at a time,
 * in-process, with the two steps that cost the database most timed on their
 * own (the search, and the records of the page for /find) besides the whole
 * request. What a page costs when no kept copy answers it (page-cache.ts),
 * as when people all over a city search for different things; the same
 * kinds of address as `npm run bench:http` asks once each.
 */
import { sql } from 'kysely';
import type { Hono } from 'hono';
import { loadServiceRecords, searchServices } from '../src/modules/directory/directory.service.ts';
import { parseServiceSearch } from '../src/modules/directory/service-search.ts';
import { parseFindUrl } from '../src/modules/find/find-query.ts';
import { resolvePlace } from '../src/modules/find/find-place.ts';
import { findPage } from '../src/modules/find/find-search.ts';
import { localNow } from '../src/modules/find/find-when.ts';
import { lookupPlace } from '../src/modules/geo/postcodes.ts';
import type { Executor } from '../src/platform/db/executor.ts';
import { freshAddress as address } from './fresh-addresses.ts';
import { percentile } from './search-bench.ts';

const summary = (ms: number[]) =>
  `mean ${(ms.reduce((a, b) => a + b, 0) / ms.length).toFixed(1)}, p50 ${percentile(ms, 50).toFixed(1)}, p90 ${percentile(ms, 90).toFixed(1)}, max ${Math.max(...ms).toFixed(1)}`;

export async function profileFreshPages(db: Executor, app: Hono, n: number): Promise<void> {
  const districts = (
    await sql<{ d: string }>`select distinct split_part(postal_code, ' ', 1) as d from address order by 1`.execute(db)
  ).rows.map((r) => r.d);
  // Two sets per kind: one to warm the process up, the other measured (none asked twice).
  console.log(`\nAddresses each asked once (${n} of each kind after ${n} others as a warm-up; ms per request, one at a time):`);
  for (const kind of ['place', 'words', 'oruk'] as const) {
    const steps = { search: [] as number[], records: [] as number[], whole: [] as number[] };
    for (let i = 0; i < 2 * n; i++) {
      const path = address(kind, i, districts);
      const measured = i % 2 === 0;
      const t0 = performance.now();
      const res = await app.request(path, { headers: { 'accept-encoding': 'gzip' } });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${path} gave ${res.status}`);
      if (!measured) continue;
      steps.whole.push(performance.now() - t0);
      // The steps again, for an address of the same kind not asked before.
      const step = address(kind, 2 * n + i, districts);
      const query = new URL(step, 'http://x').searchParams;
      if (kind === 'oruk') {
        const parsed = parseServiceSearch(Object.fromEntries(query), { lookupPlace });
        if (!parsed.ok) throw new Error(parsed.errors.join(' '));
        const s0 = performance.now();
        await searchServices(db, parsed.value);
        steps.search.push(performance.now() - s0);
        continue;
      }
      const { query: find } = parseFindUrl(query);
      const resolved = await resolvePlace(db, find.where, lookupPlace);
      const now = new Date();
      const s0 = performance.now();
      const found = await findPage(db, find, resolved.ok ? resolved.place : null, now);
      steps.search.push(performance.now() - s0);
      const r0 = performance.now();
      await loadServiceRecords(db, found.ids, localNow(now).date);
      steps.records.push(performance.now() - r0);
    }
    console.log(`${address(kind, 0, districts).split('?')[0]} (${kind})`);
    console.log(`  whole request, gzip      ${summary(steps.whole)}`);
    console.log(`  search                   ${summary(steps.search)}`);
    if (steps.records.length) console.log(`  records of the page      ${summary(steps.records)}`);
  }
}
