-- A page of full service records in one statement (issue 16).
--
-- `belong_service_records(ids)` gives one row per service among `ids`
-- (any status; unknown ids give nothing): the service and everything that
-- hangs off it, each part a json value, read by loadServiceRecords
-- (src/modules/directory/service-read.repository.ts), which also says how
-- each part is shaped. Each part is an indexed lookup by the service, its
-- organisation or its locations.
--
-- Why a function: the statement has some twenty subqueries, and planning
-- them cost more than running them (at 100 000 services, for one service:
-- about 4 ms to plan, 1.4 ms to run). PL/pgSQL keeps the plan for the
-- session, so each connection plans it once. Before, the same record took
-- seventeen statements (one per table), each planned every time.
--
-- Arrays are in the order the record keeps them (by id, languages by code,
-- contacts by name, closures by start date, locations by name; ties by id).
-- Change this function and loadServiceRecords together. The attributes of a
-- service, organisation or location (with their terms) come from
-- belong_attributes_json, PL/pgSQL for the same reason.
CREATE OR REPLACE FUNCTION belong_attributes_json(entity text, link uuid) RETURNS json
LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN (SELECT coalesce(json_agg(json_build_object('id', a.id, 'link_id', a.link_id, 'link_type', a.link_type,
      'link_entity', a.link_entity, 'taxonomy_term_id', a.taxonomy_term_id, 'value', a.value, 'label', a.label,
      'term', json_build_object('id', t.id, 'code', t.code, 'name', t.name, 'description', t.description,
        'parent_id', t.parent_id, 'taxonomy', t.taxonomy, 'taxonomy_id', t.taxonomy_id, 'language', t.language,
        'term_uri', t.term_uri, 'taxonomy_name', x.name)) ORDER BY a.id), '[]')
  FROM attribute a
  JOIN taxonomy_term t ON t.id = a.taxonomy_term_id
  LEFT JOIN taxonomy x ON x.id = t.taxonomy_id
  WHERE a.link_entity = entity AND a.link_id = link);
END
$$;

CREATE OR REPLACE FUNCTION belong_service_records(ids uuid[])
RETURNS TABLE (
  id uuid, service json, organization json, identifiers json, organization_attributes json, belong json,
  schedules json, areas json, languages json, phones json, contacts json, costs json, funding json,
  exceptions json, capacities json, locations json, attributes json
)
LANGUAGE plpgsql STABLE AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  SELECT s.id,
    (SELECT row_to_json(v) FROM (SELECT s.id, s.organization_id, s.name, s.alternate_name, s.description, s.url, s.email,
      s.status, s.interpretation_services, s.application_process, s.fees_description, s.accreditations,
      s.eligibility_description, s.minimum_age, s.maximum_age, s.assured_date, s.assurer_email, s.alert, s.last_modified) v),
    (SELECT row_to_json(o) FROM organization o WHERE o.id = s.organization_id),
    coalesce((SELECT json_agg(r ORDER BY r.id) FROM organization_identifier r WHERE r.organization_id = s.organization_id), '[]'),
    belong_attributes_json('organization', s.organization_id),
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
        'phones', coalesce((SELECT json_agg(r ORDER BY r.id) FROM phone r WHERE r.location_id = l.id AND r.service_id IS NULL), '[]'),
        'attributes', belong_attributes_json('location', l.id))
      ORDER BY l.name, l.id)
      FROM service_at_location sal
      JOIN location l ON l.id = sal.location_id
      LEFT JOIN belong_location bl ON bl.location_id = l.id
      WHERE sal.service_id = s.id), '[]'),
    belong_attributes_json('service', s.id)
  FROM service s
  WHERE s.id = ANY (ids);
END
$$;
