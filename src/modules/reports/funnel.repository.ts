/**
 * The referral funnel, counted in SQL over referral attempts sent in a
 * period (drafts and entries made in error left out), by the person's
 * language, ethnicity, age band, gender and area (outward code) and the
 * referral's route. Each attempt's stages come from its event history:
 *
 *   referred      sent to the service
 *   contacted     the service took it up: accepted, waiting list, contact attempted, first visit booked, attending or completed
 *   first_visit   a first visit was booked or the person started attending
 *   attending     the person came (attending, or completed)
 *   still_going   still attending (or completed) twelve weeks after they started, as of the end of the period
 *   not_taken_up, declined, expired: where it ended (its state now)
 *
 * Aggregates only: no person's id, name or words leave this file.
 */
import { sql } from 'kysely';
import type { Executor } from '../../platform/db/executor.ts';
import { SIMULATED_NEED } from './categories.ts';

export const FUNNEL_STAGES = [
  'referred',
  'contacted',
  'first_visit',
  'attending',
  'still_going',
  'not_taken_up',
  'declined',
  'expired',
] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];
export const FUNNEL_DIMENSIONS = ['language', 'ethnicity', 'route', 'area', 'age_band', 'gender'] as const;
export type FunnelDimension = (typeof FUNNEL_DIMENSIONS)[number];
/** How long after starting someone counts as still going at the review. */
export const REVIEW_DAYS = 84;

export interface FunnelCountRow extends Record<FunnelStage, number> {
  /** The person's area (outward code) the counts are for; null for all areas. */
  inArea: string | null;
  dimension: FunnelDimension;
  /** null: not stated. */
  value: string | null;
  /** Distinct people referred. */
  people: number;
}

export async function countFunnel(db: Executor, period: { from: Date; to: Date }): Promise<FunnelCountRow[]> {
  const rows = await sql<Record<string, string | null> & { all_areas: number }>`
    WITH att AS (
      SELECT a.id, a.state, r.person_id, r.route, p.preferred_language AS language, p.ethnicity, p.age_band, p.gender,
             upper(nullif(trim(p.outcode), '')) AS area,
             (SELECT min(e.at) FROM referral_event e WHERE e.attempt_id = a.id AND e.to_state = 'attending') AS started,
             EXISTS (SELECT 1 FROM referral_event e WHERE e.attempt_id = a.id
                     AND e.to_state IN ('accepted', 'waiting_list', 'contact_attempted', 'first_visit_booked', 'attending', 'completed')) AS contacted,
             EXISTS (SELECT 1 FROM referral_event e WHERE e.attempt_id = a.id AND e.to_state IN ('first_visit_booked', 'attending', 'completed')) AS first_visit
      FROM referral_attempt a
      JOIN referral r ON r.id = a.referral_id
      JOIN person p ON p.id = r.person_id
      WHERE a.sent_at >= ${period.from} AND a.sent_at < ${period.to} AND a.state NOT IN ('draft', 'entered_in_error')
    ),
    staged AS (
      SELECT att.*,
        started IS NOT NULL AS attending,
        started IS NOT NULL AND started <= ${period.to}::timestamptz - make_interval(days => ${REVIEW_DAYS})
          AND NOT EXISTS (SELECT 1 FROM referral_event e WHERE e.attempt_id = att.id
                          AND e.to_state IN ('not_taken_up', 'withdrawn', 'moved_area', 'redirected')
                          AND e.at < started + make_interval(days => ${REVIEW_DAYS})) AS still_going
      FROM att
    )
    SELECT s.area AS in_area, d.dimension, d.value, grouping(s.area) AS all_areas,
      count(*) AS referred, count(DISTINCT s.person_id) AS people,
      count(*) FILTER (WHERE contacted) AS contacted,
      count(*) FILTER (WHERE first_visit) AS first_visit,
      count(*) FILTER (WHERE attending) AS attending,
      count(*) FILTER (WHERE still_going) AS still_going,
      count(*) FILTER (WHERE state = 'not_taken_up') AS not_taken_up,
      count(*) FILTER (WHERE state = 'declined') AS declined,
      count(*) FILTER (WHERE state = 'expired') AS expired
    FROM staged s
    CROSS JOIN LATERAL (VALUES ('language', s.language), ('ethnicity', s.ethnicity), ('route', s.route), ('area', s.area),
                               ('age_band', s.age_band), ('gender', s.gender)) AS d(dimension, value)
    GROUP BY GROUPING SETS ((d.dimension, d.value), (s.area, d.dimension, d.value))
    ORDER BY 1 NULLS FIRST, 2, 3`.execute(db);
  return rows.rows.map((r) => ({
    inArea: Number(r.all_areas) ? null : (r['in_area'] ?? ''),
    dimension: r['dimension'] as FunnelDimension,
    value: r['value'] ?? null,
    people: Number(r['people']),
    referred: Number(r['referred']),
    contacted: Number(r['contacted']),
    first_visit: Number(r['first_visit']),
    attending: Number(r['attending']),
    still_going: Number(r['still_going']),
    not_taken_up: Number(r['not_taken_up']),
    declined: Number(r['declined']),
    expired: Number(r['expired']),
  }));
}

export interface PopulationRow {
  area: string;
  dimension: string;
  value: string;
  population: number;
}

export async function loadPopulation(db: Executor): Promise<{ rows: PopulationRow[]; source: string | null; uploadedAt: Date | null }> {
  const rows = await db
    .selectFrom('report_population')
    .select(['area', 'dimension', 'value', 'population', 'source', 'uploaded_at'])
    .orderBy('area')
    .execute();
  return {
    rows: rows.map((r) => ({ area: r.area, dimension: r.dimension, value: r.value, population: r.population })),
    // Areas may come from different uploads: every source is named.
    source: rows.length ? [...new Set(rows.map((r) => r.source))].join('; ') : null,
    uploadedAt: rows[0]?.uploaded_at ?? null,
  };
}

/** Whether the demo's simulated activity is in the database (its referrals carry a made-up need): reports then say so. */
export async function hasSimulatedActivity(db: Executor): Promise<boolean> {
  const row = await db.selectFrom('referral').select('id').where('need', '=', SIMULATED_NEED).limit(1).executeTakeFirst();
  return row !== undefined;
}
