-- Belong directory: Open Referral UK / HSDS 3.0 tables (3.1 service_capacity),
-- plus Belong's extensions in tables prefixed belong_. Written in PostgreSQL 15
-- syntax so it runs unchanged on a PostgreSQL 15 server and on PGlite.

CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS cube;
CREATE EXTENSION IF NOT EXISTS earthdistance;
CREATE EXTENSION IF NOT EXISTS unaccent;

-- unaccent() is only STABLE; indexes need an IMMUTABLE wrapper with a fixed dictionary.
CREATE OR REPLACE FUNCTION belong_fold(t text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, t)) $$;

CREATE TABLE organization (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  alternate_name text,
  description text NOT NULL DEFAULT '',
  email text,
  website text,
  tax_status text,
  tax_id text,
  year_incorporated integer,
  legal_status text,
  logo text,
  uri text,
  parent_organization_id uuid REFERENCES organization(id) ON DELETE SET NULL,
  last_modified timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX organization_name_trgm ON organization USING gin (belong_fold(name) gin_trgm_ops);

CREATE TABLE organization_identifier (
  id uuid PRIMARY KEY,
  organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
  identifier_scheme text,
  identifier_type text NOT NULL,
  identifier text NOT NULL
);
CREATE INDEX organization_identifier_org ON organization_identifier (organization_id);

CREATE TABLE service (
  id uuid PRIMARY KEY,
  organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
  name text NOT NULL,
  alternate_name text,
  description text NOT NULL DEFAULT '',
  url text,
  email text,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive', 'defunct', 'temporarily closed')),
  interpretation_services text,
  application_process text,
  fees_description text,
  accreditations text,
  eligibility_description text,
  minimum_age integer CHECK (minimum_age >= 0),
  maximum_age integer CHECK (maximum_age >= 0),
  assured_date date,
  assurer_email text,
  alert text,
  last_modified timestamptz NOT NULL DEFAULT now(),
  search_tsv tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english', belong_fold(coalesce(name, ''))), 'A') ||
    setweight(to_tsvector('english', belong_fold(coalesce(alternate_name, ''))), 'A') ||
    setweight(to_tsvector('english', belong_fold(coalesce(description, ''))), 'B')
  ) STORED,
  CONSTRAINT service_age_range CHECK (minimum_age IS NULL OR maximum_age IS NULL OR minimum_age <= maximum_age)
);
CREATE INDEX service_org ON service (organization_id);
CREATE INDEX service_search_tsv ON service USING gin (search_tsv);
CREATE INDEX service_name_trgm ON service USING gin (belong_fold(name) gin_trgm_ops);
CREATE INDEX service_last_modified ON service (last_modified);

CREATE TABLE location (
  id uuid PRIMARY KEY,
  location_type text NOT NULL DEFAULT 'physical' CHECK (location_type IN ('physical', 'postal', 'virtual')),
  url text,
  organization_id uuid REFERENCES organization(id) ON DELETE CASCADE,
  name text,
  alternate_name text,
  description text,
  transportation text,
  latitude double precision CHECK (latitude BETWEEN -90 AND 90),
  longitude double precision CHECK (longitude BETWEEN -180 AND 180),
  external_identifier text,
  external_identifier_type text
);
CREATE INDEX location_org ON location (organization_id);
CREATE INDEX location_earth ON location USING gist (ll_to_earth(latitude, longitude))
  WHERE latitude IS NOT NULL AND longitude IS NOT NULL;

CREATE TABLE address (
  id uuid PRIMARY KEY,
  location_id uuid NOT NULL REFERENCES location(id) ON DELETE CASCADE,
  attention text,
  address_1 text NOT NULL,
  address_2 text,
  city text NOT NULL,
  region text,
  state_province text NOT NULL DEFAULT '',
  postal_code text NOT NULL,
  country text NOT NULL DEFAULT 'GB',
  address_type text NOT NULL DEFAULT 'physical' CHECK (address_type IN ('physical', 'postal', 'virtual'))
);
CREATE INDEX address_location ON address (location_id);
CREATE INDEX address_postal_code ON address (upper(replace(postal_code, ' ', '')));

CREATE TABLE service_at_location (
  id uuid PRIMARY KEY,
  service_id uuid NOT NULL REFERENCES service(id) ON DELETE CASCADE,
  location_id uuid NOT NULL REFERENCES location(id) ON DELETE CASCADE,
  description text,
  UNIQUE (service_id, location_id)
);
CREATE INDEX service_at_location_location ON service_at_location (location_id);

