/**
 * Small-number suppression for every report about people: a count of 1 to 4
 * is never shown (primary suppression), and where a row or column total is
 * shown, a second cell of that row or column is hidden too (secondary
 * suppression), so no single hidden cell can be worked out by subtraction.
 * Zeros are shown: "nobody" identifies no one.
 *
 * A table is cells (rows × columns) with a total per row, per column and
 * overall, all of which may be suppressed. Each row with its total, each
 * column with its total, the row totals with the grand total and the column
 * totals with the grand total are "lines": sums a reader could subtract
 * along. The rule holds in every line: no hidden value, or at least two.
 *
 * Pure and deterministic (the same table always hides the same cells), and
 * property-tested (suppression.property.test.ts).
 */

/** Counts below this (and above zero) are hidden. */
export const SUPPRESS_BELOW = 5;

/** A shown count, or null where it is hidden. */
export type Shown = number | null;

export interface SuppressedTable {
  cells: Shown[][];
  rowTotals: Shown[];
  columnTotals: Shown[];
  total: Shown;
}

type Ref = { kind: 'cell'; r: number; c: number } | { kind: 'row'; r: number } | { kind: 'col'; c: number } | { kind: 'total' };

const isSmall = (n: number, below: number) => n > 0 && n < below;

/** Suppress a table of counts whose totals are the sums of its rows and columns. */
export function suppressTable(cells: readonly (readonly number[])[], opts: { below?: number } = {}): SuppressedTable {
  const below = opts.below ?? SUPPRESS_BELOW;
  const rows = cells.length;
  const cols = rows ? Math.max(...cells.map((r) => r.length)) : 0;
  const value = (r: number, c: number) => cells[r]?.[c] ?? 0;
  const rowTotals = Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => value(r, c)).reduce((a, b) => a + b, 0));
  const columnTotals = Array.from({ length: cols }, (_, c) =>
    Array.from({ length: rows }, (_, r) => value(r, c)).reduce((a, b) => a + b, 0),
  );
  const total = rowTotals.reduce((a, b) => a + b, 0);

  const hidden = new Set<string>();
  const key = (x: Ref) => (x.kind === 'cell' ? `c${x.r},${x.c}` : x.kind === 'row' ? `r${x.r}` : x.kind === 'col' ? `k${x.c}` : 't');
  const count = (x: Ref) =>
    x.kind === 'cell' ? value(x.r, x.c) : x.kind === 'row' ? rowTotals[x.r]! : x.kind === 'col' ? columnTotals[x.c]! : total;

  const all: Ref[] = [
    ...Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c): Ref => ({ kind: 'cell', r, c }))).flat(),
    ...Array.from({ length: rows }, (_, r): Ref => ({ kind: 'row', r })),
    ...Array.from({ length: cols }, (_, c): Ref => ({ kind: 'col', c })),
    { kind: 'total' },
  ];
  for (const x of all) if (isSmall(count(x), below)) hidden.add(key(x));

  const lines: Ref[][] = [
    ...Array.from({ length: rows }, (_, r) => [
      ...Array.from({ length: cols }, (_, c): Ref => ({ kind: 'cell', r, c })),
      { kind: 'row', r } as Ref,
    ]),
    ...Array.from({ length: cols }, (_, c) => [
      ...Array.from({ length: rows }, (_, r): Ref => ({ kind: 'cell', r, c })),
      { kind: 'col', c } as Ref,
    ]),
    [...Array.from({ length: rows }, (_, r): Ref => ({ kind: 'row', r })), { kind: 'total' }],
    [...Array.from({ length: cols }, (_, c): Ref => ({ kind: 'col', c })), { kind: 'total' }],
  ];

  // Hide a second value in any line with exactly one hidden: the smallest
  // non-zero shown value (a hidden zero protects nothing a reader cannot
  // guess), a total if there is none, then a zero. Repeat until stable.
  for (let changed = true; changed;) {
    changed = false;
    for (const line of lines) {
      if (line.filter((x) => hidden.has(key(x))).length !== 1) continue;
      const shown = line.filter((x) => !hidden.has(key(x)));
      const pick =
        shown.filter((x) => x.kind === 'cell' && count(x) > 0).sort((a, b) => count(a) - count(b))[0] ??
        shown.filter((x) => x.kind !== 'cell' && count(x) > 0).sort((a, b) => count(a) - count(b))[0] ??
        shown[0];
      if (pick) {
        hidden.add(key(pick));
        changed = true;
      }
    }
  }
  const show = (x: Ref): Shown => (hidden.has(key(x)) ? null : count(x));
  return {
    cells: Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => show({ kind: 'cell', r, c }))),
    rowTotals: Array.from({ length: rows }, (_, r) => show({ kind: 'row', r })),
    columnTotals: Array.from({ length: cols }, (_, c) => show({ kind: 'col', c })),
    total: show({ kind: 'total' }),
  };
}

/** One list of counts with its total (a table of one row). */
export function suppressList(counts: readonly number[], opts: { below?: number } = {}): { counts: Shown[]; total: Shown } {
  const t = suppressTable([counts], opts);
  // With a single row, the row total and the grand total are the same figure: keep them in step.
  const total = t.total === null || t.rowTotals[0] === null ? null : t.total;
  return { counts: t.cells[0] ?? [], total };
}
