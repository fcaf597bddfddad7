-- Matching reads one row per service and one row per public place
-- (src/modules/matching/match.repository.ts), kept up to date from the
-- directory's own tables by triggers, so that at city scale a person's
-- candidates are found by one nearest-first walk over one table and read in
-- one lookup, instead of joining seven tables and probing languages, service
-- areas and confidential places once per place walked past.
--
-- belong_match_service: what the rules test of a service, with derived keys
-- that SQL can test without a subquery (language keys, folded communities,
-- service-area outward codes), and the rest matching needs as one JSON text.
-- `described`: the service has Belong's own fields (a belong_service row);
-- matching only suggests those.
-- belong_match_remote: the same rows, without the JSON, of the services that
-- can be joined by phone or online.
-- belong_match_place: each public place of a service with coordinates (a
-- confidential place, such as a refuge, is never here), with its point for
-- the nearest-first walk and the service's rule columns.
--
-- All are derived data: any write to a source table (the importer, the
-- provider forms, an administrator's SQL) rebuilds the rows of the services
-- it touched when its transaction commits (statement-level triggers note the
-- services, a deferred trigger rebuilds them).
-- The bulk loader alone may defer this for one transaction
-- (belong.match_rows_deferred = 'on') and rebuilds everything once at the end.

-- The same reading of a service area's extent as match-eligibility.ts readServiceArea.
CREATE FUNCTION belong_outcode_area(extent_type text, extent text) RETURNS boolean
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(lower(trim(extent_type)), '') <> 'geojson'
    AND extent ~* '^\s*[A-Z]{1,2}(\d[A-Z\d]?)?(\s*[,;\s]\s*[A-Z]{1,2}(\d[A-Z\d]?)?)*\s*$'
$$;

CREATE FUNCTION belong_geojson_area(extent_type text, extent text) RETURNS boolean
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(lower(trim(extent_type)) = 'geojson' OR ltrim(extent) LIKE '{%', false)
$$;

-- The columns the rules test (some derived: language keys, folded
-- communities, service-area outward codes), for the services that can be
-- joined by phone or online: found for anyone who can take part that way,
-- wherever they live, by reading this small table whole instead of thousands
-- of rows scattered across belong_match_service.
CREATE TABLE belong_match_remote (
  service_id uuid PRIMARY KEY,
  described boolean NOT NULL,
  status text NOT NULL,
  minimum_age integer,
  maximum_age integer,
  organization_id uuid NOT NULL,
  gender text,
  -- belong_fold(trim(community)), for the eligibility and avoid rules.
  community_keys text[] NOT NULL,
  faith text,
  entry text,
  cost_band text,
  childcare boolean,
  transport_offered boolean,
  accompany_first_visit boolean,
  interpreter_available boolean,
  modes text[] NOT NULL,
  support_kinds text[] NOT NULL,
  capacity_status text,
  accepting_referrals boolean,
  safeguarding_policy boolean,
  safeguarding_checked_leads boolean,
  trauma_informed_training boolean,
  safeguarding_review_date date,
  audiences text[] NOT NULL,
  eligibility text,
  accessibility jsonb NOT NULL,
  requirements jsonb NOT NULL,
  -- Languages: any row at all (even one without a code), and the main parts of their codes in lower case ("ar" of "ar-SY").
  has_languages boolean NOT NULL,
  language_keys text[] NOT NULL,
  -- Service areas: one readable as outward codes, one in GeoJSON, and every code of the outward-code ones (upper case).
  has_outcode_area boolean NOT NULL,
  has_geojson_area boolean NOT NULL,
  area_outcodes text[] NOT NULL
);

-- Every service: the same columns, and `card`, everything match-candidate.ts
-- needs of it as one JSON text (names, codes as given, service areas,
-- schedules, public points), read in one lookup and parsed at once.
CREATE TABLE belong_match_service (LIKE belong_match_remote INCLUDING ALL, card text NOT NULL);
CREATE INDEX belong_match_service_modes ON belong_match_service USING gin (modes) WITH (fastupdate = off);
CREATE INDEX belong_match_service_support_kinds ON belong_match_service USING gin (support_kinds) WITH (fastupdate = off);

-- Every public place of a service with coordinates, with its point and the
-- service's rule columns, so the nearest-first walk tests each place as it
-- meets it without looking the service up.
CREATE TABLE belong_match_place (
  LIKE belong_match_remote,
  location_id uuid NOT NULL,
  point earth NOT NULL,
  PRIMARY KEY (service_id, location_id)
);
CREATE INDEX belong_match_place_point ON belong_match_place USING gist (point);
CREATE INDEX belong_match_place_location ON belong_match_place (location_id);

-- Rebuild the rows of these services from the directory (a service that is gone loses its rows).
CREATE FUNCTION belong_match_refresh(ids uuid[]) RETURNS void LANGUAGE sql AS $$
  DELETE FROM belong_match_place WHERE service_id = ANY (ids);
  DELETE FROM belong_match_remote WHERE service_id = ANY (ids);
  DELETE FROM belong_match_service WHERE service_id = ANY (ids);
  INSERT INTO belong_match_service
  SELECT r.service_id, r.described, r.status, r.minimum_age, r.maximum_age, r.organization_id, r.gender, r.community_keys,
    r.faith, r.entry, r.cost_band, r.childcare, r.transport_offered, r.accompany_first_visit, r.interpreter_available,
    r.modes, r.support_kinds, r.capacity_status, r.accepting_referrals, r.safeguarding_policy,
    r.safeguarding_checked_leads, r.trauma_informed_training, r.safeguarding_review_date, r.audiences, r.eligibility,
    r.accessibility, r.requirements, r.has_languages, r.language_keys, r.has_outcode_area, r.has_geojson_area,
    r.area_outcodes,
    (to_jsonb(r) - ARRAY['described', 'community_keys', 'has_languages', 'language_keys', 'has_outcode_area',
      'has_geojson_area', 'area_outcodes'])::text
  FROM (
    SELECT s.id AS service_id, bs.service_id IS NOT NULL AS described, s.name, s.description, s.status,
      s.minimum_age, s.maximum_age, s.organization_id, o.name AS organization_name,
      bs.gender, coalesce(bs.communities, '{}') AS communities,
      coalesce(array(SELECT belong_fold(trim(x)) FROM unnest(bs.communities) x), '{}') AS community_keys,
      bs.faith, bs.entry, bs.cost_band, bs.childcare, bs.transport_offered, bs.accompany_first_visit,
      bs.interpreter_available, coalesce(bs.modes, '{}') AS modes, coalesce(bs.support_kinds, '{}') AS support_kinds,
      bs.capacity_status, bs.accepting_referrals, bs.safeguarding_policy, bs.safeguarding_checked_leads,
      bs.trauma_informed_training, bs.safeguarding_review_date, coalesce(bs.audiences, '{}') AS audiences,
      bs.eligibility, coalesce(bs.accessibility, '{}') AS accessibility, coalesce(bs.requirements, '{}') AS requirements,
      lg.n > 0 AS has_languages, lg.codes AS language_codes, lg.keys AS language_keys,
      sa.outcode AS has_outcode_area, sa.geojson AS has_geojson_area, sa.outcodes AS area_outcodes, sa.areas,
      sc.schedules, pt.points
    FROM service s
    JOIN organization o ON o.id = s.organization_id
    LEFT JOIN belong_service bs ON bs.service_id = s.id
    CROSS JOIN LATERAL (
      SELECT count(*) AS n,
        coalesce(array_agg(l.code ORDER BY l.code, l.id) FILTER (WHERE l.code IS NOT NULL), '{}') AS codes,
        coalesce(array_agg(DISTINCT split_part(lower(l.code), '-', 1)) FILTER (WHERE l.code IS NOT NULL), '{}') AS keys
      FROM language l WHERE l.service_id = s.id) lg
    CROSS JOIN LATERAL (
      SELECT coalesce(bool_or(belong_outcode_area(a.extent_type, a.extent)), false) AS outcode,
        coalesce(bool_or(belong_geojson_area(a.extent_type, a.extent)), false) AS geojson,
        coalesce((SELECT array_agg(DISTINCT code) FROM service_area a2,
            regexp_split_to_table(upper(trim(a2.extent)), '[\s,;]+') code
          WHERE a2.service_id = s.id AND belong_outcode_area(a2.extent_type, a2.extent)), '{}') AS outcodes,
        coalesce(jsonb_agg(jsonb_build_object('name', a.name, 'extent', a.extent, 'extent_type', a.extent_type) ORDER BY a.id), '[]') AS areas
      FROM service_area a WHERE a.service_id = s.id) sa
    CROSS JOIN LATERAL (
      SELECT coalesce(jsonb_agg(jsonb_build_object('id', c.id, 'freq', c.freq, 'interval', c.interval, 'byday', c.byday,
          'bymonthday', c.bymonthday, 'dtstart', c.dtstart, 'until', c.until, 'count', c.count, 'wkst', c.wkst,
          'valid_from', c.valid_from, 'valid_to', c.valid_to, 'opens_at', c.opens_at, 'closes_at', c.closes_at) ORDER BY c.id), '[]') AS schedules
      FROM schedule c WHERE c.service_id = s.id) sc
    CROSS JOIN LATERAL (
      SELECT coalesce(jsonb_agg(jsonb_build_array(l.latitude, l.longitude) ORDER BY l.id), '[]') AS points
      FROM service_at_location sal JOIN location l ON l.id = sal.location_id
      WHERE sal.service_id = s.id AND l.latitude IS NOT NULL AND l.longitude IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM belong_location bl WHERE bl.location_id = l.id AND bl.confidential)) pt
    WHERE s.id = ANY (ids)) r;
  INSERT INTO belong_match_place
  SELECT m.service_id, m.described, m.status, m.minimum_age, m.maximum_age, m.organization_id, m.gender,
    m.community_keys, m.faith, m.entry, m.cost_band, m.childcare, m.transport_offered, m.accompany_first_visit,
    m.interpreter_available, m.modes, m.support_kinds, m.capacity_status, m.accepting_referrals,
    m.safeguarding_policy, m.safeguarding_checked_leads, m.trauma_informed_training, m.safeguarding_review_date,
    m.audiences, m.eligibility, m.accessibility, m.requirements, m.has_languages, m.language_keys,
    m.has_outcode_area, m.has_geojson_area, m.area_outcodes,
    l.id, ll_to_earth(l.latitude, l.longitude)
  FROM belong_match_service m
  JOIN service_at_location sal ON sal.service_id = m.service_id
  JOIN location l ON l.id = sal.location_id
  WHERE m.service_id = ANY (ids) AND l.latitude IS NOT NULL AND l.longitude IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM belong_location bl WHERE bl.location_id = l.id AND bl.confidential);
  INSERT INTO belong_match_remote
  SELECT service_id, described, status, minimum_age, maximum_age, organization_id, gender, community_keys, faith, entry,
    cost_band, childcare, transport_offered, accompany_first_visit, interpreter_available, modes, support_kinds,
    capacity_status, accepting_referrals, safeguarding_policy, safeguarding_checked_leads, trauma_informed_training,
    safeguarding_review_date, audiences, eligibility, accessibility, requirements, has_languages, language_keys,
    has_outcode_area, has_geojson_area, area_outcodes
  FROM belong_match_service WHERE service_id = ANY (ids) AND modes && '{phone,online}'::text[];
