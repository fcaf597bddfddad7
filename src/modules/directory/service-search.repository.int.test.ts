import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CompiledQuery, sql } from 'kysely';
import { openTestDatabase, testEngine, type TestDatabase } from '../../../test/support/test-db.ts';
import { fixtureId, locationFixture, offsetPoint, saveFixtures, serviceFixture } from '../../../test/support/directory-fixtures.ts';
import type { ServiceGraph } from './service-graph.ts';
import { parseServiceSearch, type ServiceSearchParams } from './service-search.ts';
import { SEARCH_SETTINGS_SQL, searchServices, serviceSearchQuery } from './service-search.repository.ts';
import { VOCABULARY, termCodesFor } from './vocabulary.ts';
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
  { gender: 'women_only', entry: 'drop_in', cost_band: 'free', support_kinds: ['befriending', 'arts'], food: ['halal'], childcare: true, modes: ['in_person'] },
  { gender: 'men_only', entry: 'self_referral', cost_band: 'low_cost', support_kinds: ['sport'], faith: 'faith_based', modes: ['in_person', 'online'], capacity_status: 'full' },
  { gender: 'mixed', entry: 'professional_referral', cost_band: 'paid', support_kinds: [], food: ['food', 'vegetarian'], transport_offered: true, modes: ['phone'], capacity_status: 'waiting_list' },
  { gender: 'mixed', entry: 'formal_assessment', support_kinds: ['therapy', 'peer_support', 'advice'], accompany_first_visit: true, interpreter_available: true, faith: 'faith_friendly',
    safeguarding_policy: true, safeguarding_checked_leads: true, trauma_informed_training: true, safeguarding_review_date: '2025-01-01' },
  { gender: 'women_only', support_kinds: ['informal_english', 'intercultural', 'skills', 'gardening', 'volunteering', 'shared_identity_group'],
    safeguarding_policy: true, safeguarding_checked_leads: true, trauma_informed_training: true, safeguarding_review_date: '2024-01-01' },
] as const;

describe(`service search query [${testEngine}]`, () => {
  let database: TestDatabase;
  let graphs: ServiceGraph[];

  before(async () => {
    database = await openTestDatabase();
    await ensureVocabulary(database.db);
    graphs = await saveFixtures(
      database.db,
      VARIANTS.map((belong, i) =>
        serviceFixture(`variant${i}`, {
          service: { name: ['Community Garden', 'Legal Aid Drop-in', 'Chai and Chat', 'Men’s Shed', 'Crèche Café'][i]! },
          belong: { ...belong, support_kinds: [...belong.support_kinds], modes: 'modes' in belong ? [...belong.modes] : undefined, food: 'food' in belong ? [...belong.food] : undefined },
          locations: [locationFixture(`variant${i}`, offsetPoint(centre, 400 * i, 0))],
        }),
      ),
    );
  });
  after(async () => {
    await database.dispose();
  });

  it('filters on each Belong term exactly as termCodesFor describes services', async () => {
    for (const term of VOCABULARY) {
      const expected = graphs
        .filter((g) => {
          const codes = termCodesFor(g.belong, TODAY);
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
    assert.deepEqual(found.ids, [fixtureId('service:variant0'), fixtureId('service:variant1'), fixtureId('service:variant2')]);
    const metres = found.ids.map((id) => Math.round(found.distanceMetres.get(id)!));
    assert.ok(Math.abs(metres[0]!) < 5 && Math.abs(metres[1]! - 400) < 5 && Math.abs(metres[2]! - 800) < 5, `distances ${metres}`);
  });

  async function planOf(p: ServiceSearchParams): Promise<string> {
    const compiled = serviceSearchQuery(database.db, p).page.compile();
    return database.db.transaction().execute(async (trx) => {
      await sql.raw(SEARCH_SETTINGS_SQL).execute(trx);
      await sql`set local enable_seqscan = off`.execute(trx);
      const r = await trx.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`explain ${compiled.sql}`, [...compiled.parameters]));
      return r.rows.map((row) => row['QUERY PLAN']).join('\n');
    });
  }

  it('builds SQL that can use the word and trigram indexes for a search', async () => {
    const plan = await planOf(params({ search: 'legal aid' }));
    for (const index of ['service_search_tsv', 'service_name_trgm']) {
      assert.match(plan, new RegExp(index), `the plan should be able to use ${index}:\n${plan}`);
    }
  });

  it('builds SQL that can use the location index for a radius', async () => {
    const plan = await planOf(params({ postcode: 'HERE', proximity: '2000' }));
    assert.match(plan, /Index Cond: \(\(ll_to_earth\(latitude, longitude\)\)::cube <@/, `the radius should be an index condition:\n${plan}`);
    assert.match(plan, /location_earth/);
  });
});
