-- Where each active service can be found on a map, kept ready for searches
-- around a place (issue 16).
--
-- One row per (active service, public location): a location with
-- coordinates that is not confidential, through service_at_location. The row
-- holds the location's point as earthdistance's ll_to_earth gives it (a
-- plain cube, with a GiST index) and the service's name and words
-- (service.search_tsv), so a search for words around a place keeps only the
-- points whose service has the words before it looks at any service. A search around a
-- place then reads this one table through its index, instead of joining
-- locations, their confidentiality and service_at_location and working out
-- each location's point (cosines and sines) per row: at 100 000 services, a
-- 3 km search around BD8 (about 7 700 services) read 26 000 buffers for the
-- distances alone, against 2 900 here. The distances are the same numbers:
-- ll_to_earth does the same floating-point operations as the query did.
--
-- Kept up to date by triggers, in the same transaction as the change,
-- whatever makes it (the app, the importer, SQL): `belong_search_points_refresh`
-- recomputes one service's rows from the tables; the triggers call it for
-- every service a changed row can concern. Concurrent writers: the refresh
-- locks the service's row, and a change to a location locks the location's
-- row (FOR UPDATE, which waits for a service_at_location being inserted for
-- it, whose foreign-key check holds KEY SHARE), so the refresh that runs last
-- sees the other's committed change (each statement of a PL/pgSQL function
-- takes a new snapshot under READ COMMITTED).
CREATE TABLE belong_search_point (
  service_id uuid NOT NULL,
  location_id uuid NOT NULL,
  name text NOT NULL,
  search_tsv tsvector NOT NULL,
  point cube NOT NULL,
  PRIMARY KEY (service_id, location_id)
);
CREATE INDEX belong_search_point_point ON belong_search_point USING gist (point);

-- The rows one service should have, from the tables (also what the tests compare with).
CREATE FUNCTION belong_search_points_of(sid uuid)
RETURNS TABLE (service_id uuid, location_id uuid, name text, search_tsv tsvector, point cube)
LANGUAGE sql STABLE AS $$
  SELECT s.id, l.id, s.name, s.search_tsv, ll_to_earth(l.latitude, l.longitude)::cube
  FROM service s
  JOIN service_at_location sal ON sal.service_id = s.id
  JOIN location l ON l.id = sal.location_id
  WHERE s.id = sid AND s.status = 'active' AND l.latitude IS NOT NULL AND l.longitude IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM belong_location bl WHERE bl.location_id = l.id AND bl.confidential)
$$;

CREATE FUNCTION belong_search_points_refresh(sid uuid) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  IF sid IS NULL THEN
    RETURN;
  END IF;
  PERFORM 1 FROM service WHERE id = sid FOR NO KEY UPDATE;
  DELETE FROM belong_search_point WHERE service_id = sid;
  INSERT INTO belong_search_point (service_id, location_id, name, search_tsv, point)
  SELECT p.service_id, p.location_id, p.name, p.search_tsv, p.point FROM belong_search_points_of(sid) p;
END $$;

-- Every row again (after a TRUNCATE, and to fill the table now).
CREATE FUNCTION belong_search_points_rebuild() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM belong_search_point;
  INSERT INTO belong_search_point (service_id, location_id, name, search_tsv, point)
  SELECT s.id, l.id, s.name, s.search_tsv, ll_to_earth(l.latitude, l.longitude)::cube
  FROM service s
  JOIN service_at_location sal ON sal.service_id = s.id
  JOIN location l ON l.id = sal.location_id
  WHERE s.status = 'active' AND l.latitude IS NOT NULL AND l.longitude IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM belong_location bl WHERE bl.location_id = l.id AND bl.confidential);
END $$;

