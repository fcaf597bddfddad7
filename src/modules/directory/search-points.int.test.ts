/**
 * The search points (migration 0280): one row per active service and public
 * location, kept by triggers, stay equal to a fresh computation from the
 * tables after saves (the importer's and the provider forms' way in), after
 * SQL from elsewhere, and after deletes and TRUNCATE; and searches around a
 * place give what a computation over the tables gives.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { openTestDatabase, runElsewhere, testEngine, type TestDatabase } from '../../../test/support/test-db.ts';
import { fixtureId, locationFixture, offsetPoint, saveFixtures, serviceFixture } from '../../../test/support/directory-fixtures.ts';
import { searchPointCount, searchPointDrift } from '../../../test/support/search-points.ts';
import { ensureVocabulary } from './vocabulary.repository.ts';
import { searchServices } from './service-search.repository.ts';
import type { ServiceSearchParams } from './service-search.ts';

const CENTRE = { latitude: 53.8017, longitude: -1.78409 };
const at = (north: number, east: number) => offsetPoint(CENTRE, north, east);

const params = (over: Partial<ServiceSearchParams>): ServiceSearchParams => ({
  page: 1,
  perPage: 50,
  taxonomyTermIds: [],
  timeMatch: 'overlap',
  today: '2026-03-02',
  ...over,
});

describe(`search points kept by triggers [${testEngine}]`, () => {
  let database: TestDatabase;
  const svc = (k: string) => fixtureId(`service:${k}`);
  const loc = (k: string) => fixtureId(`location:${k}`);

  const assertFresh = async (label: string) => {
    assert.deepEqual(await searchPointDrift(database.db), { kept: [], due: [] }, label);
  };

  before(async () => {
    database = await openTestDatabase();
    await ensureVocabulary(database.db);
    await saveFixtures(database.db, [
      serviceFixture('tea', { locations: [locationFixture('tea', at(100, 0)), locationFixture('tea-two', at(900, 200))] }),
      serviceFixture('refuge', {
        locations: [locationFixture('refuge', { ...at(50, 50), belong: { confidential: true, area_name: 'BD8' } })],
      }),
      serviceFixture('nowhere', { locations: [locationFixture('nowhere', { latitude: null, longitude: null })] }),
      serviceFixture('closed', { service: { status: 'inactive' }, locations: [locationFixture('closed', at(200, 0))] }),
      serviceFixture('online', { locations: [] }),
      serviceFixture('walk', { locations: [locationFixture('walk', at(-400, 300))] }),
    ]);
  });
  after(async () => {
    await database.dispose();
  });

  it('holds each active service at each of its public locations, after a save', async () => {
    await assertFresh('after the first save');
    const rows = await sql<{ service_id: string; location_id: string; name: string }>`
      select service_id, location_id, name from belong_search_point order by name, location_id`.execute(database.db);
    const pairs = rows.rows.map((r) => `${r.name}@${r.location_id}`);
    assert.deepEqual(pairs.sort(), [`Tea group@${loc('tea')}`, `Tea group@${loc('tea-two')}`, `Walk group@${loc('walk')}`].sort());
  });

  it('follows a graph saved again with its places moved, hidden, dropped, and its name and status changed', async () => {
    await saveFixtures(database.db, [
      serviceFixture('tea', {
        service: { name: 'Tea and chat' },
        locations: [locationFixture('tea', at(300, 0)), locationFixture('tea-three', at(0, 700))],
      }),
      serviceFixture('refuge', {
        locations: [locationFixture('refuge', { ...at(50, 50), belong: { confidential: false, area_name: 'BD8' } })],
      }),
      serviceFixture('closed', { locations: [locationFixture('closed', at(200, 0))] }),
      serviceFixture('walk', { service: { status: 'defunct' }, locations: [locationFixture('walk', at(-400, 300))] }),
    ]);
    await assertFresh('after saving again');
    const names = await sql<{ name: string }>`select distinct name from belong_search_point order by name`.execute(database.db);
    assert.deepEqual(
      names.rows.map((r) => r.name),
      ['Closed group', 'Refuge group', 'Tea and chat'],
    );
  });

  it('follows SQL run from elsewhere on every table it comes from', async () => {
    const steps = [
      `update location set latitude = latitude + 0.001 where id = '${loc('tea')}'`,
      `update location set latitude = null where id = '${loc('tea-three')}'`,
      `update location set latitude = 53.8 where id = '${loc('tea-three')}'`,
      `update belong_location set confidential = true where location_id = '${loc('refuge')}'`,
      `update belong_location set confidential = false where location_id = '${loc('refuge')}'`,
      `delete from belong_location where location_id = '${loc('closed')}'`,
      `insert into belong_location (location_id, confidential) values ('${loc('closed')}', true)`,
      `update service set name = 'Tea, chat and cake' where id = '${svc('tea')}'`,
      `update service set status = 'temporarily closed' where id = '${svc('refuge')}'`,
      `update service set status = 'active' where id = '${svc('walk')}'`,
      `update service set email = 'walk@example.org.uk' where id = '${svc('walk')}'`,
      `update service set description = 'Walks on the moor' where id = '${svc('walk')}'`,
      `insert into service_at_location (id, service_id, location_id) values ('${fixtureId('sal:walk-tea')}', '${svc('walk')}', '${loc('tea')}')`,
      `update service_at_location set location_id = '${loc('tea-three')}' where id = '${fixtureId('sal:walk-tea')}'`,
      `delete from service_at_location where service_id = '${svc('tea')}' and location_id = '${loc('tea-three')}'`,
      `delete from location where id = '${loc('walk')}'`,
      `delete from service where id = '${svc('closed')}'`,
    ];
    for (const step of steps) {
      const before = await searchPointCount(database.db);
      await runElsewhere(database, step);
      await assertFresh(step);
      if (step.includes('email')) assert.equal(await searchPointCount(database.db), before, 'a change to another column leaves the points');
    }
  });

  it('starts again after TRUNCATE', async () => {
    await saveFixtures(database.db, [serviceFixture('again', { locations: [locationFixture('again', at(10, 10))] })]);
    await runElsewhere(database, 'truncate service_at_location cascade');
    await assertFresh('after truncate');
    assert.equal(await searchPointCount(database.db), 0);
    await saveFixtures(database.db, [serviceFixture('again', { locations: [locationFixture('again', at(10, 10))] })]);
    await assertFresh('after saving once more');
    assert.equal(await searchPointCount(database.db), 1);
  });

  it('gives searches around a place the services a computation over the tables gives, nearest first', async () => {
    await saveFixtures(database.db, [
      serviceFixture('a', { locations: [locationFixture('a', at(100, 0)), locationFixture('a2', at(2000, 0))] }),
      serviceFixture('b', { locations: [locationFixture('b', at(500, 0))] }),
      serviceFixture('c', { locations: [locationFixture('c', { ...at(50, 0), belong: { confidential: true, area_name: null } })] }),
      serviceFixture('d', { service: { status: 'inactive' }, locations: [locationFixture('d', at(60, 0))] }),
      serviceFixture('e', { locations: [locationFixture('e', at(2500, 0))] }),
      serviceFixture('f', { locations: [] }),
      // At the same place as b: told apart by name, then id.
      serviceFixture('g', { locations: [locationFixture('g', at(500, 0))] }),
      serviceFixture('h', { locations: [locationFixture('h', at(500, 0)), locationFixture('h2', at(2400, 0))] }),
    ]);
    const expected = async (radius: number | null) => {
      const r = await sql<{ id: string }>`
        select s.id from service s
        join service_at_location sal on sal.service_id = s.id join location l on l.id = sal.location_id
        left join belong_location bl on bl.location_id = l.id
        where s.status = 'active' and l.latitude is not null and l.longitude is not null and not coalesce(bl.confidential, false)
        group by s.id, s.name
        having ${radius === null ? sql`true` : sql`min(earth_distance(ll_to_earth(${CENTRE.latitude}::float8, ${CENTRE.longitude}::float8), ll_to_earth(l.latitude, l.longitude))) <= ${radius}`}
        order by min(earth_distance(ll_to_earth(${CENTRE.latitude}::float8, ${CENTRE.longitude}::float8), ll_to_earth(l.latitude, l.longitude))), s.name, s.id`.execute(
        database.db,
      );
      return r.rows.map((x) => x.id);
    };
    const within = await searchServices(database.db, params({ near: { ...CENTRE, code: 'BD8', radiusMetres: 1500 } }));
    const wanted = await expected(1500);
    assert.ok(wanted.includes(svc('a')) && wanted.includes(svc('b')) && !wanted.includes(svc('c')) && !wanted.includes(svc('d')));
    assert.deepEqual(within.ids, wanted);
    assert.equal(within.total, wanted.length);
    // Page by page, a service with several points inside the radius once, at its nearest.
    for (const radius of [600, 3000]) {
      const all = await expected(radius);
      assert.ok(all.includes(svc('h')) && all.includes(svc('g')));
      for (const perPage of [1, 2, 3]) {
        for (let page = 1; page <= Math.ceil(all.length / perPage) + 1; page++) {
          const found = await searchServices(
            database.db,
            params({ near: { ...CENTRE, code: 'BD8', radiusMetres: radius }, page, perPage }),
          );
          const label = `${radius} m, page ${page} of ${perPage}`;
          assert.deepEqual(found.ids, all.slice((page - 1) * perPage, page * perPage), label);
          assert.equal(found.total, all.length, label);
          if (found.ids.includes(svc('h'))) assert.ok(Math.abs(found.distanceMetres.get(svc('h'))! - 500) < 1, label);
        }
      }
    }
    const nearest = await searchServices(database.db, params({ near: { ...CENTRE, code: 'BD8' } }));
    const all = await expected(null);
    // Services with no public location come last (by name), after every located one.
    assert.deepEqual(nearest.ids.slice(0, all.length), all);
    assert.ok(nearest.ids.includes(svc('f')) && nearest.ids.includes(svc('c')));
    assert.ok(!nearest.ids.includes(svc('d')));
  });

  it('ranks words within a radius from the points alone exactly as from the services', async () => {
    // Names that match "chat" more and less closely, with accents, at several
    // distances; one service with two points inside the radius; one not active,
    // one only at a confidential place, one with the words only in its description.
    const chat = (key: string, name: string, points: [number, number][], over: Parameters<typeof serviceFixture>[1] = {}) =>
      serviceFixture(key, {
        ...over,
        service: { name, description: `${name}: come along.`, ...over.service },
        locations: points.map(([n, e], i) => locationFixture(`${key}-${i}`, at(n, e))),
      });
    await saveFixtures(database.db, [
      chat('chat-cafe', 'Chat café', [[300, 0]]),
      chat('chat-two', 'Chats and walks', [
        [800, 0],
        [-200, 100],
      ]),
      chat('chat-far', 'Chat', [[2600, 0]]),
      chat('chat-same', 'Chat', [[300, 0]]),
      chat('chat-desc', 'Sewing circle', [[100, 100]], { service: { description: 'Sew and chat.' } }),
      chat('chat-near-out', 'Chat point', [[4000, 0]]),
      chat('chat-closed', 'Chat closed', [[50, 0]], { service: { status: 'inactive' } }),
      serviceFixture('chat-hidden', {
        service: { name: 'Chat in private' },
        locations: [locationFixture('chat-hidden', { ...at(40, 0), belong: { confidential: true, area_name: null } })],
      }),
    ]);
    const near = { ...CENTRE, code: 'BD8' };
    for (const radiusMetres of [1000, 3000]) {
      for (const nearestFirst of [false, true]) {
        const one = (page: number, perPage: number, over: Partial<ServiceSearchParams> = {}) =>
          searchServices(
            database.db,
            params({ search: 'chat', near: { ...near, radiusMetres }, page, perPage, ...(nearestFirst ? { nearestFirst } : {}), ...over }),
          );
        // The same search through the services (a filter that keeps every service takes that way).
        const all = await one(1, 50, { modifiedAfter: new Date('2000-01-01') });
        assert.ok(all.total >= 3 && !all.ids.includes(svc('chat-closed')) && !all.ids.includes(svc('chat-hidden')), `${radiusMetres} m`);
        assert.equal(all.ids.includes(svc('chat-far')), radiusMetres > 2600);
        for (const perPage of [1, 2, 50]) {
          for (let page = 1; page <= Math.ceil(all.total / perPage) + 1; page++) {
            const found = await one(page, perPage);
            const label = `${radiusMetres} m, ${nearestFirst ? 'nearest first, ' : ''}page ${page} of ${perPage}`;
            assert.deepEqual(found.ids, all.ids.slice((page - 1) * perPage, page * perPage), label);
            assert.equal(found.total, all.total, label);
            for (const id of found.ids) assert.equal(found.distanceMetres.get(id), all.distanceMetres.get(id), label);
          }
        }
      }
    }
    const folded = await sql<{ same: boolean }>`select bool_and(folded_name = belong_fold(name)) as same from belong_search_point`.execute(
      database.db,
    );
    assert.equal(folded.rows[0]!.same, true, 'every point keeps its folded name');
  });

  it('keeps a service exactly at the edge of the radius, and leaves one a hair beyond it, whichever way the search goes', async () => {
    await saveFixtures(database.db, [
      serviceFixture('edge', { service: { name: 'Edge chat' }, locations: [locationFixture('edge', at(1234, 567))] }),
    ]);
    const edge = await sql<{ d: number }>`
      select earth_distance(ll_to_earth(${CENTRE.latitude}::float8, ${CENTRE.longitude}::float8), ll_to_earth(l.latitude, l.longitude)) as d
      from location l where l.id = ${loc('edge')}`.execute(database.db);
    const d = Number(edge.rows[0]!.d);
    // One or two units in the last place below d: the service is then just outside.
    const below = d - Math.max(Number.EPSILON * d, Number.MIN_VALUE);
    assert.ok(below < d);
    const near = (radiusMetres: number) => ({ ...CENTRE, code: 'BD8', radiusMetres });
    const ways: [string, Partial<ServiceSearchParams>][] = [
      ['a place alone', {}],
      ['words', { search: 'chat' }],
      ['words and a filter', { search: 'chat', modifiedAfter: new Date('2000-01-01') }],
      ['a filter', { modifiedAfter: new Date('2000-01-01') }],
    ];
    for (const [label, over] of ways) {
      const onEdge = await searchServices(database.db, params({ ...over, near: near(d) }));
      const beyond = await searchServices(database.db, params({ ...over, near: near(below) }));
      assert.ok(onEdge.ids.includes(svc('edge')), `${label}: at the edge`);
      assert.ok(!beyond.ids.includes(svc('edge')), `${label}: a hair beyond`);
      assert.equal(onEdge.total, beyond.total + 1, label);
    }
  });
});
