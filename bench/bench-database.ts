/**
 * A database of its own for one benchmark run: a fresh PGlite folder, or a
 * fresh database on the PostgreSQL server (dropped again afterwards).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type Database, type Engine } from '../src/platform/db/database.ts';

export interface BenchDatabase {
  database: Database;
  dispose(): Promise<void>;
}

/** Runs one statement on the server as its own connection (CREATE/DROP DATABASE cannot run in a pool's transaction). */
async function adminStatement(pgUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: pgUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** Opens a new, empty database: `name` names the server database (and the PGlite folder), `purpose` the connection. */
export async function openBenchDatabase(engine: Engine, pgUrl: string, name: string, purpose: string): Promise<BenchDatabase> {
  if (engine === 'pglite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${name}-`));
    const database = await openDatabase({ url: path.join(dir, 'pgdata'), purpose });
    return {
      database,
      dispose: async () => {
        await database.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  await adminStatement(pgUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await adminStatement(pgUrl, `CREATE DATABASE ${name}`);
  const url = new URL(pgUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), purpose });
  return {
    database,
    dispose: async () => {
      await database.close();
      await adminStatement(pgUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}
