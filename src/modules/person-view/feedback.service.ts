/**
 * Feedback people gave at /my, for the provider staff of the organisation
 * that manages the service's listing (policy action `referral.inbox`, their
 * own organisation; audited). Anonymous feedback is shown as such; feedback
 * with a name is shown without the person's name too (the provider sees
 * names only through what was shared on a referral).
 */
import type { Access } from '../../platform/auth/access.ts';
import { feedbackForOrganisation } from './person-view.repository.ts';

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
        (trx): Promise<ProviderFeedback[]> => feedbackForOrganisation(trx, org),
      );
    },
  };
}
