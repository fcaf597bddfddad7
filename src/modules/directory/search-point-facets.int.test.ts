/**
 * The filter codes each search point carries (migration 0360): a point has a
 * code exactly when the service's own fields match that filter as
 * `belongTermCondition` tests them, the codes follow every change to
 * belong_service, and searches around a place that test the filters on the
 * points give what the same search through belong_service gives.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { openTestDatabase, runElsewhere, testEngine, type TestDatabase } from '../../../test/support/test-db.ts';
import { fixtureId, locationFixture, offsetPoint, saveFixtures, serviceFixture } from '../../../test/support/directory-fixtures.ts';
import { searchPointDrift } from '../../../test/support/search-points.ts';
import { ensureVocabulary } from './vocabulary.repository.ts';
import { FACET_NUMBERS } from './search-point-facets.ts';
import {
  belongTermCondition,
  isFacet,
  runSearch,
  searchServices,
  serviceSearchQuery,
  type SearchQueryOptions,
} from './service-search.repository.ts';
import type { ServiceSearchParams } from './service-search.ts';
import { VOCABULARY, termId } from './vocabulary.ts';
import {
  ACCESS_FEATURES,
  AUDIENCES,
  CAPACITY_STATUSES,
  COST_BANDS,
  ELIGIBILITIES,
  ENTRIES,
  FAITHS,
  FOODS,
  GENDERS,
  HELP_FLAGS,
  MODES,
  REQUIREMENTS,
  SUPPORT_KINDS,
} from './service-graph.ts';

const CENTRE = { latitude: 53.8017, longitude: -1.78409 };
const TODAY = '2026-03-02';
const params = (over: Partial<ServiceSearchParams>): ServiceSearchParams => ({
  page: 1,
  perPage: 50,
  taxonomyTermIds: [],
  timeMatch: 'overlap',
  today: TODAY,
  ...over,
});

/** The i-th value of a list, or not stated every `list.length + 1`-th time. */
const pick = <T>(list: readonly T[], i: number): T | null => (i % (list.length + 1) === list.length ? null : list[i % (list.length + 1)]!);
/** A few of a list's values, varying with i (sometimes none). */
const some = <T>(list: readonly T[], i: number): T[] => list.filter((_, k) => (i >> k) % 3 === 1 || (i + k) % 5 === 0);
/** Yes, no or not stated for each key, varying with i. */
const yesNo = (keys: readonly string[], i: number) =>
  Object.fromEntries(keys.flatMap((k, n) => ((i + n) % 3 === 2 ? [] : [[k, (i + n) % 3 === 0]])));

/** 60 services with every kind of stated and not stated field, within 2.5 km of the centre; most say "chat". */
function variedServices() {
  return Array.from({ length: 60 }, (_, i) => {
    const help = Object.fromEntries(HELP_FLAGS.map((f, n) => [f, [true, false, null][(i + n) % 3]]));
    const audiences = some(AUDIENCES, i + 2);
    return serviceFixture(`varied-${i}`, {
      service: {
        name: i % 7 === 3 ? `Coffee morning ${i}` : `Chat group ${i}`,
        description: i % 5 === 4 ? 'Conversation over tea.' : 'A chat over tea.',
      },
      belong: {
        gender: pick(GENDERS, i),
        // "Open to all" names no audience.
        eligibility: audiences.length ? pick(['only', 'especially_welcome'] as const, i) : pick(ELIGIBILITIES, i + 1),
        entry: pick(ENTRIES, i + 2),
        cost_band: pick(COST_BANDS, i),
        capacity_status: pick(CAPACITY_STATUSES, i + 1),
        faith: pick(FAITHS, i),
        modes: some(MODES, i),
        food: some(FOODS, i + 1),
        support_kinds: some(SUPPORT_KINDS, i),
        audiences,
        accessibility: yesNo(ACCESS_FEATURES, i),
        requirements: yesNo(REQUIREMENTS, i + 1),
        ...help,
      },
      locations:
        i % 11 === 10
          ? []
          : [
              locationFixture(`varied-${i}`, offsetPoint(CENTRE, ((i * 37) % 50) * 50 - 1200, ((i * 53) % 40) * 50 - 900)),
              ...(i % 9 === 0 ? [locationFixture(`varied-${i}-b`, offsetPoint(CENTRE, 300 - i * 10, 200))] : []),
            ],
    });
  });
}

