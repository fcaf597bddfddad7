import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { openTestDatabase, testEngine, type TestDatabase } from '../../../test/support/test-db.ts';
import { seedDemoActivity, seedDemoArea, type DemoSeedSummary } from './demo.seed.ts';
import { ATTEMPT_STATES } from '../referrals/referral-states.ts';
import { countFunnel, loadPopulation } from '../reports/funnel.repository.ts';
import { buildFunnel } from '../reports/funnel.ts';
import { feedbackRatings, measureChange } from '../reports/outcomes.repository.ts';
import { suppressChange, suppressFeedback } from '../reports/outcomes.ts';
import { MADE_UP_POPULATION_SOURCE } from './demo-activity.ts';

const TABLES = [
  'organization',
  'service',
  'belong_service',
  'location',
  'belong_location',
  'address',
  'service_at_location',
  'schedule',
  'belong_schedule_exception',
  'language',
  'phone',
  'contact',
  'cost_option',
  'service_area',
  'funding',
  'service_capacity',
  'accessibility',
  'metadata',
] as const;

async function rowCounts(database: TestDatabase): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of TABLES) {
    const r = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(t)}`.execute(database.db);
    out[t] = r.rows[0]!.n;
  }
  return out;
}

describe(`loading the demo area [${testEngine}]`, () => {
  let database: TestDatabase;
  let first: DemoSeedSummary;
  let firstCounts: Record<string, number>;

  before(async () => {
    database = await openTestDatabase();
    const started = performance.now();
    first = await seedDemoArea(database.db, { today: '2026-03-01' });
    console.log(`demo area seeded on ${testEngine} in ${Math.round(performance.now() - started)} ms`);
    firstCounts = await rowCounts(database);
  });
  after(async () => {
    await database.dispose();
  });

  it('stores every service, organisation and venue it built', () => {
    assert.equal(firstCounts.service, first.services);
    assert.equal(firstCounts.organization, first.organizations);
    assert.equal(firstCounts.location, first.locations);
    assert.equal(first.created, first.services);
    assert.ok(firstCounts.schedule! >= first.services);
    assert.ok(firstCounts.language! > first.services);
  });

  it('keeps the refuge address out of the database', async () => {
    const rows = await database.db
      .selectFrom('location')
      .innerJoin('belong_location', 'belong_location.location_id', 'location.id')
      .leftJoin('address', 'address.location_id', 'location.id')
      .select(['location.latitude', 'address.id as address_id'])
      .where('belong_location.confidential', '=', true)
      .execute();
    assert.ok(rows.length >= 1);
    for (const r of rows) {
      assert.equal(r.latitude, null);
      assert.equal(r.address_id, null);
    }
  });

  it('loads nothing twice when run again, and logs no changes', async () => {
    const second = await seedDemoArea(database.db, { today: '2026-03-01' });
    assert.equal(second.created, 0);
    assert.equal(second.updated, first.services);
    assert.deepEqual(await rowCounts(database), firstCounts);
  });

  it('adds a made-up year of activity once, through every state, that every report shows', async () => {
    const db = database.db;
    const started = performance.now();
    const first = await seedDemoActivity(db, { today: '2026-03-01' });
    console.log(`demo activity on ${testEngine}: ${JSON.stringify(first)} in ${Math.round(performance.now() - started)} ms`);
    assert.equal(first.loaded, true);
    assert.ok(first.people >= 250 && first.referrals >= 300);
    const again = await seedDemoActivity(db, { today: '2026-03-01' });
    assert.equal(again.loaded, false, 'a second start adds nothing');
    const people = await db.selectFrom('person').select(['display_name']).execute();
    assert.equal(people.length, first.people);
    assert.ok(
      people.every((p) => p.display_name.startsWith('Made-up person')),
      'every simulated person says it is made up',
    );
    const states = new Set((await db.selectFrom('referral_attempt').select('state').execute()).map((r) => r.state));
    const never = new Set(['draft', 'entered_in_error']);
    assert.deepEqual(
      ATTEMPT_STATES.filter((s) => !never.has(s) && !states.has(s)),
      [],
      'every state a sent referral can be in is there',
    );
    const period = { from: new Date('2025-03-01T00:00:00Z'), to: new Date('2026-03-02T00:00:00Z') };
    const population = await loadPopulation(db);
    assert.equal(population.source, MADE_UP_POPULATION_SOURCE);
    const funnel = buildFunnel(await countFunnel(db, period), population.rows, null);
    assert.equal(funnel.tables.find((t) => t.dimension === 'route')?.total.referred, first.referrals);
    assert.ok(
      funnel.reach.some((r) => r.dimension === 'ethnicity' && r.ratio !== null),
      'reach ratios against the made-up baseline',
    );
    const change = suppressChange(await measureChange(db, period));
    assert.ok(
      change.some((c) => c.grouping === 'service' && c.people !== null && c.change !== null),
      'some service shows measure change',
    );
    const feedback = suppressFeedback(await feedbackRatings(db, period));
    assert.ok(
      feedback.some((f) => f.grouping === 'service' && f.average !== null),
      'some service shows feedback',
    );
  });
});
