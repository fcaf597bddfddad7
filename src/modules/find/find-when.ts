/**
 * "On today" and "open now" for one service's timetable (the service page
 * and the result cards), and `arrangeCandidates`, the same filters and
 * orders over a list of services evaluated in memory: the reference the
 * search's SQL (find-search.ts, sessionCondition in the directory's search)
 * is tested against. Pure: the clock and the schedules are passed in.
 */
import { isOnDay, isOpenAt, londonLocal, type ScheduleExceptionInput, type ScheduleInput } from '../directory/schedule.ts';
import type { Sort, WhenChoice } from './find-query.ts';

/** A service's timetable: its schedules and Belong's closures. */
export interface Timetable {
  schedules: readonly ScheduleInput[];
  exceptions: readonly ScheduleExceptionInput[];
}

/** Local date and time in London, as the schedule functions take them. */
export interface LocalNow {
  date: string;
  time: string;
}

export const localNow = (now: Date): LocalNow => {
  const l = londonLocal(now);
  return { date: l.date, time: l.time };
};

export interface WhenFlags {
  onToday: boolean;
  openNow: boolean;
}

const NO_TIMETABLE: Timetable = { schedules: [], exceptions: [] };

/** Whether a service has a session today, and whether one is running now. */
export function whenFlags(t: Timetable | undefined, now: LocalNow): WhenFlags {
  const { schedules, exceptions } = t ?? NO_TIMETABLE;
  const onToday = isOnDay(schedules, exceptions, now.date);
  return { onToday, openNow: onToday && isOpenAt(schedules, exceptions, now.date, now.time) };
}

export interface ArrangeOptions {
  sort: Sort;
  /** Keep only services on today / open now. */
  when: readonly WhenChoice[];
  now: LocalNow;
  /** Metres to each service, when searching around a place; used by sort 'nearest'. */
  distances?: ReadonlyMap<string, number>;
}

/**
 * Filters and orders candidate ids (given in search order):
 * - `when` 'today' / 'now' keep only those on today / open now;
 * - sort 'today': on today first; 'open': open now first, then on today;
 * - sort 'nearest': by distance, unknown distances last;
 * - otherwise the search order is kept. Ties always keep the search order.
 */
export function arrangeCandidates(ids: readonly string[], timetables: ReadonlyMap<string, Timetable>, o: ArrangeOptions): string[] {
  const needsFlags = o.when.length > 0 || o.sort === 'today' || o.sort === 'open';
  const flags = new Map<string, WhenFlags>();
  if (needsFlags) for (const id of ids) flags.set(id, whenFlags(timetables.get(id), o.now));
  let out = ids.filter((id) => {
    const f = flags.get(id);
    if (o.when.includes('today') && !f?.onToday) return false;
    if (o.when.includes('now') && !f?.openNow) return false;
    return true;
  });
  const position = new Map(ids.map((id, i) => [id, i]));
  const byPosition = (a: string, b: string) => position.get(a)! - position.get(b)!;
  if (o.sort === 'today' || o.sort === 'open') {
    const rank = (id: string) => {
      const f = flags.get(id)!;
      if (o.sort === 'open') return f.openNow ? 0 : f.onToday ? 1 : 2;
      return f.onToday ? 0 : 1;
    };
    out = [...out].sort((a, b) => rank(a) - rank(b) || byPosition(a, b));
  } else if (o.sort === 'nearest' && o.distances) {
    const d = (id: string) => o.distances!.get(id) ?? Number.POSITIVE_INFINITY;
    out = [...out].sort((a, b) => d(a) - d(b) || byPosition(a, b));
  }
  return out;
}
