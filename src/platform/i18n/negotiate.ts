/**
 * Choosing the interface language for a request. Pure functions, no HTTP.
 *
 * Order: the person's own choice (the `lang` cookie, set by a tap in the
 * language switcher) beats the browser's Accept-Language header, which is
 * only a first guess — many phones are set to English because their owner's
 * language is not offered, so the switcher is always on the page.
 *
 * Tags are matched on their base language, with a few aliases that matter
 * for the people Belong serves: Dari (`prs`, or `fa-AF`) reads Farsi; bare
 * Kurdish (`ku`) and Arabic-script or Iraqi/Iranian Kurdish mean Sorani
 * (`ckb`), while Latin-script Kurmanji (`ku-Latn`, `ku-TR`, `kmr`) is not
 * Sorani and is left unmatched.
 */
import { DEFAULT_LOCALE, isLocaleCode, type LocaleCode } from './locales.ts';

/** ISO 639-3 and other codes that should read one of our catalogues. */
const ALIASES: Readonly<Record<string, LocaleCode>> = {
  prs: 'fa', // Dari
  pes: 'fa', // Iranian Persian
  pbt: 'ps', // Southern Pashto
  pbu: 'ps', // Northern Pashto
  pst: 'ps', // Central Pashto
  arb: 'ar', // Modern Standard Arabic
  urd: 'ur',
  ben: 'bn',
  pol: 'pl',
  ron: 'ro',
  rum: 'ro',
  som: 'so',
  tir: 'ti',
  ukr: 'uk',
};

/** Kurdish regions where Sorani, written in Arabic script, is the usual written form. */
const SORANI_REGIONS = new Set(['iq', 'ir']);

const TAG = /^[a-z]{1,8}(?:-[a-z0-9]{1,8})*$/i;
const QVALUE = /^q=(0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/i;
const MAX_ENTRIES = 32;

/**
 * The language a BCP 47 tag (or `?lang=` value) asks for, if Belong has it.
 * Case-insensitive; accepts `_` for `-`.
 */
export function matchLocale(tag: string): LocaleCode | undefined {
  const t = tag.trim().toLowerCase().replace(/_/g, '-');
  if (!TAG.test(t)) return undefined;
  const [lang = '', ...rest] = t.split('-');
  if (lang === 'ku') {
    if (rest.includes('latn')) return undefined;
    const region = rest.find((s) => /^[a-z]{2}$/.test(s));
    if (rest.includes('arab') || region === undefined || SORANI_REGIONS.has(region)) return 'ckb';
    return undefined;
  }
  if (isLocaleCode(lang)) return lang;
  return ALIASES[lang];
}

/** One entry of an Accept-Language header. */
export interface WeightedTag {
  tag: string;
  q: number;
}

/**
 * Parses an Accept-Language header into tags with q > 0, best first (ties
 * keep header order). Malformed entries and `*` are skipped rather than
 * failing the request.
 */
export function parseAcceptLanguage(header: string | null | undefined): WeightedTag[] {
  if (!header) return [];
  const out: (WeightedTag & { i: number })[] = [];
  const entries = header.split(',').slice(0, MAX_ENTRIES);
  entries.forEach((entry, i) => {
    const [rawTag = '', ...params] = entry.split(';').map((s) => s.trim());
    if (rawTag === '*' || !TAG.test(rawTag)) return;
    let q = 1;
    for (const p of params) {
      if (!/^q=/i.test(p)) continue;
      const m = QVALUE.exec(p);
      if (!m) return; // a malformed weight makes the entry unusable
      q = Number(m[1]);
    }
    if (q > 0) out.push({ tag: rawTag, q, i });
  });
  return out.sort((a, b) => b.q - a.q || a.i - b.i).map(({ tag, q }) => ({ tag, q }));
}

/** Where the chosen language came from. */
export type LocaleSource = 'cookie' | 'header' | 'default';

/** The interface language for a request: cookie, then Accept-Language, then English. */
export function negotiateLocale(input: { cookie?: string | undefined; acceptLanguage?: string | null | undefined }): {
  locale: LocaleCode;
  source: LocaleSource;
} {
  const fromCookie = input.cookie ? matchLocale(input.cookie) : undefined;
  if (fromCookie) return { locale: fromCookie, source: 'cookie' };
  for (const { tag } of parseAcceptLanguage(input.acceptLanguage)) {
    const m = matchLocale(tag);
    if (m) return { locale: m, source: 'header' };
  }
  return { locale: DEFAULT_LOCALE, source: 'default' };
}
