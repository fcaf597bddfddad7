/**
 * Unfair-treatment reports. Anyone may send one (no sign-in; throttled per
 * address, audited). Only the deployment's administrators read them and move
 * them on (unfair_report.view / unfair_report.update); the provider of the
 * service never sees them. Every look at a case with contact details, and
 * every change, is audited.
 */
import type { Access } from '../../platform/auth/access.ts';
import type { Executor } from '../../platform/db/executor.ts';
import type { UnfairTreatmentStatus } from '../../platform/db/schema.ts';
import {
  loadUnfairCase,
  loadUnfairQueue,
  loadUnfairTarget,
  setUnfairStatus,
  storeUnfairReport,
  type UnfairCase,
} from './unfair-report.repository.ts';

export type { UnfairCase };

/** The listing the form was opened for, or null when there is no such service. */
export const unfairTarget = (db: Executor, serviceId: string) => loadUnfairTarget(db, serviceId);

/** The public side: stores a report (throttled per address); see storeUnfairReport. */
export const submitUnfairReport = storeUnfairReport;

export function unfairReportService(access: Access) {
  return {
    queue(which: 'open' | 'closed'): Promise<UnfairCase[]> {
      return access.run(
        'unfair_report.view',
        {},
        { action: 'unfair_report.list', subjectType: 'unfair_treatment_report', subjectId: null, details: { which } },
        (trx) => loadUnfairQueue(trx, which),
      );
    },
    get(id: string): Promise<UnfairCase | null> {
      return access.run('unfair_report.view', {}, { subjectType: 'unfair_treatment_report', subjectId: id }, (trx) =>
        loadUnfairCase(trx, id),
      );
    },
    /** False when there is no such case. */
    async setStatus(id: string, status: UnfairTreatmentStatus, outcome: string | null): Promise<boolean> {
      const before = await access.run(
        'unfair_report.update',
        {},
        (was: UnfairTreatmentStatus | null) => ({
          subjectType: 'unfair_treatment_report',
          subjectId: id,
          details: { from: was, to: status, withOutcome: outcome !== null },
        }),
        (trx, actor) => setUnfairStatus(trx, id, { status, outcome }, actor.accountId, access.now()),
      );
      return before !== null;
    },
  };
}
