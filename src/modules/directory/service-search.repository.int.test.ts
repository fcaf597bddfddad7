import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { nearestFirstByFullScan as fullScan } from '../../../test/support/nearest-by-full-scan.ts';
import { openTestDatabase, testEngine, type TestDatabase } from '../../../test/support/test-db.ts';
import { fixtureId, locationFixture, offsetPoint, saveFixtures, serviceFixture } from '../../../test/support/directory-fixtures.ts';
import type { ServiceGraph } from './service-graph.ts';
import { parseServiceSearch, type ServiceSearchParams } from './service-search.ts';
import { searchServices } from './service-search.repository.ts';
import { VOCABULARY, locationTermCodesFor, termCodesFor } from './vocabulary.ts';
import { ensureVocabulary } from './vocabulary.repository.ts';

const TODAY = '2025-06-15';
const centre = { latitude: 53.7945, longitude: -1.7527 };
const params = (query: Record<string, string> = {}): ServiceSearchParams => {
  const r = parseServiceSearch(query, { today: TODAY, lookupPlace: (c) => (c === 'HERE' ? { code: c, ...centre } : null) });
  if (!r.ok) throw new Error(r.errors.join(' '));
  return r.value;
};

// Varied Belong extensions, so every vocabulary term matches some services and not others.
const VARIANTS = [
  {
    gender: 'women_only',
    entry: 'drop_in',
    cost_band: 'free',
    support_kinds: ['befriending', 'arts'],
    food: ['halal'],
    childcare: true,
    modes: ['in_person'],
  },
  {
    gender: 'men_only',
    entry: 'self_referral',
    cost_band: 'low_cost',
    support_kinds: ['sport'],
    faith: 'faith_based',
    modes: ['in_person', 'online'],
    capacity_status: 'full',
  },
  {
    gender: 'mixed',
    entry: 'professional_referral',
    cost_band: 'paid',
    support_kinds: [],
    food: ['food', 'vegetarian'],
    transport_offered: true,
    modes: ['phone'],
    capacity_status: 'waiting_list',
  },
  {
    gender: 'mixed',
    entry: 'formal_assessment',
    support_kinds: ['therapy', 'peer_support', 'advice'],
    accompany_first_visit: true,
    interpreter_available: true,
    faith: 'faith_friendly',
    safeguarding_policy: true,
    safeguarding_checked_leads: true,
    trauma_informed_training: true,
    safeguarding_review_date: '2025-01-01',
  },
  {
    gender: 'women_only',
    support_kinds: ['informal_english', 'intercultural', 'skills', 'gardening', 'volunteering', 'shared_identity_group'],
    safeguarding_policy: true,
    safeguarding_checked_leads: true,
    trauma_informed_training: true,
    safeguarding_review_date: '2024-01-01',
  },
  // Who it is for, access, needs, home visits, stated "no"s, and much not stated.
  {
    gender: null,
    entry: null,
    cost_band: null,
    capacity_status: null,
    support_kinds: ['peer_support'],
    audiences: ['carers', 'older_people'],
    eligibility: 'only',
    accessibility: { step_free: false, hearing_loop: true },
    requirements: { id_documents: false, gp_registration: true },
    modes: ['home_visit', 'phone'],
    accepting_referrals: false,
    childcare: null,
    how_to_join: 'Ring Pat on the number below.',
    communities: ['Irish Traveller'],
  },
] as const;

