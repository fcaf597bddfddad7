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
import type { Selectable } from 'kysely';
import type { StaffAccountTable, StaffOrganisationKind, StaffRole } from '../../platform/db/schema.ts';
import { DomainError } from '../../platform/http/errors.ts';
import { isUuid, newId } from '../../platform/ids.ts';
import type { Notifier } from '../../platform/notify/notifier.ts';
import { isEmailShaped, normaliseEmail } from '../accounts/email.ts';
import type { Problem } from '../accounts/problems.ts';
import { MAX_REASON_LENGTH, type Result } from './organisations.service.ts';
import { isRole, roleFitsOrganisation } from './roles.ts';

export const INVITATION_DAYS = 7;
export const RESET_MINUTES = 60;

export interface StaffMember {
  id: string;
  name: string;
  email: string;
  role: StaffRole;
  manager: boolean;
  disabledAt: Date | null;
  lockedUntil: Date | null;
  lastSignInAt: Date | null;
  twoStep: boolean;
  hasPassword: boolean;
}

/** The columns a staff member is read from. */
const MEMBER_COLUMNS = [
  'id',
  'name',
  'email',
  'role',
  'manager',
  'disabled_at',
  'locked_until',
  'last_sign_in_at',
  'totp_secret',
  'password_hash',
] as const;
type MemberRow = Pick<Selectable<StaffAccountTable>, (typeof MEMBER_COLUMNS)[number]>;

/** A staff account as shown to whoever manages it: a lock counts only while it lasts (`now` in ms). */
function toStaffMember(s: MemberRow, now: number): StaffMember {
  return {
    id: s.id,
    name: s.name,
    email: s.email,
    role: s.role,
    manager: s.manager,
    disabledAt: s.disabled_at,
    lockedUntil: s.locked_until && s.locked_until.getTime() > now ? s.locked_until : null,
    lastSignInAt: s.last_sign_in_at,
    twoStep: s.totp_secret !== null,
    hasPassword: s.password_hash !== null,
  };
}

