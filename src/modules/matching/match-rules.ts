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
import { distanceMetres } from '../geo/postcodes.ts';
import { isSafeguardingVetted } from '../directory/vocabulary.ts';
import type { PersonAgeBand } from '../../platform/db/schema.ts';
import { DAY_CODES } from '../directory/service-graph.ts';
import { partsOf, type MatchCandidate, type Session } from './match-candidate.ts';
import { areaFits, eligibilityFits } from './match-eligibility.ts';
import { unmetMusts } from './match-preferences.ts';
import type { MatchRequest, Mode } from './match-request.ts';

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

/** The main part of a language code, lower case ("bn-BD" → "bn"). */
export const mainLanguage = (code: string): string => code.trim().toLowerCase().split('-')[0]!;

/**
 * ISO 639-2/3 codes of languages that also have a two-letter ISO 639-1 code
 * (and individual languages read as their macrolanguage's code, e.g.
 * Standard Arabic "arb" as "ar"), so "ara" and "ar" compare equal. A code not
 * here is compared as it is: Cantonese "yue" stays "yue".
 */
export const ISO639_EQUIVALENTS: Readonly<Record<string, string>> = {
  eng: 'en',
  ara: 'ar',
  arb: 'ar',
  ben: 'bn',
  fas: 'fa',
  per: 'fa',
  pes: 'fa',
  urd: 'ur',
  pol: 'pl',
  ron: 'ro',
  rum: 'ro',
  som: 'so',
  tir: 'ti',
  pus: 'ps',
  pbt: 'ps',
  pbu: 'ps',
  kur: 'ku',
  ukr: 'uk',
  rus: 'ru',
  amh: 'am',
  orm: 'om',
  swa: 'sw',
  swh: 'sw',
  pan: 'pa',
  pnb: 'pa',
  hin: 'hi',
  guj: 'gu',
  tam: 'ta',
  tel: 'te',
  mal: 'ml',
  mar: 'mr',
  nep: 'ne',
  sin: 'si',
  slk: 'sk',
  slo: 'sk',
  ces: 'cs',
  cze: 'cs',
  lit: 'lt',
  lav: 'lv',
  est: 'et',
  bul: 'bg',
  hun: 'hu',
  sqi: 'sq',
  alb: 'sq',
  ell: 'el',
  gre: 'el',
  tur: 'tr',
  zho: 'zh',
  chi: 'zh',
  cmn: 'zh',
  vie: 'vi',
  tha: 'th',
  tgl: 'tl',
  msa: 'ms',
  may: 'ms',
  fra: 'fr',
  fre: 'fr',
  deu: 'de',
  ger: 'de',
  spa: 'es',
  por: 'pt',
  ita: 'it',
  lin: 'ln',
  hau: 'ha',
  yor: 'yo',
  ibo: 'ig',
  kin: 'rw',
  heb: 'he',
  kor: 'ko',
  jpn: 'ja',
  nld: 'nl',
  dut: 'nl',
  fin: 'fi',
  swe: 'sv',
  dan: 'da',
  nor: 'no',
  hrv: 'hr',
  srp: 'sr',
  bos: 'bs',
  mkd: 'mk',
  mac: 'mk',
  slv: 'sl',
  kat: 'ka',
  geo: 'ka',
  hye: 'hy',
  arm: 'hy',
  aze: 'az',
  uzb: 'uz',
  kaz: 'kk',
  tgk: 'tg',
  tuk: 'tk',
  kir: 'ky',
  mon: 'mn',
  khm: 'km',
  lao: 'lo',
  mya: 'my',
  bur: 'my',
};

/** A language code as compared: its main part, two letters where ISO 639-1 has them ("ara-EG" → "ar"). */
export const languageKey = (code: string): string => {
  const main = mainLanguage(code);
  return ISO639_EQUIVALENTS[main] ?? main;
};

/** Every spelling of the language's main code that `languageKey` reads as `key` (for SQL). */
export const languageSpellings = (key: string): string[] => [
  key,
  ...Object.entries(ISO639_EQUIVALENTS)
    .filter(([, v]) => v === key)
    .map(([k]) => k),
];

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

/** Metres from where the person starts to the nearest public place of the service (null: not known). */
export function distanceTo(r: MatchRequest, c: MatchCandidate): number | null {
  if (!r.origin || !c.points.length) return null;
  let best = Infinity;
  for (const p of c.points) best = Math.min(best, distanceMetres(r.origin, p));
  return best;
}

/** Without a distance limit, in-person services are offered within this many metres of where the person starts. */
export const DEFAULT_REACH_METRES = 30_000;

/**
 * In person is possible: with no starting point there is nothing to measure
 * from; otherwise a public place of the service must be within the person's
 * limit (or DEFAULT_REACH_METRES when they gave none).
 */
export function withinReach(r: MatchRequest, c: MatchCandidate): boolean {
  if (!r.origin) return true;
  const d = distanceTo(r, c);
  return d !== null && d <= (r.maxDistanceMetres ?? DEFAULT_REACH_METRES);
}

/** The ways of taking part both sides can use (in person only when within reach). */
export function usableModes(r: MatchRequest, c: MatchCandidate): Mode[] {
  const both = c.modes.filter((m) => r.modes.includes(m));
  return both.filter((m) => m !== 'in_person' || withinReach(r, c));
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
