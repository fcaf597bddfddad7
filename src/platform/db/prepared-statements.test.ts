// Which statements a PostgreSQL connection keeps prepared (prepared-statements.ts): long ones with
// parameters, one name per text, within the limits of a process and of a connection.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_LENGTH, MIN_LENGTH, statementNames } from './prepared-statements.ts';

const long = (n: number) => `select $1::int as n /* ${String(n).padEnd(MIN_LENGTH, '.')} */`;

describe('statements kept prepared', () => {
  it('names a long statement with parameters, the same name each time, and a different text another name', () => {
    const names = statementNames();
    const first = names.nameFor(long(1), 1, new Set());
    assert.match(first ?? '', /^belong_\d+$/);
    assert.equal(names.nameFor(long(1), 1, new Set([first!])), first);
    assert.equal(names.nameFor(`${long(1)}`.slice(0), 1, new Set()), first, 'the same text built again');
    const second = names.nameFor(long(2), 1, new Set([first!]));
    assert.ok(second && second !== first);
  });

  it('sends short statements and statements without parameters unnamed', () => {
    const names = statementNames();
    assert.equal(names.nameFor('select $1::int', 1, new Set()), undefined);
    assert.equal(names.nameFor(long(1), 0, new Set()), undefined, 'it may hold several commands');
    const rows = `insert into t (a) values ${Array.from({ length: MAX_LENGTH / 8 }, (_, i) => `($${i + 1})`).join(', ')}`;
    assert.ok(rows.length > MAX_LENGTH);
    assert.equal(names.nameFor(rows, MAX_LENGTH / 8, new Set()), undefined, 'nor a long list of rows');
  });

  it('keeps at most so many statements on a connection, and names at most so many texts', () => {
    const names = statementNames({ maxNames: 3, perConnection: 2 });
    const connection = new Set<string>();
    for (const n of [1, 2]) connection.add(names.nameFor(long(n), 1, connection)!);
    assert.equal(connection.size, 2);
    assert.equal(names.nameFor(long(3), 1, connection), undefined, 'a full connection sends a new text unnamed');
    assert.ok(names.nameFor(long(1), 1, connection), 'and runs the ones it holds by name');
    const other = new Set<string>();
    assert.ok(names.nameFor(long(3), 1, other), 'another connection can hold it');
    assert.equal(names.nameFor(long(4), 1, new Set()), undefined, 'no more names than the process allows');
  });
});
