/**
 * The recipient's side of referrals in the database: the attempts sent to an
 * organisation, and the services a provider manages with whether each takes
 * referrals (a change to that is kept in the directory's change log). Called
 * inside the policy-checked transactions of referral-inbox.service.ts.
 */
import type { Transaction } from 'kysely';
import type { Executor } from '../../platform/db/executor.ts';
import type { DB } from '../../platform/db/schema.ts';
import { newId } from '../../platform/ids.ts';
import type { AttemptRow } from './referral-store.repository.ts';

/** The organisation an attempt was sent to and when (nulls for a draft). */
export async function attemptRecipient(
  db: Executor,
  attemptId: string,
): Promise<{ recipientOrganisationId: string | null; sentAt: Date | null } | undefined> {
  const row = await db
    .selectFrom('referral_attempt')
    .select(['recipient_organisation_id', 'sent_at'])
    .where('id', '=', attemptId)
    .executeTakeFirst();
  return row && { recipientOrganisationId: row.recipient_organisation_id, sentAt: row.sent_at };
}

/** The latest 300 attempts sent to an organisation, newest first. */
export async function attemptsSentTo(db: Executor, organisationId: string): Promise<AttemptRow[]> {
  return db
    .selectFrom('referral_attempt')
    .selectAll()
    .where('recipient_organisation_id', '=', organisationId)
    .where('sent_at', 'is not', null)
    .orderBy('sent_at', 'desc')
    .orderBy('id')
    .limit(300)
    .execute();
}

/** Who made the referral: the connector's name and work e-mail, and their organisation (staff details, not the person's). */
export async function referrerOf(db: Executor, referralId: string): Promise<{ name: string; email: string; organisation: string }> {
  const r = await db
    .selectFrom('referral as r')
    .innerJoin('staff_account as a', 'a.id', 'r.connector_account_id')
    .innerJoin('staff_organisation as o', 'o.id', 'r.organisation_id')
    .select(['a.name', 'a.email', 'o.name as organisation'])
    .where('r.id', '=', referralId)
    .executeTakeFirstOrThrow();
  return { name: r.name, email: r.email, organisation: r.organisation };
}

export async function attemptById(db: Executor, attemptId: string): Promise<AttemptRow> {
  return db.selectFrom('referral_attempt').selectAll().where('id', '=', attemptId).executeTakeFirstOrThrow();
}

/** The services of the given directory organisations (at most 200, by name), with their referral flags where set. */
export async function servicesOfListings(db: Executor, listingOrganizationIds: readonly string[]) {
  const rows = await db
    .selectFrom('service as s')
    .leftJoin('belong_service as b', 'b.service_id', 's.id')
    .select(['s.id', 's.name', 'b.accepting_referrals', 'b.capacity_status'])
    .where('s.organization_id', 'in', [...listingOrganizationIds])
    .orderBy('s.name')
    .orderBy('s.id')
    .limit(200)
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, acceptingReferrals: r.accepting_referrals, capacityStatus: r.capacity_status }));
}

/** The directory organisation a service belongs to. */
export async function serviceOrganisation(db: Executor, serviceId: string): Promise<string | undefined> {
  const s = await db.selectFrom('service').select('organization_id').where('id', '=', serviceId).executeTakeFirst();
  return s?.organization_id;
}

/** Whether a service takes referrals, read under a lock: null when not stated, undefined when it has no Belong row. */
export async function lockAcceptingReferrals(trx: Transaction<DB>, serviceId: string): Promise<boolean | null | undefined> {
  const before = await trx
    .selectFrom('belong_service')
    .select('accepting_referrals')
    .where('service_id', '=', serviceId)
    .forUpdate()
    .executeTakeFirst();
  return before?.accepting_referrals;
}

/** Sets whether a service takes referrals (`before`: the flag read under the lock) and logs the change as a listing change. */
export async function saveAcceptingReferrals(
  trx: Transaction<DB>,
  c: { serviceId: string; accepting: boolean; before: boolean | null | undefined; actorAccountId: string; at: Date },
): Promise<void> {
  if (c.before !== undefined)
    await trx.updateTable('belong_service').set({ accepting_referrals: c.accepting }).where('service_id', '=', c.serviceId).execute();
  else await trx.insertInto('belong_service').values({ service_id: c.serviceId, accepting_referrals: c.accepting }).execute();
  await trx
    .insertInto('metadata')
    .values({
      id: newId(),
      resource_id: c.serviceId,
      resource_type: 'service',
      last_action_date: c.at,
      last_action_type: 'update',
      field_name: 'accepting_referrals',
      previous_value: c.before == null ? '' : String(c.before),
      replacement_value: String(c.accepting),
      updated_by: `staff:${c.actorAccountId}`,
    })
    .execute();
}
