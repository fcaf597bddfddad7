-- Each service's full record kept ready to read (issue 16).
--
-- belong_service_records (migration 0240) builds a record from some
-- twenty-five lookups per service: at 100 000 services, about 7 ms of the
-- database's time for a page of ten results, the largest share of a results
-- page. belong_service_record keeps what it gives, one row per service (the
-- record as json text, read by loadServiceRecords in
-- src/modules/directory/service-read.repository.ts), so a page reads ten rows
-- by their key.
--
-- Derived data, kept by the same machinery as matching's rows (0300): a
-- write to any table the record reads notes the services it touched in
-- belong_match_pending, and when the transaction commits their rows are
-- rebuilt, matching's and these. The tables matching did not already watch
-- get the same statement-level triggers below.
--
-- Inside the transaction that wrote them, the kept rows are not yet rebuilt:
-- belong_service_records_kept computes the records of the services pending in
-- this transaction (and of any service without a kept row, and all of them
-- while the bulk loader defers the rebuild) from the tables, so a writer
-- reads its own writes.
--
-- belong_service_records and belong_attributes_json (0240) were PL/pgSQL so
-- that each connection planned them once: a page read them. Now pages read
-- the kept rows, and these build records when a transaction commits, often
-- on tables that have grown since (an import into an empty directory): a
-- plan kept from when the tables were small could read them whole for every
-- service. As plain SQL the record is
-- planned for each call (once per commit, or per 10 000 services in a
-- rebuild). The attributes of a service, organisation or location, with
-- their terms, come from a view grouped by what they hang off (a lookup by
-- link reads that link's rows only) instead of belong_attributes_json.
CREATE VIEW belong_attribute_lists AS
  SELECT a.link_entity, a.link_id,
    json_agg(json_build_object('id', a.id, 'link_id', a.link_id, 'link_type', a.link_type,
      'link_entity', a.link_entity, 'taxonomy_term_id', a.taxonomy_term_id, 'value', a.value, 'label', a.label,
      'term', json_build_object('id', t.id, 'code', t.code, 'name', t.name, 'description', t.description,
        'parent_id', t.parent_id, 'taxonomy', t.taxonomy, 'taxonomy_id', t.taxonomy_id, 'language', t.language,
        'term_uri', t.term_uri, 'taxonomy_name', x.name)) ORDER BY a.id) AS attributes
  FROM attribute a
  JOIN taxonomy_term t ON t.id = a.taxonomy_term_id
  LEFT JOIN taxonomy x ON x.id = t.taxonomy_id
  GROUP BY a.link_entity, a.link_id;

DROP FUNCTION belong_service_records(uuid[]);
DROP FUNCTION belong_attributes_json(text, uuid);
CREATE FUNCTION belong_service_records(ids uuid[])
RETURNS TABLE (
  id uuid, service json, organization json, identifiers json, organization_attributes json, belong json,
  schedules json, areas json, languages json, phones json, contacts json, costs json, funding json,
  exceptions json, capacities json, locations json, attributes json
)
LANGUAGE sql STABLE AS $$
  SELECT s.id,
    (SELECT row_to_json(v) FROM (SELECT s.id, s.organization_id, s.name, s.alternate_name, s.description, s.url, s.email,
      s.status, s.interpretation_services, s.application_process, s.fees_description, s.accreditations,
      s.eligibility_description, s.minimum_age, s.maximum_age, s.assured_date, s.assurer_email, s.alert, s.last_modified) v),
    (SELECT row_to_json(o) FROM organization o WHERE o.id = s.organization_id),
    coalesce((SELECT json_agg(r ORDER BY r.id) FROM organization_identifier r WHERE r.organization_id = s.organization_id), '[]'),
    coalesce((SELECT v.attributes FROM belong_attribute_lists v WHERE v.link_entity = 'organization' AND v.link_id = s.organization_id), '[]'),
    (SELECT row_to_json(b) FROM belong_service b WHERE b.service_id = s.id),
    coalesce((SELECT json_agg(r ORDER BY r.id) FROM schedule r WHERE r.service_id = s.id), '[]'),
    coalesce((SELECT json_agg(r ORDER BY r.id) FROM service_area r WHERE r.service_id = s.id), '[]'),
    coalesce((SELECT json_agg(r ORDER BY r.code, r.id) FROM language r WHERE r.service_id = s.id), '[]'),
    coalesce((SELECT json_agg(r ORDER BY r.id) FROM phone r WHERE r.service_id = s.id), '[]'),
    coalesce((SELECT json_agg(json_build_object('contact', c,
        'phones', coalesce((SELECT json_agg(r ORDER BY r.id) FROM phone r WHERE r.contact_id = c.id), '[]'))
      ORDER BY c.name, c.id) FROM contact c WHERE c.service_id = s.id), '[]'),
    coalesce((SELECT json_agg(r ORDER BY r.id) FROM cost_option r WHERE r.service_id = s.id), '[]'),
    coalesce((SELECT json_agg(r ORDER BY r.id) FROM funding r WHERE r.service_id = s.id), '[]'),
    coalesce((SELECT json_agg(r ORDER BY r.starts_on, r.id) FROM belong_schedule_exception r WHERE r.service_id = s.id), '[]'),
    coalesce((SELECT json_agg(json_build_object('id', c.id, 'service_id', c.service_id, 'available', c.available,
        'maximum', c.maximum, 'description', c.description, 'updated', c.updated,
        'unit', json_build_object('id', u.id, 'name', u.name, 'scheme', u.scheme, 'identifier', u.identifier, 'uri', u.uri))
      ORDER BY c.id) FROM service_capacity c JOIN unit u ON u.id = c.unit_id WHERE c.service_id = s.id), '[]'),
    coalesce((SELECT json_agg(json_build_object('sal_id', sal.id, 'sal_description', sal.description, 'location', l,
        'confidential', bl.confidential, 'area_name', bl.area_name,
        'addresses', coalesce((SELECT json_agg(r ORDER BY r.id) FROM address r WHERE r.location_id = l.id), '[]'),
        'accessibility', coalesce((SELECT json_agg(r ORDER BY r.id) FROM accessibility r WHERE r.location_id = l.id), '[]'),
        -- The venue's phones, then those of no service (OFFSET 0 keeps the two apart: planned without
        -- statistics, the test for no service also read every such phone through its index, for each venue).
        'phones', coalesce((SELECT json_agg(r ORDER BY r.id)
          FROM (SELECT * FROM phone p WHERE p.location_id = l.id OFFSET 0) r WHERE r.service_id IS NULL), '[]'),
        'attributes', coalesce((SELECT v.attributes FROM belong_attribute_lists v WHERE v.link_entity = 'location' AND v.link_id = l.id), '[]'))
      ORDER BY l.name, l.id)
      FROM service_at_location sal
      JOIN location l ON l.id = sal.location_id
      LEFT JOIN belong_location bl ON bl.location_id = l.id
      WHERE sal.service_id = s.id), '[]'),
    coalesce((SELECT v.attributes FROM belong_attribute_lists v WHERE v.link_entity = 'service' AND v.link_id = s.id), '[]')
  FROM service s
  WHERE s.id = ANY (ids)