CREATE FUNCTION belong_search_points_service_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF OLD.id = NEW.id AND OLD.status IS NOT DISTINCT FROM NEW.status AND OLD.name IS NOT DISTINCT FROM NEW.name
      AND OLD.search_tsv IS NOT DISTINCT FROM NEW.search_tsv THEN
      RETURN NULL;
    END IF;
    IF OLD.id <> NEW.id THEN
      PERFORM belong_search_points_refresh(OLD.id);
    END IF;
    PERFORM belong_search_points_refresh(NEW.id);
  ELSIF TG_OP = 'INSERT' THEN
    PERFORM belong_search_points_refresh(NEW.id);
  ELSE
    PERFORM belong_search_points_refresh(OLD.id);
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION belong_search_points_sal_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM belong_search_points_refresh(OLD.service_id);
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') AND (TG_OP = 'INSERT' OR NEW.service_id <> OLD.service_id OR NEW.location_id <> OLD.location_id) THEN
    PERFORM belong_search_points_refresh(NEW.service_id);
  END IF;
  RETURN NULL;
END $$;

-- A location's coordinates or confidentiality: every service at it.
CREATE FUNCTION belong_search_points_location_refresh(lid uuid) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  sid uuid;
BEGIN
  IF lid IS NULL THEN
    RETURN;
  END IF;
  PERFORM 1 FROM location WHERE id = lid FOR UPDATE;
  FOR sid IN SELECT sal.service_id FROM service_at_location sal WHERE sal.location_id = lid ORDER BY sal.service_id LOOP
    PERFORM belong_search_points_refresh(sid);
  END LOOP;
END $$;

CREATE FUNCTION belong_search_points_location_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.latitude IS NOT DISTINCT FROM NEW.latitude AND OLD.longitude IS NOT DISTINCT FROM NEW.longitude AND OLD.id = NEW.id THEN
    RETURN NULL;
  END IF;
  PERFORM belong_search_points_location_refresh(OLD.id);
  IF NEW.id <> OLD.id THEN
    PERFORM belong_search_points_location_refresh(NEW.id);
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION belong_search_points_belong_location_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.location_id = NEW.location_id AND OLD.confidential = NEW.confidential THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM belong_search_points_location_refresh(OLD.location_id);
  END IF;
  IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.location_id <> OLD.location_id) THEN
    PERFORM belong_search_points_location_refresh(NEW.location_id);
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION belong_search_points_truncated() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM belong_search_points_rebuild();
  RETURN NULL;
END $$;

CREATE TRIGGER service_search_points AFTER INSERT OR UPDATE OR DELETE ON service
  FOR EACH ROW EXECUTE FUNCTION belong_search_points_service_changed();
CREATE TRIGGER service_at_location_search_points AFTER INSERT OR UPDATE OR DELETE ON service_at_location
  FOR EACH ROW EXECUTE FUNCTION belong_search_points_sal_changed();
-- A new location has no service yet, and a deleted one takes its service_at_location rows with it.
CREATE TRIGGER location_search_points AFTER UPDATE ON location
  FOR EACH ROW EXECUTE FUNCTION belong_search_points_location_changed();
CREATE TRIGGER belong_location_search_points AFTER INSERT OR UPDATE OR DELETE ON belong_location
  FOR EACH ROW EXECUTE FUNCTION belong_search_points_belong_location_changed();
CREATE TRIGGER service_search_points_truncated AFTER TRUNCATE ON service
  FOR EACH STATEMENT EXECUTE FUNCTION belong_search_points_truncated();
CREATE TRIGGER service_at_location_search_points_truncated AFTER TRUNCATE ON service_at_location
  FOR EACH STATEMENT EXECUTE FUNCTION belong_search_points_truncated();
CREATE TRIGGER location_search_points_truncated AFTER TRUNCATE ON location
  FOR EACH STATEMENT EXECUTE FUNCTION belong_search_points_truncated();
CREATE TRIGGER belong_location_search_points_truncated AFTER TRUNCATE ON belong_location
  FOR EACH STATEMENT EXECUTE FUNCTION belong_search_points_truncated();

-- Read by the public searches, so it moves the change counter like the tables it comes from (0260).
CREATE CONSTRAINT TRIGGER belong_search_point_directory_changed AFTER INSERT OR UPDATE OR DELETE ON belong_search_point
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION belong_directory_changed();

SELECT belong_search_points_rebuild();
ANALYZE belong_search_point;
