/**
 * What the person said they need or would like, each marked as a must or a
 * nice-to-have by the connector, and whether a service meets it: 'yes',
 * 'no', or 'unknown' (the directory does not say). Pure.
 *
 * - A must is met only by 'yes': an unknown value never satisfies it, and
 *   a service that does not meet a must is never suggested (match-rules.ts
 *   makes it the hard rule 'must'; the SQL prefilter applies the same).
 * - A nice-to-have only changes the order: 'yes' ranks first, 'unknown'
 *   lower, with an "ask first" reason, 'no' lowest.
 *
 * Decisions worth knowing:
 * - Physical access (step-free, hearing loop, quiet space) and distance
 *   matter only when the person would have to go there: a service they can
 *   use by phone or online, as they said they can, meets them.
 * - Distance "unless transport or someone to go with me is offered": beyond
 *   the distance, a service that offers transport or someone to go with
 *   them meets it (up to the usual reach); an unstated offer is unknown.
 * - Times: a session meets a window when it is on one of the window's days
 *   and opens and closes inside it. A service with no times, a session whose
 *   day of the week varies or whose hours are not given is unknown, never
 *   taken as meeting it.
 * - Language: any ISO 639 code (two or three letters; "ara" is "ar");
 *   spoken by staff, or an interpreter can be booked when the person is
 *   happy with one. A service that lists no languages is unknown.
 */
import type { MatchCandidate } from './match-candidate.ts';
import type { AccessFeature, Audience, MatchRequest, Preference, PreferenceMode, TimeWindow } from './match-request.ts';
import { distanceTo, DEFAULT_REACH_METRES, languageKey, usableModes } from './match-basics.ts';

export type { AccessFeature, Audience, Preference, PreferenceKind, PreferenceMode, TimeWindow } from './match-request.ts';
export { PREFERENCE_KINDS } from './match-request.ts';

export type Met = 'yes' | 'no' | 'unknown';

/** Access features that matter only when the person goes there. */
export const PHYSICAL_ACCESS: readonly AccessFeature[] = ['step_free', 'hearing_loop', 'quiet_space'];

/** The person can use the service without going there (by phone or online, as they said they can). */
export const usableWithoutGoing = (r: MatchRequest, c: MatchCandidate): boolean => usableModes(r, c).some((m) => m !== 'in_person');

const fact = (v: boolean | null | undefined): Met => (v === true ? 'yes' : v === false ? 'no' : 'unknown');

/** 'HH:MM' or 'HH:MM:SS' as minutes after midnight. */
export const minutesOf = (t: string): number => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));

export function timesMet(windows: readonly TimeWindow[], c: MatchCandidate): Met {
  if (!c.sessions.length) return 'unknown';
  let unknown = false;
  for (const s of c.sessions) {
    if (!s.day || !s.opensAt || !s.closesAt) {
      if (!s.day || windows.some((w) => w.day === s.day)) unknown = true;
      continue;
    }
    const from = minutesOf(s.opensAt);
    const to = minutesOf(s.closesAt);
    if (to <= from) continue; // overnight: not inside a window of one day
    if (windows.some((w) => w.day === s.day && from >= minutesOf(w.from) && to <= minutesOf(w.to))) return 'yes';
  }
  return unknown ? 'unknown' : 'no';
}

function languageMet(code: string, interpreterOk: boolean, c: MatchCandidate): Met {
  const key = languageKey(code);
  if (c.languages.some((l) => languageKey(l) === key)) return 'yes';
  if (interpreterOk && c.interpreterAvailable === true) return 'yes';
  if (!c.languages.length || (interpreterOk && c.interpreterAvailable === null)) return 'unknown';
  return 'no';
}

/** Ages (from the service's own limits) that make it a group for young or older people. */
function audienceByAge(audience: Audience, c: MatchCandidate): boolean {
  if (audience === 'young_people') return c.maximumAge !== null && c.maximumAge <= 30 && (c.minimumAge ?? 0) >= 11;
  if (audience === 'older_people') return c.minimumAge !== null && c.minimumAge >= 50;
  if (audience === 'children') return c.maximumAge !== null && c.maximumAge <= 16;
  return false;
}

function audienceMet(audience: Audience, c: MatchCandidate): Met {
  const audiences = c.audiences ?? [];
  if ((audiences.includes(audience) && c.eligibility !== 'open_to_all') || audienceByAge(audience, c)) return 'yes';
  if (c.eligibility === null || c.eligibility === undefined) return audiences.length ? 'no' : 'unknown';
  return 'no';
}

function distanceMet(r: MatchRequest, c: MatchCandidate, metres: number, unlessHelped: boolean): Met {
  if (usableWithoutGoing(r, c)) return 'yes';
  const d = distanceTo(r, c);
  if (d === null) return 'unknown';
  if (d <= metres) return 'yes';
  if (!unlessHelped || d > DEFAULT_REACH_METRES) return 'no';
  if (c.transportOffered === true || c.accompanyFirstVisit === true) return 'yes';
  return c.transportOffered === null || c.accompanyFirstVisit === null ? 'unknown' : 'no';
}

function modeMet(r: MatchRequest, c: MatchCandidate, modes: readonly PreferenceMode[]): Met {
  if (modes.includes('home_visit') && c.homeVisits) return 'yes';
  const usable = c.modes.filter((m) => m !== 'in_person' || usableModes({ ...r, modes: ['in_person'] }, c).includes('in_person'));
  if (usable.some((m) => modes.includes(m))) return 'yes';
  return c.modes.length || c.homeVisits ? 'no' : 'unknown';
}

/** Whether the service meets one of the person's preferences. */
export function preferenceMet(r: MatchRequest, p: Preference, c: MatchCandidate): Met {
  switch (p.kind) {
    case 'gender_setting':
      return c.gender === null ? 'unknown' : c.gender === p.value ? 'yes' : 'no';
    case 'creche':
      return fact(c.childcare);
    case 'access':
      if (PHYSICAL_ACCESS.includes(p.feature) && usableWithoutGoing(r, c)) return 'yes';
      return fact(c.accessibility?.[p.feature]);
    case 'no_id': {
      const needsId = c.requirements?.id_documents;
      return needsId === false ? 'yes' : needsId === true ? 'no' : 'unknown';
    }
    case 'cost':
      if (c.costBand === null) return 'unknown';
      return c.costBand === 'free' || (p.limit === 'low_cost' && c.costBand === 'low_cost') ? 'yes' : 'no';
    case 'times':
      return timesMet(p.windows, c);
    case 'distance':
      return distanceMet(r, c, p.metres, p.unlessHelped);
    case 'mode':
      return modeMet(r, c, p.modes);
    case 'language':
      return languageMet(p.code, p.interpreterOk, c);
    case 'audience':
      return audienceMet(p.audience, c);
  }
}

/** The person's musts the service does not meet for sure (an unknown counts as not met). */
export function unmetMusts(r: MatchRequest, c: MatchCandidate): Preference[] {
  return (r.preferences ?? []).filter((p) => p.must && preferenceMet(r, p, c) !== 'yes');
}
