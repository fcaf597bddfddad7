/**
 * Reads what a plan says about its places from the directory (public data,
 * so not audited on its own; callers read it inside their own audited,
 * policy-checked transaction): each service's record and its locations'
 * texts in the person's language, reduced by `placeSource` to what the plan
 * may show (never a confidential address).
 */
import type { Executor } from '../../platform/db/executor.ts';
import { isUuid } from '../../platform/ids.ts';
import { loadServiceRecords, loadTranslations } from '../directory/directory.service.ts';
import { bankHolidays } from '../referrals/working-days.ts';
import { placeSource, type PlaceSource } from './plan-places.ts';

/** The place sources of the services, by service id (services no longer listed are left out). */
export async function loadPlaceSources(
  db: Executor,
  serviceIds: readonly string[],
  locale: string,
  today: string,
): Promise<Map<string, PlaceSource>> {
  const ids = [...new Set(serviceIds.filter(isUuid))];
  if (!ids.length) return new Map();
  const records = await loadServiceRecords(db, ids, today);
  const locationIds = records.flatMap((r) => r.locations.filter((l) => !l.confidential).map((l) => l.location.id));
  const translations = locale === 'en' || !locationIds.length ? new Map() : await loadTranslations(db, 'location', locationIds, locale);
  return new Map(records.map((r) => [r.service.id, placeSource(r, translations, locale)]));
}

/** England and Wales bank holidays (GOV.UK's list), as the plan's "check it is on" needs them. */
export function isBankHoliday(date: string): boolean {
  return bankHolidays(Number(date.slice(0, 4))).includes(date);
}
