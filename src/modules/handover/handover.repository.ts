/**
 * Hand-overs within one deployment in the database, and what moving a record
 * touches besides the referrals (which the referrals module closes and moves
 * itself, and the conversations people erases): the person's record, their
 * plans and measures. Called inside the policy-checked transactions of
 * handover.service.ts.
 */
import type { Transaction } from 'kysely';
import type { Executor } from '../../platform/db/executor.ts';
import type { DB, HandoverStatus } from '../../platform/db/schema.ts';
import type { HandoverContents } from './handover-package.ts';
import type { HandoverView, ImportedHistory, ReferralHistoryItem } from './handover.model.ts';

export const OPEN_STATUS = 'offered';

/** E-mail addresses of the active connectors of an organisation (who are told about hand-overs). */
export async function connectorAddresses(db: Executor, organisationId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('staff_account')
    .select('email')
    .where('organisation_id', '=', organisationId)
    .where('role', '=', 'connector')
    .where('disabled_at', 'is', null)
    .orderBy('email')
    .execute();
  return rows.map((r) => r.email);
}

/** The receiving organisation and the person of a hand-over (ids only). */
export async function handoverParties(db: Executor, handoverId: string): Promise<{ to: string; personId: string } | undefined> {
  const row = await db.selectFrom('handover').select(['to_organisation_id', 'person_id']).where('id', '=', handoverId).executeTakeFirst();
  return row && { to: row.to_organisation_id, personId: row.person_id };
}

function viewQuery(db: Executor) {
  return db
    .selectFrom('handover as h')
    .innerJoin('person as p', 'p.id', 'h.person_id')
    .innerJoin('staff_organisation as f', 'f.id', 'h.from_organisation_id')
    .innerJoin('staff_organisation as t', 't.id', 'h.to_organisation_id')
    .select([
      'h.id',
      'h.person_id',
      'p.display_name',
      'p.preferred_language',
      'p.spoken_language',
      'f.name as from_name',
      't.name as to_name',
      'h.scope',
      'h.new_area',
      'h.note',
      'h.status',
      'h.started_at',
      'h.decided_at',
    ]);
}
type ViewRow = Awaited<ReturnType<ReturnType<typeof viewQuery>['execute']>>[number];
const toView = (r: ViewRow): HandoverView => ({
  id: r.id,
  personId: r.person_id,
  personName: r.display_name,
  preferredLanguage: r.spoken_language ?? r.preferred_language,
  fromOrganisation: r.from_name,
  toOrganisation: r.to_name,
  scope: r.scope,
  newArea: r.new_area,
  note: r.note,
  status: r.status,
  startedAt: r.started_at,
  decidedAt: r.decided_at,
});

/** A record's hand-overs, the latest first. */
export async function handoversOfPerson(db: Executor, personId: string): Promise<HandoverView[]> {
  return (await viewQuery(db).where('h.person_id', '=', personId).orderBy('h.started_at', 'desc').orderBy('h.id').execute()).map(toView);
}

/** The hand-overs offered to an organisation and not yet decided, oldest first (at most 200). */
export async function handoversOfferedTo(db: Executor, organisationId: string): Promise<HandoverView[]> {
  return (
    await viewQuery(db)
      .where('h.to_organisation_id', '=', organisationId)
      .where('h.status', '=', OPEN_STATUS)
      .orderBy('h.started_at')
      .orderBy('h.id')
      .limit(200)
      .execute()
  ).map(toView);
}

export async function handoverById(db: Executor, handoverId: string): Promise<HandoverView> {
  return toView(await viewQuery(db).where('h.id', '=', handoverId).executeTakeFirstOrThrow());
}

