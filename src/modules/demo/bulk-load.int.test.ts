import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { openTestDatabase, testEngine, type TestDatabase } from '../../../test/support/test-db.ts';
import { searchPointCount, searchPointDrift } from '../../../test/support/search-points.ts';
import { bulkLoadServices, sequentialIds, type BulkLoadResult } from './bulk-load.ts';

const one = async <T>(database: TestDatabase, q: ReturnType<typeof sql<T>>): Promise<T> => (await q.execute(database.db)).rows[0]!;

describe(`bulk loading synthetic services [${testEngine}]`, () => {
  let database: TestDatabase;
  let result: BulkLoadResult;

  before(async () => {
    database = await openTestDatabase();
    result = await bulkLoadServices(database.db, { services: 1200, servicesPerTransaction: 500, dropIndexes: true, today: '2026-03-01' });
  });
  after(async () => {
    await database.dispose();
  });

  it('writes exactly the number of services asked for, each with its Belong details', async () => {
    assert.equal(result.services, 1200);
    const r = await one(
      database,
      sql<{ s: number; b: number }>`select (select count(*)::int from service) s, (select count(*)::int from belong_service) b`,
    );
    assert.deepEqual(r, { s: 1200, b: 1200 });
    assert.equal(result.rowsByTable.service, 1200);
  });

  it('reports the rows it wrote per table, matching what is stored', async () => {
    for (const [table, n] of Object.entries(result.rowsByTable)) {
      const r = await one(database, sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`);
      assert.equal(r.n, n, table);
    }
    assert.ok(result.rows > 1200 * 8, `rows ${result.rows}`);
  });

  it('keeps every phone attached to exactly one location, service or contact', async () => {
    const r = await one(
      database,
      sql<{ bad: number; service: number; contact: number; location: number }>`select
        count(*) filter (where num_nonnulls(location_id, service_id, contact_id) <> 1)::int as bad,
        count(service_id)::int as service, count(contact_id)::int as contact, count(location_id)::int as location
        from phone`,
    );
    assert.equal(r.bad, 0);
    assert.ok(r.service > 0 && r.contact > 0 && r.location > 0);
  });

  it('links schedules to real service-at-location rows and stores arrays and dates as typed values', async () => {
    const r = await one(
      database,
      sql<{ orphans: number; arrays: number; tsv: number; dated: number }>`select
        (select count(*)::int from schedule s where s.service_at_location_id is not null
           and not exists (select 1 from service_at_location sal where sal.id = s.service_at_location_id)) as orphans,
        (select count(*)::int from belong_service where cardinality(support_kinds) > 0 and 'in_person' = any(modes)) as arrays,
        (select count(*)::int from service where search_tsv @@ to_tsquery('english', 'tea | english | football')) as tsv,
        (select count(*)::int from service where assured_date is not null) as dated`,
    );
    assert.equal(r.orphans, 0);
    assert.ok(r.arrays > 1000, `arrays ${r.arrays}`);
    assert.ok(r.tsv > 50, `word matches ${r.tsv}`);
    assert.ok(r.dated > 900, `assured dates ${r.dated}`);
  });

  it('spreads venues across several UK cities, with coordinates near each city', async () => {
    const rows = (
      await sql<{ city: string; n: number; lat: number }>`select a.city, count(*)::int as n, avg(l.latitude) as lat
        from address a join location l on l.id = a.location_id group by a.city`.execute(database.db)
    ).rows;
    assert.ok(rows.length >= 8, `cities: ${rows.map((r) => r.city).join(', ')}`);
    const glasgow = rows.find((r) => r.city === 'Glasgow');
    const london = rows.find((r) => r.city === 'London');
    if (glasgow) assert.ok(Math.abs(glasgow.lat - 55.86) < 0.1);
    if (london) assert.ok(Math.abs(london.lat - 51.51) < 0.1);
    assert.ok(rows.some((r) => r.city === 'Bradford'));
  });

  it('rebuilds the indexes it dropped', async () => {
    const r = await one(
      database,
      sql<{ n: number }>`select count(*)::int as n from pg_indexes where schemaname = current_schema()
        and indexname in ('service_search_tsv', 'service_name_trgm', 'location_earth', 'language_code_service', 'schedule_service')`,
    );
    assert.equal(r.n, 5);
  });

  it('builds the search points once at the end, and leaves their triggers on', async () => {
    assert.ok((await searchPointCount(database.db)) > 1000);
    assert.deepEqual(await searchPointDrift(database.db), { kept: [], due: [] });
    const r = await one(
      database,
      sql<{ n: number }>`select count(*)::int as n from pg_trigger where tgname like '%search_points' and tgenabled = 'O'`,
    );
    // service, service_at_location, location, belong_location (0280) and belong_service (0360).
    assert.equal(r.n, 5);
  });

  it('makes ordered, distinct ids', () => {
    const next = sequentialIds(5);
    const a = next();
    const b = next();
    assert.match(a, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.ok(a < b);
  });
});
