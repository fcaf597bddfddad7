/**
 * Reports of unfair treatment per service, by where the case stands, with
 * small numbers hidden by the same rules as every other report about people
 * (suppression.ts): a count of 1 to 4 is hidden, and a second one in its row
 * or column so it cannot be worked out from the totals. Pure.
 */
import type { UnfairTreatmentStatus } from '../../platform/db/schema.ts';
import { suppressTable, type Shown } from './suppression.ts';
import type { UnfairCountRow } from './unfair-treatment.repository.ts';

export const UNFAIR_COLUMNS = ['new', 'looking', 'closed'] as const satisfies readonly UnfairTreatmentStatus[];

export interface UnfairTreatmentReport {
  rows: { serviceId: string | null; serviceName: string | null; counts: Shown[]; total: Shown }[];
  columnTotals: Shown[];
  total: Shown;
}

export function buildUnfairTreatment(counts: readonly UnfairCountRow[]): UnfairTreatmentReport {
  if (counts.length === 0) return { rows: [], columnTotals: UNFAIR_COLUMNS.map(() => 0), total: 0 };
  const services = new Map<string, { serviceId: string | null; serviceName: string | null }>();
  for (const c of counts) services.set(c.serviceId ?? '', { serviceId: c.serviceId, serviceName: c.serviceName });
  // Listings by name (then id, for a stable order), the unmatched names last.
  const order = [...services.values()].sort((a, b) =>
    a.serviceId === null
      ? 1
      : b.serviceId === null
        ? -1
        : (a.serviceName ?? '').localeCompare(b.serviceName ?? '') || a.serviceId.localeCompare(b.serviceId),
  );
  const cells = order.map((svc) =>
    UNFAIR_COLUMNS.map((st) => counts.filter((c) => c.serviceId === svc.serviceId && c.status === st).reduce((n, c) => n + c.reports, 0)),
  );
  const t = suppressTable(cells);
  return {
    rows: order.map((svc, i) => ({ ...svc, counts: t.cells[i]!, total: t.rowTotals[i]! })),
    columnTotals: t.columnTotals,
    total: t.total,
  };
}
