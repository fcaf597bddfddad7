/**
 * npm run import -- [oruk|oruk3|oruk1|csv] <file or URL> [options]
 *
 * Imports services into Belong's directory from an Open Referral UK feed
 * (3.0 or the older 1.0, a file or a URL it pages through) or from a
 * spreadsheet with a column mapping. Re-running updates instead of
 * duplicating; rejected records are reported with their reasons and the rest
 * carry on. See docs/importing.md.
 *
 * Exit code 0 when the import ran (even with rejected records); 1 for a fatal
 * error (database in use or unreachable, unreadable file, bad mapping, HTTP
 * failure); 2 for a usage error.
 */
import fs from 'node:fs';
import cliProgress from 'cli-progress';
import { loadConfig } from '../config.ts';
import { ensureVocabulary } from '../modules/directory/vocabulary.repository.ts';
import { lookupPlace } from '../modules/geo/postcodes.ts';
import { checkCsvHeader, csvRecords } from '../modules/import/csv-source.ts';
import { parseCsvMapping, type CsvMapping } from '../modules/import/csv-mapping.ts';
import { parseVocabularyMapping, type VocabularyMapping } from '../modules/import/vocabulary-mapping.ts';
import { feedRecords } from '../modules/import/feed-source.ts';
import { defaultSourceName, IMPORT_USAGE, parseImportArgs } from '../modules/import/import-args.ts';
import type { MappedRecord } from '../modules/import/import-record.ts';
import { formatSummary, rejectsCsv } from '../modules/import/import-report.ts';
import { importRecords, type ImportReport } from '../modules/import/import.runner.ts';
import { openDatabase, type Database } from '../platform/db/database.ts';

/** Bars only for people watching a terminal, and only when the import is big enough to wait for. */
const PROGRESS_THRESHOLD = 200;

function fail(message: string, code = 1): never {
  console.error(`Import failed: ${message}`);
  process.exit(code);
}

const parsed = parseImportArgs(process.argv.slice(2));
if (!parsed.ok) {
  if (parsed.help) {
    console.log(IMPORT_USAGE);
    process.exit(0);
  }
  console.error(`${parsed.error}\n\n${IMPORT_USAGE}`);
  process.exit(2);
}
const args = parsed.args;

let config;
try {
  config = loadConfig();
} catch (err) {
  fail((err as Error).message);
}

let mapping: CsvMapping | null = null;
let feedMapping: VocabularyMapping | undefined;
let mappingSource: string | null = null;
let json: unknown = null;
if (args.mapping) {
  try {
    json = JSON.parse(fs.readFileSync(args.mapping, 'utf8'));
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    fail(
      e.code === 'ENOENT'
        ? `cannot read the mapping file ${args.mapping}`
        : `the mapping file ${args.mapping} is not valid JSON: ${e.message}`,
    );
  }
}
if (args.kind !== 'csv' && args.mapping) {
  const m = parseVocabularyMapping(json);
  if (!m.ok) fail(`the mapping file ${args.mapping} is not usable:\n  ${m.errors.join('\n  ')}`);
  feedMapping = m.mapping;
  mappingSource = m.source;
}
if (args.kind === 'csv') {
  const m = parseCsvMapping(json);
  if (!m.ok) fail(`the mapping file ${args.mapping} is not usable:\n  ${m.errors.join('\n  ')}`);
  mapping = m.mapping;
  if (!fs.existsSync(args.location)) fail(`cannot read ${args.location}: no such file`);
  try {
    await checkCsvHeader(args.location, mapping);
  } catch (err) {
    fail((err as Error).message);
  }
}
if (args.kind !== 'csv' && !/^https?:\/\//i.test(args.location) && !fs.existsSync(args.location)) {
  fail(`cannot read ${args.location}: no such file`);
}
const source = args.source ?? mapping?.source ?? mappingSource ?? defaultSourceName(args.location);

