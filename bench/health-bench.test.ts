import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

describe('health benchmark', () => {
  it('runs end to end on PGlite and prints its figures (it asserts none of them)', { timeout: 600_000 }, () => {
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'bench/health.bench.ts', '--engine', 'pglite', '--requests', '5', '--rows', '2000000'],
      {
        cwd: root,
        encoding: 'utf8',
        timeout: 590_000,
      },
    );
    assert.equal(r.status, 0, `benchmark failed:\n${r.stdout}\n${r.stderr}`);
    assert.match(r.stdout, /engine\s+when\s+n\s+p50 ms\s+p95 ms\s+max ms\s+answers/);
    assert.match(r.stdout, /^pglite\s+idle\s+5\s+[\d.]+\s+[\d.]+\s+[\d.]+\s+200 ok$/m);
    assert.match(r.stdout, /^pglite\s+during long query\s+\d+\s/m);
    assert.match(r.stdout, /the long query took [\d.]+ s/);
  });
});
