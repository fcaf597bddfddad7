import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { buildQueryMix, queryString } from './search-queries.ts';
import { percentile } from './search-bench.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

describe('search benchmark', () => {
  it('takes nearest-rank percentiles', () => {
    const v = Array.from({ length: 100 }, (_, i) => 100 - i); // 100..1, unsorted
    assert.equal(percentile(v, 50), 50);
    assert.equal(percentile(v, 95), 95);
    assert.equal(percentile(v, 99), 99);
    assert.equal(percentile([7], 99), 7);
  });

  it('asks the same mixed questions for the same seed', () => {
    const a = buildQueryMix(200, ['BD8', 'LS7'], 42);
    assert.deepEqual(buildQueryMix(200, ['BD8', 'LS7'], 42), a);
    for (const kind of ['words', 'typo', 'place', 'terms', 'day', 'combined'])
      assert.ok(
        a.some((q) => q.kind === kind),
        kind,
      );
    assert.ok(a.some((q) => q.params.proximity && q.params.postcode));
    assert.ok(
      a.some((q) => q.params.taxonomy_term_id?.includes(',')),
      'several terms at once',
    );
    assert.ok(
      a.some((q) => q.params.search && q.params.postcode && q.params.proximity),
      'words near a place',
    );
    assert.match(queryString(a[0]!), /^[a-z_]+=/);
  });

  it('runs end to end in quick mode on PGlite and prints percentiles and HTTP/raw ratios', { timeout: 600_000 }, () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'bench/search.bench.ts', '--quick', '--engine', 'pglite'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 590_000,
    });
    assert.equal(r.status, 0, `benchmark failed:\n${r.stdout}\n${r.stderr}`);
    const out = r.stdout;
    assert.match(out, /HTTP p50\s+p95\s+p99\s+raw SQL p50\s+p95\s+p99\s+HTTP\/raw p50\s+p95\s+p99/);
    const row = out.split('\n').find((l) => /^pglite\s+2000\s/.test(l));
    assert.ok(row, `no result row for pglite in:\n${out}`);
    const cells = row.trim().split(/\s+/);
    // engine, services, load s, index+analyze s, size, "MB", 3 HTTP, 3 raw, 3 ratios
    const [http50, http95, http99, raw50, raw95, raw99] = cells.slice(6, 12).map(Number) as number[];
    for (const n of [http50, http95, http99, raw50, raw95, raw99]) assert.ok(Number.isFinite(n) && n! > 0, row);
    assert.ok(http50! <= http95! && http95! <= http99!, row);
    assert.ok(raw50! <= raw95! && raw95! <= raw99!, row);
    const ratios = cells.slice(12).map((c) => Number(c.replace(/x$/, '')));
    assert.equal(ratios.length, 3, row);
    for (const x of ratios) assert.ok(x > 0, row);
    assert.doesNotMatch(out, /WARNING/);
  });
});
