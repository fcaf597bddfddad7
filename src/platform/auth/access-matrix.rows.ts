/**
 * The access-matrix rows that modules contribute (each module keeps its rows
 * in its own `<module>.access-rows.ts`). Add one import and one spread here.
 */
import type { Row } from './access-matrix.support.ts';
import { QUALITY_ROWS } from '../../modules/quality/quality.access-rows.ts';
import { LISTINGS_ROWS } from '../../modules/listings/listings.access-rows.ts';
import { PEOPLE_ROWS } from '../../modules/people/people.access-rows.ts';
import { MEASURE_ROWS } from '../../modules/measures/measures.access-rows.ts';
import { REFERRAL_ROWS } from '../../modules/referrals/referrals.access-rows.ts';
import { VISIT_ROWS } from '../../modules/referrals/visits.access-rows.ts';
import { MATCHING_ROWS } from '../../modules/matching/matching.access-rows.ts';
import { HANDOVER_ROWS } from '../../modules/handover/handover.access-rows.ts';

export const MODULE_ROWS: Row[] = [
  ...QUALITY_ROWS,
  ...LISTINGS_ROWS,
  ...PEOPLE_ROWS,
  ...MEASURE_ROWS,
  ...REFERRAL_ROWS,
  ...VISIT_ROWS,
  ...MATCHING_ROWS,
  ...HANDOVER_ROWS,
];
