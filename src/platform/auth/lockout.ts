/**
 * The arithmetic of login protection, kept pure so it can be tested without a
 * clock or a database.
 *
 * Per account: after ACCOUNT_MAX_FAILURES wrong passwords (or two-step codes)
 * in a row, signing in to that account is paused for 15 minutes; each further
 * lockout without a successful sign-in in between doubles the pause, up to a
 * day. A successful sign-in clears everything.
 *
 * Per client address (across all accounts, so trying one password on many
 * accounts is slowed too): the first ADDRESS_FREE_FAILURES failures in an
 * hour cost nothing; after that each failure blocks the address for twice as
 * long as the one before (2 s, 4 s, 8 s, … up to 15 minutes). The window
 * restarts an hour after its first failure.
 */

export const ACCOUNT_MAX_FAILURES = 5;
export const ACCOUNT_BASE_LOCK_MS = 15 * 60_000;
export const ACCOUNT_MAX_LOCK_MS = 24 * 60 * 60_000;

export const ADDRESS_WINDOW_MS = 60 * 60_000;
export const ADDRESS_FREE_FAILURES = 10;
export const ADDRESS_MAX_BLOCK_MS = 15 * 60_000;

/**
 * Attempts are counted *before* the password is checked (an atomic
 * increment in the database), so a burst of simultaneous guesses cannot slip
 * past the limit: attempt number n may be checked only when n is within the
 * limit.
 */
export function attemptPermitted(attempt: number): boolean {
  return attempt >= 1 && attempt <= ACCOUNT_MAX_FAILURES;
}

/** How long the n-th lockout in a row lasts (n counts from 0). */
export function lockDurationMs(previousLockouts: number): number {
  return Math.min(ACCOUNT_BASE_LOCK_MS * 2 ** Math.min(previousLockouts, 20), ACCOUNT_MAX_LOCK_MS);
}

export interface AccountLockState {
  failedLogins: number;
  lockouts: number;
  lockedUntil: Date | null;
}

/** True while signing in to the account is paused. */
export function isLocked(state: Pick<AccountLockState, 'lockedUntil'>, now: Date): boolean {
  return state.lockedUntil !== null && state.lockedUntil.getTime() > now.getTime();
}

/**
 * The account's state after attempt number `attempt` (already counted) turned
 * out wrong: unchanged below the limit; at or past it, locked for the next
 * lockout's length with the count starting again.
 */
export function afterWrongAttempt(attempt: number, lockouts: number, now: Date): AccountLockState {
  if (attempt < ACCOUNT_MAX_FAILURES) return { failedLogins: attempt, lockouts, lockedUntil: null };
  return { failedLogins: 0, lockouts: lockouts + 1, lockedUntil: new Date(now.getTime() + lockDurationMs(lockouts)) };
}

/** The account's state after a successful sign-in. */
export const ACCOUNT_CLEAR: AccountLockState = Object.freeze({ failedLogins: 0, lockouts: 0, lockedUntil: null });

export interface AddressThrottleState {
  failures: number;
  windowStartedAt: Date;
  blockedUntil: Date | null;
}

/** Milliseconds the address must still wait, or 0. */
export function addressWaitMs(state: AddressThrottleState | null, now: Date): number {
  if (!state?.blockedUntil) return 0;
  return Math.max(0, state.blockedUntil.getTime() - now.getTime());
}

/** The block after the n-th failure in a window (n counts from 1): none for the free ones, then doubling. */
export function addressBlockMs(failures: number): number {
  if (failures <= ADDRESS_FREE_FAILURES) return 0;
  return Math.min(1000 * 2 ** Math.min(failures - ADDRESS_FREE_FAILURES, 30), ADDRESS_MAX_BLOCK_MS);
}

/** The address's state after one more failure. */
export function addressAfterFailure(state: AddressThrottleState | null, now: Date): AddressThrottleState {
  const expired = !state || now.getTime() - state.windowStartedAt.getTime() >= ADDRESS_WINDOW_MS;
  const failures = expired ? 1 : state.failures + 1;
  const windowStartedAt = expired ? now : state.windowStartedAt;
  const block = addressBlockMs(failures);
  return { failures, windowStartedAt, blockedUntil: block ? new Date(now.getTime() + block) : null };
}
