import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { benchPeople } from './match-people.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

describe('matching benchmark', () => {
  it('makes the same different people for the same seed', () => {
    const a = benchPeople(200, 2026);
    assert.deepEqual(benchPeople(200, 2026), a);
    assert.equal(new Set(a.map((p) => JSON.stringify(p))).size, 200, 'all different');
    assert.ok(
      a.some((p) => p.complexNeeds) &&
        a.some((p) => !p.englishOk) &&
        a.some((p) => p.gender === null) &&
        a.some((p) => !p.modes.includes('in_person')),
    );
  });

  it('runs end to end at small scale on PGlite and prints percentiles', { timeout: 600_000 }, () => {
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'bench/match-bench.ts', '--services', '500', '--people', '20', '--engine', 'pglite'],
      {
        cwd: root,
        encoding: 'utf8',
        timeout: 590_000,
      },
    );
    assert.equal(r.status, 0, `benchmark failed:\n${r.stdout}\n${r.stderr}`);
    assert.match(r.stdout, /engine\s+services\s+people\s+p50\s+p95\s+p99/);
    const row = r.stdout.split('\n').find((l) => /^pglite\s+500\s+20\s/.test(l));
    assert.ok(row, r.stdout);
    const [p50, p95, p99] = row.trim().split(/\s+/).slice(3, 6).map(Number) as [number, number, number];
    assert.ok(p50 > 0 && p50 <= p95 && p95 <= p99, row);
  });
});
