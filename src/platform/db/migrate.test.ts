/**
 * The migration runner without a database: each file in its own transaction,
 * and what a file asks to run once it is committed (a VACUUM) run after it.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { afterCommit, migrateToLatest, type MigrationTarget } from './migrate.ts';

function recordingTarget(applied: string[] = []): MigrationTarget & { statements: string[] } {
  const statements: string[] = [];
  return {
    statements,
    exec: async (sql) => {
      statements.push(sql.trim());
    },
    query: async <R>() => applied.map((name) => ({ name })) as R[],
  };
}

describe('migrations', () => {
  it('reads the statements a file asks to run once committed, and nothing else', () => {
    const sql = [
      'ALTER TABLE belong_search_point ADD COLUMN x text;',
      '-- A VACUUM runs after: not this line.',
      '-- after: VACUUM belong_search_point;',
      '-- after: VACUUM belong_search_point; DROP TABLE service;',
      '-- after: DROP TABLE service;',
      '  -- after: VACUUM indented;',
    ].join('\n');
    assert.deepEqual(afterCommit(sql), ['VACUUM belong_search_point']);
    assert.deepEqual(afterCommit('SELECT 1;'), []);
  });

  it('runs them once the file is committed, and not for a file already applied', async () => {
    const target = recordingTarget(['0001_first.sql']);
    const done = await migrateToLatest(target, [
      { name: '0001_first.sql', sql: 'CREATE TABLE a (id int);\n-- after: VACUUM a;' },
      { name: '0002_second.sql', sql: 'ALTER TABLE b ADD COLUMN c int;\n-- after: VACUUM b;' },
      { name: '0003_third.sql', sql: 'CREATE TABLE d (id int);' },
    ]);
    assert.deepEqual(done, ['0002_second.sql', '0003_third.sql']);
    const vacuums = target.statements.filter((s) => s.startsWith('VACUUM'));
    assert.deepEqual(vacuums, ['VACUUM b']);
    const second = target.statements.findIndex((s) => s.includes('ALTER TABLE b'));
    const vacuum = target.statements.indexOf('VACUUM b');
    const third = target.statements.findIndex((s) => s.includes('CREATE TABLE d'));
    assert.ok(second >= 0 && target.statements[second]!.includes('COMMIT;'), 'the file runs in its own transaction');
    assert.ok(second < vacuum && vacuum < third, 'the VACUUM runs after its file is committed, before the next file');
  });
});