describe(`search points carry their service's filter codes [${testEngine}]`, () => {
  let database: TestDatabase;
  before(async () => {
    database = await openTestDatabase();
    await ensureVocabulary(database.db);
    await saveFixtures(database.db, variedServices());
    // Written from elsewhere: values a form cannot give (not yes or no, a key Belong does not know).
    await runElsewhere(
      database,
      `update belong_service set accessibility = '{"step_free": "yes", "bsl": null, "ramp": true, "quiet_space": false}'::jsonb,
        modes = '{by_pigeon}', audiences = '{}' where service_id = '${fixtureId('service:varied-5')}'`,
    );
    // A service without Belong's own fields.
    await runElsewhere(database, `delete from belong_service where service_id = '${fixtureId('service:varied-6')}'`);
  });
  after(async () => {
    await database.dispose();
  });

  it('has a code exactly when the service matches that filter, for every code of the vocabulary a point can carry', async () => {
    const codes = VOCABULARY.map((t) => t.code).filter(isFacet);
    // Every value of the form's filter groups is a facet (a new one needs a migration like 0360, and its number in FACET_NUMBERS).
    for (const group of ['gender', 'cost', 'entry', 'faith', 'mode', 'support', 'audience', 'access', 'requires', 'help']) {
      const values = VOCABULARY.filter((t) => t.code.startsWith(`${group}:`));
      assert.ok(values.length > 0, group);
      for (const t of values) assert.ok(isFacet(t.code), t.code);
    }
    assert.ok(!isFacet('vetting:vetted') && !isFacet('place:area') && !isFacet('gender') && !isFacet('mode:by_pigeon'));
    // Each code has a number of its own.
    const numbers = await sql<{ code: string; n: number[] }>`
      select c.code, belong_facet_numbers(array[c.code]) as n from unnest(${codes}::text[]) c (code)`.execute(database.db);
    for (const r of numbers.rows) assert.equal(r.n.length, 1, r.code);
    assert.equal(new Set(numbers.rows.map((r) => r.n[0])).size, codes.length, 'no two codes share a number');
    // The numbers the app sends with a search are the migrations' own, every one.
    const table = await sql<{ code: string; n: number }>`select code, n from belong_facet_codes() order by n`.execute(database.db);
    assert.deepEqual(
      table.rows.map((r) => [r.code, r.n]),
      [...FACET_NUMBERS].sort((a, b) => a[1] - b[1]),
    );
    let matched = 0;
    for (const code of codes) {
      const wanted = await sql<{ id: string }>`
        select bs.service_id as id from belong_service bs where ${belongTermCondition(code, TODAY)!} order by 1`.execute(database.db);
      const carried = await sql<{ id: string }>`
        select bs.service_id as id from belong_service bs
        where belong_service_facets(bs) @> belong_facet_numbers(array[${code}]::text[]) order by 1`.execute(database.db);
      assert.deepEqual(carried.rows, wanted.rows, code);
      matched += wanted.rows.length;
    }
    assert.ok(matched > 200, 'the services match many codes');
  });

  it('follows every change to the service’s own fields, and nothing else', async () => {
    const id = fixtureId('service:varied-1');
    const steps = [
      `update belong_service set gender = 'women_only', cost_band = null where service_id = '${id}'`,
      `update belong_service set modes = array['phone', 'online'], childcare = false where service_id = '${id}'`,
      `update belong_service set accessibility = accessibility || '{"step_free": false}'::jsonb where service_id = '${id}'`,
      `delete from belong_service where service_id = '${id}'`,
      `insert into belong_service (service_id, gender, cost_band, requirements) values ('${id}', 'men_only', 'free', '{"id_documents": false}')`,
      `update belong_service set how_to_join = 'Just come along.' where service_id = '${id}'`,
    ];
    for (const step of steps) {
      await runElsewhere(database, step);
      assert.deepEqual(await searchPointDrift(database.db), { kept: [], due: [] }, step);
    }
    const kept = await sql<{ same: boolean }>`
      select facets = belong_facet_numbers(array['cost:free', 'gender:men_only', 'requires:no_id_documents']) as same
      from belong_search_point where service_id = ${id}`.execute(database.db);
    assert.deepEqual(kept.rows, [{ same: true }]);
    await runElsewhere(database, 'truncate belong_service');
    assert.deepEqual(await searchPointDrift(database.db), { kept: [], due: [] }, 'after truncate');
    const none = await sql<{ n: number }>`select count(*)::int as n from belong_search_point where facets <> '{}'`.execute(database.db);
    assert.equal(none.rows[0]!.n, 0);
    // Back as before, for the searches below.
    await saveFixtures(database.db, variedServices());
    assert.deepEqual(await searchPointDrift(database.db), { kept: [], due: [] }, 'saved again');
  });

  it('gives searches around a place with the form’s filters what the search through the services gives', async () => {
    const filters: [string, Partial<ServiceSearchParams>][] = [
      ['women only, free', { belongAnyOf: [['gender:women_only'], ['cost:free']] }],
      [
        'either gender, drop in, no ID',
        { belongAnyOf: [['gender:women_only', 'gender:men_only'], ['entry:drop_in'], ['requires:no_id_documents']] },
      ],
      ['childcare, step free', { belongAnyOf: [['help:childcare'], ['access:step_free']] }],
      ['phone or online, for families', { belongAnyOf: [['mode:phone', 'mode:online'], ['audience:families']] }],
      ['a stated no', { belongAnyOf: [['help:no_transport_offered']] }],
      ['a term of the vocabulary', { taxonomyTermIds: [termId('support:befriending')] }],
      ['a group with an unknown code', { belongAnyOf: [['gender:women_only', 'help:flying']] }],
      ['an empty group', { belongAnyOf: [[], ['cost:free']] }],
    ];
    // Each way of matching words on its own (the vocabulary's way as it runs once the words found nothing):
    // around a place and a radius the ways are tried within the radius, so only one way at a time compares.
    const searches: [string | undefined, SearchQueryOptions][] = [
      [undefined, {}],
      ...['chat', 'coffee', 'conversation', 'nothing like it'].map((w): [string, SearchQueryOptions] => [w, { firstWayOnly: true }]),
      ...['talk', 'chat'].map((w): [string, SearchQueryOptions] => [w, { withoutTypos: true, wordsFoundNothing: true }]),
    ];
    const run = (p: ServiceSearchParams, opts: SearchQueryOptions) =>
      runSearch(database.db, serviceSearchQuery(database.db, p, opts), p.page);
    let compared = 0;
    for (const [label, filter] of filters) {
      for (const [search, opts] of searches) {
        for (const radiusMetres of [800, 2000]) {
          for (const nearestFirst of search ? [false, true] : [false]) {
            const asked = { ...filter, ...(search ? { search } : {}), ...(nearestFirst ? { nearestFirst } : {}) };
            const near = { ...CENTRE, code: 'BD8', radiusMetres };
            // Without a radius, the search goes through the services and belong_service: then keep those inside it.
            const everywhere = await run(params({ ...asked, near: { ...CENTRE, code: 'BD8' }, perPage: 1000 }), opts);
            const ids = everywhere.ids.filter((id) => (everywhere.distanceMetres.get(id) ?? Infinity) <= radiusMetres);
            const through = { ids, total: ids.length, distanceMetres: everywhere.distanceMetres };
            const what = `${label}, ${search ?? 'no words'} ${JSON.stringify(opts)}, ${radiusMetres} m${nearestFirst ? ', nearest first' : ''}`;
            for (const perPage of [3, 50]) {
              for (let page = 1; page <= Math.ceil(through.total / perPage) + 1; page++) {
                const found = await run(params({ ...asked, near, page, perPage }), opts);
                const at = `${what}, page ${page} of ${perPage}`;
                assert.deepEqual(found.ids, through.ids.slice((page - 1) * perPage, page * perPage), at);
                assert.equal(found.total, through.total, at);
                for (const id of found.ids) assert.equal(found.distanceMetres.get(id), through.distanceMetres.get(id), at);
              }
            }
            compared += through.total;
          }
        }
      }
    }
    assert.ok(compared > 300, `the searches found services to compare (${compared})`);
  });

  it('finds nothing once the words found nothing and they have no vocabulary', async () => {
    const near = { ...CENTRE, code: 'BD8', radiusMetres: 2000 };
    for (const over of [{}, { modifiedAfter: new Date('2000-01-01') }]) {
      const p = params({ search: 'coffee', near, belongAnyOf: [['cost:free']], ...over });
      const q = serviceSearchQuery(database.db, p, { withoutTypos: true, wordsFoundNothing: true });
      assert.deepEqual(await runSearch(database.db, q), { total: 0, ids: [], distanceMetres: new Map() });
      assert.ok(
        (await runSearch(database.db, serviceSearchQuery(database.db, p, { firstWayOnly: true }))).total > 0,
        'the words find some',
      );
    }
  });

  it('tries the words and then their vocabulary on the points as the search through the services does', async () => {
    // "talk" is in no name or description, but the vocabulary relates it to chat and conversation.
    const run = (p: ServiceSearchParams, opts: SearchQueryOptions) =>
      runSearch(database.db, serviceSearchQuery(database.db, p, opts), p.page);
    for (const radiusMetres of [800, 2000]) {
      const near = { ...CENTRE, code: 'BD8', radiusMetres };
      for (const search of ['talk', 'chat', 'conversation']) {
        for (const belongAnyOf of [[['cost:free']], [['gender:women_only', 'gender:mixed']], [['help:childcare'], ['mode:phone']]]) {
          for (const perPage of [2, 50]) {
            for (let page = 1; page <= 4; page++) {
              const p = params({ search, near, belongAnyOf, page, perPage });
              const what = `${search}, ${JSON.stringify(belongAnyOf)}, ${radiusMetres} m, page ${page} of ${perPage}`;
              // A filter that keeps every service sends the search through the services (`matchesOf`).
              const through = await run({ ...p, modifiedAfter: new Date('2000-01-01') }, { withoutTypos: true });
              const onPoints = await run(p, { withoutTypos: true });
              assert.deepEqual(onPoints, through, what);
              assert.deepEqual(await searchServices(database.db, p), through, what);
              const first = await run(p, { firstWayOnly: true });
              if (first.total === 0) {
                // Once the words found nothing, the vocabulary's way alone gives the same.
                assert.deepEqual(await run(p, { withoutTypos: true, wordsFoundNothing: true }), through, what);
                if (search === 'talk' && page === 1 && radiusMetres === 2000)
                  assert.ok(through.total > 0, `${what}: the vocabulary finds some`);
              } else assert.deepEqual(first, through, what);
            }
          }
        }
      }
    }
  });
});
