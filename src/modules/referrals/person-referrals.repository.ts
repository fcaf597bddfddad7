/**
 * A person's referrals as a whole, in the database: their attempts, closing
 * the referrals when the record moves away, and moving the referrals that
 * travel with it. Called by person-referrals.service.ts only.
 */
import type { Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';

/** Every attempt of the person's referrals, in the order they were made. */
export async function attemptsOfPerson(trx: Transaction<DB>, personId: string) {
  const rows = await trx
    .selectFrom('referral_attempt as a')
    .innerJoin('referral as r', 'r.id', 'a.referral_id')
    .select(['a.id', 'a.referral_id', 'a.state', 'a.sent_at', 'a.recipient_organisation_id', 'a.service_id', 'a.service_name'])
    .where('r.person_id', '=', personId)
    .orderBy('a.seq')
    .execute();
  return rows.map((a) => ({
    id: a.id,
    referralId: a.referral_id,
    state: a.state,
    sentAt: a.sent_at,
    recipientOrganisationId: a.recipient_organisation_id,
    serviceId: a.service_id,
    serviceName: a.service_name,
  }));
}

/** Marks the person's referrals that are still open as closed. */
export async function closeReferralsOfPerson(trx: Transaction<DB>, personId: string, at: Date): Promise<void> {
  await trx
    .updateTable('referral')
    .set({ closed_at: at, updated_at: at })
    .where('person_id', '=', personId)
    .where('closed_at', 'is', null)
    .execute();
}

/** Gives all the person's referrals to another organisation and connector. */
export async function moveReferralsOfPerson(
  trx: Transaction<DB>,
  personId: string,
  organisationId: string,
  connectorAccountId: string,
  at: Date,
): Promise<void> {
  await trx
    .updateTable('referral')
    .set({ organisation_id: organisationId, connector_account_id: connectorAccountId, updated_at: at })
    .where('person_id', '=', personId)
    .execute();
}

/** The connector owns the attempt's next step again: checking in after the first visit, due `today`. */
export async function giveConnectorCheckIn(trx: Transaction<DB>, attemptId: string, today: string, at: Date): Promise<void> {
  await trx
    .updateTable('referral_attempt')
    .set({ next_task: 'check_in_after_first_visit', next_owner: 'referrer', next_due: today, updated_at: at })
    .where('id', '=', attemptId)
    .execute();
}
