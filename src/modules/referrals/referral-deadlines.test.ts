import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ATTEMPT_STATES, CLOSED_STATES } from './referral-states.ts';
import { DEFAULT_DEADLINES, nextStep, urgency } from './referral-deadlines.ts';

describe('next steps and due dates', () => {
  it('gives the recipient 5 working days to acknowledge, then lets the attempt expire after 10', () => {
    const step = nextStep({ state: 'sent', firstVisit: null }, '2026-11-20'); // a Friday
    assert.deepEqual(step, { task: 'acknowledge', owner: 'recipient', due: '2026-11-27', lateAfter: '2026-12-04' });
    assert.equal(urgency(step!, '2026-11-26'), 'upcoming');
    assert.equal(urgency(step!, '2026-11-27'), 'due');
    assert.equal(urgency(step!, '2026-12-05'), 'overdue');
  });

  it('asks the connector to check with the person a few days after the first visit', () => {
    const step = nextStep({ state: 'first_visit_booked', firstVisit: { date: '2026-12-01', companion: null } }, '2026-11-22');
    assert.equal(step?.task, 'check_in_after_first_visit');
    assert.equal(step?.owner, 'referrer');
    assert.equal(step?.due, '2026-12-04');
  });

  it('reviews attendance at six weeks, late after eight', () => {
    const step = nextStep({ state: 'attending', firstVisit: null }, '2026-11-02');
    assert.deepEqual(step, { task: 'review_at_six_weeks', owner: 'referrer', due: '2026-12-14', lateAfter: '2026-12-28' });
  });

  it('prompts re-routing after a decline or expiry, and following up someone who could not be reached', () => {
    assert.equal(nextStep({ state: 'declined', firstVisit: null }, '2026-11-23')?.task, 'find_something_else');
    assert.equal(nextStep({ state: 'expired', firstVisit: null }, '2026-11-23')?.task, 'find_something_else');
    assert.equal(
      nextStep({ state: 'not_taken_up', firstVisit: null, notTakenUpReason: 'could_not_reach' }, '2026-11-23')?.task,
      'follow_up_unreachable',
    );
    assert.equal(nextStep({ state: 'not_taken_up', firstVisit: null, notTakenUpReason: 'person_chose_not_to' }, '2026-11-23'), null);
  });

  it('gives every open state a step with an owner and a due date no later than its late date', () => {
    for (const state of ATTEMPT_STATES) {
      const step = nextStep({ state, firstVisit: null }, '2026-11-23', DEFAULT_DEADLINES);
      if (!CLOSED_STATES.has(state)) {
        assert.ok(step, `${state} has a next step`);
        assert.ok(step.due >= '2026-11-23' && step.lateAfter >= step.due, state);
      }
    }
    for (const state of ['completed', 'withdrawn', 'redirected', 'moved_area', 'entered_in_error'] as const)
      assert.equal(nextStep({ state, firstVisit: null }, '2026-11-23'), null);
  });
});
