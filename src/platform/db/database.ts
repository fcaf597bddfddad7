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
import { Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient } from 'kysely';
import pg from 'pg';
import { QUERY_SETTINGS } from './query-settings.ts';
import { isPostgresUrl } from '../../config.ts';
import { lockDataDir, type DataDirLock } from './data-dir-lock.ts';
import { isConnectionLost, isStalePreparedStatement } from './db-errors.ts';
import { statementNames, type StatementNames } from './prepared-statements.ts';
import fs from 'node:fs';
import path from 'node:path';
import { migrateToLatest, type MigrationProgress, type MigrationTarget } from './migrate.ts';
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
  /** The embedded database's folder (absolute); null in memory and on a PostgreSQL server. */
  dataDir: string | null;
  /** Run several SQL statements without parameters (migrations, seeds). */
  exec(sql: string): Promise<void>;
  /**
   * Run several SQL statements without parameters in one round trip on one connection, and return
   * the rows of all of them in order (the job queue's BEGIN … RETURNING … COMMIT blocks).
   */
  script(sql: string): Promise<Record<string, unknown>[]>;
  /** Apply pending migrations (told before each one); returns the names applied. */
  migrate(onMigration?: MigrationProgress): Promise<string[]>;
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
  /** PostgreSQL server: keep long statements prepared on each connection (prepared-statements.ts); on unless false. */
  prepare?: boolean;
  migrate?: boolean;
  /** Told what opening is doing, for start-up progress (a first start creates the database and migrates it). */
  onProgress?: (event: OpenProgress) => void;
}

export type OpenProgress =
  | { step: 'opening'; engine: Engine; where: string; fresh: boolean }
  | { step: 'opened'; engine: Engine; ms: number }
  | { step: 'migration'; name: string; index: number; total: number }
  | { step: 'migrated'; applied: number; ms: number };

/** An embedded database whose opening began before openDatabase was called (see startOpeningEarly). */
interface EarlyStart {
  client: PgliteWorkerClient;
  lock: DataDirLock | undefined;
  opening: OpenProgress;
  startedAt: number;
}
const earlyStarts = new Map<string, EarlyStart>();

/**
 * Begins opening an embedded database now; a later openDatabase() with the
 * same address takes it over. A first start spends seconds creating the
 * database (initdb, in the worker thread): begun first thing (src/main.ts),
 * that overlaps with loading the server's code on the main thread. Does
 * nothing for a PostgreSQL server, and nothing when the data folder is held
 * by another process (openDatabase then says so).
 */
export function startOpeningEarly(opts: Pick<OpenOptions, 'url' | 'purpose'>): void {
  if (isPostgresUrl(opts.url) || earlyStarts.has(opts.url)) return;
  const dataDir = pgliteDataDir(opts.url);
  const opening = pgliteOpening(opts.url);
  let lock: DataDirLock | undefined;
  try {
    lock = dataDir ? lockDataDir(dataDir, opts.purpose ?? 'belong') : undefined;
  } catch {
    return;
  }
  earlyStarts.set(opts.url, { client: new PgliteWorkerClient(dataDir ? { dataDir } : {}), lock, opening, startedAt: performance.now() });
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  const progress = opts.onProgress ?? (() => undefined);
  const postgres = isPostgresUrl(opts.url);
  const early = postgres || opts.snapshot ? undefined : earlyStarts.get(opts.url);
  earlyStarts.delete(opts.url);
  let started = early?.startedAt ?? performance.now();
  progress(
    postgres
      ? { step: 'opening', engine: 'postgres', where: redactUrl(opts.url), fresh: false }
      : (early?.opening ?? pgliteOpening(opts.url)),
  );
  const database = postgres ? openPostgres(opts) : await openPglite(opts, early);
  progress({ step: 'opened', engine: database.engine, ms: Math.round(performance.now() - started) });
  if (opts.migrate !== false) {
    started = performance.now();
    const applied = await database.migrate((m) => progress({ step: 'migration', ...m }));
    progress({ step: 'migrated', applied: applied.length, ms: Math.round(performance.now() - started) });
  }
  return database;
}

/** A database address fit for a log line: no password. */
function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}

