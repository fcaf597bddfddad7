/**
 * Command-line arguments of `npm run import`, read into a plain object (pure,
 * so usage errors can be tested without starting anything).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { isUrl } from './feed-source.ts';

export const IMPORT_USAGE = `Usage:
  npm run import -- [kind] <file or URL> [options]
  npm run import -- <file or URL> --format <kind> [options]

Kinds (guessed from the file name when left out: .csv is csv, anything else oruk):
  oruk    Open Referral UK feed, version 3 or the older 1.0 (recognised per service)
  oruk3   Open Referral UK 3.0 / HSDS 3 only
  oruk1   the older Open Referral UK 1.0 API only
  csv     a spreadsheet of services saved as CSV; needs --mapping

Options:
  --format KIND       the kind of source, instead of naming it first: oruk, oruk3, oruk1 or csv
  --mapping FILE      JSON file mapping the source onto Belong's fields (see docs/importing.md):
                      csv: which column holds which field (required); any kind: the source's own
                      terms and words ("Older people", "Hearing loop", "just turn up") → Belong values
  --source NAME       name of this source; ids are derived from it, so use the same name every time
                      (default: the mapping's "source", the URL's host and path, or the file name)
  --rejects FILE      write every rejected record and warning, with reasons, to this CSV file
  --dry-run           read and check everything, write nothing; prints, per Belong field, how many
                      services got a stated value and how many stay unknown, and the terms no mapping used
  --no-retire         keep services the source no longer lists (by default they are retired: made
                      inactive, never deleted, once the whole source was read)
  --force             save every record, even those unchanged since the last import
  --per-page N        oruk URL: ask for N services per page
  --details MODE      oruk URL: fetch each service in full: auto (when the list has only summaries), always, never
  --batch-size N      records per transaction (default 250)
  --no-progress       no progress bar
  -h, --help          this help

Examples:
  npm run import -- csv services.csv --mapping council-mapping.json --rejects rejected.csv
  npm run import -- oruk https://directory.example.org/api/v3/services --source example-directory
  npm run import -- oruk1 legacy-feed.json --source old-council-api
  npm run import -- feed.json --format oruk3 --mapping calderdale-terms.json --dry-run`;

export type ImportKind = 'oruk' | 'oruk3' | 'oruk1' | 'csv';

export interface ImportArgs {
  kind: ImportKind;
  location: string;
  mapping: string | null;
  source: string | null;
  rejects: string | null;
  dryRun: boolean;
  /** Retire services the source no longer lists. */
  retire: boolean;
  force: boolean;
  perPage: number | null;
  details: 'auto' | 'always' | 'never';
  batchSize: number | null;
  progress: boolean;
}

export type ParsedArgs = { ok: true; args: ImportArgs } | { ok: false; help: true } | { ok: false; help: false; error: string };

const KINDS: ImportKind[] = ['oruk', 'oruk3', 'oruk1', 'csv'];

export function parseImportArgs(argv: string[]): ParsedArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        mapping: { type: 'string' },
        source: { type: 'string' },
        rejects: { type: 'string' },
        'dry-run': { type: 'boolean' },
        format: { type: 'string' },
        'no-retire': { type: 'boolean' },
        force: { type: 'boolean' },
        'per-page': { type: 'string' },
        details: { type: 'string' },
        'batch-size': { type: 'string' },
        'no-progress': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    return { ok: false, help: false, error: (err as Error).message };
  }
  const { values: v, positionals } = parsed;
  if (v.help) return { ok: false, help: true };
  let kind: ImportKind | null = null;
  const rest = [...positionals];
  if (rest[0] && KINDS.includes(rest[0] as ImportKind)) kind = rest.shift() as ImportKind;
  if (v.format !== undefined) {
    const format = v.format.trim().toLowerCase() as ImportKind;
    if (!KINDS.includes(format))
      return { ok: false, help: false, error: `--format must be one of ${KINDS.join(', ')} (got "${v.format}")` };
    if (kind && kind !== format) return { ok: false, help: false, error: `the kind is given twice: "${kind}" and --format ${format}` };
    kind = format;
  }
  const location = rest.shift();
  if (!location) return { ok: false, help: false, error: 'say which file or URL to import' };
  if (rest.length) return { ok: false, help: false, error: `unexpected argument(s): ${rest.join(' ')}` };
  kind ??= !isUrl(location) && /\.(csv|tsv|txt)$/i.test(location) ? 'csv' : 'oruk';
  if (kind === 'csv' && !v.mapping)
    return { ok: false, help: false, error: 'a CSV import needs --mapping <file.json> (see docs/importing.md)' };
  if (kind === 'csv' && isUrl(location)) return { ok: false, help: false, error: 'download the CSV first: csv imports read a file' };
  const whole = (name: string, s: string | undefined): number | null | string => {
    if (s === undefined) return null;
    const x = Number(s);
    return Number.isInteger(x) && x > 0 ? x : `--${name} must be a whole number above 0`;
  };
  const perPage = whole('per-page', v['per-page']);
  if (typeof perPage === 'string') return { ok: false, help: false, error: perPage };
  const batchSize = whole('batch-size', v['batch-size']);
  if (typeof batchSize === 'string') return { ok: false, help: false, error: batchSize };
  const details = v.details ?? 'auto';
  if (details !== 'auto' && details !== 'always' && details !== 'never') {
    return { ok: false, help: false, error: '--details must be auto, always or never' };
  }
  return {
    ok: true,
    args: {
      kind,
      location,
      mapping: v.mapping ?? null,
      source: v.source?.trim() || null,
      rejects: v.rejects ?? null,
      dryRun: !!v['dry-run'],
      retire: !v['no-retire'],
      force: !!v.force,
      perPage,
      details,
      batchSize,
      progress: !v['no-progress'],
    },
  };
}

/** The source name used when none is given: a URL's host and path, or a file's name without extension. */
export function defaultSourceName(location: string): string {
  if (isUrl(location)) {
    const u = new URL(location);
    return `${u.host}${u.pathname.replace(/\/+$/, '')}`;
  }
  return path.basename(location).replace(/\.[^.]+$/, '');
}
