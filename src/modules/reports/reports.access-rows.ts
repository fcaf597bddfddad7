/** Access-matrix rows for the commissioners' evidence: administrators and commissioners only. */
import type { Row } from '../../../test/support/access-matrix.ts';
import { apiTokensService } from './api-tokens.service.ts';
import { populationService } from './population.service.ts';
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
      await populationService(a).areas();
    },
  },
  {
    action: 'population.upload',
    does: 'replace an area’s population baseline',
    allowed: ['administrator'],
    attempt: (a, _w, cell) =>
      populationService(a).upload(
        [`AREA ${cell}`],
        [{ area: `AREA ${cell}`, dimension: 'gender', value: 'woman', population: 10 }],
        'matrix',
      ),
    changed: async (w, cell) =>
      (await w.database.db.selectFrom('report_population').select('area').where('area', '=', `AREA ${cell}`).executeTakeFirst()) !==
      undefined,
  },
  {
    action: 'api_token.manage',
    does: 'make, list and revoke one’s own read-only report API tokens',
    allowed: ['administrator', 'commissioner'],
    attempt: async (a, _w, cell) => {
      await apiTokensService(a).list();
      await apiTokensService(a).create(`token ${cell}`);
    },
    changed: async (w, cell) =>
      (await w.database.db.selectFrom('report_api_token').select('id').where('name', '=', `token ${cell}`).executeTakeFirst()) !==
      undefined,
  },
];
