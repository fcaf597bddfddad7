/**
 * Password-reset links (staff_password_reset): issuing one (only the newest
 * works), finding one by the hash of its token, and using it, which sets the
 * account's password (password-reset.service.ts, bootstrap.ts).
 */
import type { Executor } from '../../platform/db/executor.ts';
import type { StaffRole } from '../../platform/db/schema.ts';
import { newId } from '../../platform/ids.ts';

/** Makes a reset link for an account; any link it had before stops working. */
export async function issueResetLink(
  db: Executor,
  link: { accountId: string; tokenHash: string; issuedBy: string | null; clearTwoStep?: boolean; now: Date; expiresAt: Date },
): Promise<void> {
  await db
    .updateTable('staff_password_reset')
    .set({ used_at: link.now })
    .where('account_id', '=', link.accountId)
    .where('used_at', 'is', null)
    .execute();
  await db
    .insertInto('staff_password_reset')
    .values({
      id: newId(),
      token_hash: link.tokenHash,
      account_id: link.accountId,
      issued_by: link.issuedBy,
      clear_two_step: link.clearTwoStep,
      created_at: link.now,
      expires_at: link.expiresAt,
    })
    .execute();
}

export interface ResetLink {
  accountId: string;
  expiresAt: Date;
  usedAt: Date | null;
  clearTwoStep: boolean;
  email: string;
  name: string;
  hasPassword: boolean;
  disabledAt: Date | null;
  organisationSuspendedAt: Date | null;
}

export async function findResetByToken(db: Executor, tokenHash: string): Promise<ResetLink | null> {
  const r = await db
    .selectFrom('staff_password_reset as r')
    .innerJoin('staff_account as a', 'a.id', 'r.account_id')
    .innerJoin('staff_organisation as o', 'o.id', 'a.organisation_id')
    .select([
      'r.account_id',
      'r.expires_at',
      'r.used_at',
      'r.clear_two_step',
      'a.email',
      'a.name',
      'a.password_hash',
      'a.disabled_at',
      'o.suspended_at',
    ])
    .where('r.token_hash', '=', tokenHash)
    .executeTakeFirst();
  return r
    ? {
        accountId: r.account_id,
        expiresAt: r.expires_at,
        usedAt: r.used_at,
        clearTwoStep: r.clear_two_step,
        email: r.email,
        name: r.name,
        hasPassword: r.password_hash !== null,
        disabledAt: r.disabled_at,
        organisationSuspendedAt: r.suspended_at,
      }
    : null;
}

export interface LockedReset {
  id: string;
  accountId: string;
  expiresAt: Date;
  usedAt: Date | null;
  clearTwoStep: boolean;
}

/** Reads a reset link and locks its row until the transaction ends. */
export async function lockResetByToken(db: Executor, tokenHash: string): Promise<LockedReset | null> {
  const r = await db.selectFrom('staff_password_reset').selectAll().where('token_hash', '=', tokenHash).forUpdate().executeTakeFirst();
  return r ? { id: r.id, accountId: r.account_id, expiresAt: r.expires_at, usedAt: r.used_at, clearTwoStep: r.clear_two_step } : null;
}

export async function markResetUsed(db: Executor, resetId: string, now: Date): Promise<void> {
  await db.updateTable('staff_password_reset').set({ used_at: now }).where('id', '=', resetId).execute();
}

/**
 * Sets the new password from a reset link: no failed attempts or lock, signed
 * in now, and (when the link says so) two-step sign-in off. Returns who the
 * account is and whether two-step sign-in is still on.
 */
export async function setPasswordFromReset(
  db: Executor,
  accountId: string,
  change: { passwordHash: string; clearTwoStep: boolean; now: Date },
): Promise<{ id: string; organisationId: string; role: StaffRole; twoStep: boolean }> {
  const account = await db
    .updateTable('staff_account')
    .set({
      password_hash: change.passwordHash,
      password_changed_at: change.now,
      failed_logins: 0,
      lockouts: 0,
      locked_until: null,
      last_sign_in_at: change.now,
      ...(change.clearTwoStep ? { totp_secret: null, totp_pending_secret: null, totp_last_step: null } : {}),
    })
    .where('id', '=', accountId)
    .returning(['id', 'organisation_id', 'role', 'totp_secret'])
    .executeTakeFirstOrThrow();
  return { id: account.id, organisationId: account.organisation_id, role: account.role, twoStep: account.totp_secret !== null };
}
