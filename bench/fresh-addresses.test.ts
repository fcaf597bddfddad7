import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { freshAddress, type FreshKind } from './fresh-addresses.ts';

const districts = (n: number) => Array.from({ length: n }, (_, i) => `D${i + 1}`);

describe('addresses asked once each (bench:http, bench:profile --fresh)', () => {
  for (const n of [1, 5, 75, 400]) {
    it(`never repeats an address of a kind, over ${n} district(s)`, () => {
      for (const kind of ['place', 'words', 'oruk'] as FreshKind[]) {
        const seen = new Set<string>();
        for (let i = 0; i < 20_000; i++) {
          const address = freshAddress(kind, i, districts(n));
          assert.ok(!seen.has(address), `${kind} ${i}: ${address} asked before`);
          seen.add(address);
        }
      }
    });
  }

  it('spreads a stretch of searches over every district, with words and both filters', () => {
    const d = districts(75);
    assert.equal(freshAddress('words', 0, d), '/find?q=chat&where=D1&who=women_only&need=free');
    assert.equal(freshAddress('words', 1, d), '/find?q=chat&where=D2&who=women_only&need=free');
    assert.equal(freshAddress('words', 75, d), '/find?q=walk&where=D1&who=women_only&need=free');
    assert.equal(freshAddress('oruk', 76, d), '/oruk/services?search=walk&postcode=D2&proximity=2000');
    const first = Array.from({ length: 150 }, (_, i) => new URL(freshAddress('words', i, d), 'http://x').searchParams.get('where'));
    assert.equal(new Set(first).size, 75);
    assert.equal(freshAddress('place', 75, d), '/find?where=D1&page=2');
  });
});
