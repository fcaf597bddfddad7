/** The queries /health runs to see whether the database can read and write. */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

/** Reads (the database answers) and says whether it would refuse writes (a standby, `default_transaction_read_only`). */
export async function probeReadOnly(db: Kysely<DB>): Promise<boolean> {
  const { rows } = await sql<{ readOnly: string }>`select current_setting('transaction_read_only') as "readOnly"`.execute(db);
  return rows[0]?.readOnly === 'on';
}

class RollBack extends Error {}

/**
 * A tiny write that leaves nothing behind: a temporary table, one row in it,
 * rolled back. Creating and filling a table writes a new file on the
 * server, so a full disk fails it as it would fail the next real write. It
 * leaves dead rows in the system catalogue, which autovacuum clears on a
 * PostgreSQL server; the embedded database has no autovacuum, so it is not
 * used there (see health.service.ts).
 */
export async function probeTableWrite(db: Kysely<DB>): Promise<void> {
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
