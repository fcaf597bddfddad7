/**
 * npm run bank-holidays:refresh [-- --url <url>] [--out <file>] [--dry-run]
 *
 * Downloads GOV.UK's official list of bank holidays
 * (https://www.gov.uk/bank-holidays.json), checks it (England and Wales is
 * there, every date a weekday and listed once, 8 to 12 a year, this year
 * covered) and only then replaces the vendored file
 * vendor/govuk-bank-holidays/england-and-wales.json, recording the date it
 * reflects. Prints what changed. When the download or a check fails, the
 * file is left as it was and the command exits with 1.
 *
 * Run it once a year, or when a one-off bank holiday is announced, and commit
 * the file. `--url` reads a mirror (or a test server), `--out` writes
 * elsewhere, `--dry-run` only checks.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { londonDate } from '../modules/referrals/london-date.ts';
import {
  datesByYear,
  loadVendoredList,
  OFFICIAL_URL,
  VENDORED_LIST_PATH,
  vendoredFromFeed,
} from '../modules/referrals/working-days-list.ts';

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: OFFICIAL_URL },
    out: { type: 'string', default: fileURLToPath(VENDORED_LIST_PATH) },
    'dry-run': { type: 'boolean', default: false },
  },
});
const url = values.url!;
const out = path.resolve(values.out!);

function fail(message: string): never {
  const now = fs.existsSync(out) ? ` The list in ${out} is unchanged.` : '';
  console.error(`${message}${now}`);
  process.exit(1);
}

let feed: unknown;
try {
  const res = await fetch(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(30_000) });
  if (!res.ok) fail(`Could not download ${url}: HTTP ${res.status}.`);
  feed = JSON.parse(await res.text());
} catch (err) {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  fail(`Could not download ${url}: ${(err as Error).message}${cause ? ` (${cause.code ?? cause.message})` : ''}. Is there a network?`);
}

const now = new Date();
let list;
try {
  list = vendoredFromFeed(feed, londonDate(now), now);
} catch (err) {
  fail((err as Error).message);
}

const before = fs.existsSync(out) ? new Set(loadVendoredList(out).events.map((e) => e.date)) : new Set<string>();
const after = new Set(list.events.map((e) => e.date));
const added = [...after].filter((d) => !before.has(d)).sort();
const removed = [...before].filter((d) => !after.has(d)).sort();
const years = [...datesByYear(list).keys()];
console.log(`GOV.UK's list covers ${years[0]} to ${years.at(-1)} (${list.events.length} bank holidays in England and Wales).`);
console.log(added.length ? `New: ${added.join(', ')}` : 'Nothing new.');
if (removed.length) console.log(`No longer listed: ${removed.join(', ')}`);

if (values['dry-run']) {
  console.log('Dry run: the file was not changed.');
} else {
  const tmp = `${out}.${process.pid}.tmp`;
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(tmp, `${JSON.stringify(list, null, 2)}\n`);
  fs.renameSync(tmp, out);
  console.log(`Wrote ${out} (reflects ${list.reflects}). Commit it.`);
}
