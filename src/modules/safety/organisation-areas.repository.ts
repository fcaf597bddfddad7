/**
 * The areas each referring organisation covers (staff_organisation_area),
 * which route "ask someone to contact me" requests to the right queue.
 */
import type { Executor } from '../../platform/db/executor.ts';

export interface OrganisationAreas {
  id: string;
  name: string;
  operator: boolean;
  suspended: boolean;
  outcodes: string[];
}

/** Every organisation whose connectors can take requests, with the outward codes it covers. */
export async function loadOrganisationAreas(db: Executor): Promise<OrganisationAreas[]> {
  const orgs = await db
    .selectFrom('staff_organisation')
    .select(['id', 'name', 'operator', 'suspended_at'])
    .where('kind', 'in', ['referrer', 'both'])
    .orderBy('name')
    .execute();
  const areas = await db.selectFrom('staff_organisation_area').select(['staff_organisation_id', 'outcode']).orderBy('outcode').execute();
  return orgs.map((o) => ({
    id: o.id,
    name: o.name,
    operator: o.operator,
    suspended: o.suspended_at !== null,
    outcodes: areas.filter((a) => a.staff_organisation_id === o.id).map((a) => a.outcode),
  }));
}

/** Whether the organisation exists and can take requests. */
export async function isReferringOrganisation(db: Executor, id: string): Promise<boolean> {
  const row = await db.selectFrom('staff_organisation').select('kind').where('id', '=', id).executeTakeFirst();
  return row !== undefined && row.kind !== 'provider';
}

/** Replaces the organisation's outward codes; returns the ones it had. */
export async function replaceOrganisationAreas(db: Executor, id: string, outcodes: readonly string[]): Promise<string[]> {
  const before = await db
    .selectFrom('staff_organisation_area')
    .select('outcode')
    .where('staff_organisation_id', '=', id)
    .orderBy('outcode')
    .execute();
  await db.deleteFrom('staff_organisation_area').where('staff_organisation_id', '=', id).execute();
  if (outcodes.length)
    await db
      .insertInto('staff_organisation_area')
      .values(outcodes.map((outcode) => ({ staff_organisation_id: id, outcode })))
      .execute();
  return before.map((b) => b.outcode);
}
