-- A crisis route (issue 15): someone is at risk.
--
-- Each organisation that holds people's records names a safeguarding lead
-- (one of its connectors). A crisis flag raised during a conversation, from
-- the person's record, or by the person at /my is a safeguarding concern for
-- that lead, who must acknowledge it by `acknowledge_by`; one still not
-- acknowledged then is escalated once to the organisation's managers and the
-- deployment's administrators (the `safety.escalations` job).
--
-- A befriending concern (0150) stays with its match: it is raised by a
-- volunteer about a contact and reaches the coordinators; this table is the
-- organisation-wide "someone is at risk now".

CREATE TABLE organisation_safeguarding (
  organisation_id uuid PRIMARY KEY REFERENCES staff_organisation(id) ON DELETE CASCADE,
  lead_account_id uuid NOT NULL REFERENCES staff_account(id),
  updated_by uuid REFERENCES staff_account(id),
  updated_at timestamptz NOT NULL
);

CREATE TABLE safeguarding_concern (
  id uuid PRIMARY KEY,
  person_id uuid NOT NULL REFERENCES person(id) ON DELETE CASCADE,
  -- The organisation holding the person's record when it was raised.
  organisation_id uuid NOT NULL REFERENCES staff_organisation(id),
  source text NOT NULL CHECK (source IN ('conversation', 'record', 'my')),
  -- The connector who raised it; null when the person raised it themselves at /my.
  raised_by uuid REFERENCES staff_account(id),
  raised_at timestamptz NOT NULL,
  -- A few words from whoever raised it (optional).
  note text CHECK (note IS NULL OR length(note) <= 1000),
  -- The lead told (null: the organisation had named none, so its managers and connectors were told).
  lead_account_id uuid REFERENCES staff_account(id),
  acknowledge_by timestamptz NOT NULL,
  acknowledged_by uuid REFERENCES staff_account(id),
  acknowledged_at timestamptz,
  escalated_at timestamptz,
  CHECK ((acknowledged_by IS NULL) = (acknowledged_at IS NULL))
);
CREATE INDEX safeguarding_concern_person ON safeguarding_concern (person_id, raised_at DESC);
CREATE INDEX safeguarding_concern_open ON safeguarding_concern (organisation_id, raised_at DESC) WHERE acknowledged_at IS NULL;
-- What the escalation job reads: due, neither acknowledged nor escalated yet.
CREATE INDEX safeguarding_concern_due ON safeguarding_concern (acknowledge_by) WHERE acknowledged_at IS NULL AND escalated_at IS NULL;
