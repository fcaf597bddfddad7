import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifyDbError, DatabaseUnavailable, isConnectionLost, isStalePreparedStatement } from './db-errors.ts';

const withCode = (code: string, message = 'x', extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(message), { code, ...extra });

describe('what a database failure means for the request', () => {
  it('the database cannot serve us now: 503', () => {
    for (const code of [
      '57P01',
      '57P02',
      '57P03',
      '08006',
      '08003',
      '53100',
      '53200',
      '53300',
      '25006',
      '58030',
      '40001',
      '40P01',
      '57014',
    ]) {
      assert.equal(classifyDbError(withCode(code)), 'unavailable', code);
    }
    for (const code of ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ENOSPC'])
      assert.equal(classifyDbError(withCode(code)), 'unavailable', code);
    for (const message of [
      'Connection terminated unexpectedly',
      'Client has encountered a connection error and is not queryable',
      'Aborted(). Build with -sASSERTIONS for more info.',
    ]) {
      assert.equal(classifyDbError(new Error(message)), 'unavailable', message);
    }
    assert.equal(classifyDbError(new DatabaseUnavailable('Database is closed')), 'unavailable');
    assert.equal(classifyDbError(new Error('Migration failed', { cause: withCode('57P01') })), 'unavailable', 'looks through cause');
  });

  it('the database refused a value from the request: 400', () => {
    for (const code of ['22021', '22P02', '22001', '22003', '22007', '22008', '54000'])
      assert.equal(classifyDbError(withCode(code)), 'badInput', code);
  });

  it('anything else is a bug: 500', () => {
    for (const code of ['42601', '42P01', '23505', '23503', 'XX000']) assert.equal(classifyDbError(withCode(code)), null, code);
    assert.equal(classifyDbError(new TypeError('x is undefined')), null);
    assert.equal(classifyDbError(null), null);
    assert.equal(classifyDbError('a string'), null);
  });

  it('knows when the connection itself is gone (it must not go back to the pool)', () => {
    assert.equal(isConnectionLost(withCode('57P01', 'terminating connection due to administrator command', { severity: 'FATAL' })), true);
    assert.equal(isConnectionLost(new Error('Connection terminated unexpectedly')), true);
    assert.equal(isConnectionLost(withCode('08006')), true);
    assert.equal(isConnectionLost(withCode('22021', 'invalid byte sequence', { severity: 'ERROR' })), false);
    assert.equal(isConnectionLost(withCode('40001', 'could not serialize access', { severity: 'ERROR' })), false);
  });

  it('knows a statement kept prepared that met a changed table: 503, and its connection is not kept', () => {
    const stale = withCode('0A000', 'cached plan must not change result type', { severity: 'ERROR' });
    assert.equal(isStalePreparedStatement(stale), true);
    assert.equal(classifyDbError(stale), 'unavailable');
    assert.equal(isStalePreparedStatement(withCode('0A000', 'FOR UPDATE is not allowed with aggregate functions')), false);
    assert.equal(classifyDbError(withCode('0A000', 'FOR UPDATE is not allowed with aggregate functions')), null);
  });
});
