// "On today" and "open now" are decided in SQL over every match (schedules
// compiled as rows, closures and changed hours included). The reference is
// schedule.ts evaluated in memory over every active service: totals, the
// services themselves, and the order of "open now first" pages must agree,
// at several instants chosen for the hard cases (first and last weekday of a
// month, a fifth weekday, every other week, Christmas closures, changed
// hours, overnight sessions, summer time).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Hono } from 'hono';
import { sql } from 'kysely';
import { i18nMiddleware } from '../../platform/i18n/i18n.middleware.ts';
import { openTestDatabase, testEngine, type TestDatabase } from '../../../test/support/test-db.ts';
import {
  fixtureId,
  locationFixture,
  organizationFixture,
  saveFixtures,
  scheduleFixture,
  serviceFixture,
} from '../../../test/support/directory-fixtures.ts';
import { bulkLoadServices } from '../demo/bulk-load.ts';
import { prepareScheduleRules, searchServices } from '../directory/directory.service.ts';
import { parseServiceSearch, type ServiceSearchParams } from '../directory/service-search.ts';
import { ensureVocabulary } from '../directory/vocabulary.repository.ts';
import { lookupPlace } from '../geo/postcodes.ts';
import { arrangeCandidates, localNow, whenFlags } from './find-when.ts';
import { loadTimetables } from './find.repository.ts';
import { findRoutes } from './find.routes.tsx';
import { BD8 } from './find.test-support.ts';

const SERVICES = Number(process.env.BELONG_WHEN_SERVICES ?? 1200);
const INSTANTS = [
  '2026-03-03T10:30:00Z', // Tuesday, the first of the month
  '2026-03-31T18:30:00Z', // Tuesday, the last of the month, in summer time (19:30 in London)
  '2026-07-29T09:15:00Z', // a fifth Wednesday, in the summer holidays
  '2026-12-24T11:00:00Z', // Christmas closures
  '2026-02-28T23:30:00Z', // Saturday night, the last day of February
  '2026-03-10T13:00:00Z', // an off-week of "every other week"
];

