/**
 * An organisation's staff, policy-checked: who is in it (administrators, and
 * the organisation's own managers), inviting people, suspending and
 * reinstating accounts, changing roles, and issuing password-reset links.
 *
 * One-time links (invitations: 7 days; resets: 1 hour) carry a random token
 * of which only the hash is stored. The link is returned to the person who
 * made it, to pass on, and also handed to the notifier (by default the
 * outbox). Changing someone's role or suspending them ends their sessions,
 * so the change applies at once.
 */
import type { Access } from '../../platform/auth/access.ts';
import { deleteAccountSessions } from '../../platform/auth/session.repository.ts';
import { hashToken, newToken } from '../../platform/auth/tokens.ts';
import type { StaffOrganisationKind, StaffRole } from '../../platform/db/schema.ts';
import { DomainError } from '../../platform/http/errors.ts';
import { isUuid, newId } from '../../platform/ids.ts';
import type { Notifier } from '../../platform/notify/notifier.ts';
import { isEmailShaped, normaliseEmail } from '../accounts/email.ts';
import { issueResetLink } from '../accounts/password-reset.service.ts';
import type { Problem } from '../accounts/problems.ts';
import { organisationKind } from './organisations.repository.ts';
import { MAX_REASON_LENGTH, type Result } from './organisations.service.ts';
import {
  accountEmail,
  accountOrganisationId,
  accountRole,
  emailTaken,
  insertInvitation,
  invitationFacts,
  openInvitations,
  organisationForStaff,
  revokeInvitation,
  revokeOpenInvitations,
  setAccountDisabled,
  setAccountRole,
  staffMemberWithOrganisation,
  staffOf,
  type OpenInvitation,
  type StaffMemberRecord,
} from './staff.repository.ts';
import { isRole, roleFitsOrganisation } from './roles.ts';

export const INVITATION_DAYS = 7;
export const RESET_MINUTES = 60;

/** A staff account as shown to whoever manages it: a lock counts only while it lasts. */
export type StaffMember = StaffMemberRecord;
export type { OpenInvitation };

/** A lock that is over (at `now`, in ms) is not shown. */
const withCurrentLock = <T extends StaffMemberRecord>(s: T, now: number): T => ({
  ...s,
  lockedUntil: s.lockedUntil && s.lockedUntil.getTime() > now ? s.lockedUntil : null,
});

export interface IssuedLink {
  url: string;
  expiresAt: Date;
  email: string;
}

/** What an invitation's transaction hands back before the message is sent. */
interface Invited extends IssuedLink {
  id: string;
  organisationName: string;
}

export interface StaffDeps {
  notifier: Notifier;
  /** Where links point, e.g. "https://belong.example.org" (no trailing slash). */
  baseUrl: string;
}

export interface InviteInput {
  email: string;
  role: string;
  manager: boolean;
}

