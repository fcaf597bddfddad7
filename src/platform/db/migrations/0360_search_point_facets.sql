-- The filters of Belong's search form, carried by each search point (issue 16).
--
-- `facets`: the vocabulary codes of the service's own fields that a filter
-- can ask for, as `belongTermCondition` (service-search.repository.ts) tests
-- them on belong_service: 'gender:women_only', 'cost:free', 'mode:phone',
-- 'help:childcare' or 'help:no_childcare' (a stated no), 'access:step_free',
-- 'requires:no_id_documents', and so on, each as its number below (a list of
-- 15 codes as text took 400 bytes a point, twice the rest of the point; as
-- numbers, about 50). A value that was not stated gives no code, so it
-- matches no filter, as before. Codes that depend on the date (vetting), on
-- places or on a group as a whole are not here: a search with those still
-- reads belong_service.
--
-- A search for words around a place with filters (the form's "who" and
-- "need") read belong_service and service for every point inside the radius
-- that had the words: around BD8 at 100 000 services, 2 700 points, about
-- 10 of its 23 ms. With the codes on the points, the filters are tested on
-- the points themselves, and the services that pass are ranked from the
-- points, as a search without filters is (migration 0350).
--
-- Kept like the rest of the point (0280): a change to belong_service that
-- changes the codes refreshes the service's points, in the same transaction.

-- Each code and its number. A code added to the vocabulary later gets a new
-- number in a migration of its own; a number is never given to another code.
-- A plain SELECT of constants, so PostgreSQL inlines it into the queries below.
CREATE FUNCTION belong_facet_codes() RETURNS TABLE (code text, n smallint)
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT f.code, f.n::smallint FROM (VALUES
    ('gender:women_only', 1), ('gender:men_only', 2), ('gender:mixed', 3),
    ('audience:children', 4), ('audience:young_people', 5), ('audience:older_people', 6), ('audience:families', 7),
    ('audience:carers', 8), ('audience:refugees_asylum', 9), ('audience:communities', 10), ('audience:lgbtq', 11),
    ('audience:disabled_people', 12), ('audience:mental_health', 13), ('audience:bereaved', 14),
    ('eligibility:open_to_all', 15), ('eligibility:only', 16), ('eligibility:especially_welcome', 17),
    ('entry:drop_in', 18), ('entry:self_referral', 19), ('entry:professional_referral', 20), ('entry:formal_assessment', 21),
    ('requires:id_documents', 22), ('requires:no_id_documents', 23), ('requires:proof_of_address', 24), ('requires:no_proof_of_address', 25),
    ('requires:gp_registration', 26), ('requires:no_gp_registration', 27),
    ('cost:free', 28), ('cost:low_cost', 29), ('cost:paid', 30),
    ('help:childcare', 31), ('help:no_childcare', 32), ('help:transport_offered', 33), ('help:no_transport_offered', 34),
    ('help:accompany_first_visit', 35), ('help:no_accompany_first_visit', 36), ('help:interpreter_available', 37), ('help:no_interpreter_available', 38),
    ('access:step_free', 39), ('access:no_step_free', 40), ('access:hearing_loop', 41), ('access:no_hearing_loop', 42),
    ('access:bsl', 43), ('access:no_bsl', 44), ('access:large_print', 45), ('access:no_large_print', 46),
    ('access:quiet_space', 47), ('access:no_quiet_space', 48),
    ('mode:in_person', 49), ('mode:phone', 50), ('mode:online', 51), ('mode:home_visit', 52),
    ('food:food', 53), ('food:halal', 54), ('food:vegetarian', 55),
    ('faith:faith_based', 56), ('faith:faith_friendly', 57),
    ('support:befriending', 58), ('support:shared_identity_group', 59), ('support:intercultural', 60), ('support:informal_english', 61),
    ('support:skills', 62), ('support:arts', 63), ('support:gardening', 64), ('support:sport', 65),
    ('support:advice', 66), ('support:volunteering', 67), ('support:peer_support', 68), ('support:therapy', 69),
    ('capacity:places_available', 70), ('capacity:full', 71), ('capacity:waiting_list', 72)
  ) f (code, n)
$$;

-- The numbers of the codes (those that have one), in order, each once: what a
-- search asks the points for. Immutable, so a search's list is turned into
-- numbers once, while the search is planned.
CREATE FUNCTION belong_facet_numbers(codes text[]) RETURNS smallint[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(DISTINCT fc.n ORDER BY fc.n), '{}'::smallint[])
  FROM belong_facet_codes() fc WHERE fc.code = ANY (codes)
$$;

