/**
 * Change over time (pure): for one person, each measure's baseline against
 * its latest follow-up, score by score; and, for commissioners, area-wide
 * aggregates over everyone's baseline/follow-up pairs with small numbers
 * hidden (any figure resting on fewer than SMALL_NUMBER people).
 *
 * The baseline is the earliest baseline that was answered (not declined); the
 * follow-up is the latest answered follow-up dated on or after it.
 */
import type { ScoreLine } from './measure-definitions.ts';
import type { Occasion } from './measure-answers.ts';

export const SMALL_NUMBER = 5;

export interface StoredAdministration {
  id: string;
  personId: string;
  measureId: string;
  occasion: Occasion;
  occasionDate: string;
  declined: boolean;
  scores: readonly ScoreLine[];
  recordedAt: Date;
}

export interface ChangeLine {
  id: string;
  baseline: number | null;
  followUp: number | null;
  /** followUp − baseline, when both are known. */
  delta: number | null;
}

export interface MeasurePair {
  measureId: string;
  baseline: StoredAdministration;
  followUp: StoredAdministration;
  lines: ChangeLine[];
}

const byWhen = (a: StoredAdministration, b: StoredAdministration) =>
  a.occasionDate.localeCompare(b.occasionDate) || a.recordedAt.getTime() - b.recordedAt.getTime();

/** The baseline/latest follow-up pair of one person's administrations of one measure, if there is one. */
export function pairFor(
  records: readonly StoredAdministration[],
): { baseline: StoredAdministration; followUp: StoredAdministration } | null {
  const answered = records.filter((r) => !r.declined).sort(byWhen);
  const baseline = answered.find((r) => r.occasion === 'baseline');
  if (!baseline) return null;
  const followUp = answered.filter((r) => r.occasion === 'follow_up' && byWhen(r, baseline) >= 0).at(-1);
  return followUp ? { baseline, followUp } : null;
}

/** Score by score, in the baseline's order. */
export function changeLines(baseline: readonly ScoreLine[], followUp: readonly ScoreLine[]): ChangeLine[] {
  return baseline.map((b) => {
    const f = followUp.find((l) => l.id === b.id);
    const fv = f?.value ?? null;
    return { id: b.id, baseline: b.value, followUp: fv, delta: b.value !== null && fv !== null ? round(fv - b.value) : null };
  });
}

const round = (n: number) => Math.round(n * 100) / 100;

/** One person's pairs, one per measure that has both a baseline and a later follow-up. */
export function personChanges(records: readonly StoredAdministration[]): MeasurePair[] {
  const byMeasure = new Map<string, StoredAdministration[]>();
  for (const r of records) byMeasure.set(r.measureId, [...(byMeasure.get(r.measureId) ?? []), r]);
  const out: MeasurePair[] = [];
  for (const [measureId, list] of byMeasure) {
    const pair = pairFor(list);
    if (pair) out.push({ measureId, ...pair, lines: changeLines(pair.baseline.scores, pair.followUp.scores) });
  }
  return out;
}

/** A figure for commissioners: shown, or hidden because it rests on fewer than SMALL_NUMBER people. */
export type Cell = { shown: true; value: number } | { shown: false };

const cell = (n: number, value: number): Cell => (n >= SMALL_NUMBER ? { shown: true, value: round(value) } : { shown: false });
const mean = (xs: number[]) => xs.reduce((a, x) => a + x, 0) / xs.length;

export interface SummaryLine {
  scoreId: string;
  people: Cell;
  meanBaseline: Cell;
  meanFollowUp: Cell;
  meanChange: Cell;
}

export interface MeasureSummary {
  measureId: string;
  baselines: Cell;
  followUps: Cell;
  pairs: Cell;
  lines: SummaryLine[];
}

/**
 * Area-wide figures per measure: how many times it was given at each
 * occasion, how many people have a pair, and per score the mean at baseline,
 * at follow-up and the mean change over the people with both values. No
 * person ids or answers leave this function.
 */
export function summarise(
  records: readonly StoredAdministration[],
  measureOrder: readonly { id: string; scoreIds: readonly string[] }[],
): MeasureSummary[] {
  return measureOrder.map(({ id, scoreIds }) => {
    const mine = records.filter((r) => r.measureId === id && !r.declined);
    const byPerson = new Map<string, StoredAdministration[]>();
    for (const r of mine) byPerson.set(r.personId, [...(byPerson.get(r.personId) ?? []), r]);
    const pairs = [...byPerson.values()].map(pairFor).filter((p) => p !== null);
    const lines = scoreIds.map((scoreId) => {
      const both = pairs
        .map(
          (p) =>
            changeLines(
              p.baseline.scores.filter((l) => l.id === scoreId),
              p.followUp.scores,
            )[0],
        )
        .filter((l): l is ChangeLine => l !== undefined && l.delta !== null);
      const n = both.length;
      return {
        scoreId,
        people: cell(n, n),
        meanBaseline: n ? cell(n, mean(both.map((l) => l.baseline!))) : { shown: false as const },
        meanFollowUp: n ? cell(n, mean(both.map((l) => l.followUp!))) : { shown: false as const },
        meanChange: n ? cell(n, mean(both.map((l) => l.delta!))) : { shown: false as const },
      };
    });
    const baselines = mine.filter((r) => r.occasion === 'baseline').length;
    const followUps = mine.filter((r) => r.occasion === 'follow_up').length;
    return {
      measureId: id,
      baselines: cell(baselines, baselines),
      followUps: cell(followUps, followUps),
      pairs: cell(pairs.length, pairs.length),
      lines,
    };
  });
}
