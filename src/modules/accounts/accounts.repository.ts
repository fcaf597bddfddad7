/**
 * Staff account rows as the sign-in, invitation and reset flows need them.
 * These flows run before anyone is signed in, so they are not
 * policy-checked; everything they do is audited by their services.
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
