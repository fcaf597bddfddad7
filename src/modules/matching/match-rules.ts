/**
 * The hard rules of matching: a service that breaks any of them is never
 * suggested, however well it would rank. Pure: (request, candidate, today).
 *
 * Decisions worth knowing (docs/api.md repeats them):
 * - Age: checked only when the person gave an age band, and the whole band
 *   must be inside the service's ages (someone "18–24" is not offered a group
 *   for 16 to 21: they might be 23).
 * - Gender: women-only groups need the person to have said they are a woman,
 *   men-only groups that they are a man. A person who did not say (or said
 *   "another") is offered mixed groups only. A service whose source does not
 *   say who can come is not ruled out on a guess (its page says to ask).
 * - Unknown values: a value the directory does not know never satisfies
 *   what the person needs (free, low cost, vetted, a way of taking part, an
 *   interpreter), and never rules a service out as if it were stated (women
 *   only, full, not taking referrals).
 * - Language: the service speaks one of the person's languages, or can book
 *   an interpreter. Otherwise, only when the person is content with English
 *   (or lists English) and does not need an interpreter: services that list
 *   English, or list no languages at all (a UK directory's default), fit.
 *   Codes are compared by their main part ("bn-BD" is Bengali).
 * - Safeguarding: with complex needs or trauma, only services whose
 *   safeguarding record is complete and reviewed within the year
 *   (`isSafeguardingVetted`).
 * - Capacity: never a full service or one not accepting referrals; a waiting
 *   list is allowed and shown as such.
 * - Ways of taking part: at least one of the service's modes is one the
 *   person can use; in person only counts, when we know where they start,
 *   if a public place of the service is within `maxDistanceMetres` (30 km
 *   when they gave no limit). A service whose only place is confidential (a
 *   refuge) cannot be shown to be near, so it is then offered by phone or
 *   online only.
 * - Times: a service is ruled out when every one of its regular sessions
 *   falls in times the person cannot make (a whole day, or every part of the
 *   day the session touches: morning before 12:00, afternoon 12:00–17:00,
 *   evening from 17:00). A service with no times given is allowed ("times to
 *   be arranged").
 * - Only active services; never anything on the avoid list (a service, an
 *   organisation, or a kind of activity).
 * - Eligibility ("only for" some people) and service areas always hold
 *   (match-eligibility.ts); every must the person has is met for sure, an
 *   unknown never counts (match-preferences.ts).
 */
import { isSafeguardingVetted } from '../directory/vocabulary.ts';
import type { PersonAgeBand } from '../../platform/db/schema.ts';
import { DAY_CODES } from '../directory/service-graph.ts';
import { partsOf, type MatchCandidate, type Session } from './match-candidate.ts';
import { areaFits, eligibilityFits } from './match-eligibility.ts';
import { unmetMusts } from './match-preferences.ts';
import type { MatchRequest } from './match-request.ts';
import { languageKey, usableModes } from './match-basics.ts';

export {
  DEFAULT_REACH_METRES,
  distanceTo,
  ISO639_EQUIVALENTS,
  languageKey,
  languageSpellings,
  mainLanguage,
  usableModes,
  withinReach,
} from './match-basics.ts';

export const HARD_RULES = [
  'status',
  'eligibility',
  'area',
  'must',
  'age',
  'gender',
  'language',
  'cost',
  'safeguarding',
  'capacity',
  'avoided',
  'mode',
  'distance',
  'times',
] as const;
export type HardRule = (typeof HARD_RULES)[number];
export type RuledOut = Record<HardRule, number>;

export const noneRuledOut = (): RuledOut => Object.fromEntries(HARD_RULES.map((r) => [r, 0])) as RuledOut;

/** Youngest and oldest age in each band. */
export const AGE_BANDS: Record<PersonAgeBand, [min: number, max: number]> = {
  under_16: [0, 15],
  '16_17': [16, 17],
  '18_24': [18, 24],
  '25_49': [25, 49],
  '50_64': [50, 64],
  '65_plus': [65, 130],
};

export function ageFits(r: MatchRequest, c: MatchCandidate): boolean {
  if (!r.ageBand) return true;
  const [min, max] = AGE_BANDS[r.ageBand];
  return (c.minimumAge === null || min >= c.minimumAge) && (c.maximumAge === null || max <= c.maximumAge);
}

