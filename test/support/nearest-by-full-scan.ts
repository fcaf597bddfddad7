// The slow and obvious answer to "nearest first": every matching active
// service with the distance to its nearest public (not confidential) location,
// by scanning them all. Search tests compare the fast paths with it.
import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { DB } from '../../src/platform/db/schema.ts';

export async function nearestFirstByFullScan(
  db: Kysely<DB>,
  at: { latitude: number; longitude: number },
  filter: RawBuilder<SqlBool> | RawBuilder<unknown> = sql`true`,
): Promise<{ id: string; d: number | null }[]> {
  const r = await sql<{ id: string; d: number | null }>`
    select s.id, min(earth_distance(ll_to_earth(${at.latitude}::float8, ${at.longitude}::float8), ll_to_earth(l.latitude, l.longitude))) as d
    from service s
    left join service_at_location sal on sal.service_id = s.id
    left join location l on l.id = sal.location_id and l.latitude is not null and l.longitude is not null
      and not exists (select 1 from belong_location bl where bl.location_id = l.id and bl.confidential)
    where s.status = 'active' and ${filter}
    group by s.id, s.name
    order by d nulls last, s.name, s.id`.execute(db);
  return r.rows;
}
