-- People: the record a connector keeps with (and for) a person, minimal by
-- design. A name or chosen name is the only thing required; nothing here asks
-- for an NHS number, date of birth, full address or immigration status.
-- Everything personal is optional and kept only when the person wants it.

CREATE TABLE person (
  id uuid PRIMARY KEY,
  -- The staff organisation that holds the record (the connector's organisation).
  organisation_id uuid NOT NULL REFERENCES staff_organisation(id),
  -- Name or chosen name: whatever the person wants to be called.
  display_name text NOT NULL CHECK (length(btrim(display_name)) > 0),
  -- Interface language code (locales/*.json), used for their plan and check-ins.
  preferred_language text NOT NULL,
  -- Other languages they speak (ISO 639 codes), for matching.
  other_languages text[] NOT NULL DEFAULT '{}',
  -- Happy to take part in English (then English-only groups are not ruled out).
  english_ok boolean NOT NULL DEFAULT false,
  interpreter_needed boolean NOT NULL DEFAULT false,
  -- Language and dialect as the person names it, e.g. "Sylheti" or "ckb".
  interpreter_language text,
  -- How they want to be contacted, and whether that is safe.
  contact_method text CHECK (contact_method IN ('phone', 'text', 'email', 'in_person', 'through_connector')),
  phone text,
  email text,
  safe_to_call boolean,
  safe_to_text boolean,
  safe_to_leave_message boolean,
  -- Postcode or outward code as given, and the outward code it resolved to.
  area text,
  outcode text,
  -- Only when the person wants to say (it lets women-only or men-only groups be offered).
  gender text CHECK (gender IN ('woman', 'man', 'another')),
  -- Only when the person wants to say (for age-limited groups): '16-17', '18-24', '25-49', '50-64', '65+'.
  age_band text CHECK (age_band IN ('under_16', '16_17', '18_24', '25_49', '50_64', '65_plus')),
  created_by uuid REFERENCES staff_account(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  -- Set when the record is closed (moved on, asked to be forgotten after the retention period…).
  closed_at timestamptz
);
CREATE INDEX person_organisation ON person (organisation_id, closed_at);

-- Consent, one row per thing agreed: what may be stored, what may be shared
-- with whom and for what, how they may be contacted. Withdrawable; never
-- deleted, so the history of what was agreed stays.
CREATE TABLE person_consent (
  id uuid PRIMARY KEY,
  person_id uuid NOT NULL REFERENCES person(id) ON DELETE CASCADE,
  -- store: keep this kind of information; share: pass it to a recipient; contact: may be contacted this way.
  kind text NOT NULL CHECK (kind IN ('store', 'share', 'contact')),
  -- What it covers: for store/share, the kinds of information (e.g. 'conversation', 'measures',
  -- 'contact_details', 'plan'); for contact, the ways ('call', 'text', 'email').
  scope text[] NOT NULL DEFAULT '{}',
  -- For share: who receives it (a staff organisation) and why.
  recipient_organisation_id uuid REFERENCES staff_organisation(id),
  purpose text,
  -- How it was given: said to a connector, written, or by the person themselves.
  given_by text NOT NULL CHECK (given_by IN ('verbal', 'written', 'self')),
  recorded_by uuid REFERENCES staff_account(id),
  granted_at timestamptz NOT NULL,
  expires_at timestamptz,
  withdrawn_at timestamptz,
  withdrawn_by uuid REFERENCES staff_account(id),
  note text
);
CREATE INDEX person_consent_person ON person_consent (person_id, kind);
