/**
 * Runs a public search: the directory search (`searchServices`) for
 * matching, then, only when the person sorts or filters by "on today" or
 * "open now" (or sorts words by distance), an in-memory pass over at most
 * CANDIDATE_CAP candidates — the nearest or best ones — whose schedules are
 * evaluated with their closures in Europe/London time (find-when.ts). Other
 * searches fetch just the one page the database already orders correctly.
 */
import type { Executor } from '../../platform/db/executor.ts';
import { searchServices } from '../directory/directory.service.ts';
import type { SearchPlace } from '../directory/service-search.ts';
import { effectiveSort, toSearchParams, type FindQuery, type Sort } from './find-query.ts';
import { arrangeCandidates, CANDIDATE_CAP, localNow, searchOrderSuffices, type Timetable } from './find-when.ts';
import { loadTimetables } from './find.repository.ts';

/** Results per page: enough to choose from, few enough for a 14 KB page. */
export const PER_PAGE = 10;

export interface FindOutcome {
  /** How many services match (after "on today"/"open now", when asked). */
  total: number;
  /** The ids on the requested page, in order. */
  ids: string[];
  distances: ReadonlyMap<string, number>;
  /** Timetables of the page's services. */
  timetables: ReadonlyMap<string, Timetable>;
  sort: Sort;
  sortNeedsPlace: boolean;
  /** More services matched than were evaluated in memory (only the first CANDIDATE_CAP count). */
  capped: boolean;
}

export async function runFind(db: Executor, query: FindQuery, place: SearchPlace | null, now: Date): Promise<FindOutcome> {
  const local = localNow(now);
  const { sort, needsPlace } = effectiveSort(query, place !== null);
  if (searchOrderSuffices(sort, query.q !== '', query.when)) {
    const result = await searchServices(db, toSearchParams(query, place, { today: local.date, page: query.page, perPage: PER_PAGE }));
    return {
      total: result.total,
      ids: result.ids,
      distances: result.distanceMetres,
      timetables: await loadTimetables(db, result.ids),
      sort,
      sortNeedsPlace: needsPlace,
      capped: false,
    };
  }
  const candidates = await searchServices(db, toSearchParams(query, place, { today: local.date, page: 1, perPage: CANDIDATE_CAP }));
  const timetables = await loadTimetables(db, candidates.ids);
  const arranged = arrangeCandidates(candidates.ids, timetables, {
    sort,
    when: query.when,
    now: local,
    distances: candidates.distanceMetres,
  });
  const start = (query.page - 1) * PER_PAGE;
  return {
    total: arranged.length,
    ids: arranged.slice(start, start + PER_PAGE),
    distances: candidates.distanceMetres,
    timetables,
    sort,
    sortNeedsPlace: needsPlace,
    capped: candidates.total > CANDIDATE_CAP,
  };
}
