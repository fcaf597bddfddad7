/**
 * The connection and wellbeing measures Belong ships (free to use), as data:
 * items, answer codes, display order and the words for each, taken from the
 * person catalogues (`measures.*`). Scoring lives in measure-scoring.ts.
 *
 * Answer codes are stored, never display positions: the CEL statements show
 * their options in alternating order, and right-to-left pages mirror layouts,
 * so a code must mean the same whatever the screen looked like.
 *
 * Licensed scales (De Jong Gierveld, SWEMWBS) are not here: a deployment that
 * holds the permission supplies them as content packs (measure-packs.ts).
 */
import type { MessageKey } from '../../platform/i18n/catalogue.ts';
import { LOCALE_CODES, type LocaleCode } from '../../platform/i18n/locales.ts';
import type { StaffKey } from '../../platform/i18n/staff-catalogue.ts';

/** The answer stored when the person chose not to say. Every item offers it. */
export const PREFER_NOT = 'prefer_not';

/** Words for the person: a catalogue key (built-in) or the licence holder's text by language (packs). */
export type PersonText = { key: MessageKey } | { byLanguage: Readonly<Partial<Record<LocaleCode, string>>> };
/** Words for staff: a staff catalogue key (built-in) or English text from a pack. */
export type StaffText = { staffKey: StaffKey } | { text: string };

export interface MeasureOption {
  code: string;
  label: PersonText;
  /** The number the option scores (absent: the option is a category only). */
  value?: number;
}

export interface ChoiceItem {
  kind: 'choice';
  id: string;
  prompt: PersonText;
  /** In stored-code order (the order scoring and storage use). */
  options: readonly MeasureOption[];
  /** Codes in the order they are shown, when that differs from `options`. */
  displayOrder?: readonly string[];
}

export interface ScaleItem {
  kind: 'scale';
  id: string;
  prompt: PersonText;
  min: number;
  max: number;
  minLabel: PersonText;
  maxLabel: PersonText;
}

export interface CountItem {
  kind: 'count';
  id: string;
  prompt: PersonText;
  label: PersonText;
  hint: PersonText;
  max: number;
}

export type MeasureItem = ChoiceItem | ScaleItem | CountItem;

/** One answer per item: an option code, a number as text, or PREFER_NOT. */
export type Answers = Readonly<Record<string, string>>;

/** How a score's change reads to staff: counts go "more"/"fewer", levels "higher"/"lower". */
export type ChangeWords = 'count' | 'level';

export interface ScoreInfo {
  id: string;
  label: StaffText;
  change: ChangeWords;
}

/** One derived score, computed on the server from the stored codes. */
export interface ScoreLine {
  id: string;
  /** Null when the measure's missing-item rule says no score (e.g. an item was not given). */
  value: number | null;
  /** ONS4 band (very_low … very_high). */
  band?: string;
  /** For category items (direct question, belonging): the answer code. */
  category?: string;
}

export interface Measure {
  id: string;
  version: string;
  source: 'builtin' | 'pack';
  /** Staff name. */
  name: StaffText;
  /** Heading shown to the person (never mentions loneliness). */
  title: PersonText;
  /** Why we ask this one (shown with the common explanation). */
  why: PersonText;
  /** The instrument's own introduction, shown before the items, if it has one. */
  intro?: PersonText;
  items: readonly MeasureItem[];
  /** Languages the person can be asked in. */
  languages: readonly LocaleCode[];
  /** Languages whose wording is the official one; the rest are unvalidated translations. */
  officialLanguages: readonly LocaleCode[];
  /** Citation or copyright line for staff pages. */
  credit: string;
  scores: readonly ScoreInfo[];
  score(answers: Answers): ScoreLine[];
}

const k = (key: MessageKey): PersonText => ({ key });
const s = (staffKey: StaffKey): StaffText => ({ staffKey });

/** Codes of the three UCLA items, in scoring order (1, 2, 3). */
export const UCLA_CODES = ['hardly_ever_or_never', 'some_of_the_time', 'often'] as const;
/** Codes of the direct question, in the ONS display order (often/always first). */
export const DIRECT_CODES = ['often_always', 'some_of_the_time', 'occasionally', 'hardly_ever', 'never'] as const;
/** Codes of the CEL options, strongly disagree first (scored 4 … 0). */
export const CEL_CODES = ['strongly_disagree', 'disagree', 'neutral', 'agree', 'strongly_agree'] as const;
/** Codes of the belonging item, in display order (very strongly first). */
export const BELONGING_CODES = ['very_strongly', 'fairly_strongly', 'not_very_strongly', 'not_at_all_strongly'] as const;

