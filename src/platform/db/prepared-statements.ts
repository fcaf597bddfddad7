/**
 * Which statements a PostgreSQL server connection keeps prepared (named, in
 * the extended protocol's terms), so that the server parses them once per
 * connection instead of on every run.
 *
 * Kysely sends every statement unnamed: the server parses, analyses and plans
 * it each time. For the directory's searches (some 3,500 characters of SQL)
 * parsing is 10–15% of the search: at 100,000 services, one client at a time,
 * 400 place searches took 2.06–2.37 ms each unnamed and 1.77–1.98 named, and
 * searches with words and filters 4.55–5.0 against 4.1–4.35. (Over HTTP, with
 * the app and the database sharing two cores, the difference is within the
 * run-to-run noise.)
 *
 * Only long statements with parameters are named: short ones cost little to
 * parse, and a statement without parameters may hold several commands, which
 * a prepared statement cannot. The server still plans each run with its
 * values (a custom plan): it keeps a generic plan only when that is estimated
 * cheaper, which it was not for any search measured (pg_prepared_statements:
 * 0 generic plans in 600 runs). A prepared search holds about 270 KB of the
 * connection's memory, so a process names at most `MAX_NAMES` different
 * statements and a connection keeps at most `PER_CONNECTION` of them; the
 * searches have a few dozen shapes (their values are parameters), and any
 * beyond those limits is sent unnamed, as before.
 *
 * A statement that meets a table changed since it was prepared (a migration
 * run by another process) fails once, as 503, and its connection is closed
 * (db-errors.ts, isStalePreparedStatement). Behind a connection pooler in
 * transaction mode, a statement prepared on one server connection is not
 * there on the next: set `DATABASE_PREPARE=off` there (or use a pooler that
 * keeps prepared statements, as PgBouncer does from 1.21).
 */

/** Statements shorter than this are sent unnamed. */
export const MIN_LENGTH = 1000;
/** Nor longer than this: a long list of rows to insert, whose parsed form would hold much memory, is rarely sent twice. */
export const MAX_LENGTH = 20_000;
/** Different statements a process names at most. */
export const MAX_NAMES = 200;
/** Prepared statements a connection keeps at most. */
export const PER_CONNECTION = 32;

export interface StatementNames {
  /** The name to run `text` under on a connection that has prepared `prepared`, or undefined to send it unnamed. */
  nameFor(text: string, parameterCount: number, prepared: ReadonlySet<string>): string | undefined;
}

export function statementNames(limits: { maxNames?: number; perConnection?: number } = {}): StatementNames {
  const maxNames = limits.maxNames ?? MAX_NAMES;
  const perConnection = limits.perConnection ?? PER_CONNECTION;
  const names = new Map<string, string>();
  return {
    nameFor(text, parameterCount, prepared) {
      if (parameterCount === 0 || text.length < MIN_LENGTH || text.length > MAX_LENGTH) return undefined;
      let name = names.get(text);
      if (name === undefined) {
        if (names.size >= maxNames) return undefined;
        name = `belong_${names.size + 1}`;
        names.set(text, name);
      }
      if (!prepared.has(name) && prepared.size >= perConnection) return undefined;
      return name;
    },
  };
}
