/**
 * Where someone wants to look: a postcode ("BD8 7AB"), an outward code
 * ("BD8") or an area name the directory knows ("Manningham"). Postcodes are
 * looked up in the shipped table; anything not shaped like a postcode is
 * tried as an area name (the middle of the public venues in that area).
 */
import { parsePostcode, type Place } from '../geo/postcodes.ts';
import type { Executor } from '../../platform/db/executor.ts';
import type { SearchPlace } from '../directory/service-search.ts';
import type { FindProblem } from './find-query.ts';
import { findArea } from './find.repository.ts';

export type PlaceLookupFn = (input: string) => Place | null;

export type PlaceResult = { ok: true; place: SearchPlace | null } | { ok: false; problem: FindProblem };

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
  return { ok: false, problem: { field: 'where', key: 'find.error.placeUnknown', values: { where: input } } };
}
