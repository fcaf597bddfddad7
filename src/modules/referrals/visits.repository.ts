/**
 * Where a service happens (its first location), for the "Visits you are going
 * with" page (the visits themselves: buddy-sessions.repository.ts).
 */
import type { Executor } from '../../platform/db/executor.ts';

/** The first of a service's locations (by name), with whether it is confidential and its town. */
export async function firstLocationOf(db: Executor, serviceId: string) {
  const l = await db
    .selectFrom('service_at_location as sal')
    .innerJoin('location as l', 'l.id', 'sal.location_id')
    .leftJoin('belong_location as bl', 'bl.location_id', 'l.id')
    .leftJoin('address as ad', (j) => j.onRef('ad.location_id', '=', 'l.id').on('ad.address_type', '=', 'physical'))
    .select(['l.name', 'bl.confidential', 'bl.area_name', 'ad.city'])
    .where('sal.service_id', '=', serviceId)
    .orderBy('l.name')
    .orderBy('l.id')
    .executeTakeFirst();
  return l && { name: l.name, confidential: l.confidential, areaName: l.area_name, city: l.city };
}
