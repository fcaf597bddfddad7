/**
 * Where someone wants to look: a postcode ("BD8 7AB"), an outward code
 * ("BD8"), an area name the directory knows ("Manningham") or a town,
 * district or area the deployment names (data/places/places.csv:
 * "Bradford", "Keighley"). Postcodes are looked up in the shipped table;
 * anything not shaped like a postcode is tried as an area name (the middle
 * of the public venues in that area), then as a named place; a misspelling
 * ("Manningam") goes to the nearest name, and the page says which place it
 * used ("Did you mean Manningham?").
 */
import { parsePostcode, type Place } from '../geo/postcodes.ts';
import { matchPlaceName } from '../geo/places.ts';
import type { Executor } from '../../platform/db/executor.ts';
import type { SearchPlace } from '../directory/service-search.ts';
import type { FindProblem } from './find-query.ts';
import { findArea, findSimilarArea } from './find.repository.ts';

export type PlaceLookupFn = (input: string) => Place | null;

export type PlaceResult =
  | {
      ok: true;
      place: SearchPlace | null;
      /** Set when what was typed did not match exactly and `place` is the nearest name: its name, for "Did you mean". */
      didYouMean?: string;
    }
  | { ok: false; problem: FindProblem };

/** The point to search around, none when nothing was typed, or a problem to show next to the field. */
export async function resolvePlace(db: Executor, where: string, lookup: PlaceLookupFn): Promise<PlaceResult> {
  const input = where.trim();
  if (!input) return { ok: true, place: null };
  if (parsePostcode(input)) {
    const found = lookup(input);
    if (found) return { ok: true, place: { code: found.code, latitude: found.latitude, longitude: found.longitude } };
    return { ok: false, problem: { field: 'where', key: 'find.error.postcodeUnknown', values: { where: input } } };
  }
  const area = await findArea(db, input);
  if (area) return { ok: true, place: area };
  const named = matchPlaceName(input);
  const asPlace = (m: NonNullable<typeof named>): SearchPlace => ({
    code: m.place.name,
    latitude: m.place.latitude,
    longitude: m.place.longitude,
  });
  if (named?.edits === 0) return { ok: true, place: asPlace(named) };
  // A near miss: a listed place first (its names are the deployment's own), then the directory's area names.
  const near = named ? asPlace(named) : await findSimilarArea(db, input);
  if (near) return { ok: true, place: near, didYouMean: near.code };
  return { ok: false, problem: { field: 'where', key: 'find.error.placeUnknown', values: { where: input } } };
}
