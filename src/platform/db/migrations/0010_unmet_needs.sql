-- Unmet needs: when matching finds nothing that fits a person, an anonymous
-- record of what could not be met, for commissioners. No person id, no name,
-- no free text: the area's outward code (e.g. 'BD8', never a full postcode),
-- coded needs (e.g. 'language:bn', 'kind:befriending', 'women_only',
-- 'childcare'), and the hard rules that ruled services out.
CREATE TABLE unmet_need (
  id uuid PRIMARY KEY,
  -- The staff organisation whose connector looked (for counts by organisation; not a person).
  organisation_id uuid REFERENCES staff_organisation(id) ON DELETE SET NULL,
  outcode text CHECK (outcode ~ '^[A-Z]{1,2}[0-9][A-Z0-9]?$'),
  needs text[] NOT NULL DEFAULT '{}',
  rules text[] NOT NULL DEFAULT '{}',
  recorded_at timestamptz NOT NULL
);
CREATE INDEX unmet_need_recorded ON unmet_need (recorded_at);
