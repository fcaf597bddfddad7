/** Messages between the main thread and the PGlite worker, and the type parsers both engines share. */

export interface WorkerInit {
  /** Folder for persistent data; absent means in memory. */
  dataDir?: string;
  /** A dumped data directory (tar) to start from instead of running initdb. */
  snapshot?: Uint8Array;
}

export type WorkerRequest =
  | { id: number; op: 'ready' }
  | { id: number; op: 'query'; sql: string; params: readonly unknown[] }
  | { id: number; op: 'exec'; sql: string }
  | { id: number; op: 'dump' }
  | { id: number; op: 'close' };

export type WorkerResponse =
  | { id: number; ok: true; rows?: Record<string, unknown>[]; affectedRows?: number; snapshot?: Uint8Array }
  | { id: number; ok: false; error: SerialisedDbError };

export interface SerialisedDbError {
  message: string;
  code?: string;
  detail?: string;
  constraint?: string;
  table?: string;
  column?: string;
}

/** Copy the fields callers rely on (SQLSTATE code, constraint) off a driver error. */
export function serialiseDbError(err: unknown): SerialisedDbError {
  if (err && typeof err === 'object') {
    const e = err as Record<string, unknown>;
    const out: SerialisedDbError = { message: String(e.message ?? err) };
    for (const k of ['code', 'detail', 'constraint', 'table', 'column'] as const) {
      if (typeof e[k] === 'string') out[k] = e[k] as string;
    }
    return out;
  }
  return { message: String(err) };
}

/**
 * Settings the embedded database starts with. PGlite keeps PostgreSQL's shared
 * buffers inside its WebAssembly memory, which grows and never shrinks:
 * initdb's default (160 MB) is touched as soon as the database starts and
 * becomes resident memory for the life of the process. The data folder's
 * pages are read through the operating system's file cache anyway, so a
 * small buffer pool costs a system call per page missed, not a disk read.
 * Measured at 100,000 services (bench:startup, README): about 170 MB less
 * resident; lookups as fast, whole-table scans 2-3x slower.
 */
export const PGLITE_SETTINGS = ['shared_buffers=16MB'] as const;

/** An error from the database, with the same `code` property as node-postgres' DatabaseError. */
export class DbError extends Error {
  code?: string;
  detail?: string;
  constraint?: string;
  table?: string;
  column?: string;
  constructor(e: SerialisedDbError) {
    super(e.message);
    this.name = 'DbError';
    Object.assign(this, e);
  }
}

/**
 * Type OIDs whose JavaScript shape we make identical on both engines:
 * bigint counts become numbers, numeric becomes a number, and `date` stays a
 * 'YYYY-MM-DD' string (no time-zone shifting).
 */
export const TYPE_OIDS = { int8: 20, numeric: 1700, date: 1082 } as const;

const toNumber = (v: string) => Number(v);
const keep = (v: string) => v;

export const pgliteParsers: Record<number, (value: string) => unknown> = {
  [TYPE_OIDS.int8]: toNumber,
  [TYPE_OIDS.numeric]: toNumber,
  [TYPE_OIDS.date]: keep,
};

export const sharedTextParsers: Record<number, (value: string) => unknown> = pgliteParsers;