$$;

CREATE TABLE belong_service_record (
  service_id uuid PRIMARY KEY,
  record text NOT NULL
);

-- The record of each of these services, from the tables (one json object,
-- keyed as belong_service_records' columns).
CREATE FUNCTION belong_service_records_json(ids uuid[]) RETURNS TABLE (id uuid, record text)
LANGUAGE sql STABLE AS $$
  SELECT r.id, row_to_json(r)::text FROM belong_service_records(ids) r
$$;

-- Both rebuilds look everything up by key, but mostly run inside imports,
-- whose tables have grown since they were last analysed (or never were: the
-- embedded database has no autovacuum). Planned from such statistics, they
-- read whole tables for each service (the venues, for one: a 2,000-service
-- import spent 190 ms rebuilding 250 records, 54 ms with this), so they are
-- told not to.
ALTER FUNCTION belong_service_records_json(uuid[]) SET enable_seqscan = off;
ALTER FUNCTION belong_match_refresh(uuid[]) SET enable_seqscan = off;

-- Rebuild the kept records of these services (a service that is gone loses its row).
CREATE FUNCTION belong_service_record_refresh(ids uuid[]) RETURNS void LANGUAGE sql AS $$
  DELETE FROM belong_service_record WHERE service_id = ANY (ids);
  INSERT INTO belong_service_record SELECT id, record FROM belong_service_records_json(ids);
$$;

-- Every service's kept record, rebuilt, in chunks as belong_match_refresh_all.
CREATE FUNCTION belong_service_record_refresh_all() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  chunk uuid[];
BEGIN
  TRUNCATE belong_service_record;
  FOR chunk IN
    SELECT array_agg(id) FROM (SELECT id, (row_number() OVER (ORDER BY id) - 1) / 10000 AS n FROM service) t GROUP BY n
  LOOP
    PERFORM belong_service_record_refresh(chunk);
  END LOOP;
END $$;

-- The records of these services as this transaction sees the directory:
-- kept rows where they are current, computed from the tables otherwise.
CREATE FUNCTION belong_service_records_kept(ids uuid[]) RETURNS TABLE (id uuid, record text)
LANGUAGE plpgsql STABLE AS $$
#variable_conflict use_column
DECLARE
  stale uuid[];
BEGIN
  -- EXECUTE: planned each time, as the tables are then (see above).
  IF current_setting('belong.match_rows_deferred', true) = 'on' THEN
    RETURN QUERY EXECUTE 'SELECT id, record FROM belong_service_records_json($1)' USING ids;
    RETURN;
  END IF;
  RETURN QUERY
  SELECT k.service_id, k.record FROM belong_service_record k
  WHERE k.service_id = ANY (ids) AND NOT EXISTS (SELECT 1 FROM belong_match_pending p WHERE p.service_id = k.service_id);
  stale := ARRAY(
    SELECT x FROM unnest(ids) x
    WHERE EXISTS (SELECT 1 FROM belong_match_pending p WHERE p.service_id = x)
      OR NOT EXISTS (SELECT 1 FROM belong_service_record k WHERE k.service_id = x));
  IF cardinality(stale) > 0 THEN
    RETURN QUERY EXECUTE 'SELECT id, record FROM belong_service_records_json($1)' USING stale;
  END IF;
END $$;

-- What a transaction touched is rebuilt at commit: matching's rows and the kept records.
CREATE OR REPLACE FUNCTION belong_match_flush() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids uuid[];
BEGIN
  WITH done AS (DELETE FROM belong_match_pending RETURNING service_id)
  SELECT array_agg(service_id) INTO ids FROM done;
  IF ids IS NOT NULL THEN
    PERFORM belong_match_refresh(ids);
    PERFORM belong_service_record_refresh(ids);
  END IF;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION belong_match_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('belong.match_rows_deferred', true) = 'on' THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'TRUNCATE' THEN
    PERFORM belong_match_refresh_all();
    PERFORM belong_service_record_refresh_all();
    RETURN NULL;
  END IF;
  IF TG_OP = 'INSERT' THEN
    EXECUTE format('INSERT INTO belong_match_pending SELECT DISTINCT x FROM (' || TG_ARGV[0] || ') t(x)
      WHERE x IS NOT NULL ON CONFLICT DO NOTHING', 'belong_match_new');
  ELSIF TG_OP = 'DELETE' THEN
    EXECUTE format('INSERT INTO belong_match_pending SELECT DISTINCT x FROM (' || TG_ARGV[0] || ') t(x)
      WHERE x IS NOT NULL ON CONFLICT DO NOTHING', 'belong_match_old');
  ELSE
    -- Only the rows an UPDATE changed: an import writes each organisation again with every
    -- chunk of its services, mostly as it was, and each such write rebuilt all of its services.
    EXECUTE format('WITH changed AS (SELECT * FROM belong_match_new n
        WHERE NOT EXISTS (SELECT 1 FROM belong_match_old o WHERE o::text = n::text))
      INSERT INTO belong_match_pending SELECT DISTINCT x FROM (' || TG_ARGV[0] || ') t(x)
      WHERE x IS NOT NULL ON CONFLICT DO NOTHING', 'changed');
    EXECUTE format('WITH changed AS (SELECT * FROM belong_match_old o
        WHERE NOT EXISTS (SELECT 1 FROM belong_match_new n WHERE n::text = o::text))
      INSERT INTO belong_match_pending SELECT DISTINCT x FROM (' || TG_ARGV[0] || ') t(x)
      WHERE x IS NOT NULL ON CONFLICT DO NOTHING', 'changed');
  END IF;
  RETURN NULL;
END $$;

-- The services whose records read a row of each table matching does not
-- watch, as in 0300 (%1$I is the transition table). An attribute hangs off a
-- service, an organisation or a location; a term or taxonomy reaches
-- services through its attributes.
DO $$
DECLARE
  t record;
  linked constant text := 'SELECT a.link_id FROM attribute a WHERE a.link_entity = ''service'' AND %2$s
    UNION ALL SELECT s.id FROM service s JOIN attribute a ON a.link_entity = ''organization'' AND a.link_id = s.organization_id WHERE %2$s
    UNION ALL SELECT sal.service_id FROM service_at_location sal JOIN attribute a ON a.link_entity = ''location'' AND a.link_id = sal.location_id WHERE %2$s';
BEGIN
  FOR t IN SELECT * FROM (VALUES
    ('organization_identifier', 'SELECT s.id FROM service s WHERE s.organization_id IN (SELECT organization_id FROM %1$I)'),
    ('attribute', 'SELECT link_id FROM %1$I WHERE link_entity = ''service''
      UNION ALL SELECT s.id FROM service s WHERE s.organization_id IN (SELECT link_id FROM %1$I WHERE link_entity = ''organization'')
      UNION ALL SELECT sal.service_id FROM service_at_location sal WHERE sal.location_id IN (SELECT link_id FROM %1$I WHERE link_entity = ''location'')'),
    ('taxonomy_term', format(linked, '', 'a.taxonomy_term_id IN (SELECT id FROM %1$I)')),
    ('taxonomy', format(linked, '', 'a.taxonomy_term_id IN (SELECT tt.id FROM taxonomy_term tt WHERE tt.taxonomy_id IN (SELECT id FROM %1$I))')),
    ('phone', 'SELECT service_id FROM %1$I
      UNION ALL SELECT c.service_id FROM contact c WHERE c.id IN (SELECT contact_id FROM %1$I)
      UNION ALL SELECT sal.service_id FROM service_at_location sal WHERE sal.location_id IN (SELECT location_id FROM %1$I)'),
    ('contact', 'SELECT service_id FROM %1$I'),
    ('cost_option', 'SELECT service_id FROM %1$I'),
    ('funding', 'SELECT service_id FROM %1$I'),
    ('belong_schedule_exception', 'SELECT service_id FROM %1$I'),
    ('service_capacity', 'SELECT service_id FROM %1$I'),
    ('unit', 'SELECT c.service_id FROM service_capacity c WHERE c.unit_id IN (SELECT id FROM %1$I)'),
    ('address', 'SELECT sal.service_id FROM service_at_location sal WHERE sal.location_id IN (SELECT location_id FROM %1$I)'),
    ('accessibility', 'SELECT sal.service_id FROM service_at_location sal WHERE sal.location_id IN (SELECT location_id FROM %1$I)')
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

SELECT belong_service_record_refresh_all();
ANALYZE belong_service_record;
