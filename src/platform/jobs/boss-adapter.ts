/**
 * pg-boss talks to the database through a small interface (`executeSql`).
 * These adapters run it through Belong's own database handle, on both engines:
 *
 *   - `belongBossDb(database)`: pg-boss's own work (fetching, completing,
 *     maintenance). A statement with parameters is one Kysely query (on PGlite
 *     it takes the single connection for that statement only); a script
 *     without parameters (pg-boss's `BEGIN … COMMIT` blocks) runs in one round
 *     trip on one connection (`Database.script`).
 *   - `transactionBossDb(trx)`: a job sent inside the caller's transaction
 *     (the transactional outbox), so it exists only if that transaction commits.
 */
import { CompiledQuery } from 'kysely';
import type { Database } from '../db/database.ts';
import type { Executor } from '../db/executor.ts';

export interface BossDb {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: any[] }>; // eslint-disable-line @typescript-eslint/no-explicit-any -- pg-boss's own signature
}

export function belongBossDb(database: Pick<Database, 'db' | 'script'>): BossDb {
  return {
    async executeSql(text, values) {
      if (values?.length) return { rows: [...(await database.db.executeQuery(CompiledQuery.raw(text, values))).rows] };
      return { rows: await database.script(text) };
    },
  };
}

export function transactionBossDb(trx: Executor): BossDb {
  return {
    async executeSql(text, values) {
      return { rows: [...(await trx.executeQuery(CompiledQuery.raw(text, values ?? []))).rows] };
    },
  };
}
