/**
 * Runs a public search. Everything is decided by the database over every
 * match, whatever the size of the directory: "on today" and "open now"
 * (filters and sorts) are conditions of the search itself, tested on the
 * compiled schedules with closures and changed hours in Europe/London time,
 * and the page is fetched directly with its total.
 *
 * Sorting by "on today" or "open now" puts groups one after the other (open
 * now, then on today, then the rest), each in the search's own order: the
 * page is taken from the group(s) it falls in, by offset, so a page costs at
 * most one search per group.
 */
import type { Executor } from '../../platform/db/executor.ts';
import { prepareScheduleRules, searchServices } from '../directory/directory.service.ts';
import type { SearchPlace, ServiceSearchParams } from '../directory/service-search.ts';
import { effectiveSort, toSearchParams, type FindQuery, type Sort } from './find-query.ts';
import { localNow, type Timetable } from './find-when.ts';
import { loadTimetables } from './find.repository.ts';

/** Results per page: enough to choose from, few enough for a 14 KB page. */
export const PER_PAGE = 10;

export interface FindPage {
  /** How many services match (after "on today"/"open now", when asked). */
  total: number;
  /** The ids on the requested page, in order. */
  ids: string[];
  distances: ReadonlyMap<string, number>;
  sort: Sort;
  sortNeedsPlace: boolean;
}

export interface FindOutcome extends FindPage {
  /** Timetables of the page's services. */
  timetables: ReadonlyMap<string, Timetable>;
}

type Group = { onDay?: boolean; openAt?: boolean };

/** The groups a sort puts one after the other, narrowed by the "on today"/"open now" filters (empty ones dropped). */
export function timeGroups(sort: Sort, filter: Group): Group[] {
  const groups: Group[] =
    sort === 'open'
      ? [{ openAt: true }, { onDay: true, openAt: false }, { onDay: false }]
      : sort === 'today'
        ? [{ onDay: true }, { onDay: false }]
        : [{}];
  const out: Group[] = [];
  for (const g of groups) {
    const m: Group = { ...g };
    if (filter.onDay) {
      if (m.onDay === false) continue;
      m.onDay = true;
    }
    if (filter.openAt) {
      if (m.openAt === false || m.onDay === false) continue;
      m.openAt = true;
    }
    // Open at a time implies a session that day.
    if (m.openAt) delete m.onDay;
    out.push(m);
  }
  return out;
}

/** The search alone: the total and the page's ids (the page's records then give its timetables, see findServices). */
export async function findPage(db: Executor, query: FindQuery, place: SearchPlace | null, now: Date): Promise<FindPage> {
  const local = localNow(now);
  const { sort, needsPlace } = effectiveSort(query, place !== null);
  const base = toSearchParams(query, place, { today: local.date, page: query.page, perPage: PER_PAGE });
  const filter: Group = {
    ...(query.when.includes('today') ? { onDay: true } : {}),
    ...(query.when.includes('now') ? { openAt: true } : {}),
  };
  const groups = timeGroups(sort, filter);
  const asksTimes = groups.some((g) => g.onDay !== undefined || g.openAt !== undefined);
  if (asksTimes) await prepareScheduleRules(db);
  const nearestFirst = sort === 'nearest' && place !== null && query.q !== '';

  const skip = (query.page - 1) * PER_PAGE;
  let before = 0;
  const ids: string[] = [];
  const distances = new Map<string, number>();
  for (const g of groups) {
    const offset = Math.max(0, skip + ids.length - before);
    const want = PER_PAGE - ids.length;
    const params: ServiceSearchParams = {
      ...base,
      offset,
      perPage: Math.max(want, 1),
      ...(nearestFirst ? { nearestFirst } : {}),
      ...(g.onDay !== undefined || g.openAt !== undefined ? { when: { date: local.date, time: local.time, ...g } } : {}),
    };
    const r = await searchServices(db, params);
    if (want > 0) {
      ids.push(...r.ids);
      for (const [id, m] of r.distanceMetres) distances.set(id, m);
    }
    before += r.total;
  }
  return { total: before, ids, distances, sort, sortNeedsPlace: needsPlace };
}

/** The search and the timetables of the page's services. */
export async function runFind(db: Executor, query: FindQuery, place: SearchPlace | null, now: Date): Promise<FindOutcome> {
  const found = await findPage(db, query, place, now);
  return { ...found, timetables: await loadTimetables(db, found.ids) };
}
