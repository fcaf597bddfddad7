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
import { findResetByToken, lockResetByToken, markResetUsed, setPasswordFromReset } from './password-resets.repository.ts';
import type { AuthEnv } from './sign-in.service.ts';

/** Issuing a link (staff.service.ts, which policy-checks and audits it): only the newest one for an account works. */
export { issueResetLink } from './password-resets.repository.ts';

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
  const r = await findResetByToken(env.db, hashToken(token));
  if (!r) return { ok: false, why: 'unknown' };
  if (r.usedAt) return { ok: false, why: 'used' };
  if (r.expiresAt.getTime() <= env.now().getTime()) return { ok: false, why: 'expired' };
  if (r.disabledAt || r.organisationSuspendedAt) return { ok: false, why: 'suspended' };
  return {
    ok: true,
    reset: { accountId: r.accountId, email: r.email, name: r.name, first: !r.hasPassword, clearsTwoStep: r.clearTwoStep },
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
    const r = await lockResetByToken(trx, hashToken(token));
    if (!r || r.usedAt || r.expiresAt.getTime() <= now.getTime()) return null;
    await markResetUsed(trx, r.id, now);
    const account = await setPasswordFromReset(trx, r.accountId, { passwordHash, clearTwoStep: r.clearTwoStep, now });
    const ended = await deleteAccountSessions(trx, r.accountId);
    // A reset link is not a second factor: with two-step sign-in still on, the code is asked next.
    const twoStep = account.twoStep;
    const session = await createSession(trx, r.accountId, twoStep ? 'two_step' : 'active', now, env.settings);
    await appendAuditEvent(
      trx,
      {
        actor: { accountId: account.id, organisationId: account.organisationId, role: account.role },
        requestId: env.requestId ?? null,
        ipHash: env.ipHash,
        now,
      },
      {
        action: 'account.password_reset_used',
        subjectType: 'staff_account',
        subjectId: account.id,
        details: { resetId: r.id, sessionsEnded: ended, twoStepCleared: r.clearTwoStep },
      },
    );
    return { token: session.token, twoStep };
  });
  if (!outcome) return { ok: false, why: 'used' };
  return { ok: true, token: outcome.token, twoStep: outcome.twoStep, accountId: found.reset.accountId };
}