/** The person's referrals an organisation holds, oldest first, with the service and state of each attempt. */
export async function referralHistory(db: Executor, personId: string, organisationId: string): Promise<ReferralHistoryItem[]> {
  const refs = await db
    .selectFrom('referral')
    .select(['id', 'need'])
    .where('person_id', '=', personId)
    .where('organisation_id', '=', organisationId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const out: ReferralHistoryItem[] = [];
  for (const r of refs) {
    const attempts = await db
      .selectFrom('referral_attempt')
      .select(['service_name', 'state'])
      .where('referral_id', '=', r.id)
      .orderBy('seq')
      .execute();
    out.push({ referralId: r.id, need: r.need, attempts: attempts.map((a) => ({ serviceName: a.service_name, state: a.state })) });
  }
  return out;
}

export async function personDisplayName(db: Executor, personId: string): Promise<string> {
  const p = await db.selectFrom('person').select('display_name').where('id', '=', personId).executeTakeFirstOrThrow();
  return p.display_name;
}

/** Where a record can be handed over to: the active referrer organisations (operators and `except` left out), by name. */
export async function destinations(db: Executor, except: string): Promise<{ id: string; name: string }[]> {
  return db
    .selectFrom('staff_organisation')
    .select(['id', 'name'])
    .where('kind', 'in', ['referrer', 'both'])
    .where('operator', '=', false)
    .where('suspended_at', 'is', null)
    .where('id', '!=', except)
    .orderBy('name')
    .orderBy('id')
    .execute();
}

/** The active referrer organisation (not an operator) with this id, if there is one. */
export async function receivingOrganisation(db: Executor, organisationId: string): Promise<string | undefined> {
  const to = await db
    .selectFrom('staff_organisation')
    .select(['id'])
    .where('id', '=', organisationId)
    .where('kind', 'in', ['referrer', 'both'])
    .where('suspended_at', 'is', null)
    .where('operator', '=', false)
    .executeTakeFirst();
  return to?.id;
}

/** The history packages imported into an organisation brought for the person, in the order they were imported. */
export async function importedHistories(db: Executor, personId: string, organisationId: string): Promise<ImportedHistory[]> {
  const imports = await db
    .selectFrom('handover_import')
    .select(['from_organisation_name', 'exported_at', 'referral_history'])
    .where('person_id', '=', personId)
    .where('organisation_id', '=', organisationId)
    .orderBy('imported_at')
    .execute();
  return imports.map((i) => ({
    fromOrganisation: i.from_organisation_name,
    exportedAt: i.exported_at,
    referrals: i.referral_history as HandoverContents['referrals'],
  }));
}

/** Locks the person's record until the transaction ends. */
export async function lockPerson(trx: Transaction<DB>, personId: string): Promise<void> {
  await trx.selectFrom('person').select('id').where('id', '=', personId).forUpdate().executeTakeFirstOrThrow();
}

/** Whether the person has a hand-over offered and not yet decided. */
export async function hasOpenHandover(db: Executor, personId: string): Promise<boolean> {
  const open = await db
    .selectFrom('handover')
    .select('id')
    .where('person_id', '=', personId)
    .where('status', '=', OPEN_STATUS)
    .executeTakeFirst();
  return !!open;
}

export async function insertHandover(
  trx: Transaction<DB>,
  h: {
    id: string;
    personId: string;
    fromOrganisationId: string;
    toOrganisationId: string;
    consentId: string;
    scope: string[];
    newArea: string | null;
    note: string | null;
    startedBy: string;
    at: Date;
  },
): Promise<void> {
  await trx
    .insertInto('handover')
    .values({
      id: h.id,
      person_id: h.personId,
      from_organisation_id: h.fromOrganisationId,
      to_organisation_id: h.toOrganisationId,
      consent_id: h.consentId,
      scope: h.scope,
      new_area: h.newArea,
      note: h.note,
      status: 'offered',
      started_by: h.startedBy,
      started_at: h.at,
    })
    .execute();
}

export interface HandoverOffer {
  id: string;
  status: HandoverStatus;
  fromOrganisationId: string;
  consentId: string;
  scope: string[];
  newArea: string | null;
  startedBy: string;
}

/** A hand-over, locked until the transaction ends. */
export async function lockHandover(trx: Transaction<DB>, handoverId: string): Promise<HandoverOffer> {
  const h = await trx.selectFrom('handover').selectAll().where('id', '=', handoverId).forUpdate().executeTakeFirstOrThrow();
  return {
    id: h.id,
    status: h.status,
    fromOrganisationId: h.from_organisation_id,
    consentId: h.consent_id,
    scope: h.scope,
    newArea: h.new_area,
    startedBy: h.started_by,
  };
}

/** Whether a consent is withdrawn or past its end at `at`. */
export async function consentEnded(db: Executor, consentId: string, at: Date): Promise<boolean> {
  const consent = await db.selectFrom('person_consent').selectAll().where('id', '=', consentId).executeTakeFirstOrThrow();
  return !!(consent.withdrawn_at || (consent.expires_at && consent.expires_at <= at));
}

/** Empties the plan (places chosen, the note to the person and the notes for staff) of every conversation the person had. */
export async function emptyPlans(trx: Transaction<DB>, personId: string, by: string, at: Date): Promise<void> {
  await trx
    .updateTable('conversation')
    .set({ chosen: '[]', next_steps: null, note_for_person: null, updated_at: at, updated_by: by })
    .where('person_id', '=', personId)
    .execute();
}

export async function deleteMeasures(trx: Transaction<DB>, personId: string): Promise<void> {
  await trx.deleteFrom('measure_administration').where('person_id', '=', personId).execute();
}

/** The record is now held by `organisationId` (and, when given, is in a new area). */
export async function moveRecord(
  trx: Transaction<DB>,
  personId: string,
  organisationId: string,
  area: { area: string; outcode: string } | null,
  at: Date,
): Promise<void> {
  await trx
    .updateTable('person')
    .set({ organisation_id: organisationId, updated_at: at, ...(area ?? {}) })
    .where('id', '=', personId)
    .execute();
}

export async function markAccepted(trx: Transaction<DB>, handoverId: string, by: string, at: Date): Promise<void> {
  await trx.updateTable('handover').set({ status: 'accepted', decided_by: by, decided_at: at }).where('id', '=', handoverId).execute();
}

export async function markDeclined(trx: Transaction<DB>, handoverId: string, by: string, at: Date, note: string | null): Promise<void> {
  await trx
    .updateTable('handover')
    .set({ status: 'declined', decided_by: by, decided_at: at, decline_note: note })
    .where('id', '=', handoverId)
    .execute();
}

/** Withdraws a consent unless it already is. */
export async function withdrawConsent(trx: Transaction<DB>, consentId: string, by: string, at: Date): Promise<void> {
  await trx
    .updateTable('person_consent')
    .set({ withdrawn_at: at, withdrawn_by: by })
    .where('id', '=', consentId)
    .where('withdrawn_at', 'is', null)
    .execute();
}
