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
import type { Access } from '../../platform/auth/access.ts';
import { DomainError } from '../../platform/http/errors.ts';
import { isUuid } from '../../platform/ids.ts';
import type { AttemptState, DeclineReason, NotTakenUpReason } from '../referrals/referral-states.ts';
import { exportSource, referralHolder, type ExportSource } from './fhir-export.repository.ts';
import { referralBundle, type ReferralForExport } from './referral-bundle.ts';

export type { ExportSource };

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
      const holder = await access.lookup((db) => referralHolder(db, referralId));
      if (!holder) throw referralNotFound();
      const source = await access.run(
        'referral.view',
        { organisationId: holder },
        { subjectType: 'referral', subjectId: referralId, action: 'referral.fhir_export' },
        (trx) => exportSource(trx, referralId),
      );
      return referralBundle(toReferralForExport(source), access.now(), baseUrl);
    },
  };
}
