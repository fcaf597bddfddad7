-- Keeping the map true: problems anyone can report with a listing, the
-- throttle that keeps the report form from being flooded, and the record of
-- review reminders sent (so none is sent twice within a week, even when
-- several app processes run the job at once).

-- A problem someone reported with a listing ("report a problem" on the public
-- page). `contact` is optional personal data: shown to administrators only,
-- every read audited, and cleared once the report is resolved or dismissed.
CREATE TABLE listing_report (
  id uuid PRIMARY KEY,
  service_id uuid NOT NULL REFERENCES service(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('closed', 'times', 'place', 'contact', 'cost', 'other')),
  details text CHECK (length(details) <= 2000),
  contact text CHECK (length(contact) <= 200),
  -- The interface language the report was made in.
  language text NOT NULL,
  created_at timestamptz NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved', 'dismissed')),
  resolution_note text,
  resolved_by uuid REFERENCES staff_account(id),
  resolved_at timestamptz,
  CONSTRAINT listing_report_resolved CHECK ((status = 'open') = (resolved_at IS NULL))
);
CREATE INDEX listing_report_status_created ON listing_report (status, created_at DESC);
CREATE INDEX listing_report_service ON listing_report (service_id, status);

-- Reports per (hashed) client address in a fixed window. Keeps no link
-- between an address and a report.
CREATE TABLE listing_report_throttle (
  key text PRIMARY KEY,
  window_started_at timestamptz NOT NULL,
  reports integer NOT NULL DEFAULT 0
);

-- One row per review reminder sent: to a provider organisation's staff
-- ('organisation:<id>') or the administrators' summary ('administrators').
CREATE TABLE review_reminder (
  id uuid PRIMARY KEY,
  recipient_key text NOT NULL,
  staff_organisation_id uuid REFERENCES staff_organisation(id) ON DELETE CASCADE,
  service_ids uuid[] NOT NULL,
  recipients integer NOT NULL,
  sent_at timestamptz NOT NULL
);
CREATE INDEX review_reminder_recipient ON review_reminder (recipient_key, sent_at DESC);
