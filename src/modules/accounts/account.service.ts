/**
 * A signed-in person looking after their own account: seeing it, changing
 * their password, turning two-step sign-in on or off, and signing out of
 * every browser. All policy-checked as `account.manage_own` and audited.
 *
 * Anything that changes how the person proves who they are (password,
 * two-step) ends every other session and gives this browser a new session
 * token, so a stolen session does not outlive the change.
 */
import type { Access } from '../../platform/auth/access.ts';
import { afterWrongAttempt, attemptPermitted } from '../../platform/auth/lockout.ts';
import { hashPassword, verifyPassword } from '../../platform/auth/password.ts';
import { countAccountSessions, createSession, deleteAccountSessions } from '../../platform/auth/session.repository.ts';
import type { SessionSettings } from '../../platform/auth/session.ts';
import { newTotpSecret, totpStep, totpUri, verifyTotp } from '../../platform/auth/totp.ts';
import { newPasswordProblems } from './invitation.service.ts';
import type { PasswordProblem } from '../../platform/auth/password.ts';

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
  async function checkCurrentPassword(
    trx: Parameters<Parameters<Access['run']>[3]>[0],
    accountId: string,
    password: string,
  ): Promise<boolean> {
    const now = access.now();
    const row = await trx
      .updateTable('staff_account')
      .set((eb) => ({ failed_logins: eb('failed_logins', '+', 1) }))
      .where('id', '=', accountId)
      .returning(['password_hash', 'failed_logins', 'lockouts'])
      .executeTakeFirstOrThrow();
    const ok = attemptPermitted(row.failed_logins) && row.password_hash !== null && (await verifyPassword(row.password_hash, password));
    if (ok) {
      await trx.updateTable('staff_account').set({ failed_logins: 0 }).where('id', '=', accountId).execute();
    } else {
      const next = afterWrongAttempt(row.failed_logins, row.lockouts, now);
      if (next.lockedUntil) {
        await trx
          .updateTable('staff_account')
          .set({ failed_logins: 0, lockouts: next.lockouts, locked_until: next.lockedUntil })
          .where('id', '=', accountId)
          .execute();
        // A locked account is signed out everywhere too.
        await deleteAccountSessions(trx, accountId);
      }
    }
    return ok;
  }

  return {
    summary: (): Promise<AccountSummary> =>
      access.run('account.manage_own', self(), { ...subject(), action: 'account.view_own' }, async (trx, actor) => {
        const row = await trx
          .selectFrom('staff_account')
          .select(['last_sign_in_at'])
          .where('id', '=', actor.accountId)
          .executeTakeFirstOrThrow();
        return {
          name: actor.name,
          email: actor.email,
          role: actor.role,
          manager: actor.manager,
          organisationName: actor.organisationName,
          twoStep: actor.twoStep,
          liveSessions: await countAccountSessions(trx, actor.accountId, access.now(), settings.idleMs),
          lastSignInAt: row.last_sign_in_at,
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
          await trx
            .updateTable('staff_account')
            .set({ password_hash: newHash, password_changed_at: now })
            .where('id', '=', a.accountId)
            .execute();
          await deleteAccountSessions(trx, a.accountId);
          const s = await createSession(trx, a.accountId, 'active', now, settings);
          return { ok: true, token: s.token };
        },
      );
    },

    /** Makes (or re-uses) a secret for the person to add to their app; not switched on until confirmed. */
    beginTwoStep: (): Promise<{ secret: string; uri: string } | { alreadyOn: true }> =>
      access.run('account.manage_own', self(), { ...subject(), action: 'account.two_step_setup_started' }, async (trx, a) => {
        const row = await trx
          .selectFrom('staff_account')
          .select(['totp_secret', 'totp_pending_secret'])
          .where('id', '=', a.accountId)
          .executeTakeFirstOrThrow();
        if (row.totp_secret) return { alreadyOn: true as const };
        const secret = row.totp_pending_secret ?? newTotpSecret();
        if (!row.totp_pending_secret)
          await trx.updateTable('staff_account').set({ totp_pending_secret: secret }).where('id', '=', a.accountId).execute();
        return { secret, uri: totpUri(secret, a.email) };
      }),

    /** Switches two-step sign-in on once the person shows the app gives the right code. Returns this browser's new session token. */
    confirmTwoStep: (code: string): Promise<{ ok: true; token: string } | { ok: false }> =>
      access.run(
        'account.manage_own',
        self(),
        (r: { ok: boolean }) => ({ ...subject(), action: 'account.two_step_on', details: { ok: r.ok } }),
        async (trx, a) => {
          const row = await trx
            .selectFrom('staff_account')
            .select(['totp_pending_secret'])
            .where('id', '=', a.accountId)
            .executeTakeFirstOrThrow();
          const now = access.now();
          const step = row.totp_pending_secret ? verifyTotp(row.totp_pending_secret, code, now, null) : null;
          if (step === null) return { ok: false as const };
          await trx
            .updateTable('staff_account')
            .set({ totp_secret: row.totp_pending_secret, totp_pending_secret: null, totp_last_step: Math.max(step, totpStep(now)) })
            .where('id', '=', a.accountId)
            .execute();
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
          await trx
            .updateTable('staff_account')
            .set({ totp_secret: null, totp_pending_secret: null, totp_last_step: null })
            .where('id', '=', a.accountId)
            .execute();
          return { ok: true };
        },
      ),
  };
}

export type AccountService = ReturnType<typeof accountService>;
