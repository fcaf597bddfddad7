-- A directory you can trust (issue 10): "not stated" is a value, who a
-- service is for and its practicalities are structured, duplicate taxonomy
-- codes are allowed (as the standard allows), and each field knows who last
-- set it, so a re-import leaves people's work alone. See ADR 7.

-- 1. Unknown is a value. Until now a missing value was saved as a fact
-- ("everyone welcome", "drop in", "free", "places available", "accepting
-- referrals", "no crèche"…). Values already stored are kept exactly as they
-- are (nothing is lost); from now on a field nobody stated stays NULL. For
-- the lists (modes, food, support kinds, audiences) an empty list is "not
-- stated".
ALTER TABLE belong_service
  ALTER COLUMN gender DROP NOT NULL, ALTER COLUMN gender DROP DEFAULT,
  ALTER COLUMN entry DROP NOT NULL, ALTER COLUMN entry DROP DEFAULT,
  ALTER COLUMN cost_band DROP NOT NULL, ALTER COLUMN cost_band DROP DEFAULT,
  ALTER COLUMN childcare DROP NOT NULL, ALTER COLUMN childcare DROP DEFAULT,
  ALTER COLUMN transport_offered DROP NOT NULL, ALTER COLUMN transport_offered DROP DEFAULT,
  ALTER COLUMN accompany_first_visit DROP NOT NULL, ALTER COLUMN accompany_first_visit DROP DEFAULT,
  ALTER COLUMN interpreter_available DROP NOT NULL, ALTER COLUMN interpreter_available DROP DEFAULT,
  ALTER COLUMN modes SET DEFAULT '{}',
  ALTER COLUMN capacity_status DROP NOT NULL, ALTER COLUMN capacity_status DROP DEFAULT,
  ALTER COLUMN accepting_referrals DROP NOT NULL, ALTER COLUMN accepting_referrals DROP DEFAULT,
  ALTER COLUMN safeguarding_policy DROP NOT NULL, ALTER COLUMN safeguarding_policy DROP DEFAULT,
  ALTER COLUMN safeguarding_checked_leads DROP NOT NULL, ALTER COLUMN safeguarding_checked_leads DROP DEFAULT,
  ALTER COLUMN trauma_informed_training DROP NOT NULL, ALTER COLUMN trauma_informed_training DROP DEFAULT;

-- 2. Who it is for, and practicalities (Belong vocabulary groups "audience",
-- "eligibility", "access", "requires"; home visits join the modes).
ALTER TABLE belong_service
  -- audience codes: children, young_people, older_people, families, carers, …
  ADD COLUMN audiences text[] NOT NULL DEFAULT '{}',
  -- whether the audiences above are the only people who may come, or are
  -- especially welcome; or that it is open to all. NULL: not stated.
  ADD COLUMN eligibility text CHECK (eligibility IN ('open_to_all', 'only', 'especially_welcome')),
  -- {"step_free": true, "hearing_loop": false}: a key that is absent is not stated.
  ADD COLUMN accessibility jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(accessibility) = 'object'),
  -- {"id_documents": false}: "no ID needed" is a fact too.
  ADD COLUMN requirements jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(requirements) = 'object');
CREATE INDEX belong_service_audiences ON belong_service USING gin (audiences);
CREATE INDEX belong_service_accessibility ON belong_service USING gin (accessibility jsonb_path_ops);
CREATE INDEX belong_service_requirements ON belong_service USING gin (requirements jsonb_path_ops);

-- 3. Open Referral allows two terms of one taxonomy to share a code (only the
-- id must be unique). The unique index made a feed doing so lose a service.
DROP INDEX taxonomy_term_code;
CREATE INDEX taxonomy_term_code ON taxonomy_term (taxonomy_id, code) WHERE code IS NOT NULL;

-- 4. Services a source no longer lists are retired (made inactive), not deleted.
ALTER TABLE belong_import_source ADD COLUMN retired_at timestamptz;

-- 5. Where each field's value came from. `field` is "service.<column>",
-- "belong.<column>", "organization.<column>" or the name of a list the
-- service owns ("schedules", "locations", "languages", …). `entity_id` is the
-- service (or, for organization.* fields, the organisation). A field without a
-- row has never been set by anyone but the source that created the service.
CREATE TABLE belong_field_origin (
  entity_id uuid NOT NULL,
  field text NOT NULL,
  origin text NOT NULL CHECK (origin IN ('feed', 'provider', 'administrator')),
  -- the import source, or the staff account ("staff:<id>")
  source text,
  -- a hash of the value as its owner last set it (null when not known)
  value_hash text,
  -- a hash of the value the feed gave the last time it was imported, kept
  -- while a person owns the field: a change there is a conflict to report
  feed_hash text,
  changed_at timestamptz NOT NULL,
  PRIMARY KEY (entity_id, field)
);

-- Fields people changed in Belong after the service was last imported (from
-- the audit log, which names the parts of the listing each edit changed) are
-- theirs: an administrator's edits and approvals, a provider's edits, and
-- referrals paused or restarted from the inbox.
WITH edits AS (
  SELECT a.at, a.actor_account_id, s.id AS service_id, s.organization_id, f.field,
         CASE WHEN a.action = 'listing.approve' OR a.actor_role = 'administrator' THEN 'administrator' ELSE 'provider' END AS origin
  FROM audit_event a
  JOIN service s ON s.id::text = a.subject_id
  CROSS JOIN LATERAL jsonb_array_elements_text(
    CASE WHEN jsonb_typeof(a.details -> 'changedFields') = 'array' THEN a.details -> 'changedFields' ELSE '[]'::jsonb END
  ) AS f(field)
  WHERE a.action = 'listing.edit' AND a.outcome = 'allowed' AND a.subject_type = 'service'
  UNION ALL
  SELECT a.at, a.actor_account_id, s.id, s.organization_id,
         CASE WHEN f.field LIKE 'location.%' THEN 'locations' ELSE f.field END,
         'administrator'
  FROM audit_event a
  JOIN listing_change c ON c.id::text = a.subject_id
  JOIN service s ON s.id = c.service_id
  CROSS JOIN LATERAL jsonb_array_elements_text(
    CASE WHEN jsonb_typeof(a.details -> 'fields') = 'array' THEN a.details -> 'fields' ELSE '[]'::jsonb END
  ) AS f(field)
  WHERE a.action = 'listing.approve' AND a.outcome = 'allowed'
  UNION ALL
  SELECT a.at, a.actor_account_id, s.id, s.organization_id, 'belong.accepting_referrals', 'provider'
  FROM audit_event a
  JOIN service s ON s.id::text = a.subject_id
  WHERE a.action IN ('referral.pause_service', 'referral.resume_service') AND a.outcome = 'allowed' AND a.subject_type = 'service'
),
latest AS (
  SELECT DISTINCT ON (entity_id, field) *
  FROM (
    SELECT CASE WHEN e.field LIKE 'organization.%' THEN e.organization_id ELSE e.service_id END AS entity_id,
           e.field, e.origin, e.actor_account_id, e.at, e.service_id
    FROM edits e
  ) x
  ORDER BY entity_id, field, at DESC
)
INSERT INTO belong_field_origin (entity_id, field, origin, source, changed_at)
SELECT l.entity_id, l.field, l.origin, 'staff:' || coalesce(l.actor_account_id::text, 'unknown'), l.at
FROM latest l
WHERE NOT EXISTS (
  SELECT 1 FROM belong_import_source i
  WHERE i.entity = 'service' AND i.entity_id = l.service_id AND i.imported_at > l.at
);