const uclaOptions: MeasureOption[] = [
  { code: 'hardly_ever_or_never', label: k('measures.onsLoneliness.hardlyEverOrNever'), value: 1 },
  { code: 'some_of_the_time', label: k('measures.onsLoneliness.someOfTheTime'), value: 2 },
  { code: 'often', label: k('measures.onsLoneliness.often'), value: 3 },
];

/** The direct question's value: how often, 1 (never) … 5 (often/always). */
const directOptions: MeasureOption[] = [
  { code: 'often_always', label: k('measures.onsLoneliness.oftenAlways'), value: 5 },
  { code: 'some_of_the_time', label: k('measures.onsLoneliness.someOfTheTime'), value: 4 },
  { code: 'occasionally', label: k('measures.onsLoneliness.occasionally'), value: 3 },
  { code: 'hardly_ever', label: k('measures.onsLoneliness.hardlyEver'), value: 2 },
  { code: 'never', label: k('measures.onsLoneliness.never'), value: 1 },
];

/** CEL scoring (CEL guidance, 2015): strongly disagree 4 … strongly agree 0; higher means less content. */
const celOptions: MeasureOption[] = [
  { code: 'strongly_disagree', label: k('measures.cel.stronglyDisagree'), value: 4 },
  { code: 'disagree', label: k('measures.cel.disagree'), value: 3 },
  { code: 'neutral', label: k('measures.cel.neutral'), value: 2 },
  { code: 'agree', label: k('measures.cel.agree'), value: 1 },
  { code: 'strongly_agree', label: k('measures.cel.stronglyAgree'), value: 0 },
];
const CEL_REVERSED = [...CEL_CODES].reverse();

const belongingOptions: MeasureOption[] = [
  { code: 'very_strongly', label: k('measures.belonging.veryStrongly'), value: 4 },
  { code: 'fairly_strongly', label: k('measures.belonging.fairlyStrongly'), value: 3 },
  { code: 'not_very_strongly', label: k('measures.belonging.notVeryStrongly'), value: 2 },
  { code: 'not_at_all_strongly', label: k('measures.belonging.notAtAllStrongly'), value: 1 },
];

const ons4Item = (id: 'satisfied' | 'worthwhile' | 'happy' | 'anxious'): ScaleItem => ({
  kind: 'scale',
  id,
  prompt: k(`measures.ons4.${id}`),
  min: 0,
  max: 10,
  minLabel: k(`measures.ons4.${id}.low`),
  maxLabel: k(`measures.ons4.${id}.high`),
});

const ALL_LANGUAGES: readonly LocaleCode[] = LOCALE_CODES;
const ENGLISH_ONLY: readonly LocaleCode[] = ['en'];

/** Definitions without their scoring functions (measure-scoring.ts adds those). */
export type MeasureShape = Omit<Measure, 'score'>;

export const ONS_LONELINESS: MeasureShape = {
  id: 'ons_loneliness',
  version: 'ons-2018',
  source: 'builtin',
  name: s('measures.name.ons_loneliness'),
  title: k('measures.onsLoneliness.title'),
  why: k('measures.onsLoneliness.why'),
  intro: k('measures.onsLoneliness.intro'),
  // ONS order: the three indirect (UCLA) items first, then the direct question.
  items: [
    { kind: 'choice', id: 'lack_companionship', prompt: k('measures.onsLoneliness.lackCompanionship'), options: uclaOptions },
    { kind: 'choice', id: 'left_out', prompt: k('measures.onsLoneliness.leftOut'), options: uclaOptions },
    { kind: 'choice', id: 'isolated', prompt: k('measures.onsLoneliness.isolated'), options: uclaOptions },
    { kind: 'choice', id: 'direct', prompt: k('measures.onsLoneliness.direct'), options: directOptions },
  ],
  languages: ALL_LANGUAGES,
  officialLanguages: ENGLISH_ONLY,
  credit:
    'ONS national indicators of loneliness (GSS harmonised standard); UCLA 3-item scale, Hughes, Waite, Hawkley & Cacioppo (2004). Crown copyright.',
  scores: [
    { id: 'ucla3_total', label: s('measures.score.ucla3'), change: 'level' },
    { id: 'lack_companionship', label: s('measures.score.lackCompanionship'), change: 'level' },
    { id: 'left_out', label: s('measures.score.leftOut'), change: 'level' },
    { id: 'isolated', label: s('measures.score.apartFromOthers'), change: 'level' },
    { id: 'direct', label: s('measures.score.direct'), change: 'level' },
  ],
};

