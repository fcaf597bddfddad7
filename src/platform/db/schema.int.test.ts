// Kysely's table types (schema.ts) are written by hand; this test compares
// them with the tables the migrations actually create, so they cannot drift.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { openTestDatabase, testEngine, type TestDatabase } from '../../../test/support/test-db.ts';

/** table name → column names, read from the DB interface and the *Table interfaces in schema.ts. */
function declaredSchema(): Map<string, string[]> {
  const src = fs.readFileSync(new URL('./schema.ts', import.meta.url), 'utf8');
  const interfaces = new Map<string, string[]>();
  for (const m of src.matchAll(/export interface (\w+)(?: extends (\w+))? \{([\s\S]*?)\n\}/g)) {
    const cols = [...m[3]!.matchAll(/^\s+(\w+)\??:/gm)].map((c) => c[1]!);
    interfaces.set(m[1]!, [...(m[2] ? (interfaces.get(m[2]) ?? []) : []), ...cols]);
  }
  const db = src.match(/export interface DB \{([\s\S]*?)\n\}/)![1]!;
  const out = new Map<string, string[]>();
  for (const m of db.matchAll(/^\s+(\w+): (\w+);/gm)) out.set(m[1]!, interfaces.get(m[2]!) ?? []);
  return out;
}

describe(`schema types match the migrations [${testEngine}]`, () => {
  let database: TestDatabase;
  before(async () => {
    database = await openTestDatabase();
  });
  after(async () => {
    await database.dispose();
  });

  it('declares every table and column the database has, and no others', async () => {
    const tables = await database.db.introspection.getTables();
    const actual = new Map(
      tables.filter((t) => t.schema === 'public' && !t.isView).map((t) => [t.name, t.columns.map((c) => c.name).sort()]),
    );
    const declared = declaredSchema();
    for (const [table, cols] of declared) {
      assert.ok(actual.has(table), `schema.ts declares table ${table}, which the migrations do not create`);
      assert.deepEqual([...cols].sort(), actual.get(table), `columns of ${table}`);
    }
    const undeclared = [...actual.keys()].filter((t) => !declared.has(t) && !t.startsWith('t_'));
    assert.deepEqual(undeclared, [], 'tables missing from schema.ts');
  });
});
