/**
 * Access-matrix rows for safety and rights (issue 15): the "know your
 * rights" texts (rights.edit), the unfair-treatment queue
 * (unfair_report.view, unfair_report.update) — administrators only, never
 * the provider of the service — and the areas a referring organisation
 * covers (organisation.update).
 */
import { newId } from '../../platform/ids.ts';
import type { Row, World } from '../../../test/support/access-matrix.ts';
import { organisationAreasService } from './organisation-areas.service.ts';
import { rightsAdminService } from './rights.service.ts';
import { unfairReportService } from './unfair-report.service.ts';

/** A fresh report about listing A's service, with contact details. */
async function reportOnA(w: World): Promise<Record<string, string>> {
  const id = newId();
  const now = new Date();
  await w.database.db
    .insertInto('unfair_treatment_report')
    .values({
      id,
      service_id: w.graphA.service.id,
      service_name: w.graphA.service.name,
      kinds: ['racism'],
      what_happened: 'Told to go home',
      anonymous: false,
      contact: '07700 900555',
      language: 'en',
      updated_at: now,
      created_at: now,
    })
    .execute();
  return { report: id };
}

export const SAFETY_ROWS: Row[] = [
  {
    action: 'rights.edit',
    does: 'see the rights pages’ review list',
    allowed: ['administrator'],
    attempt: (a) => rightsAdminService(a).list(),
  },
  {
    action: 'rights.edit',
    does: 'replace the GP rights page in Polish and set its review date',
    allowed: ['administrator'],
    prepare: async (w) => {
      await w.database.db.deleteFrom('rights_page_text').where('page', '=', 'gp').where('locale', '=', 'pl').execute();
      return {};
    },
    attempt: (a) => rightsAdminService(a).save({ page: 'gp', locale: 'pl', title: 'Lekarz', body: 'Tekst.', reviewBy: '2099-01-01' }),
    changed: async (w) =>
      !!(await w.database.db
        .selectFrom('rights_page_text')
        .select('page')
        .where('page', '=', 'gp')
        .where('locale', '=', 'pl')
        .executeTakeFirst()),
  },
  {
    action: 'unfair_report.view',
    does: 'see the unfair-treatment queue, with reporters’ contact details',
    allowed: ['administrator'],
    prepare: reportOnA,
    attempt: (a) => unfairReportService(a).queue('open'),
  },
  {
    action: 'unfair_report.view',
    does: 'read a report of unfair treatment at listing A’s service',
    allowed: ['administrator'],
    prepare: reportOnA,
    attempt: (a, _w, _c, t) => unfairReportService(a).get(t.report!),
  },
  {
    action: 'unfair_report.update',
    does: 'mark a report of unfair treatment at listing A’s service as being looked into',
    allowed: ['administrator'],
    prepare: reportOnA,
    attempt: (a, _w, _c, t) => unfairReportService(a).setStatus(t.report!, 'looking', null),
    changed: async (w, _c, t) =>
      (await w.database.db.selectFrom('unfair_treatment_report').select('status').where('id', '=', t.report!).executeTakeFirstOrThrow())
        .status === 'looking',
  },
  {
    action: 'organisation.update',
    does: 'set the postcode areas the connector’s organisation covers',
    allowed: ['administrator'],
    prepare: async (w) => {
      await w.database.db.deleteFrom('staff_organisation_area').where('staff_organisation_id', '=', w.orgConnector).execute();
      return {};
    },
    attempt: (a, w) => organisationAreasService(a).save(w.orgConnector, ['BD8']),
    changed: async (w) =>
      !!(await w.database.db
        .selectFrom('staff_organisation_area')
        .select('outcode')
        .where('staff_organisation_id', '=', w.orgConnector)
        .executeTakeFirst()),
  },
];
