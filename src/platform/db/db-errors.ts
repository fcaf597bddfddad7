/**
 * What a failure from the database means for the request that met it.
 *
 * - `unavailable`: the database cannot serve us right now (the connection was
 *   cut by a restart or an administrator, the server is shutting down, the
 *   disk is full, the database is read-only, the embedded engine stopped).
 *   Nothing is wrong with the request: it gets 503 and may be tried again.
 * - `badInput`: PostgreSQL refused a value the request carried (a NUL byte,
 *   text where a number or id belongs, a number out of range, a value too long
 *   for an index). Validation should have caught it first; if it did not,
 *   the request still gets 400, never 500.
 * - `null`: anything else, a bug: 500.
 *
 * Both engines give the same SQLSTATE codes (node-postgres' DatabaseError and
 * PGlite's errors, copied across the worker by pglite-protocol.ts).
 */

export type DbFailure = 'unavailable' | 'badInput';

/** The embedded database's worker stopped, or a database handle was used after it was closed. */
export class DatabaseUnavailable extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'DatabaseUnavailable';
  }
}

/** SQLSTATE classes and codes that mean "not now" rather than "not this". */
const UNAVAILABLE_CLASSES = new Set([
  '08', // connection exception
  '53', // insufficient resources: disk full, out of memory, too many connections
  '58', // system error: I/O error
]);
const UNAVAILABLE_CODES = new Set([
  '25006', // read-only SQL transaction (a standby, or default_transaction_read_only)
  '40001', // serialisation failure: try again
  '40P01', // deadlock detected: try again
  '55P03', // lock not available
  '57014', // query cancelled (statement timeout)
  '57P01', // admin shutdown: pg_terminate_backend, a restart
  '57P02', // crash shutdown
  '57P03', // cannot connect now: starting up
  '57P05', // idle session timeout
]);
const BAD_INPUT_CLASSES = new Set([
  '22', // data exception: invalid text representation, NUL byte, out of range, too long…
]);
const BAD_INPUT_CODES = new Set([
  '54000', // program limit exceeded: e.g. a value too large for an index row
  '42P18', // indeterminate datatype from an odd parameter
]);

/** PostgreSQL's error for a prepared statement whose table changed shape since it was prepared. */
const STALE_PLAN = /cached plan must not change result type/i;

/** Network and driver failures that carry no SQLSTATE. */
const UNAVAILABLE_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ENOSPC']);
const UNAVAILABLE_MESSAGES = [
  /connection terminated/i, // node-postgres: the server closed the connection
  /not queryable/i, // node-postgres: a client after its connection failed
  /timeout exceeded when trying to connect/i,
  /no space left on device/i,
  /read-only file system/i,
  /database is closed/i,
  /PGlite worker stopped/i,
  /waiting for the embedded database connection/i,
  /^Aborted\(/, // the embedded engine (WebAssembly) stopped after a fatal error
  STALE_PLAN, // a statement kept prepared met a table changed since (see isStalePreparedStatement)
];

function codeOf(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** How to answer a request that failed with this error; null for "a bug" (500). Looks through `cause`. */
export function classifyDbError(err: unknown): DbFailure | null {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof DatabaseUnavailable) return 'unavailable';
    const code = codeOf(e);
    if (code && UNAVAILABLE_ERRNO.has(code)) return 'unavailable';
    if (code && /^[0-9A-Z]{5}$/.test(code)) {
      if (UNAVAILABLE_CODES.has(code) || UNAVAILABLE_CLASSES.has(code.slice(0, 2))) return 'unavailable';
      if (BAD_INPUT_CODES.has(code) || BAD_INPUT_CLASSES.has(code.slice(0, 2))) return 'badInput';
    }
    const message = (e as { message?: unknown }).message;
    if (typeof message === 'string' && UNAVAILABLE_MESSAGES.some((re) => re.test(message))) return 'unavailable';
  }
  return null;
}

/**
 * Whether the connection this error came from is gone (the server ended it,
 * or the socket closed): such a connection must not go back to the pool.
 */
export function isConnectionLost(err: unknown): boolean {
  const e = err as { code?: unknown; severity?: unknown; message?: unknown } | null;
  if (!e || typeof e !== 'object') return false;
  if (e.severity === 'FATAL' || e.severity === 'PANIC') return true;
  const code = typeof e.code === 'string' ? e.code : '';
  if (code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03' || UNAVAILABLE_ERRNO.has(code)) return true;
  return typeof e.message === 'string' && /connection terminated|not queryable/i.test(e.message);
}

/**
 * Whether a statement kept prepared on its connection (prepared-statements.ts)
 * failed because a table it reads has changed shape since it was prepared (a
 * migration run by another process, say): every later run of it on that
 * connection would fail the same way, so the connection must not go back to
 * the pool. The request is answered 503, and tried again on a new connection
 * it works.
 */
export function isStalePreparedStatement(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | null;
  return !!e && e.code === '0A000' && typeof e.message === 'string' && STALE_PLAN.test(e.message);
}
