/**
 * Feedback people gave at /my, for the provider staff of the organisation
 * that manages the service's listing (policy action `referral.inbox`, their
 * own organisation; audited). Anonymous feedback is shown as such; feedback
 * with a name is shown without the person's name too (the provider sees
 * names only through what was shared on a referral).
 */
import type { Access } from '../../platform/auth/access.ts';

export interface ProviderFeedback {
  id: string;
  serviceName: string;
  givenOn: string;
  rating: number | null;
  comment: string | null;
  anonymous: boolean;
}

export function feedbackService(access: Access) {
  return {
    async forMyServices(): Promise<ProviderFeedback[]> {
      const org = access.actor?.organisationId ?? '';
      return access.run(
        'referral.inbox',
        { organisationId: org },
        { subjectType: 'service_feedback', subjectId: null, action: 'service_feedback.view', details: { organisationId: org } },
        async (trx) => {
          const rows = await trx
            .selectFrom('service_feedback as f')
            .innerJoin('service as s', 's.id', 'f.service_id')
            .innerJoin('staff_organisation_listing as l', 'l.organization_id', 's.organization_id')
            .select(['f.id', 'f.service_name', 'f.given_on', 'f.rating', 'f.comment', 'f.anonymous'])
            .where('l.staff_organisation_id', '=', org)
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
        },
      );
    },
  };
}
