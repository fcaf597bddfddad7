/**
 * The coverage report (supply), built from the counts SQL gives: one table
 * per dimension (rows: all areas, then each postcode district; columns: the
 * values, then "not stated"), and the gaps in words, flagged rather than left
 * to be spotted: an audience or age band nothing in an area is for, or one
 * very few organisations there are for.
 *
 * Coverage counts listings, which are public, not people: small numbers here
 * identify no one and are shown as they are (small-number suppression is for
 * the reports about people: the funnel and outcomes).
 */
import { AUDIENCES, CAPACITY_STATUSES, COST_BANDS, ELIGIBILITIES, GENDERS, MODES } from '../directory/service-graph.ts';
import type { CoverageCountRow, CoverageTotalRow } from './coverage.repository.ts';

export const AGE_BANDS = ['under_16', '16_17', '18_24', '25_49', '50_64', '65_plus'] as const;

export const COVERAGE_DIMENSIONS = [
  'audience',
  'eligibility',
  'age',
  'language',
  'gender',
  'community',
  'cost',
  'mode',
  'times',
  'transport',
  'accompany',
  'vetted',
  'capacity',
] as const;
export type CoverageDimension = (typeof COVERAGE_DIMENSIONS)[number];

/** The values each dimension always shows, in order (a value nothing has still gets its column: a zero is news). */
export const KNOWN_VALUES: Record<CoverageDimension, readonly string[]> = {
  audience: [...AUDIENCES, 'open_to_all'],
  eligibility: ELIGIBILITIES,
  age: AGE_BANDS,
  language: [],
  gender: GENDERS,
  community: [],
  cost: COST_BANDS,
  mode: MODES,
  times: ['weekday_daytime', 'evenings', 'weekends'],
  transport: ['yes', 'no'],
  accompany: ['yes', 'no'],
  vetted: ['yes', 'no'],
  capacity: CAPACITY_STATUSES,
};

/** Dimensions whose values are groups of people: a value with nothing for it is a gap. */
export const GAP_DIMENSIONS: readonly CoverageDimension[] = ['audience', 'age'];
/** A value is "few" when fewer than this share of an area's organisations are for it (and the area has at least MIN_ORGS_FOR_FEW). */
export const FEW_SHARE = 0.1;
export const MIN_ORGS_FOR_FEW = 10;

export interface Count {
  services: number;
  organisations: number;
}

export interface CoverageRow extends Count {
  /** null: all areas; '': no fixed place; otherwise a postcode district. */
  area: string | null;
  cells: Record<string, Count>;
  notStated: Count;
}

export interface CoverageTable {
  dimension: CoverageDimension;
  values: string[];
  rows: CoverageRow[];
}

export interface CoverageGap {
  kind: 'none' | 'few';
  area: string | null;
  dimension: CoverageDimension;
  value: string;
  services: number;
  organisations: number;
  totalServices: number;
  totalOrganisations: number;
}

export interface CoverageReport {
  area: string | null;
  areas: (string | null)[];
  tables: CoverageTable[];
  gaps: CoverageGap[];
}

const ZERO: Count = { services: 0, organisations: 0 };
const EXCLUDED_FROM_GAPS = new Set(['open_to_all', 'communities']);

/** Areas in order: all areas first, then districts in natural order, then "no fixed place". */
function areaOrder(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  if (a === '') return 1;
  if (b === '') return -1;
  return a.localeCompare(b, 'en', { numeric: true });
}

export function buildCoverage(
  input: { counts: CoverageCountRow[]; totals: CoverageTotalRow[] },
  area: string | null = null,
): CoverageReport {
  const totals = [...input.totals].sort((x, y) => areaOrder(x.area, y.area));
  const totalOf = new Map(totals.map((t) => [t.area, t]));
  const tables = COVERAGE_DIMENSIONS.map((dimension): CoverageTable => {
    const rows = input.counts.filter((c) => c.dimension === dimension);
    const extra = [
      ...new Set(rows.map((r) => r.value).filter((v): v is string => v !== null && !KNOWN_VALUES[dimension].includes(v))),
    ].sort();
    const values = [...KNOWN_VALUES[dimension], ...extra];
    return {
      dimension,
      values,
      rows: totals.map((t) => {
        const mine = rows.filter((r) => r.area === t.area);
        const cells: Record<string, Count> = {};
        for (const v of values) {
          const r = mine.find((m) => m.value === v);
          cells[v] = r ? { services: r.services, organisations: r.organisations } : { ...ZERO };
        }
        const ns = mine.find((m) => m.value === null);
        return {
          area: t.area,
          services: t.services,
          organisations: t.organisations,
          cells,
          notStated: ns ? { services: ns.services, organisations: ns.organisations } : { ...ZERO },
        };
      }),
    };
  });
  const gaps: CoverageGap[] = [];
  for (const table of tables.filter((t) => GAP_DIMENSIONS.includes(t.dimension))) {
    for (const row of table.rows) {
      // "No fixed place" is not an area people live in; and an area with nothing listed has no gaps to speak of.
      if (row.area === '' || row.services === 0 || !totalOf.has(row.area)) continue;
      for (const value of table.values.filter((v) => !EXCLUDED_FROM_GAPS.has(v))) {
        const c = row.cells[value]!;
        const base = {
          area: row.area,
          dimension: table.dimension,
          value,
          ...c,
          totalServices: row.services,
          totalOrganisations: row.organisations,
        };
        if (c.services === 0) gaps.push({ kind: 'none', ...base });
        else if (row.organisations >= MIN_ORGS_FOR_FEW && c.organisations < row.organisations * FEW_SHARE)
          gaps.push({ kind: 'few', ...base });
      }
    }
  }
  return { area, areas: totals.map((t) => t.area), tables, gaps };
}
