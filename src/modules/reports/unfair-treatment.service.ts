/**
 * Unfair-treatment reports counted per service for commissioners
 * (evidence.view: administrators and commissioners), small numbers hidden,
 * each look audited like the other reports.
 */
import type { Access } from '../../platform/auth/access.ts';
import { countUnfairTreatment } from './unfair-treatment.repository.ts';
import { buildUnfairTreatment, type UnfairTreatmentReport } from './unfair-treatment.ts';

export function unfairTreatmentReportService(access: Access) {
  return {
    counts: (period: { from: Date; to: Date }): Promise<UnfairTreatmentReport> =>
      access.run(
        'evidence.view',
        {},
        {
          subjectType: 'evidence_report',
          subjectId: 'unfair_treatment',
          details: { report: 'unfair_treatment', from: period.from.toISOString(), to: period.to.toISOString() },
        },
        async (trx) => buildUnfairTreatment(await countUnfairTreatment(trx, period)),
      ),
  };
}