CREATE TABLE schedule (
  id uuid PRIMARY KEY,
  service_id uuid REFERENCES service(id) ON DELETE CASCADE,
  location_id uuid REFERENCES location(id) ON DELETE CASCADE,
  service_at_location_id uuid REFERENCES service_at_location(id) ON DELETE CASCADE,
  valid_from date,
  valid_to date,
  dtstart date,
  timezone integer,
  until date,
  count integer CHECK (count > 0),
  wkst text CHECK (wkst IN ('MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU')),
  freq text CHECK (freq IN ('WEEKLY', 'MONTHLY')),
  interval integer CHECK (interval > 0),
  byday text,
  byweekno text,
  bymonthday text,
  byyearday text,
  description text,
  opens_at time,
  closes_at time,
  schedule_link text,
  attending_type text,
  notes text
);
CREATE INDEX schedule_service ON schedule (service_id);
CREATE INDEX schedule_sal ON schedule (service_at_location_id);

CREATE TABLE phone (
  id uuid PRIMARY KEY,
  location_id uuid REFERENCES location(id) ON DELETE CASCADE,
  service_id uuid REFERENCES service(id) ON DELETE CASCADE,
  organization_id uuid REFERENCES organization(id) ON DELETE CASCADE,
  contact_id uuid,
  service_at_location_id uuid REFERENCES service_at_location(id) ON DELETE CASCADE,
  number text NOT NULL,
  extension text,
  type text,
  description text
);
CREATE INDEX phone_service ON phone (service_id);
CREATE INDEX phone_location ON phone (location_id);

CREATE TABLE contact (
  id uuid PRIMARY KEY,
  organization_id uuid REFERENCES organization(id) ON DELETE CASCADE,
  service_id uuid REFERENCES service(id) ON DELETE CASCADE,
  service_at_location_id uuid REFERENCES service_at_location(id) ON DELETE CASCADE,
  location_id uuid REFERENCES location(id) ON DELETE CASCADE,
  name text,
  title text,
  department text,
  email text
);
CREATE INDEX contact_service ON contact (service_id);

CREATE TABLE language (
  id uuid PRIMARY KEY,
  service_id uuid REFERENCES service(id) ON DELETE CASCADE,
  location_id uuid REFERENCES location(id) ON DELETE CASCADE,
  phone_id uuid REFERENCES phone(id) ON DELETE CASCADE,
  name text,
  code text,
  note text
);
CREATE INDEX language_service ON language (service_id);
CREATE INDEX language_code_service ON language (code, service_id);

CREATE TABLE accessibility (
  id uuid PRIMARY KEY,
  location_id uuid REFERENCES location(id) ON DELETE CASCADE,
  description text,
  details text,
  url text
);
CREATE INDEX accessibility_location ON accessibility (location_id);

CREATE TABLE cost_option (
  id uuid PRIMARY KEY,
  service_id uuid NOT NULL REFERENCES service(id) ON DELETE CASCADE,
  valid_from date,
  valid_to date,
  option text,
  currency text,
  amount numeric(10, 2) CHECK (amount >= 0),
  amount_description text
);
CREATE INDEX cost_option_service ON cost_option (service_id);

CREATE TABLE funding (
  id uuid PRIMARY KEY,
  organization_id uuid REFERENCES organization(id) ON DELETE CASCADE,
  service_id uuid REFERENCES service(id) ON DELETE CASCADE,
  source text
);
CREATE INDEX funding_service ON funding (service_id);

CREATE TABLE service_area (
  id uuid PRIMARY KEY,
  service_id uuid REFERENCES service(id) ON DELETE CASCADE,
  service_at_location_id uuid REFERENCES service_at_location(id) ON DELETE CASCADE,
  name text,
  description text,
  extent text,
  extent_type text,
  uri text
);
CREATE INDEX service_area_service ON service_area (service_id);

CREATE TABLE taxonomy (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  description text NOT NULL,
  uri text,
  version text
);

CREATE TABLE taxonomy_term (
  id uuid PRIMARY KEY,
  code text,
  name text NOT NULL,
  description text NOT NULL,
  parent_id uuid REFERENCES taxonomy_term(id) ON DELETE SET NULL,
  taxonomy text,
  taxonomy_id uuid REFERENCES taxonomy(id) ON DELETE CASCADE,
  language text,
  term_uri text
);
CREATE INDEX taxonomy_term_taxonomy ON taxonomy_term (taxonomy_id);
CREATE INDEX taxonomy_term_parent ON taxonomy_term (parent_id);
CREATE UNIQUE INDEX taxonomy_term_code ON taxonomy_term (taxonomy_id, code) WHERE code IS NOT NULL;

-- Links a taxonomy term to any entity (HSDS 3 attribute: link_entity + link_id).
CREATE TABLE attribute (
  id uuid PRIMARY KEY,
  link_id uuid NOT NULL,
  link_type text,
  link_entity text NOT NULL,
  taxonomy_term_id uuid NOT NULL REFERENCES taxonomy_term(id) ON DELETE CASCADE,
  value text,
  label text
);
CREATE INDEX attribute_link ON attribute (link_entity, link_id);
CREATE INDEX attribute_term ON attribute (taxonomy_term_id, link_id);

