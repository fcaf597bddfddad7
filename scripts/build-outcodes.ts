/**
 * Rebuild data/postcodes/outcodes.csv (and optionally postcodes.csv for some
 * areas) from an ONS Postcode Directory or OS Code-Point Open download.
 *
 *   node --import tsx scripts/build-outcodes.ts --onspd ONSPD_MAY_2025_UK.csv
 *   node --import tsx scripts/build-outcodes.ts --codepoint codepo_gb/Data/CSV
 *   ... --out data/postcodes/outcodes.csv            (default)
 *   ... --postcodes-out data/postcodes/postcodes.csv --areas BD,LS
 *   ... --include-terminated                           (ONSPD: keep terminated postcodes)
 *
 * Each outward code's centroid is the mean position of its live postcodes
 * that have a grid reference. Both sources are Open Government Licence v3.0:
 * keep the attribution lines in data/postcodes/README.md when you ship the result.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse';
import {
  OutcodeAverager,
  codePointPoint,
  formatOutcodeCsv,
  formatPostcodeCsv,
  inAreas,
  onspdPoint,
  type PostcodePoint,
} from '../src/modules/geo/outcode-centroids.ts';

interface Options {
  onspd: string[];
  codepoint: string[];
  out: string;
  postcodesOut: string | null;
  areas: string[];
  includeTerminated: boolean;
}

const USAGE =
  'usage: build-outcodes.ts (--onspd FILE... | --codepoint FILE-OR-DIR...) [--out FILE] [--postcodes-out FILE --areas BD,LS] [--include-terminated]';

function parseArgs(argv: string[]): Options {
  const o: Options = {
    onspd: [],
    codepoint: [],
    out: 'data/postcodes/outcodes.csv',
    postcodesOut: null,
    areas: [],
    includeTerminated: false,
  };
  let list: string[] | null = null;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (!v || v.startsWith('--')) throw new Error(`${a} needs a value\n${USAGE}`);
      return v;
    };
    if (a === '--onspd') list = o.onspd;
    else if (a === '--codepoint') list = o.codepoint;
    else if (a === '--help' || a === '-h') throw new Error(USAGE);
    else if (list && !a.startsWith('--')) list.push(a);
    else {
      list = null;
      if (a === '--out') o.out = value();
      else if (a === '--postcodes-out') o.postcodesOut = value();
      else if (a === '--areas')
        o.areas = value()
          .toUpperCase()
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
      else if (a === '--include-terminated') o.includeTerminated = true;
      else throw new Error(`unknown argument ${a}\n${USAGE}`);
    }
  }
  if (!o.onspd.length && !o.codepoint.length) throw new Error(`give --onspd or --codepoint\n${USAGE}`);
  if (o.postcodesOut && !o.areas.length) throw new Error('--postcodes-out needs --areas (a whole-UK postcodes.csv is too big to load)');
  return o;
}

/** Expand directories into the .csv files inside them. */
function csvFiles(inputs: string[]): string[] {
  return inputs.flatMap((p) => {
    if (!fs.existsSync(p)) throw new Error(`not found: ${p}`);
    if (!fs.statSync(p).isDirectory()) return [p];
    return fs
      .readdirSync(p)
      .filter((f) => f.toLowerCase().endsWith('.csv'))
      .sort()
      .map((f) => path.join(p, f));
  });
}

async function readRows(file: string, withHeader: boolean, onRow: (row: unknown) => void): Promise<void> {
  const parser = fs.createReadStream(file).pipe(
    parse({
      columns: withHeader ? (header: string[]) => header.map((h) => h.trim().toLowerCase()) : false,
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
    }),
  );
  for await (const row of parser) onRow(row);
}

export async function buildOutcodes(
  o: Options,
): Promise<{ outcodes: number; postcodesRead: number; skipped: number; areaPostcodes: number }> {
  const averager = new OutcodeAverager();
  const kept: PostcodePoint[] = [];
  let read = 0;
  let skipped = 0;
  const take = (p: PostcodePoint | null): void => {
    if (!p) return void skipped++;
    read++;
    averager.add(p);
    if (o.postcodesOut && inAreas(p, o.areas)) kept.push(p);
  };
  for (const f of csvFiles(o.onspd)) {
    await readRows(f, true, (r) => take(onspdPoint(r as Record<string, string>, { includeTerminated: o.includeTerminated })));
  }
  for (const f of csvFiles(o.codepoint)) {
    await readRows(f, false, (r) => take(codePointPoint(r as string[])));
  }
  const centroids = averager.centroids();
  if (!centroids.length) throw new Error('no usable postcode rows were found: is this the right file?');
  fs.mkdirSync(path.dirname(o.out), { recursive: true });
  writeAtomically(o.out, formatOutcodeCsv(centroids));
  if (o.postcodesOut) writeAtomically(o.postcodesOut, formatPostcodeCsv(kept));
  return { outcodes: centroids.length, postcodesRead: read, skipped, areaPostcodes: kept.length };
}

/** Write through a temporary file so a failed run never leaves half a table behind. */
function writeAtomically(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('build-outcodes.ts')) {
  try {
    const options = parseArgs(process.argv.slice(2));
    const r = await buildOutcodes(options);
    console.log(
      `wrote ${r.outcodes} outward codes to ${options.out} from ${r.postcodesRead} postcodes (${r.skipped} rows skipped: terminated, no grid reference or not a postcode)` +
        (options.postcodesOut ? `; ${r.areaPostcodes} postcodes to ${options.postcodesOut}` : ''),
    );
  } catch (e) {
    console.error((e as Error).message);
    process.exit(1);
  }
}
