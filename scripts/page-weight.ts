/**
 * Page-weight check: every public page, in every interface language, must fit
 * a first visit (gzip HTML + CSS, fonts excluded) in 14 KB. See
 * src/platform/views/page-weight.ts for how it is measured.
 *
 *   node --import tsx scripts/page-weight.ts            # every public page below
 *   node --import tsx scripts/page-weight.ts /x /y?q=1  # these pages instead (must answer 200)
 *
 * Runs the real app in-process on a fresh embedded database with the demo
 * area loaded, so pages show realistic amounts of content: the start page,
 * searches (plain, around a place, with many filters, sorted by "open now",
 * with words, and with a postcode we do not know), a translated service
 * page, a confidential one, a full shortlist (20 services, the most it
 * holds), an empty one and the "not found" page. Prints a table and exits 1
 * if any page is over budget or does not answer as expected.
 */
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { seedDemoArea } from '../src/modules/demo/demo.seed.ts';
import { ensureVocabulary } from '../src/modules/directory/vocabulary.repository.ts';
import { MAX_SHORTLIST, serializeIds } from '../src/modules/find/shortlist.ts';
import { openDatabase, type Database } from '../src/platform/db/database.ts';
import { LOCALE_CODES } from '../src/platform/i18n/locales.ts';
import { createLogger } from '../src/platform/log.ts';
import { measureFirstLoad, PAGE_BUDGET_BYTES, type FirstLoad } from '../src/platform/views/page-weight.ts';

interface PageToCheck {
  path: string;
  /** The status the page should answer with. */
  status: number;
}

/** Public pages to check, with ids taken from the demo area. Add each new public page here. */
async function publicPages(database: Database): Promise<PageToCheck[]> {
  const db = database.db;
  const translated = await db
    .selectFrom('belong_translation as t')
    .innerJoin('belong_service as b', 'b.service_id', 't.entity_id')
    .select('t.entity_id')
    .where('t.locale', '=', 'ar')
    .where('b.gender', '=', 'women_only')
    .orderBy('t.entity_id')
    .executeTakeFirstOrThrow();
  const confidential = await db
    .selectFrom('service_at_location as sal')
    .innerJoin('belong_location as bl', 'bl.location_id', 'sal.location_id')
    .select('sal.service_id')
    .where('bl.confidential', '=', true)
    .executeTakeFirstOrThrow();
  // The services with the most languages and venues: the longest lines on a list.
  const busiest = await db
    .selectFrom('service as s')
    .innerJoin('language as l', 'l.service_id', 's.id')
    .select('s.id')
    .where('s.status', '=', 'active')
    .groupBy('s.id')
    .orderBy((eb) => eb.fn.countAll(), 'desc')
    .orderBy('s.id')
    .limit(MAX_SHORTLIST)
    .execute();
  return [
    { path: '/', status: 200 },
    { path: '/find', status: 200 },
    { path: '/find?where=BD8', status: 200 },
    { path: '/find?where=BD8&who=women_only&need=free&speaks=bn', status: 200 },
    {
      path: '/find?where=BD8&km=10&who=women_only&speaks=ur&interp=1&need=free&need=creche&day=TU&day=WE&time=morning&kind=skills&kind=arts',
      status: 200,
    },
    { path: '/find?where=Manningham&when=today&sort=open', status: 200 },
    { path: '/find?q=tea&where=BD3&sort=nearest', status: 200 },
    { path: '/find?where=BD79', status: 400 },
    { path: `/services/${translated.entity_id}`, status: 200 },
    { path: `/services/${confidential.service_id}`, status: 200 },
    { path: `/services/${busiest[0]!.id}`, status: 200 },
    { path: `/shortlist?ids=${serializeIds(busiest.map((r) => r.id))}`, status: 200 },
    { path: '/shortlist', status: 200 },
    { path: '/services/00000000-0000-4000-8000-000000000000', status: 404 },
    { path: `/services/${busiest[0]!.id}/report`, status: 200 },
    { path: '/my', status: 200 },
    { path: '/ask', status: 200 },
    { path: '/ask/thanks', status: 200 },
    { path: '/my/crisis', status: 200 },
    { path: '/rights', status: 200 },
    ...['gp', 'nhs', 'privacy', 'complain'].map((p) => ({ path: `/rights/${p}`, status: 200 })),
    { path: '/report-unfair', status: 200 },
    { path: `/report-unfair?service=${busiest[0]!.id}`, status: 200 },
    { path: '/report-unfair/thanks', status: 200 },
  ];
}

const database = await openDatabase({ url: 'memory://' });
try {
  await ensureVocabulary(database.db);
  await seedDemoArea(database.db);
  const app = createApp({ config: loadConfig({ NODE_ENV: 'test' }), database, log: createLogger('silent') });
  const args = process.argv.slice(2);
  const pages = args.length ? args.map((path) => ({ path, status: 200 })) : await publicPages(database);

  const rows: (FirstLoad & { expected: number })[] = [];
  for (const { path, status } of pages) {
    for (const lang of LOCALE_CODES)
      rows.push({ ...(await measureFirstLoad((p, init) => app.request(p, init), path, lang)), expected: status });
  }

  const bad = (r: (typeof rows)[number]) => r.status !== r.expected || r.total > PAGE_BUDGET_BYTES;
  const short = (p: string) => (p.length > 58 ? `${p.slice(0, 55)}…` : p);
  const pad = (s: string | number, n: number) => String(s).padStart(n);
  console.log(`${'page'.padEnd(58)} ${'lang'.padEnd(4)} ${pad('status', 6)} ${pad('html', 6)} ${pad('css', 6)} ${pad('total', 6)}`);
  for (const r of rows) {
    console.log(
      `${short(r.path).padEnd(58)} ${r.lang.padEnd(4)} ${pad(r.status, 6)} ${pad(r.html, 6)} ${pad(r.css, 6)} ${pad(r.total, 6)}${bad(r) ? '  <-- over budget or unexpected status' : ''}`,
    );
  }
  const heaviest = rows.reduce((a, b) => (b.total > a.total ? b : a));
  console.log(
    `\n${rows.length} page loads. Budget ${PAGE_BUDGET_BYTES} bytes (gzip -9, HTML + CSS, first visit). Heaviest: ${heaviest.path} [${heaviest.lang}] ${heaviest.total} bytes.`,
  );
  const failures = rows.filter(bad);
  if (failures.length) {
    console.error(`${failures.length} page(s) over budget or answering unexpectedly.`);
    process.exitCode = 1;
  }
} finally {
  await database.close();
}
