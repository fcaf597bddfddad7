/**
 * People's records and consents in the database. Called inside the
 * policy-checked transactions of people.service.ts (and, through its
 * loadPerson, of the modules built on a person's record).
 */
import { sql, type Transaction } from 'kysely';
import type { Executor } from '../../platform/db/executor.ts';
import type { ConsentGivenBy, DB } from '../../platform/db/schema.ts';
import type { ConsentInput, PersonInput } from './person-form.ts';
import { toConsent, toPerson, type Consent, type Person, type PersonSummary } from './person.ts';

/** The organisation that holds a record (an id only). */
export async function personHolder(db: Executor, personId: string): Promise<string | undefined> {
  const row = await db.selectFrom('person').select('organisation_id').where('id', '=', personId).executeTakeFirst();
  return row?.organisation_id;
}

/** One record with all its consents, newest first. */
export async function loadPerson(db: Executor, id: string): Promise<Person> {
  const row = await db.selectFrom('person').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const consents = await db
    .selectFrom('person_consent')
    .selectAll()
    .where('person_id', '=', id)
    .orderBy('granted_at', 'desc')
    .orderBy('id')
    .execute();
  return toPerson(row, consents.map(toConsent));
}

/** The open records an organisation holds (at most 500), most recently changed first, with their latest conversation's status. */
export async function peopleOf(db: Executor, organisationId: string): Promise<PersonSummary[]> {
  const rows = await db
    .selectFrom('person as p')
    .select(['p.id', 'p.display_name', 'p.preferred_language', 'p.spoken_language', 'p.updated_at'])
    .select((eb) =>
      eb
        .selectFrom('conversation as c')
        .select('c.status')
        .whereRef('c.person_id', '=', 'p.id')
        .orderBy('c.started_at', 'desc')
        .limit(1)
        .as('last_status'),
    )
    .where('p.organisation_id', '=', organisationId)
    .where('p.closed_at', 'is', null)
    .orderBy('p.updated_at', 'desc')
    .orderBy('p.id')
    .limit(500)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    displayName: r.display_name,
    // The language they speak: their own when the pages have no translation for it.
    preferredLanguage: r.spoken_language ?? r.preferred_language,
    updatedAt: r.updated_at,
    lastConversation: r.last_status ?? null,
  }));
}

function personColumns(input: PersonInput, at: Date) {
  return {
    display_name: input.displayName,
    preferred_language: input.preferredLanguage,
    other_languages: input.otherLanguages,
    spoken_language: input.spokenLanguage ?? null,
    english_ok: input.englishOk,
    interpreter_needed: input.interpreterNeeded,
    interpreter_language: input.interpreterLanguage,
    contact_method: input.contactMethod,
    phone: input.phone,
    email: input.email,
    safe_to_call: input.safeToCall,
    safe_to_text: input.safeToText,
    safe_to_leave_message: input.safeToLeaveMessage,
    area: input.area,
    outcode: input.outcode,
    gender: input.gender,
    age_band: input.ageBand,
    ethnicity: input.ethnicity ?? null,
    ethnicity_asked_at: input.ethnicity ? at : null,
  };
}

export async function insertPerson(
  trx: Transaction<DB>,
  p: { id: string; organisationId: string; input: PersonInput; createdBy: string; at: Date },
): Promise<void> {
  await trx
    .insertInto('person')
    .values({
      id: p.id,
      organisation_id: p.organisationId,
      ...personColumns(p.input, p.at),
      created_by: p.createdBy,
      created_at: p.at,
      updated_at: p.at,
    })
    .execute();
}

export async function updatePerson(trx: Transaction<DB>, id: string, input: PersonInput, at: Date): Promise<void> {
  await trx
    .updateTable('person')
    .set({
      ...personColumns(input, at),
      // "when it was asked" stays as it was unless the answer changed
      ethnicity_asked_at: input.ethnicity
        ? sql<Date>`CASE WHEN ethnicity = ${input.ethnicity} THEN coalesce(ethnicity_asked_at, ${at}) ELSE ${at} END`
        : null,
      updated_at: at,
    })
    .where('id', '=', id)
    .execute();
}

const dayEnd = (d: string) => new Date(`${d}T23:59:59Z`);

/** Records a consent the person has given (one that ends on a day lasts to that day's end). */
export async function insertConsent(
  trx: Transaction<DB>,
  c: { id: string; personId: string; consent: ConsentInput; recordedBy: string; at: Date },
): Promise<void> {
  await trx
    .insertInto('person_consent')
    .values({
      id: c.id,
      person_id: c.personId,
      kind: c.consent.kind,
      scope: c.consent.scope,
      given_by: c.consent.givenBy,
      recorded_by: c.recordedBy,
      granted_at: c.at,
      expires_at: c.consent.expiresOn ? dayEnd(c.consent.expiresOn) : null,
    })
    .execute();
}

/** Records the person's consent to share `scope` with a recipient organisation (none: a package to another deployment), for `purpose`. */
export async function insertShareConsent(
  trx: Transaction<DB>,
  c: {
    id: string;
    personId: string;
    scope: string[];
    recipientOrganisationId: string | null;
    purpose: string;
    givenBy: ConsentGivenBy;
    recordedBy: string;
    at: Date;
  },
): Promise<void> {
  await trx
    .insertInto('person_consent')
    .values({
      id: c.id,
      person_id: c.personId,
      kind: 'share',
      scope: c.scope,
      recipient_organisation_id: c.recipientOrganisationId,
      purpose: c.purpose,
      given_by: c.givenBy,
      recorded_by: c.recordedBy,
      granted_at: c.at,
    })
    .execute();
}

/** One of the person's consents. */
export async function findConsent(db: Executor, personId: string, consentId: string): Promise<Consent | undefined> {
  const c = await db
    .selectFrom('person_consent')
    .selectAll()
    .where('id', '=', consentId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
  return c && toConsent(c);
}

export async function withdrawConsent(trx: Transaction<DB>, consentId: string, by: string, at: Date): Promise<void> {
  await trx.updateTable('person_consent').set({ withdrawn_at: at, withdrawn_by: by }).where('id', '=', consentId).execute();
}

/** Blanks the record's phone and e-mail. */
/** Forgets the person's ethnic group (their consent to keep it was withdrawn). */
export async function forgetEthnicity(trx: Transaction<DB>, personId: string, at: Date): Promise<void> {
  await trx.updateTable('person').set({ ethnicity: null, ethnicity_asked_at: null, updated_at: at }).where('id', '=', personId).execute();
}

export async function forgetContactDetails(trx: Transaction<DB>, personId: string, at: Date): Promise<void> {
  await trx.updateTable('person').set({ phone: null, email: null, updated_at: at }).where('id', '=', personId).execute();
}

/** Erases the answers and plan of every conversation the person had (status 'erased'). */
export async function eraseConversations(trx: Transaction<DB>, personId: string, by: string, at: Date): Promise<void> {
  await trx
    .updateTable('conversation')
    .set({
      status: 'erased',
      answers: '{}',
      chosen: '[]',
      next_steps: null,
      note_for_person: null,
      erased_at: at,
      updated_at: at,
      updated_by: by,
    })
    .where('person_id', '=', personId)
    .where('status', '!=', 'erased')
    .execute();
}
