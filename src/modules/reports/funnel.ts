/**
 * The funnel report from its counts: per dimension, each value's stages with
 * small numbers suppressed (a count of 1–4 hidden, and a second value in the
 * same stage, and the same value's other stages, so nothing can be worked
 * out by subtraction), and reach ratios against an area's population: the
 * share of the people referred from an area who are in a group, over that
 * group's share of the area's population (1 is "in proportion").
 */
import { ETHNICITIES, PERSON_AGE_BANDS, PERSON_GENDERS, REFERRAL_ROUTES } from './categories.ts';
import {
  FUNNEL_DIMENSIONS,
  FUNNEL_STAGES,
  type FunnelCountRow,
  type FunnelDimension,
  type FunnelStage,
  type PopulationRow,
} from './funnel.repository.ts';
import { suppressList, suppressTable, type Shown } from './suppression.ts';

const KNOWN: Record<FunnelDimension, readonly string[]> = {
  language: [],
  ethnicity: ETHNICITIES,
  route: REFERRAL_ROUTES,
  area: [],
  age_band: PERSON_AGE_BANDS,
  gender: PERSON_GENDERS,
};

export interface FunnelValueRow {
  /** null: not stated. */
  value: string | null;
  counts: Record<FunnelStage, Shown>;
}

export interface FunnelTable {
  dimension: FunnelDimension;
  rows: FunnelValueRow[];
  total: Record<FunnelStage, Shown>;
}

export interface ReachRow {
  area: string;
  dimension: string;
  value: string;
  /** People referred from the area in this group (suppressed below 5). */
  people: Shown;
  /** Their share of the people referred from the area whose answer is known (null when hidden). */
  share: number | null;
  populationShare: number;
  /** share / populationShare, null when hidden or when the group has no population. */
  ratio: number | null;
}

export interface FunnelReport {
  area: string | null;
  tables: FunnelTable[];
  reach: ReachRow[];
}

const stageRecord = (f: (s: FunnelStage) => Shown) => Object.fromEntries(FUNNEL_STAGES.map((s) => [s, f(s)])) as Record<FunnelStage, Shown>;

export function buildFunnel(counts: FunnelCountRow[], population: PopulationRow[], area: string | null = null): FunnelReport {
  const mine = counts.filter((c) => c.inArea === area);
  const tables = FUNNEL_DIMENSIONS.map((dimension): FunnelTable => {
    const rows = mine.filter((c) => c.dimension === dimension);
    const found = rows.map((r) => r.value).filter((v): v is string => v !== null && !KNOWN[dimension].includes(v));
    const values: (string | null)[] = [...KNOWN[dimension], ...[...new Set(found)].sort(), null];
    const of = (v: string | null) => rows.find((r) => r.value === v);
    // Stages × values: each stage's values add up to its total; each value's stages are checked against each other too.
    const s = suppressTable(FUNNEL_STAGES.map((stage) => values.map((v) => of(v)?.[stage] ?? 0)));
    return {
      dimension,
      rows: values
        .map((value, c) => ({ value, counts: stageRecord((stage) => s.cells[FUNNEL_STAGES.indexOf(stage)]![c]!) }))
        // A value nobody has in a list with no fixed values (languages, areas) is left out; the fixed ones always show.
        .filter((r, c) => KNOWN[dimension].includes(r.value ?? '') || values[c] === null || (of(r.value)?.referred ?? 0) > 0),
      total: stageRecord((stage) => s.rowTotals[FUNNEL_STAGES.indexOf(stage)]!),
    };
  });

  const reach: ReachRow[] = [];
  const areas = [...new Set(population.map((p) => p.area))].filter((a) => area === null || a.toUpperCase() === area.toUpperCase()).sort();
  for (const a of areas) {
    for (const dimension of [...new Set(population.filter((p) => p.area === a).map((p) => p.dimension))].sort()) {
      const pop = population.filter((p) => p.area === a && p.dimension === dimension);
      const popTotal = pop.reduce((x, p) => x + p.population, 0);
      const people = counts.filter(
        (c) =>
          c.inArea?.toUpperCase() === a.toUpperCase() && c.dimension === dimension && c.value !== null && c.value !== 'prefer_not_to_say',
      );
      const values = pop.map((p) => p.value);
      const shown = suppressList(values.map((v) => people.find((c) => c.value === v)?.people ?? 0));
      const known = people.reduce((x, c) => x + c.people, 0);
      pop.forEach((p, i) => {
        const n = shown.counts[i] ?? null;
        const populationShare = popTotal ? p.population / popTotal : 0;
        const share = n === null || known < 5 ? null : n / known;
        reach.push({
          area: a,
          dimension,
          value: p.value,
          people: known < 5 ? null : n,
          share,
          populationShare,
          ratio: share === null || populationShare === 0 ? null : share / populationShare,
        });
      });
    }
  }
  return { area, tables, reach };
}
