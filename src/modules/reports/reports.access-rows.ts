/** Access-matrix rows for the commissioners' evidence: administrators and commissioners only. */
import type { Row } from '../../../test/support/access-matrix.ts';
import { reportsService } from './reports.service.ts';

const period = { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2027-01-01T00:00:00Z') };

export const REPORTS_ROWS: Row[] = [
  {
    action: 'evidence.view',
    does: 'see coverage, the referral funnel and outcomes as aggregates',
    allowed: ['administrator', 'commissioner'],
    attempt: async (a) => {
      await reportsService(a).coverage(null);
      await reportsService(a).funnel(period, null);
      await reportsService(a).outcomes(period);
    },
  },
];
