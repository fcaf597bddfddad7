/**
 * Login protection in the database, so it holds across app processes:
 * per-account attempt counting and lockout (staff_account columns) and
 * per-address throttling (staff_login_throttle). The arithmetic is in
 * lockout.ts.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { addressAfterFailure, afterWrongAttempt, type AccountLockState, type AddressThrottleState } from './lockout.ts';

type Executor = Kysely<DB> | Transaction<DB>;

/**
 * Counts one attempt on an account, atomically, before the password or code
 * is checked. Returns the attempt's number and the lockouts so far, or null
 * while the account is locked.
 */
export async function reserveAccountAttempt(
  db: Executor,
  accountId: string,
  now: Date,
): Promise<{ attempt: number; lockouts: number } | null> {
  const r = await db
    .updateTable('staff_account')
    .set((eb) => ({ failed_logins: eb('failed_logins', '+', 1) }))
    .where('id', '=', accountId)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
    .returning(['failed_logins', 'lockouts'])
    .executeTakeFirst();
  return r ? { attempt: r.failed_logins, lockouts: r.lockouts } : null;
}

/** After a wrong attempt: lock the account when it was the last one allowed (or beyond). */
export async function recordWrongAttempt(
  db: Executor,
  accountId: string,
  attempt: number,
  lockouts: number,
  now: Date,
): Promise<AccountLockState> {
  const next = afterWrongAttempt(attempt, lockouts, now);
  if (next.lockedUntil) {
    await db
      .updateTable('staff_account')
      .set({ failed_logins: 0, lockouts: next.lockouts, locked_until: next.lockedUntil })
      .where('id', '=', accountId)
      .execute();
  }
  return next;
}

/** After a successful sign-in (or a password reset): no failures, no lock. */
export async function clearAccountFailures(db: Executor, accountId: string): Promise<void> {
  await db.updateTable('staff_account').set({ failed_logins: 0, lockouts: 0, locked_until: null }).where('id', '=', accountId).execute();
}

export async function addressThrottle(db: Executor, key: string): Promise<AddressThrottleState | null> {
  const r = await db.selectFrom('staff_login_throttle').selectAll().where('key', '=', key).executeTakeFirst();
  return r ? { failures: r.failures, windowStartedAt: r.window_started_at, blockedUntil: r.blocked_until } : null;
}

/** Counts a failed sign-in from an address (row-locked, so concurrent failures all count). */
export async function recordAddressFailure(db: Kysely<DB>, key: string, now: Date): Promise<AddressThrottleState> {
  return db.transaction().execute(async (trx) => {
    await trx
      .insertInto('staff_login_throttle')
      .values({ key, failures: 0, window_started_at: now })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    const row = await trx.selectFrom('staff_login_throttle').selectAll().where('key', '=', key).forUpdate().executeTakeFirstOrThrow();
    const before: AddressThrottleState | null =
      row.failures === 0 ? null : { failures: row.failures, windowStartedAt: row.window_started_at, blockedUntil: row.blocked_until };
    const next = addressAfterFailure(before, now);
    await trx
      .updateTable('staff_login_throttle')
      .set({ failures: next.failures, window_started_at: next.windowStartedAt, blocked_until: next.blockedUntil })
      .where('key', '=', key)
      .execute();
    return next;
  });
}

/** Forgets address rows whose window and block are long over (housekeeping at sign-in). */
export async function purgeAddressThrottles(db: Executor, before: Date): Promise<void> {
  await db
    .deleteFrom('staff_login_throttle')
    .where('window_started_at', '<', before)
    .where((eb) => eb.or([eb('blocked_until', 'is', null), eb('blocked_until', '<', before)]))
    .execute();
}
