-- Read-only API tokens for commissioners' and administrators' BI tools
-- (issue 13). Only the SHA-256 of the secret is kept; the secret is shown
-- once, when the token is made. A token reads /api/reports/* as its account,
-- so a suspended account or a changed role stops it at once; revoking it
-- stops it for good. Every use is written to the audit log.
CREATE TABLE report_api_token (
  id uuid PRIMARY KEY,
  account_id uuid NOT NULL REFERENCES staff_account (id),
  name text NOT NULL CHECK (name <> '' AND length(name) <= 80),
  token_hash text NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  -- The first characters of the secret, so its owner can tell tokens apart.
  hint text NOT NULL,
  created_at timestamptz NOT NULL,
  last_used_at timestamptz,
  revoked_at timestamptz
);
CREATE INDEX report_api_token_account ON report_api_token (account_id, created_at);
