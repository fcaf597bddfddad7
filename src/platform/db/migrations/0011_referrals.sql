-- Referrals: one referral per need a person has, one attempt per service it
-- is sent to, and an append-only history of everything that happened to each
-- attempt. The life cycle is checked in code (src/modules/referrals/
-- referral-transition.ts); the table keeps the attempt's current snapshot,
-- its next step and a version that every change bumps (a change made from an
-- older version is refused, so two people acting at once cannot overwrite
-- each other).

CREATE TABLE referral (
  id uuid PRIMARY KEY,
  person_id uuid NOT NULL REFERENCES person(id) ON DELETE CASCADE,
  -- The referrer organisation (holds the person's record) and the connector who owns the referral.
  organisation_id uuid NOT NULL REFERENCES staff_organisation(id),
  connector_account_id uuid NOT NULL REFERENCES staff_account(id),
  -- The need in the person's own plain words.
  need text NOT NULL CHECK (length(btrim(need)) > 0),
  -- A short summary of the "what matters to you" conversation, written to be shared.
  summary text,
  -- Practical support the first visits need.
  interpreter_needed boolean NOT NULL DEFAULT false,
  interpreter_language text,
  accompany_wanted boolean NOT NULL DEFAULT false,
  transport_needed boolean NOT NULL DEFAULT false,
  childcare_needed boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  closed_at timestamptz
);
CREATE INDEX referral_person ON referral (person_id);
CREATE INDEX referral_connector ON referral (organisation_id, connector_account_id);

CREATE TABLE referral_attempt (
  id uuid PRIMARY KEY,
  -- Creation order (timestamps can tie).
  seq integer GENERATED ALWAYS AS IDENTITY,
  referral_id uuid NOT NULL REFERENCES referral(id) ON DELETE CASCADE,
  service_id uuid NOT NULL,
  -- The service's name when it was chosen (the listing may change or go).
  service_name text NOT NULL,
  -- The staff organisation that manages the service's listing (resolved again when sent).
  recipient_organisation_id uuid REFERENCES staff_organisation(id),
  state text NOT NULL CHECK (state IN ('draft', 'sent', 'acknowledged', 'accepted', 'waiting_list', 'declined', 'contact_attempted',
    'first_visit_booked', 'attending', 'paused', 'completed', 'not_taken_up', 'withdrawn', 'expired', 'redirected', 'moved_area', 'entered_in_error')),
  paused_from text,
  contact_attempts integer NOT NULL DEFAULT 0,
  first_visit_date date,
  companion_kind text CHECK (companion_kind IN ('volunteer', 'staff')),
  companion_account_id uuid REFERENCES staff_account(id),
  companion_name text,
  decline_reason text CHECK (decline_reason IN ('full', 'not_eligible', 'cannot_meet_language_need', 'safeguarding', 'other')),
  not_taken_up_reason text CHECK (not_taken_up_reason IN ('could_not_reach', 'person_chose_not_to')),
  outcome text CHECK (outcome IN ('need_met', 'going_independently')),
  -- The note given with the last decline, pause, withdrawal or closing.
  reason_note text,
  interpreter_met boolean,
  -- What was shared with the recipient, and the consent that allowed it.
  shared_fields text[] NOT NULL DEFAULT '{}',
  share_consent_id uuid REFERENCES person_consent(id),
  sent_at timestamptz,
  -- When the recipients were told the person withdrew that consent.
  consent_withdrawn_notified_at timestamptz,
  -- The next step: what, whose, when due, and when it is late.
  next_task text,
  next_owner text CHECK (next_owner IN ('referrer', 'recipient', 'person')),
  next_due date,
  next_late_after date,
  nudge_count integer NOT NULL DEFAULT 0,
  last_nudge_at timestamptz,
  next_nudge_on date,
  redirected_to uuid REFERENCES referral_attempt(id),
  version integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX referral_attempt_referral ON referral_attempt (referral_id);
CREATE INDEX referral_attempt_recipient ON referral_attempt (recipient_organisation_id, state);
CREATE INDEX referral_attempt_due ON referral_attempt (next_due) WHERE next_due IS NOT NULL;

CREATE TABLE referral_event (
  id uuid PRIMARY KEY,
  -- The order things happened in (timestamps can tie).
  seq integer GENERATED ALWAYS AS IDENTITY,
  attempt_id uuid NOT NULL REFERENCES referral_attempt(id) ON DELETE CASCADE,
  referral_id uuid NOT NULL REFERENCES referral(id) ON DELETE CASCADE,
  at timestamptz NOT NULL,
  -- Null for the system (deadlines).
  actor_account_id uuid REFERENCES staff_account(id),
  side text NOT NULL CHECK (side IN ('referrer', 'recipient', 'person', 'system')),
  event_type text NOT NULL,
  payload jsonb NOT NULL DEFAULT '{}',
  from_state text,
  to_state text,
  note text
);
CREATE INDEX referral_event_attempt ON referral_event (attempt_id, seq);
CREATE INDEX referral_event_referral ON referral_event (referral_id, seq);
