-- Indexes the background jobs' bounded batches rely on.
--
-- A listing's schedules are counted through its service_at_location rows
-- (data-quality view): without this index every count scanned the whole
-- table, once per listing.
CREATE INDEX IF NOT EXISTS service_at_location_service ON service_at_location (service_id);
-- Check-in messages read booked first visits due a check-in a page at a time,
-- in (first visit date, attempt) order.
CREATE INDEX IF NOT EXISTS referral_attempt_first_visit ON referral_attempt (first_visit_date, id) WHERE state = 'first_visit_booked';
