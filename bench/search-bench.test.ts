import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { buildFindMix, buildQueryMix, queryString } from './search-queries.ts';
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

  it('mixes /find searches by place, words and filters', () => {
    const a = buildFindMix(200, ['BD8', 'LS7'], 43);
    assert.deepEqual(buildFindMix(200, ['BD8', 'LS7'], 43), a);
    assert.ok(
      a.some((q) => q.params.where && !q.params.q && !q.params.need),
      'place only',
    );
    assert.ok(
      a.some((q) => q.params.q && q.params.where && q.params.who && q.params.need),
      'words, place and two filters',
    );
    assert.ok(
      a.some((q) => q.params.q && !q.params.where),
      'words only',
    );
  });

  it(
    'runs end to end in quick mode on PGlite: every search equals the oracle, and prints percentiles and ratios',
    { timeout: 900_000 },
    () => {
      const r = spawnSync(process.execPath, ['--import', 'tsx', 'bench/search.bench.ts', '--quick', '--engine', 'pglite'], {
        cwd: root,
        encoding: 'utf8',
        timeout: 890_000,
      });
      const out = r.stdout;
      // Exit 1 is allowed only for SLOW searches (a timing, which a test does not judge); a result different from the oracle's fails.
      assert.doesNotMatch(out, /^MISMATCH /m, out);
      assert.ok(
        r.status === 0 || (r.status === 1 && /^SLOW /m.test(out) && /^FAILED: /m.test(out)),
        `benchmark failed:\n${out}\n${r.stderr}`,
      );
      assert.match(
        out,
        /HTTP p50\s+p95\s+p99\s+app SQL p50\s+p95\s+p99\s+oracle p50\s+p95\s+p99\s+app\/oracle p50\s+p95\s+HTTP\/oracle p50/,
      );
      for (const endpoint of ['/oruk/services', '/find']) {
        const row = out.split('\n').find((l) => l.startsWith(`${endpoint} `) && /\spglite\s+2000\s/.test(l));
        assert.ok(row, `no result row for ${endpoint} on pglite in:\n${out}`);
        const cells = row.trim().split(/\s+/);
        // endpoint, engine, services, size, "MB", 3 HTTP, 3 app, 3 oracle, 3 ratios
        const times = cells.slice(5, 14).map(Number);
        for (const n of times) assert.ok(Number.isFinite(n) && n > 0, row);
        for (let i = 0; i < 9; i += 3) assert.ok(times[i]! <= times[i + 1]! && times[i + 1]! <= times[i + 2]!, row);
        const ratios = cells.slice(14).map((c) => Number(c.replace(/x$/, '')));
        assert.equal(ratios.length, 3, row);
        for (const v of ratios) assert.ok(v > 0, row);
      }
    },
  );
});
