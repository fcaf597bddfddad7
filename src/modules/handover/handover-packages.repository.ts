/**
 * Hand-over packages in the database: what a package to another deployment
 * is made from (only what the person agreed to pass on is put in it), and the
 * new record an opened package makes. Called inside the policy-checked
 * transactions of handover-packages.service.ts.
 */
import type { Transaction } from 'kysely';
import type { Executor } from '../../platform/db/executor.ts';
import type { ConsentGivenBy, DB } from '../../platform/db/schema.ts';
import { newId } from '../../platform/ids.ts';
import { toConsent, type Consent } from '../people/person.ts';
import type { HandoverContents, PackagePerson } from './handover-package.ts';

/** The record as a package carries it (with its contact details, which travel only when they may be kept), and its consents. */
export async function personForPackage(db: Executor, personId: string): Promise<{ person: PackagePerson; consents: Consent[] }> {
  const p = await db.selectFrom('person').selectAll().where('id', '=', personId).executeTakeFirstOrThrow();
  const consents = (await db.selectFrom('person_consent').selectAll().where('person_id', '=', personId).execute()).map(toConsent);
  return {
    person: {
      displayName: p.display_name,
      preferredLanguage: p.preferred_language,
      spokenLanguage: p.spoken_language,
      otherLanguages: p.other_languages,
      englishOk: p.english_ok,
      interpreterNeeded: p.interpreter_needed,
      interpreterLanguage: p.interpreter_language,
      contactMethod: p.contact_method,
      phone: p.phone,
      email: p.email,
      safeToCall: p.safe_to_call,
      safeToText: p.safe_to_text,
      safeToLeaveMessage: p.safe_to_leave_message,
      area: p.area,
      outcode: p.outcode,
      gender: p.gender,
      ageBand: p.age_band,
    },
    consents,
  };
}

export async function organisationName(db: Executor, organisationId: string): Promise<string> {
  const from = await db.selectFrom('staff_organisation').select('name').where('id', '=', organisationId).executeTakeFirstOrThrow();
  return from.name;
}

/** The person's latest finished conversation, as a package carries it (answers, and the plan apart). */
export async function latestFinishedConversation(db: Executor, personId: string) {
  const conv = await db
    .selectFrom('conversation')
    .selectAll()
    .where('person_id', '=', personId)
    .where('status', '=', 'complete')
    .orderBy('completed_at', 'desc')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return (
    conv && {
      conversation: {
        answersFormat: conv.answers_format,
        answers: conv.answers,
        language: conv.language,
        completedAt: conv.completed_at ? conv.completed_at.toISOString() : null,
      },
      plan: { chosen: conv.chosen as Record<string, unknown>[], nextSteps: conv.next_steps, noteForPerson: conv.note_for_person },
    }
  );
}

/** The person's measures, as a package carries them, by date. */
export async function measuresForPackage(db: Executor, personId: string): Promise<HandoverContents['measures']> {
  const measures = await db
    .selectFrom('measure_administration')
    .selectAll()
    .where('person_id', '=', personId)
    .orderBy('occasion_date')
    .orderBy('id')
    .execute();
  return measures.map((m) => ({
    measureId: m.measure_id,
    measureVersion: m.measure_version,
    occasion: m.occasion,
    occasionDate: m.occasion_date,
    language: m.language,
    translationStatus: m.translation_status,
    mode: m.mode,
    explanationShown: m.explanation_shown,
    declined: m.declined,
    answers: m.answers,
    scores: m.scores,
  }));
}

