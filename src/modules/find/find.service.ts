/**
 * What the public finding pages read: a page of search results with their
 * records, one service in full, and the timetables a list of services needs.
 * Routes (find, shortlist) call these; the SQL is in find.repository.ts and
 * the directory's own service.
 */
import type { Executor } from '../../platform/db/executor.ts';
import { keptWhileDirectoryUnchanged, loadServiceRecords, loadTranslations } from '../directory/directory.service.ts';
import type { ScheduleExceptionRow, ServiceRecord } from '../directory/service-record.ts';
import type { SearchPlace } from '../directory/service-search.ts';
import type { Translations } from '../directory/translation.ts';
import type { FindQuery } from './find-query.ts';
import { findPage, type FindOutcome } from './find-search.ts';
import { localNow, type LocalNow, type Timetable } from './find-when.ts';
import { directoryLanguages, loadTimetables, serviceExists } from './find.repository.ts';

/**
 * A service's timetable from its record, which already holds its schedules
 * (by id) and closures (earliest first), as loadTimetables would read them:
 * no second look at the database.
 */
export const timetableOf = (record: ServiceRecord): Timetable => ({ schedules: record.schedules, exceptions: record.scheduleExceptions });

export { loadTimetables, serviceExists };

/**
 * The languages some service speaks, for the language filter: kept until the
 * directory changes, in memory and in the database, so a process that starts
 * (or another app process) reads the list instead of counting every
 * service's languages again (0.4 s at 100,000 services on PostgreSQL, about
 * 0.8 s on the embedded database, which the first results page waited for).
 */
export const languagesOffered: (db: Executor) => Promise<string[]> = keptWhileDirectoryUnchanged('find.languages', directoryLanguages);

/** One page of results for a public search, with the records the cards show (and their timetables, from the records). */
export async function findServices(
  db: Executor,
  query: FindQuery,
  place: SearchPlace | null,
  now: Date,
): Promise<FindOutcome & { records: ServiceRecord[] }> {
  const found = await findPage(db, query, place, now);
  const records = await loadServiceRecords(db, found.ids, localNow(now).date);
  return { ...found, records, timetables: new Map(records.map((r) => [r.service.id, timetableOf(r)])) };
}

export interface ServicePageData {
  record: ServiceRecord;
  exceptions: ScheduleExceptionRow[];
  timetable: Timetable | undefined;
  /** The service's and its locations' texts in `locale`. */
  translations: Translations;
}

/** Everything the service page shows, or null when there is no such service. */
export async function loadServicePage(db: Executor, id: string, locale: string, now: LocalNow): Promise<ServicePageData | null> {
  const [record] = await loadServiceRecords(db, [id], now.date);
  if (!record) return null;
  // The record holds the schedules and closures already: only the translations are read besides.
  const [serviceTexts, locationTexts] = await Promise.all([
    loadTranslations(db, 'service', [id], locale),
    loadTranslations(
      db,
      'location',
      record.locations.map((l) => l.location.id),
      locale,
    ),
  ]);
  return {
    record,
    exceptions: record.scheduleExceptions,
    timetable: timetableOf(record),
    translations: new Map([...serviceTexts, ...locationTexts]),
  };
}
