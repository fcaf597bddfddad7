/**
 * GET /health: liveness plus the database's state, for load balancers and
 * monitoring: 200 while the database can read and write (or is busy with a
 * long query), 503 when it cannot (see health.service.ts).
 */
import { Hono } from 'hono';
import type { Database } from '../db/database.ts';
import { databaseHealth } from './health.service.ts';

export function healthRoutes(database: Database, opts: { minFreeBytes?: number } = {}) {
  const app = new Hono();
  const startedAt = Date.now();
  const check = databaseHealth(database, opts);
  app.get('/health', async (c) => {
    const s = database.status();
    const { state, writable, error } = await check();
    c.header('Cache-Control', 'no-store');
    return c.json(
      {
        status: state === 'error' ? 'error' : 'ok',
        database: { engine: s.engine, state, writable, busyForMs: s.busyForMs, waiting: s.waiting, ...(error ? { error } : {}) },
        uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
      },
      state === 'error' ? 503 : 200,
    );
  });
  return app;
}
