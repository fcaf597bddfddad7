/**
 * The commissioners' view of unmet needs, policy-checked (unmet_need.view:
 * administrators and commissioners). The figures are counts only; each look
 * is still written to the audit log.
 */
import type { Access } from '../../platform/auth/access.ts';
import { summariseUnmetNeeds, type UnmetNeedSummary } from './unmet-needs.repository.ts';

export function unmetNeedsService(access: Access) {
  return {
    summary: (period: { from: Date; to: Date }): Promise<UnmetNeedSummary> =>
      access.run(
        'unmet_need.view',
        {},
        { subjectType: 'unmet_need_report', subjectId: null, details: { from: period.from.toISOString(), to: period.to.toISOString() } },
        (trx) => summariseUnmetNeeds(trx, period),
      ),
  };
}