let database: Database;
try {
  database = await openDatabase({ url: config.DATABASE_URL, purpose: 'import', poolSize: 2, prepare: config.DATABASE_PREPARE === 'on' });
} catch (err) {
  fail((err as Error).message);
}

// Progress: a bar when a person is watching and there is enough to wait for.
const interactive = args.progress && !!process.stdout.isTTY && !!process.stderr.isTTY;
let bar: cliProgress.SingleBar | null = null;
let expected: number | null = null;
const startBar = (total: number) => {
  if (!interactive || bar || total <= PROGRESS_THRESHOLD) return;
  bar = new cliProgress.SingleBar(
    {
      format:
        ' {bar} {percentage}% | {value}/{total} | new {created}, updated {updated}, unchanged {unchanged}, rejected {rejected} | {eta_formatted} left',
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { created: 0, updated: 0, unchanged: 0, rejected: 0 });
};

/** Data lines in a CSV file (quick count; a cell holding a line break makes it a little high). */
async function countLines(file: string): Promise<number> {
  let lines = 0;
  for await (const chunk of fs.createReadStream(file)) for (const byte of chunk as Buffer) if (byte === 10) lines++;
  return Math.max(0, lines - 1);
}

let geocodeFailed = false;
const geocode = (postcode: string) => {
  if (geocodeFailed) return null;
  try {
    return lookupPlace(postcode);
  } catch (err) {
    geocodeFailed = true;
    console.error(`Postcodes cannot be placed on the map: ${(err as Error).message}`);
    return null;
  }
};

console.log(
  `${args.dryRun ? 'Checking' : 'Importing'} ${args.location} as source "${source}"${args.dryRun ? ' (dry run: nothing will be written)' : ''}`,
);
let records: AsyncIterable<MappedRecord>;
if (args.kind === 'csv') {
  expected = await countLines(args.location);
  startBar(expected);
  records = csvRecords(args.location, { source, mapping: mapping!, geocode });
} else {
  records = feedRecords(args.location, source, {
    format: args.kind === 'oruk' ? 'auto' : args.kind,
    details: args.details,
    ...(feedMapping ? { mapping: feedMapping } : {}),
    ...(args.perPage ? { perPage: args.perPage } : {}),
    onPage: (_page, _pages, totalItems) => {
      if (totalItems != null && expected == null) {
        expected = totalItems;
        startBar(totalItems);
      }
    },
  });
}

const stop = new AbortController();
process.on('SIGINT', () => {
  if (stop.signal.aborted) process.exit(130);
  stop.abort();
  console.error('\nStopping after the current batch (press Ctrl-C again to quit at once)…');
});

let report: ImportReport | null = null;
let fatal: Error | null = null;
try {
  await ensureVocabulary(database.db);
  report = await importRecords(database.db, records, {
    source,
    dryRun: args.dryRun,
    force: args.force,
    retireMissing: args.retire,
    ...(args.batchSize ? { batchSize: args.batchSize } : {}),
    signal: stop.signal,
    onProgress: (p) => {
      const b = bar as cliProgress.SingleBar | null;
      if (!b) return;
      if (p.done > b.getTotal()) b.setTotal(p.done);
      b.update(p.done, { created: p.created, updated: p.updated, unchanged: p.unchanged, rejected: p.rejected });
    },
  });
} catch (err) {
  fatal = err as Error;
} finally {
  (bar as cliProgress.SingleBar | null)?.stop();
  await database.close().catch(() => undefined);
}

if (report) {
  const listed = args.rejects && report.rejected.length > 50 ? 20 : Infinity;
  console.log(formatSummary(report, { maxListed: listed, rejectsFile: args.rejects }));
  if (args.rejects) {
    try {
      fs.writeFileSync(args.rejects, rejectsCsv(report));
    } catch (err) {
      fail(`could not write ${args.rejects}: ${(err as Error).message}`);
    }
  }
}
if (fatal) fail(fatal.message);
if (report?.error) fail(report.error);
process.exit(0);
