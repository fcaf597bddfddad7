/**
 * UK postcodes to places on the map, without any online service.
 *
 * People type a postcode (or just its first half) to find company nearby; we
 * turn that into a point so the directory can sort by distance. The shipped
 * table `data/postcodes/outcodes.csv` holds one centroid per outward code
 * ("BD8"), derived from open data (see data/postcodes/README.md). A deployment
 * may add `data/postcodes/postcodes.csv` with the full postcodes of its own
 * area for finer points; a full postcode missing from it falls back to its
 * outward code's centroid.
 *
 * Everything here is synchronous: the tables are small (about 2,900 rows,
 * 65 KB) and read once, on first use.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isValid as isValidFullPostcode, validOutcode, toNormalised, toOutcode, toIncode } from 'postcode';

/** A point found for what someone typed. */
export interface Place {
  /** What was looked up, as typed (trimmed). */
  query: string;
  /** 'postcode' when the full postcode was found; 'outcode' when the point is its district's centroid. */
  kind: 'postcode' | 'outcode';
  /** The code the point belongs to: "BD8 7AA" for kind 'postcode', "BD8" for kind 'outcode'. */
  code: string;
  latitude: number;
  longitude: number;
}

/** A postcode or outward code read from user input. */
export interface ParsedPostcode {
  /** Outward code, upper case: "BD8", "SW1A". */
  outcode: string;
  /** Inward code ("7AA"), or null when only the outward code was given. */
  incode: string | null;
  /** Canonical spelling: "BD8 7AA", or "BD8" for an outward code alone. */
  formatted: string;
}

export interface LatLon {
  latitude: number;
  longitude: number;
}

// Royal Mail's letter rules, which the `postcode` package leaves loose
// (it accepts "QX1"): the first letter is never Q, V or X; a second area
// letter is never I, J or Z.
const AREA_LETTERS = /^(?:[A-PR-UWYZ]|[A-PR-UWYZ][A-HK-Y])\d/;
const MAX_INPUT_LENGTH = 16;

/**
 * Read a UK postcode or outward code from free text: any case, with or
 * without the space, extra spaces allowed ("bd87aa", " BD8   7AA ", "bd8").
 * Returns null for anything that is not shaped like one.
 */
export function parsePostcode(input: string): ParsedPostcode | null {
  if (typeof input !== 'string' || input.length > 64) return null;
  const compact = input.replace(/\s+/g, '').toUpperCase();
  if (compact.length < 2 || compact.length > MAX_INPUT_LENGTH || !/^[A-Z0-9]+$/.test(compact)) return null;
  if (!AREA_LETTERS.test(compact)) return null;
  if (isValidFullPostcode(compact)) {
    const outcode = toOutcode(compact);
    const incode = toIncode(compact);
    const formatted = toNormalised(compact);
    if (outcode && incode && formatted && validOutcode(outcode)) return { outcode, incode, formatted };
  }
  if (compact.length <= 4 && validOutcode(compact)) return { outcode: compact, incode: null, formatted: compact };
  return null;
}

const EARTH_RADIUS_M = 6_371_008.8; // mean radius (IUGG)

/** Great-circle distance in metres between two points (haversine; good to ~0.5% for UK distances). */
export function distanceMetres(a: LatLon, b: LatLon): number {
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLon = (b.longitude - a.longitude) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

// ---------------------------------------------------------------------------
// Data loading

interface PostcodeTables {
  /** Outward code -> [latitude, longitude]. */
  outcodes: Map<string, readonly [number, number]>;
  /** Full postcode without spaces ("BD87AA") -> [latitude, longitude]; empty when no file was shipped. */
  postcodes: Map<string, readonly [number, number]>;
}

const DEFAULT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../data/postcodes');
let dataDir = DEFAULT_DIR;
let tables: PostcodeTables | null = null;

/**
 * Use the tables in another folder (it must hold outcodes.csv; postcodes.csv is
 * optional). Clears what was loaded, so the next lookup reads the new folder.
 * Without a call, the repository's data/postcodes is used.
 */
export function usePostcodeData(dir: string = DEFAULT_DIR): void {
  dataDir = path.resolve(dir);
  tables = null;
}

/** How many rows are loaded (reads the tables if not yet read); for health pages and tests. */
export function postcodeDataStats(): { outcodes: number; postcodes: number; dir: string } {
  const t = loadTables();
  return { outcodes: t.outcodes.size, postcodes: t.postcodes.size, dir: dataDir };
}

function loadTables(): PostcodeTables {
  if (tables) return tables;
  const outcodeFile = path.join(dataDir, 'outcodes.csv');
  if (!fs.existsSync(outcodeFile)) {
    throw new Error(`Postcode data is missing: ${outcodeFile} was not found (see data/postcodes/README.md).`);
  }
  const outcodes = readPointTable(outcodeFile);
  const postcodeFile = path.join(dataDir, 'postcodes.csv');
  const postcodes = fs.existsSync(postcodeFile) ? readPointTable(postcodeFile) : new Map<string, readonly [number, number]>();
  tables = { outcodes, postcodes };
  return tables;
}

/**
 * Read "code,latitude,longitude" rows (a header line is optional; quotes and
 * spaces in codes are ignored). Rows whose numbers are not usable points are
 * skipped rather than trusted.
 */
function readPointTable(file: string): Map<string, readonly [number, number]> {
  const map = new Map<string, readonly [number, number]>();
  const text = fs.readFileSync(file, 'utf8');
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const line = text.slice(start, end);
    start = end + 1;
    const c1 = line.indexOf(',');
    const c2 = c1 === -1 ? -1 : line.indexOf(',', c1 + 1);
    if (c2 === -1) continue;
    const c3 = line.indexOf(',', c2 + 1);
    let code = line.slice(0, c1);
    let latText = line.slice(c1 + 1, c2);
    let lonText = line.slice(c2 + 1, c3 === -1 ? undefined : c3);
    if (line.includes('"')) {
      latText = latText.replace(/"/g, '');
      lonText = lonText.replace(/"/g, '');
    }
    if (/[^A-Z0-9]/.test(code)) code = code.replace(/["\s]/g, '').toUpperCase();
    const lat = Number(latText);
    const lon = Number(lonText);
    if (!code || !Number.isFinite(lat) || !Number.isFinite(lon)) continue; // header or bad row
    if (lat < 49 || lat > 61.5 || lon < -9 || lon > 2.5) continue; // not in the UK: placeholder rows
    map.set(code, [lat, lon]);
  }
  return map;
}

/**
 * Find a point for a UK postcode or outward code typed by someone.
 *
 * - a full postcode listed in postcodes.csv gives kind 'postcode';
 * - otherwise its outward code's centroid, kind 'outcode' (`query` keeps the input);
 * - an outward code alone gives its centroid;
 * - anything unknown, non-geographic without a point, or not a postcode at all gives null.
 */
export function lookupPlace(input: string): Place | null {
  const parsed = parsePostcode(input);
  if (!parsed) return null;
  const t = loadTables();
  const query = input.trim();
  if (parsed.incode) {
    const point = t.postcodes.get(parsed.outcode + parsed.incode);
    if (point) return { query, kind: 'postcode', code: parsed.formatted, latitude: point[0], longitude: point[1] };
  }
  const centroid = t.outcodes.get(parsed.outcode);
  if (!centroid) return null;
  return { query, kind: 'outcode', code: parsed.outcode, latitude: centroid[0], longitude: centroid[1] };
}
