-- Travel buddies, properly (issue 14, item 3).
--
-- A volunteer goes with a person to a first visit and, optionally, the first
-- few sessions after it (at most 4 in all). Each session has a date, a time
-- (London), a meeting point in the booker's words, the vetted volunteer going
-- along and who booked it (the buddy's way to reach the coordinator). The
-- person's own phone reaches the buddy only when the booker recorded that the
-- person agreed to it AND their contact details are shared under a consent in
-- force. Afterwards the buddy says how it went; that moves the referral on
-- through the one transition check (referral-transition.ts).

CREATE TABLE buddy_session (
  id uuid PRIMARY KEY,
  attempt_id uuid NOT NULL REFERENCES referral_attempt(id) ON DELETE CASCADE,
  -- 1 is the first visit.
  number integer NOT NULL CHECK (number BETWEEN 1 AND 4),
  buddy_account_id uuid NOT NULL REFERENCES staff_account(id),
  on_date date NOT NULL,
  at_time text NOT NULL CHECK (at_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  meeting_point text NOT NULL CHECK (length(meeting_point) BETWEEN 1 AND 200),
  -- The person agreed that this buddy may have their phone number (never assumed).
  contact_shared boolean NOT NULL DEFAULT false,
  -- Who booked it, and from which side of the referral.
  booked_by uuid NOT NULL REFERENCES staff_account(id),
  booked_side text NOT NULL CHECK (booked_side IN ('referrer', 'recipient')),
  booked_at timestamptz NOT NULL,
  -- "How did it go", by the buddy.
  outcome text CHECK (outcome IN ('went_together', 'person_did_not_come', 'buddy_could_not_go')),
  outcome_note text CHECK (length(outcome_note) <= 500),
  outcome_at timestamptz,
  UNIQUE (attempt_id, number)
);

CREATE INDEX buddy_session_buddy ON buddy_session (buddy_account_id, on_date);
