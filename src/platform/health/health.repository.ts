/** The queries /health runs to see whether the database can read and write. */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

export async function probeRead(db: Kysely<DB>): Promise<void> {
  await sql`select 1`.execute(db);
}

class RollBack extends Error {}

/**
 * A tiny write that leaves nothing behind: a temporary table, one row in it,
 * rolled back. Creating and filling a table writes a new file, so a full disk,
 * a read-only database (a standby, `default_transaction_read_only`) or a
 * read-only file system fails it, as they would fail the next real write.
 */
export async function probeWrite(db: Kysely<DB>): Promise<void> {
  try {
    await db.transaction().execute(async (trx) => {
      await sql`create temporary table belong_health_probe (checked_at timestamptz not null) on commit drop`.execute(trx);
      await sql`insert into belong_health_probe (checked_at) values (now())`.execute(trx);
      throw new RollBack();
    });
  } catch (err) {
    if (!(err instanceof RollBack)) throw err;
  }
}
