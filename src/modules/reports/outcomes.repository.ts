/**
 * Outcomes counted in SQL: change in connection and wellbeing measures
 * (each person's first answered baseline against their latest answered
 * follow-up on or after it, score by score) for the people who started
 * going to a service, and anonymous feedback ratings, each by service, kind
 * of activity and area. Aggregates only.
 */
import { sql } from 'kysely';
import type { Executor } from '../../platform/db/executor.ts';

export const OUTCOME_GROUPINGS = ['service', 'kind', 'area'] as const;
export type OutcomeGrouping = (typeof OUTCOME_GROUPINGS)[number];

export interface MeasureChangeRow {
  grouping: OutcomeGrouping;
  /** Service id, kind of support, or postcode district (null: not stated). */
  key: string | null;
  /** The service's name when grouping by service. */
  label: string | null;
  measureId: string;
  scoreId: string;
  people: number;
  baseline: number;
  followUp: number;
  change: number;
}

export interface FeedbackRow {
  grouping: OutcomeGrouping;
  key: string | null;
  label: string | null;
  ratings: number;
  average: number;
}

/** Where each service is (its postcode districts) and its kinds of support. */
const SERVICE_FACETS = sql`
  svc_area AS (
    SELECT DISTINCT sal.service_id, upper(left(replace(a.postal_code, ' ', ''), greatest(length(replace(a.postal_code, ' ', '')) - 3, 0))) AS area
    FROM service_at_location sal JOIN address a ON a.location_id = sal.location_id AND a.address_type = 'physical'
  ),
  svc_kind AS (SELECT service_id, unnest(support_kinds) AS kind FROM belong_service WHERE cardinality(support_kinds) > 0)`;

export async function measureChange(db: Executor, period: { from: Date; to: Date }): Promise<MeasureChangeRow[]> {
  const rows = await sql<Record<string, string | null>>`
    WITH base AS (
      SELECT DISTINCT ON (person_id, measure_id) person_id, measure_id, occasion_date, scores
      FROM measure_administration WHERE occasion = 'baseline' AND NOT declined
      ORDER BY person_id, measure_id, occasion_date, recorded_at
    ),
    follow AS (
      SELECT DISTINCT ON (m.person_id, m.measure_id) m.person_id, m.measure_id, m.scores
      FROM measure_administration m JOIN base b ON b.person_id = m.person_id AND b.measure_id = m.measure_id
      WHERE m.occasion = 'follow_up' AND NOT m.declined AND m.occasion_date >= b.occasion_date
        AND m.occasion_date >= ${period.from}::date AND m.occasion_date < ${period.to}::date
      ORDER BY m.person_id, m.measure_id, m.occasion_date DESC, m.recorded_at DESC
    ),
    pairs AS (
      SELECT b.person_id, b.measure_id, bs ->> 'id' AS score_id, (bs ->> 'value')::numeric AS baseline, (fs ->> 'value')::numeric AS follow_up
      FROM base b JOIN follow f ON f.person_id = b.person_id AND f.measure_id = b.measure_id
      CROSS JOIN LATERAL jsonb_array_elements(b.scores::jsonb) bs
      CROSS JOIN LATERAL jsonb_array_elements(f.scores::jsonb) fs
      WHERE bs ->> 'id' = fs ->> 'id' AND jsonb_typeof(bs -> 'value') = 'number' AND jsonb_typeof(fs -> 'value') = 'number'
    ),
    went AS (
      SELECT DISTINCT r.person_id, a.service_id, a.service_name
      FROM referral_attempt a JOIN referral r ON r.id = a.referral_id
      WHERE EXISTS (SELECT 1 FROM referral_event e WHERE e.attempt_id = a.id AND e.to_state = 'attending')
    ),
    ${SERVICE_FACETS},
    tagged AS (
      SELECT 'service' AS grouping, w.service_id::text AS key, w.service_name AS label, p.* FROM pairs p JOIN went w ON w.person_id = p.person_id
      UNION
      SELECT 'kind', k.kind, NULL, p.* FROM pairs p JOIN went w ON w.person_id = p.person_id JOIN svc_kind k ON k.service_id = w.service_id
      UNION
      SELECT 'area', upper(nullif(trim(pe.outcode), '')), NULL, p.* FROM pairs p JOIN person pe ON pe.id = p.person_id
    )
    SELECT grouping, key, max(label) AS label, measure_id, score_id, count(DISTINCT person_id) AS people,
           avg(baseline) AS baseline, avg(follow_up) AS follow_up, avg(follow_up - baseline) AS change
    FROM tagged GROUP BY grouping, key, measure_id, score_id ORDER BY 1, 2, 4, 5`.execute(db);
  return rows.rows.map((r) => ({
    grouping: r['grouping'] as OutcomeGrouping,
    key: r['key'] ?? null,
    label: r['label'] ?? null,
    measureId: r['measure_id']!,
    scoreId: r['score_id']!,
    people: Number(r['people']),
    baseline: Number(r['baseline']),
    followUp: Number(r['follow_up']),
    change: Number(r['change']),
  }));
}

export async function feedbackRatings(db: Executor, period: { from: Date; to: Date }): Promise<FeedbackRow[]> {
  const rows = await sql<Record<string, string | null>>`
    WITH fb AS (
      SELECT service_id, service_name, rating FROM service_feedback
      WHERE rating IS NOT NULL AND given_on >= ${period.from}::date AND given_on < ${period.to}::date
    ),
    ${SERVICE_FACETS}
    SELECT 'service' AS grouping, service_id::text AS key, max(service_name) AS label, count(*) AS ratings, avg(rating) AS average FROM fb GROUP BY service_id
    UNION ALL
    SELECT 'kind', k.kind, NULL, count(*), avg(rating) FROM fb JOIN svc_kind k ON k.service_id = fb.service_id GROUP BY k.kind
    UNION ALL
    SELECT 'area', sa.area, NULL, count(*), avg(rating) FROM fb LEFT JOIN svc_area sa ON sa.service_id = fb.service_id GROUP BY sa.area
    ORDER BY 1, 2`.execute(db);
  return rows.rows.map((r) => ({
    grouping: r['grouping'] as OutcomeGrouping,
    key: r['key'] ?? null,
    label: r['label'] ?? null,
    ratings: Number(r['ratings']),
    average: Number(r['average']),
  }));
}
