/**
 * An import's outcome as people read it: a short summary for the terminal,
 * and a CSV of every rejected record (with all its reasons) and every warning,
 * to hand back to whoever keeps the spreadsheet or feed.
 */
import type { ImportReport } from './import.runner.ts';

const n = (x: number): string => x.toLocaleString('en-GB');

/** Terminal summary. Lists rejected records (all of them unless `maxListed` says otherwise). */
export function formatSummary(r: ImportReport, opts: { maxListed?: number; rejectsFile?: string | null } = {}): string {
  const lines: string[] = [];
  const verb = r.dryRun ? 'Checked (dry run, nothing written)' : 'Imported';
  lines.push(`${verb} from "${r.source}" in ${(r.ms / 1000).toFixed(1)} s: ${n(r.total)} record${r.total === 1 ? '' : 's'} read`);
  const width = Math.max(...[r.created, r.updated, r.unchanged, r.rejected.length].map((x) => n(x).length));
  const row = (label: string, x: number) => `  ${label.padEnd(10)} ${n(x).padStart(width)}`;
  lines.push(row(r.dryRun ? 'new' : 'created', r.created));
  lines.push(row(r.dryRun ? 'changed' : 'updated', r.updated));
  lines.push(row('unchanged', r.unchanged));
  lines.push(row('rejected', r.rejected.length));
  if (r.warnings.length) lines.push(`  ${n(r.warnings.length)} record(s) have warnings`);
  if (r.error) {
    lines.push(`  Could not finish: ${r.error}.`);
    if (!r.dryRun) lines.push('  Records read before that were saved; run the import again once it is fixed.');
  }
  if (r.stopped) lines.push('  Stopped before the end: run the same import again to finish (records already saved are skipped).');
  const max = opts.maxListed ?? Infinity;
  if (r.rejected.length) {
    lines.push('', 'Rejected:');
    for (const x of r.rejected.slice(0, max)) lines.push(`  ${x.ref}: ${x.reasons.join('; ')}`);
    if (r.rejected.length > max) lines.push(`  … and ${n(r.rejected.length - max)} more`);
  }
  if (r.warnings.length) {
    const wmax = Math.min(max, 20);
    lines.push('', 'Warnings:');
    for (const w of r.warnings.slice(0, wmax)) lines.push(`  ${w.ref}: ${w.messages.join('; ')}`);
    if (r.warnings.length > wmax) lines.push(`  … and ${n(r.warnings.length - wmax)} more`);
  }
  if (opts.rejectsFile && (r.rejected.length || r.warnings.length))
    lines.push('', `Every rejected record and warning is in ${opts.rejectsFile}`);
  return lines.join('\n');
}

const csvCell = (s: string): string => (/[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** CSV with columns record, outcome (rejected | warning), reasons (one per line inside the cell). */
export function rejectsCsv(r: ImportReport): string {
  const rows = [
    ['record', 'outcome', 'reasons'],
    ...r.rejected.map((x) => [x.ref, 'rejected', x.reasons.join('\n')]),
    ...r.warnings.map((w) => [w.ref, 'warning', w.messages.join('\n')]),
  ];
  return `${rows.map((cells) => cells.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
