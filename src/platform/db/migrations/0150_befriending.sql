-- Befriending, volunteers and pathways (issue 14).
--
-- A volunteer is a staff account with the role 'volunteer'; their profile says
-- what they offer and when, and their vetting checks (DBS or equivalent,
-- training, references) each have an expiry date. Matching never proposes a
-- volunteer whose checks are missing or out of date.

CREATE TABLE volunteer_profile (
  account_id uuid PRIMARY KEY REFERENCES staff_account(id) ON DELETE CASCADE,
  -- Only when the volunteer chose to say (a person may ask for a woman or a man).
  gender text CHECK (gender IN ('woman', 'man', 'another')),
  -- Languages they can befriend in (ISO 639 codes, e.g. 'ar', 'en').
  languages text[] NOT NULL DEFAULT '{}',
  -- Outward codes they can meet people in (e.g. 'BD8').
  areas text[] NOT NULL DEFAULT '{}',
  -- Parts of the week they are free: '<day>_<part>', e.g. 'mon_morning'.
  availability text[] NOT NULL DEFAULT '{}',
  -- Their own words: cooking, football, gardening…
  interests text[] NOT NULL DEFAULT '{}',
  offers text[] NOT NULL DEFAULT '{}'
    CHECK (offers <@ ARRAY['befriend_in_person', 'befriend_phone', 'travel_buddy', 'interpreting', 'peer_mentoring']::text[]),
  -- A peer mentor: someone with lived experience of what the people they support are going through.
  lived_experience boolean NOT NULL DEFAULT false,
  -- How many people they can befriend at once.
  max_matches integer NOT NULL DEFAULT 2 CHECK (max_matches BETWEEN 0 AND 10),
  -- Taking a break: no new matches.
  paused boolean NOT NULL DEFAULT false,
  updated_by uuid REFERENCES staff_account(id),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- One row per check done; the newest row of each kind counts.
CREATE TABLE volunteer_check (
  id uuid PRIMARY KEY,
  account_id uuid NOT NULL REFERENCES staff_account(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('dbs', 'training', 'references')),
  checked_on date NOT NULL,
  expires_on date NOT NULL CHECK (expires_on > checked_on),
  note text,
  recorded_by uuid REFERENCES staff_account(id),
  recorded_at timestamptz NOT NULL,
  -- When the "this check runs out soon" reminder went (once per check).
  reminded_at timestamptz
);
CREATE INDEX volunteer_check_account ON volunteer_check (account_id, kind, recorded_at DESC);
CREATE INDEX volunteer_check_due ON volunteer_check (expires_on) WHERE reminded_at IS NULL;

CREATE TABLE befriending_match (
  id uuid PRIMARY KEY,
  person_id uuid NOT NULL REFERENCES person(id) ON DELETE CASCADE,
  -- The organisation that holds the person's record (the coordinator's).
  organisation_id uuid NOT NULL REFERENCES staff_organisation(id),
  volunteer_account_id uuid NOT NULL REFERENCES staff_account(id),
  coordinator_account_id uuid NOT NULL REFERENCES staff_account(id),
  mode text NOT NULL CHECK (mode IN ('in_person', 'phone')),
  state text NOT NULL CHECK (state IN ('proposed', 'active', 'ending', 'ended', 'declined', 'withdrawn')),
  -- Why Belong suggested this volunteer (reason codes, shown to the coordinator).
  reasons text[] NOT NULL DEFAULT '{}',
  goal text,
  person_agreed_at timestamptz,
  -- The share consent the person gave so their name and contact details reach the volunteer.
  share_consent_id uuid REFERENCES person_consent(id),
  volunteer_agreed_at timestamptz,
  declined_by text CHECK (declined_by IN ('person', 'volunteer', 'coordinator')),
  review_on date,
  end_reason text CHECK (end_reason IN ('goal_met', 'group', 'person_choice', 'volunteer_choice')),
  ending_started_at timestamptz,
  goodbye_on date,
  goodbye_note text,
  ended_at timestamptz,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX befriending_match_person ON befriending_match (person_id, created_at);
CREATE INDEX befriending_match_volunteer ON befriending_match (volunteer_account_id, state);
CREATE INDEX befriending_match_organisation ON befriending_match (organisation_id, state);
-- One open match between a person and a volunteer at a time.
CREATE UNIQUE INDEX befriending_match_open ON befriending_match (person_id, volunteer_account_id)
  WHERE state IN ('proposed', 'active', 'ending');

-- Planned and logged contacts.
CREATE TABLE befriending_contact (
  id uuid PRIMARY KEY,
  match_id uuid NOT NULL REFERENCES befriending_match(id) ON DELETE CASCADE,
  planned_on date NOT NULL,
  planned_time text,
  status text NOT NULL CHECK (status IN ('planned', 'done', 'missed')),
  note text,
  logged_by uuid REFERENCES staff_account(id),
  logged_at timestamptz,
  created_at timestamptz NOT NULL
);
CREATE INDEX befriending_contact_match ON befriending_contact (match_id, planned_on);

-- A worry about someone's safety, raised from a contact: reaches the coordinator at once.
CREATE TABLE befriending_concern (
  id uuid PRIMARY KEY,
  match_id uuid NOT NULL REFERENCES befriending_match(id) ON DELETE CASCADE,
  contact_id uuid REFERENCES befriending_contact(id),
  raised_by uuid NOT NULL REFERENCES staff_account(id),
  raised_at timestamptz NOT NULL,
  note text NOT NULL CHECK (length(btrim(note)) > 0),
  seen_by uuid REFERENCES staff_account(id),
  seen_at timestamptz
);
CREATE INDEX befriending_concern_open ON befriending_concern (match_id) WHERE seen_at IS NULL;

-- The person's own word about how the meetings go (at /my, in their language).
CREATE TABLE befriending_check_in (
  id uuid PRIMARY KEY,
  match_id uuid NOT NULL REFERENCES befriending_match(id) ON DELETE CASCADE,
  answer text NOT NULL CHECK (answer IN ('going_well', 'ok', 'not_well')),
  words text,
  at timestamptz NOT NULL
);
CREATE INDEX befriending_check_in_match ON befriending_check_in (match_id, at);

-- A person's pathway: one-to-one, groups, giving back. Next steps are
-- suggested, and offered to the person only when the connector chooses to.
CREATE TABLE person_pathway (
  person_id uuid PRIMARY KEY REFERENCES person(id) ON DELETE CASCADE,
  stage text NOT NULL CHECK (stage IN ('one_to_one', 'groups', 'giving_back')),
  updated_by uuid REFERENCES staff_account(id),
  updated_at timestamptz NOT NULL
);

CREATE TABLE pathway_step (
  id uuid PRIMARY KEY,
  person_id uuid NOT NULL REFERENCES person(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('group', 'volunteering', 'peer_mentor')),
  service_id uuid,
  label text NOT NULL,
  status text NOT NULL CHECK (status IN ('offered', 'taken_up', 'not_now')),
  created_by uuid REFERENCES staff_account(id),
  created_at timestamptz NOT NULL,
  decided_at timestamptz
);
CREATE INDEX pathway_step_person ON pathway_step (person_id, created_at);
