/**
 * What the person's own page reads and writes in the database: their record,
 * latest plan and referrals as they see them, their feedback on a service,
 * and how they may be contacted. Called inside the transactions of
 * person-view.service.ts (scoped to the session's own person) and
 * feedback.service.ts.
 */
import type { Transaction } from 'kysely';
import type { Executor } from '../../platform/db/executor.ts';
import type { DB, PersonContactMethod } from '../../platform/db/schema.ts';

/** The person's record, as their page shows it. */
export async function personForPage(db: Executor, personId: string) {
  const p = await db.selectFrom('person').selectAll().where('id', '=', personId).executeTakeFirstOrThrow();
  return {
    id: p.id,
    organisationId: p.organisation_id,
    displayName: p.display_name,
    preferredLanguage: p.preferred_language,
    contactMethod: p.contact_method,
    safeToCall: p.safe_to_call,
    safeToText: p.safe_to_text,
    safeToLeaveMessage: p.safe_to_leave_message,
    phone: p.phone,
    email: p.email,
  };
}

/** The person's latest finished conversation, with who finished it and their organisation. */
export async function latestPlan(db: Executor, personId: string) {
  const c = await db
    .selectFrom('conversation as c')
    .leftJoin('staff_account as a', 'a.id', 'c.completed_by')
    .leftJoin('staff_organisation as o', 'o.id', 'a.organisation_id')
    // Never the notes for staff (next_steps): only the note written to the person.
    .select(['c.answers', 'c.chosen', 'c.note_for_person', 'c.completed_at', 'a.name as connector_name', 'o.name as organisation_name'])
    .where('c.person_id', '=', personId)
    .where('c.status', '=', 'complete')
    .orderBy('c.completed_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return (
    c && {
      answers: c.answers as unknown,
      chosen: c.chosen as unknown,
      noteForPerson: c.note_for_person,
      completedAt: c.completed_at,
      connectorName: c.connector_name,
      organisationName: c.organisation_name,
    }
  );
}

export async function organisationName(db: Executor, organisationId: string): Promise<string> {
  const o = await db.selectFrom('staff_organisation').select('name').where('id', '=', organisationId).executeTakeFirstOrThrow();
  return o.name;
}

/** The person's referrals, newest first, each with its attempts in order (none entered in error). */
export async function referralsForPerson(db: Executor, personId: string) {
  const refs = await db.selectFrom('referral').selectAll().where('person_id', '=', personId).orderBy('created_at', 'desc').execute();
  const attempts = refs.length
    ? await db
        .selectFrom('referral_attempt')
        .select(['id', 'referral_id', 'service_name', 'state', 'decline_reason', 'first_visit_date', 'companion_name', 'sent_at'])
        .where(
          'referral_id',
          'in',
          refs.map((r) => r.id),
        )
        .where('state', '!=', 'entered_in_error')
        .orderBy('seq')
        .execute()
    : [];
  return refs.map((r) => ({
    id: r.id,
    need: r.need,
    support: {
      interpreterNeeded: r.interpreter_needed,
      interpreterLanguage: r.interpreter_language,
      accompanyWanted: r.accompany_wanted,
      transportNeeded: r.transport_needed,
      childcareNeeded: r.childcare_needed,
    },
    attempts: attempts
      .filter((a) => a.referral_id === r.id)
      .map((a) => ({
        id: a.id,
        serviceName: a.service_name,
        state: a.state,
        declineReason: a.decline_reason,
        firstVisitDate: a.first_visit_date,
        companionName: a.companion_name,
        sentAt: a.sent_at,
      })),
  }));
}

/** The ways ('call', 'text', 'email') the person's 'contact' consents in force at `now` allow. */
export async function liveContactWays(db: Executor, personId: string, now: Date): Promise<string[]> {
  const rows = await db
    .selectFrom('person_consent')
    .select(['scope', 'expires_at'])
    .where('person_id', '=', personId)
    .where('kind', '=', 'contact')
    .where('withdrawn_at', 'is', null)
    .execute();
  return [...new Set(rows.filter((r) => !r.expires_at || r.expires_at > now).flatMap((r) => r.scope))];
}

export async function insertFeedback(
  trx: Transaction<DB>,
  f: {
    id: string;
    serviceId: string;
    serviceName: string;
    personId: string | null;
    attemptId: string | null;
    anonymous: boolean;
    rating: number | null;
    comment: string | null;
    givenOn: string;
  },
): Promise<void> {
  await trx
    .insertInto('service_feedback')
    .values({
      id: f.id,
      service_id: f.serviceId,
      service_name: f.serviceName,
      person_id: f.personId,
      attempt_id: f.attemptId,
      anonymous: f.anonymous,
      rating: f.rating,
      comment: f.comment,
      given_on: f.givenOn,
    })
    .execute();
}

/** Feedback on the services of the listings an organisation manages (at most 200, newest first). */
export async function feedbackForOrganisation(db: Executor, organisationId: string) {
  const rows = await db
    .selectFrom('service_feedback as f')
    .innerJoin('service as s', 's.id', 'f.service_id')
    .innerJoin('staff_organisation_listing as l', 'l.organization_id', 's.organization_id')
    .select(['f.id', 'f.service_name', 'f.given_on', 'f.rating', 'f.comment', 'f.anonymous'])
    .where('l.staff_organisation_id', '=', organisationId)
    .orderBy('f.given_on', 'desc')
    .orderBy('f.id')
    .limit(200)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    serviceName: r.service_name,
    givenOn: r.given_on,
    rating: r.rating,
    comment: r.comment,
    anonymous: r.anonymous,
  }));
}

/** Locks the person's record until the transaction ends. */
export async function lockPerson(trx: Transaction<DB>, personId: string): Promise<void> {
  await trx.selectFrom('person').select('id').where('id', '=', personId).forUpdate().executeTakeFirstOrThrow();
}

/** Withdraws the person's 'contact' consents in force; returns their ids. */
export async function withdrawContactConsents(trx: Transaction<DB>, personId: string, at: Date): Promise<string[]> {
  const old = await trx
    .updateTable('person_consent')
    .set({ withdrawn_at: at })
    .where('person_id', '=', personId)
    .where('kind', '=', 'contact')
    .where('withdrawn_at', 'is', null)
    .returning('id')
    .execute();
  return old.map((r) => r.id);
}

/** A 'contact' consent the person gave themselves at /my. */
export async function insertOwnContactConsent(
  trx: Transaction<DB>,
  c: { id: string; personId: string; ways: string[]; at: Date },
): Promise<void> {
  await trx
    .insertInto('person_consent')
    .values({
      id: c.id,
      person_id: c.personId,
      kind: 'contact',
      scope: c.ways,
      given_by: 'self',
      recorded_by: null,
      granted_at: c.at,
      note: 'Given by the person at /my.',
    })
    .execute();
}

export async function saveContactPreferences(
  trx: Transaction<DB>,
  personId: string,
  c: { method: PersonContactMethod | null; safeToCall: boolean | null; safeToText: boolean | null; safeToLeaveMessage: boolean | null },
  at: Date,
): Promise<void> {
  await trx
    .updateTable('person')
    .set({
      contact_method: c.method,
      safe_to_call: c.safeToCall,
      safe_to_text: c.safeToText,
      safe_to_leave_message: c.safeToLeaveMessage,
      updated_at: at,
    })
    .where('id', '=', personId)
    .execute();
}
