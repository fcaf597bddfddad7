/**
 * The directory's change counter (migration 0111): bumped by the database at
 * the commit of every transaction that changes services, organisations,
 * languages, taxonomies or schedules, whichever process made the change.
 */
import type { Executor } from '../../platform/db/executor.ts';

/** The current version (a bigint, as text). */
export async function readDirectoryVersion(db: Executor): Promise<string> {
  const row = await db.selectFrom('belong_directory_version').select('version').executeTakeFirst();
  return String(row?.version ?? '0');
}

/** A directory-wide value kept in the database, if it was computed at `version` (migration 0270). */
export async function readDirectorySummary(db: Executor, name: string, version: string): Promise<{ value: unknown } | undefined> {
  return db
    .selectFrom('belong_directory_summary')
    .select('value')
    .where('name', '=', name)
    .where('version', '=', version)
    .executeTakeFirst();
}

/** Keeps a value computed at `version`; a value kept at a later version (another process) stays. */
export async function writeDirectorySummary(db: Executor, name: string, version: string, value: unknown): Promise<void> {
  await db
    .insertInto('belong_directory_summary')
    .values({ name, version, value: JSON.stringify(value) })
    .onConflict((oc) =>
      oc
        .column('name')
        .doUpdateSet((eb) => ({ version: eb.ref('excluded.version'), value: eb.ref('excluded.value'), computed_at: new Date() }))
        .where('belong_directory_summary.version', '<=', (eb) => eb.ref('excluded.version')),
    )
    .execute();
}