describe(`"on today" and "open now" in SQL agree with the schedule rules over every service [${testEngine}]`, () => {
  let database: TestDatabase;
  let active: string[];

  before(async () => {
    database = await openTestDatabase();
    await ensureVocabulary(database.db);
    await bulkLoadServices(database.db, { services: SERVICES, today: '2026-03-01', servicesPerTransaction: 600 });
    // Shapes the generator does not make.
    const org = organizationFixture('odd shapes');
    const at = (key: string) => locationFixture(key, { latitude: BD8.latitude + 0.001, longitude: BD8.longitude });
    await saveFixtures(database.db, [
      serviceFixture('counted', {
        organization: org,
        locations: [at('counted')],
        schedules: [scheduleFixture('counted', { byday: 'TU,SA', dtstart: '2026-02-03', count: 5, opens_at: '09:00', closes_at: '20:00' })],
      }),
      serviceFixture('month ends', {
        organization: org,
        locations: [at('month ends')],
        schedules: [
          scheduleFixture('month ends', { freq: 'MONTHLY', byday: null, bymonthday: '-1,1', opens_at: '18:00', closes_at: '23:45' }),
        ],
      }),
      serviceFixture('every third week', {
        organization: org,
        locations: [at('third')],
        schedules: [
          scheduleFixture('third', {
            byday: 'TU,WE',
            interval: 3,
            dtstart: '2026-01-04',
            wkst: 'SU',
            opens_at: '12:00',
            closes_at: '14:00',
          }),
        ],
      }),
      serviceFixture('changed hours', {
        organization: org,
        locations: [at('changed')],
        schedules: [
          scheduleFixture('changed a', { byday: 'MO,TU,WE,TH,FR,SA,SU', opens_at: '09:00', closes_at: '10:00' }),
          scheduleFixture('changed b', { byday: 'TU,TH,SA', opens_at: null, closes_at: null }),
        ],
        extra: {
          schedule_exceptions: [
            {
              id: fixtureId('ex:wide'),
              starts_on: '2026-02-01',
              ends_on: '2026-12-31',
              closed: false,
              opens_at: '08:00',
              closes_at: '23:59',
            },
            {
              id: fixtureId('ex:narrow'),
              schedule_id: fixtureId('schedule:changed a'),
              starts_on: '2026-03-01',
              ends_on: '2026-03-31',
              closed: false,
              opens_at: '13:00',
              closes_at: '19:45',
            },
            { id: fixtureId('ex:shut'), starts_on: '2026-12-20', ends_on: '2026-12-27', closed: true },
            {
              id: fixtureId('ex:shut b'),
              schedule_id: fixtureId('schedule:changed b'),
              starts_on: '2026-07-01',
              ends_on: '2026-07-31',
              closed: true,
            },
          ],
        },
      }),
      serviceFixture('once', {
        organization: org,
        locations: [at('once')],
        schedules: [scheduleFixture('once', { freq: null, byday: null, dtstart: '2026-07-29', opens_at: '09:00', closes_at: '10:00' })],
      }),
    ]);
    // Schedules written another way (no compiled row; one overnight, as a feed may have it), and one changed after it was compiled.
    const some = await database.db.selectFrom('service').select('id').where('status', '=', 'active').orderBy('id').limit(2).execute();
    await sql`insert into schedule (id, service_id, freq, byday, opens_at, closes_at) values
      (${fixtureId('schedule:raw')}, ${some[0]!.id}, 'WEEKLY', 'TU,WE,SA', '07:00', '22:00'),
      (${fixtureId('schedule:overnight')}, ${some[0]!.id}, null, 'SA,TU', '22:00', '02:00')`.execute(database.db);
    await sql`update schedule set byday = 'MO,TU,WE,TH,FR,SA,SU', opens_at = '00:00', closes_at = '23:59'
      where service_id = ${some[1]!.id}`.execute(database.db);
    active = (await database.db.selectFrom('service').select('id').where('status', '=', 'active').execute()).map((r) => r.id);
  });
  after(async () => {
    await database.dispose();
  });

  const params = (extra: Partial<ServiceSearchParams>, query: Record<string, string> = {}): ServiceSearchParams => {
    const r = parseServiceSearch(query, { today: '2026-03-01', lookupPlace });
    if (!r.ok) throw new Error(r.errors.join(' '));
    return { ...r.value, perPage: 100_000, ...extra };
  };

  it('finds exactly the services on that day and open at that time, at every instant', async () => {
    // As /find does before it asks about times: the schedules written or changed another way get their rows.
    assert.ok((await prepareScheduleRules(database.db)) >= 3, 'the raw and the changed schedules were compiled');
    const timetables = await loadTimetables(database.db, active);
    for (const instant of INSTANTS) {
      const now = localNow(new Date(instant));
      const flags = new Map(active.map((id) => [id, whenFlags(timetables.get(id), now)]));
      const expected = {
        onDay: active.filter((id) => flags.get(id)!.onToday).sort(),
        openAt: active.filter((id) => flags.get(id)!.openNow).sort(),
      };
      assert.ok(expected.onDay.length > 0 && expected.onDay.length < active.length, `${instant}: some services are on, not all`);
      if (instant === INSTANTS[0]) assert.ok(expected.openAt.length > 0, 'some are open on a Tuesday morning');
      for (const which of ['onDay', 'openAt'] as const) {
        const yes = await searchServices(database.db, params({ when: { ...now, [which]: true } }));
        const no = await searchServices(database.db, params({ when: { ...now, [which]: false } }));
        assert.deepEqual([...yes.ids].sort(), expected[which], `${instant} ${which}`);
        assert.equal(yes.total, expected[which].length, `${instant} ${which} total`);
        assert.equal(no.total, active.length - expected[which].length, `${instant} not ${which} total`);
      }
    }
  });

  it('serves /find totals and "open now first" pages as the rules order them', async () => {
    for (const instant of INSTANTS.slice(0, 3)) {
      const app = new Hono();
      app.use(i18nMiddleware());
      app.route('/', findRoutes({ database }, { now: () => new Date(instant) }));
      const now = localNow(new Date(instant));
      const timetables = await loadTimetables(database.db, active);
      const onToday = active.filter((id) => whenFlags(timetables.get(id), now).onToday).length;
      const page = await (await app.request('/find?when=today', { headers: { cookie: 'lang=en' } })).text();
      assert.match(page, new RegExp(`<h2 id="results">${onToday.toLocaleString('en-GB')} results?</h2>`), instant);

      // Nearest first around BD8, then open now first, then on today, as arrangeCandidates orders them.
      const all = await searchServices(database.db, params({}, { postcode: 'BD8', proximity: '3000' }));
      const expected = arrangeCandidates(all.ids, timetables, { sort: 'open', when: [], now, distances: all.distanceMetres });
      for (const n of [1, 2, 7]) {
        const html = await (await app.request(`/find?where=BD8&radius=3&sort=open&page=${n}`, { headers: { cookie: 'lang=en' } })).text();
        const ids = [...html.matchAll(/<h3><a href="\/services\/([0-9a-f-]{36})">/g)].map((m) => m[1]);
        assert.deepEqual(ids, expected.slice((n - 1) * 10, n * 10), `${instant} page ${n}`);
        if (n === 1) assert.equal(ids.length, 10);
      }
    }
  });
});
