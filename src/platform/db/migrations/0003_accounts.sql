-- Staff accounts and the organisations they belong to; server-side sessions;
-- one-time links (invitations, password resets); login throttling; the
-- outbox the default notifier writes to; and the append-only audit log.
--
-- "Organisation" here (British spelling, staff_ prefix) is a partner of the
-- deployment whose staff sign in: a GP practice, a charity, a council team.
-- It is not the HSDS `organization` of the directory; a provider organisation
-- is linked to the directory organisation(s) whose listings it keeps up to
-- date through staff_organisation_listing.

CREATE TABLE staff_organisation (
  id uuid PRIMARY KEY,
  name text NOT NULL CHECK (length(btrim(name)) > 0),
  -- referrer: sends people on (GP practice, housing provider, job centre);
  -- provider: runs groups and services; both: does both.
  kind text NOT NULL CHECK (kind IN ('referrer', 'provider', 'both')),
  -- The deployment's own team. Administrators belong here; there is one.
  operator boolean NOT NULL DEFAULT false,
  -- Suspending an organisation stops all its staff signing in.
  suspended_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX staff_organisation_one_operator ON staff_organisation (operator) WHERE operator;
CREATE UNIQUE INDEX staff_organisation_name ON staff_organisation (lower(name));

-- Which directory organisations' listings a provider organisation manages.
CREATE TABLE staff_organisation_listing (
  staff_organisation_id uuid NOT NULL REFERENCES staff_organisation(id) ON DELETE CASCADE,
  organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
  PRIMARY KEY (staff_organisation_id, organization_id)
);
CREATE INDEX staff_organisation_listing_org ON staff_organisation_listing (organization_id);

CREATE TABLE staff_account (
  id uuid PRIMARY KEY,
  organisation_id uuid NOT NULL REFERENCES staff_organisation(id),
  -- Stored lower-cased and trimmed, so the unique index is case-insensitive.
  email text NOT NULL CHECK (email = lower(btrim(email)) AND email LIKE '%_@_%'),
  name text NOT NULL CHECK (length(btrim(name)) > 0),
  role text NOT NULL CHECK (role IN ('administrator', 'commissioner', 'connector', 'provider_staff', 'volunteer')),
  -- May invite and suspend staff of their own organisation.
  manager boolean NOT NULL DEFAULT false,
  -- argon2id (PHC string). Null until the person sets one with a one-time link.
  password_hash text,
  password_changed_at timestamptz,
  -- Two-step sign-in (TOTP, RFC 6238): base32 secret once confirmed; the
  -- secret being set up; the last time step used, so a code works once.
  totp_secret text,
  totp_pending_secret text,
  totp_last_step integer,
  -- Login protection: failures since the last success or lockout, how many
  -- lockouts in a row (each one longer), and until when signing in is paused.
  failed_logins integer NOT NULL DEFAULT 0,
  lockouts integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  disabled_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_sign_in_at timestamptz
);
CREATE UNIQUE INDEX staff_account_email ON staff_account (email);
CREATE INDEX staff_account_organisation ON staff_account (organisation_id);

-- A signed-in browser. The cookie holds a random token; only its SHA-256 is
-- kept here, so a copy of the database cannot be used to sign in.
CREATE TABLE staff_session (
  token_hash text PRIMARY KEY,
  account_id uuid NOT NULL REFERENCES staff_account(id) ON DELETE CASCADE,
  -- The synchronizer token every signed-in form carries.
  csrf_token text NOT NULL,
  -- two_step: password accepted, waiting for the code; active: signed in.
  stage text NOT NULL DEFAULT 'active' CHECK (stage IN ('two_step', 'active')),
  created_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  -- Absolute expiry; idle expiry is last_seen_at plus the configured idle time.
  expires_at timestamptz NOT NULL
);
CREATE INDEX staff_session_account ON staff_session (account_id);
CREATE INDEX staff_session_expires ON staff_session (expires_at);

CREATE TABLE staff_invitation (
  id uuid PRIMARY KEY,
  token_hash text NOT NULL UNIQUE,
  organisation_id uuid NOT NULL REFERENCES staff_organisation(id) ON DELETE CASCADE,
  email text NOT NULL CHECK (email = lower(btrim(email)) AND email LIKE '%_@_%'),
  role text NOT NULL CHECK (role IN ('administrator', 'commissioner', 'connector', 'provider_staff', 'volunteer')),
  manager boolean NOT NULL DEFAULT false,
  invited_by uuid REFERENCES staff_account(id),
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  accepted_at timestamptz,
  account_id uuid REFERENCES staff_account(id),
  revoked_at timestamptz
);
CREATE INDEX staff_invitation_organisation ON staff_invitation (organisation_id, created_at);

-- A one-time link to set a new password (also how a new administrator made
-- on the command line sets their first one).
CREATE TABLE staff_password_reset (
  id uuid PRIMARY KEY,
  token_hash text NOT NULL UNIQUE,
  account_id uuid NOT NULL REFERENCES staff_account(id) ON DELETE CASCADE,
  -- Null when issued from the command line.
  issued_by uuid REFERENCES staff_account(id),
  -- Also turn off two-step sign-in (the person lost their phone).
  clear_two_step boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);
CREATE INDEX staff_password_reset_account ON staff_password_reset (account_id);

-- Failed sign-ins per client address (a keyed hash of it), shared by every
-- app process, so guessing is slowed even across accounts and processes.
CREATE TABLE staff_login_throttle (
  key text PRIMARY KEY,
  failures integer NOT NULL DEFAULT 0,
  window_started_at timestamptz NOT NULL,
  blocked_until timestamptz
);

-- Per-deployment secrets made once, here, so no configuration is needed.
CREATE TABLE belong_secret (
  name text PRIMARY KEY,
  value text NOT NULL
);
-- Key for hashing client addresses (throttling, audit): 244 random bits.
INSERT INTO belong_secret (name, value)
  VALUES ('address_hash_key', replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''));

