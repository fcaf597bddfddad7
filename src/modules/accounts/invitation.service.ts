/**
 * Accepting an invitation: the person opens the one-time link an
 * administrator (or their organisation's manager) made, gives their name and
 * a password, and is signed in. The link works once, for seven days, and
 * only while the organisation is not suspended.
 */
import { appendAuditEvent } from '../../platform/audit/audit.repository.ts';
import type { StaffRole } from '../../platform/db/schema.ts';
import { newId } from '../../platform/ids.ts';
import { hashPassword, passwordProblem, type PasswordProblem } from '../../platform/auth/password.ts';
import { createSession } from '../../platform/auth/session.repository.ts';
import { hashToken, isTokenShaped } from '../../platform/auth/tokens.ts';
import { accountWithEmail, insertAccounts } from './accounts.repository.ts';
import { findInvitationByToken, lockInvitationByToken, markInvitationAccepted } from './invitations.repository.ts';
import type { AuthEnv } from './sign-in.service.ts';

export interface InvitationView {
  id: string;
  email: string;
  role: StaffRole;
  organisationName: string;
}

export type InvitationLookup = { ok: true; invitation: InvitationView } | { ok: false; why: 'unknown' | 'used' | 'expired' | 'suspended' };

export async function findInvitation(env: AuthEnv, token: string): Promise<InvitationLookup> {
  if (!isTokenShaped(token)) return { ok: false, why: 'unknown' };
  const r = await findInvitationByToken(env.db, hashToken(token));
  if (!r || r.revokedAt) return { ok: false, why: 'unknown' };
  if (r.acceptedAt) return { ok: false, why: 'used' };
  if (r.expiresAt.getTime() <= env.now().getTime()) return { ok: false, why: 'expired' };
  if (r.organisationSuspendedAt) return { ok: false, why: 'suspended' };
  return { ok: true, invitation: { id: r.id, email: r.email, role: r.role, organisationName: r.organisationName } };
}

export type AcceptProblem = 'nameMissing' | 'nameTooLong' | PasswordProblem | 'mismatch' | 'emailTaken';
export type AcceptResult =
  | { ok: true; token: string; accountId: string }
  | { ok: false; problems: { field: 'name' | 'password' | 'confirm'; problem: AcceptProblem }[] }
  | { ok: false; why: 'unknown' | 'used' | 'expired' | 'suspended'; problems?: undefined };

/** Checks a name and a new password pair; shared with the reset and change-password forms. */
export function newPasswordProblems(password: string, confirm: string, context: { email: string; name?: string }) {
  const problems: { field: 'password' | 'confirm'; problem: PasswordProblem | 'mismatch' }[] = [];
  const p = passwordProblem(password, context);
  if (p) problems.push({ field: 'password', problem: p });
  else if (password !== confirm) problems.push({ field: 'confirm', problem: 'mismatch' });
  return problems;
}

export async function acceptInvitation(
  env: AuthEnv,
  token: string,
  input: { name: string; password: string; confirm: string },
): Promise<AcceptResult> {
  const found = await findInvitation(env, token);
  if (!found.ok) return found;
  const name = input.name.trim().replace(/\s+/g, ' ');
  const problems: { field: 'name' | 'password' | 'confirm'; problem: AcceptProblem }[] = [];
  if (!name) problems.push({ field: 'name', problem: 'nameMissing' });
  else if (name.length > 100) problems.push({ field: 'name', problem: 'nameTooLong' });
  problems.push(...newPasswordProblems(input.password, input.confirm, { email: found.invitation.email, name }));
  if (problems.length) return { ok: false, problems };

  const passwordHash = await hashPassword(input.password);
  const now = env.now();
  const accountId = newId();
  const outcome = await env.db.transaction().execute(async (trx) => {
    // Re-read under lock: the link may have been used a moment ago in another tab.
    const inv = await lockInvitationByToken(trx, hashToken(token));
    if (!inv || inv.acceptedAt || inv.revokedAt || inv.expiresAt.getTime() <= now.getTime()) return 'used' as const;
    if (await accountWithEmail(trx, inv.email)) return 'emailTaken' as const;
    await insertAccounts(trx, [
      {
        id: accountId,
        organisationId: inv.organisationId,
        email: inv.email,
        name,
        role: inv.role,
        manager: inv.manager,
        passwordHash,
        passwordChangedAt: now,
        createdAt: now,
        lastSignInAt: now,
      },
    ]);
    await markInvitationAccepted(trx, inv.id, accountId, now);
    const session = await createSession(trx, accountId, 'active', now, env.settings);
    await appendAuditEvent(
      trx,
      {
        actor: { accountId, organisationId: inv.organisationId, role: inv.role },
        requestId: env.requestId ?? null,
        ipHash: env.ipHash,
        now,
      },
      { action: 'staff.invitation_accepted', subjectType: 'staff_account', subjectId: accountId, details: { invitationId: inv.id } },
    );
    return session;
  });
  if (outcome === 'used') return { ok: false, why: 'used' };
  if (outcome === 'emailTaken') return { ok: false, problems: [{ field: 'name', problem: 'emailTaken' }] };
  return { ok: true, token: outcome.token, accountId };
}
