/**
 * Reading the volunteer forms (pure): a profile (what they offer, where and
 * when) and a vetting check. Bad input gives problems naming the field;
 * nothing is saved until the whole form is right.
 */
import type { PersonGender, VolunteerCheckKind, VolunteerOffer } from '../../platform/db/schema.ts';
import { valuesOf, type FormBody } from '../../platform/http/form-body.ts';
import { cleanSlots, type Slot } from './availability.ts';
import { CHECK_KINDS } from './vetting.ts';

export const OFFERS = [
  'befriend_in_person',
  'befriend_phone',
  'travel_buddy',
  'interpreting',
  'peer_mentoring',
] as const satisfies readonly VolunteerOffer[];
export const GENDERS = ['woman', 'man', 'another'] as const satisfies readonly PersonGender[];

export interface ProfileInput {
  gender: PersonGender | null;
  languages: string[];
  areas: string[];
  availability: Slot[];
  interests: string[];
  offers: VolunteerOffer[];
  livedExperience: boolean;
  maxMatches: number;
  paused: boolean;
}

export interface CheckInput {
  kind: VolunteerCheckKind;
  checkedOn: string;
  expiresOn: string;
  note: string | null;
}

/** A problem with one field: `message` is a staff catalogue key. */
export interface FormProblem {
  field: string;
  message: string;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; problems: FormProblem[]; raw: Record<string, string> };

const text = (b: FormBody, n: string) => (typeof b[n] === 'string' ? (b[n] as string) : '');
const list = (v: string) =>
  v
    .split(/[,;\n]/)
    .map((x) => x.trim())
    .filter(Boolean);
const LANGUAGE = /^[a-z]{2,3}(-[a-z0-9]{2,8})?$/;
const OUTCODE = /^[A-Z]{1,2}\d[A-Z\d]?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar date, 'YYYY-MM-DD', from 1900 to 2199 (anything else is a typing slip). */
export const isDate = (v: string) =>
  DATE.test(v) &&
  v >= '1900-01-01' &&
  v < '2200-01-01' &&
  !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) &&
  new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);

export function parseProfile(b: FormBody): Parsed<ProfileInput> {
  const problems: FormProblem[] = [];
  const raw = {
    languages: text(b, 'languages'),
    areas: text(b, 'areas'),
    interests: text(b, 'interests'),
    max_matches: text(b, 'max_matches'),
  };
  const gender = text(b, 'gender');
  const languages = [...new Set(list(raw.languages).map((l) => l.toLowerCase()))];
  if (!languages.length) problems.push({ field: 'languages', message: 'volunteers.error.languagesMissing' });
  else if (languages.some((l) => !LANGUAGE.test(l))) problems.push({ field: 'languages', message: 'volunteers.error.languages' });
  const areas = [...new Set(list(raw.areas).map((a) => a.toUpperCase().replace(/\s+/g, '')))];
  if (areas.some((a) => !OUTCODE.test(a))) problems.push({ field: 'areas', message: 'volunteers.error.areas' });
  const interests = [...new Set(list(raw.interests))].slice(0, 20);
  if (interests.some((i) => i.length > 60)) problems.push({ field: 'interests', message: 'volunteers.error.interests' });
  const offers = OFFERS.filter((o) => valuesOf(b, 'offers').includes(o));
  const max = raw.max_matches.trim() === '' ? 2 : Number(raw.max_matches);
  if (!Number.isInteger(max) || max < 0 || max > 10) problems.push({ field: 'max_matches', message: 'volunteers.error.maxMatches' });
  if (problems.length) return { ok: false, problems, raw };
  return {
    ok: true,
    value: {
      gender: (GENDERS as readonly string[]).includes(gender) ? (gender as PersonGender) : null,
      languages,
      areas,
      availability: cleanSlots(valuesOf(b, 'availability')),
      interests,
      offers,
      livedExperience: text(b, 'lived_experience') === 'yes',
      maxMatches: max,
      paused: text(b, 'paused') === 'yes',
    },
  };
}

export function parseCheck(b: FormBody): Parsed<CheckInput> {
  const problems: FormProblem[] = [];
  const raw = {
    kind: text(b, 'kind'),
    checked_on: text(b, 'checked_on').trim(),
    expires_on: text(b, 'expires_on').trim(),
    note: text(b, 'note'),
  };
  if (!(CHECK_KINDS as readonly string[]).includes(raw.kind)) problems.push({ field: 'kind', message: 'volunteers.error.kind' });
  if (!isDate(raw.checked_on)) problems.push({ field: 'checked_on', message: 'volunteers.error.date' });
  if (!isDate(raw.expires_on)) problems.push({ field: 'expires_on', message: 'volunteers.error.date' });
  else if (isDate(raw.checked_on) && raw.expires_on <= raw.checked_on)
    problems.push({ field: 'expires_on', message: 'volunteers.error.expiresBefore' });
  if (raw.note.length > 500) problems.push({ field: 'note', message: 'volunteers.error.note' });
  if (problems.length) return { ok: false, problems, raw };
  return {
    ok: true,
    value: { kind: raw.kind as VolunteerCheckKind, checkedOn: raw.checked_on, expiresOn: raw.expires_on, note: raw.note.trim() || null },
  };
}
