/**
 * The commissioners' view of unmet needs, policy-checked (unmet_need.view:
 * administrators and commissioners). The figures are counts only; each look
 * is still written to the audit log.
 */
import type { Access } from '../../platform/auth/access.ts';
import { recordUnmetNeed, summariseUnmetNeeds, type UnmetNeedInput, type UnmetNeedSummary } from './unmet-needs.repository.ts';

/**
 * Records that nothing fitted a person's needs: counts and codes only, never
 * who. Called inside the caller's (policy-checked) transaction.
 */
export { recordUnmetNeed, type UnmetNeedInput };

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