export interface OpenInvitation {
  id: string;
  email: string;
  role: StaffRole;
  manager: boolean;
  createdAt: Date;
  expiresAt: Date;
}

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
    const row = await access.lookup((db) =>
      db.selectFrom('staff_account').select('organisation_id').where('id', '=', accountId).executeTakeFirst(),
    );
    if (!row) throw notFound();
    return row.organisation_id;
  }

  return {
    /** The organisation's staff and open invitations (names and e-mail addresses: audited). */
    list: (organisationId: string): Promise<{ staff: StaffMember[]; invitations: OpenInvitation[] }> => {
      if (!isUuid(organisationId)) throw new DomainError('NotFound', 'There is no such organisation.');
      return access.run('staff.list', { organisationId }, { subjectType: 'staff_organisation', subjectId: organisationId }, async (trx) => {
        const staff = await trx
          .selectFrom('staff_account')
          .select(MEMBER_COLUMNS)
          .where('organisation_id', '=', organisationId)
          .orderBy('name')
          .execute();
        const invitations = await trx
          .selectFrom('staff_invitation')
          .select(['id', 'email', 'role', 'manager', 'created_at', 'expires_at'])
          .where('organisation_id', '=', organisationId)
          .where('accepted_at', 'is', null)
          .where('revoked_at', 'is', null)
          .where('expires_at', '>', access.now())
          .orderBy('created_at', 'desc')
          .execute();
        const now = access.now().getTime();
        return {
          staff: staff.map((s) => toStaffMember(s, now)),
          invitations: invitations.map((i) => ({
            id: i.id,
            email: i.email,
            role: i.role,
            manager: i.manager,
            createdAt: i.created_at,
            expiresAt: i.expires_at,
          })),
        };
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
        async (trx) => {
          const s = await trx
            .selectFrom('staff_account as a')
            .innerJoin('staff_organisation as o', 'o.id', 'a.organisation_id')
            .select(MEMBER_COLUMNS.map((c) => `a.${c}` as const))
            .select(['o.id as organisation_id', 'o.name as organisation_name', 'o.kind', 'o.operator'])
            .where('a.id', '=', accountId)
            .executeTakeFirstOrThrow();
          const now = access.now().getTime();
          return {
            ...toStaffMember(s, now),
            organisationId: s.organisation_id,
            organisationName: s.organisation_name,
            organisationKind: s.kind,
            operator: s.operator,
          };
        },
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
          const org = await trx
            .selectFrom('staff_organisation')
            .select(['name', 'kind', 'operator', 'suspended_at'])
            .where('id', '=', organisationId)
            .executeTakeFirst();
          if (!org) throw new DomainError('NotFound', 'There is no such organisation.');
          if (org.suspended_at) return { ok: false, problems: [{ field: 'email', code: 'organisationSuspended' }] };
          if (!roleFitsOrganisation(role, org)) return { ok: false, problems: [{ field: 'role', code: 'roleNotForOrganisation' }] };
          const taken = await trx.selectFrom('staff_account').select('id').where('email', '=', email).executeTakeFirst();
          if (taken) return { ok: false, problems: [{ field: 'email', code: 'emailTaken' }] };
          const now = access.now();
          // A new invitation replaces any earlier one for the same person and organisation.
          await trx
            .updateTable('staff_invitation')
            .set({ revoked_at: now })
            .where('organisation_id', '=', organisationId)
            .where('email', '=', email)
            .where('accepted_at', 'is', null)
            .where('revoked_at', 'is', null)
            .execute();
          const id = newId();
          const expiresAt = new Date(now.getTime() + INVITATION_DAYS * 24 * 60 * 60_000);
          await trx
            .insertInto('staff_invitation')
            .values({
              id,
              token_hash: hashToken(token),
              organisation_id: organisationId,
              email,
              role,
              manager: input.manager,
              invited_by: actor.accountId,
              created_at: now,
              expires_at: expiresAt,
            })
            .execute();
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
      const inv = await access.lookup((db) =>
        db.selectFrom('staff_invitation').select(['organisation_id', 'role', 'manager']).where('id', '=', invitationId).executeTakeFirst(),
      );
      if (!inv) throw new DomainError('NotFound', 'There is no such invitation.');
      await access.run(
        'staff.invite',
        { organisationId: inv.organisation_id, role: inv.role, manager: inv.manager },
        { action: 'staff.invitation_revoked', subjectType: 'staff_invitation', subjectId: invitationId },
        async (trx) => {
          await trx
            .updateTable('staff_invitation')
            .set({ revoked_at: access.now() })
            .where('id', '=', invitationId)
            .where('accepted_at', 'is', null)
            .execute();
        },
      );
      return inv.organisation_id;
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
          await trx
            .updateTable('staff_account')
            .set({ disabled_at: suspend ? access.now() : null })
            .where('id', '=', accountId)
            .execute();
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
          const org = await trx
            .selectFrom('staff_organisation')
            .select(['kind', 'operator'])
            .where('id', '=', organisationId)
            .executeTakeFirstOrThrow();
          if (!roleFitsOrganisation(role, org)) return { ok: false, problems: [{ field: 'role', code: 'roleNotForOrganisation' }] };
          const before = await trx
            .selectFrom('staff_account')
            .select(['role', 'manager'])
            .where('id', '=', accountId)
            .executeTakeFirstOrThrow();
          await trx.updateTable('staff_account').set({ role, manager: input.manager }).where('id', '=', accountId).execute();
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
          const account = await trx.selectFrom('staff_account').select(['email']).where('id', '=', accountId).executeTakeFirstOrThrow();
          // Only the newest link works.
          await trx
            .updateTable('staff_password_reset')
            .set({ used_at: now })
            .where('account_id', '=', accountId)
            .where('used_at', 'is', null)
            .execute();
          const expiresAt = new Date(now.getTime() + RESET_MINUTES * 60_000);
          await trx
            .insertInto('staff_password_reset')
            .values({
              id: newId(),
              token_hash: hashToken(token),
              account_id: accountId,
              issued_by: actor.accountId,
              clear_two_step: opts.clearTwoStep,
              created_at: now,
              expires_at: expiresAt,
            })
            .execute();
          const link = { url: `${deps.baseUrl}/staff/reset/${token}`, expiresAt, email: account.email };
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
