/**
 * What several matching rules share: language codes compared whatever their
 * spelling, and how far a service is and whether the person can get there.
 * Pure.
 */
import { distanceMetres } from '../geo/postcodes.ts';
import type { MatchCandidate } from './match-candidate.ts';
import type { MatchRequest, Mode } from './match-request.ts';

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
