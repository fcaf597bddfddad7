/**
 * The person record's form, checked. Pure. Minimal by design: only a name
 * (or chosen name) and the language to speak are required; everything else
 * is kept only when the person wants it. Phone and e-mail are kept only when
 * the person agreed to their contact details being stored.
 */
import type { ConsentGivenBy, PersonAgeBand, PersonContactMethod, PersonGender } from '../../platform/db/schema.ts';
import { isLocaleCode, type LocaleCode } from '../../platform/i18n/locales.ts';
import { lookupPlace } from '../geo/postcodes.ts';
import { valuesOf, type FormBody } from '../../platform/http/form-body.ts';
import { ETHNICITIES } from '../reports/categories.ts';

export const CONTACT_METHODS = [
  'phone',
  'text',
  'email',
  'in_person',
  'through_connector',
] as const satisfies readonly PersonContactMethod[];
export const GENDERS = ['woman', 'man', 'another'] as const satisfies readonly PersonGender[];
export const AGE_BANDS = ['under_16', '16_17', '18_24', '25_49', '50_64', '65_plus'] as const satisfies readonly PersonAgeBand[];
export const GIVEN_BY = ['verbal', 'written', 'self'] as const satisfies readonly ConsentGivenBy[];
/** What a 'store' consent can cover ('record' — the record itself — is always part of it). */
export const STORE_SCOPES = ['conversation', 'measures', 'contact_details', 'ethnicity'] as const;
/** The ONS 2021 ethnic groups (England and Wales) and "prefer not to say": asked only when the person agreed to it being kept. */
export { ETHNICITIES };
/** Ways a 'contact' consent can allow. */
export const CONTACT_WAYS = ['call', 'text', 'email'] as const;
export type StoreScope = (typeof STORE_SCOPES)[number];
export type ContactWay = (typeof CONTACT_WAYS)[number];

import type { PersonInput } from './person.ts';
export type { PersonInput };

export interface ConsentInput {
  kind: 'store' | 'contact';
  scope: string[];
  givenBy: ConsentGivenBy;
  /** 'YYYY-MM-DD' or null (until withdrawn). */
  expiresOn: string | null;
}

export type PersonProblemCode =
  | 'nameMissing'
  | 'nameTooLong'
  | 'languageInvalid'
  | 'otherLanguagesInvalid'
  | 'spokenLanguageInvalid'
  | 'spokenLanguageHasPages'
  | 'tooLong'
  | 'choiceInvalid'
  | 'areaUnknown'
  | 'phoneInvalid'
  | 'emailInvalid'
  | 'contactNotConsented'
  | 'ethnicityNotConsented'
  | 'givenByMissing'
  | 'scopeMissing'
  | 'dateInvalid';

export interface PersonProblem {
  field: string;
  code: PersonProblemCode;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; problems: PersonProblem[] };

const text = (b: FormBody, name: string) => (valuesOf(b, name)[0] ?? '').trim().replace(/\s+/g, ' ');
const opt = (s: string) => (s === '' ? null : s);

function choice<T extends string>(b: FormBody, name: string, allowed: readonly T[], problems: PersonProblem[]): T | null {
  const v = text(b, name);
  if (v === '' || v === 'not_said') return null;
  if (!(allowed as readonly string[]).includes(v)) {
    problems.push({ field: name, code: 'choiceInvalid' });
    return null;
  }
  return v as T;
}

function yesNo(b: FormBody, name: string, problems: PersonProblem[]): boolean | null {
  const v = choice(b, name, ['yes', 'no', 'unknown'] as const, problems);
  return v === 'yes' ? true : v === 'no' ? false : null;
}

/**
 * The person's details from the form. `storesContactDetails`: whether the person agreed to phone/e-mail being kept;
 * `storesEthnicity`: whether they agreed to their ethnic group being asked and kept.
 */