-- Messages for people (invitations, reset links). The default notifier only
-- writes them here, for an administrator to pass on; a delivering notifier
-- (e-mail, SMS) sets sent_at.
CREATE TABLE outbox (
  id uuid PRIMARY KEY,
  created_at timestamptz NOT NULL DEFAULT now(),
  recipient text NOT NULL,
  subject text NOT NULL,
  body text NOT NULL,
  sent_at timestamptz
);
CREATE INDEX outbox_created ON outbox (created_at DESC);

-- Who did or looked at what, when, from which organisation, and why.
-- Append-only: the application only inserts, and the triggers below refuse
-- UPDATE, DELETE and TRUNCATE for everyone, the application included.
CREATE TABLE audit_event (
  id uuid PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  actor_account_id uuid,
  actor_organisation_id uuid,
  actor_role text,
  action text NOT NULL,
  outcome text NOT NULL DEFAULT 'allowed' CHECK (outcome IN ('allowed', 'denied')),
  subject_type text,
  subject_id text,
  reason text,
  details jsonb NOT NULL DEFAULT '{}',
  request_id text,
  ip_hash text
);
CREATE INDEX audit_event_at ON audit_event (at DESC, id DESC);
CREATE INDEX audit_event_subject ON audit_event (subject_type, subject_id, at DESC);
CREATE INDEX audit_event_actor ON audit_event (actor_account_id, at DESC);
CREATE INDEX audit_event_action ON audit_event (action, at DESC);

CREATE FUNCTION belong_audit_append_only() RETURNS trigger
  LANGUAGE plpgsql
  AS $$ BEGIN RAISE EXCEPTION 'audit_event is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege'; END $$;
CREATE TRIGGER audit_event_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_event
  FOR EACH ROW EXECUTE FUNCTION belong_audit_append_only();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
  FOR EACH STATEMENT EXECUTE FUNCTION belong_audit_append_only();
