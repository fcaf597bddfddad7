-- Moving area (issue 6, item 6). A hand-over passes a person's record, with
-- their consent, from one referrer organisation to another in the same
-- deployment; the receiving organisation accepts or declines it. On
-- acceptance the record itself moves (person.organisation_id), so the old
-- organisation loses access at once (see docs/handover.md).

CREATE TABLE handover (
  id uuid PRIMARY KEY,
  person_id uuid NOT NULL REFERENCES person(id) ON DELETE CASCADE,
  from_organisation_id uuid NOT NULL REFERENCES staff_organisation(id),
  to_organisation_id uuid NOT NULL REFERENCES staff_organisation(id),
  -- The person's 'share' consent that allows it (recipient: to_organisation_id).
  consent_id uuid NOT NULL REFERENCES person_consent(id),
  -- What travels: always 'record'; optionally 'conversation', 'plan', 'measures', 'referrals'.
  scope text[] NOT NULL,
  -- Where the person is moving to (postcode or outward code), if known.
  new_area text,
  -- A short note for the receiving connector.
  note text,
  status text NOT NULL DEFAULT 'offered' CHECK (status IN ('offered', 'accepted', 'declined')),
  started_by uuid NOT NULL REFERENCES staff_account(id),
  started_at timestamptz NOT NULL,
  decided_by uuid REFERENCES staff_account(id),
  decided_at timestamptz,
  decline_note text,
  CHECK (from_organisation_id <> to_organisation_id)
);
CREATE INDEX handover_incoming ON handover (to_organisation_id, status);
-- At most one open offer per person.
CREATE UNIQUE INDEX handover_one_open ON handover (person_id) WHERE status = 'offered';

-- A person record made from a package exported by another deployment: the
-- referral history it carried, kept as history only (no live referral).
CREATE TABLE handover_import (
  id uuid PRIMARY KEY,
  person_id uuid NOT NULL REFERENCES person(id) ON DELETE CASCADE,
  organisation_id uuid NOT NULL REFERENCES staff_organisation(id),
  package_id text NOT NULL,
  format_version integer NOT NULL,
  from_organisation_name text,
  exported_at timestamptz NOT NULL,
  scope text[] NOT NULL,
  -- [{ need, createdAt, attempts: [{ serviceName, orukServiceId, state, sentAt, events: [{ at, type, from, to }] }] }]
  referral_history jsonb NOT NULL DEFAULT '[]',
  imported_by uuid NOT NULL REFERENCES staff_account(id),
  imported_at timestamptz NOT NULL
);
CREATE INDEX handover_import_person ON handover_import (person_id);
