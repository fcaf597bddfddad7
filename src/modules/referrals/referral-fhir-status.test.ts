import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ATTEMPT_STATES } from './referral-states.ts';
import { GRAVITY_TASK_STATUSES, serviceRequestStatusFor, taskStatusFor } from './referral-fhir-status.ts';

describe('FHIR status mapping (Gravity rules)', () => {
  it('maps every state to a Gravity Task status (never ready or received) and a business status', () => {
    for (const s of ATTEMPT_STATES) {
      const m = taskStatusFor(s);
      assert.ok(GRAVITY_TASK_STATUSES.includes(m.status), `${s} → ${m.status}`);
      assert.ok(m.businessStatus.length > 0);
    }
    assert.equal(taskStatusFor('acknowledged').status, 'requested');
    assert.equal(taskStatusFor('waiting_list').status, 'accepted', 'waitlisted is accepted, not on-hold');
    assert.equal(taskStatusFor('paused').status, 'on-hold');
    assert.equal(taskStatusFor('declined').status, 'rejected');
  });

  it('refines completion and not-taken-up by their reasons', () => {
    assert.deepEqual(taskStatusFor('completed', { outcome: 'going_independently' }), {
      status: 'completed',
      businessStatus: 'attending-independently',
    });
    assert.deepEqual(taskStatusFor('not_taken_up', { notTakenUpReason: 'could_not_reach' }), {
      status: 'failed',
      businessStatus: 'unable-to-contact',
    });
    assert.deepEqual(taskStatusFor('not_taken_up', { notTakenUpReason: 'person_chose_not_to' }), {
      status: 'cancelled',
      businessStatus: 'person-withdrew',
    });
  });

  it('derives the need’s ServiceRequest status from its attempts', () => {
    assert.equal(serviceRequestStatusFor(['draft']), 'draft');
    assert.equal(serviceRequestStatusFor(['declined', 'sent']), 'active');
    assert.equal(serviceRequestStatusFor(['declined', 'expired']), 'active', 'still to be re-routed');
    assert.equal(serviceRequestStatusFor(['redirected', 'completed']), 'completed');
    assert.equal(serviceRequestStatusFor(['withdrawn']), 'revoked');
    assert.equal(serviceRequestStatusFor(['moved_area']), 'revoked');
    assert.equal(serviceRequestStatusFor(['paused', 'declined']), 'on-hold');
    assert.equal(serviceRequestStatusFor(['entered_in_error']), 'entered-in-error');
  });
});
