-- The person's own view (/my): access without an account, with a code and a
-- PIN a connector gives them; the person's sessions; their feedback on a
-- service; and the check-in messages sent to them (one per attempt).

-- An access code for one person. Only a keyed hash of the code (to look it
-- up) and an argon2id hash of the PIN are kept. Issuing a new one revokes the
-- old one. Wrong PINs count per code and lock it after a few.
CREATE TABLE person_access (
  id uuid PRIMARY KEY,
  person_id uuid NOT NULL REFERENCES person(id) ON DELETE CASCADE,
  code_hash text NOT NULL UNIQUE,
  pin_hash text NOT NULL,
  issued_by uuid REFERENCES staff_account(id),
  issued_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  failed_attempts integer NOT NULL DEFAULT 0,
  locked_at timestamptz,
  last_used_at timestamptz
);
CREATE INDEX person_access_person ON person_access (person_id);

-- A signed-in session of the person (the cookie holds a random token; only its SHA-256 is kept).
CREATE TABLE person_access_session (
  token_hash text PRIMARY KEY,
  access_id uuid NOT NULL REFERENCES person_access(id) ON DELETE CASCADE,
  person_id uuid NOT NULL REFERENCES person(id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  ended_at timestamptz
);
CREATE INDEX person_access_session_access ON person_access_session (access_id);

-- Feedback on a service the person was referred to. Anonymous feedback keeps
-- no person and no attempt: only the service and the day it was given.
CREATE TABLE service_feedback (
  id uuid PRIMARY KEY,
  service_id uuid NOT NULL,
  service_name text NOT NULL,
  person_id uuid REFERENCES person(id) ON DELETE CASCADE,
  attempt_id uuid REFERENCES referral_attempt(id) ON DELETE CASCADE,
  anonymous boolean NOT NULL,
  rating integer CHECK (rating BETWEEN 1 AND 5),
  comment text,
  given_on date NOT NULL,
  CHECK (rating IS NOT NULL OR comment IS NOT NULL),
  CHECK (NOT anonymous OR (person_id IS NULL AND attempt_id IS NULL))
);
CREATE INDEX service_feedback_service ON service_feedback (service_id, given_on);

-- One check-in message per attempt per first visit (so a re-run never sends it twice).
CREATE TABLE person_check_in_message (
  attempt_id uuid NOT NULL REFERENCES referral_attempt(id) ON DELETE CASCADE,
  first_visit_date date NOT NULL,
  channel text NOT NULL CHECK (channel IN ('text', 'email')),
  sent_at timestamptz NOT NULL,
  PRIMARY KEY (attempt_id, first_visit_date)
);
