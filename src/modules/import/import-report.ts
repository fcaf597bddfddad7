/**
 * An import's outcome as people read it: a short summary for the terminal
 * (with, per Belong field, how many services got a stated value and how many
 * stay unknown, the source's terms no mapping used, conflicts with what
 * people set in Belong, and services the source no longer lists), and a CSV
 * of every rejected record (with all its reasons), warning and conflict, to
 * hand back to whoever keeps the spreadsheet or feed.
 */
import type { FieldConflict } from '../directory/directory.service.ts';
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
  if (r.retired.length)
    lines.push(
      `  ${n(r.retired.length)} service(s) the source no longer lists ${r.dryRun ? 'would be retired' : 'were retired (made inactive, not deleted)'}`,
    );
  if (r.kept) lines.push(`  ${n(r.kept)} field(s) kept as people set them in Belong; ${n(r.conflicts.length)} service(s) with conflicts`);
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
  if (r.conflicts.length) {
    lines.push('', 'Conflicts (kept as set in Belong; the feed now says something else):');
    for (const c of r.conflicts.slice(0, max)) lines.push(`  ${c.ref} (${c.name}): ${c.conflicts.map(conflictText).join('; ')}`);
    if (r.conflicts.length > max) lines.push(`  … and ${n(r.conflicts.length - max)} more`);
  }
  if (r.retired.length) {
    lines.push('', r.dryRun ? 'No longer listed (would be retired):' : 'No longer listed (retired):');
    for (const x of r.retired.slice(0, max)) lines.push(`  ${x.externalId} (service ${x.serviceId})`);
    if (r.retired.length > max) lines.push(`  … and ${n(r.retired.length - max)} more`);
  }
  lines.push('', ...coverageLines(r));
  if (r.unmappedTerms.length) {
    const tmax = Math.min(max, 50);
    lines.push('', 'Terms no mapping used (add them to a mapping file to fill Belong fields):');
    for (const t of r.unmappedTerms.slice(0, tmax)) lines.push(`  ${t.term}  (${n(t.services)} service${t.services === 1 ? '' : 's'})`);
    if (r.unmappedTerms.length > tmax) lines.push(`  … and ${n(r.unmappedTerms.length - tmax)} more`);
  }
  if (opts.rejectsFile && (r.rejected.length || r.warnings.length || r.conflicts.length))
    lines.push('', `Every rejected record, warning and conflict is in ${opts.rejectsFile}`);
  return lines.join('\n');
}

const WHO: Record<FieldConflict['origin'], string> = { provider: 'a provider', administrator: 'an administrator' };

/** "belong.safeguarding_policy (approved by an administrator on 2026-03-01)". */
export function conflictText(c: FieldConflict): string {
  const verb = c.origin === 'administrator' ? 'set or approved' : 'edited';
  return `${c.field} (${verb} by ${WHO[c.origin]} on ${c.since.toISOString().slice(0, 10)})`;
}

/** Per Belong field: services with a stated value, and services where it stays unknown. */
export function coverageLines(r: ImportReport): string[] {
  const fields = Object.entries(r.coverage);
  const total = fields.length ? fields[0]![1].stated + fields[0]![1].unknown : 0;
  if (!total) return [];
  const width = Math.max(...fields.map(([f]) => f.length));
  const w = n(total).length;
  return [
    `Belong fields over ${n(total)} service(s) read: stated / not stated`,
    ...fields.map(([f, c]) => `  ${f.padEnd(width)}  ${n(c.stated).padStart(w)} / ${n(c.unknown).padStart(w)}`),
  ];
}

const csvCell = (s: string): string => (/[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** CSV with columns record, outcome (rejected | warning), reasons (one per line inside the cell). */
export function rejectsCsv(r: ImportReport): string {
  const rows = [
    ['record', 'outcome', 'reasons'],
    ...r.rejected.map((x) => [x.ref, 'rejected', x.reasons.join('\n')]),
    ...r.warnings.map((w) => [w.ref, 'warning', w.messages.join('\n')]),
    ...r.conflicts.map((c) => [c.ref, 'conflict', c.conflicts.map(conflictText).join('\n')]),
    ...r.retired.map((x) => [x.externalId, r.dryRun ? 'to be retired' : 'retired', 'the source no longer lists this service']),
  ];
  return `${rows.map((cells) => cells.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
