/**
 * Access-matrix rows for the quality module: the problem-report queue
 * (report.view, report.resolve, report.dismiss) and the data-quality view
 * (quality.view, quality.bulk_update, quality.send_reminders). Listing A
 * belongs to provider organisation A; provider B's manager is the
 * cross-organisation case and is refused everywhere.
 */
import type { Notifier } from '../../platform/notify/notifier.ts';
import { newId } from '../../platform/ids.ts';
import { PROVIDERS_A, type Row, type World } from '../../../test/support/access-matrix.ts';
import { organizationFixture, saveFixtures, serviceFixture } from '../../../test/support/directory-fixtures.ts';
import { qualityService } from './quality.service.ts';
import { reportsService } from './reports.service.ts';

const quietNotifier: Notifier = { enqueue: async () => undefined };

/** A fresh open report about listing A's service, with contact details. */
async function reportOnA(w: World): Promise<Record<string, string>> {
  const id = newId();
  await w.database.db
    .insertInto('listing_report')
    .values({
      id,
      service_id: w.graphA.service.id,
      kind: 'times',
      details: 'Now on Wednesdays',
      contact: '07700 900999',
      language: 'en',
      created_at: new Date(),
    })
    .execute();
  return { report: id };
}

const statusOf = async (w: World, id: string) =>
  (await w.database.db.selectFrom('listing_report').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;

export const QUALITY_ROWS: Row[] = [
  {
    action: 'report.view',
    does: 'see the whole problem-report queue, with reporters’ contact details',
    allowed: ['administrator'],
    prepare: reportOnA,
    attempt: (a) => reportsService(a).queue('all'),
  },
  {
    action: 'report.view',
    does: 'see the open problem reports about listing A',
    allowed: ['administrator', ...PROVIDERS_A],
    prepare: reportOnA,
    attempt: (a, w) => reportsService(a).forListings([w.listingA]),
  },
  {
    action: 'report.resolve',
    does: 'mark a problem report about listing A resolved',
    allowed: ['administrator', ...PROVIDERS_A],
    prepare: reportOnA,
    attempt: (a, _w, _c, t) => reportsService(a).resolve(t.report!, 'Times corrected'),
    changed: async (w, _c, t) => (await statusOf(w, t.report!)) === 'resolved',
  },
  {
    action: 'report.dismiss',
    does: 'dismiss a problem report about listing A',
    allowed: ['administrator'],
    prepare: reportOnA,
    attempt: (a, _w, _c, t) => reportsService(a).dismiss(t.report!, 'Nothing wrong'),
    changed: async (w, _c, t) => (await statusOf(w, t.report!)) === 'dismissed',
  },
  {
    action: 'quality.view',
    does: 'see the data-quality view',
    allowed: ['administrator'],
    attempt: (a) => qualityService(a).overview(null),
  },
  {
    action: 'quality.bulk_update',
    does: 'mark a service of listing A verified in bulk',
    allowed: ['administrator'],
    prepare: async (w, cell) => {
      const [g] = await saveFixtures(w.database.db, [serviceFixture(`bulk-${cell}`, { organization: organizationFixture('listing-a') })]);
      return { service: g!.service.id };
    },
    attempt: (a, _w, _c, t) => qualityService(a).bulk('verify', [t.service!]),
    changed: async (w, _c, t) =>
      (await w.database.db.selectFrom('service').select('assured_date').where('id', '=', t.service!).executeTakeFirstOrThrow())
        .assured_date !== null,
  },
  {
    action: 'quality.send_reminders',
    does: 'send the review reminders that are due',
    allowed: ['administrator'],
    attempt: (a) => qualityService(a).sendRemindersNow(quietNotifier),
  },
];
