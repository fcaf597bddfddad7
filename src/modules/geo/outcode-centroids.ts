/**
 * Outward-code centroids from a full postcode file (the "derive" path).
 *
 * A deployment can rebuild data/postcodes/outcodes.csv from a newer ONS
 * Postcode Directory (ONSPD) or Ordnance Survey Code-Point Open release by
 * averaging the positions of the live postcodes in each outward code. The
 * row readers here drop what would poison an average: terminated postcodes,
 * postcodes without a grid reference (ONSPD marks them with latitude
 * 99.999999 and longitude 0; Code-Point Open with quality 90 and 0,0) and
 * anything outside the British Isles. scripts/build-outcodes.ts streams the
 * files through these functions.
 */
import { parsePostcode } from './postcodes.ts';
import { gridToWgs84 } from './osgb.ts';

/** One postcode position read from a source file. */
export interface PostcodePoint {
  /** Canonical postcode, e.g. "BD8 7AA". */
  postcode: string;
  outcode: string;
  latitude: number;
  longitude: number;
}

/** Centroid of one outward code. */
export interface OutcodeCentroid {
  outcode: string;
  latitude: number;
  longitude: number;
  /** How many postcodes were averaged. */
  postcodes: number;
}

const inBritishIsles = (lat: number, lon: number): boolean => lat >= 49 && lat <= 61.5 && lon >= -9 && lon <= 2.5;

/**
 * Read one ONSPD record (header names in any case: pcds or pcd/pcd7/pcd8,
 * lat, long, doterm, osgrdind). Returns null for rows that must not be averaged.
 */
export function onspdPoint(
  record: Record<string, string | undefined>,
  options: { includeTerminated?: boolean } = {},
): PostcodePoint | null {
  const get = (...names: string[]): string => {
    for (const n of names) {
      const v = record[n] ?? record[n.toUpperCase()];
      if (v !== undefined) return v.trim();
    }
    return '';
  };
  const parsed = parsePostcode(get('pcds', 'pcd', 'pcd7', 'pcd8', 'pcd2', 'postcode'));
  if (!parsed || !parsed.incode) return null;
  if (!options.includeTerminated && get('doterm') !== '') return null;
  if (get('osgrdind') === '9') return null; // no grid reference
  const latText = get('lat', 'latitude');
  const lonText = get('long', 'lon', 'longitude');
  if (latText === '' || lonText === '') return null;
  const latitude = Number(latText);
  const longitude = Number(lonText);
  if (!Number.isFinite(latitude) || !Number.isFinite(longitude) || !inBritishIsles(latitude, longitude)) return null;
  return { postcode: parsed.formatted, outcode: parsed.outcode, latitude, longitude };
}

/**
 * Read one Code-Point Open row (no header: Postcode, Positional_quality_indicator,
 * Eastings, Northings, ...). Converts the grid reference to WGS84.
 */
export function codePointPoint(fields: readonly string[]): PostcodePoint | null {
  const [pc, quality, e, n] = fields;
  const parsed = parsePostcode(pc ?? '');
  if (!parsed || !parsed.incode) return null;
  if ((quality ?? '').trim() === '90') return null; // no coordinates
  const easting = Number(e);
  const northing = Number(n);
  if (!Number.isFinite(easting) || !Number.isFinite(northing) || (easting === 0 && northing === 0)) return null;
  if (easting < 0 || easting > 700_000 || northing < 0 || northing > 1_300_000) return null;
  const { latitude, longitude } = gridToWgs84(easting, northing);
  if (!inBritishIsles(latitude, longitude)) return null;
  return { postcode: parsed.formatted, outcode: parsed.outcode, latitude, longitude };
}

/** Running sums per outward code; feed it points, then read the centroids. */
export class OutcodeAverager {
  readonly #sums = new Map<string, { lat: number; lon: number; count: number }>();

  add(point: PostcodePoint): void {
    const s = this.#sums.get(point.outcode);
    if (s) {
      s.lat += point.latitude;
      s.lon += point.longitude;
      s.count += 1;
    } else {
      this.#sums.set(point.outcode, { lat: point.latitude, lon: point.longitude, count: 1 });
    }
  }

  /** Centroids (arithmetic mean of latitude and of longitude), sorted by outward code. */
  centroids(): OutcodeCentroid[] {
    return [...this.#sums]
      .map(([outcode, s]) => ({ outcode, latitude: s.lat / s.count, longitude: s.lon / s.count, postcodes: s.count }))
      .sort((a, b) => compareCodes(a.outcode, b.outcode));
  }
}

/** Sort codes the way people read them: BD2 before BD10. */
export function compareCodes(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

const fixed = (x: number): string => x.toFixed(5);

/** outcodes.csv text: header, then "outcode,latitude,longitude" at 5 decimal places (about 1 m). */
export function formatOutcodeCsv(centroids: readonly OutcodeCentroid[]): string {
  return (
    ['outcode,latitude,longitude', ...centroids.map((c) => `${c.outcode},${fixed(c.latitude)},${fixed(c.longitude)}`)].join('\n') + '\n'
  );
}

/** postcodes.csv text: header, then "postcode,latitude,longitude" with the postcode's usual spelling. */
export function formatPostcodeCsv(points: readonly PostcodePoint[]): string {
  const rows = [...points].sort((a, b) => compareCodes(a.postcode, b.postcode));
  return ['postcode,latitude,longitude', ...rows.map((p) => `${p.postcode},${fixed(p.latitude)},${fixed(p.longitude)}`)].join('\n') + '\n';
}

/** True when a postcode belongs to one of the given areas ("BD") or outward codes ("BD8"). */
export function inAreas(point: PostcodePoint, areas: readonly string[]): boolean {
  const area = point.outcode.replace(/\d.*$/, '');
  return areas.some((a) => a === area || a === point.outcode);
}
