import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ACCOUNT_MAX_FAILURES,
  addressAfterFailure,
  addressBlockMs,
  addressWaitMs,
  afterWrongAttempt,
  attemptPermitted,
  isLocked,
  lockDurationMs,
  type AddressThrottleState,
} from './lockout.ts';

const now = new Date('2026-03-02T09:00:00Z');
const MIN = 60_000;

describe('account lockout arithmetic', () => {
  it('allows five attempts in a row, then locks for 15 minutes', () => {
    assert.equal(ACCOUNT_MAX_FAILURES, 5);
    for (let n = 1; n <= 5; n++) assert.equal(attemptPermitted(n), true, `attempt ${n}`);
    assert.equal(attemptPermitted(6), false);
    assert.equal(attemptPermitted(0), false);
    for (let n = 1; n < 5; n++) assert.equal(afterWrongAttempt(n, 0, now).lockedUntil, null);
    const locked = afterWrongAttempt(5, 0, now);
    assert.equal(locked.lockedUntil!.getTime() - now.getTime(), 15 * MIN);
    assert.equal(locked.failedLogins, 0, 'the count starts again after a lockout');
    assert.equal(locked.lockouts, 1);
    assert.equal(isLocked(locked, now), true);
    assert.equal(isLocked(locked, new Date(now.getTime() + 15 * MIN)), false);
  });

  it('doubles each lockout in a row, up to a day', () => {
    assert.deepEqual([0, 1, 2, 3].map(lockDurationMs), [15 * MIN, 30 * MIN, 60 * MIN, 120 * MIN]);
    assert.equal(lockDurationMs(7), 24 * 60 * MIN);
    assert.equal(lockDurationMs(1000), 24 * 60 * MIN);
    assert.equal(afterWrongAttempt(5, 2, now).lockedUntil!.getTime() - now.getTime(), 60 * MIN);
  });
});

describe('per-address throttling arithmetic', () => {
  it('costs nothing for the first ten failures in an hour, then doubles the wait from 2 seconds to 15 minutes', () => {
    assert.deepEqual([1, 5, 10].map(addressBlockMs), [0, 0, 0]);
    assert.deepEqual([11, 12, 13, 14].map(addressBlockMs), [2000, 4000, 8000, 16_000]);
    assert.equal(addressBlockMs(25), 15 * MIN);
    let state: AddressThrottleState | null = null;
    for (let i = 0; i < 10; i++) state = addressAfterFailure(state, now);
    assert.equal(addressWaitMs(state, now), 0);
    state = addressAfterFailure(state, now);
    assert.equal(addressWaitMs(state, now), 2000);
    assert.equal(addressWaitMs(state, new Date(now.getTime() + 2000)), 0);
  });

  it('starts a new window an hour after the first failure', () => {
    let state: AddressThrottleState | null = null;
    for (let i = 0; i < 15; i++) state = addressAfterFailure(state, now);
    assert.equal(state!.failures, 15);
    const later = new Date(now.getTime() + 61 * MIN);
    const fresh = addressAfterFailure(state, later);
    assert.equal(fresh.failures, 1);
    assert.equal(fresh.blockedUntil, null);
    assert.equal(fresh.windowStartedAt, later);
  });
});