-- The numbers of a service's codes: each field's code as the vocabulary
-- writes it ("group:value", "group:no_key" for a stated no); a value the
-- vocabulary does not have, and a yes/no that is not stated, give none.
CREATE FUNCTION belong_service_facets(b belong_service) RETURNS smallint[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT belong_facet_numbers(array_agg(f)) FROM (
    SELECT unnest(array['gender:' || b.gender, 'eligibility:' || b.eligibility, 'entry:' || b.entry,
      'cost:' || b.cost_band, 'capacity:' || b.capacity_status, 'faith:' || b.faith]) AS f
    UNION ALL SELECT 'mode:' || v FROM unnest(b.modes) v
    UNION ALL SELECT 'food:' || v FROM unnest(b.food) v
    UNION ALL SELECT 'support:' || v FROM unnest(b.support_kinds) v
    UNION ALL SELECT 'audience:' || v FROM unnest(b.audiences) v
    UNION ALL SELECT 'help:' || CASE h.yes WHEN true THEN '' WHEN false THEN 'no_' END || h.flag
      FROM (VALUES ('childcare', b.childcare), ('transport_offered', b.transport_offered),
        ('accompany_first_visit', b.accompany_first_visit), ('interpreter_available', b.interpreter_available)) h (flag, yes)
    UNION ALL SELECT fact.grp || ':' || CASE fact.v WHEN 'true'::jsonb THEN '' WHEN 'false'::jsonb THEN 'no_' END || fact.k
      FROM (
        SELECT 'access' AS grp, e.key AS k, e.value AS v FROM jsonb_each(b.accessibility) e
        UNION ALL SELECT 'requires', e.key, e.value FROM jsonb_each(b.requirements) e
      ) fact
  ) codes
$$;

-- Every row gets its codes below; the default only lets the column be added.
ALTER TABLE belong_search_point ADD COLUMN facets smallint[] NOT NULL DEFAULT '{}';
ALTER TABLE belong_search_point ALTER COLUMN facets DROP DEFAULT;

-- The return type changes; belong_search_points_refresh calls it by name only when it runs.
DROP FUNCTION belong_search_points_of(uuid);
CREATE FUNCTION belong_search_points_of(sid uuid)
RETURNS TABLE (service_id uuid, location_id uuid, name text, search_tsv tsvector, point cube, alone boolean, facets smallint[])
LANGUAGE sql STABLE AS $$
  SELECT s.id, l.id, s.name, s.search_tsv, ll_to_earth(l.latitude, l.longitude)::cube, count(*) OVER () = 1,
    coalesce((SELECT belong_service_facets(b) FROM belong_service b WHERE b.service_id = s.id), '{}'::smallint[])
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
  INSERT INTO belong_search_point (service_id, location_id, name, search_tsv, point, alone, facets)
  SELECT p.service_id, p.location_id, p.name, p.search_tsv, p.point, p.alone, p.facets FROM belong_search_points_of(sid) p;
END $$;

CREATE OR REPLACE FUNCTION belong_search_points_rebuild() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM belong_search_point;
  INSERT INTO belong_search_point (service_id, location_id, name, search_tsv, point, alone, facets)
  SELECT s.id, l.id, s.name, s.search_tsv, ll_to_earth(l.latitude, l.longitude)::cube, count(*) OVER (PARTITION BY s.id) = 1,
    coalesce(belong_service_facets(b), '{}'::smallint[])
  FROM service s
  JOIN service_at_location sal ON sal.service_id = s.id
  JOIN location l ON l.id = sal.location_id
  LEFT JOIN belong_service b ON b.service_id = s.id
  WHERE s.status = 'active' AND l.latitude IS NOT NULL AND l.longitude IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM belong_location bl WHERE bl.location_id = l.id AND bl.confidential)
  ORDER BY floor(l.latitude * 50), l.longitude;
END $$;

CREATE FUNCTION belong_search_points_belong_service_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.service_id = NEW.service_id AND belong_service_facets(OLD) = belong_service_facets(NEW) THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM belong_search_points_refresh(OLD.service_id);
  END IF;
  IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.service_id <> OLD.service_id) THEN
    PERFORM belong_search_points_refresh(NEW.service_id);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER belong_service_search_points AFTER INSERT OR UPDATE OR DELETE ON belong_service
  FOR EACH ROW EXECUTE FUNCTION belong_search_points_belong_service_changed();
CREATE TRIGGER belong_service_search_points_truncated AFTER TRUNCATE ON belong_service
  FOR EACH STATEMENT EXECUTE FUNCTION belong_search_points_truncated();

SELECT belong_search_points_rebuild();
ANALYZE belong_search_point;

-- The rebuilt table's pages no longer count as all visible (see 0350).
-- after: VACUUM belong_search_point;
