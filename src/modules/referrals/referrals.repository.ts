/**
 * The referrer's side of referrals in the database: referrals and their
 * attempts and history as the connector sees them, the share consent given
 * when one is sent, and who could go with the person to a first visit.
 * Called inside policy-checked transactions (referrals.service.ts,
 * referral-inbox.service.ts).
 */
import { sql, type Transaction } from 'kysely';
import type { Executor } from '../../platform/db/executor.ts';
import type { DB } from '../../platform/db/schema.ts';
import type { ReferralInput } from './referral-form.ts';
import type { AttemptRow } from './referral-store.repository.ts';
import type { CompanionOption, EventView } from './referral-views.model.ts';

/** The organisation that holds a referral (an id only). */
export async function referralHolder(db: Executor, referralId: string): Promise<string | undefined> {
  const row = await db.selectFrom('referral').select('organisation_id').where('id', '=', referralId).executeTakeFirst();
  return row?.organisation_id;
}

/** The person a referral is for. */
export async function referralPersonId(db: Executor, referralId: string): Promise<string | undefined> {
  const row = await db.selectFrom('referral').select('person_id').where('id', '=', referralId).executeTakeFirst();
  return row?.person_id;
}

export async function insertReferral(
  trx: Transaction<DB>,
  r: { id: string; personId: string; organisationId: string; connectorAccountId: string; input: ReferralInput; at: Date },
): Promise<void> {
  await trx
    .insertInto('referral')
    .values({
      id: r.id,
      person_id: r.personId,
      organisation_id: r.organisationId,
      connector_account_id: r.connectorAccountId,
      need: r.input.need,
      summary: r.input.summary,
      interpreter_needed: r.input.interpreterNeeded,
      interpreter_language: r.input.interpreterLanguage,
      accompany_wanted: r.input.accompanyWanted,
      transport_needed: r.input.transportNeeded,
      childcare_needed: r.input.childcareNeeded,
      route: r.input.route ?? null,
      created_at: r.at,
      updated_at: r.at,
    })
    .execute();
}

/** The person's chosen name. */
export async function personDisplayName(db: Executor, personId: string): Promise<string> {
  const p = await db.selectFrom('person').select('display_name').where('id', '=', personId).executeTakeFirstOrThrow();
  return p.display_name;
}

/** A referral's own details, with the person's name. */
export async function referralHeader(db: Executor, referralId: string) {
  const r = await db
    .selectFrom('referral as r')
    .innerJoin('person as p', 'p.id', 'r.person_id')
    .select([
      'r.id',
      'r.person_id',
      'p.display_name',
      'r.need',
      'r.summary',
      'r.interpreter_needed',
      'r.interpreter_language',
      'r.accompany_wanted',
      'r.transport_needed',
      'r.childcare_needed',
      'r.created_at',
    ])
    .where('r.id', '=', referralId)
    .executeTakeFirstOrThrow();
  return {
    id: r.id,
    personId: r.person_id,
    personName: r.display_name,
    need: r.need,
    summary: r.summary,
    support: {
      interpreterNeeded: r.interpreter_needed,
      interpreterLanguage: r.interpreter_language,
      accompanyWanted: r.accompany_wanted,
      transportNeeded: r.transport_needed,
      childcareNeeded: r.childcare_needed,
    },
    createdAt: r.created_at,
  };
}

/** A referral's attempts in order, each with the name of the organisation it was sent to. */
export async function attemptsOfReferral(db: Executor, referralId: string): Promise<(AttemptRow & { recipient_name: string | null })[]> {
  return db
    .selectFrom('referral_attempt as a')
    .leftJoin('staff_organisation as o', 'o.id', 'a.recipient_organisation_id')
    .selectAll('a')
    .select('o.name as recipient_name')
    .where('a.referral_id', '=', referralId)
    .orderBy('a.seq')
    .execute();
}

