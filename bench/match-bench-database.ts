/**
 * The matching benchmark's database: fresh each run (bench-database.ts), or,
 * with `reuse`, kept between runs so a second run skips the ~40 s bulk load:
 * a named database on the server, or a PGlite folder of that name in the
 * system's temporary folder. A kept database is reused only when it already
 * holds exactly the services asked for (pending migrations are applied on
 * opening, so new indexes are built on it).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { sql } from 'kysely';
import { openDatabase, type Engine } from '../src/platform/db/database.ts';
import { openBenchDatabase, type BenchDatabase } from './bench-database.ts';

export interface MatchBenchDatabase extends BenchDatabase {
  /** Already holds the services: no need to load them. */
  loaded: boolean;
}

async function serverHas(pgUrl: string, name: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: pgUrl });
  await client.connect();
  try {
    const r = await client.query('select 1 from pg_database where datname = $1', [name]);
    return r.rowCount === 1;
  } finally {
    await client.end();
  }
}

async function serviceCount(database: BenchDatabase['database']): Promise<number> {
  try {
    const r = await sql<{ n: string }>`select count(*) as n from service`.execute(database.db);
    return Number(r.rows[0]?.n ?? 0);
  } catch {
    return 0;
  }
}

export async function openMatchBenchDatabase(
  engine: Engine,
  pgUrl: string,
  name: string,
  opts: { reuse: boolean; services: number },
): Promise<MatchBenchDatabase> {
  const purpose = 'matching benchmark';
  if (!opts.reuse) return { ...(await openBenchDatabase(engine, pgUrl, name, purpose)), loaded: false };
  if (engine === 'pglite') {
    const dir = path.join(os.tmpdir(), `${name}-pglite`);
    const existed = fs.existsSync(dir);
    const database = await openDatabase({ url: dir, purpose });
    if (existed && (await serviceCount(database)) === opts.services) return { database, dispose: () => database.close(), loaded: true };
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
    const fresh = await openDatabase({ url: dir, purpose });
    return { database: fresh, dispose: () => fresh.close(), loaded: false };
  }
  const url = new URL(pgUrl);
  url.pathname = `/${name}`;
  if (await serverHas(pgUrl, name)) {
    const database = await openDatabase({ url: url.toString(), purpose });
    if ((await serviceCount(database)) === opts.services) return { database, dispose: () => database.close(), loaded: true };
    await database.close();
  }
  const fresh = await openBenchDatabase(engine, pgUrl, name, purpose);
  // Kept for the next run: closing does not drop it.
  return { database: fresh.database, dispose: () => fresh.database.close(), loaded: false };
}
