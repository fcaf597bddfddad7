/**
 * Coverage of the directory (supply), counted in SQL: for every active
 * service, the facts a commissioner asks about (who it is for, ages,
 * languages, gender, community, cost, mode, evenings and weekends, help to
 * get there, safeguarding vetting, capacity), each as (dimension, value),
 * with value NULL when the listing does not state it. Counted by postcode
 * district of the service's places, and over all areas, as distinct services
 * and distinct organisations.
 *
 * Reads the directory's tables directly (read-only): reports are aggregates
 * over the whole directory, and no directory query gives them.
 */
import { sql } from 'kysely';
import type { Executor } from '../../platform/db/executor.ts';

export interface CoverageCountRow {
  /** Postcode district ("BD8"); '' for services without a place (phone, online, home visits); null for all areas. */
  area: string | null;
  dimension: string;
  /** null: not stated. */
  value: string | null;
  services: number;
  organisations: number;
}

export interface CoverageTotalRow {
  area: string | null;
  services: number;
  organisations: number;
}

export interface CoverageFilter {
  /** A postcode district, a named area, or a town or local authority (matched without case). */
  area?: string | null;
}

/**
 * The postcode district of each active service (one row per district it is
 * in; '' when it has no physical address), limited to the chosen area.
 */
function serviceAreas(filter: CoverageFilter) {
  const chosen = filter.area?.trim() ? filter.area.trim().toUpperCase() : null;
  return sql`
    located AS (
      SELECT DISTINCT sal.service_id,
        upper(left(replace(a.postal_code, ' ', ''), greatest(length(replace(a.postal_code, ' ', '')) - 3, 0))) AS area,
        upper(coalesce(bl.area_name, '')) AS area_name, upper(coalesce(a.city, '')) AS city, upper(coalesce(a.region, '')) AS region
      FROM service_at_location sal
      JOIN address a ON a.location_id = sal.location_id AND a.address_type = 'physical'
      LEFT JOIN belong_location bl ON bl.location_id = sal.location_id
    ),
    svc AS (
      SELECT s.id, s.organization_id, s.minimum_age, s.maximum_age, b.gender, b.communities, b.cost_band, b.modes,
             b.audiences, b.eligibility, b.transport_offered, b.accompany_first_visit, b.safeguarding_checked_leads, b.capacity_status
      FROM service s LEFT JOIN belong_service b ON b.service_id = s.id
      WHERE s.status = 'active'
    ),
    svc_area AS (
      SELECT l.service_id AS id, l.area FROM located l
      WHERE ${chosen}::text IS NULL OR ${chosen}::text IN (l.area, l.area_name, l.city, l.region)
      UNION
      SELECT s.id, '' FROM svc s
      WHERE ${chosen}::text IS NULL AND NOT EXISTS (SELECT 1 FROM located l WHERE l.service_id = s.id)
    )`;
}

