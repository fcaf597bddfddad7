import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { openTestDatabase, testEngine, type TestDatabase } from '../../../test/support/test-db.ts';
import { listMigrations } from './migrate.ts';

describe(`database layer [${testEngine}]`, () => {
  let database: TestDatabase;
  before(async () => {
    database = await openTestDatabase();
  });
  after(async () => {
    await database.dispose();
  });

  it('has applied every migration, and applying again changes nothing', async () => {
    const rows = await database.db.selectFrom('belong_migration').select('name').orderBy('name').execute();
    assert.deepEqual(
      rows.map((r) => r.name),
      listMigrations().map((m) => m.name),
    );
    assert.deepEqual(await database.migrate(), []);
  });

  it('returns the same JavaScript types on both engines', async () => {
    const r = await sql<{ n: number; big: number; num: number; d: string; ts: Date; arr: string[]; j: { a: number } }>`
      select count(*) as n, 9007199254740::bigint as big, 12.50::numeric as num, date '2026-03-29' as d,
             timestamptz '2026-03-29T01:30:00Z' as ts, array['bn','ur'] as arr, '{"a":1}'::jsonb as j`.execute(database.db);
    const row = r.rows[0]!;
    assert.equal(row.n, 1);
    assert.equal(row.big, 9007199254740);
    assert.equal(row.num, 12.5);
    assert.equal(row.d, '2026-03-29');
    assert.ok(row.ts instanceof Date);
    assert.equal(row.ts.toISOString(), '2026-03-29T01:30:00.000Z');
    assert.deepEqual(row.arr, ['bn', 'ur']);
    assert.deepEqual(row.j, { a: 1 });
  });

  it('has the extensions search depends on', async () => {
    const r = await sql<{ sim: number; km: number; folded: string }>`
      select similarity('legal aid', 'ligal ayd') as sim,
             round(earth_distance(ll_to_earth(53.7946, -1.7521), ll_to_earth(53.8035, -1.7700)) / 1000) as km,
             belong_fold('Café Crème') as folded`.execute(database.db);
    assert.ok(r.rows[0]!.sim > 0.2);
    assert.ok(r.rows[0]!.km >= 1 && r.rows[0]!.km <= 2, `city centre to Manningham is about 1.5 km, got ${r.rows[0]!.km}`);
    assert.equal(r.rows[0]!.folded, 'cafe creme');
  });

  it('rolls a failed transaction back completely', async () => {
    const id = '00000000-0000-4000-8000-000000000001';
    await assert.rejects(
      database.db.transaction().execute(async (trx) => {
        await trx.insertInto('taxonomy').values({ id, name: 'T', description: 'temp' }).execute();
        await trx.insertInto('taxonomy').values({ id, name: 'T again', description: 'duplicate id' }).execute();
      }),
      (e: Error & { code?: string }) => e.code === '23505',
    );
    const found = await database.db.selectFrom('taxonomy').select('id').where('id', '=', id).execute();
    assert.equal(found.length, 0);
  });

  it('keeps concurrent transactions from interleaving', async () => {
    await database.exec(
      `CREATE TABLE IF NOT EXISTS t_counter (id int primary key, n int not null); INSERT INTO t_counter VALUES (1, 0) ON CONFLICT DO NOTHING;`,
    );
    // 20 read-modify-write transactions at once: with proper isolation of the
    // single PGlite connection (or row locks on PostgreSQL) none is lost.
    await Promise.all(
      Array.from({ length: 20 }, () =>
        database.db.transaction().execute(async (trx) => {
          const r = await sql<{ n: number }>`select n from t_counter where id = 1 for update`.execute(trx);
          await sql`update t_counter set n = ${r.rows[0]!.n + 1} where id = 1`.execute(trx);
        }),
      ),
    );
    const r = await sql<{ n: number }>`select n from t_counter where id = 1`.execute(database.db);
    assert.equal(r.rows[0]!.n, 20);
  });

  it('reports the engine and an idle status', () => {
    const s = database.status();
    assert.equal(s.engine, testEngine);
    assert.equal(s.waiting, 0);
  });
});
