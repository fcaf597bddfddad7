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
