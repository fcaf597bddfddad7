/**
 * A loaded service as the result list and the shortlist show it: name,
 * organisation, area, one line of facts and the "on today"/"open now"
 * badges. Pure (the clock and timetable are passed in).
 */
import type { I18n } from '../../platform/i18n/i18n.ts';
import type { LocationRecord, ServiceRecord } from '../directory/service-record.ts';
import type { ResultCard } from './find.views.tsx';
import { whenFlags, type LocalNow, type Timetable } from './find-when.ts';
import { factsLine, type FactsInput } from './presenters.ts';

/** Locations whose address may be shown (never a confidential one). */
export const publicLocations = (r: ServiceRecord): LocationRecord[] => r.locations.filter((l) => !l.confidential);

/** The area to show next to the name: the first public venue's area, district or town. */
export function areaOf(r: ServiceRecord): string | null {
  const l = publicLocations(r)[0];
  if (!l) return null;
  const area = l.areaName ?? l.addresses[0]?.address_2 ?? l.addresses[0]?.city ?? null;
  // "Her Space Women's Centre, Lower Grange · Lower Grange" says it twice.
  return area && !r.organization.name.toLowerCase().includes(area.toLowerCase()) ? area : null;
}

/** The facts presenters.ts needs, from a loaded service. */
export function factsInput(r: ServiceRecord, timetable: Timetable | undefined, distanceMetres?: number | null): FactsInput {
  const b = r.belong;
  return {
    gender: b?.gender ?? null,
    costBand: b?.cost_band ?? null,
    childcare: b?.childcare ?? false,
    transport: b?.transport_offered ?? false,
    accompany: b?.accompany_first_visit ?? false,
    interpreter: b?.interpreter_available ?? false,
    entry: b?.entry ?? null,
    modes: b?.modes ?? [],
    languages: r.languages.filter((l) => l.code).map((l) => ({ code: l.code!, name: l.name })),
    schedules: timetable?.schedules ?? r.schedules,
    distanceMetres: distanceMetres ?? null,
  };
}

export interface CardOptions {
  now: LocalNow;
  timetable: Timetable | undefined;
  distanceMetres?: number | null;
  askedLanguage?: string | null;
}

export function resultCard(i18n: I18n, r: ServiceRecord, o: CardOptions): ResultCard {
  const flags = whenFlags(o.timetable, o.now);
  return {
    id: r.service.id,
    name: r.service.name,
    organisation: r.organization.name,
    area: areaOf(r),
    facts: factsLine(i18n, factsInput(r, o.timetable, o.distanceMetres), { today: o.now.date, askedLanguage: o.askedLanguage ?? null }),
    badges: {
      onToday: flags.onToday,
      openNow: flags.openNow,
      full: r.belong?.capacity_status === 'full',
      waitingList: r.belong?.capacity_status === 'waiting_list',
    },
  };
}
