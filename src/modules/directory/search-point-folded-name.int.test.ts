/**
 * Migration 0350 on a directory that already has search points: every point
 * gets its folded name, and the rewritten table is vacuumed once the
 * migration is committed, so searches count points from the index alone
 * again (the embedded database has no autovacuum).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { openTestDatabaseBefore, testEngine, type TestDatabase } from '../../../test/support/test-db.ts';

const MIGRATION = '0350_search_point_folded_name.sql';

describe(`migration 0350: search points keep their folded name [${testEngine}]`, () => {
  let database: TestDatabase;
  before(async () => {
    database = await openTestDatabaseBefore(MIGRATION);
    // 300 services at one place each, saved as any writer would (the triggers make their points).
    await database.exec(`
      INSERT INTO organization (id, name, description) VALUES ('11111111-0000-4000-8000-000000000001', 'Café Münster', 'A group.');
      INSERT INTO service (id, organization_id, name, status)
        SELECT ('22222222-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid, '11111111-0000-4000-8000-000000000001',
          CASE WHEN i % 2 = 0 THEN 'Café Crème ' || i ELSE 'ÉCOLE de Français ' || i END, 'active'
        FROM generate_series(1, 300) i;
      INSERT INTO location (id, organization_id, name, latitude, longitude)
        SELECT ('33333333-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid, '11111111-0000-4000-8000-000000000001',
          'Hall ' || i, 53.8 + i * 0.0001, -1.78
        FROM generate_series(1, 300) i;
      INSERT INTO service_at_location (id, service_id, location_id)
        SELECT ('44444444-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid,
          ('22222222-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid, ('33333333-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid
        FROM generate_series(1, 300) i;
    `);
    await database.migrate();
  });
  after(async () => {
    await database.dispose();
  });

  it('folds every existing point’s name', async () => {
    const r = await sql<{ n: number; folded: string[] }>`
      select count(*)::int as n, array_agg(folded_name order by name) filter (where name in ('Café Crème 2', 'ÉCOLE de Français 1')) as folded
      from belong_search_point`.execute(database.db);
    assert.equal(r.rows[0]!.n, 300);
    assert.deepEqual(r.rows[0]!.folded, ['cafe creme 2', 'ecole de francais 1']);
  });

  it('leaves the points vacuumed, so their pages count as all visible again', async () => {
    const r = await sql<{ pages: number; visible: number }>`
      select relpages as pages, relallvisible as visible from pg_class where relname = 'belong_search_point'`.execute(database.db);
    assert.ok(r.rows[0]!.pages > 0, 'the points take some pages');
    assert.equal(r.rows[0]!.visible, r.rows[0]!.pages);
  });
});
