/**
 * A stored referral as FHIR R4 (referral-bundle.ts), for the connectors of
 * the organisation that holds it (policy action `referral.view`, audited as
 * `referral.fhir_export`).
 *
 * Only what the person agreed to share with some recipient leaves Belong in
 * the export: their name only when 'name' was among the shared fields of an
 * attempt that was sent, their language only when 'language' was, and the
 * interpreter's language only when 'language' or 'practical_support' was.
 */
import type { Selectable } from 'kysely';
import type { Access } from '../../platform/auth/access.ts';
import type { ReferralAttemptTable } from '../../platform/db/schema.ts';
import { DomainError } from '../../platform/http/errors.ts';
import { isUuid } from '../../platform/ids.ts';
import type { AttemptState, DeclineReason, NotTakenUpReason } from '../referrals/referral-states.ts';
import { referralBundle, type ReferralForExport } from './referral-bundle.ts';

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

/** Maps the stored rows to what the bundle builder takes (pure). */
export function toReferralForExport(s: ExportSource): ReferralForExport {
  const shared = new Set(s.attempts.filter((a) => a.sent_at).flatMap((a) => a.shared_fields));
  const replaces = new Map(s.attempts.filter((a) => a.redirected_to).map((a) => [a.redirected_to!, a.id]));
  const counted = s.attempts.filter((a) => a.state !== 'redirected' && a.state !== 'entered_in_error');
  return {
    id: s.referral.id,
    need: s.referral.need,
    createdAt: s.referral.created_at.toISOString(),
    person: {
      id: s.person.id,
      name: shared.has('name') ? s.person.display_name : null,
      language: shared.has('language') ? s.person.preferred_language : null,
      interpreterLanguage:
        s.referral.interpreter_needed && (shared.has('language') || shared.has('practical_support'))
          ? s.referral.interpreter_language
          : null,
    },
    requester: { organisationId: s.referral.organisation_id, organisationName: s.organisationName },
    declinedByPerson:
      counted.length > 0 && counted.every((a) => a.state === 'not_taken_up' && a.not_taken_up_reason === 'person_chose_not_to'),
    attempts: s.attempts.map((a) => ({
      id: a.id,
      state: a.state as AttemptState,
      service: { id: a.service_id, name: a.service_name },
      recipient:
        a.recipient_organisation_id && a.sent_at
          ? { organisationId: a.recipient_organisation_id, organisationName: a.recipient_name ?? '' }
          : null,
      sentAt: a.sent_at?.toISOString() ?? null,
      updatedAt: a.updated_at.toISOString(),
      declineReason: (a.decline_reason as DeclineReason | null) ?? null,
      notTakenUpReason: (a.not_taken_up_reason as NotTakenUpReason | null) ?? null,
      outcome: a.outcome,
      note: a.reason_note,
      replaces: replaces.get(a.id) ?? null,
    })),
  };
}

export const referralNotFound = () => new DomainError('NotFound', 'There is no such referral.');

export function fhirExportService(access: Access) {
  return {
    /** The referral as a FHIR R4 collection Bundle. */
    async referralBundle(referralId: string, baseUrl: string) {
      if (!isUuid(referralId)) throw referralNotFound();
      const holder = await access.lookup((db) =>
        db.selectFrom('referral').select('organisation_id').where('id', '=', referralId).executeTakeFirst(),
      );
      if (!holder) throw referralNotFound();
      const source = await access.run(
        'referral.view',
        { organisationId: holder.organisation_id },
        { subjectType: 'referral', subjectId: referralId, action: 'referral.fhir_export' },
        async (trx) => {
          const referral = await trx
            .selectFrom('referral')
            .select(['id', 'need', 'created_at', 'organisation_id', 'interpreter_needed', 'interpreter_language', 'person_id'])
            .where('id', '=', referralId)
            .executeTakeFirstOrThrow();
          const person = await trx
            .selectFrom('person')
            .select(['id', 'display_name', 'preferred_language'])
            .where('id', '=', referral.person_id)
            .executeTakeFirstOrThrow();
          const org = await trx
            .selectFrom('staff_organisation')
            .select('name')
            .where('id', '=', referral.organisation_id)
            .executeTakeFirstOrThrow();
          const attempts = await trx
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
        },
      );
      return referralBundle(toReferralForExport(source), access.now(), baseUrl);
    },
  };
}
