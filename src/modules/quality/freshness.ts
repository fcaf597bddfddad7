/**
 * Is a listing still true? Pure rules for freshness and data quality.
 *
 * A listing is *stale* when its review date has passed; a listing with no
 * review date is stale when it was last verified more than 12 months ago, or
 * never. Other problems an administrator wants to see: no languages, no times
 * (no schedules), no safeguarding record (none of the safeguarding fields
 * set), and open problem reports.
 *
 * Dates are 'YYYY-MM-DD' strings (UK local dates), compared as strings.
 */

export const QUALITY_PROBLEMS = ['stale', 'no_languages', 'no_times', 'no_safeguarding', 'open_reports'] as const;
export type QualityProblem = (typeof QUALITY_PROBLEMS)[number];

export const isQualityProblem = (s: string): s is QualityProblem => (QUALITY_PROBLEMS as readonly string[]).includes(s);

/** Months without verification, when there is no review date, before a listing is stale. */
export const UNVERIFIED_MONTHS = 12;
/** How far ahead "mark verified" sets the next review. */
export const REVIEW_INTERVAL_MONTHS = 6;

/** The facts about one listing the rules look at. */
export interface ListingFacts {
  reviewDue: string | null;
  /** When it was last verified (the service's assured date). */
  verifiedOn: string | null;
  languages: number;
  schedules: number;
  safeguardingPolicy: boolean;
  safeguardingCheckedLeads: boolean;
  traumaInformedTraining: boolean;
  safeguardingReviewDate: string | null;
  openReports: number;
}

/** `date` moved by whole months, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(d, last);
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** True when the listing is past its review date (or, with none, unverified for 12 months). */
export function isStale(f: Pick<ListingFacts, 'reviewDue' | 'verifiedOn'>, today: string): boolean {
  if (f.reviewDue) return f.reviewDue < today;
  if (!f.verifiedOn) return true;
  return f.verifiedOn < addMonths(today, -UNVERIFIED_MONTHS);
}

/** True when none of the safeguarding fields is set. */
export function hasNoSafeguardingRecord(f: ListingFacts): boolean {
  return !f.safeguardingPolicy && !f.safeguardingCheckedLeads && !f.traumaInformedTraining && !f.safeguardingReviewDate;
}

/** Every problem the listing has, in QUALITY_PROBLEMS order. */
export function qualityProblems(f: ListingFacts, today: string): QualityProblem[] {
  const out: QualityProblem[] = [];
  if (isStale(f, today)) out.push('stale');
  if (f.languages === 0) out.push('no_languages');
  if (f.schedules === 0) out.push('no_times');
  if (hasNoSafeguardingRecord(f)) out.push('no_safeguarding');
  if (f.openReports > 0) out.push('open_reports');
  return out;
}

/** How many listings have each problem. */
export function countProblems(lists: readonly (readonly QualityProblem[])[]): Record<QualityProblem, number> {
  const counts = Object.fromEntries(QUALITY_PROBLEMS.map((p) => [p, 0])) as Record<QualityProblem, number>;
  for (const list of lists) for (const p of list) counts[p]++;
  return counts;
}
