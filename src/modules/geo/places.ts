/**
 * Place names a deployment knows (towns, districts, areas), so people can
 * type "Bradford" or "Keighley" where a postcode would go, and a misspelling
 * ("Manningam") still finds the place.
 *
 * The list is `data/places/places.csv` (see data/places/README.md): name,
 * kind, latitude, longitude and other names. Read once, on first use; small.
 * Matching ignores case, accents and punctuation; a near miss is allowed a
 * few letter edits (one for names of up to 5 letters, two up to 8, three
 * beyond), swaps of neighbouring letters counting as one.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type PlaceKind = 'town' | 'district' | 'area';

export interface NamedPlace {
  name: string;
  kind: PlaceKind;
  latitude: number;
  longitude: number;
  alsoKnownAs: string[];
}

const DEFAULT_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../data/places/places.csv');
let file = DEFAULT_FILE;
let places: NamedPlace[] | null = null;

/** Use another list (tests, or a deployment's own); without a call, data/places/places.csv. */
export function usePlaceNames(csvFile: string = DEFAULT_FILE): void {
  file = path.resolve(csvFile);
  places = null;
}

/** Lower case, no accents, words separated by single spaces. */
export function foldPlaceName(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/['‘’]/g, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .join(' ');
}

/** Letter edits allowed for a near miss of a name this long. */
export const allowedEdits = (length: number) => (length <= 5 ? 1 : length <= 8 ? 2 : 3);

/** Optimal string alignment distance (insert, delete, substitute, swap two neighbours). */
export function editDistance(a: string, b: string): number {
  const A = [...a];
  const B = [...b];
  let before: number[] = [];
  let prev = Array.from({ length: B.length + 1 }, (_, j) => j);
  for (let i = 1; i <= A.length; i++) {
    const cur = [i];
    for (let j = 1; j <= B.length; j++) {
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (A[i - 1] === B[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && A[i - 1] === B[j - 2] && A[i - 2] === B[j - 1]) v = Math.min(v, before[j - 2]! + 1);
      cur.push(v);
    }
    before = prev;
    prev = cur;
  }
  return prev[B.length]!;
}

function load(): NamedPlace[] {
  if (places) return places;
  const out: NamedPlace[] = [];
  if (fs.existsSync(file)) {
    for (const line of fs.readFileSync(file, 'utf8').split(/\r?\n/)) {
      const [name, kind, lat, lon, also] = line.split(',').map((s) => s.trim());
      const latitude = Number(lat);
      const longitude = Number(lon);
      if (!name || !['town', 'district', 'area'].includes(kind ?? '') || !Number.isFinite(latitude) || !Number.isFinite(longitude))
        continue;
      if (!lat || !lon || latitude < 49 || latitude > 61.5 || longitude < -9 || longitude > 2.5) continue;
      const alsoKnownAs = (also ?? '')
        .split(';')
        .map((s) => s.trim())
        .filter(Boolean);
      out.push({ name, kind: kind as PlaceKind, latitude, longitude, alsoKnownAs });
    }
  }
  places = out;
  return places;
}

/** How a typed name matched a place. */
export interface PlaceNameMatch {
  place: NamedPlace;
  /** Letter edits between what was typed and the nearest of the place's names (0: exactly, ignoring case and accents). */
  edits: number;
}

/**
 * The listed place with this name or another name of it; failing that, the
 * nearest one within the allowed edits (ties: towns before districts before
 * areas, then the list's order). Null when none is close.
 */
export function matchPlaceName(input: string): PlaceNameMatch | null {
  const wanted = foldPlaceName(input);
  if (!wanted) return null;
  const rank: Record<PlaceKind, number> = { town: 0, district: 1, area: 2 };
  let best: PlaceNameMatch | null = null;
  for (const place of load()) {
    for (const name of [place.name, ...place.alsoKnownAs]) {
      const folded = foldPlaceName(name);
      if (Math.abs(folded.length - wanted.length) > allowedEdits(wanted.length)) continue;
      const edits = folded === wanted ? 0 : editDistance(wanted, folded);
      if (edits > allowedEdits(Math.max(wanted.length, folded.length))) continue;
      if (!best || edits < best.edits || (edits === best.edits && rank[place.kind] < rank[best.place.kind])) best = { place, edits };
    }
  }
  return best;
}
