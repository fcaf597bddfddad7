/**
 * GET /health: liveness plus the database's state.
 *
 * Answers at once even while the embedded database is busy with a long query
 * (PGlite runs in a worker thread): in that case it reports `busy` instead of
 * queueing a probe behind the slow query. A database that fails gives 503.
 */
import { Hono } from 'hono';
import { sql } from 'kysely';
import type { Database } from '../db/database.ts';

const PROBE_TIMEOUT_MS = 150;

export function healthRoutes(database: Database) {
  const app = new Hono();
  const startedAt = Date.now();
  app.get('/health', async (c) => {
    const s = database.status();
    let state: 'ok' | 'busy' | 'error' = 'busy';
    let error: string | undefined;
    if (s.busyForMs < 50 && s.waiting === 0) {
      const probe = sql`select 1`.execute(database.db).then(
        () => 'ok' as const,
        (e: Error) => {
          error = e.message;
          return 'error' as const;
        },
      );
      const timeout = new Promise<'busy'>((r) => setTimeout(() => r('busy'), PROBE_TIMEOUT_MS).unref());
      state = await Promise.race([probe, timeout]);
    }
    c.header('Cache-Control', 'no-store');
    return c.json(
      {
        status: state === 'error' ? 'error' : 'ok',
        database: { engine: s.engine, state, busyForMs: s.busyForMs, waiting: s.waiting, ...(error ? { error } : {}) },
        uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
      },
      state === 'error' ? 503 : 200,
    );
  });
  return app;
}
