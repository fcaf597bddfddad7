/**
 * The reads the public finding pages need besides the directory search
 * itself: which languages the directory speaks (for the language filter),
 * where an area name is (so "Manningham" works like a postcode), and the
 * timetables of many services at once (for "on today" and "open now").
 */
import { sql } from 'kysely';
import { SCHEDULE_COLUMNS, type ScheduleExceptionInput, type ScheduleInput } from '../directory/schedule.ts';
import type { Executor } from '../../platform/db/executor.ts';
import type { SearchPlace } from '../directory/service-search.ts';
import type { Timetable } from './find-when.ts';

/** Language codes spoken by active services, most common first. */
export async function directoryLanguages(db: Executor): Promise<string[]> {
  const rows = await db
    .selectFrom('language as lg')
    .innerJoin('service as s', 's.id', 'lg.service_id')
    .select(['lg.code', (eb) => eb.fn.count<number>('lg.service_id').distinct().as('services')])
    .where('s.status', '=', 'active')
    .where('lg.code', 'is not', null)
    .groupBy('lg.code')
    .orderBy('services', 'desc')
    .orderBy('lg.code')
    .execute();
  return rows.flatMap((r) => (r.code ? [r.code] : []));
}

/**
 * The middle of an area named in the directory ("Manningham",
 * "girlington"): the average position of the public venues whose area name
 * matches, ignoring case and accents. Confidential venues never count.
 * Null when no venue is in an area of that name.
 */
export async function findArea(db: Executor, name: string): Promise<SearchPlace | null> {
  const wanted = name.trim();
  if (!wanted) return null;
  const row = await areaQuery(db, wanted).executeTakeFirst();
  if (!row?.area || row.latitude == null || row.longitude == null) return null;
  return { code: row.area, latitude: Number(row.latitude), longitude: Number(row.longitude) };
}

/** `findArea`'s query (through the index `belong_location_area_fold`, migration 0320). */
export function areaQuery(db: Executor, wanted: string) {
  return db
    .selectFrom('belong_location as bl')
    .innerJoin('location as l', 'l.id', 'bl.location_id')
    .select([
      sql<string>`min(bl.area_name)`.as('area'),
      sql<number>`avg(l.latitude)`.as('latitude'),
      sql<number>`avg(l.longitude)`.as('longitude'),
    ])
    .where(sql<boolean>`belong_fold(bl.area_name) = belong_fold(${wanted})`)
    .where('bl.confidential', '=', false)
    .where('bl.area_name', 'is not', null)
    .where('l.latitude', 'is not', null)
    .where('l.longitude', 'is not', null);
}

/**
 * The area name in the directory nearest to a misspelt one ("Manningam"):
 * trigram-similar (at least 0.4) and a few letter edits away (one up to 5
 * letters, two up to 8, three beyond: `belong_edit_distance`, migration
 * 0140), the most similar first; its middle as `findArea` gives it. Null
 * when none is close.
 */
export async function findSimilarArea(db: Executor, name: string): Promise<SearchPlace | null> {
  const wanted = name.trim();
  if (!wanted) return null;
  const row = await similarAreaQuery(db, wanted).executeTakeFirst();
  return row ? findArea(db, row.area) : null;
}

/** `findSimilarArea`'s query (candidates through the index `belong_location_area_trgm`, migration 0320). */
export function similarAreaQuery(db: Executor, wanted: string) {
  return (
    db
      .selectFrom('belong_location as bl')
      .select(sql<string>`bl.area_name`.as('area'))
      .where('bl.confidential', '=', false)
      .where('bl.area_name', 'is not', null)
      // `%` (similarity at least pg_trgm's threshold, 0.3 unless set) lets the trigram index (migration 0320) find the candidates.
      .where(sql<boolean>`belong_fold(bl.area_name) % belong_fold(${wanted})`)
      .where(sql<boolean>`similarity(belong_fold(bl.area_name), belong_fold(${wanted})) >= 0.4`)
      .where(
        sql<boolean>`belong_edit_distance(belong_fold(${wanted}), belong_fold(bl.area_name)) <= case
        when greatest(length(${wanted}), length(bl.area_name)) <= 5 then 1
        when greatest(length(${wanted}), length(bl.area_name)) <= 8 then 2 else 3 end`,
      )
      .groupBy('bl.area_name')
      .orderBy(sql`similarity(belong_fold(bl.area_name), belong_fold(${wanted}))`, 'desc')
      .orderBy('bl.area_name')
      .limit(1)
  );
}

/** Schedules and closures of each service (two queries, whatever the number of services). */
export async function loadTimetables(db: Executor, serviceIds: readonly string[]): Promise<Map<string, Timetable>> {
  const out = new Map<string, { schedules: ScheduleInput[]; exceptions: ScheduleExceptionInput[] }>();
  const ids = [...new Set(serviceIds)];
  if (!ids.length) return out;
  for (const id of ids) out.set(id, { schedules: [], exceptions: [] });
  const [schedules, exceptions] = await Promise.all([
    db
      .selectFrom('schedule')
      .select([...SCHEDULE_COLUMNS])
      .where('service_id', 'in', ids)
      .orderBy('id')
      .execute(),
    loadExceptionRows(db, ids),
  ]);
  for (const s of schedules) out.get(s.service_id!)?.schedules.push(s);
  for (const e of exceptions) out.get(e.service_id)?.exceptions.push(e);
  return out;
}

/** Belong's closures and changed hours for the services, earliest first. */
export function loadExceptionRows(db: Executor, serviceIds: readonly string[]) {
  return db
    .selectFrom('belong_schedule_exception')
    .selectAll()
    .where('service_id', 'in', [...serviceIds])
    .orderBy('starts_on')
    .orderBy('id')
    .execute();
}

/** Is there a service with this id (any status)? */
export async function serviceExists(db: Executor, id: string): Promise<boolean> {
  return (await db.selectFrom('service').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}