/** Every (service, dimension, value) fact; value NULL when not stated. */
const FACTS = sql`
    schedules AS (
      SELECT coalesce(sc.service_id, sal.service_id) AS id, sc.byday, sc.opens_at, sc.closes_at
      FROM schedule sc LEFT JOIN service_at_location sal ON sal.id = sc.service_at_location_id
      WHERE coalesce(sc.service_id, sal.service_id) IS NOT NULL AND (sc.byday IS NOT NULL OR sc.opens_at IS NOT NULL)
    ),
    ages AS (
      SELECT s.id, band.code,
        (s.minimum_age IS NOT NULL OR s.maximum_age IS NOT NULL) AS stated,
        coalesce(s.minimum_age, 0) <= band.hi AND coalesce(s.maximum_age, 200) >= band.lo AS fits,
        band.audience = ANY (coalesce(s.audiences, '{}')) AS by_audience
      FROM svc s CROSS JOIN (VALUES ('under_16', 0, 15, 'children'), ('16_17', 16, 17, 'young_people'), ('18_24', 18, 24, 'young_people'),
                                    ('25_49', 25, 49, NULL), ('50_64', 50, 64, 'older_people'), ('65_plus', 65, 200, 'older_people'))
                         AS band(code, lo, hi, audience)
    ),
    facts AS (
      SELECT id, 'audience' AS dimension, unnest(audiences) AS value FROM svc WHERE cardinality(audiences) > 0
      UNION ALL SELECT id, 'audience', 'open_to_all' FROM svc WHERE coalesce(cardinality(audiences), 0) = 0 AND eligibility = 'open_to_all'
      UNION ALL SELECT id, 'audience', NULL FROM svc WHERE coalesce(cardinality(audiences), 0) = 0 AND eligibility IS DISTINCT FROM 'open_to_all'
      UNION ALL SELECT id, 'eligibility', eligibility FROM svc
      UNION ALL SELECT id, 'age', code FROM ages WHERE (stated AND fits) OR (NOT stated AND by_audience)
      UNION ALL SELECT s.id, 'age', NULL FROM svc s
        WHERE NOT EXISTS (SELECT 1 FROM ages a WHERE a.id = s.id AND (a.stated OR a.by_audience))
      UNION ALL SELECT DISTINCT service_id, 'language', lower(split_part(split_part(code, '-', 1), '_', 1))
        FROM language WHERE service_id IS NOT NULL AND code IS NOT NULL AND code <> ''
      UNION ALL SELECT s.id, 'language', NULL FROM svc s
        WHERE NOT EXISTS (SELECT 1 FROM language l WHERE l.service_id = s.id AND l.code IS NOT NULL AND l.code <> '')
      UNION ALL SELECT id, 'gender', gender FROM svc
      UNION ALL SELECT id, 'community', unnest(communities) FROM svc WHERE cardinality(communities) > 0
      UNION ALL SELECT id, 'community', NULL FROM svc WHERE coalesce(cardinality(communities), 0) = 0
      UNION ALL SELECT id, 'cost', cost_band FROM svc
      UNION ALL SELECT id, 'mode', unnest(modes) FROM svc WHERE cardinality(modes) > 0
      UNION ALL SELECT id, 'mode', NULL FROM svc WHERE coalesce(cardinality(modes), 0) = 0
      UNION ALL SELECT DISTINCT id, 'times', 'evenings' FROM schedules WHERE opens_at >= '17:00' OR closes_at > '18:00'
      UNION ALL SELECT DISTINCT id, 'times', 'weekends' FROM schedules WHERE byday ~ '(SA|SU)'
      UNION ALL SELECT DISTINCT id, 'times', 'weekday_daytime' FROM schedules
        WHERE byday ~ '(MO|TU|WE|TH|FR)' AND (opens_at IS NULL OR opens_at < '17:00')
      UNION ALL SELECT s.id, 'times', NULL FROM svc s WHERE NOT EXISTS (SELECT 1 FROM schedules x WHERE x.id = s.id)
      UNION ALL SELECT id, 'transport', CASE transport_offered WHEN true THEN 'yes' WHEN false THEN 'no' END FROM svc
      UNION ALL SELECT id, 'accompany', CASE accompany_first_visit WHEN true THEN 'yes' WHEN false THEN 'no' END FROM svc
      UNION ALL SELECT id, 'vetted', CASE safeguarding_checked_leads WHEN true THEN 'yes' WHEN false THEN 'no' END FROM svc
      UNION ALL SELECT id, 'capacity', capacity_status FROM svc
    )`;

/** Counts by (area, dimension, value), per district and over all areas (area null). */
export async function countCoverage(
  db: Executor,
  filter: CoverageFilter = {},
): Promise<{ counts: CoverageCountRow[]; totals: CoverageTotalRow[] }> {
  const counts = await sql<{
    area: string | null;
    dimension: string;
    value: string | null;
    services: string;
    organisations: string;
    all_areas: number;
  }>`
    WITH ${serviceAreas(filter)}, ${FACTS}
    SELECT sa.area, f.dimension, f.value, count(DISTINCT f.id) AS services, count(DISTINCT svc.organization_id) AS organisations,
           grouping(sa.area) AS all_areas
    FROM facts f JOIN svc_area sa ON sa.id = f.id JOIN svc ON svc.id = f.id
    GROUP BY GROUPING SETS ((sa.area, f.dimension, f.value), (f.dimension, f.value))
    ORDER BY 2, 3, 1`.execute(db);
  const totals = await sql<{ area: string | null; services: string; organisations: string; all_areas: number }>`
    WITH ${serviceAreas(filter)}
    SELECT sa.area, count(DISTINCT sa.id) AS services, count(DISTINCT svc.organization_id) AS organisations, grouping(sa.area) AS all_areas
    FROM svc_area sa JOIN svc ON svc.id = sa.id
    GROUP BY GROUPING SETS ((sa.area), ())
    ORDER BY 1`.execute(db);
  return {
    counts: counts.rows.map((r) => ({
      area: Number(r.all_areas) ? null : (r.area ?? ''),
      dimension: r.dimension,
      value: r.value,
      services: Number(r.services),
      organisations: Number(r.organisations),
    })),
    totals: totals.rows.map((r) => ({
      area: Number(r.all_areas) ? null : (r.area ?? ''),
      services: Number(r.services),
      organisations: Number(r.organisations),
    })),
  };
}
