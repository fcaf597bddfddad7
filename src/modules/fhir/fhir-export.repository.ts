/**
 * A stored referral as the FHIR export reads it: the referral, its holder's
 * name, the person and every attempt with its recipient's name. Called
 * inside the policy-checked transaction of fhir-export.service.ts.
 */
import type { Selectable } from 'kysely';
import type { Executor } from '../../platform/db/executor.ts';
import type { ReferralAttemptTable } from '../../platform/db/schema.ts';

type AttemptRow = Pick<
  Selectable<ReferralAttemptTable>,
  | 'id'
  | 'state'
  | 'service_id'
  | 'service_name'
  | 'recipient_organisation_id'
  | 'sent_at'
  | 'updated_at'
  | 'decline_reason'
  | 'not_taken_up_reason'
  | 'outcome'
  | 'reason_note'
  | 'redirected_to'
  | 'shared_fields'
> & { recipient_name: string | null };

export interface ExportSource {
  referral: {
    id: string;
    need: string;
    created_at: Date;
    organisation_id: string;
    interpreter_needed: boolean;
    interpreter_language: string | null;
  };
  organisationName: string;
  person: { id: string; display_name: string; preferred_language: string };
  attempts: AttemptRow[];
}

/** The organisation that holds a referral (an id only). */
export async function referralHolder(db: Executor, referralId: string): Promise<string | undefined> {
  const row = await db.selectFrom('referral').select('organisation_id').where('id', '=', referralId).executeTakeFirst();
  return row?.organisation_id;
}

/** Everything the export is made from, for one referral. */
export async function exportSource(db: Executor, referralId: string): Promise<ExportSource> {
  const referral = await db
    .selectFrom('referral')
    .select(['id', 'need', 'created_at', 'organisation_id', 'interpreter_needed', 'interpreter_language', 'person_id'])
    .where('id', '=', referralId)
    .executeTakeFirstOrThrow();
  const person = await db
    .selectFrom('person')
    .select(['id', 'display_name', 'preferred_language'])
    .where('id', '=', referral.person_id)
    .executeTakeFirstOrThrow();
  const org = await db.selectFrom('staff_organisation').select('name').where('id', '=', referral.organisation_id).executeTakeFirstOrThrow();
  const attempts = await db
    .selectFrom('referral_attempt as a')
    .leftJoin('staff_organisation as o', 'o.id', 'a.recipient_organisation_id')
    .select([
      'a.id',
      'a.state',
      'a.service_id',
      'a.service_name',
      'a.recipient_organisation_id',
      'a.sent_at',
      'a.updated_at',
      'a.decline_reason',
      'a.not_taken_up_reason',
      'a.outcome',
      'a.reason_note',
      'a.redirected_to',
      'a.shared_fields',
      'o.name as recipient_name',
    ])
    .where('a.referral_id', '=', referralId)
    .orderBy('a.seq')
    .execute();
  return { referral, person, organisationName: org.name, attempts };
}