export const ONS4: MeasureShape = {
  id: 'ons4',
  version: 'ons-2011',
  source: 'builtin',
  name: s('measures.name.ons4'),
  title: k('measures.ons4.title'),
  why: k('measures.ons4.why'),
  intro: k('measures.ons4.intro'),
  items: [ons4Item('satisfied'), ons4Item('worthwhile'), ons4Item('happy'), ons4Item('anxious')],
  languages: ALL_LANGUAGES,
  officialLanguages: ENGLISH_ONLY,
  credit: 'ONS personal wellbeing questions (ONS4). Crown copyright; free to use, reported item by item.',
  scores: [
    { id: 'satisfied', label: s('measures.score.satisfied'), change: 'level' },
    { id: 'worthwhile', label: s('measures.score.worthwhile'), change: 'level' },
    { id: 'happy', label: s('measures.score.happy'), change: 'level' },
    { id: 'anxious', label: s('measures.score.anxious'), change: 'level' },
  ],
};

export const CEL3: MeasureShape = {
  id: 'cel3',
  version: 'cel-2015',
  source: 'builtin',
  name: s('measures.name.cel3'),
  title: k('measures.cel.title'),
  why: k('measures.cel.why'),
  intro: k('measures.cel.intro'),
  // Statements 1 and 3 start at "strongly disagree", statement 2 at "strongly agree" (CEL guidance).
  items: [
    { kind: 'choice', id: 'content', prompt: k('measures.cel.content'), options: celOptions, displayOrder: CEL_CODES },
    { kind: 'choice', id: 'help', prompt: k('measures.cel.help'), options: celOptions, displayOrder: CEL_REVERSED },
    { kind: 'choice', id: 'satisfying', prompt: k('measures.cel.satisfying'), options: celOptions, displayOrder: CEL_CODES },
  ],
  languages: ALL_LANGUAGES,
  officialLanguages: ENGLISH_ONLY,
  credit:
    'Campaign to End Loneliness Measurement Tool (now with the Centre for Loneliness Studies, Sheffield Hallam University). Not a screening tool.',
  scores: [
    { id: 'cel_total', label: s('measures.score.celTotal'), change: 'level' },
    { id: 'content', label: s('measures.score.celContent'), change: 'level' },
    { id: 'help', label: s('measures.score.celHelp'), change: 'level' },
    { id: 'satisfying', label: s('measures.score.celSatisfying'), change: 'level' },
  ],
};

export const BELONGING: MeasureShape = {
  id: 'belonging',
  version: 'cls-2018',
  source: 'builtin',
  name: s('measures.name.belonging'),
  title: k('measures.belonging.title'),
  why: k('measures.belonging.why'),
  items: [{ kind: 'choice', id: 'belonging', prompt: k('measures.belonging.question'), options: belongingOptions }],
  languages: ALL_LANGUAGES,
  officialLanguages: ENGLISH_ONLY,
  credit: 'Community Life Survey (DCMS), neighbourhood belonging. Crown copyright.',
  scores: [{ id: 'belonging', label: s('measures.score.belonging'), change: 'level' }],
};

export const GROUPS: MeasureShape = {
  id: 'groups',
  version: 'belong-1',
  source: 'builtin',
  name: s('measures.name.groups'),
  title: k('measures.groups.title'),
  why: k('measures.groups.why'),
  items: [
    {
      kind: 'count',
      id: 'groups',
      prompt: k('measures.groups.question'),
      label: k('measures.groups.number'),
      hint: k('measures.groups.hint'),
      max: 99,
    },
  ],
  languages: ALL_LANGUAGES,
  officialLanguages: ENGLISH_ONLY,
  credit: 'Number of groups (after the social identity research on social prescribing, e.g. Wakefield et al. 2022).',
  scores: [{ id: 'groups', label: s('measures.score.groups'), change: 'count' }],
};

/** The options of a choice item in the order they are shown. */
export function displayedOptions(item: ChoiceItem): MeasureOption[] {
  if (!item.displayOrder) return [...item.options];
  return item.displayOrder.map((code) => {
    const o = item.options.find((x) => x.code === code);
    if (!o) throw new Error(`${item.id}: display order names unknown code ${code}`);
    return o;
  });
}

/** Every catalogue key a built-in measure uses (the tests check each exists in every language). */
export function catalogueKeys(m: MeasureShape): MessageKey[] {
  const keys: MessageKey[] = [];
  const add = (t: PersonText | undefined) => {
    if (t && 'key' in t) keys.push(t.key);
  };
  add(m.title);
  add(m.why);
  add(m.intro);
  for (const item of m.items) {
    add(item.prompt);
    if (item.kind === 'choice') item.options.forEach((o) => add(o.label));
    if (item.kind === 'scale') [item.minLabel, item.maxLabel].forEach(add);
    if (item.kind === 'count') [item.label, item.hint].forEach(add);
  }
  return keys;
}
