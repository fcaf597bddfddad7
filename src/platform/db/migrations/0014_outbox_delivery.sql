-- Messages are written to the outbox in the same transaction as the change
-- that causes them (a transactional outbox) and delivered afterwards by a
-- background worker that retries with exponential back-off.
--
--   kept     no sending service is set up (NOTIFY=outbox), or the address is
--            not one it can send to: staff pass the message on themselves;
--   pending  waiting for its first try or its next one (next_attempt_at);
--   sending  a worker has claimed it (until claimed_until, then another may);
--   sent     the sending service accepted it (sent_at);
--   failed   given up after the last try, or refused for good (failed_at);
--            administrators see it with its last error.
--
-- Messages written before this migration were either marked sent or kept
-- for staff, so they are never sent again.
ALTER TABLE outbox
  ADD COLUMN status text NOT NULL DEFAULT 'kept' CHECK (status IN ('kept', 'pending', 'sending', 'sent', 'failed')),
  ADD COLUMN attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  ADD COLUMN last_error text,
  ADD COLUMN last_attempt_at timestamptz,
  ADD COLUMN next_attempt_at timestamptz,
  ADD COLUMN claimed_until timestamptz,
  ADD COLUMN failed_at timestamptz;

UPDATE outbox SET status = 'sent' WHERE sent_at IS NOT NULL;

-- The delivery sweep looks for messages whose next try is due.
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE status IN ('pending', 'sending');
-- The outbox page filters by status, newest first.
CREATE INDEX outbox_status_created ON outbox (status, created_at DESC);
