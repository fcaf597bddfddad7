/**
 * Page-weight check: every listed page, in every interface language, must fit
 * a first visit (gzip HTML + CSS, fonts excluded) in 14 KB. See
 * src/platform/views/page-weight.ts for how it is measured.
 *
 *   node --import tsx scripts/page-weight.ts            # the pages in PATHS
 *   node --import tsx scripts/page-weight.ts /x /y?q=1  # these pages instead
 *
 * Runs the real app in-process on a fresh embedded database with the demo
 * area loaded, so pages show realistic amounts of content. Prints a table and
 * exits 1 if any page is over budget or does not answer 200.
 */
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { seedDemoArea } from '../src/modules/demo/demo.seed.ts';
import { ensureVocabulary } from '../src/modules/directory/vocabulary.repository.ts';
import { openDatabase } from '../src/platform/db/database.ts';
import { LOCALE_CODES } from '../src/platform/i18n/locales.ts';
import { createLogger } from '../src/platform/log.ts';
import { measureFirstLoad, PAGE_BUDGET_BYTES, type FirstLoad } from '../src/platform/views/page-weight.ts';

/** Public pages to check. Add each new public page here. */
const PATHS = ['/'];

const paths = process.argv.slice(2).length ? process.argv.slice(2) : PATHS;
const database = await openDatabase({ url: 'memory://' });
try {
  await ensureVocabulary(database.db);
  await seedDemoArea(database.db);
  const app = createApp({ config: loadConfig({ NODE_ENV: 'test' }), database, log: createLogger('silent') });

  const rows: FirstLoad[] = [];
  for (const path of paths) for (const lang of LOCALE_CODES) rows.push(await measureFirstLoad((p, init) => app.request(p, init), path, lang));

  const bad = (r: FirstLoad) => r.status !== 200 || r.total > PAGE_BUDGET_BYTES;
  const pad = (s: string | number, n: number) => String(s).padStart(n);
  console.log(`${'page'.padEnd(30)} ${'lang'.padEnd(4)} ${pad('status', 6)} ${pad('html', 7)} ${pad('css', 7)} ${pad('total', 7)}`);
  for (const r of rows) {
    console.log(
      `${r.path.padEnd(30)} ${r.lang.padEnd(4)} ${pad(r.status, 6)} ${pad(r.html, 7)} ${pad(r.css, 7)} ${pad(r.total, 7)}${bad(r) ? '  <-- over budget or failed' : ''}`,
    );
  }
  const heaviest = rows.reduce((a, b) => (b.total > a.total ? b : a));
  console.log(`\nBudget ${PAGE_BUDGET_BYTES} bytes (gzip -9, HTML + CSS, first visit). Heaviest: ${heaviest.path} [${heaviest.lang}] ${heaviest.total} bytes.`);
  const failures = rows.filter(bad);
  if (failures.length) {
    console.error(`${failures.length} page(s) over budget or failing.`);
    process.exitCode = 1;
  }
} finally {
  await database.close();
}
