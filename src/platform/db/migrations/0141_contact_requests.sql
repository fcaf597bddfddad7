-- "Ask someone to contact me" (issue 15): a person asks for a connector
-- themselves. The request lands, as a new person record with the referral
-- route 'self_referral', in the queue of a connector organisation that
-- covers the area (or the deployment's own team when none does), with a due
-- date; a connector picks it up.

-- Which outward codes ("BD8") a referring organisation's connectors cover.
CREATE TABLE staff_organisation_area (
  staff_organisation_id uuid NOT NULL REFERENCES staff_organisation(id) ON DELETE CASCADE,
  outcode text NOT NULL CHECK (outcode = upper(btrim(outcode)) AND length(outcode) BETWEEN 2 AND 4),
  PRIMARY KEY (staff_organisation_id, outcode)
);
CREATE INDEX staff_organisation_area_outcode ON staff_organisation_area (outcode);

-- How the person came to Belong: asked themselves, or was referred.
ALTER TABLE person ADD COLUMN referral_route text CHECK (referral_route IN ('self_referral', 'connector', 'professional'));

CREATE TABLE contact_request (
  id uuid PRIMARY KEY,
  person_id uuid NOT NULL REFERENCES person(id) ON DELETE CASCADE,
  -- Whose queue it is in (the person record's holder).
  organisation_id uuid NOT NULL REFERENCES staff_organisation(id),
  -- The way the person chose, and the ways they said are NOT safe (never used).
  contact_way text NOT NULL CHECK (contact_way IN ('call', 'text', 'email')),
  unsafe_ways text[] NOT NULL DEFAULT '{}',
  safe_times text,
  about text,
  status text NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'picked_up')),
  due_at timestamptz NOT NULL,
  picked_up_by uuid REFERENCES staff_account(id),
  picked_up_at timestamptz,
  created_at timestamptz NOT NULL,
  CONSTRAINT contact_request_way_safe CHECK (NOT (contact_way = ANY (unsafe_ways))),
  CONSTRAINT contact_request_picked CHECK ((status = 'picked_up') = (picked_up_at IS NOT NULL))
);
CREATE INDEX contact_request_queue ON contact_request (organisation_id, status, due_at);

-- Requests per (hashed) client address in a fixed window; no link to a request.
CREATE TABLE contact_request_throttle (
  key text PRIMARY KEY,
  window_started_at timestamptz NOT NULL,
  requests integer NOT NULL DEFAULT 0
);
