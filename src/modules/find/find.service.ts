/**
 * What the public finding pages read: a page of search results with their
 * records, one service in full, and the timetables a list of services needs.
 * Routes (find, shortlist) call these; the SQL is in find.repository.ts and
 * the directory's own service.
 */
import type { Executor } from '../../platform/db/executor.ts';
import { cachedWhileDirectoryUnchanged, loadServiceRecords, loadTranslations } from '../directory/directory.service.ts';
import type { ServiceRecord } from '../directory/service-record.ts';
import type { SearchPlace } from '../directory/service-search.ts';
import type { Translations } from '../directory/translation.ts';
import type { FindQuery } from './find-query.ts';
import { runFind, type FindOutcome } from './find-search.ts';
import { localNow, type LocalNow, type Timetable } from './find-when.ts';
import { directoryLanguages, loadExceptionRows, loadTimetables, serviceExists } from './find.repository.ts';

export { loadTimetables, serviceExists };

/** The languages some service speaks, for the language filter (kept until the directory changes). */
export const languagesOffered: (db: Executor) => Promise<string[]> = cachedWhileDirectoryUnchanged(directoryLanguages);

/** One page of results for a public search, with the records the cards show. */
export async function findServices(
  db: Executor,
  query: FindQuery,
  place: SearchPlace | null,
  now: Date,
): Promise<FindOutcome & { records: ServiceRecord[] }> {
  const outcome = await runFind(db, query, place, now);
  const records = await loadServiceRecords(db, outcome.ids, localNow(now).date);
  return { ...outcome, records };
}

export interface ServicePageData {
  record: ServiceRecord;
  exceptions: Awaited<ReturnType<typeof loadExceptionRows>>;
  timetable: Timetable | undefined;
  /** The service's and its locations' texts in `locale`. */
  translations: Translations;
}

/** Everything the service page shows, or null when there is no such service. */
export async function loadServicePage(db: Executor, id: string, locale: string, now: LocalNow): Promise<ServicePageData | null> {
  const [record] = await loadServiceRecords(db, [id], now.date);
  if (!record) return null;
  const [exceptions, timetables, serviceTexts, locationTexts] = await Promise.all([
    loadExceptionRows(db, [id]),
    loadTimetables(db, [id]),
    loadTranslations(db, 'service', [id], locale),
    loadTranslations(
      db,
      'location',
      record.locations.map((l) => l.location.id),
      locale,
    ),
  ]);
  return { record, exceptions, timetable: timetables.get(id), translations: new Map([...serviceTexts, ...locationTexts]) };
}
