/**
 * Counts of unfair-treatment reports (safety module's table) per service and
 * case status, for the commissioners' evidence. Counts only: never the text,
 * never who reported.
 */
import type { Executor } from '../../platform/db/executor.ts';
import type { UnfairTreatmentStatus } from '../../platform/db/schema.ts';

export interface UnfairCountRow {
  /** Null: the service named was not matched to a listing. */
  serviceId: string | null;
  serviceName: string | null;
  status: UnfairTreatmentStatus;
  reports: number;
}

export async function countUnfairTreatment(db: Executor, period: { from: Date; to: Date }): Promise<UnfairCountRow[]> {
  const rows = await db
    .selectFrom('unfair_treatment_report as r')
    .leftJoin('service as s', 's.id', 'r.service_id')
    .select((eb) => ['r.service_id', 's.name', 'r.status', eb.fn.countAll<string>().as('reports')])
    .where('r.created_at', '>=', period.from)
    .where('r.created_at', '<', period.to)
    .groupBy(['r.service_id', 's.name', 'r.status'])
    .execute();
  return rows.map((r) => ({ serviceId: r.service_id, serviceName: r.name ?? null, status: r.status, reports: Number(r.reports) }));
}
