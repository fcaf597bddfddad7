-- Provider self-service: changes to sensitive listing fields (safeguarding
-- vetting, a confidential location) that provider staff ask for and an
-- administrator approves or rejects. Other edits apply at once and are only
-- audited; these wait here until someone decides.

CREATE TABLE listing_change (
  id uuid PRIMARY KEY,
  service_id uuid NOT NULL REFERENCES service(id) ON DELETE CASCADE,
  requested_by uuid NOT NULL REFERENCES staff_account(id),
  requested_at timestamptz NOT NULL,
  -- [{ "field": "belong.safeguarding_policy", "before": false, "after": true }, …]
  changes jsonb NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
  decided_by uuid REFERENCES staff_account(id),
  decided_at timestamptz,
  -- Why it was rejected (or anything the administrator wants to say).
  note text,
  CHECK ((status = 'pending') = (decided_at IS NULL))
);

CREATE INDEX listing_change_pending ON listing_change (requested_at) WHERE status = 'pending';
CREATE INDEX listing_change_service ON listing_change (service_id, requested_at);
