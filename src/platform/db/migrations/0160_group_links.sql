-- Referrals to groups with no account on Belong (docs/adr/0008-referral-links-for-groups-without-accounts.md).
--
-- How an attempt sent to such a group is followed: 'link' (Belong sends the
-- group's listed contact a link to a small page where it records each step)
-- or 'phone' (the connector records each step on the group's behalf). Null
-- when a Belong organisation receives the attempt in its inbox.
ALTER TABLE referral_attempt ADD COLUMN group_contact text CHECK (group_contact IN ('link', 'phone'));

-- One link per sending: only a hash of its secret is kept; it works for one
-- attempt until it expires, is replaced by a newer one or is stopped. Each
-- form on its page carries a nonce that changes with every step recorded, so
-- a form sent twice (or replayed) is refused.
CREATE TABLE referral_group_link (
  id uuid PRIMARY KEY,
  attempt_id uuid NOT NULL REFERENCES referral_attempt(id) ON DELETE CASCADE,
  token_hash text NOT NULL UNIQUE,
  form_nonce text NOT NULL,
  -- Where it was sent (the group's listed e-mail, or "sms:<number>").
  sent_to text NOT NULL,
  created_by uuid REFERENCES staff_account(id),
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  revoked_why text CHECK (revoked_why IN ('replaced', 'stopped')),
  last_used_at timestamptz
);
CREATE INDEX referral_group_link_attempt ON referral_group_link (attempt_id, created_at DESC);

-- A group (a directory organisation) that asked not to get these messages.
CREATE TABLE group_message_opt_out (
  organization_id uuid PRIMARY KEY REFERENCES organization(id) ON DELETE CASCADE,
  opted_out_at timestamptz NOT NULL,
  -- The attempt whose link page they asked from.
  attempt_id uuid REFERENCES referral_attempt(id) ON DELETE SET NULL
);
