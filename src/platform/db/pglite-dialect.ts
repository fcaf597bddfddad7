/**
 * A Kysely dialect for PGlite running in a worker thread.
 *
 * PGlite is a single connection. The driver hands that connection to one user
 * at a time (a mutex), which is what makes transactions safe: while a
 * transaction holds the connection, every other query waits its turn, exactly
 * as with a pool of size one. Using the outer `db` inside `db.transaction()`
 * would wait for itself, so acquisition times out with a message that says so.
 */
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';
import type { PgliteWorkerClient } from './pglite-client.ts';

class Mutex {
  #queue: Array<() => void> = [];
  #locked = false;
  lock(timeoutMs: number): Promise<void> {
    if (!this.#locked) {
      this.#locked = true;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const grant = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.#queue = this.#queue.filter((g) => g !== grant);
        reject(
          new Error(
            `Timed out after ${timeoutMs} ms waiting for the embedded database connection. ` +
              'A long transaction is holding it, or code used the outer db handle inside a transaction (use the trx handle).',
          ),
        );
      }, timeoutMs);
      this.#queue.push(grant);
    });
  }
  unlock() {
    const next = this.#queue.shift();
    if (next) next();
    else this.#locked = false;
  }
  get waiting() {
    return this.#queue.length;
  }
}

class WorkerConnection implements DatabaseConnection {
  constructor(private client: PgliteWorkerClient) {}
  async executeQuery<R>(q: CompiledQuery): Promise<QueryResult<R>> {
    const res = await this.client.request({ op: 'query', sql: q.sql, params: q.parameters });
    const rows = (res.rows ?? []) as R[];
    const kind = q.query?.kind;
    const isWrite = kind === 'InsertQueryNode' || kind === 'UpdateQueryNode' || kind === 'DeleteQueryNode' || kind === 'MergeQueryNode';
    return isWrite || (!q.query && res.affectedRows) ? { rows, numAffectedRows: BigInt(res.affectedRows ?? 0) } : { rows };
  }
  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('Streaming queries are not supported on the embedded database');
  }
}

export class PgliteWorkerDriver implements Driver {
  #mutex = new Mutex();
  #conn: WorkerConnection;
  constructor(
    private client: PgliteWorkerClient,
    private acquireTimeoutMs = 30_000,
  ) {
    this.#conn = new WorkerConnection(client);
  }
  async init() {
    await this.client.request({ op: 'ready' });
  }
  async acquireConnection() {
    await this.#mutex.lock(this.acquireTimeoutMs);
    return this.#conn;
  }
  async beginTransaction(conn: DatabaseConnection, settings: TransactionSettings) {
    const iso = settings.isolationLevel ? ` isolation level ${settings.isolationLevel}` : '';
    await conn.executeQuery(CompiledQuery.raw(`begin${iso}`));
  }
  async commitTransaction(conn: DatabaseConnection) {
    await conn.executeQuery(CompiledQuery.raw('commit'));
  }
  async rollbackTransaction(conn: DatabaseConnection) {
    await conn.executeQuery(CompiledQuery.raw('rollback'));
  }
  async savepoint(conn: DatabaseConnection, name: string) {
    await conn.executeQuery(CompiledQuery.raw(`savepoint "${name}"`));
  }
  async rollbackToSavepoint(conn: DatabaseConnection, name: string) {
    await conn.executeQuery(CompiledQuery.raw(`rollback to savepoint "${name}"`));
  }
  async releaseSavepoint(conn: DatabaseConnection, name: string) {
    await conn.executeQuery(CompiledQuery.raw(`release savepoint "${name}"`));
  }
  async releaseConnection() {
    this.#mutex.unlock();
  }
  async destroy() {
    await this.client.close();
  }
  /** Queries waiting for the single connection. */
  get waiting() {
    return this.#mutex.waiting;
  }
}

export class PgliteWorkerDialect implements Dialect {
  constructor(private driver: PgliteWorkerDriver) {}
  createAdapter() {
    return new PostgresAdapter();
  }
  createDriver() {
    return this.driver;
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Kysely's own Dialect signature
  createIntrospector(db: Kysely<any>) {
    return new PostgresIntrospector(db);
  }
}
