/**
 * Scoring, from stored answer codes only (never from what the screen showed).
 * Pure functions; the service calls them when an administration is saved, so
 * derived scores are always the server's own.
 *
 * Missing-item rules: an answer of "prefer not to say" (or no answer) leaves
 * that item unscored, and a total is not computed unless every item it sums
 * was answered (UCLA-3, CEL). ONS4 is never summed: each item is its own
 * score with its ONS band; anxiety runs the other way (higher is worse).
 */
import {
  BELONGING,
  CEL3,
  GROUPS,
  ONS4,
  ONS_LONELINESS,
  PREFER_NOT,
  type Answers,
  type Measure,
  type MeasureItem,
  type MeasureShape,
  type ScoreLine,
} from './measure-definitions.ts';

/** The number an answer scores, or null (not answered, prefer not to say, or not a valid answer). */
export function itemValue(item: MeasureItem, answer: string | undefined): number | null {
  if (answer === undefined || answer === PREFER_NOT) return null;
  if (item.kind === 'choice') return item.options.find((o) => o.code === answer)?.value ?? null;
  if (!/^\d{1,3}$/.test(answer)) return null;
  const n = Number(answer);
  const [min, max] = item.kind === 'scale' ? [item.min, item.max] : [0, item.max];
  return n >= min && n <= max ? n : null;
}

/** The sum when every value is present; otherwise null (no prorating). */
export function completeSum(values: readonly (number | null)[]): number | null {
  return values.every((v) => v !== null) ? values.reduce<number>((a, v) => a + v!, 0) : null;
}

export type Ons4Item = 'satisfied' | 'worthwhile' | 'happy' | 'anxious';

/** ONS thresholds: anxiety 0–1 very low, 2–3 low, 4–5 medium, 6–10 high; the others 0–4 low, 5–6 medium, 7–8 high, 9–10 very high. */
export function ons4Band(item: Ons4Item, v: number): 'very_low' | 'low' | 'medium' | 'high' | 'very_high' {
  if (item === 'anxious') return v <= 1 ? 'very_low' : v <= 3 ? 'low' : v <= 5 ? 'medium' : 'high';
  return v <= 4 ? 'low' : v <= 6 ? 'medium' : v <= 8 ? 'high' : 'very_high';
}

const item = (m: MeasureShape, id: string): MeasureItem => {
  const found = m.items.find((i) => i.id === id);
  if (!found) throw new Error(`${m.id} has no item ${id}`);
  return found;
};
const valueOf = (m: MeasureShape, a: Answers, id: string) => itemValue(item(m, id), a[id]);
const categoryOf = (m: MeasureShape, a: Answers, id: string) => (valueOf(m, a, id) === null ? undefined : a[id]);

function itemLine(m: MeasureShape, a: Answers, id: string): ScoreLine {
  return { id, value: valueOf(m, a, id) };
}

export function scoreOnsLoneliness(a: Answers): ScoreLine[] {
  const ucla = ['lack_companionship', 'left_out', 'isolated'].map((id) => itemLine(ONS_LONELINESS, a, id));
  const direct = valueOf(ONS_LONELINESS, a, 'direct');
  const category = categoryOf(ONS_LONELINESS, a, 'direct');
  return [
    { id: 'ucla3_total', value: completeSum(ucla.map((l) => l.value)) },
    ...ucla,
    { id: 'direct', value: direct, ...(category ? { category } : {}) },
  ];
}

export function scoreOns4(a: Answers): ScoreLine[] {
  return (['satisfied', 'worthwhile', 'happy', 'anxious'] as const).map((id) => {
    const v = valueOf(ONS4, a, id);
    return v === null ? { id, value: null } : { id, value: v, band: ons4Band(id, v) };
  });
}

export function scoreCel(a: Answers): ScoreLine[] {
  const lines = ['content', 'help', 'satisfying'].map((id) => itemLine(CEL3, a, id));
  return [{ id: 'cel_total', value: completeSum(lines.map((l) => l.value)) }, ...lines];
}

export function scoreBelonging(a: Answers): ScoreLine[] {
  const category = categoryOf(BELONGING, a, 'belonging');
  return [{ id: 'belonging', value: valueOf(BELONGING, a, 'belonging'), ...(category ? { category } : {}) }];
}

export function scoreGroups(a: Answers): ScoreLine[] {
  return [itemLine(GROUPS, a, 'groups')];
}

/** The built-in measures, in the order they are offered (connection and belonging before any loneliness item). */
export const BUILTIN_MEASURES: readonly Measure[] = [
  { ...CEL3, score: scoreCel },
  { ...BELONGING, score: scoreBelonging },
  { ...GROUPS, score: scoreGroups },
  { ...ONS_LONELINESS, score: scoreOnsLoneliness },
  { ...ONS4, score: scoreOns4 },
];
