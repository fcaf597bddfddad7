import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { openTestDatabase, testEngine, type TestDatabase } from '../../../test/support/test-db.ts';
import { seedDemoArea, type DemoSeedSummary } from './demo.seed.ts';

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
});
