/**
 * Storage for group links (group-link.ts): the links of an attempt (only a
 * hash of each secret), the nonce its forms carry, and the groups that asked
 * not to get messages.
 */
import type { Selectable, Transaction } from 'kysely';
import type { Executor } from '../../platform/db/executor.ts';
import type { DB, ReferralGroupLinkTable } from '../../platform/db/schema.ts';

export type GroupLinkRow = Selectable<ReferralGroupLinkTable>;

export async function insertGroupLink(
  trx: Transaction<DB>,
  l: {
    id: string;
    attemptId: string;
    tokenHash: string;
    nonce: string;
    sentTo: string;
    createdBy: string | null;
    at: Date;
    expiresAt: Date;
  },
): Promise<void> {
  await trx
    .insertInto('referral_group_link')
    .values({
      id: l.id,
      attempt_id: l.attemptId,
      token_hash: l.tokenHash,
      form_nonce: l.nonce,
      sent_to: l.sentTo,
      created_by: l.createdBy,
      created_at: l.at,
      expires_at: l.expiresAt,
    })
    .execute();
}

/** Stops every live link of an attempt (a newer one replaces them, or the connector stopped them). */
export async function revokeGroupLinks(trx: Transaction<DB>, attemptId: string, why: 'replaced' | 'stopped', at: Date): Promise<number> {
  const r = await trx
    .updateTable('referral_group_link')
    .set({ revoked_at: at, revoked_why: why })
    .where('attempt_id', '=', attemptId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function groupLinkByHash(db: Executor, tokenHash: string): Promise<GroupLinkRow | undefined> {
  return db.selectFrom('referral_group_link').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

export async function lockGroupLinkByHash(trx: Transaction<DB>, tokenHash: string): Promise<GroupLinkRow | undefined> {
  return trx.selectFrom('referral_group_link').selectAll().where('token_hash', '=', tokenHash).forUpdate().executeTakeFirst();
}

/** A new nonce after a step is recorded (the old forms no longer work), and when the link was last used. */
export async function useGroupLink(trx: Transaction<DB>, id: string, nonce: string | null, at: Date): Promise<void> {
  await trx
    .updateTable('referral_group_link')
    .set({ last_used_at: at, ...(nonce ? { form_nonce: nonce } : {}) })
    .where('id', '=', id)
    .execute();
}

/** The newest link of an attempt (for the connector's page). */
export async function latestGroupLink(db: Executor, attemptId: string): Promise<GroupLinkRow | undefined> {
  return db
    .selectFrom('referral_group_link')
    .selectAll()
    .where('attempt_id', '=', attemptId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
}

/** The group asked not to get these messages (kept once; asking again changes nothing). */
export async function insertOptOut(trx: Transaction<DB>, organizationId: string, attemptId: string, at: Date): Promise<boolean> {
  const r = await trx
    .insertInto('group_message_opt_out')
    .values({ organization_id: organizationId, opted_out_at: at, attempt_id: attemptId })
    .onConflict((oc) => oc.column('organization_id').doNothing())
    .returning('organization_id')
    .execute();
  return r.length > 0;
}

export async function setGroupContact(trx: Transaction<DB>, attemptId: string, how: 'link' | 'phone'): Promise<void> {
  await trx.updateTable('referral_attempt').set({ group_contact: how }).where('id', '=', attemptId).execute();
}

/** The directory organisation of the service an attempt was sent to. */
export async function listingOrganisationOf(db: Executor, serviceId: string): Promise<string | undefined> {
  const r = await db.selectFrom('service').select('organization_id').where('id', '=', serviceId).executeTakeFirst();
  return r?.organization_id;
}
