/**
 * Test support: whether the search points kept by triggers (migration 0280,
 * `belong_search_point`) are what the tables say now. `searchPointDrift`
 * lists the rows kept but not due and due but not kept (empty when right),
 * comparing with `belong_search_points_of` for every service, worked out
 * afresh (with the filter codes of migration 0360).
 */
import { sql } from 'kysely';
import type { Executor } from '../../src/platform/db/executor.ts';

export interface SearchPointDrift {
  kept: string[];
  due: string[];
}

type Row = { service_id: string; location_id: string; name: string; tsv: string; point: string; alone: boolean; facets: number[] };
const row = (r: Row) => `${r.service_id} ${r.location_id} ${r.name} ${r.point} ${r.alone} {${r.facets.join(',')}} ${r.tsv}`;

export async function searchPointDrift(db: Executor): Promise<SearchPointDrift> {
  const kept = await sql<Row>`
    select service_id, location_id, name, search_tsv::text as tsv, point::text as point, alone, facets from belong_search_point`.execute(
    db,
  );
  const due = await sql<Row>`
    select p.service_id, p.location_id, p.name, p.search_tsv::text as tsv, p.point::text as point, p.alone, p.facets
    from service s cross join lateral belong_search_points_of(s.id) p`.execute(db);
  const keptRows = new Set(kept.rows.map(row));
  const dueRows = new Set(due.rows.map(row));
  return {
    kept: [...keptRows].filter((r) => !dueRows.has(r)).sort(),
    due: [...dueRows].filter((r) => !keptRows.has(r)).sort(),
  };
}

/** How many search points are kept (to check a test changes something). */
export async function searchPointCount(db: Executor): Promise<number> {
  const r = await sql<{ n: number }>`select count(*)::int as n from belong_search_point`.execute(db);
  return r.rows[0]!.n;
}
