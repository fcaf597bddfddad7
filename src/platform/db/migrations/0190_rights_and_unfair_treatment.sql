-- Safety and rights (issue 15, items 1 and 4).

-- "Know your rights" pages: the catalogue holds the default text of each page
-- in every language; a deployment may replace a page's text in one language
-- and records when it was last checked and when it must be checked again.
-- A row with no title and no body keeps the catalogue text but still carries
-- the review date (the administrator checked the default and found it right).
CREATE TABLE rights_page_text (
  page text NOT NULL CHECK (page IN ('gp', 'nhs', 'privacy', 'complain')),
  locale text NOT NULL CHECK (length(locale) BETWEEN 2 AND 8),
  title text CHECK (title IS NULL OR length(btrim(title)) > 0),
  body text CHECK (body IS NULL OR length(btrim(body)) > 0),
  review_by date NOT NULL,
  updated_by uuid REFERENCES staff_account(id) ON DELETE SET NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (page, locale),
  CONSTRAINT rights_page_text_whole CHECK ((title IS NULL) = (body IS NULL))
);

-- "Report unfair treatment safely": racism, discrimination or feeling unsafe
-- at a service, for the deployment's administrators (never the provider).
-- An anonymous report keeps no way to reach the person.
CREATE TABLE unfair_treatment_report (
  id uuid PRIMARY KEY,
  -- The listing, when the person came from its page or the name matched one service.
  service_id uuid REFERENCES service(id) ON DELETE SET NULL,
  -- The service or place as the person named it.
  service_name text NOT NULL CHECK (length(btrim(service_name)) > 0),
  kinds text[] NOT NULL CHECK (cardinality(kinds) > 0 AND kinds <@ ARRAY['racism', 'discrimination', 'unsafe', 'other']::text[]),
  what_happened text NOT NULL CHECK (length(btrim(what_happened)) > 0),
  happened_when text,
  anonymous boolean NOT NULL,
  contact_name text,
  contact text,
  language text NOT NULL,
  status text NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'looking', 'closed')),
  outcome text,
  updated_by uuid REFERENCES staff_account(id) ON DELETE SET NULL,
  updated_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL,
  CONSTRAINT unfair_treatment_anonymous CHECK (NOT anonymous OR (contact IS NULL AND contact_name IS NULL)),
  CONSTRAINT unfair_treatment_reachable CHECK (anonymous OR contact IS NOT NULL),
  CONSTRAINT unfair_treatment_outcome CHECK ((status = 'closed') = (outcome IS NOT NULL))
);
CREATE INDEX unfair_treatment_report_queue ON unfair_treatment_report (status, created_at);
CREATE INDEX unfair_treatment_report_service ON unfair_treatment_report (service_id, created_at);

-- Reports per (hashed) client address in a fixed window; no link to a report.
CREATE TABLE unfair_treatment_throttle (
  key text PRIMARY KEY,
  window_started_at timestamptz NOT NULL,
  reports integer NOT NULL DEFAULT 0
);