export function parsePersonInput(b: FormBody, storesContactDetails: boolean, storesEthnicity = true): Parsed<PersonInput> {
  const problems: PersonProblem[] = [];
  const displayName = text(b, 'displayName');
  if (!displayName) problems.push({ field: 'displayName', code: 'nameMissing' });
  else if (displayName.length > 80) problems.push({ field: 'displayName', code: 'nameTooLong' });
  const lang = text(b, 'preferredLanguage');
  if (!isLocaleCode(lang)) problems.push({ field: 'preferredLanguage', code: 'languageInvalid' });
  const others = text(b, 'otherLanguages')
    .toLowerCase()
    .split(/[\s,]+/)
    .filter(Boolean);
  if (others.some((o) => !/^[a-z]{2,3}$/.test(o)) || others.length > 10)
    problems.push({ field: 'otherLanguages', code: 'otherLanguagesInvalid' });
  // Their own language when the pages have none (any ISO 639 code, "yue" for Cantonese): never read as English.
  const spoken = text(b, 'spokenLanguage').toLowerCase();
  if (spoken && !/^[a-z]{2,3}$/.test(spoken)) problems.push({ field: 'spokenLanguage', code: 'spokenLanguageInvalid' });
  else if (spoken && isLocaleCode(spoken)) problems.push({ field: 'spokenLanguage', code: 'spokenLanguageHasPages' });
  const interpreterLanguage = text(b, 'interpreterLanguage');
  if (interpreterLanguage.length > 60) problems.push({ field: 'interpreterLanguage', code: 'tooLong' });
  const phone = text(b, 'phone');
  if (phone && !/^\+?[0-9 ()-]{7,20}$/.test(phone)) problems.push({ field: 'phone', code: 'phoneInvalid' });
  const email = text(b, 'email');
  if (email && (email.length > 200 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))) problems.push({ field: 'email', code: 'emailInvalid' });
  if ((phone || email) && !storesContactDetails) problems.push({ field: phone ? 'phone' : 'email', code: 'contactNotConsented' });
  const area = text(b, 'area');
  const place = area ? lookupPlace(area) : null;
  if (area && !place) problems.push({ field: 'area', code: 'areaUnknown' });
  const value: PersonInput = {
    displayName,
    preferredLanguage: (isLocaleCode(lang) ? lang : 'en') as LocaleCode,
    otherLanguages: [...new Set(others)].filter((o) => o !== lang && o !== spoken),
    spokenLanguage: spoken || null,
    englishOk: valuesOf(b, 'englishOk').includes('yes'),
    interpreterNeeded: valuesOf(b, 'interpreterNeeded').includes('yes'),
    interpreterLanguage: opt(interpreterLanguage),
    contactMethod: choice(b, 'contactMethod', CONTACT_METHODS, problems),
    phone: opt(phone),
    email: opt(email),
    safeToCall: yesNo(b, 'safeToCall', problems),
    safeToText: yesNo(b, 'safeToText', problems),
    safeToLeaveMessage: yesNo(b, 'safeToLeaveMessage', problems),
    area: place ? area.toUpperCase() : null,
    outcode: place ? place.code.split(' ')[0]! : null,
    gender: choice(b, 'gender', GENDERS, problems),
    ageBand: choice(b, 'ageBand', AGE_BANDS, problems),
    ethnicity: choice(b, 'ethnicity', ETHNICITIES, problems),
  };
  if (value.ethnicity && !storesEthnicity) problems.push({ field: 'ethnicity', code: 'ethnicityNotConsented' });
  return problems.length ? { ok: false, problems } : { ok: true, value };
}

/** A consent from the form: what it covers, how it was given, until when. */
export function parseConsentInput(b: FormBody, kind: 'store' | 'contact', today: string): Parsed<ConsentInput> {
  const problems: PersonProblem[] = [];
  const allowed: readonly string[] = kind === 'store' ? STORE_SCOPES : CONTACT_WAYS;
  const picked = [...new Set(valuesOf(b, 'scope'))];
  if (picked.some((s) => !allowed.includes(s))) problems.push({ field: 'scope', code: 'choiceInvalid' });
  const scope = allowed.filter((s) => picked.includes(s));
  if (kind === 'contact' && scope.length === 0) problems.push({ field: 'scope', code: 'scopeMissing' });
  const givenBy = text(b, 'givenBy');
  if (!(GIVEN_BY as readonly string[]).includes(givenBy)) problems.push({ field: 'givenBy', code: 'givenByMissing' });
  const expires = text(b, 'expiresOn');
  if (expires && (!/^\d{4}-\d{2}-\d{2}$/.test(expires) || Number.isNaN(Date.parse(expires)) || expires <= today))
    problems.push({ field: 'expiresOn', code: 'dateInvalid' });
  if (problems.length) return { ok: false, problems };
  return {
    ok: true,
    value: { kind, scope: kind === 'store' ? ['record', ...scope] : scope, givenBy: givenBy as ConsentGivenBy, expiresOn: expires || null },
  };
}