$$;

-- Every service's rows, rebuilt (after a TRUNCATE of a source table, and by the bulk loader).
-- In chunks of 10 000 services: one statement over every service of a city
-- planned badly (26 s at 100 000 against 16 s in chunks, and minutes
-- before the tables had statistics).
CREATE FUNCTION belong_match_refresh_all() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  chunk uuid[];
BEGIN
  TRUNCATE belong_match_place, belong_match_remote, belong_match_service;
  FOR chunk IN
    SELECT array_agg(id) FROM (SELECT id, (row_number() OVER (ORDER BY id) - 1) / 10000 AS n FROM service) t GROUP BY n
  LOOP
    PERFORM belong_match_refresh(chunk);
  END LOOP;
END $$;

-- The services a transaction touched, rebuilt once when it commits (a save
-- writes a service's rows in several statements, and an import thousands of
-- services in chunks: rebuilding after each statement cost several times
-- more). Rows are only ever seen by the transaction that added them.
CREATE TABLE belong_match_pending (service_id uuid PRIMARY KEY);

-- Two transactions that touch one service take turns: the second one's note
-- of it waits until the first has committed (or rolled back), so its rebuild
-- starts from the first one's rows.
CREATE FUNCTION belong_match_flush() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids uuid[];
BEGIN
  WITH done AS (DELETE FROM belong_match_pending RETURNING service_id)
  SELECT array_agg(service_id) INTO ids FROM done;
  IF ids IS NOT NULL THEN
    PERFORM belong_match_refresh(ids);
  END IF;
  RETURN NULL;
