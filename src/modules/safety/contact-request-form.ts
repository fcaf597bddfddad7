/**
 * The public "ask someone to contact me" form: what a person may send, and
 * how it is checked. Pure: no storage, no HTTP.
 *
 * Required: a name (any name they want to be called), the way to reach them
 * and its number or address. They may tick ways that are NOT safe (someone
 * else reads their texts, answers their phone…): a way marked unsafe can
 * never be the one chosen, and is never used. A filled-in honeypot marks the
 * sending as spam (thanked, nothing stored), as on the report form.
 */
import { isLocaleCode, type LocaleCode } from '../../platform/i18n/locales.ts';
import type { ContactWay } from '../../platform/db/schema.ts';
import { HONEYPOT_FIELD, tidy } from '../quality/report-form.ts';

export { HONEYPOT_FIELD };
export const CONTACT_WAYS = ['call', 'text', 'email'] as const satisfies readonly ContactWay[];
export const MAX_NAME = 100;
export const MAX_REACH = 200;
export const MAX_TIMES = 300;
export const MAX_ABOUT = 1000;
export const MAX_WHERE = 60;

export interface ContactRequestInput {
  name: string;
  language: LocaleCode;
  way: ContactWay;
  /** The phone number or e-mail address for `way`. */
  reach: string;
  unsafeWays: ContactWay[];
  safeTimes: string | null;
  about: string | null;
  /** Postcode or area as typed, to find the connectors who cover it. */
  where: string | null;
}

export type ContactRequestProblem =
  | { field: 'name'; code: 'nameMissing' | 'nameTooLong' }
  | { field: 'way'; code: 'wayMissing' | 'wayUnsafe' }
  | { field: 'reach'; code: 'reachMissing' | 'reachTooLong' | 'emailInvalid' | 'phoneInvalid' }
  | { field: 'safeTimes'; code: 'timesTooLong' }
  | { field: 'about'; code: 'aboutTooLong' }
  | { field: 'where'; code: 'whereTooLong' };

export interface ContactRequestValues {
  name: string;
  language: string;
  way: string;
  reach: string;
  unsafeWays: string[];
  safeTimes: string;
  about: string;
  where: string;
}

export type ContactRequestParse =
  | { ok: true; value: ContactRequestInput }
  | { ok: false; spam: true }
  | { ok: false; spam: false; problems: ContactRequestProblem[]; values: ContactRequestValues };

const isWay = (w: string): w is ContactWay => (CONTACT_WAYS as readonly string[]).includes(w);
const len = (s: string) => [...s].length;

/** Reads and checks a submitted form; `pageLanguage` is the default language. */
export function parseContactRequestForm(body: Readonly<Record<string, unknown>>, pageLanguage: LocaleCode): ContactRequestParse {
  const text = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '');
  if (text(HONEYPOT_FIELD).trim() !== '') return { ok: false, spam: true };
  const list = body['unsafe'];
  const unsafeRaw = (Array.isArray(list) ? list : [list]).filter((v): v is string => typeof v === 'string');
  const values: ContactRequestValues = {
    name: tidy(text('name')).replace(/\s+/g, ' '),
    language: text('language').trim() || pageLanguage,
    way: text('way').trim(),
    reach: tidy(text('reach')).replace(/\s+/g, ' '),
    unsafeWays: [...new Set(unsafeRaw.filter(isWay))],
    safeTimes: tidy(text('safeTimes')),
    about: tidy(text('about')),
    where: tidy(text('where')).replace(/\s+/g, ' '),
  };
  const problems: ContactRequestProblem[] = [];
  if (!values.name) problems.push({ field: 'name', code: 'nameMissing' });
  else if (len(values.name) > MAX_NAME) problems.push({ field: 'name', code: 'nameTooLong' });
  if (!isWay(values.way)) problems.push({ field: 'way', code: 'wayMissing' });
  else if (values.unsafeWays.includes(values.way)) problems.push({ field: 'way', code: 'wayUnsafe' });
  if (!values.reach) problems.push({ field: 'reach', code: 'reachMissing' });
  else if (len(values.reach) > MAX_REACH) problems.push({ field: 'reach', code: 'reachTooLong' });
  else if (values.way === 'email' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.reach))
    problems.push({ field: 'reach', code: 'emailInvalid' });
  else if ((values.way === 'call' || values.way === 'text') && !/^\+?[\d\s()-]{7,20}$/.test(values.reach))
    problems.push({ field: 'reach', code: 'phoneInvalid' });
  if (len(values.safeTimes) > MAX_TIMES) problems.push({ field: 'safeTimes', code: 'timesTooLong' });
  if (len(values.about) > MAX_ABOUT) problems.push({ field: 'about', code: 'aboutTooLong' });
  if (len(values.where) > MAX_WHERE) problems.push({ field: 'where', code: 'whereTooLong' });
  const language = isLocaleCode(values.language) ? values.language : pageLanguage;
  if (problems.length || !isWay(values.way)) return { ok: false, spam: false, problems, values };
  return {
    ok: true,
    value: {
      name: values.name,
      language,
      way: values.way,
      reach: values.reach,
      unsafeWays: values.unsafeWays.filter(isWay),
      safeTimes: values.safeTimes || null,
      about: values.about || null,
      where: values.where || null,
    },
  };
}
