/**
 * The reports as CSV (RFC 4180, UTF-8 with a byte-order mark so spreadsheet
 * programs read it as UTF-8). Hidden figures are the word "hidden"; "not
 * stated" is its own value. A cell that a spreadsheet would take for a
 * formula (starting with = + - @) gets a leading apostrophe.
 */
import type { CoverageReport } from './coverage.ts';
import { FUNNEL_STAGES } from './funnel.repository.ts';
import type { FunnelWithBaseline, OutcomesReport } from './reports.service.ts';
import type { Shown } from './suppression.ts';

type Cell = string | number | null;

export function csvCell(v: Cell): string {
  let s = v === null ? '' : String(v);
  if (/^[=+\-@\t\r]/.test(s) && !/^-?\d+(\.\d+)?$/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const toCsv = (rows: Cell[][]): string => `\uFEFF${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;

const shown = (v: Shown): Cell => (v === null ? 'hidden' : v);
const area = (a: string | null) => (a === null ? 'all areas' : a === '' ? 'no fixed place' : a);

export function coverageCsv(r: CoverageReport): string {
  const rows: Cell[][] = [['area', 'dimension', 'value', 'services', 'organisations']];
  for (const t of r.tables)
    for (const row of t.rows) {
      for (const v of t.values) rows.push([area(row.area), t.dimension, v, row.cells[v]!.services, row.cells[v]!.organisations]);
      rows.push([area(row.area), t.dimension, 'not stated', row.notStated.services, row.notStated.organisations]);
    }
  for (const g of r.gaps) rows.push([area(g.area), `gap:${g.kind}:${g.dimension}`, g.value, g.services, g.organisations]);
  return toCsv(rows);
}

export function funnelCsv(r: FunnelWithBaseline): string {
  const rows: Cell[][] = [['area', 'dimension', 'value', ...FUNNEL_STAGES]];
  for (const t of r.tables) {
    for (const row of t.rows)
      rows.push([area(r.area), t.dimension, row.value ?? 'not stated', ...FUNNEL_STAGES.map((s) => shown(row.counts[s]))]);
    rows.push([area(r.area), t.dimension, 'total', ...FUNNEL_STAGES.map((s) => shown(t.total[s]))]);
  }
  rows.push([]);
  rows.push(['area', 'reach dimension', 'value', 'people referred', 'share referred', 'share of population', 'reach ratio']);
  for (const x of r.reach)
    rows.push([
      x.area,
      x.dimension,
      x.value,
      shown(x.people),
      x.share === null ? 'hidden' : x.share.toFixed(3),
      x.populationShare.toFixed(3),
      x.ratio === null ? 'hidden' : x.ratio.toFixed(2),
    ]);
  return toCsv(rows);
}

export function outcomesCsv(r: OutcomesReport): string {
  const rows: Cell[][] = [
    ['what', 'by', 'key', 'service name', 'measure', 'score', 'people or ratings', 'baseline', 'follow-up', 'change or average'],
  ];
  for (const c of r.change)
    rows.push([
      'measure change',
      c.grouping,
      c.key,
      c.label,
      c.measureId,
      c.scoreId,
      shown(c.people),
      shown(c.baseline),
      shown(c.followUp),
      shown(c.change),
    ]);
  for (const f of r.feedback)
    rows.push(['feedback', f.grouping, f.key, f.label, null, null, shown(f.ratings), null, null, shown(f.average)]);
  return toCsv(rows);
}
