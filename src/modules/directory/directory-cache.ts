/**
 * Values derived from the whole directory (the languages it speaks, the
 * start page's figures, Belong's vocabulary…) computed once and kept while
 * the directory is unchanged, instead of on every request.
 *
 * "Unchanged" is the database's change counter (directory-version.repository.ts,
 * migration 0111), so a change made by any app process, the importer or an
 * administrator's SQL is seen by every process on its next request. Each
 * request reads that one row (a primary-key lookup); requests arriving while
 * a read is under way share it. A value is computed after the version is
 * read, so it is never older than the version it is kept under: a change
 * committed in between only makes the next request compute it again.
 *
 * Only for values read from the tables that bump the counter (see the
 * migration). Inside a transaction the cache is bypassed: the transaction may
 * hold changes of its own that are not committed yet.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Executor } from '../../platform/db/executor.ts';
import { readDirectorySummary, readDirectoryVersion, writeDirectorySummary } from './directory-version.repository.ts';

interface Entry {
  version: string;
  value: Promise<unknown>;
}

interface PerDatabase {
  /** The version read under way, shared by the requests that arrive meanwhile. */
  reading: Promise<string> | null;
  entries: Map<object, Entry>;
}

const states = new WeakMap<object, PerDatabase>();

function stateOf(db: Executor): PerDatabase {
  let s = states.get(db);
  if (!s) states.set(db, (s = { reading: null, entries: new Map() }));
  return s;
}

/** A request that reads the directory's version once (see oneDirectoryVersion). */
interface VersionScope {
  db: Executor;
  version: Promise<string> | null;
}

const scopes = new AsyncLocalStorage<VersionScope>();

/**
 * Runs `handle` (a request that only reads: a GET) so that every use of the
 * directory's version inside it (the page cache, each kept value, Belong's
 * vocabulary) takes the one version read first, instead of reading the
 * counter again for each: a results page read it three times.
 */
export function oneDirectoryVersion<T>(db: Executor, handle: () => Promise<T>): Promise<T> {
  return scopes.run({ db, version: null }, handle);
}

/** The directory's version now (one shared read for the requests that ask at the same time). */
export function directoryVersion(db: Executor): Promise<string> {
  const scope = scopes.getStore();
  if (scope?.db === db) {
    if (!scope.version) {
      scope.version = readShared(db);
      // A failed read is not kept: the next use in the request tries again.
      scope.version.catch(() => {
        scope.version = null;
      });
    }
    return scope.version;
  }
  return readShared(db);
}

function readShared(db: Executor): Promise<string> {
  const s = stateOf(db);
  if (!s.reading) {
    s.reading = readDirectoryVersion(db).finally(() => {
      s.reading = null;
    });
  }
  return s.reading;
}

/**
 * `compute`, kept per database until the directory changes. The returned
 * function takes the database (or a transaction, which always computes).
 */
export function cachedWhileDirectoryUnchanged<T>(compute: (db: Executor) => Promise<T>): (db: Executor) => Promise<T> {
  return cachedAtVersion((db) => compute(db), compute);
}

/**
 * Like cachedWhileDirectoryUnchanged, and also kept in the database under `name` with the
 * version it was computed at (belong_directory_summary, migration 0270): a process that
 * starts, or one that has not computed it yet, reads it there while the directory is
 * unchanged instead of computing it again (counting 100,000 services takes a fraction of a
 * second on the embedded database, and the start page is the first page asked for). For
 * small values that survive JSON (numbers, strings, plain objects and arrays).
 */
export function keptWhileDirectoryUnchanged<T>(name: string, compute: (db: Executor) => Promise<T>): (db: Executor) => Promise<T> {
  return cachedAtVersion(async (db, version) => {
    const kept = await readDirectorySummary(db, name, version);
    if (kept) return kept.value as T;
    const value = await compute(db);
    await writeDirectorySummary(db, name, version, value);
    return value;
  }, compute);
}

function cachedAtVersion<T>(
  compute: (db: Executor, version: string) => Promise<T>,
  inTransaction: (db: Executor) => Promise<T>,
): (db: Executor) => Promise<T> {
  const key = {};
  return async (db) => {
    if (db.isTransaction) return inTransaction(db);
    const version = await directoryVersion(db);
    const s = stateOf(db);
    const hit = s.entries.get(key);
    if (hit && hit.version === version) return hit.value as Promise<T>;
    const value = compute(db, version);
    const entry: Entry = { version, value };
    s.entries.set(key, entry);
    // A failure is not kept: the next request tries again.
    value.catch(() => {
      if (s.entries.get(key) === entry) s.entries.delete(key);
    });
    return value;
  };
}
