/**
 * An organisation's staff accounts and their invitations, for
 * staff.service.ts (which policy-checks and audits). Tokens are stored only
 * as their hash.
 */
import type { Selectable } from 'kysely';
import type { Executor } from '../../platform/db/executor.ts';
import type { StaffAccountTable, StaffOrganisationKind, StaffRole } from '../../platform/db/schema.ts';

/** A staff account as whoever manages it sees it (the lock as stored, over or not). */
export interface StaffMemberRecord {
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

const toMember = (s: MemberRow): StaffMemberRecord => ({
  id: s.id,
  name: s.name,
  email: s.email,
  role: s.role,
  manager: s.manager,
  disabledAt: s.disabled_at,
  lockedUntil: s.locked_until,
  lastSignInAt: s.last_sign_in_at,
  twoStep: s.totp_secret !== null,
  hasPassword: s.password_hash !== null,
});

/** The organisation's staff, by name. */
export async function staffOf(db: Executor, organisationId: string): Promise<StaffMemberRecord[]> {
  const rows = await db
    .selectFrom('staff_account')
    .select(MEMBER_COLUMNS)
    .where('organisation_id', '=', organisationId)
    .orderBy('name')
    .execute();
  return rows.map(toMember);
}

/** One account with its organisation (the account must exist). */
export async function staffMemberWithOrganisation(
  db: Executor,
  accountId: string,
): Promise<
  StaffMemberRecord & { organisationId: string; organisationName: string; organisationKind: StaffOrganisationKind; operator: boolean }
> {
  const s = await db
    .selectFrom('staff_account as a')
    .innerJoin('staff_organisation as o', 'o.id', 'a.organisation_id')
    .select(MEMBER_COLUMNS.map((c) => `a.${c}` as const))
    .select(['o.id as organisation_id', 'o.name as organisation_name', 'o.kind', 'o.operator'])
    .where('a.id', '=', accountId)
    .executeTakeFirstOrThrow();
  return {
    ...toMember(s),
    organisationId: s.organisation_id,
    organisationName: s.organisation_name,
    organisationKind: s.kind,
    operator: s.operator,
  };
}

/** The organisation an account belongs to (an id only), or null when there is no such account. */
export async function accountOrganisationId(db: Executor, accountId: string): Promise<string | null> {
  const row = await db.selectFrom('staff_account').select('organisation_id').where('id', '=', accountId).executeTakeFirst();
  return row?.organisation_id ?? null;
}

export async function accountEmail(db: Executor, accountId: string): Promise<string> {
  const account = await db.selectFrom('staff_account').select(['email']).where('id', '=', accountId).executeTakeFirstOrThrow();
  return account.email;
}

export async function emailTaken(db: Executor, email: string): Promise<boolean> {
  return (await db.selectFrom('staff_account').select('id').where('email', '=', email).executeTakeFirst()) !== undefined;
}

export async function accountRole(db: Executor, accountId: string): Promise<{ role: StaffRole; manager: boolean }> {
  return db.selectFrom('staff_account').select(['role', 'manager']).where('id', '=', accountId).executeTakeFirstOrThrow();
}

export async function setAccountRole(db: Executor, accountId: string, change: { role: StaffRole; manager: boolean }): Promise<void> {
  await db.updateTable('staff_account').set({ role: change.role, manager: change.manager }).where('id', '=', accountId).execute();
}

export async function setAccountDisabled(db: Executor, accountId: string, disabledAt: Date | null): Promise<void> {
  await db.updateTable('staff_account').set({ disabled_at: disabledAt }).where('id', '=', accountId).execute();
}

/** What inviting someone into an organisation depends on, or null when there is no such organisation. */
export async function organisationForStaff(
  db: Executor,
  organisationId: string,
): Promise<{ name: string; kind: StaffOrganisationKind; operator: boolean; suspendedAt: Date | null } | null> {
  const org = await db
    .selectFrom('staff_organisation')
    .select(['name', 'kind', 'operator', 'suspended_at'])
    .where('id', '=', organisationId)
    .executeTakeFirst();
  return org ? { name: org.name, kind: org.kind, operator: org.operator, suspendedAt: org.suspended_at } : null;
}

export interface OpenInvitation {
  id: string;
  email: string;
  role: StaffRole;
  manager: boolean;
  createdAt: Date;
  expiresAt: Date;
}

/** Invitations neither used, withdrawn nor expired at `now`, newest first. */
export async function openInvitations(db: Executor, organisationId: string, now: Date): Promise<OpenInvitation[]> {
  const rows = await db
    .selectFrom('staff_invitation')
    .select(['id', 'email', 'role', 'manager', 'created_at', 'expires_at'])
    .where('organisation_id', '=', organisationId)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map((i) => ({
    id: i.id,
    email: i.email,
    role: i.role,
    manager: i.manager,
    createdAt: i.created_at,
    expiresAt: i.expires_at,
  }));
}

/** What the policy needs to know about an invitation, or null when there is no such invitation. */
export async function invitationFacts(
  db: Executor,
  invitationId: string,
): Promise<{ organisationId: string; role: StaffRole; manager: boolean } | null> {
  const inv = await db
    .selectFrom('staff_invitation')
    .select(['organisation_id', 'role', 'manager'])
    .where('id', '=', invitationId)
    .executeTakeFirst();
  return inv ? { organisationId: inv.organisation_id, role: inv.role, manager: inv.manager } : null;
}

/** Withdraws the open invitations for this person to this organisation. */
export async function revokeOpenInvitations(db: Executor, organisationId: string, email: string, now: Date): Promise<void> {
  await db
    .updateTable('staff_invitation')
    .set({ revoked_at: now })
    .where('organisation_id', '=', organisationId)
    .where('email', '=', email)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .execute();
}

/** Withdraws one invitation unless it has been used. */
export async function revokeInvitation(db: Executor, invitationId: string, now: Date): Promise<void> {
  await db
    .updateTable('staff_invitation')
    .set({ revoked_at: now })
    .where('id', '=', invitationId)
    .where('accepted_at', 'is', null)
    .execute();
}

export async function insertInvitation(
  db: Executor,
  inv: {
    id: string;
    tokenHash: string;
    organisationId: string;
    email: string;
    role: StaffRole;
    manager: boolean;
    invitedBy: string;
    createdAt: Date;
    expiresAt: Date;
  },
): Promise<void> {
  await db
    .insertInto('staff_invitation')
    .values({
      id: inv.id,
      token_hash: inv.tokenHash,
      organisation_id: inv.organisationId,
      email: inv.email,
      role: inv.role,
      manager: inv.manager,
      invited_by: inv.invitedBy,
      created_at: inv.createdAt,
      expires_at: inv.expiresAt,
    })
    .execute();
}
