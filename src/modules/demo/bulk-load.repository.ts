/**
 * The statements of the bulk load (bulk-load.ts): rows written as one JSON
 * parameter per INSERT, the loaded tables' secondary indexes dropped and
 * rebuilt, and ANALYZE.
 */
import { sql, type Insertable } from 'kysely';
import type { Executor } from '../../platform/db/executor.ts';
import type { DB } from '../../platform/db/schema.ts';

/** Rows in one INSERT. */
const ROWS_PER_INSERT = 1000;

/**
 * Writes rows into a table, ROWS_PER_INSERT at a time. Rows of one table may
 * set different columns (a phone belongs to a location, service or contact):
 * each INSERT names every column any row sets.
 */
export async function insertRowsAsJson(db: Executor, table: keyof DB, rows: readonly Record<string, unknown>[]): Promise<void> {
  const names = new Set<string>();
  for (const r of rows) for (const k in r) names.add(k);
  const columns = sql.join([...names].map((c) => sql.ref(c)));
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    // One parameter per statement: the rows as JSON, turned into typed rows by the server.
    const json = JSON.stringify(rows.slice(i, i + ROWS_PER_INSERT));
    await sql`insert into ${sql.table(table)} (${columns})
        select ${columns} from json_populate_recordset(null::${sql.table(table)}, ${json}::json)`.execute(db);
  }
}

/** Adds a unit of measure unless one with its id is there already. */
export async function ensureUnit(db: Executor, unit: Insertable<DB['unit']>): Promise<void> {
  await db
    .insertInto('unit')
    .values(unit)
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

export interface IndexDef {
  name: string;
  def: string;
}

/** Non-unique, non-primary-key indexes of `tables` in the current schema. */
export async function secondaryIndexes(db: Executor, tables: readonly string[]): Promise<IndexDef[]> {
  const r = await sql<IndexDef>`
    select quote_ident(ic.relname) as name, pg_get_indexdef(i.indexrelid) as def
    from pg_index i
    join pg_class c on c.oid = i.indrelid
    join pg_class ic on ic.oid = i.indexrelid
    join pg_namespace ns on ns.oid = c.relnamespace
    where ns.nspname = current_schema() and c.relname in (${sql.join(tables)})
      and not i.indisprimary and not i.indisunique
    order by ic.relname`.execute(db);
  return r.rows;
}

export async function dropIndex(db: Executor, ix: IndexDef): Promise<void> {
  await sql.raw(`drop index ${ix.name}`).execute(db);
}

/** Builds an index again from its definition; with `ifMissing`, one that is there already is left alone. */
export async function restoreIndex(db: Executor, ix: IndexDef, opts: { ifMissing?: boolean } = {}): Promise<void> {
  await sql.raw(opts.ifMissing ? ix.def.replace(/^CREATE INDEX /, 'CREATE INDEX IF NOT EXISTS ') : ix.def).execute(db);
}

/**
 * Matching's rows (migration 0300) and the kept service records (0330) are
 * rebuilt by triggers for the services each transaction touched, when it
 * commits; a bulk load skips that for its transactions (call inside each)
 * and rebuilds them all once at the end (rebuildServiceRows).
 */
export async function deferMatchRows(trx: Executor): Promise<void> {
  await sql`select set_config('belong.match_rows_deferred', 'on', true)`.execute(trx);
}

/**
 * Every service's matching rows and kept record, rebuilt from the directory
 * (after ANALYZE of the directory: their plans need the statistics), then
 * analysed.
 */
export async function rebuildServiceRows(db: Executor): Promise<void> {
  await sql`select belong_match_refresh_all()`.execute(db);
  await sql`select belong_service_record_refresh_all()`.execute(db);
  await sql`analyze belong_match_service, belong_match_remote, belong_match_place, belong_service_record`.execute(db);
}

/**
 * ANALYZE, and VACUUM of the search points first: their pages then count as
 * all visible, so searches around a place read their index alone (migration
 * 0310). The embedded database has no autovacuum to do it later.
 */
export async function analyze(db: Executor): Promise<void> {
  await sql`vacuum belong_search_point`.execute(db);
  await sql`analyze`.execute(db);
}

/**
 * The triggers that keep the search points (migrations 0280, 0360) one service at a
 * time. A bulk load turns them off and builds every point once at the end:
 * with the secondary indexes dropped, each of 100 000 services' refreshes
 * would look through service_at_location without an index.
 */
const SEARCH_POINT_TRIGGERS = [
  ['service', 'service_search_points'],
  ['service_at_location', 'service_at_location_search_points'],
  ['location', 'location_search_points'],
  ['belong_location', 'belong_location_search_points'],
  ['belong_service', 'belong_service_search_points'],
] as const;

export async function pauseSearchPoints(db: Executor): Promise<void> {
  for (const [table, trigger] of SEARCH_POINT_TRIGGERS) await sql.raw(`alter table ${table} disable trigger ${trigger}`).execute(db);
}

/** Turns the triggers on again and builds every search point from the tables. */
export async function resumeSearchPoints(db: Executor): Promise<void> {
  for (const [table, trigger] of SEARCH_POINT_TRIGGERS) await sql.raw(`alter table ${table} enable trigger ${trigger}`).execute(db);
  await sql`select belong_search_points_rebuild()`.execute(db);
}
