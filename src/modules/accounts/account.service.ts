/**
 * A signed-in person looking after their own account: seeing it, changing
 * their password, turning two-step sign-in on or off, and signing out of
 * every browser. All policy-checked as `account.manage_own` and audited.
 *
 * Anything that changes how the person proves who they are (password,
 * two-step) ends every other session and gives this browser a new session
 * token, so a stolen session does not outlive the change.
 */
import type { Transaction } from 'kysely';
import type { Access } from '../../platform/auth/access.ts';
import { attemptPermitted } from '../../platform/auth/lockout.ts';
import { recordWrongAttempt } from '../../platform/auth/login-guard.repository.ts';
import { hashPassword, verifyPassword } from '../../platform/auth/password.ts';
import { countAccountSessions, createSession, deleteAccountSessions } from '../../platform/auth/session.repository.ts';
import type { SessionSettings } from '../../platform/auth/session.ts';
import { newTotpSecret, totpStep, totpUri, verifyTotp } from '../../platform/auth/totp.ts';
import type { DB } from '../../platform/db/schema.ts';
import type { PasswordProblem } from '../../platform/auth/password.ts';
import {
  clearFailedLogins,
  countPasswordCheck,
  lastSignInAt,
  setPasswordHash,
  setPendingTwoStepSecret,
  switchOffTwoStep,
  switchOnTwoStep,
  twoStepSecrets,
} from './accounts.repository.ts';
import { newPasswordProblems } from './invitation.service.ts';

export interface AccountSummary {
  name: string;
  email: string;
  role: string;
  manager: boolean;
  organisationName: string;
  twoStep: boolean;
  liveSessions: number;
  lastSignInAt: Date | null;
}

export type ChangePasswordResult =
  | { ok: true; token: string }
  | { ok: false; problems: { field: 'current' | 'password' | 'confirm'; problem: PasswordProblem | 'mismatch' | 'wrongCurrent' }[] };

export function accountService(access: Access, settings: SessionSettings) {
  const self = () => ({ accountId: access.actor?.accountId ?? '' });
  const subject = () => ({ subjectType: 'staff_account', subjectId: access.actor?.accountId ?? '' });

  /** Checks the current password, counting a wrong one towards the account's lockout. */
  async function checkCurrentPassword(trx: Transaction<DB>, accountId: string, password: string): Promise<boolean> {
    const now = access.now();
    const row = await countPasswordCheck(trx, accountId);
    const ok = attemptPermitted(row.attempt) && row.passwordHash !== null && (await verifyPassword(row.passwordHash, password));
    if (ok) {
      await clearFailedLogins(trx, accountId);
    } else {
      const next = await recordWrongAttempt(trx, accountId, row.attempt, row.lockouts, now);
      // A locked account is signed out everywhere too.
      if (next.lockedUntil) await deleteAccountSessions(trx, accountId);
    }
    return ok;
  }

  return {
    summary: (): Promise<AccountSummary> =>
      access.run('account.manage_own', self(), { ...subject(), action: 'account.view_own' }, async (trx, actor) => {
        const lastSignIn = await lastSignInAt(trx, actor.accountId);
        return {
          name: actor.name,
          email: actor.email,
          role: actor.role,
          manager: actor.manager,
          organisationName: actor.organisationName,
          twoStep: actor.twoStep,
          liveSessions: await countAccountSessions(trx, actor.accountId, access.now(), settings.idleMs),
          lastSignInAt: lastSignIn,
        };
      }),

    /** Ends every session of this account, this browser's included. */
    signOutEverywhere: (): Promise<number> =>
      access.run(
        'account.manage_own',
        self(),
        (n: number) => ({ ...subject(), action: 'account.sign_out_everywhere', details: { sessionsEnded: n } }),
        (trx, actor) => deleteAccountSessions(trx, actor.accountId),
      ),

    async changePassword(input: { current: string; password: string; confirm: string }): Promise<ChangePasswordResult> {
      const actor = access.actor;
      const problems: Extract<ChangePasswordResult, { ok: false }>['problems'] = [];
      if (!input.current) problems.push({ field: 'current', problem: 'missing' });
      problems.push(...newPasswordProblems(input.password, input.confirm, { email: actor?.email ?? '', name: actor?.name ?? '' }));
      if (problems.length) return { ok: false, problems };
      const newHash = await hashPassword(input.password);
      return access.run(
        'account.manage_own',
        self(),
        (r: ChangePasswordResult) => ({ ...subject(), action: 'account.password_changed', details: { ok: r.ok } }),
        async (trx, a): Promise<ChangePasswordResult> => {
          if (!(await checkCurrentPassword(trx, a.accountId, input.current)))
            return { ok: false, problems: [{ field: 'current', problem: 'wrongCurrent' }] };
          const now = access.now();
          await setPasswordHash(trx, a.accountId, newHash, now);
          await deleteAccountSessions(trx, a.accountId);
          const s = await createSession(trx, a.accountId, 'active', now, settings);
          return { ok: true, token: s.token };
        },
      );
    },

    /** Makes (or re-uses) a secret for the person to add to their app; not switched on until confirmed. */
    beginTwoStep: (): Promise<{ secret: string; uri: string } | { alreadyOn: true }> =>
      access.run('account.manage_own', self(), { ...subject(), action: 'account.two_step_setup_started' }, async (trx, a) => {
        const secrets = await twoStepSecrets(trx, a.accountId);
        if (secrets.secret) return { alreadyOn: true as const };
        const secret = secrets.pending ?? newTotpSecret();
        if (!secrets.pending) await setPendingTwoStepSecret(trx, a.accountId, secret);
        return { secret, uri: totpUri(secret, a.email) };
      }),

    /** Switches two-step sign-in on once the person shows the app gives the right code. Returns this browser's new session token. */
    confirmTwoStep: (code: string): Promise<{ ok: true; token: string } | { ok: false }> =>
      access.run(
        'account.manage_own',
        self(),
        (r: { ok: boolean }) => ({ ...subject(), action: 'account.two_step_on', details: { ok: r.ok } }),
        async (trx, a) => {
          const { pending } = await twoStepSecrets(trx, a.accountId);
          const now = access.now();
          const step = pending ? verifyTotp(pending, code, now, null) : null;
          if (pending === null || step === null) return { ok: false as const };
          await switchOnTwoStep(trx, a.accountId, pending, Math.max(step, totpStep(now)));
          await deleteAccountSessions(trx, a.accountId);
          const s = await createSession(trx, a.accountId, 'active', now, settings);
          return { ok: true as const, token: s.token };
        },
      ),

    /** Switches two-step sign-in off; needs the password. */
    turnOffTwoStep: (password: string): Promise<{ ok: boolean }> =>
      access.run(
        'account.manage_own',
        self(),
        (r: { ok: boolean }) => ({ ...subject(), action: 'account.two_step_off', details: { ok: r.ok } }),
        async (trx, a) => {
          if (!(await checkCurrentPassword(trx, a.accountId, password))) return { ok: false };
          await switchOffTwoStep(trx, a.accountId);
          return { ok: true };
        },
      ),
  };
}

export type AccountService = ReturnType<typeof accountService>;
