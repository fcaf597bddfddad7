/**
 * "Know your rights": which pages there are, where their default text lives
 * in the message catalogues, how an administrator's own text for one page in
 * one language is checked, and when a page is due for review. Pure: no
 * storage, no HTTP.
 *
 * Each page's text is paragraphs separated by a blank line; a paragraph
 * whose lines all start with "- " is a list.
 */
import type { RightsPageName } from '../../platform/db/schema.ts';
import type { MessageKey } from '../../platform/i18n/catalogue.ts';
import { isLocaleCode, type LocaleCode } from '../../platform/i18n/locales.ts';
import { tidy } from '../quality/report-form.ts';

export const RIGHTS_PAGES = ['gp', 'nhs', 'privacy', 'complain'] as const satisfies readonly RightsPageName[];
export const MAX_RIGHTS_TITLE = 120;
/** Enough for a short page (the catalogue texts are under 1,500 characters) and still within the page-weight budget. */
export const MAX_RIGHTS_BODY = 4000;

export const isRightsPage = (p: string): p is RightsPageName => (RIGHTS_PAGES as readonly string[]).includes(p);

export const rightsTitleKey = (p: RightsPageName) => `rights.${p}.title` as MessageKey;
export const rightsBodyKey = (p: RightsPageName) => `rights.${p}.body` as MessageKey;

/** A page as shown: its words, and whether they are this deployment's own. */
export interface RightsText {
  title: string;
  body: string;
  own: boolean;
}

/** The deployment's record of one page in one language (null: never edited nor reviewed). */
export interface RightsRecord {
  page: RightsPageName;
  locale: string;
  title: string | null;
  body: string | null;
  reviewBy: string;
  updatedAt: Date;
  updatedBy: string | null;
}

/** The deployment's own words when it has some, else the catalogue's. */
export function rightsText(record: RightsRecord | null, catalogue: { title: string; body: string }): RightsText {
  if (record?.title && record.body) return { title: record.title, body: record.body, own: true };
  return { ...catalogue, own: false };
}

export type Block = { kind: 'p'; text: string } | { kind: 'ul'; items: string[] };

/** Paragraphs and lists of a page's text. */
export function rightsBlocks(body: string): Block[] {
  return body
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p): Block => {
      const lines = p.split('\n').map((l) => l.trim());
      return lines.every((l) => l.startsWith('- '))
        ? { kind: 'ul', items: lines.map((l) => l.slice(2).trim()) }
        : { kind: 'p', text: lines.join(' ') };
    });
}

export type ReviewState = 'never' | 'due' | 'ok';

/** 'never' when nobody reviewed the page in this language yet, 'due' when its review date has come. */
export function reviewState(record: RightsRecord | null, today: string): ReviewState {
  if (!record) return 'never';
  return record.reviewBy <= today ? 'due' : 'ok';
}

/** Today's date in the UK, as YYYY-MM-DD. */
export const ukToday = (now: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(now);

export interface RightsEditInput {
  page: RightsPageName;
  locale: LocaleCode;
  /** Null for both: go back to (or keep) the catalogue's text. */
  title: string | null;
  body: string | null;
  reviewBy: string;
}

export type RightsEditProblem =
  | { field: 'title'; code: 'titleMissing' | 'titleTooLong' }
  | { field: 'body'; code: 'bodyMissing' | 'bodyTooLong' }
  | { field: 'reviewBy'; code: 'reviewByMissing' | 'reviewByPast' };

export type RightsEditParse =
  | { ok: true; value: RightsEditInput }
  | { ok: false; problems: RightsEditProblem[]; values: { mode: string; title: string; body: string; reviewBy: string } };

const isDate = (s: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

/**
 * Reads the edit form: `mode` 'own' (use the title and body typed here) or
 * 'catalogue' (use Belong's text); a review date after today is required.
 */
export function parseRightsEdit(
  page: RightsPageName,
  locale: LocaleCode,
  body: Readonly<Record<string, unknown>>,
  today: string,
): RightsEditParse {
  const text = (n: string) => (typeof body[n] === 'string' ? (body[n] as string) : '');
  const values = {
    mode: text('mode') === 'catalogue' ? 'catalogue' : 'own',
    title: tidy(text('title')).replace(/\s+/g, ' '),
    body: tidy(text('body')),
    reviewBy: text('reviewBy').trim(),
  };
  const problems: RightsEditProblem[] = [];
  if (values.mode === 'own') {
    if (!values.title) problems.push({ field: 'title', code: 'titleMissing' });
    else if ([...values.title].length > MAX_RIGHTS_TITLE) problems.push({ field: 'title', code: 'titleTooLong' });
    if (!values.body) problems.push({ field: 'body', code: 'bodyMissing' });
    else if ([...values.body].length > MAX_RIGHTS_BODY) problems.push({ field: 'body', code: 'bodyTooLong' });
  }
  if (!isDate(values.reviewBy)) problems.push({ field: 'reviewBy', code: 'reviewByMissing' });
  else if (values.reviewBy <= today) problems.push({ field: 'reviewBy', code: 'reviewByPast' });
  if (problems.length) return { ok: false, problems, values };
  const own = values.mode === 'own';
  return { ok: true, value: { page, locale, title: own ? values.title : null, body: own ? values.body : null, reviewBy: values.reviewBy } };
}

export const parseRightsLocale = (s: string): LocaleCode | null => (isLocaleCode(s) ? s : null);