function eventQuery(db: Executor) {
  return db
    .selectFrom('referral_event as e')
    .leftJoin('staff_account as s', 's.id', 'e.actor_account_id')
    .select([
      'e.attempt_id',
      'e.at',
      'e.side',
      'e.event_type',
      'e.from_state',
      'e.to_state',
      'e.note',
      's.name as actor_name',
      's.organisation_id',
      sql<string | null>`e.payload->>'via'`.as('via'),
    ])
    .orderBy('e.seq');
}
type EventRow = Awaited<ReturnType<ReturnType<typeof eventQuery>['execute']>>[number];
const toEventView = (e: EventRow): EventView => ({
  attemptId: e.attempt_id,
  at: e.at,
  side: e.side,
  type: e.event_type,
  from: e.from_state,
  to: e.to_state,
  note: e.note,
  actorName: e.actor_name,
  via: e.via === 'link' || e.via === 'phone' ? e.via : null,
});

/** A referral's whole history, oldest first. */
export async function eventsOfReferral(db: Executor, referralId: string): Promise<EventView[]> {
  return (await eventQuery(db).where('e.referral_id', '=', referralId).execute()).map(toEventView);
}

/** One attempt's history, oldest first, with the organisation of whoever recorded each event. */
export async function eventsOfAttempt(db: Executor, attemptId: string): Promise<(EventView & { actorOrganisationId: string | null })[]> {
  return (await eventQuery(db).where('e.attempt_id', '=', attemptId).execute()).map((e) => ({
    ...toEventView(e),
    actorOrganisationId: e.organisation_id,
  }));
}

/** A connector's attempts that have a next step (at most 500), the latest deadline last, with the person and the need. */
export async function attemptsWithNextStep(
  db: Executor,
  organisationId: string,
  connectorAccountId: string,
): Promise<(AttemptRow & { display_name: string; need: string })[]> {
  return db
    .selectFrom('referral_attempt as a')
    .innerJoin('referral as r', 'r.id', 'a.referral_id')
    .innerJoin('person as p', 'p.id', 'r.person_id')
    .selectAll('a')
    .select(['p.display_name', 'r.need'])
    .where('r.organisation_id', '=', organisationId)
    .where('r.connector_account_id', '=', connectorAccountId)
    .where('a.next_due', 'is not', null)
    .orderBy('a.next_late_after')
    .orderBy('a.next_due')
    .orderBy('a.id')
    .limit(500)
    .execute();
}

/** When a consent was withdrawn (null while it stands). */
export async function consentWithdrawnAt(db: Executor, consentId: string): Promise<Date | null> {
  const c = await db.selectFrom('person_consent').select(['withdrawn_at']).where('id', '=', consentId).executeTakeFirstOrThrow();
  return c.withdrawn_at;
}

export async function withdrawConsent(trx: Transaction<DB>, consentId: string, by: string, at: Date): Promise<void> {
  await trx.updateTable('person_consent').set({ withdrawn_at: at, withdrawn_by: by }).where('id', '=', consentId).execute();
}

/** Up to 20 services whose names contain `q` (taken literally), by name. */
export async function servicesNamed(db: Executor, q: string): Promise<{ id: string; name: string; organisation: string }[]> {
  return db
    .selectFrom('service as s')
    .innerJoin('organization as o', 'o.id', 's.organization_id')
    .select(['s.id', 's.name', 'o.name as organisation'])
    .where('s.name', 'ilike', `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)
    .orderBy('s.name')
    .orderBy('s.id')
    .limit(20)
    .execute();
}

const kindOf = (role: string): 'volunteer' | 'staff' => (role === 'volunteer' ? 'volunteer' : 'staff');

/** The active volunteer and staff accounts of an organisation, by name. */
export async function companionOptions(db: Executor, organisationId: string): Promise<CompanionOption[]> {
  const rows = await db
    .selectFrom('staff_account')
    .select(['id', 'name', 'role'])
    .where('organisation_id', '=', organisationId)
    .where('disabled_at', 'is', null)
    .where('role', 'in', ['volunteer', 'connector', 'provider_staff'])
    .orderBy('name')
    .orderBy('id')
    .limit(500)
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, kind: kindOf(r.role) }));
}
