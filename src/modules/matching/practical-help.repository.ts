/**
 * Candidates for practical help (practical-needs.ts): services
 * of the kinds of support the person's urgent needs call for (advice, skills)
 * that pass every hard rule SQL can check (on matching's own rows,
 * match.repository.ts), nearest first when the person has a starting point
 * (by their nearest public place; those with none, phone and online ones,
 * after), bounded. The pure rules run again on them.
 */
import { sql, type SqlBool } from 'kysely';
import type { Executor } from '../../platform/db/executor.ts';
import type { MatchRequest, SupportKind } from './match-request.ts';
import { sqlRules } from './match.repository.ts';

/** Services read for practical help at most. */
export const PRACTICAL_CANDIDATES = 200;

export async function practicalCandidateIds(
  db: Executor,
  r: MatchRequest,
  today: string,
  kinds: readonly SupportKind[],
): Promise<string[]> {
  if (!kinds.length) return [];
  const rules = Object.values(sqlRules(r, today));
  const where = sql.join(
    [sql<SqlBool>`m.described`, ...rules, sql<SqlBool>`m.support_kinds && array[${sql.join([...kinds])}]::text[]`],
    sql` and `,
  );
  const nearest = r.origin
    ? sql`(select min(earth_distance(ll_to_earth(${r.origin.latitude}::float8, ${r.origin.longitude}::float8), p.point))
        from belong_match_place p where p.service_id = m.service_id)`
    : sql`null::float8`;
  const rows = await sql<{ id: string }>`
    select m.service_id as id from belong_match_service m
    where ${where}
    order by ${nearest} asc nulls last, m.service_id
    limit ${PRACTICAL_CANDIDATES}`.execute(db);
  return rows.rows.map((x) => x.id);
}
