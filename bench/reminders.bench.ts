/**
 * node --import tsx bench/reminders.bench.ts [--services N] [--engine pglite|postgres] [--old]
 *
 * The review-reminder job at scale (issue 16, "jobs never starve the site"):
 * loads N synthetic services (default 100 000), then measures
 *
 *   - the data-quality facts query (loadListingFacts) for every listing, and with --old the
 *     query it replaced (schedules counted with `in (select …)`, once per service);
 *   - the reminder job's scan, a page of 1000 listings at a time: total, and the longest page
 *     (the longest the job holds the embedded database's only connection);
 *   - the start page's response time alone, and while the job runs.
 *
 * PostgreSQL: BENCH_PG_URL, else postgres://postgres@127.0.0.1:5432/test; the benchmark
 * uses its own database belong_reminders_bench and drops it at the end.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import pg from 'pg';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { bulkLoadServices } from '../src/modules/demo/bulk-load.ts';
import { ensureVocabulary } from '../src/modules/directory/vocabulary.repository.ts';
import { loadListingFacts, listingDatesPage } from '../src/modules/quality/quality.repository.ts';
import { sendReviewReminders } from '../src/modules/quality/reminders.ts';
import { openDatabase, type Database } from '../src/platform/db/database.ts';
import { createLogger } from '../src/platform/log.ts';
import { outboxNotifier } from '../src/platform/notify/notifier.ts';

const { values } = parseArgs({
  options: {
    services: { type: 'string', default: '100000' },
    engine: { type: 'string', default: 'pglite' },
    old: { type: 'boolean', default: false },
  },
});
const N = Number(values.services);
const ms = (t0: number) => Math.round(performance.now() - t0);

async function open(): Promise<{ database: Database; dispose(): Promise<void> }> {
  if (values.engine === 'pglite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'belong-reminders-bench-'));
    const database = await openDatabase({ url: path.join(dir, 'pgdata'), purpose: 'reminders benchmark' });
    return { database, dispose: async () => (await database.close(), fs.rmSync(dir, { recursive: true, force: true })) };
  }
  const base = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const admin = async (q: string) => {
    const c = new pg.Client({ connectionString: base });
    await c.connect();
    await c.query(q);
    await c.end();
  };
  await admin('DROP DATABASE IF EXISTS belong_reminders_bench WITH (FORCE)');
  await admin('CREATE DATABASE belong_reminders_bench');
  const u = new URL(base);
  u.pathname = '/belong_reminders_bench';
  const database = await openDatabase({ url: u.toString() });
  return {
    database,
    dispose: async () => (await database.close(), await admin('DROP DATABASE IF EXISTS belong_reminders_bench WITH (FORCE)')),
  };
}

const { database, dispose } = await open();
try {
  let t = performance.now();
  await ensureVocabulary(database.db);
  await bulkLoadServices(database.db, { services: N, today: '2025-01-15', dropIndexes: true });
  console.log(`[${values.engine}] loaded ${N} services: ${ms(t)} ms`);

  if (values.old) {
    t = performance.now();
    await sql`select s.id, (select count(*) from schedule sc where sc.service_id = s.id
        or sc.service_at_location_id in (select sal.id from service_at_location sal where sal.service_id = s.id)) as schedules
      from service s where s.status in ('active', 'temporarily closed')`.execute(database.db);
    console.log(`old schedule counts (in (select …)), every listing: ${ms(t)} ms`);
  }
  t = performance.now();
  const facts = await loadListingFacts(database.db);
  console.log(`loadListingFacts (= any(array(…))), ${facts.length} listings: ${ms(t)} ms`);

  const pages: number[] = [];
  let after: string | null = null;
  t = performance.now();
  for (;;) {
    const p0 = performance.now();
    const page = await listingDatesPage(database.db, after, 1000);
    pages.push(performance.now() - p0);
    if (page.length < 1000) break;
    after = page.at(-1)!.serviceId;
  }
  pages.sort((a, b) => a - b);
  console.log(
    `reminder scan, pages of 1000: ${pages.length} pages, ${ms(t)} ms in all; page p50 ${pages[Math.floor(pages.length / 2)]!.toFixed(1)} ms, longest ${pages.at(-1)!.toFixed(1)} ms`,
  );

  const app = createApp({ config: loadConfig({ NODE_ENV: 'test' }), database, log: createLogger('silent') });
  await app.request('/');
  const alone: number[] = [];
  for (let i = 0; i < 5; i++) {
    const p0 = performance.now();
    await app.request('/');
    alone.push(performance.now() - p0);
  }
  let done = false;
  t = performance.now();
  const job = sendReviewReminders(database.db, outboxNotifier(), new Date('2027-06-01T09:00:00Z')).then((r) => ((done = true), r));
  const during: number[] = [];
  while (!done) {
    const p0 = performance.now();
    const res = await app.request('/');
    if (res.status !== 200) throw new Error(`start page answered ${res.status} during the job`);
    if (!done) during.push(performance.now() - p0);
  }
  const run = await job;
  const jobMs = ms(t);
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!.toFixed(0);
  console.log(
    `reminder job (scan + one transaction): ${jobMs} ms, ${run.staleListings} stale, ${run.notices.length} notices; ` +
      `start page alone p50 ${med(alone)} ms; during the job ${during.length} answered (all 200), p50 ${med(during)} ms, longest ${Math.max(...during).toFixed(0)} ms`,
  );
} finally {
  await dispose();
}
process.exit(0);
