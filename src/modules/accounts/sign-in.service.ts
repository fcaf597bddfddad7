/**
 * Signing in: password, then (when the account has it on) a two-step code.
 *
 * Protection, in order:
 * - a client address that has failed too often recently must wait (429);
 * - the attempt is counted on the account before the password is checked,
 *   and a locked account's password is not checked at all;
 * - unknown e-mail addresses, accounts without a password and locked
 *   accounts cost the same argon2 verification (against a dummy hash) and get
 *   the same message as a wrong password, so neither the answer nor its
 *   timing says whether an address has an account;
 * - a right password for a suspended account or organisation is refused with
 *   its own message (only someone who knows the password learns it).
 *
 * Every outcome about a real account is written to the audit log.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import { appendAuditEvent } from '../../platform/audit/audit.repository.ts';
import type { AuditEntry, AuditOrigin } from '../../platform/audit/audit.ts';
import { addressWaitMs, attemptPermitted } from '../../platform/auth/lockout.ts';
import {
  addressThrottle,
  clearAccountFailures,
  purgeAddressThrottles,
  recordAddressFailure,
  recordWrongAttempt,
  reserveAccountAttempt,
} from '../../platform/auth/login-guard.repository.ts';
import { dummyHash, hashPassword, needsRehash, verifyPassword } from '../../platform/auth/password.ts';
import { createSession, deleteSession, purgeExpiredSessions, type SessionRow } from '../../platform/auth/session.repository.ts';
import type { SessionSettings } from '../../platform/auth/session.ts';
import { verifyTotp } from '../../platform/auth/totp.ts';
import {
  claimTotpStep,
  findAccountByEmail,
  findAccountById,
  markSignedIn,
  setPasswordHash,
  type SignInAccount,
} from './accounts.repository.ts';

/** What the sign-in flows need from the request. */
export interface AuthEnv {
  db: Kysely<DB>;
  settings: SessionSettings;
  now: () => Date;
  ipHash: string;
  requestId?: string | null;
}

export type SignInResult =
  | { kind: 'signedIn'; token: string; accountId: string }
  | { kind: 'twoStep'; token: string }
  | { kind: 'refused' }
  /** Two-step only: the code was wrong; the person may try again. */
  | { kind: 'wrongCode' }
  | { kind: 'suspended' }
  | { kind: 'throttled'; retryAfterSeconds: number };

function origin(env: AuthEnv, account: Pick<SignInAccount, 'id' | 'organisationId' | 'role'> | null): AuditOrigin {
  return {
    actor: account ? { accountId: account.id, organisationId: account.organisationId, role: account.role } : null,
    requestId: env.requestId ?? null,
    ipHash: env.ipHash,
    now: env.now(),
  };
}

/** Writes an audit entry about an account during sign-in (actor: nobody yet, or the account itself). */
export function auditAccount(env: AuthEnv, account: SignInAccount, entry: AuditEntry, asActor = false): Promise<string> {
  return appendAuditEvent(env.db, origin(env, asActor ? account : null), { subjectType: 'staff_account', subjectId: account.id, ...entry });
}

async function refuse(env: AuthEnv, now: Date): Promise<SignInResult> {
  await recordAddressFailure(env.db, env.ipHash, now);
  return { kind: 'refused' };
}

/** Starts a fully signed-in session (after any two-step code), and tidies old sessions. */
export async function startSession(
  env: AuthEnv,
  account: SignInAccount,
  details: Record<string, unknown>,
): Promise<{ token: string; row: SessionRow }> {
  const now = env.now();
  await purgeExpiredSessions(env.db, now, env.settings.idleMs);
  const s = await createSession(env.db, account.id, 'active', now, env.settings);
  await markSignedIn(env.db, account.id, now);
  await auditAccount(env, account, { action: 'account.sign_in', details }, true);
  return s;
}

