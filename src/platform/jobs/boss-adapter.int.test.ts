import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openTestDatabase, testEngine, type TestDatabase } from '../../../test/support/test-db.ts';
import { belongBossDb, transactionBossDb } from './boss-adapter.ts';

describe(`pg-boss's way into Belong's database [${testEngine}]`, () => {
  let database: TestDatabase;
  before(async () => {
    database = await openTestDatabase();
    await database.exec('CREATE TABLE t_adapter (n int PRIMARY KEY)');
  });
  after(async () => {
    await database.dispose();
  });

  it('runs a statement with parameters, and a script of several statements in one round trip with all their rows', async () => {
    const boss = belongBossDb(database);
    assert.deepEqual((await boss.executeSql('select $1::int + 1 as n', [41])).rows, [{ n: 42 }]);
    const { rows } = await boss.executeSql(`
      BEGIN;
      INSERT INTO t_adapter (n) VALUES (1), (2) RETURNING n;
      SELECT count(*)::int AS total FROM t_adapter;
      COMMIT;`);
    assert.deepEqual(rows, [{ n: 1 }, { n: 2 }, { total: 2 }]);
  });

  it('rolls a failed script back, and the connection works on', async () => {
    const boss = belongBossDb(database);
    await assert.rejects(boss.executeSql('BEGIN; INSERT INTO t_adapter (n) VALUES (3); INSERT INTO t_adapter (n) VALUES (1); COMMIT;'));
    assert.deepEqual((await boss.executeSql('SELECT n FROM t_adapter ORDER BY n')).rows, [{ n: 1 }, { n: 2 }]);
  });

  it('writes inside the caller’s transaction', async () => {
    await assert.rejects(
      database.db.transaction().execute(async (trx) => {
        await transactionBossDb(trx).executeSql('INSERT INTO t_adapter (n) VALUES ($1)', [9]);
        throw new Error('rolled back');
      }),
    );
    assert.deepEqual((await belongBossDb(database).executeSql('SELECT count(*)::int AS c FROM t_adapter WHERE n = 9')).rows, [{ c: 0 }]);
  });
});
