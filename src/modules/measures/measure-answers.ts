/**
 * Reading and checking one administration of a measure (pure): the details
 * (occasion, date, mode, language, whether the explanation was shown) and the
 * answers, one per item — an option code, a number, or "prefer not to say".
 * Every item must have one of those (skipping is done by choosing "prefer not
 * to say"), unless the whole measure is declined, which keeps no answers.
 */
import { isLocaleCode, type LocaleCode } from '../../platform/i18n/locales.ts';
import { PREFER_NOT, type Answers, type Measure } from './measure-definitions.ts';
import { itemValue } from './measure-scoring.ts';

export const OCCASIONS = ['baseline', 'follow_up'] as const;
export type Occasion = (typeof OCCASIONS)[number];
export const MODES = ['self', 'assisted', 'interpreter_read'] as const;
export type Mode = (typeof MODES)[number];

/** What the form sent, as text. */
export interface RawAdministration {
  occasion: string;
  occasionDate: string;
  mode: string;
  language: string;
  explanation: string;
  declined: boolean;
  /** Per item id: the chosen value ('' when none). */
  answers: Record<string, string>;
}

export interface Administration {
  occasion: Occasion;
  occasionDate: string;
  mode: Mode;
  language: LocaleCode;
  explanationShown: boolean;
  declined: boolean;
  answers: Answers;
}

export type SetupField = 'occasion' | 'occasionDate' | 'mode' | 'language' | 'explanation';
export type MeasureProblem = { field: SetupField; code: SetupField } | { field: string; code: 'item' | 'count'; number: number };

const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

/** Eastern Arabic, Persian and Bengali digits as ASCII (people type numbers in their own digits). */
export function asciiDigits(s: string): string {
  return s.replace(/[\u0660-\u0669\u06F0-\u06F9\u09E6-\u09EF]/g, (d) => {
    const c = d.charCodeAt(0);
    const base = c >= 0x09e6 ? 0x09e6 : c >= 0x06f0 ? 0x06f0 : 0x0660;
    return String(c - base);
  });
}

/** The form fields of an item (radios: `item-<id>`; a count: `item-<id>` text and `item-<id>-prefer-not` box). */
export const itemField = (id: string) => `item-${id}`;
export const preferNotField = (id: string) => `item-${id}-prefer-not`;

/** Reads the setup fields and the items' fields from a parsed form body. */
export function readForm(measure: Measure, body: Record<string, unknown>): RawAdministration {
  const answers: Record<string, string> = {};
  for (const item of measure.items) {
    const v = asciiDigits(str(body[itemField(item.id)]));
    const preferNot = str(body[preferNotField(item.id)]) === 'yes';
    // A count with both a number and the box ticked is contradictory: keep both so the check can say so.
    answers[item.id] = item.kind === 'count' && preferNot ? (v ? `${v}|${PREFER_NOT}` : PREFER_NOT) : v;
  }
  return {
    occasion: str(body.occasion),
    occasionDate: str(body.occasionDate),
    mode: str(body.mode),
    language: str(body.language),
    explanation: str(body.explanation),
    declined: str(body.decline) === 'yes',
    answers,
  };
}

/** A real calendar date written YYYY-MM-DD, not after `today`. */
export function validDate(s: string, today: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s && s <= today && s >= '2000-01-01';
}

/** Checks the details only (the first step of the form). */
export function checkSetup(
  measure: Measure,
  raw: Omit<RawAdministration, 'answers' | 'declined' | 'explanation'>,
  today: string,
): MeasureProblem[] {
  const problems: MeasureProblem[] = [];
  if (!(OCCASIONS as readonly string[]).includes(raw.occasion)) problems.push({ field: 'occasion', code: 'occasion' });
  if (!validDate(raw.occasionDate, today)) problems.push({ field: 'occasionDate', code: 'occasionDate' });
  if (!(MODES as readonly string[]).includes(raw.mode)) problems.push({ field: 'mode', code: 'mode' });
  if (!isLocaleCode(raw.language) || !measure.languages.includes(raw.language)) problems.push({ field: 'language', code: 'language' });
  return problems;
}

/** Checks everything; returns the administration to store, or the problems (in form order). */
export function checkAdministration(
  measure: Measure,
  raw: RawAdministration,
  today: string,
): { ok: true; value: Administration } | { ok: false; problems: MeasureProblem[] } {
  const problems = checkSetup(measure, raw, today);
  if (raw.explanation !== 'yes' && raw.explanation !== 'no') problems.push({ field: 'explanation', code: 'explanation' });
  const answers: Record<string, string> = {};
  if (!raw.declined) {
    measure.items.forEach((item, i) => {
      const a = raw.answers[item.id] ?? '';
      if (a === PREFER_NOT) answers[item.id] = PREFER_NOT;
      else if (itemValue(item, a) !== null || (item.kind === 'choice' && item.options.some((o) => o.code === a)))
        answers[item.id] = item.kind === 'choice' ? a : String(Number(a));
      else problems.push({ field: item.id, code: item.kind === 'count' ? 'count' : 'item', number: i + 1 });
    });
  }
  if (problems.length) return { ok: false, problems };
  return {
    ok: true,
    value: {
      occasion: raw.occasion as Occasion,
      occasionDate: raw.occasionDate,
      mode: raw.mode as Mode,
      language: raw.language as LocaleCode,
      explanationShown: raw.explanation === 'yes',
      declined: raw.declined,
      answers,
    },
  };
}
