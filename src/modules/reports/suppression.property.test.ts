/** Small-number suppression, property-tested: nothing small shows, and no hidden value can be subtracted out. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { suppressList, suppressTable, type Shown } from './suppression.ts';

const count = fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 60 }));
const table = fc
  .tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 7 }))
  .chain(([r, c]) => fc.array(fc.array(count, { minLength: c, maxLength: c }), { minLength: r, maxLength: r }));

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('small-number suppression', () => {
  it('never shows a count from 1 to 4, shows every other value as it is, and leaves no line with a single hidden value', () => {
    fc.assert(
      fc.property(table, (cells) => {
        const s = suppressTable(cells);
        const rowTotals = cells.map(sum);
        const colTotals = cells[0]!.map((_, c) => sum(cells.map((r) => r[c]!)));
        const total = sum(rowTotals);
        const check = (shown: Shown, real: number) => {
          if (shown !== null) {
            assert.equal(shown, real);
            assert.ok(shown === 0 || shown >= 5, `${shown} is shown`);
          } else assert.ok(real >= 0);
        };
        cells.forEach((row, r) => row.forEach((v, c) => check(s.cells[r]![c]!, v)));
        rowTotals.forEach((v, r) => check(s.rowTotals[r]!, v));
        colTotals.forEach((v, c) => check(s.columnTotals[c]!, v));
        check(s.total, total);
        const lines: Shown[][] = [
          ...s.cells.map((row, r) => [...row, s.rowTotals[r]!]),
          ...colTotals.map((_, c) => [...s.cells.map((row) => row[c]!), s.columnTotals[c]!]),
          [...s.rowTotals, s.total],
          [...s.columnTotals, s.total],
        ];
        for (const line of lines) {
          const hidden = line.filter((x) => x === null).length;
          assert.ok(hidden === 0 || hidden >= 2, `a line with one hidden value can be subtracted: ${JSON.stringify(line)}`);
        }
        assert.deepEqual(suppressTable(cells), s, 'the same table always hides the same cells');
      }),
      { numRuns: 500 },
    );
  });

  it('hides nothing when every count is 0 or at least 5', () => {
    fc.assert(
      fc.property(table, (cells) => {
        const big = cells.map((r) => r.map((v) => (v > 0 && v < 5 ? v + 5 : v)));
        const s = suppressTable(big);
        assert.ok(s.cells.flat().every((v) => v !== null));
        assert.ok(s.total !== null || sum(big.flat()) < 5);
      }),
    );
  });

  it('a list: the small count and the next smallest are hidden, the total stays', () => {
    assert.deepEqual(suppressList([12, 3, 7, 0, 40]), { counts: [12, null, null, 0, 40], total: 62 });
    assert.deepEqual(suppressList([2, 1]), { counts: [null, null], total: null });
    assert.deepEqual(suppressList([0, 0]), { counts: [0, 0], total: 0 });
  });
});
