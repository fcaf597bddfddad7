/**
 * Reading a population baseline CSV (docs/reports.md) an administrator
 * uploads: one row per area, dimension and value, with the number of people.
 * Pure. Every problem is found (not just the first) and named by its line,
 * so the file can be put right in one go.
 *
 *   area,dimension,value,population
 *   BD8,ethnicity,asian_pakistani,6120
 *   BD8,age_band,65_plus,3100
 */
import { parse } from 'csv-parse/sync';
import { ETHNICITIES, PERSON_AGE_BANDS, PERSON_GENDERS } from './categories.ts';
import type { PopulationRow } from './funnel.repository.ts';

export const POPULATION_COLUMNS = ['area', 'dimension', 'value', 'population'] as const;
export const POPULATION_DIMENSIONS = ['ethnicity', 'age_band', 'gender', 'language'] as const;
export type PopulationDimension = (typeof POPULATION_DIMENSIONS)[number];
/** At most this many bytes and rows (a district's baseline is a few dozen rows). */
export const MAX_POPULATION_BYTES = 1_000_000;
export const MAX_POPULATION_ROWS = 20_000;

/** The values a dimension takes (a language is any ISO 639 code). "Prefer not to say" has no population. */
const VALUES: Record<Exclude<PopulationDimension, 'language'>, readonly string[]> = {
  ethnicity: ETHNICITIES.filter((e) => e !== 'prefer_not_to_say'),
  age_band: PERSON_AGE_BANDS,
  gender: PERSON_GENDERS,
};

export type PopulationProblemCode =
  'empty' | 'tooLarge' | 'notCsv' | 'missingColumns' | 'area' | 'dimension' | 'value' | 'population' | 'duplicate';

export interface PopulationProblem {
  /** The line of the file (1 is the header); null for the file as a whole. */
  line: number | null;
  code: PopulationProblemCode;
  /** What was found (cut to 60 characters), or the missing columns. */
  found: string;
}

const AREA = /^[\p{L}\p{N}][\p{L}\p{N} '.-]{0,59}$/u;
const cut = (s: string) => (s.length > 60 ? `${s.slice(0, 57)}…` : s);

export function parsePopulationCsv(
  text: string,
): { ok: true; rows: PopulationRow[]; areas: string[] } | { ok: false; problems: PopulationProblem[] } {
  if (Buffer.byteLength(text, 'utf8') > MAX_POPULATION_BYTES) return { ok: false, problems: [{ line: null, code: 'tooLarge', found: '' }] };
  const clean = text.replace(/^\uFEFF/, '');
  if (!clean.trim()) return { ok: false, problems: [{ line: null, code: 'empty', found: '' }] };
  let records: string[][];
  try {
    records = parse(clean, { relax_column_count: true, skip_empty_lines: true, trim: true }) as string[][];
  } catch {
    return { ok: false, problems: [{ line: null, code: 'notCsv', found: '' }] };
  }
  const header = (records[0] ?? []).map((h) => h.toLowerCase());
  const missing = POPULATION_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length) return { ok: false, problems: [{ line: 1, code: 'missingColumns', found: missing.join(', ') }] };
  if (records.length - 1 > MAX_POPULATION_ROWS) return { ok: false, problems: [{ line: null, code: 'tooLarge', found: '' }] };
  if (records.length < 2) return { ok: false, problems: [{ line: null, code: 'empty', found: '' }] };
  const col = Object.fromEntries(POPULATION_COLUMNS.map((c) => [c, header.indexOf(c)])) as Record<
    (typeof POPULATION_COLUMNS)[number],
    number
  >;
  const problems: PopulationProblem[] = [];
  const rows: PopulationRow[] = [];
  const seen = new Set<string>();
  records.slice(1).forEach((r, i) => {
    const line = i + 2;
    const area = (r[col.area] ?? '').replace(/\s+/g, ' ').toUpperCase();
    const dimension = (r[col.dimension] ?? '').toLowerCase();
    const value = (r[col.value] ?? '').toLowerCase();
    const population = (r[col.population] ?? '').replace(/,/g, '');
    let ok = true;
    if (!AREA.test(area)) ok = !problems.push({ line, code: 'area', found: cut(area) });
    if (!(POPULATION_DIMENSIONS as readonly string[]).includes(dimension))
      ok = !problems.push({ line, code: 'dimension', found: cut(dimension) });
    else if (dimension === 'language' ? !/^[a-z]{2,3}$/.test(value) : !VALUES[dimension as keyof typeof VALUES].includes(value))
      ok = !problems.push({ line, code: 'value', found: cut(value) });
    if (!/^\d{1,9}$/.test(population)) ok = !problems.push({ line, code: 'population', found: cut(population) });
    const key = `${area}\u0000${dimension}\u0000${value}`;
    if (ok && seen.has(key)) ok = !problems.push({ line, code: 'duplicate', found: cut(`${area}, ${dimension}, ${value}`) });
    seen.add(key);
    if (ok) rows.push({ area, dimension, value, population: Number(population) });
  });
  if (problems.length) return { ok: false, problems };
  return { ok: true, rows, areas: [...new Set(rows.map((r) => r.area))].sort() };
}

/** The baseline as a CSV in the same columns (what an administrator can download, change and upload again). */
export function populationCsv(rows: readonly PopulationRow[]): string {
  const q = (s: string) => (/[",\n\r]/.test(s) || /^[=+\-@]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  return (
    [POPULATION_COLUMNS.join(','), ...rows.map((r) => [r.area, r.dimension, r.value, String(r.population)].map(q).join(','))].join('\r\n') +
    '\r\n'
  );
}
