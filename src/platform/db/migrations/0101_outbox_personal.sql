-- A message whose text carries a person's personal data (their plan, a
-- check-in) names the organisation holding the person's record. Its text is
-- shown only to that organisation's connectors, never to administrators, who
-- see only that it was sent, to whom and when (ADR 5).
ALTER TABLE outbox ADD COLUMN holder_organisation_id uuid REFERENCES staff_organisation(id);
CREATE INDEX outbox_holder ON outbox (holder_organisation_id, created_at DESC) WHERE holder_organisation_id IS NOT NULL;
