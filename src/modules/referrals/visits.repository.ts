/**
 * First visits a companion has been named for, in the database, and where a
 * service happens. Called by visits.service.ts (ids only before its
 * policy-checked reads).
 */
import type { Executor } from '../../platform/db/executor.ts';

/** The people whose attempts in `states` name the account as companion (ids only). */
export async function peopleWithCompanion(db: Executor, accountId: string, states: readonly string[]): Promise<string[]> {
  const rows = await db
    .selectFrom('referral_attempt as a')
    .innerJoin('referral as r', 'r.id', 'a.referral_id')
    .select('r.person_id')
    .distinct()
    .where('a.companion_account_id', '=', accountId)
    .where('a.state', 'in', [...states])
    .execute();
  return rows.map((r) => r.person_id);
}

/** One person's attempts in `states` that name the account as companion. */
export async function visitsWithCompanion(db: Executor, personId: string, accountId: string, states: readonly string[]) {
  const rows = await db
    .selectFrom('referral_attempt as a')
    .innerJoin('referral as r', 'r.id', 'a.referral_id')
    .select(['a.id', 'a.referral_id', 'a.service_id', 'a.service_name', 'a.first_visit_date', 'a.shared_fields', 'a.share_consent_id'])
    .where('r.person_id', '=', personId)
    .where('a.companion_account_id', '=', accountId)
    .where('a.state', 'in', [...states])
    .execute();
  return rows.map((a) => ({
    attemptId: a.id,
    referralId: a.referral_id,
    serviceId: a.service_id,
    serviceName: a.service_name,
    firstVisitDate: a.first_visit_date,
    sharedFields: a.shared_fields,
    shareConsentId: a.share_consent_id,
  }));
}

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