-- HSDS 3.1 capacity.
CREATE TABLE unit (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  scheme text,
  identifier text,
  uri text
);

CREATE TABLE service_capacity (
  id uuid PRIMARY KEY,
  service_id uuid NOT NULL REFERENCES service(id) ON DELETE CASCADE,
  unit_id uuid NOT NULL REFERENCES unit(id),
  available numeric NOT NULL CHECK (available >= 0),
  maximum numeric CHECK (maximum >= 0),
  description text,
  updated timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX service_capacity_service ON service_capacity (service_id);

-- HSDS change log.
CREATE TABLE metadata (
  id uuid PRIMARY KEY,
  resource_id uuid NOT NULL,
  resource_type text NOT NULL,
  last_action_date timestamptz NOT NULL DEFAULT now(),
  last_action_type text NOT NULL,
  field_name text NOT NULL DEFAULT '',
  previous_value text NOT NULL DEFAULT '',
  replacement_value text NOT NULL DEFAULT '',
  updated_by text NOT NULL
);
CREATE INDEX metadata_resource ON metadata (resource_id, last_action_date);

-- ---------------------------------------------------------------------------
-- Belong extensions. Everything below is outside HSDS; the ORUK feed publishes
-- it as attributes whose terms belong to the "Belong" taxonomy.
-- ---------------------------------------------------------------------------

CREATE TABLE belong_service (
  service_id uuid PRIMARY KEY REFERENCES service(id) ON DELETE CASCADE,
  -- who may come
  gender text NOT NULL DEFAULT 'mixed' CHECK (gender IN ('women_only', 'men_only', 'mixed')),
  communities text[] NOT NULL DEFAULT '{}',        -- empty: open to all
  faith text CHECK (faith IN ('faith_based', 'faith_friendly')),
  -- how you get in
  entry text NOT NULL DEFAULT 'drop_in'
    CHECK (entry IN ('drop_in', 'self_referral', 'professional_referral', 'formal_assessment')),
  how_to_join text,
  what_to_expect text,
  -- what it costs and what helps you get there
  cost_band text NOT NULL DEFAULT 'free' CHECK (cost_band IN ('free', 'low_cost', 'paid')),
  childcare boolean NOT NULL DEFAULT false,
  transport_offered boolean NOT NULL DEFAULT false,
  accompany_first_visit boolean NOT NULL DEFAULT false,
  interpreter_available boolean NOT NULL DEFAULT false,
  modes text[] NOT NULL DEFAULT '{in_person}',     -- in_person, phone, online
  food text[] NOT NULL DEFAULT '{}',               -- food, halal, vegetarian
  support_kinds text[] NOT NULL DEFAULT '{}',
  -- capacity (alongside HSDS service_capacity)
  capacity_status text NOT NULL DEFAULT 'places_available'
    CHECK (capacity_status IN ('places_available', 'full', 'waiting_list')),
  accepting_referrals boolean NOT NULL DEFAULT true,
  -- safeguarding vetting
  safeguarding_policy boolean NOT NULL DEFAULT false,
  safeguarding_checked_leads boolean NOT NULL DEFAULT false,
  trauma_informed_training boolean NOT NULL DEFAULT false,
  safeguarding_review_date date,
  -- verification
  verified_by text,
  review_due date
);
CREATE INDEX belong_service_support_kinds ON belong_service USING gin (support_kinds);
CREATE INDEX belong_service_communities ON belong_service USING gin (communities);

CREATE TABLE belong_location (
  location_id uuid PRIMARY KEY REFERENCES location(id) ON DELETE CASCADE,
  -- e.g. a refuge: publish a contact, never the address or coordinates
  confidential boolean NOT NULL DEFAULT false,
  area_name text
);

-- Dates when a schedule does not run as usual (bank holidays, summer break).
CREATE TABLE belong_schedule_exception (
  id uuid PRIMARY KEY,
  service_id uuid NOT NULL REFERENCES service(id) ON DELETE CASCADE,
  schedule_id uuid REFERENCES schedule(id) ON DELETE CASCADE,
  starts_on date NOT NULL,
  ends_on date NOT NULL,
  closed boolean NOT NULL DEFAULT true,
  opens_at time,
  closes_at time,
  description text,
  CHECK (starts_on <= ends_on)
);
CREATE INDEX belong_schedule_exception_service ON belong_schedule_exception (service_id, starts_on);

-- Where an imported record came from, so re-imports update instead of duplicating.
CREATE TABLE belong_import_source (
  source text NOT NULL,
  external_id text NOT NULL,
  entity text NOT NULL,
  entity_id uuid NOT NULL,
  content_hash text,
  imported_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (source, entity, external_id)
);