/** Step one: e-mail address and password. */
export async function signInWithPassword(env: AuthEnv, email: string, password: string): Promise<SignInResult> {
  const now = env.now();
  const wait = addressWaitMs(await addressThrottle(env.db, env.ipHash), now);
  if (wait > 0) return { kind: 'throttled', retryAfterSeconds: Math.ceil(wait / 1000) };

  const account = await findAccountByEmail(env.db, email);
  if (!account || account.passwordHash === null) {
    await verifyPassword(await dummyHash(), password);
    return refuse(env, now);
  }
  const reserved = await reserveAccountAttempt(env.db, account.id, now);
  if (!reserved || !attemptPermitted(reserved.attempt)) {
    await verifyPassword(await dummyHash(), password);
    if (reserved) await recordWrongAttempt(env.db, account.id, reserved.attempt, reserved.lockouts, now);
    await auditAccount(env, account, { action: 'account.sign_in', outcome: 'denied', details: { why: 'locked' } });
    return refuse(env, now);
  }
  if (!(await verifyPassword(account.passwordHash, password))) {
    const state = await recordWrongAttempt(env.db, account.id, reserved.attempt, reserved.lockouts, now);
    await auditAccount(env, account, {
      action: 'account.sign_in',
      outcome: 'denied',
      details: {
        why: 'password',
        attempt: reserved.attempt,
        ...(state.lockedUntil ? { lockedUntil: state.lockedUntil.toISOString() } : {}),
      },
    });
    return refuse(env, now);
  }

  await clearAccountFailures(env.db, account.id);
  await purgeAddressThrottles(env.db, new Date(now.getTime() - 24 * 60 * 60_000));
  if (account.disabled || account.organisationSuspended) {
    await auditAccount(env, account, { action: 'account.sign_in', outcome: 'denied', details: { why: 'suspended' } });
    return { kind: 'suspended' };
  }
  if (needsRehash(account.passwordHash)) await setPasswordHash(env.db, account.id, await hashPassword(password), now);
  if (account.totpSecret) {
    const pending = await createSession(env.db, account.id, 'two_step', now, env.settings);
    return { kind: 'twoStep', token: pending.token };
  }
  const s = await startSession(env, account, { twoStep: false });
  return { kind: 'signedIn', token: s.token, accountId: account.id };
}

/** Step two: the code from the authenticator app, for a session waiting for it. */
export async function completeTwoStep(env: AuthEnv, pending: SessionRow, code: string): Promise<SignInResult> {
  const now = env.now();
  const wait = addressWaitMs(await addressThrottle(env.db, env.ipHash), now);
  if (wait > 0) return { kind: 'throttled', retryAfterSeconds: Math.ceil(wait / 1000) };
  const account = await findAccountById(env.db, pending.accountId);
  if (!account?.totpSecret || pending.stage !== 'two_step') {
    await deleteSession(env.db, pending.tokenHash);
    return { kind: 'refused' };
  }
  const reserved = await reserveAccountAttempt(env.db, account.id, now);
  if (!reserved || !attemptPermitted(reserved.attempt)) {
    if (reserved) await recordWrongAttempt(env.db, account.id, reserved.attempt, reserved.lockouts, now);
    await deleteSession(env.db, pending.tokenHash);
    await auditAccount(env, account, { action: 'account.sign_in', outcome: 'denied', details: { why: 'locked', twoStep: true } });
    return refuse(env, now);
  }
  const step = verifyTotp(account.totpSecret, code, now, account.totpLastStep);
  if (step === null || !(await claimTotpStep(env.db, account.id, step))) {
    const state = await recordWrongAttempt(env.db, account.id, reserved.attempt, reserved.lockouts, now);
    if (state.lockedUntil) await deleteSession(env.db, pending.tokenHash);
    await auditAccount(env, account, {
      action: 'account.sign_in',
      outcome: 'denied',
      details: {
        why: 'code',
        twoStep: true,
        attempt: reserved.attempt,
        ...(state.lockedUntil ? { lockedUntil: state.lockedUntil.toISOString() } : {}),
      },
    });
    await recordAddressFailure(env.db, env.ipHash, now);
    return state.lockedUntil ? { kind: 'refused' } : { kind: 'wrongCode' };
  }
  await clearAccountFailures(env.db, account.id);
  await deleteSession(env.db, pending.tokenHash);
  if (account.disabled || account.organisationSuspended) return { kind: 'suspended' };
  const s = await startSession(env, account, { twoStep: true });
  return { kind: 'signedIn', token: s.token, accountId: account.id };
}

/** Signing out of this browser. */
export async function signOut(env: AuthEnv, session: SessionRow): Promise<void> {
  await deleteSession(env.db, session.tokenHash);
  const account = await findAccountById(env.db, session.accountId);
  if (account) await auditAccount(env, account, { action: 'account.sign_out' }, true);
}
