/**
 * The commissioners' reports, policy-checked (evidence.view: administrators
 * and commissioners) and audited on every look. Each returns aggregates
 * only, with small numbers about people already hidden.
 */
import type { Access } from '../../platform/auth/access.ts';
import { countCoverage } from './coverage.repository.ts';
import { buildCoverage, type CoverageReport } from './coverage.ts';
import { countFunnel, hasSimulatedActivity, loadPopulation } from './funnel.repository.ts';
import { buildFunnel, type FunnelReport } from './funnel.ts';
import { feedbackRatings, measureChange } from './outcomes.repository.ts';
import { suppressChange, suppressFeedback, type ShownChange, type ShownFeedback } from './outcomes.ts';

export type ReportName = 'coverage' | 'funnel' | 'outcomes';
export interface Period {
  from: Date;
  to: Date;
}
export interface OutcomesReport {
  change: ShownChange[];
  feedback: ShownFeedback[];
  /** The demo's simulated activity is in these figures. */
  madeUp: boolean;
}
export interface FunnelWithBaseline extends FunnelReport {
  baseline: { source: string | null; uploadedAt: Date | null };
  madeUp: boolean;
}

export function reportsService(access: Access) {
  const audit = (report: ReportName, details: Record<string, unknown>) => ({
    subjectType: 'evidence_report',
    subjectId: report,
    details: { report, ...details },
  });
  return {
    coverage: (area: string | null): Promise<CoverageReport> =>
      access.run('evidence.view', {}, audit('coverage', { area }), async (trx) => buildCoverage(await countCoverage(trx, { area }), area)),
    funnel: (period: Period, area: string | null): Promise<FunnelWithBaseline> =>
      access.run(
        'evidence.view',
        {},
        audit('funnel', { area, from: period.from.toISOString(), to: period.to.toISOString() }),
        async (trx) => {
          const population = await loadPopulation(trx);
          return {
            ...buildFunnel(await countFunnel(trx, period), population.rows, area),
            baseline: { source: population.source, uploadedAt: population.uploadedAt },
            madeUp: await hasSimulatedActivity(trx),
          };
        },
      ),
    outcomes: (period: Period): Promise<OutcomesReport> =>
      access.run('evidence.view', {}, audit('outcomes', { from: period.from.toISOString(), to: period.to.toISOString() }), async (trx) => ({
        change: suppressChange(await measureChange(trx, period)),
        feedback: suppressFeedback(await feedbackRatings(trx, period)),
        madeUp: await hasSimulatedActivity(trx),
      })),
  };
}
