/**
 * Applies the SQL files in ./migrations in name order, once each.
 *
 * The same files run on PGlite and on a PostgreSQL server. Each file runs in
 * its own transaction together with its bookkeeping row, so a failed file
 * leaves nothing half-applied. On a server several app processes may start at
 * once: a transaction-level advisory lock makes them take turns.
 *
 * A file may ask for a VACUUM once it is committed (VACUUM cannot run inside a
 * transaction) with a line of its own: `-- after: VACUUM table_name;`. A file
 * that rewrites a table the searches read from its index alone uses it: a
 * rewritten table's pages no longer count as all visible until it is
 * vacuumed, and the embedded database has no autovacuum to do it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
/** Arbitrary constant: the advisory lock key for migrations. */
const MIGRATION_LOCK_KEY = 746_283_001;

export interface Migration {
  name: string;
  sql: string;
}

export function listMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((name) => ({ name, sql: fs.readFileSync(path.join(dir, name), 'utf8') }));
}

/** The statements a migration asks to run once it is committed (`-- after: VACUUM table;` lines). */
export function afterCommit(sql: string): string[] {
  return [...sql.matchAll(/^-- after: (VACUUM [a-z_][a-z0-9_]*);$/gm)].map((m) => m[1]!);
}

export interface MigrationTarget {
  /** Run several statements without parameters (simple protocol). */
  exec(sql: string): Promise<void>;
  /** Run one parameterised query. */
  query<R>(sql: string, params?: unknown[]): Promise<R[]>;
}

const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** Told before each pending migration runs (start-up prints it: a first start applies them all). */
export type MigrationProgress = (m: { name: string; index: number; total: number }) => void;

/** Apply pending migrations; returns the names applied. */
export async function migrateToLatest(
  target: MigrationTarget,
  migrations = listMigrations(),
  onMigration?: MigrationProgress,
): Promise<string[]> {
  await target.exec('CREATE TABLE IF NOT EXISTS belong_migration (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
  const applied = new Set((await target.query<{ name: string }>('SELECT name FROM belong_migration')).map((r) => r.name));
  const pending = migrations.filter((m) => !applied.has(m.name));
  const done: string[] = [];
  for (const [i, m] of pending.entries()) {
    onMigration?.({ name: m.name, index: i + 1, total: pending.length });
    // The lock is taken inside the transaction; a process that waited re-checks
    // the bookkeeping row so a migration another process applied is skipped.
    await target
      .exec(
        `BEGIN;
       SELECT pg_advisory_xact_lock(${MIGRATION_LOCK_KEY});
       DO $belong$ BEGIN
         IF EXISTS (SELECT 1 FROM belong_migration WHERE name = ${quote(m.name)}) THEN
           RAISE EXCEPTION 'belong:already-applied';
         END IF;
       END $belong$;
       ${m.sql}
       ;
       INSERT INTO belong_migration (name) VALUES (${quote(m.name)});
       COMMIT;`,
      )
      .then(async () => {
        for (const statement of afterCommit(m.sql)) await target.exec(statement);
      })
      .catch((err: Error) => {
        if (!String(err.message).includes('belong:already-applied')) {
          throw new Error(`Migration ${m.name} failed: ${err.message}`, { cause: err });
        }
      });
    done.push(m.name);
  }
  return done;
}
