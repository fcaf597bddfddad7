/** The population baseline (report_population): per-area summaries and replacing an area's rows. */
import type { Executor } from '../../platform/db/executor.ts';
import type { PopulationRow } from './funnel.repository.ts';

export interface PopulationArea {
  area: string;
  rows: number;
  dimensions: string[];
  source: string;
  uploadedAt: Date;
}

/** Each area's baseline: how many rows, for which dimensions, from which source, when. */
export async function populationAreas(db: Executor): Promise<PopulationArea[]> {
  const rows = await db
    .selectFrom('report_population')
    .select(['area', 'dimension', 'source', 'uploaded_at'])
    .orderBy('area')
    .orderBy('dimension')
    .execute();
  const out = new Map<string, PopulationArea>();
  for (const r of rows) {
    const a = out.get(r.area) ?? { area: r.area, rows: 0, dimensions: [], source: r.source, uploadedAt: r.uploaded_at };
    a.rows++;
    if (!a.dimensions.includes(r.dimension)) a.dimensions.push(r.dimension);
    if (r.uploaded_at > a.uploadedAt) a.uploadedAt = r.uploaded_at;
    out.set(r.area, a);
  }
  return [...out.values()];
}

/** Every row, for the download. */
export async function populationRows(db: Executor): Promise<PopulationRow[]> {
  return db
    .selectFrom('report_population')
    .select(['area', 'dimension', 'value', 'population'])
    .orderBy('area')
    .orderBy('dimension')
    .orderBy('value')
    .execute();
}

/** Replaces the baseline of each area in `rows` (other areas stay as they are), in the caller's transaction. */
export async function replaceAreaPopulation(
  db: Executor,
  areas: readonly string[],
  rows: readonly PopulationRow[],
  meta: { source: string; uploadedBy: string | null; at: Date },
): Promise<void> {
  if (areas.length)
    await db
      .deleteFrom('report_population')
      .where('area', 'in', [...areas])
      .execute();
  await insertPopulation(db, rows, meta);
}

/** Adds baseline rows, 500 to a statement (the caller has cleared what they replace). */
export async function insertPopulation(
  db: Executor,
  rows: readonly PopulationRow[],
  meta: { source: string; uploadedBy: string | null; at: Date },
): Promise<void> {
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('report_population')
      .values(
        rows.slice(i, i + 500).map((r) => ({
          area: r.area,
          dimension: r.dimension as 'ethnicity',
          value: r.value,
          population: r.population,
          source: meta.source,
          uploaded_by: meta.uploadedBy,
          uploaded_at: meta.at,
        })),
      )
      .execute();
}

/** Replace the whole baseline in one transaction (the caller's). */
export async function replacePopulation(
  db: Executor,
  rows: PopulationRow[],
  meta: { source: string; uploadedBy: string | null; at: Date },
): Promise<void> {
  await db.deleteFrom('report_population').execute();
  await insertPopulation(db, rows, meta);
}
