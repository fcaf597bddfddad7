/**
 * How many reports or requests one (hashed) client address may send through a public form: a fixed
 * window of an hour with a small allowance — plenty for a person telling us
 * about a few listings, too few for a robot to flood the queue. Pure.
 */

export const REPORTS_PER_WINDOW = 5;
export const REPORT_WINDOW_MS = 60 * 60 * 1000;

export interface ReportThrottleState {
  windowStartedAt: Date;
  reports: number;
}

export type ThrottleDecision = { allowed: true; next: ReportThrottleState } | { allowed: false; retryAt: Date };

/** Whether one more report may be taken now, and the state after taking it. */
export function takeReport(state: ReportThrottleState | null, now: Date): ThrottleDecision {
  if (!state || now.getTime() - state.windowStartedAt.getTime() >= REPORT_WINDOW_MS || now < state.windowStartedAt) {
    return { allowed: true, next: { windowStartedAt: now, reports: 1 } };
  }
  if (state.reports >= REPORTS_PER_WINDOW) {
    return { allowed: false, retryAt: new Date(state.windowStartedAt.getTime() + REPORT_WINDOW_MS) };
  }
  return { allowed: true, next: { windowStartedAt: state.windowStartedAt, reports: state.reports + 1 } };
}

/** The whole seconds to wait until `retryAt` (at least 1), for a 429's Retry-After header. */
export function retryAfterSeconds(retryAt: Date, now: Date): number {
  return Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 1000));
}
