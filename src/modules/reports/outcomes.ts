/**
 * Outcomes with small numbers hidden: a measure's change, or a feedback
 * average, resting on fewer than 5 people (or ratings) is not shown, nor is
 * its count. Averages cannot be subtracted out of a total the way counts
 * can (no total is shown), so no secondary suppression is needed here.
 */
import type { FeedbackRow, MeasureChangeRow } from './outcomes.repository.ts';
import { SUPPRESS_BELOW } from './suppression.ts';

export interface ShownChange extends Omit<MeasureChangeRow, 'people' | 'baseline' | 'followUp' | 'change'> {
  people: number | null;
  baseline: number | null;
  followUp: number | null;
  change: number | null;
}

export interface ShownFeedback extends Omit<FeedbackRow, 'ratings' | 'average'> {
  ratings: number | null;
  average: number | null;
}

const round = (n: number) => Math.round(n * 100) / 100;

export function suppressChange(rows: MeasureChangeRow[]): ShownChange[] {
  return rows.map((r) =>
    r.people < SUPPRESS_BELOW
      ? { ...r, people: null, baseline: null, followUp: null, change: null }
      : { ...r, baseline: round(r.baseline), followUp: round(r.followUp), change: round(r.change) },
  );
}

export function suppressFeedback(rows: FeedbackRow[]): ShownFeedback[] {
  return rows.map((r) => (r.ratings < SUPPRESS_BELOW ? { ...r, ratings: null, average: null } : { ...r, average: round(r.average) }));
}
