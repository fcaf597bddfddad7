/**
 * Using a password-reset link. Links are issued by an administrator (see
 * organisations/staff.service.ts) or, for the first administrator, by the
 * `admin:create` command. A link works once, for an hour (a day when made on
 * the command line), and only the newest one for an account. Setting the new
 * password ends every session the account had, clears any lockout, turns off
 * two-step sign-in if the administrator asked for that (lost phone), and
 * signs the person in afresh (asking for the two-step code first when it is
 * still on: the link replaces the password, not the phone).
 */
import { appendAuditEvent } from '../../platform/audit/audit.repository.ts';
import { hashPassword } from '../../platform/auth/password.ts';
import { createSession, deleteAccountSessions } from '../../platform/auth/session.repository.ts';
import { hashToken, isTokenShaped } from '../../platform/auth/tokens.ts';
import { newPasswordProblems } from './invitation.service.ts';
import type { AuthEnv } from './sign-in.service.ts';

export interface ResetView {
  accountId: string;
  email: string;
  name: string;
  /** First password (account never had one): the page says "set" rather than "reset". */
  first: boolean;
  clearsTwoStep: boolean;
}

export type ResetLookup = { ok: true; reset: ResetView } | { ok: false; why: 'unknown' | 'used' | 'expired' | 'suspended' };

export async function findReset(env: AuthEnv, token: string): Promise<ResetLookup> {
  if (!isTokenShaped(token)) return { ok: false, why: 'unknown' };
  const r = await env.db
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
    .where('r.token_hash', '=', hashToken(token))
    .executeTakeFirst();
  if (!r) return { ok: false, why: 'unknown' };
  if (r.used_at) return { ok: false, why: 'used' };
  if (r.expires_at.getTime() <= env.now().getTime()) return { ok: false, why: 'expired' };
  if (r.disabled_at || r.suspended_at) return { ok: false, why: 'suspended' };
  return {
    ok: true,
    reset: { accountId: r.account_id, email: r.email, name: r.name, first: r.password_hash === null, clearsTwoStep: r.clear_two_step },
  };
}

export type ResetResult =
  | { ok: true; token: string; twoStep: boolean; accountId: string }
  | { ok: false; problems: ReturnType<typeof newPasswordProblems> }
  | { ok: false; why: 'unknown' | 'used' | 'expired' | 'suspended'; problems?: undefined };

export async function useReset(env: AuthEnv, token: string, input: { password: string; confirm: string }): Promise<ResetResult> {
  const found = await findReset(env, token);
  if (!found.ok) return found;
  const problems = newPasswordProblems(input.password, input.confirm, { email: found.reset.email, name: found.reset.name });
  if (problems.length) return { ok: false, problems };
  const passwordHash = await hashPassword(input.password);
  const now = env.now();
  const outcome = await env.db.transaction().execute(async (trx) => {
    const r = await trx
      .selectFrom('staff_password_reset')
      .selectAll()
      .where('token_hash', '=', hashToken(token))
      .forUpdate()
      .executeTakeFirst();
    if (!r || r.used_at || r.expires_at.getTime() <= now.getTime()) return null;
    await trx.updateTable('staff_password_reset').set({ used_at: now }).where('id', '=', r.id).execute();
    const account = await trx
      .updateTable('staff_account')
      .set({
        password_hash: passwordHash,
        password_changed_at: now,
        failed_logins: 0,
        lockouts: 0,
        locked_until: null,
        last_sign_in_at: now,
        ...(r.clear_two_step ? { totp_secret: null, totp_pending_secret: null, totp_last_step: null } : {}),
      })
      .where('id', '=', r.account_id)
      .returning(['id', 'organisation_id', 'role', 'totp_secret'])
      .executeTakeFirstOrThrow();
    const ended = await deleteAccountSessions(trx, r.account_id);
    // A reset link is not a second factor: with two-step sign-in still on, the code is asked next.
    const twoStep = account.totp_secret !== null;
    const session = await createSession(trx, r.account_id, twoStep ? 'two_step' : 'active', now, env.settings);
    await appendAuditEvent(
      trx,
      {
        actor: { accountId: account.id, organisationId: account.organisation_id, role: account.role },
        requestId: env.requestId ?? null,
        ipHash: env.ipHash,
        now,
      },
      {
        action: 'account.password_reset_used',
        subjectType: 'staff_account',
        subjectId: account.id,
        details: { resetId: r.id, sessionsEnded: ended, twoStepCleared: r.clear_two_step },
      },
    );
    return { token: session.token, twoStep };
  });
  if (!outcome) return { ok: false, why: 'used' };
  return { ok: true, token: outcome.token, twoStep: outcome.twoStep, accountId: found.reset.accountId };
}
