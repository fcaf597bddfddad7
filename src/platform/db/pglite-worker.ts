/**
 * Worker thread that owns the embedded PGlite database.
 *
 * PGlite runs PostgreSQL in WebAssembly on the thread that calls it and blocks
 * that thread for the whole query. Keeping it here leaves the main thread's
 * event loop free, so `/health` and light pages answer while a slow query runs.
 * The main thread serialises access (one connection), so this worker simply
 * executes requests in arrival order.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { cube } from '@electric-sql/pglite/contrib/cube';
import { earthdistance } from '@electric-sql/pglite/contrib/earthdistance';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import type { WorkerRequest, WorkerResponse, WorkerInit } from './pglite-protocol.ts';
import { PGLITE_SETTINGS, pgliteParsers, serialiseDbError } from './pglite-protocol.ts';
import { QUERY_SETTINGS } from './query-settings.ts';

const init = workerData as WorkerInit;
if (!parentPort) throw new Error('pglite-worker must run in a worker thread');
const port = parentPort;

const dbPromise = PGlite.create({
  ...(init.dataDir ? { dataDir: init.dataDir } : {}),
  ...(init.snapshot ? { loadDataDir: new Blob([init.snapshot as Uint8Array<ArrayBuffer>]) } : {}),
  extensions: { cube, earthdistance, pg_trgm, unaccent },
  parsers: pgliteParsers,
  startParams: [...PGlite.defaultStartParams, ...[...PGLITE_SETTINGS, ...QUERY_SETTINGS].flatMap((s) => ['-c', s])],
});

async function handle(req: WorkerRequest): Promise<WorkerResponse> {
  const db = await dbPromise;
  switch (req.op) {
    case 'ready':
      return { id: req.id, ok: true };
    case 'query': {
      const r = await db.query<Record<string, unknown>>(req.sql, req.params as unknown[]);
      return { id: req.id, ok: true, rows: r.rows, affectedRows: r.affectedRows ?? 0 };
    }
    case 'exec': {
      // The rows of every statement, in order (a script may RETURNING in the middle of BEGIN … COMMIT).
      const results = await db.exec(req.sql);
      return { id: req.id, ok: true, rows: results.flatMap((r) => r.rows as Record<string, unknown>[]) };
    }
    case 'dump': {
      const blob = await db.dumpDataDir('none');
      return { id: req.id, ok: true, snapshot: new Uint8Array(await blob.arrayBuffer()) };
    }
    case 'close':
      await db.close();
      return { id: req.id, ok: true };
  }
}

port.on('message', (req: WorkerRequest) => {
  handle(req).then(
    (res) => port.postMessage(res),
    (err: unknown) => port.postMessage({ id: req.id, ok: false, error: serialiseDbError(err) } satisfies WorkerResponse),
  );
});
