-- "We reached them" moves a referral attempt on to its own state, "in touch"
-- (the recipient has spoken with the person; next, a first visit).
ALTER TABLE referral_attempt DROP CONSTRAINT referral_attempt_state_check;
ALTER TABLE referral_attempt ADD CONSTRAINT referral_attempt_state_check CHECK (state IN ('draft', 'sent', 'acknowledged', 'accepted',
  'waiting_list', 'declined', 'contact_attempted', 'in_touch', 'first_visit_booked', 'attending', 'paused', 'completed', 'not_taken_up',
  'withdrawn', 'expired', 'redirected', 'moved_area', 'entered_in_error'));
