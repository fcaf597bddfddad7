/**
 * The access-matrix rows that modules contribute (each module keeps its rows
 * in its own `<module>.access-rows.ts`). Add one import and one spread here.
 */
import type { Row } from '../support/access-matrix.ts';
import { QUALITY_ROWS } from '../../src/modules/quality/quality.access-rows.ts';
import { LISTINGS_ROWS } from '../../src/modules/listings/listings.access-rows.ts';
import { PEOPLE_ROWS } from '../../src/modules/people/people.access-rows.ts';
import { MEASURE_ROWS } from '../../src/modules/measures/measures.access-rows.ts';
import { REFERRAL_ROWS } from '../../src/modules/referrals/referrals.access-rows.ts';
import { VISIT_ROWS } from '../../src/modules/referrals/visits.access-rows.ts';
import { MATCHING_ROWS } from '../../src/modules/matching/matching.access-rows.ts';
import { HANDOVER_ROWS } from '../../src/modules/handover/handover.access-rows.ts';
import { BEFRIENDING_ROWS } from '../../src/modules/befriending/befriending.access-rows.ts';
import { REPORTS_ROWS } from '../../src/modules/reports/reports.access-rows.ts';
import { CRISIS_ROWS } from '../../src/modules/safety/crisis.access-rows.ts';
import { SAFETY_ROWS } from '../../src/modules/safety/safety.access-rows.ts';

export const MODULE_ROWS: Row[] = [
  ...QUALITY_ROWS,
  ...LISTINGS_ROWS,
  ...PEOPLE_ROWS,
  ...MEASURE_ROWS,
  ...REFERRAL_ROWS,
  ...VISIT_ROWS,
  ...MATCHING_ROWS,
  ...HANDOVER_ROWS,
  ...BEFRIENDING_ROWS,
  ...REPORTS_ROWS,
  ...CRISIS_ROWS,
  ...SAFETY_ROWS,
];
