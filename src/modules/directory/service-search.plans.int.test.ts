import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CompiledQuery, sql } from 'kysely';
import { nearestFirstByFullScan as fullScan } from '../../../test/support/nearest-by-full-scan.ts';
import { openTestDatabase, testEngine, type TestDatabase } from '../../../test/support/test-db.ts';
import { bulkLoadServices } from '../demo/bulk-load.ts';
import { lookupPlace } from '../geo/postcodes.ts';
import { parseServiceSearch, type ServiceSearchParams } from './service-search.ts';
import { searchServices, serviceSearchQuery, type SearchQueryOptions } from './service-search.repository.ts';
import { termId } from './vocabulary.ts';
import { ensureVocabulary } from './vocabulary.repository.ts';

// Query plans and nearest-first order on a few thousand synthetic services
// (the benchmark's generator), analysed, so PostgreSQL plans as it would for
// a real directory instead of reading a handful of rows.
const SERVICES = 3000;
const TODAY = '2026-03-01';

const params = (query: Record<string, string>): ServiceSearchParams => {
  const r = parseServiceSearch(query, { today: TODAY, lookupPlace });
  if (!r.ok) throw new Error(r.errors.join(' '));
  return r.value;
};

describe(`service search plans at ${SERVICES} services [${testEngine}]`, () => {
  let database: TestDatabase;

  before(async () => {
    database = await openTestDatabase();
    await ensureVocabulary(database.db);
    await bulkLoadServices(database.db, { services: SERVICES, dropIndexes: true, servicesPerTransaction: 1500, today: TODAY });
  });
  after(async () => {
    await database.dispose();
  });

  async function planOf(p: ServiceSearchParams, which: 'page' | 'count' = 'page', opts: SearchQueryOptions = {}): Promise<string> {
    const compiled = serviceSearchQuery(database.db, p, opts)[which].compile();
    const r = await database.db.executeQuery<{ 'QUERY PLAN': string }>(
      CompiledQuery.raw(`explain (costs off) ${compiled.sql}`, [...compiled.parameters]),
    );
    return r.rows.map((row) => row['QUERY PLAN']).join('\n');
  }

  const nearestFirstByFullScan = (at: { latitude: number; longitude: number }, filter = sql`true`) => fullScan(database.db, at, filter);

  it('walks the search points nearest first for a place without a radius', async () => {
    const plan = await planOf(params({ postcode: 'BD8', per_page: '20' }));
    assert.match(
      plan,
      /Index (Only )?Scan using belong_search_point_point on belong_search_point sp(_\d+)?\s+Order By: \(point <-> /,
      plan,
    );
    assert.match(plan, /One-Time Filter: \(.+ < /, `services with no public location are only looked for when the walk runs out:\n${plan}`);
  });

  it('gives the same pages nearest first as measuring every service would', async () => {
    const here = lookupPlace('BD8')!;
    const expected = await nearestFirstByFullScan(here);
    for (const [page, perPage] of [
      [1, 50],
      [2, 50],
      [7, 10],
      [1, 200],
    ] as const) {
      const found = await searchServices(database.db, params({ postcode: 'BD8', page: String(page), per_page: String(perPage) }));
      const want = expected.slice((page - 1) * perPage, page * perPage);
      assert.equal(found.total, expected.length);
      assert.deepEqual(
        found.ids,
        want.map((w) => w.id),
        `page ${page} of ${perPage}`,
      );
      for (const w of want) if (w.d !== null) assert.equal(found.distanceMetres.get(w.id), w.d, 'the same metres as earth_distance gives');
    }
    const women = sql`exists (select 1 from belong_service bs where bs.service_id = s.id and bs.gender = 'women_only')`;
    const filtered = await nearestFirstByFullScan(here, women);
    const found = await searchServices(
      database.db,
      params({ postcode: 'BD8', per_page: '30', page: '2', taxonomy_term_id: termId('gender:women_only') }),
    );
    assert.deepEqual(
      found.ids,
      filtered.slice(30, 60).map((w) => w.id),
    );
    assert.equal(found.total, filtered.length);
  });

  it('ends with the services that cannot be measured once the located ones run out', async () => {
    const expected = await nearestFirstByFullScan(lookupPlace('BD8')!);
    const located = expected.filter((e) => e.d !== null).length;
    assert.ok(located < expected.length, 'the synthetic directory has services with no public location');
    const perPage = 20;
    const page = Math.floor(located / perPage) + 1; // the page where located services run out
    const found = await searchServices(database.db, params({ postcode: 'BD8', page: String(page), per_page: String(perPage) }));
    assert.deepEqual(
      found.ids,
      expected.slice((page - 1) * perPage, page * perPage).map((e) => e.id),
    );
  });

  it('lists the services within a radius nearest first, as a full scan would', async () => {
    const expected = (await nearestFirstByFullScan(lookupPlace('BD8')!)).filter((e) => e.d !== null && e.d <= 2500);
    assert.ok(expected.length > 40, `only ${expected.length} within the radius`);
    const found = await searchServices(database.db, params({ postcode: 'BD8', proximity: '2500', page: '2', per_page: '20' }));
    assert.equal(found.total, expected.length);
    assert.deepEqual(
      found.ids,
      expected.slice(20, 40).map((e) => e.id),
    );
    for (const e of expected.slice(20, 40)) assert.equal(found.distanceMetres.get(e.id), e.d);
  });

  it('uses the word and trigram indexes for words, and the trigram branch only when the words find nothing', async () => {
    const plan = await planOf(params({ search: 'lunch club' }));
    for (const index of ['service_search_tsv', 'service_name_trgm']) assert.match(plan, new RegExp(`Bitmap Index Scan on ${index}`), plan);
    assert.match(plan, /One-Time Filter: \(NOT /, plan);
    const typo = await searchServices(database.db, params({ search: 'luch club' }));
    const words = await searchServices(database.db, params({ search: 'lunch club' }));
    assert.ok(words.total > 0 && typo.total > 0);
    assert.equal(typo.ids[0] && (await nameOf(typo.ids[0])).toLowerCase().includes('lunch club'), true, 'the closest name comes first');
  });

  async function nameOf(id: string): Promise<string> {
    return (await sql<{ name: string }>`select name from service where id = ${id}::uuid`.execute(database.db)).rows[0]!.name;
  }

  it('finds the search points inside a radius through their index', async () => {
    for (const search of [undefined, 'sewing']) {
      // Words are first looked for their own way alone (searchServices).
      const plan = await planOf(params({ postcode: 'BD8', proximity: '2000', ...(search ? { search } : {}) }), 'page', {
        firstWayOnly: true,
      });
      assert.match(
        plan,
        /Index Cond: \((point <@ '\(.+\)'::cube|'\(.+\)'::cube @> point)\)/,
        `the radius should be an index condition:\n${plan}`,
      );
      assert.match(plan, /(using|on) belong_search_point_point/, plan);
      if (search) assert.match(plan, /search_tsv @@/, plan);
      // Without filters the points alone answer, words or not (they carry the service's words and name).
      assert.doesNotMatch(plan, /on service\b/, plan);
      // ... and the page comes from a walk nearest first, not from every point inside the radius.
      if (!search) assert.match(plan, /Order By: \(point <-> /, plan);
    }
  });

  it('tests the filter codes on the points as a constant list of numbers, before their words', async () => {
    const p = { ...params({ postcode: 'BD8', proximity: '2000', search: 'sewing' }), belongAnyOf: [['gender:women_only'], ['cost:free']] };
    const plan = await planOf(p, 'page', { withoutTypos: true });
    assert.doesNotMatch(plan, /on service\b|belong_facet_numbers/, plan);
    const filter = plan.split('\n').find((line) => line.includes('search_tsv @@'));
    assert.ok(filter, plan);
    assert.match(filter, /\(facets && '\{\d+\}'::smallint\[\]\) AND \(facets && '\{\d+\}'::smallint\[\]\) AND \(search_tsv @@ /, filter);
  });

  it('measures only the matching services for words around a place without a radius', async () => {
    const plan = await planOf(params({ search: 'sewing', postcode: 'BD8' }));
    assert.match(plan, /CTE matched/, plan);
    assert.match(plan, /Index Cond: \(service_id = matched\.id\)|Hash Cond: \(sp\.service_id = matched\.id\)/, plan);
  });

  it('lists everything in name order straight from the index when nothing narrows the search', async () => {
    const plan = await planOf(params({ per_page: '20' }));
    assert.match(plan, /using service_active_name on service/, plan);
    assert.doesNotMatch(plan, /Sort Key/, plan);
  });

  it('gathers a search with several filters once, counting it in the same pass, and finds array terms through their index', async () => {
    const p = params({ taxonomy_term_id: `${termId('mode:phone')},${termId('gender:women_only')}` });
    const plan = await planOf(p);
    assert.match(plan, /CTE matched/, plan);
    assert.match(plan, /Bitmap Index Scan on belong_service_modes/, plan);
    assert.doesNotMatch(plan, /service_active_name/, plan);
    assert.equal(serviceSearchQuery(database.db, p).pageCounts, true);
    const found = await searchServices(database.db, { ...p, perPage: 5 });
    const alone = await database.db.selectFrom(serviceSearchQuery(database.db, p).count.as('c')).selectAll().executeTakeFirstOrThrow();
    assert.equal(found.total, Number(alone.total));
  });
});
