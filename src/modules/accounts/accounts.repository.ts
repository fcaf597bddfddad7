/**
 * Staff account rows as the sign-in, invitation and reset flows need them,
 * and as a signed-in person looking after their own account changes them
 * (account.service.ts, which policy-checks and audits). The flows before
 * sign-in are not policy-checked; everything they do is audited by their
 * services.
 */
import type { Executor } from '../../platform/db/executor.ts';
import type { StaffRole } from '../../platform/db/schema.ts';
import { normaliseEmail } from './email.ts';

export interface SignInAccount {
  id: string;
  email: string;
  name: string;
  role: StaffRole;
  organisationId: string;
  passwordHash: string | null;
  totpSecret: string | null;
  totpLastStep: number | null;
  disabled: boolean;
  organisationSuspended: boolean;
}

function signInQuery(db: Executor) {
  return db
    .selectFrom('staff_account as a')
    .innerJoin('staff_organisation as o', 'o.id', 'a.organisation_id')
    .select([
      'a.id',
      'a.email',
      'a.name',
      'a.role',
      'a.organisation_id',
      'a.password_hash',
      'a.totp_secret',
      'a.totp_last_step',
      'a.disabled_at',
      'o.suspended_at',
    ]);
}

type SignInRow = Awaited<ReturnType<ReturnType<typeof signInQuery>['executeTakeFirstOrThrow']>>;

const toAccount = (r: SignInRow): SignInAccount => ({
  id: r.id,
  email: r.email,
  name: r.name,
  role: r.role,
  organisationId: r.organisation_id,
  passwordHash: r.password_hash,
  totpSecret: r.totp_secret,
  totpLastStep: r.totp_last_step,
  disabled: r.disabled_at !== null,
  organisationSuspended: r.suspended_at !== null,
});

export async function findAccountByEmail(db: Executor, email: string): Promise<SignInAccount | null> {
  const r = await signInQuery(db).where('a.email', '=', normaliseEmail(email)).executeTakeFirst();
  return r ? toAccount(r) : null;
}

export async function findAccountById(db: Executor, id: string): Promise<SignInAccount | null> {
  const r = await signInQuery(db).where('a.id', '=', id).executeTakeFirst();
  return r ? toAccount(r) : null;
}

/** The account with this (already normalised) address, if any: its id and role. */
export async function accountWithEmail(db: Executor, email: string): Promise<{ id: string; role: StaffRole } | null> {
  return (await db.selectFrom('staff_account').select(['id', 'role']).where('email', '=', email).executeTakeFirst()) ?? null;
}

/** A new account (an invitation accepted, the first administrator, the demo accounts). */
export interface NewAccount {
  id: string;
  organisationId: string;
  email: string;
  name: string;
  role: StaffRole;
  manager?: boolean;
  passwordHash?: string;
  passwordChangedAt?: Date;
  createdAt: Date;
  lastSignInAt?: Date;
}

export async function insertAccounts(db: Executor, accounts: readonly NewAccount[]): Promise<void> {
  await db
    .insertInto('staff_account')
    .values(
      accounts.map((a) => ({
        id: a.id,
        organisation_id: a.organisationId,
        email: a.email,
        name: a.name,
        role: a.role,
        manager: a.manager,
        password_hash: a.passwordHash,
        password_changed_at: a.passwordChangedAt,
        created_at: a.createdAt,
        last_sign_in_at: a.lastSignInAt,
      })),
    )
    .execute();
}

export async function setPasswordHash(db: Executor, accountId: string, hash: string, now: Date): Promise<void> {
  await db.updateTable('staff_account').set({ password_hash: hash, password_changed_at: now }).where('id', '=', accountId).execute();
}

export async function markSignedIn(db: Executor, accountId: string, now: Date): Promise<void> {
  await db.updateTable('staff_account').set({ last_sign_in_at: now }).where('id', '=', accountId).execute();
}

/**
 * Uses a two-step code's time step, once: succeeds only when the step is
 * newer than the last one used (so two requests racing with the same code
 * cannot both win).
 */
export async function claimTotpStep(db: Executor, accountId: string, step: number): Promise<boolean> {
  const r = await db
    .updateTable('staff_account')
    .set({ totp_last_step: step })
    .where('id', '=', accountId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function lastSignInAt(db: Executor, accountId: string): Promise<Date | null> {
  const row = await db.selectFrom('staff_account').select(['last_sign_in_at']).where('id', '=', accountId).executeTakeFirstOrThrow();
  return row.last_sign_in_at;
}

/**
 * Counts a check of the current password as a wrong attempt before it is
 * made; returns the stored hash with the attempt's number and the lockouts so far.
 */
export async function countPasswordCheck(
  db: Executor,
  accountId: string,
): Promise<{ passwordHash: string | null; attempt: number; lockouts: number }> {
  const row = await db
    .updateTable('staff_account')
    .set((eb) => ({ failed_logins: eb('failed_logins', '+', 1) }))
    .where('id', '=', accountId)
    .returning(['password_hash', 'failed_logins', 'lockouts'])
    .executeTakeFirstOrThrow();
  return { passwordHash: row.password_hash, attempt: row.failed_logins, lockouts: row.lockouts };
}

/** After a right password: the attempt counted does not stand (earlier lockouts do). */
export async function clearFailedLogins(db: Executor, accountId: string): Promise<void> {
  await db.updateTable('staff_account').set({ failed_logins: 0 }).where('id', '=', accountId).execute();
}

/** The two-step secret in use and the one waiting to be confirmed. */
export async function twoStepSecrets(db: Executor, accountId: string): Promise<{ secret: string | null; pending: string | null }> {
  const row = await db
    .selectFrom('staff_account')
    .select(['totp_secret', 'totp_pending_secret'])
    .where('id', '=', accountId)
    .executeTakeFirstOrThrow();
  return { secret: row.totp_secret, pending: row.totp_pending_secret };
}

export async function setPendingTwoStepSecret(db: Executor, accountId: string, secret: string): Promise<void> {
  await db.updateTable('staff_account').set({ totp_pending_secret: secret }).where('id', '=', accountId).execute();
}

/** Two-step sign-in on with this secret; `lastStep` is the newest time step that may not be used again. */
export async function switchOnTwoStep(db: Executor, accountId: string, secret: string, lastStep: number): Promise<void> {
  await db
    .updateTable('staff_account')
    .set({ totp_secret: secret, totp_pending_secret: null, totp_last_step: lastStep })
    .where('id', '=', accountId)
    .execute();
}

export async function switchOffTwoStep(db: Executor, accountId: string): Promise<void> {
  await db
    .updateTable('staff_account')
    .set({ totp_secret: null, totp_pending_secret: null, totp_last_step: null })
    .where('id', '=', accountId)
    .execute();
}