END $$;

-- Deferred: at commit, the first firing rebuilds every pending service and the others find none.
CREATE CONSTRAINT TRIGGER belong_match_pending_flush AFTER INSERT ON belong_match_pending
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION belong_match_flush();

-- A statement changed a source table: note the services it touched. TG_ARGV[0] is a query
-- giving those service ids from the changed rows, with %1$I for the transition table's name.
CREATE FUNCTION belong_match_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('belong.match_rows_deferred', true) = 'on' THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'TRUNCATE' THEN
    PERFORM belong_match_refresh_all();
    RETURN NULL;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    EXECUTE format('INSERT INTO belong_match_pending SELECT DISTINCT x FROM (' || TG_ARGV[0] || ') t(x)
      WHERE x IS NOT NULL ON CONFLICT DO NOTHING', 'belong_match_new');
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    EXECUTE format('INSERT INTO belong_match_pending SELECT DISTINCT x FROM (' || TG_ARGV[0] || ') t(x)
      WHERE x IS NOT NULL ON CONFLICT DO NOTHING', 'belong_match_old');
  END IF;
  RETURN NULL;
END $$;

-- A trigger can have a transition table for one event only: three per table, and one for TRUNCATE.
DO $$
DECLARE
  t record;
BEGIN
  FOR t IN SELECT * FROM (VALUES
    ('service', 'SELECT id FROM %1$I'),
    ('organization', 'SELECT s.id FROM service s WHERE s.organization_id IN (SELECT id FROM %1$I)'),
    ('belong_service', 'SELECT service_id FROM %1$I'),
    ('language', 'SELECT service_id FROM %1$I'),
    ('service_area', 'SELECT service_id FROM %1$I'),
    ('schedule', 'SELECT service_id FROM %1$I'),
    ('service_at_location', 'SELECT service_id FROM %1$I'),
    ('location', 'SELECT sal.service_id FROM service_at_location sal WHERE sal.location_id IN (SELECT id FROM %1$I)'),
    ('belong_location', 'SELECT sal.service_id FROM service_at_location sal WHERE sal.location_id IN (SELECT location_id FROM %1$I)')
  ) AS v(tbl, q) LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS belong_match_new
      FOR EACH STATEMENT EXECUTE FUNCTION belong_match_changed(%L)', t.tbl || '_match_rows_inserted', t.tbl, t.q);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS belong_match_old NEW TABLE AS belong_match_new
      FOR EACH STATEMENT EXECUTE FUNCTION belong_match_changed(%L)', t.tbl || '_match_rows_updated', t.tbl, t.q);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS belong_match_old
      FOR EACH STATEMENT EXECUTE FUNCTION belong_match_changed(%L)', t.tbl || '_match_rows_deleted', t.tbl, t.q);
    EXECUTE format('CREATE TRIGGER %I AFTER TRUNCATE ON %I
      FOR EACH STATEMENT EXECUTE FUNCTION belong_match_changed()', t.tbl || '_match_rows_truncated', t.tbl);
  END LOOP;
END $$;

SELECT belong_match_refresh_all();
ANALYZE belong_match_service, belong_match_remote, belong_match_place;
