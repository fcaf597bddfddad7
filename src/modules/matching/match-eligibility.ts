/**
 * Who may come, and where from: two hard rules that hold whatever the person
 * asked for. Pure.
 *
 * - Eligibility: a service "only" for some people (its audiences) is offered
 *   only to a person who is one of them for sure: their age band (children,
 *   young people, older people), one of their own communities (for a group
 *   only for particular communities), or a group they said they belong to
 *   (carers, families, refugees and people seeking asylum…). What the person
 *   did not say never counts as belonging. "Especially welcome" and "open to
 *   all" rule nobody out.
 * - Service areas: a service whose areas Belong can read (a list of outward
 *   codes or postcode areas, or a GeoJSON polygon) is offered only to a
 *   person whose area is inside one of them; not knowing where they live
 *   never counts as inside. An area given only by name ("Bradford district")
 *   cannot be checked: it does not rule anyone out, and the reasons say to
 *   ask first.
 */
import type { PersonAgeBand } from '../../platform/db/schema.ts';
import type { MatchCandidate, ServiceArea } from './match-candidate.ts';
import type { Audience, MatchRequest } from './match-request.ts';

export type { ServiceArea } from './match-candidate.ts';

const AGE_AUDIENCES: Partial<Record<Audience, readonly PersonAgeBand[]>> = {
  children: ['under_16'],
  young_people: ['under_16', '16_17', '18_24'],
  older_people: ['50_64', '65_plus'],
};

export const fold = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().trim();

/** The person is one of the audience for sure. */
export function personIs(r: MatchRequest, audience: Audience, c: MatchCandidate): boolean {
  const bands = AGE_AUDIENCES[audience];
  if (bands) return r.ageBand !== null && bands.includes(r.ageBand);
  if (audience === 'communities') {
    const theirs = new Set(r.communities.map(fold));
    return c.communities.some((x) => theirs.has(fold(x)));
  }
  return (r.belongsTo ?? []).includes(audience);
}

export function eligibilityFits(r: MatchRequest, c: MatchCandidate): boolean {
  const audiences = c.audiences ?? [];
  if (c.eligibility !== 'only' || !audiences.length) return true;
  return audiences.some((a) => personIs(r, a as Audience, c));
}

const OUTCODE_LIST = /^\s*[A-Z]{1,2}(\d[A-Z\d]?)?(\s*[,;\s]\s*[A-Z]{1,2}(\d[A-Z\d]?)?)*\s*$/i;

/** Reads an ORUK service area's extent: a list of outward codes, GeoJSON polygons, or nothing Belong can check. */
export function readServiceArea(a: { name: string | null; extent: string | null; extent_type: string | null }): ServiceArea {
  const type = (a.extent_type ?? '').trim().toLowerCase();
  const extent = (a.extent ?? '').trim();
  let outcodes: string[] | null = null;
  let polygons: [number, number][][] | null = null;
  if (extent && type !== 'geojson' && OUTCODE_LIST.test(extent))
    outcodes = extent
      .toUpperCase()
      .split(/[\s,;]+/)
      .filter(Boolean);
  else if (extent && (type === 'geojson' || extent.startsWith('{'))) {
    try {
      polygons = geojsonRings(JSON.parse(extent));
    } catch {
      polygons = null;
    }
  }
  return { name: a.name, outcodes, polygons: polygons && polygons.length ? polygons : null };
}

function geojsonRings(g: unknown): [number, number][][] {
  if (!g || typeof g !== 'object') return [];
  const o = g as { type?: string; coordinates?: unknown; geometry?: unknown; features?: unknown[] };
  if (o.type === 'Feature') return geojsonRings(o.geometry);
  if (o.type === 'FeatureCollection') return (o.features ?? []).flatMap(geojsonRings);
  const ring = (r: unknown): [number, number][] =>
    Array.isArray(r) ? r.filter((p) => Array.isArray(p) && p.length >= 2).map((p) => [Number(p[0]), Number(p[1])]) : [];
  // Only the outer ring of each polygon (holes are ignored: a person in a hole is taken as inside).
  if (o.type === 'Polygon' && Array.isArray(o.coordinates)) return [ring(o.coordinates[0])];
  if (o.type === 'MultiPolygon' && Array.isArray(o.coordinates)) return o.coordinates.map((p) => ring(Array.isArray(p) ? p[0] : null));
  return [];
}

function insideRing(ring: readonly (readonly [number, number])[], lon: number, lat: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export const isReadable = (a: ServiceArea): boolean => a.outcodes !== null || a.polygons !== null;

/** The person is inside the area for sure (null: the area cannot be checked). */
export function insideArea(r: MatchRequest, a: ServiceArea): boolean | null {
  if (!isReadable(a)) return null;
  const outcode = r.outcode?.toUpperCase() ?? null;
  if (a.outcodes && outcode) {
    const district = outcode.replace(/\d.*$/, '');
    if (a.outcodes.includes(outcode) || a.outcodes.includes(district)) return true;
  }
  if (a.polygons && r.origin) {
    const { latitude, longitude } = r.origin;
    if (a.polygons.some((ring) => insideRing(ring, longitude, latitude))) return true;
  }
  return false;
}

/** A service with areas Belong can read is only for people inside one of them. */
export function areaFits(r: MatchRequest, c: MatchCandidate): boolean {
  const readable = (c.serviceAreas ?? []).filter(isReadable);
  return !readable.length || readable.some((a) => insideArea(r, a) === true);
}

/** Areas given only by name, to mention ("ask first: covers Bradford district"). */
export const uncheckedAreas = (c: MatchCandidate): string[] =>
  (c.serviceAreas ?? []).filter((a) => !isReadable(a) && a.name).map((a) => a.name!);