/** Every referral of the person with its attempts and their history, as a package carries them. */
export async function referralsForPackage(db: Executor, personId: string): Promise<HandoverContents['referrals']> {
  const referrals = [];
  const refs = await db
    .selectFrom('referral')
    .select(['id', 'need', 'created_at'])
    .where('person_id', '=', personId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  for (const r of refs) {
    const attempts = await db
      .selectFrom('referral_attempt')
      .select(['id', 'service_id', 'service_name', 'state', 'sent_at'])
      .where('referral_id', '=', r.id)
      .orderBy('seq')
      .execute();
    const list = [];
    for (const a of attempts) {
      const events = await db
        .selectFrom('referral_event')
        .select(['at', 'event_type', 'from_state', 'to_state'])
        .where('attempt_id', '=', a.id)
        .orderBy('seq')
        .execute();
      list.push({
        serviceName: a.service_name,
        orukServiceId: a.service_id,
        state: a.state,
        sentAt: a.sent_at ? a.sent_at.toISOString() : null,
        events: events.map((e) => ({ at: e.at.toISOString(), type: e.event_type, from: e.from_state, to: e.to_state })),
      });
    }
    referrals.push({ need: r.need, createdAt: r.created_at.toISOString(), attempts: list });
  }
  return referrals;
}

/** Whether the organisation has already imported this package. */
export async function packageImported(db: Executor, packageId: string, organisationId: string): Promise<boolean> {
  const again = await db
    .selectFrom('handover_import')
    .select('id')
    .where('package_id', '=', packageId)
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();
  return !!again;
}

/**
 * Makes a new record from an opened package, held by `organisationId`: the
 * person with a 'store' consent for what came, their conversation and
 * measures, and the referral history kept as history only.
 */
export async function insertImportedRecord(
  trx: Transaction<DB>,
  c: HandoverContents,
  r: { personId: string; organisationId: string; store: string[]; givenBy: ConsentGivenBy; by: string; at: Date },
): Promise<void> {
  const { personId, by, at } = r;
  const p = c.person;
  await trx
    .insertInto('person')
    .values({
      id: personId,
      organisation_id: r.organisationId,
      display_name: p.displayName,
      preferred_language: p.preferredLanguage,
      spoken_language: p.spokenLanguage ?? null,
      other_languages: p.otherLanguages,
      english_ok: p.englishOk,
      interpreter_needed: p.interpreterNeeded,
      interpreter_language: p.interpreterLanguage,
      contact_method: p.contactMethod,
      phone: p.phone,
      email: p.email,
      safe_to_call: p.safeToCall,
      safe_to_text: p.safeToText,
      safe_to_leave_message: p.safeToLeaveMessage,
      area: p.area,
      outcode: p.outcode,
      gender: p.gender,
      age_band: p.ageBand,
      created_by: by,
      created_at: at,
      updated_at: at,
    })
    .execute();
  await trx
    .insertInto('person_consent')
    .values({
      id: newId(),
      person_id: personId,
      kind: 'store',
      scope: r.store,
      given_by: r.givenBy,
      recorded_by: by,
      granted_at: at,
      note: `handover-import:${c.packageId}`,
    })
    .execute();
  if (c.conversation) {
    const done = c.conversation.completedAt ? new Date(c.conversation.completedAt) : at;
    await trx
      .insertInto('conversation')
      .values({
        id: newId(),
        person_id: personId,
        status: 'complete',
        answers_format: c.conversation.answersFormat,
        answers: JSON.stringify(c.conversation.answers),
        language: c.conversation.language,
        chosen: JSON.stringify(c.plan?.chosen ?? []),
        next_steps: c.plan?.nextSteps ?? null,
        note_for_person: c.plan?.noteForPerson ?? null,
        started_by: by,
        started_at: done,
        updated_by: by,
        updated_at: at,
        completed_by: by,
        completed_at: done,
      })
      .execute();
  }
  for (const m of c.measures) {
    await trx
      .insertInto('measure_administration')
      .values({
        id: newId(),
        person_id: personId,
        measure_id: m.measureId,
        measure_version: m.measureVersion,
        occasion: m.occasion,
        occasion_date: m.occasionDate,
        language: m.language,
        translation_status: m.translationStatus,
        mode: m.mode,
        explanation_shown: m.explanationShown,
        declined: m.declined,
        answers: JSON.stringify(m.answers),
        scores: JSON.stringify(m.scores),
        recorded_by: by,
        recorded_at: at,
      })
      .execute();
  }
  await trx
    .insertInto('handover_import')
    .values({
      id: newId(),
      person_id: personId,
      organisation_id: r.organisationId,
      package_id: c.packageId,
      format_version: c.version,
      from_organisation_name: c.fromOrganisation,
      exported_at: new Date(c.exportedAt),
      scope: c.scope,
      referral_history: JSON.stringify(c.referrals),
      imported_by: by,
      imported_at: at,
    })
    .execute();
}
