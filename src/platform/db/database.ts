/**
 * Opens Belong's database: embedded PGlite (default) or a PostgreSQL server.
 *
 * - `DATABASE_URL=postgres://…` → node-postgres pool; app processes are
 *   stateless and can share the server.
 * - anything else is a PGlite data folder (`memory://` for in-memory), run in a
 *   worker thread so queries never block the HTTP event loop, and protected by
 *   a lock file so only one process opens it.
 *
 * Both give the same `Kysely<DB>` and the same JavaScript types for results.
 */
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { isPostgresUrl } from '../../config.ts';
import { lockDataDir, type DataDirLock } from './data-dir-lock.ts';
import { migrateToLatest, type MigrationTarget } from './migrate.ts';
import { PgliteWorkerClient } from './pglite-client.ts';
import { PgliteWorkerDialect, PgliteWorkerDriver } from './pglite-dialect.ts';
import { sharedTextParsers } from './pglite-protocol.ts';
import type { DB } from './schema.ts';

export type Engine = 'pglite' | 'postgres';

export interface DbStatus {
  engine: Engine;
  /** Milliseconds the oldest running query has been running (PGlite) or 0. */
  busyForMs: number;
  /** Queries waiting for a connection. */
  waiting: number;
}

export interface Database {
  db: Kysely<DB>;
  engine: Engine;
  /** Run several SQL statements without parameters (migrations, seeds). */
  exec(sql: string): Promise<void>;
  /**
   * Run several SQL statements without parameters in one round trip on one connection, and return
   * the rows of all of them in order (the job queue's BEGIN … RETURNING … COMMIT blocks).
   */
  script(sql: string): Promise<Record<string, unknown>[]>;
  migrate(): Promise<string[]>;
  status(): DbStatus;
  /** PGlite only: a tar of the data folder, to start other databases from. */
  dumpSnapshot(): Promise<Uint8Array>;
  close(): Promise<void>;
}

export interface OpenOptions {
  url: string;
  /** Recorded in the lock file so a second process can say who holds it. */
  purpose?: string;
  /** PGlite: start from a dumped data folder instead of running initdb. */
  snapshot?: Uint8Array;
  poolSize?: number;
  migrate?: boolean;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  const database = isPostgresUrl(opts.url) ? openPostgres(opts) : await openPglite(opts);
  if (opts.migrate !== false) await database.migrate();
  return database;
}

function pgTypes() {
  return {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
      const custom = sharedTextParsers[oid];
      if (custom && format !== 'binary') return custom;
      return pg.types.getTypeParser(oid, format as 'text');
    }) as typeof pg.types.getTypeParser,
  };
}

function openPostgres(opts: OpenOptions): Database {
  const pool = new pg.Pool({ connectionString: opts.url, max: opts.poolSize ?? 10, types: pgTypes() });
  // An idle connection can be cut by the server (a restart, a failover, an administrator). The
  // pool drops it and opens another on the next query; without a listener the 'error' event
  // would crash the whole process instead.
  pool.on('error', (err) => {
    process.emitWarning(`PostgreSQL closed an idle connection: ${err.message}`, { code: 'BELONG_PG_IDLE_ERROR' });
  });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  const target: MigrationTarget = {
    exec: async (sql) => {
      // One client for the whole script so BEGIN … COMMIT stay on one connection.
      const client = await pool.connect();
      try {
        await client.query(sql);
      } catch (err) {
        // A failed script may leave its transaction open on this connection.
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    query: async (sql, params) => (await pool.query(sql, params)).rows,
  };
  const script = async (sql: string) => {
    const client = await pool.connect();
    try {
      const res = (await client.query(sql)) as unknown as pg.QueryResult | pg.QueryResult[];
      return (Array.isArray(res) ? res : [res]).flatMap((r) => r.rows ?? []) as Record<string, unknown>[];
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  };
  return {
    db,
    engine: 'postgres',
    exec: target.exec,
    script,
    migrate: () => migrateToLatest(target),
    status: () => ({ engine: 'postgres', busyForMs: 0, waiting: pool.waitingCount }),
    dumpSnapshot: () => Promise.reject(new Error('Snapshots are only available on the embedded database')),
    close: () => db.destroy(),
  };
}

async function openPglite(opts: OpenOptions): Promise<Database> {
  const inMemory = opts.url === 'memory://';
  const dataDir = inMemory ? undefined : opts.url.replace(/^(file|pglite):\/\//, '');
  const lock: DataDirLock | undefined = dataDir ? lockDataDir(dataDir, opts.purpose ?? 'belong') : undefined;
  let client: PgliteWorkerClient;
  try {
    client = new PgliteWorkerClient({
      ...(dataDir ? { dataDir } : {}),
      ...(opts.snapshot ? { snapshot: opts.snapshot } : {}),
    });
    const driver = new PgliteWorkerDriver(client);
    const db = new Kysely<DB>({ dialect: new PgliteWorkerDialect(driver) });
    // exec/query for migrations go through the driver's connection so they
    // queue behind (never interleave with) application transactions.
    const withConnection = async <T>(fn: () => Promise<T>): Promise<T> => {
      const conn = await driver.acquireConnection();
      try {
        return await fn();
      } finally {
        await driver.releaseConnection();
        void conn;
      }
    };
    const target: MigrationTarget = {
      exec: (sql) =>
        withConnection(async () => {
          try {
            await client.request({ op: 'exec', sql });
          } catch (err) {
            await client.request({ op: 'exec', sql: 'ROLLBACK' }).catch(() => undefined);
            throw err;
          }
        }),
      query: (sql, params) => withConnection(async () => (await client.request({ op: 'query', sql, params: params ?? [] })).rows as never),
    };
    await driver.init();
    return {
      db,
      engine: 'pglite',
      exec: target.exec,
      script: (sql) =>
        withConnection(async () => {
          try {
            return (await client.request({ op: 'exec', sql })).rows ?? [];
          } catch (err) {
            await client.request({ op: 'exec', sql: 'ROLLBACK' }).catch(() => undefined);
            throw err;
          }
        }),
      migrate: () => migrateToLatest(target),
      status: () => ({ engine: 'pglite', busyForMs: client.busyForMs(), waiting: driver.waiting }),
      dumpSnapshot: async () => {
        const res = await withConnection(() => client.request({ op: 'dump' }));
        return res.snapshot!;
      },
      close: async () => {
        try {
          await db.destroy();
          // Kysely only destroys a driver it has used; migrations and
          // snapshots talk to the worker directly, so close it ourselves
          // (idempotent) or its message port keeps the process alive.
          await client.close();
        } finally {
          lock?.release();
        }
      },
    };
  } catch (err) {
    lock?.release();
    throw err;
  }
}