export function genderFits(r: MatchRequest, c: MatchCandidate): boolean {
  if (c.gender === 'women_only') return r.gender === 'woman';
  if (c.gender === 'men_only') return r.gender === 'man';
  return true; // mixed, or not stated
}

/** The service speaks one of the person's languages (staff or volunteers). */
export function speaksTheirLanguage(r: MatchRequest, c: MatchCandidate): boolean {
  const theirs = new Set(r.languages.map(languageKey));
  return c.languages.some((l) => theirs.has(languageKey(l)));
}

export const englishOk = (r: MatchRequest): boolean => r.englishOk || r.languages.some((l) => languageKey(l) === 'en');

export function languageFits(r: MatchRequest, c: MatchCandidate): boolean {
  if (speaksTheirLanguage(r, c) || c.interpreterAvailable === true) return true;
  if (r.interpreterNeeded || !englishOk(r)) return false;
  return c.languages.length === 0 || c.languages.some((l) => languageKey(l) === 'en');
}

export function costFits(r: MatchRequest, c: MatchCandidate): boolean {
  if (r.costLimit === 'free') return c.costBand === 'free';
  if (r.costLimit === 'low_cost') return c.costBand === 'free' || c.costBand === 'low_cost';
  return true;
}

export const safeguardingFits = (r: MatchRequest, c: MatchCandidate, today: string): boolean =>
  !r.complexNeeds || isSafeguardingVetted(c.safeguarding, today);

export const capacityFits = (c: MatchCandidate): boolean => c.capacityStatus !== 'full' && c.acceptingReferrals !== false;

const foldText = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().trim();

/** A setting the person keeps away from, as the service states it. */
export function avoidedSetting(r: MatchRequest, c: MatchCandidate): boolean {
  const settings = r.avoidSettings ?? [];
  if (settings.includes('faith_setting') && c.faith === 'faith_based') return true;
  if (settings.includes('support_groups') && c.supportKinds.some((k) => k === 'peer_support' || k === 'therapy')) return true;
  return settings.includes('forms') && (c.entry === 'professional_referral' || c.entry === 'formal_assessment');
}

export function avoided(r: MatchRequest, c: MatchCandidate): boolean {
  const communities = new Set((r.avoidCommunities ?? []).map(foldText));
  const words = (r.avoidWords ?? []).map(foldText).filter((w) => w.length >= 3);
  const names = foldText(`${c.name} ${c.organizationName}`);
  return (
    r.avoidServiceIds.includes(c.serviceId) ||
    r.avoidOrganizationIds.includes(c.organizationId) ||
    (r.avoidKinds ?? []).some((k) => c.supportKinds.includes(k)) ||
    avoidedSetting(r, c) ||
    c.communities.some((x) => communities.has(foldText(x))) ||
    words.some((w) => names.includes(w))
  );
}

/** The session falls in times the person cannot make. */
export function sessionBlocked(r: MatchRequest, s: Session): boolean {
  const days = s.day ? [s.day] : DAY_CODES;
  return partsOf(s).every((part) => days.every((day) => r.unavailable.some((u) => u.day === day && (!u.time || u.time === part))));
}

export function timesFit(r: MatchRequest, c: MatchCandidate): boolean {
  if (!c.sessions.length || !r.unavailable.length) return true;
  return c.sessions.some((s) => !sessionBlocked(r, s));
}

/** Every hard rule the service breaks for this person (empty: it may be suggested). */
export function brokenRules(r: MatchRequest, c: MatchCandidate, today: string): HardRule[] {
  const broken: HardRule[] = [];
  if (c.status !== 'active') broken.push('status');
  if (!eligibilityFits(r, c)) broken.push('eligibility');
  if (!areaFits(r, c)) broken.push('area');
  if (unmetMusts(r, c).length) broken.push('must');
  if (!ageFits(r, c)) broken.push('age');
  if (!genderFits(r, c)) broken.push('gender');
  if (!languageFits(r, c)) broken.push('language');
  if (!costFits(r, c)) broken.push('cost');
  if (!safeguardingFits(r, c, today)) broken.push('safeguarding');
  if (!capacityFits(c)) broken.push('capacity');
  if (avoided(r, c)) broken.push('avoided');
  if (!c.modes.some((m) => r.modes.includes(m))) broken.push('mode');
  else if (!usableModes(r, c).length) broken.push('distance');
  if (!timesFit(r, c)) broken.push('times');
  return broken;
}
