/**
 * Invitation rows as the person opening an invitation link needs them
 * (invitation.service.ts): found by the hash of the link's token.
 */
import type { Executor } from '../../platform/db/executor.ts';
import type { StaffRole } from '../../platform/db/schema.ts';

export interface InvitationLink {
  id: string;
  email: string;
  role: StaffRole;
  organisationName: string;
  expiresAt: Date;
  acceptedAt: Date | null;
  revokedAt: Date | null;
  organisationSuspendedAt: Date | null;
}

export async function findInvitationByToken(db: Executor, tokenHash: string): Promise<InvitationLink | null> {
  const r = await db
    .selectFrom('staff_invitation as i')
    .innerJoin('staff_organisation as o', 'o.id', 'i.organisation_id')
    .select(['i.id', 'i.email', 'i.role', 'i.expires_at', 'i.accepted_at', 'i.revoked_at', 'o.name', 'o.suspended_at'])
    .where('i.token_hash', '=', tokenHash)
    .executeTakeFirst();
  return r
    ? {
        id: r.id,
        email: r.email,
        role: r.role,
        organisationName: r.name,
        expiresAt: r.expires_at,
        acceptedAt: r.accepted_at,
        revokedAt: r.revoked_at,
        organisationSuspendedAt: r.suspended_at,
      }
    : null;
}

export interface LockedInvitation {
  id: string;
  organisationId: string;
  email: string;
  role: StaffRole;
  manager: boolean;
  expiresAt: Date;
  acceptedAt: Date | null;
  revokedAt: Date | null;
}

/** Reads an invitation and locks its row until the transaction ends. */
export async function lockInvitationByToken(db: Executor, tokenHash: string): Promise<LockedInvitation | null> {
  const inv = await db.selectFrom('staff_invitation').selectAll().where('token_hash', '=', tokenHash).forUpdate().executeTakeFirst();
  return inv
    ? {
        id: inv.id,
        organisationId: inv.organisation_id,
        email: inv.email,
        role: inv.role,
        manager: inv.manager,
        expiresAt: inv.expires_at,
        acceptedAt: inv.accepted_at,
        revokedAt: inv.revoked_at,
      }
    : null;
}

export async function markInvitationAccepted(db: Executor, invitationId: string, accountId: string, now: Date): Promise<void> {
  await db.updateTable('staff_invitation').set({ accepted_at: now, account_id: accountId }).where('id', '=', invitationId).execute();
}
