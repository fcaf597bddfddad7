-- Search points that count fast and sit together (issue 16).
--
-- `alone`: the service has no other search point. A search around a place
-- counts the services inside the radius; most have one public location, so
-- their points are simply counted and only the others are told apart by
-- service (a count of distinct ids over every point inside 3 km of BD8, about
-- 7 900 of them at 100 000 services, was most of that search's time). The
-- refresh recomputes all of a service's rows at once, so the flag of each is
-- always right.
--
-- Rebuilt points are written in order of place (strips of 0.02 degrees of
-- latitude, about 2.2 km, then longitude), so the points inside a radius sit
-- on few pages: around BD8 the 9 600 points of the 3 km box were on 3 600
-- pages of 4 200, and are on about 430 once rebuilt. Points written later by
-- the triggers go wherever there is room; a rebuild (`select
-- belong_search_points_rebuild()`, what the bulk loader does) packs them again.
-- Every row is written again below; the default only lets the column be added.
ALTER TABLE belong_search_point ADD COLUMN alone boolean NOT NULL DEFAULT false;
ALTER TABLE belong_search_point ALTER COLUMN alone DROP DEFAULT;

-- The return type changes; belong_search_points_refresh calls it by name only when it runs.
DROP FUNCTION belong_search_points_of(uuid);
CREATE FUNCTION belong_search_points_of(sid uuid)
RETURNS TABLE (service_id uuid, location_id uuid, name text, search_tsv tsvector, point cube, alone boolean)
LANGUAGE sql STABLE AS $$
  SELECT s.id, l.id, s.name, s.search_tsv, ll_to_earth(l.latitude, l.longitude)::cube, count(*) OVER () = 1
  FROM service s
  JOIN service_at_location sal ON sal.service_id = s.id
  JOIN location l ON l.id = sal.location_id
  WHERE s.id = sid AND s.status = 'active' AND l.latitude IS NOT NULL AND l.longitude IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM belong_location bl WHERE bl.location_id = l.id AND bl.confidential)
$$;

CREATE OR REPLACE FUNCTION belong_search_points_refresh(sid uuid) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  IF sid IS NULL THEN
    RETURN;
  END IF;
  PERFORM 1 FROM service WHERE id = sid FOR NO KEY UPDATE;
  DELETE FROM belong_search_point WHERE service_id = sid;
  INSERT INTO belong_search_point (service_id, location_id, name, search_tsv, point, alone)
  SELECT p.service_id, p.location_id, p.name, p.search_tsv, p.point, p.alone FROM belong_search_points_of(sid) p;
END $$;

CREATE OR REPLACE FUNCTION belong_search_points_rebuild() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM belong_search_point;
  INSERT INTO belong_search_point (service_id, location_id, name, search_tsv, point, alone)
  SELECT s.id, l.id, s.name, s.search_tsv, ll_to_earth(l.latitude, l.longitude)::cube, count(*) OVER (PARTITION BY s.id) = 1
  FROM service s
  JOIN service_at_location sal ON sal.service_id = s.id
  JOIN location l ON l.id = sal.location_id
  WHERE s.status = 'active' AND l.latitude IS NOT NULL AND l.longitude IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM belong_location bl WHERE bl.location_id = l.id AND bl.confidential)
  ORDER BY floor(l.latitude * 50), l.longitude;
END $$;

-- The points' index also holds what counting and a page need (service, name,
-- `alone`), so a search around a place reads the index alone where the table's
-- pages are all visible (after VACUUM: autovacuum on a PostgreSQL server, the
-- bulk loader's own on the embedded database): around LS1, 5 100 points
-- counted in 1.5-2 ms, against 4.3 ms through the table.
DROP INDEX belong_search_point_point;
SELECT belong_search_points_rebuild();
CREATE INDEX belong_search_point_point ON belong_search_point USING gist (point) INCLUDE (service_id, name, alone);
ANALYZE belong_search_point;