export function staffService(access: Access, deps: StaffDeps) {
  const notFound = () => new DomainError('NotFound', 'There is no such account.');

  /** The organisation an account belongs to (an id only), for the policy. */
  async function accountOrganisation(accountId: string): Promise<string> {
    if (!isUuid(accountId)) throw notFound();
    const organisationId = await access.lookup((db) => accountOrganisationId(db, accountId));
    if (!organisationId) throw notFound();
    return organisationId;
  }

  return {
    /** The organisation's staff and open invitations (names and e-mail addresses: audited). */
    list: (organisationId: string): Promise<{ staff: StaffMember[]; invitations: OpenInvitation[] }> => {
      if (!isUuid(organisationId)) throw new DomainError('NotFound', 'There is no such organisation.');
      return access.run('staff.list', { organisationId }, { subjectType: 'staff_organisation', subjectId: organisationId }, async (trx) => {
        const staff = await staffOf(trx, organisationId);
        const invitations = await openInvitations(trx, organisationId, access.now());
        const now = access.now().getTime();
        return { staff: staff.map((s) => withCurrentLock(s, now)), invitations };
      });
    },

    /** One account with its organisation (administrators, and the organisation's managers). Audited. */
    async get(
      accountId: string,
    ): Promise<
      StaffMember & { organisationId: string; organisationName: string; organisationKind: StaffOrganisationKind; operator: boolean }
    > {
      const organisationId = await accountOrganisation(accountId);
      return access.run(
        'staff.list',
        { organisationId },
        { action: 'staff.viewed', subjectType: 'staff_account', subjectId: accountId },
        async (trx) => withCurrentLock(await staffMemberWithOrganisation(trx, accountId), access.now().getTime()),
      );
    },

    /** Invites someone to join the organisation with a role. Returns the link to pass on. */
    async invite(organisationId: string, input: InviteInput): Promise<Result<IssuedLink, 'email' | 'role'>> {
      if (!isUuid(organisationId)) throw new DomainError('NotFound', 'There is no such organisation.');
      const email = normaliseEmail(input.email);
      const problems: Problem<'email' | 'role'>[] = [];
      if (!email) problems.push({ field: 'email', code: 'emailMissing' });
      else if (!isEmailShaped(email)) problems.push({ field: 'email', code: 'emailInvalid' });
      if (!isRole(input.role)) problems.push({ field: 'role', code: 'roleInvalid' });
      if (problems.length) return { ok: false, problems };
      const role = input.role as StaffRole;
      const token = newToken();
      const result = await access.run(
        'staff.invite',
        { organisationId, role, manager: input.manager },
        (r: Result<Invited>) => ({
          action: 'staff.invited',
          subjectType: 'staff_invitation',
          subjectId: r.ok ? r.value.id : null,
          details: { organisationId, role, manager: input.manager, ok: r.ok },
        }),
        async (trx, actor): Promise<Result<Invited, 'email' | 'role'>> => {
          const org = await organisationForStaff(trx, organisationId);
          if (!org) throw new DomainError('NotFound', 'There is no such organisation.');
          if (org.suspendedAt) return { ok: false, problems: [{ field: 'email', code: 'organisationSuspended' }] };
          if (!roleFitsOrganisation(role, org)) return { ok: false, problems: [{ field: 'role', code: 'roleNotForOrganisation' }] };
          if (await emailTaken(trx, email)) return { ok: false, problems: [{ field: 'email', code: 'emailTaken' }] };
          const now = access.now();
          // A new invitation replaces any earlier one for the same person and organisation.
          await revokeOpenInvitations(trx, organisationId, email, now);
          const id = newId();
          const expiresAt = new Date(now.getTime() + INVITATION_DAYS * 24 * 60 * 60_000);
          await insertInvitation(trx, {
            id,
            tokenHash: hashToken(token),
            organisationId,
            email,
            role,
            manager: input.manager,
            invitedBy: actor.accountId,
            createdAt: now,
            expiresAt,
          });
          const url = `${deps.baseUrl}/staff/invitation/${token}`;
          // In this transaction: the message exists exactly when the invitation does.
          await deps.notifier.enqueue(trx, {
            to: email,
            subject: `You are invited to Belong (${org.name})`,
            text:
              `${access.actor?.name ?? 'An administrator'} has invited you to join ${org.name} on Belong.\n\n` +
              `Open this link to choose your password and sign in. It works once, until ${expiresAt.toUTCString()}:\n\n${url}\n\n` +
              'If you did not expect this, you can ignore it.',
          });
          return { ok: true, value: { id, url, expiresAt, email, organisationName: org.name } };
        },
      );
      if (!result.ok) return result;
      const { url, expiresAt } = result.value;
      return { ok: true, value: { url, expiresAt, email } };
    },

    /** Withdraws an invitation that has not been used. Returns its organisation's id. */
    async revokeInvitation(invitationId: string): Promise<string> {
      if (!isUuid(invitationId)) throw new DomainError('NotFound', 'There is no such invitation.');
      const inv = await access.lookup((db) => invitationFacts(db, invitationId));
      if (!inv) throw new DomainError('NotFound', 'There is no such invitation.');
      await access.run(
        'staff.invite',
        { organisationId: inv.organisationId, role: inv.role, manager: inv.manager },
        { action: 'staff.invitation_revoked', subjectType: 'staff_invitation', subjectId: invitationId },
        (trx) => revokeInvitation(trx, invitationId, access.now()),
      );
      return inv.organisationId;
    },

    /** Suspends (with a reason) or reinstates one account. Suspending ends its sessions. */
    async setSuspended(accountId: string, suspend: boolean, reason: string): Promise<Result<void, 'reason'>> {
      const organisationId = await accountOrganisation(accountId);
      const why = reason.trim();
      if (suspend && !why) return { ok: false, problems: [{ field: 'reason', code: 'reasonMissing' }] };
      if (why.length > MAX_REASON_LENGTH) return { ok: false, problems: [{ field: 'reason', code: 'reasonTooLong' }] };
      return access.run(
        'staff.suspend',
        { organisationId, accountId },
        (r: Result<void> & { ended?: number }) => ({
          action: suspend ? 'staff.suspended' : 'staff.reinstated',
          subjectType: 'staff_account',
          subjectId: accountId,
          reason: why || null,
          details: { sessionsEnded: r.ended ?? 0 },
        }),
        async (trx): Promise<Result<void, 'reason'> & { ended?: number }> => {
          await setAccountDisabled(trx, accountId, suspend ? access.now() : null);
          const ended = suspend ? await deleteAccountSessions(trx, accountId) : 0;
          return { ok: true, value: undefined, ended };
        },
      );
    },

    /** Changes someone's role (and manager flag). Their sessions end, so the new role applies at once. */
    async changeRole(accountId: string, input: { role: string; manager: boolean }): Promise<Result<void, 'role'>> {
      const organisationId = await accountOrganisation(accountId);
      if (!isRole(input.role)) return { ok: false, problems: [{ field: 'role', code: 'roleInvalid' }] };
      const role = input.role as StaffRole;
      return access.run(
        'staff.change_role',
        { organisationId, accountId, role, manager: input.manager },
        (r: Result<void> & { from?: string }) => ({
          action: 'staff.role_changed',
          subjectType: 'staff_account',
          subjectId: accountId,
          details: { ok: r.ok, from: r.from ?? null, to: role, manager: input.manager },
        }),
        async (trx): Promise<Result<void, 'role'> & { from?: string }> => {
          const org = await organisationKind(trx, organisationId);
          if (!org) throw new Error(`no organisation ${organisationId}`);
          if (!roleFitsOrganisation(role, org)) return { ok: false, problems: [{ field: 'role', code: 'roleNotForOrganisation' }] };
          const before = await accountRole(trx, accountId);
          await setAccountRole(trx, accountId, { role, manager: input.manager });
          if (before.role !== role || before.manager !== input.manager) await deleteAccountSessions(trx, accountId);
          return { ok: true, value: undefined, from: `${before.role}${before.manager ? '+manager' : ''}` };
        },
      );
    },

    /** Makes a one-time link to set a new password (1 hour), optionally also turning off two-step sign-in. */
    async issueReset(accountId: string, opts: { clearTwoStep: boolean }): Promise<IssuedLink> {
      const organisationId = await accountOrganisation(accountId);
      const token = newToken();
      const link = await access.run(
        'staff.issue_reset',
        { organisationId, accountId },
        { action: 'staff.reset_issued', subjectType: 'staff_account', subjectId: accountId, details: { clearTwoStep: opts.clearTwoStep } },
        async (trx, actor): Promise<IssuedLink> => {
          const now = access.now();
          const email = await accountEmail(trx, accountId);
          const expiresAt = new Date(now.getTime() + RESET_MINUTES * 60_000);
          // Only the newest link works.
          await issueResetLink(trx, {
            accountId,
            tokenHash: hashToken(token),
            issuedBy: actor.accountId,
            clearTwoStep: opts.clearTwoStep,
            now,
            expiresAt,
          });
          const link = { url: `${deps.baseUrl}/staff/reset/${token}`, expiresAt, email };
          await deps.notifier.enqueue(trx, {
            to: link.email,
            subject: 'Set a new password for Belong',
            text:
              `${access.actor?.name ?? 'An administrator'} has made you a link to set a new password for Belong.\n\n` +
              `It works once, until ${link.expiresAt.toUTCString()}:\n\n${link.url}\n\n` +
              'Using it signs you out of Belong everywhere else. If you did not ask for this, tell your administrator.',
          });
          return link;
        },
      );
      return link;
    },
  };
}

export type StaffService = ReturnType<typeof staffService>;
