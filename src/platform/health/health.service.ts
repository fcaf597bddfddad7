/**
 * Whether the database can read and write, for GET /health.
 *
 * - Answers at once while the embedded database is busy with a long query
 *   (PGlite runs in a worker thread): it then reports `busy` instead of
 *   queueing a probe behind the slow query.
 * - Checks writes, not only reads: a full disk or a read-only database fails
 *   every change people make while `select 1` still works.
 *   - every check: is the database read-only (a standby,
 *     `default_transaction_read_only`)?
 *   - the embedded database: is there room on its disk (less than two WAL
 *     segments free, and PostgreSQL cannot go on writing), and can a small
 *     file be written and synced in its folder (a read-only or failing file
 *     system)? Plain file-system calls: nothing accumulates in the database.
 *   - a PostgreSQL server: a tiny write, rolled back (health.repository.ts),
 *     at most once per TABLE_PROBE_INTERVAL_MS while it succeeds and at every
 *     check once it has failed, so a recovery shows at once.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { classifyDbError } from '../db/db-errors.ts';
import type { Database } from '../db/database.ts';
import { probeReadOnly, probeTableWrite } from './health.repository.ts';

/**
 * A probe that has not finished by then reports `busy` rather than keep the
 * caller waiting: a database that was idle when the probe started but is slow
 * to answer a trivial query is busy, not broken. Generous, so a loaded machine
 * is not reported busy for nothing.
 */
const PROBE_TIMEOUT_MS = 3000;
const TABLE_PROBE_INTERVAL_MS = 60_000;
/** A query running for longer than this makes the embedded database busy. */
export const BUSY_AFTER_MS = 50;
/** Two WAL segments: with less free, PostgreSQL may fail at its next segment. */
export const MIN_FREE_BYTES = 32 * 1024 * 1024;

export interface DatabaseHealth {
  state: 'ok' | 'busy' | 'error';
  /** Whether a write would succeed (true), would not (false), or was not checked because the database is busy (null). */
  writable: boolean | null;
  error?: string;
}

class CannotWrite extends Error {}

/**
 * Throws CannotWrite when the folder's disk has less than `minFreeBytes` free,
 * or the error of writing, syncing and removing a small file in it.
 */
export async function checkDataDir(dir: string, minFreeBytes = MIN_FREE_BYTES): Promise<void> {
  const stats = await fs.statfs(dir);
  const free = stats.bavail * stats.bsize;
  if (free < minFreeBytes) {
    throw new CannotWrite(`The disk holding the database is full: ${(free / 1024 / 1024).toFixed(1)} MB free.`);
  }
  const probe = path.join(dir, `.belong-health-${process.pid}`);
  const file = await fs.open(probe, 'w');
  try {
    await file.write(new Uint8Array(8192));
    await file.sync();
  } finally {
    await file.close();
    await fs.rm(probe, { force: true });
  }
}

/** A checker for one database; it remembers when the table probe last worked. */
export function databaseHealth(database: Database, opts: { minFreeBytes?: number } = {}): () => Promise<DatabaseHealth> {
  let tableProbeOkAt = -Infinity;
  return async () => {
    const s = database.status();
    // Running a long query or with queries queued: say so at once instead of queueing behind them.
    if (s.busyForMs >= BUSY_AFTER_MS || s.waiting > 0) return { state: 'busy', writable: null };
    const work = (async (): Promise<DatabaseHealth> => {
      if (await probeReadOnly(database.db)) throw new CannotWrite('The database is read-only.');
      if (database.dataDir) {
        await checkDataDir(database.dataDir, opts.minFreeBytes);
      } else if (database.engine === 'postgres' && Date.now() - tableProbeOkAt >= TABLE_PROBE_INTERVAL_MS) {
        await probeTableWrite(database.db);
        tableProbeOkAt = Date.now();
      }
      return { state: 'ok', writable: true };
    })().catch((e: Error): DatabaseHealth => {
      tableProbeOkAt = -Infinity;
      const known = e instanceof CannotWrite || classifyDbError(e) || (e as NodeJS.ErrnoException).code;
      // The reason in words when it is one we know (disk full, read-only…); nothing else leaks out.
      return { state: 'error', writable: false, error: known ? e.message : 'The database check failed.' };
    });
    const timeout = new Promise<DatabaseHealth>((r) => setTimeout(() => r({ state: 'busy', writable: null }), PROBE_TIMEOUT_MS).unref());
    return Promise.race([work, timeout]);
  };
}
