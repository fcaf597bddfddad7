/**
 * Access-matrix rows for matching: the commissioners' unmet-needs counts
 * (unmet_need.view) are for administrators and commissioners only.
 */
import type { Row } from '../../../test/support/access-matrix.ts';
import { unmetNeedsService } from './unmet-needs.service.ts';

export const MATCHING_ROWS: Row[] = [
  {
    action: 'unmet_need.view',
    does: 'see counts of needs nothing could meet, by area and need',
    allowed: ['administrator', 'commissioner'],
    attempt: (a) => unmetNeedsService(a).summary({ from: new Date('2026-01-01T00:00:00Z'), to: new Date('2027-01-01T00:00:00Z') }),
  },
];
