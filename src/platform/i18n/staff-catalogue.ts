/**
 * The staff message catalogue: words on the pages connectors, providers,
 * volunteers and administrators use (sign-in, accounts, organisations, the
 * audit log). Kept apart from the person-facing catalogues, which must be
 * complete in every interface language; staff pages are English first and a
 * translation may cover any part of them.
 *
 * Files: `locales/staff/en.json` (the source: `StaffKey` is derived from it)
 * and optionally `locales/staff/<code>.json` for other languages, each a
 * subset of the English keys (the staff catalogue test checks this). Missing
 * keys fall back to English, key by key.
 */
import { IntlMessageFormat } from 'intl-messageformat';
import en from '../../../locales/staff/en.json' with { type: 'json' };
import type { Catalogue } from './catalogue.ts';
import { LOCALES, type LocaleCode } from './locales.ts';

/** Every staff message key, taken from the English staff catalogue. */
export type StaffKey = keyof typeof en;

/** Staff catalogues by language. Add a language by importing its file here. */
export const STAFF_CATALOGUES: Readonly<Partial<Record<LocaleCode, Catalogue>>> = { en };

export const STAFF_KEYS = Object.keys(en) as StaffKey[];

/** True when staff pages have their own words in this language (else they are shown in English). */
export function hasStaffCatalogue(locale: LocaleCode): boolean {
  return STAFF_CATALOGUES[locale] !== undefined;
}

const compiled = new Map<string, IntlMessageFormat>();

/** The compiled staff message for a key, in the language when it has it, else in English. */
export function compiledStaffMessage(locale: LocaleCode, key: StaffKey): IntlMessageFormat {
  const own = STAFF_CATALOGUES[locale]?.[key];
  const useLocale: LocaleCode = own === undefined ? 'en' : locale;
  const cacheKey = `${useLocale}\u0000${key}`;
  let message = compiled.get(cacheKey);
  if (!message) {
    message = new IntlMessageFormat(own ?? en[key], LOCALES[useLocale].intl);
    compiled.set(cacheKey, message);
  }
  return message;
}
