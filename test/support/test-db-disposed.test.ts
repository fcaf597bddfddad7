/**
 * Every test file that opens a test database also disposes of it. On a
 * PostgreSQL server a test database is a real database made for the file:
 * closing the connections alone leaves it behind, and each run of the suite
 * left eight on the server.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';

const root = path.resolve(import.meta.dirname, '../..');

describe('test databases', () => {
  it('are disposed of by every test file that opens one', () => {
    const files = ['src', 'test', 'bench', 'e2e']
      .filter((d) => fs.existsSync(path.join(root, d)))
      .flatMap((d) => fs.readdirSync(path.join(root, d), { recursive: true, encoding: 'utf8' }).map((f) => path.join(root, d, f)))
      .filter((f) => f.endsWith('.test.ts'));
    const opening = files.filter((f) => /\bopenTestDatabase(Before)?\(/.test(fs.readFileSync(f, 'utf8')));
    assert.ok(opening.length > 50, `only ${opening.length} files open a test database: is the search right?`);
    const leaking = opening.filter((f) => !/\.dispose\(\)/.test(fs.readFileSync(f, 'utf8'))).map((f) => path.relative(root, f));
    assert.deepEqual(leaking, []);
  });
});
