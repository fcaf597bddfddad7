/** Picks services from the seeded demo area for referral journeys. */
import type { Kysely } from 'kysely';
import type { DB } from '../../src/platform/db/schema.ts';

/**
 * Active services with places that accept referrals, by name. With
 * `unmanaged`, only those whose directory organisation no Belong organisation
 * manages the listings of yet.
 */
export function referableServices(db: Kysely<DB>, opts: { unmanaged?: boolean } = {}) {
  return db
    .selectFrom('service as s')
    .innerJoin('belong_service as b', 'b.service_id', 's.id')
    .select(['s.id', 's.name', 's.organization_id'])
    .where('s.status', '=', 'active')
    .where('b.capacity_status', '=', 'places_available')
    .where('b.accepting_referrals', '=', true)
    .$if(opts.unmanaged === true, (q) =>
      q.where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('staff_organisation_listing as l')
              .select('l.organization_id')
              .whereRef('l.organization_id', '=', 's.organization_id'),
          ),
        ),
      ),
    )
    .orderBy('s.name');
}

/**
 * One referable service for each directory organisation, as
 * [organisation id, service] in name order: names without quotes that no
 * other service's name contains, so a search by name finds exactly one.
 */
export async function oneServicePerOrganisation(
  db: Kysely<DB>,
  opts: { unmanaged?: boolean } = {},
): Promise<[string, { id: string; name: string }][]> {
  const rows = await referableServices(db, opts).execute();
  const names = (await db.selectFrom('service').select('name').execute()).map((r) => r.name.toLowerCase());
  const unique = (n: string) => names.filter((x) => x.includes(n.toLowerCase())).length === 1;
  const byOrg = new Map<string, { id: string; name: string }>();
  for (const r of rows)
    if (!byOrg.has(r.organization_id) && !/['’"]/.test(r.name) && unique(r.name)) byOrg.set(r.organization_id, { id: r.id, name: r.name });
  return [...byOrg.entries()];
}
