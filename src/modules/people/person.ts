/**
 * A person's record as the rest of Belong sees it (no row types outside
 * this module), and the pure rules about consent: what is in force now.
 */
import type { Selectable } from 'kysely';
import type {
  ConsentGivenBy,
  ConsentKind,
  PersonAgeBand,
  PersonConsentTable,
  PersonContactMethod,
  PersonGender,
  PersonTable,
} from '../../platform/db/schema.ts';
import { isLocaleCode, type LocaleCode } from '../../platform/i18n/locales.ts';
import { ETHNICITIES, type Ethnicity } from '../reports/categories.ts';

export interface Consent {
  id: string;
  kind: ConsentKind;
  scope: string[];
  givenBy: ConsentGivenBy;
  recordedBy: string | null;
  grantedAt: Date;
  expiresAt: Date | null;
  withdrawnAt: Date | null;
}

export interface PersonInput {
  displayName: string;
  preferredLanguage: LocaleCode;
  otherLanguages: string[];
  /** The language they speak when it is not a page language (any ISO 639 code, e.g. 'yue'); absent or null otherwise. */
  spokenLanguage?: string | null;
  englishOk: boolean;
  interpreterNeeded: boolean;
  interpreterLanguage: string | null;
  contactMethod: PersonContactMethod | null;
  phone: string | null;
  email: string | null;
  safeToCall: boolean | null;
  safeToText: boolean | null;
  safeToLeaveMessage: boolean | null;
  area: string | null;
  outcode: string | null;
  gender: PersonGender | null;
  ageBand: PersonAgeBand | null;
  /** ONS 2021 ethnic group or 'prefer_not_to_say'; null: not asked. Kept only with the person's 'store' consent covering 'ethnicity'. */
  ethnicity?: Ethnicity | null;
}

export interface Person extends PersonInput {
  id: string;
  organisationId: string;
  createdAt: Date;
  updatedAt: Date;
  consents: Consent[];
}

export interface PersonSummary {
  id: string;
  displayName: string;
  preferredLanguage: string;
  updatedAt: Date;
  lastConversation: string | null;
}

export function toConsent(r: Selectable<PersonConsentTable>): Consent {
  return {
    id: r.id,
    kind: r.kind,
    scope: r.scope,
    givenBy: r.given_by,
    recordedBy: r.recorded_by,
    grantedAt: r.granted_at,
    expiresAt: r.expires_at,
    withdrawnAt: r.withdrawn_at,
  };
}

export function toPerson(r: Selectable<PersonTable>, consents: Consent[]): Person {
  return {
    id: r.id,
    organisationId: r.organisation_id,
    displayName: r.display_name,
    preferredLanguage: isLocaleCode(r.preferred_language) ? r.preferred_language : 'en',
    otherLanguages: r.other_languages,
    spokenLanguage: r.spoken_language ?? null,
    englishOk: r.english_ok,
    interpreterNeeded: r.interpreter_needed,
    interpreterLanguage: r.interpreter_language,
    contactMethod: r.contact_method,
    phone: r.phone,
    email: r.email,
    safeToCall: r.safe_to_call,
    safeToText: r.safe_to_text,
    safeToLeaveMessage: r.safe_to_leave_message,
    area: r.area,
    outcode: r.outcode,
    gender: r.gender,
    ageBand: r.age_band,
    ethnicity: (ETHNICITIES as readonly (string | null)[]).includes(r.ethnicity) ? (r.ethnicity as Ethnicity) : null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    consents,
  };
}

/** True when a consent is in force at `now`: not withdrawn and not past its end. */
export function inForce(c: Consent, now: Date): boolean {
  return c.withdrawnAt === null && (c.expiresAt === null || c.expiresAt.getTime() > now.getTime());
}

/** Everything the consents of one kind in force allow, e.g. ['record', 'conversation'] for 'store'. */
export function activeScopes(consents: readonly Consent[], kind: ConsentKind, now: Date): string[] {
  return [...new Set(consents.filter((c) => c.kind === kind && inForce(c, now)).flatMap((c) => c.scope))];
}

/** Why the plan cannot be sent by e-mail, or null when it can. */
export function planSendBlocker(p: Person, now: Date): 'noContactConsent' | 'noEmail' | null {
  if (!activeScopes(p.consents, 'contact', now).includes('email')) return 'noContactConsent';
  if (!p.email || !activeScopes(p.consents, 'store', now).includes('contact_details')) return 'noEmail';
  return null;
}

/**
 * The languages a person speaks, their own first (the one the pages have no
 * translation for, when there is one), then the page language, then the
 * others; and whether English will do. Pages shown in English for want of a
 * translation say nothing about speaking English.
 */
export function languagesSpoken(p: {
  preferredLanguage: string;
  spokenLanguage?: string | null;
  otherLanguages: readonly string[];
  englishOk: boolean;
}): { languages: string[]; englishOk: boolean } {
  const spoken = p.spokenLanguage ?? null;
  const pageLanguage = spoken && p.preferredLanguage === 'en' ? null : p.preferredLanguage;
  const languages = [spoken, pageLanguage, ...p.otherLanguages].filter((l, i, all): l is string => !!l && all.indexOf(l) === i);
  return { languages, englishOk: p.englishOk || pageLanguage === 'en' };
}