function pgliteDataDir(url: string): string | undefined {
  return url === 'memory://' ? undefined : url.replace(/^(file|pglite):\/\//, '');
}

function pgliteOpening(url: string): OpenProgress {
  const dataDir = pgliteDataDir(url);
  // A data folder without PG_VERSION is new: PGlite creates the database in it first (initdb, a few seconds).
  const fresh = !dataDir || !fs.existsSync(path.join(dataDir, 'PG_VERSION'));
  return { step: 'opening', engine: 'pglite', where: dataDir ? path.resolve(dataDir) : 'memory', fresh };
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

/** Settings for every connection to a PostgreSQL server (startup parameters: no extra round trip); see also query-settings.ts. */
export const SESSION_SETTINGS = ['max_parallel_workers_per_gather=0', 'jit=off', ...QUERY_SETTINGS].map((s) => `-c ${s}`).join(' ');

function openPostgres(opts: OpenOptions): Database {
  const pool = new pg.Pool({
    connectionString: opts.url,
    max: opts.poolSize ?? 10,
    types: pgTypes(),
    // Every query Belong runs is a short indexed one. Parallel workers and JIT compilation cost
    // more to start than these queries take (a broad word search: 140 ms with workers, 28 ms
    // without), and on a small server they take cores other requests need.
    options: SESSION_SETTINGS,
  });
  // An idle connection can be cut by the server (a restart, a failover, an administrator). The
  // pool drops it and opens another on the next query; without a listener the 'error' event
  // would crash the whole process instead.
  pool.on('error', (err) => {
    process.emitWarning(`PostgreSQL closed an idle connection: ${err.message}`, { code: 'BELONG_PG_IDLE_ERROR' });
  });
  // A connection in use can be cut too (pg_terminate_backend, a restart while a query runs). The
  // query fails with the error (the request answers 503, see db-errors.ts) and the pool discards the
  // connection when it comes back; but node-postgres also emits 'error' on the client, and the pool
  // listens only while the client is idle: without this listener that event would kill the process.
  const inUse = new WeakSet<pg.PoolClient>();
  pool.on('acquire', (client) => inUse.add(client));
  pool.on('release', (_err, client) => inUse.delete(client));
  pool.on('connect', (client) => {
    client.on('error', (err) => {
      if (inUse.has(client)) {
        process.emitWarning(`PostgreSQL closed a connection in use: ${err.message}`, { code: 'BELONG_PG_ACTIVE_ERROR' });
      }
    });
  });
  const names = opts.prepare === false ? null : statementNames();
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: discardingLostConnections(pool, names) }) });
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
    dataDir: null,
    exec: target.exec,
    script,
    migrate: (onMigration) => migrateToLatest(target, undefined, onMigration),
    status: () => ({ engine: 'postgres', busyForMs: 0, waiting: pool.waitingCount }),
    dumpSnapshot: () => Promise.reject(new Error('Snapshots are only available on the embedded database')),
    close: () => db.destroy(),
  };
}

/** The statements prepared on each connection (by name), for prepared-statements.ts's limits. */
const preparedOn = new WeakMap<pg.PoolClient, Set<string>>();

/**
 * The pool as Kysely sees it, except that a connection whose query failed
 * because the connection itself was lost (ended by the server, socket closed)
 * is destroyed when it is released instead of going back to the pool, where
 * the next request would meet it before node-postgres has noticed it is dead;
 * and that long statements are run prepared, by the name `names` gives them
 * (node-postgres parses a name once per connection).
 */
function discardingLostConnections(pool: pg.Pool, names: StatementNames | null): PostgresPool {
  return {
    options: pool.options,
    end: () => pool.end(),
    connect: async () => {
      const client = await pool.connect();
      let lost = false;
      let prepared = preparedOn.get(client);
      if (!prepared) preparedOn.set(client, (prepared = new Set()));
      const query = (sqlOrCursor: unknown, parameters?: readonly unknown[]) => {
        if (typeof sqlOrCursor !== 'string') return client.query(sqlOrCursor as never);
        const values = (parameters ?? []) as unknown[];
        const name = names?.nameFor(sqlOrCursor, values.length, prepared);
        const run = name === undefined ? client.query(sqlOrCursor, values) : client.query({ name, text: sqlOrCursor, values });
        if (name !== undefined) prepared.add(name);
        return run.catch((err: unknown) => {
          if (isConnectionLost(err) || isStalePreparedStatement(err)) lost = true;
          throw err;
        });
      };
      const wrapped: PostgresPoolClient = {
        // Kysely reads the backend's process id to cancel a query.
        get processID() {
          return (client as { processID?: number }).processID;
        },
        query: query as unknown as PostgresPoolClient['query'],
        release: (destroy?: boolean) => client.release(Boolean(destroy) || lost),
      };
      return wrapped;
    },
  };
}

async function openPglite(opts: OpenOptions, early?: EarlyStart): Promise<Database> {
  const dataDir = pgliteDataDir(opts.url);
  const lock: DataDirLock | undefined = early ? early.lock : dataDir ? lockDataDir(dataDir, opts.purpose ?? 'belong') : undefined;
  let client: PgliteWorkerClient;
  try {
    client =
      early?.client ??
      new PgliteWorkerClient({
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
      dataDir: dataDir ? path.resolve(dataDir) : null,
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
      migrate: (onMigration) => migrateToLatest(target, undefined, onMigration),
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
