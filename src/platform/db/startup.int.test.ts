/**
 * A first start on the embedded database: it says what it is doing (creating
 * the database, each migration) and can begin before the server's code has
 * loaded (startOpeningEarly, used by src/main.ts), keeping the data folder's
 * lock throughout.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { sql } from 'kysely';
import { testEngine } from '../../../test/support/test-db.ts';
import { lockDataDir } from './data-dir-lock.ts';
import { openDatabase, startOpeningEarly, type OpenProgress } from './database.ts';
import { listMigrations } from './migrate.ts';

describe(`starting on a new embedded database [${testEngine}]`, { skip: testEngine !== 'pglite' && 'the embedded database only' }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'belong-startup-'));
  const dataDir = path.join(dir, 'pglite');
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('begins early, reports creating the database and every migration, then reopens without them', async () => {
    startOpeningEarly({ url: dataDir, purpose: 'startup test' });
    assert.ok(fs.existsSync(`${dataDir}.lock`), 'the data folder is locked from the first moment');
    const events: OpenProgress[] = [];
    const database = await openDatabase({ url: dataDir, purpose: 'startup test', onProgress: (e) => events.push(e) });
    try {
      assert.deepEqual(events[0], { step: 'opening', engine: 'pglite', where: path.resolve(dataDir), fresh: true });
      assert.equal(events[1]!.step, 'opened');
      const migrations = events.filter((e) => e.step === 'migration');
      assert.deepEqual(
        migrations.map((e) => e.name),
        listMigrations().map((m) => m.name),
      );
      assert.deepEqual(
        migrations.map((e) => `${e.index}/${e.total}`),
        migrations.map((_, i) => `${i + 1}/${migrations.length}`),
      );
      assert.deepEqual(events.at(-1), { ...events.at(-1), step: 'migrated', applied: migrations.length });
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from belong_migration`.execute(database.db);
      assert.equal(rows[0]!.n, migrations.length);
      await assert.rejects(openDatabase({ url: dataDir }), /already using|Stop that process/, 'a second process is kept out');
    } finally {
      await database.close();
    }
    assert.equal(fs.existsSync(`${dataDir}.lock`), false, 'closing releases the lock');

    const again: OpenProgress[] = [];
    const reopened = await openDatabase({ url: dataDir, onProgress: (e) => again.push(e) });
    await reopened.close();
    assert.equal(again[0]!.step === 'opening' && again[0]!.fresh, false, 'an existing database is opened, not created');
    assert.deepEqual(
      again.filter((e) => e.step === 'migration'),
      [],
    );
  });

  it('leaves a data folder that is in use alone, so opening it says so', async () => {
    const held = path.join(dir, 'held');
    const lock = lockDataDir(held, 'the other process');
    try {
      startOpeningEarly({ url: held, purpose: 'server' }); // does nothing
      await assert.rejects(openDatabase({ url: held }), /in use by another Belong process/);
    } finally {
      lock.release();
    }
  });
});
