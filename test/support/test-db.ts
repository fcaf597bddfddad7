/**
 * A fresh, migrated database for one test file, on the engine under test.
 *
 * - default: in-memory PGlite, started from the migrated snapshot that
 *   scripts/run-tests.mjs makes once per run (BELONG_TEST_SNAPSHOT), so each
 *   file pays about half a second instead of a full initdb;
 * - BELONG_TEST_PG_URL=postgres://…/test: a new database on that server,
 *   created for this file and dropped afterwards.
 */
import fs from 'node:fs';
import pg from 'pg';
import { sql } from 'kysely';
import { openDatabase, type Database } from '../../src/platform/db/database.ts';
import { listMigrations, migrateToLatest } from '../../src/platform/db/migrate.ts';

export const testEngine: 'pglite' | 'postgres' = process.env.BELONG_TEST_PG_URL ? 'postgres' : 'pglite';

export interface TestDatabase extends Database {
  /** Drop the per-file PostgreSQL database too. */
  dispose(): Promise<void>;
}

/** `migrate: false` gives an empty database (no migrations applied), for tests of a migration itself. */
export async function openTestDatabase(opts: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const migrate = opts.migrate ?? true;
  const pgUrl = process.env.BELONG_TEST_PG_URL;
  if (pgUrl) {
    const name = `belong_t_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(pgUrl);
    url.pathname = `/${name}`;
    const database = await openDatabase({ url: url.toString(), poolSize: 5, migrate });
    return Object.assign(database, {
      dispose: async () => {
        await database.close();
        const a = new pg.Client({ connectionString: pgUrl });
        await a.connect();
        await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await a.end();
      },
    });
  }
  const snapshotPath = process.env.BELONG_TEST_SNAPSHOT;
  const snapshot = migrate && snapshotPath && fs.existsSync(snapshotPath) ? new Uint8Array(fs.readFileSync(snapshotPath)) : undefined;
  const database = await openDatabase({ url: 'memory://', migrate, ...(snapshot ? { snapshot } : {}) });
  return Object.assign(database, { dispose: () => database.close() });
}

/**
 * An empty database migrated up to, not including, `migration` (a file name):
 * for a test of that migration on data stored before it. `database.migrate()`
 * then applies it and the rest.
 */
export async function openTestDatabaseBefore(migration: string): Promise<TestDatabase> {
  const database = await openTestDatabase({ migrate: false });
  const target = {
    exec: (s: string) => database.exec(s),
    query: async <R>(s: string) => (await sql.raw<R>(s).execute(database.db)).rows,
  };
  await migrateToLatest(
    target,
    listMigrations().filter((m) => m.name < migration),
  );
  return database;
}

/**
 * Runs SQL the way another app process or an administrator would: on its own
 * connection to the test database (PostgreSQL), not through this process's
 * pool or caches. The embedded database has one connection: it runs there.
 */
export async function runElsewhere(database: TestDatabase, statement: string): Promise<void> {
  if (testEngine !== 'postgres') {
    await sql.raw(statement).execute(database.db);
    return;
  }
  const name = (await sql<{ db: string }>`select current_database() as db`.execute(database.db)).rows[0]!.db;
  const url = new URL(process.env.BELONG_TEST_PG_URL!);
  url.pathname = `/${name}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