describe(`service search query [${testEngine}]`, () => {
  let database: TestDatabase;
  let graphs: ServiceGraph[];

  before(async () => {
    database = await openTestDatabase();
    await ensureVocabulary(database.db);
    graphs = await saveFixtures(database.db, [
      ...VARIANTS.map((belong, i) =>
        serviceFixture(`variant${i}`, {
          service: { name: ['Community Garden', 'Legal Aid Drop-in', 'Chai and Chat', 'Men’s Shed', 'Crèche Café', 'Carers’ cuppa'][i]! },
          belong: {
            ...belong,
            support_kinds: [...belong.support_kinds],
            modes: 'modes' in belong ? [...belong.modes] : undefined,
            food: 'food' in belong ? [...belong.food] : undefined,
            audiences: 'audiences' in belong ? [...belong.audiences] : undefined,
            communities: 'communities' in belong ? [...belong.communities] : undefined,
          },
          locations: [locationFixture(`variant${i}`, offsetPoint(centre, 400 * i, 0))],
        }),
      ),
      // Further away (outside the 900 m above), for words and for nearest-first order.
      serviceFixture('lunch', {
        service: { name: 'Wednesday lunch club' },
        locations: [locationFixture('lunch', offsetPoint(centre, 5000, 0))],
      }),
      serviceFixture('youth', {
        service: { name: 'Friday youth club' },
        locations: [locationFixture('youth', offsetPoint(centre, 5000, 10))],
      }),
      // Two sites: the nearer one counts.
      serviceFixture('twosites', {
        service: { name: 'Walking group' },
        locations: [
          locationFixture('twosites-far', offsetPoint(centre, -3000, 0)),
          locationFixture('twosites-near', offsetPoint(centre, -300, 0)),
        ],
      }),
      // Exactly as far as variant0 (same point): the name decides.
      serviceFixture('samespot', { service: { name: 'Art for all' }, locations: [locationFixture('samespot', offsetPoint(centre, 0, 0))] }),
      // A confidential site, and no site at all: both come after every service that can be measured.
      serviceFixture('refuge', {
        service: { name: 'Safe space' },
        locations: [{ ...locationFixture('refuge', offsetPoint(centre, 10, 0)), belong: { confidential: true, area_name: 'Nearby' } }],
      }),
      serviceFixture('online', { service: { name: 'Online coffee morning' }, locations: [] }),
      serviceFixture('closed', {
        service: { name: 'Closed club', status: 'inactive' },
        locations: [locationFixture('closed', offsetPoint(centre, 5, 0))],
      }),
    ]);
  });
  after(async () => {
    await database.dispose();
  });

  it('filters on each Belong term exactly as termCodesFor describes services', async () => {
    for (const term of VOCABULARY) {
      const expected = graphs
        .filter((g) => g.service.status === 'active')
        .filter((g) => {
          const codes = [...termCodesFor(g.belong, TODAY), ...g.locations.flatMap((l) => locationTermCodesFor(l.belong))];
          return term.parentCode ? codes.includes(term.code) : codes.some((c) => c.startsWith(`${term.code}:`));
        })
        .map((g) => g.service.id)
        .sort();
      const found = await searchServices(database.db, { ...params(), taxonomyTermIds: [term.id] });
      assert.deepEqual([...found.ids].sort(), expected, `taxonomy_term_id for ${term.code}`);
      assert.equal(found.total, expected.length);
    }
  });

  it('folds accents and case, so "creche cafe" finds "Crèche Café"', async () => {
    const found = await searchServices(database.db, params({ search: 'CRECHE cafe' }));
    assert.equal(found.ids[0], fixtureId('service:variant4'));
  });

  it('ranks the closest name first for a misspelt search', async () => {
    const found = await searchServices(database.db, params({ search: 'ligal ayd' }));
    assert.equal(found.ids[0], fixtureId('service:variant1'));
  });

  it('reports the distance to each service when searching around a place', async () => {
    const found = await searchServices(database.db, params({ postcode: 'HERE', proximity: '900' }));
    assert.deepEqual(found.ids, [
      fixtureId('service:samespot'),
      fixtureId('service:variant0'),
      fixtureId('service:twosites'),
      fixtureId('service:variant1'),
      fixtureId('service:variant2'),
    ]);
    const metres = found.ids.map((id) => Math.round(found.distanceMetres.get(id)!));
    assert.ok(
      Math.abs(metres[0]!) < 5 &&
        Math.abs(metres[1]!) < 5 &&
        Math.abs(metres[2]! - 300) < 5 &&
        Math.abs(metres[3]! - 400) < 5 &&
        Math.abs(metres[4]! - 800) < 5,
      `distances ${metres}`,
    );
  });

  it('looks for names that only look like the words when no service has the words', async () => {
    const words = await searchServices(database.db, params({ search: 'lunch club' }));
    assert.deepEqual(
      words.ids,
      [fixtureId('service:lunch')],
      'the words find the lunch club, so "Friday youth club" is not listed for looking alike',
    );
    assert.equal(words.total, 1);
    const typo = await searchServices(database.db, params({ search: 'luch club' }));
    assert.deepEqual(
      typo.ids,
      [fixtureId('service:lunch')],
      'each word looks like a word of "Wednesday lunch club", not of "Friday youth club"',
    );
    const transposed = await searchServices(database.db, params({ search: 'yuoth club' }));
    assert.equal(
      transposed.ids[0],
      fixtureId('service:youth'),
      '"yuoth" is too far from "youth" on its own, but the whole name looks like the search',
    );
    assert.equal(transposed.total, transposed.ids.length);
  });

  it('falls back to names that look alike within a radius when no service inside it has the words', async () => {
    const near = await searchServices(database.db, params({ search: 'lunch club', postcode: 'HERE', proximity: '1000' }));
    assert.deepEqual(near.ids, [], 'nothing nearby has the words or looks like them');
    const around = await searchServices(database.db, params({ search: 'youth club', postcode: 'HERE', proximity: '6000' }));
    assert.deepEqual(around.ids, [fixtureId('service:youth')]);
  });

  const nearestFirstByFullScan = (filter = sql`true`) => fullScan(database.db, centre, filter);

  it('lists services nearest first around a place without a radius, page by page, as a full scan would', async () => {
    const expected = await nearestFirstByFullScan();
    assert.equal(expected.at(-1)!.d, null, 'the fixtures include services that cannot be measured');
    for (const perPage of [1, 2, 3, 5, 50]) {
      const seen: string[] = [];
      for (let page = 1; (page - 1) * perPage < expected.length + perPage; page++) {
        const found = await searchServices(database.db, params({ postcode: 'HERE', per_page: String(perPage), page: String(page) }));
        assert.equal(found.total, expected.length);
        for (const id of found.ids) {
          const want = expected[seen.length]!;
          assert.equal(id, want.id, `per_page ${perPage}, page ${page}: position ${seen.length}`);
          if (want.d === null) assert.equal(found.distanceMetres.has(id), false);
          else assert.equal(found.distanceMetres.get(id), want.d, 'the same metres as earth_distance gives');
          seen.push(id);
        }
      }
      assert.deepEqual(
        seen,
        expected.map((e) => e.id),
        `every service once with per_page ${perPage}`,
      );
    }
  });

  it('lists filtered services nearest first without a radius as a full scan would', async () => {
    const term = VOCABULARY.find((t) => t.code === 'gender:women_only')!;
    const expected = await nearestFirstByFullScan(
      sql`exists (select 1 from belong_service bs where bs.service_id = s.id and bs.gender = 'women_only')`,
    );
    const found = await searchServices(database.db, {
      ...params({ postcode: 'HERE', per_page: '1', page: '2' }),
      taxonomyTermIds: [term.id],
    });
    assert.equal(found.total, expected.length);
    assert.deepEqual(found.ids, [expected[1]!.id]);
  });

  it('gives the same total on every page, also past the last one, whichever way it is counted', async () => {
    const women = VOCABULARY.find((t) => t.code === 'gender:women_only')!.id;
    const free = VOCABULARY.find((t) => t.code === 'cost:free')!.id;
    for (const query of [
      { search: 'club' },
      { search: 'club', postcode: 'HERE' },
      { search: 'luch club', postcode: 'HERE', proximity: '6000' },
      { postcode: 'HERE', proximity: '900' },
      { postcode: 'HERE' },
      { taxonomy_term_id: women },
      { taxonomy_term_id: `${women},${free}` },
      {},
    ] as Record<string, string>[]) {
      const first = await searchServices(database.db, params({ ...query, per_page: '1' }));
      assert.ok(first.total > 0, JSON.stringify(query));
      for (const page of [2, first.total, first.total + 1, first.total + 5]) {
        const found = await searchServices(database.db, params({ ...query, per_page: '1', page: String(page) }));
        assert.equal(found.total, first.total, `${JSON.stringify(query)} page ${page}`);
        assert.equal(found.ids.length, page <= first.total ? 1 : 0, `${JSON.stringify(query)} page ${page}`);
      }
    }
  });

  it('measures each service that has the words around a place without a radius', async () => {
    const found = await searchServices(database.db, params({ search: 'club', postcode: 'HERE' }));
    assert.deepEqual(new Set(found.ids), new Set([fixtureId('service:lunch'), fixtureId('service:youth')]));
    for (const id of found.ids) assert.ok(Math.abs(found.distanceMetres.get(id)! - 5000) < 10, `${id}: ${found.distanceMetres.get(id)}`);
  });
});
