/**
 * Whether the database can read and write, for GET /health.
 *
 * - Answers at once while the embedded database is busy with a long query
 *   (PGlite runs in a worker thread): it then reports `busy` instead of
 *   queueing a probe behind the slow query.
 * - Checks writes, not only reads: a full disk or a read-only database fails
 *   every change people make while `select 1` still works. The write probe
 *   (a temporary table, rolled back: see health.repository.ts) runs at most
 *   once per WRITE_PROBE_INTERVAL_MS while it succeeds, so frequent polling
 *   does not churn the catalogue (the embedded database has no autovacuum),
 *   and on every check once it has failed, so recovery shows at once.
 */
import { classifyDbError } from '../db/db-errors.ts';
import type { Database } from '../db/database.ts';
import { probeRead, probeWrite } from './health.repository.ts';

/**
 * A probe that has not finished by then reports `busy` rather than keep the
 * caller waiting: a database that was idle when the probe started but is slow
 * to answer a trivial query is busy, not broken. Generous, so a loaded machine
 * is not reported busy for nothing.
 */
const PROBE_TIMEOUT_MS = 3000;
const WRITE_PROBE_INTERVAL_MS = 60_000;
/** A query running for longer than this makes the embedded database busy. */
export const BUSY_AFTER_MS = 50;

export interface DatabaseHealth {
  state: 'ok' | 'busy' | 'error';
  /** Whether a write succeeded (true), failed (false), or was not tried because the database is busy (null). */
  writable: boolean | null;
  error?: string;
}

/** A checker for one database; it remembers when writes last worked. */
export function databaseHealth(database: Database): () => Promise<DatabaseHealth> {
  let lastWriteOkAt = -Infinity;
  return async () => {
    const s = database.status();
    // Running a long query or with queries queued: say so at once instead of queueing behind them.
    if (s.busyForMs >= BUSY_AFTER_MS || s.waiting > 0) return { state: 'busy', writable: null };
    const checkWrite = Date.now() - lastWriteOkAt >= WRITE_PROBE_INTERVAL_MS;
    const work = (async (): Promise<DatabaseHealth> => {
      await probeRead(database.db);
      if (checkWrite) {
        await probeWrite(database.db);
        lastWriteOkAt = Date.now();
      }
      return { state: 'ok', writable: true };
    })().catch((e: Error): DatabaseHealth => ({
      state: 'error',
      writable: false,
      // The database's own words when it is unavailable (disk full, read-only…); nothing else leaks out.
      error: classifyDbError(e) ? e.message : 'The database check failed.',
    }));
    const timeout = new Promise<DatabaseHealth>((r) => setTimeout(() => r({ state: 'busy', writable: null }), PROBE_TIMEOUT_MS).unref());
    return Promise.race([work, timeout]);
  };
}
