/**
 * Storing problem reports from the public page. The only write anyone may
 * make without signing in: it goes through the per-address throttle (row
 * locked, so concurrent sends all count) and is written together with its
 * audit entry in one transaction. Reading reports is policy-checked: see
 * reports.service.ts.
 */
import type { Executor } from '../../platform/db/executor.ts';
import type { Kysely } from 'kysely';
import { appendAuditEvent } from '../../platform/audit/audit.repository.ts';
import type { AuditOrigin } from '../../platform/audit/audit.ts';
import type { DB } from '../../platform/db/schema.ts';
import { newId } from '../../platform/ids.ts';
import type { ReportInput } from './report-form.ts';
import { takeThrottleSlot } from '../../platform/http/form-throttle.repository.ts';

/** What the report page shows about the listing (public facts only). */
export interface ReportTarget {
  serviceId: string;
  name: string;
  organizationId: string;
}

/** The listing a report is about, or null when there is no such service. */
export async function loadReportTarget(db: Executor, serviceId: string): Promise<ReportTarget | null> {
  const row = await db.selectFrom('service').select(['id', 'name', 'organization_id']).where('id', '=', serviceId).executeTakeFirst();
  return row ? { serviceId: row.id, name: row.name, organizationId: row.organization_id } : null;
}

export type StoreResult = { stored: true; reportId: string } | { stored: false; retryAt: Date };

/** Stores a report unless this address has sent too many lately. */
export async function storeReport(
  db: Kysely<DB>,
  args: { serviceId: string; input: ReportInput; language: string; throttleKey: string; origin: AuditOrigin },
): Promise<StoreResult> {
  const now = args.origin.now;
  return db.transaction().execute(async (trx) => {
    const slot = await takeThrottleSlot(trx, 'listing_report_throttle', args.throttleKey, now);
    if (!slot.allowed) return { stored: false, retryAt: slot.retryAt };
    const id = newId();
    await trx
      .insertInto('listing_report')
      .values({
        id,
        service_id: args.serviceId,
        kind: args.input.kind,
        details: args.input.details,
        contact: args.input.contact,
        language: args.language,
        created_at: now,
      })
      .execute();
    await appendAuditEvent(trx, args.origin, {
      action: 'report.create',
      outcome: 'allowed',
      subjectType: 'listing_report',
      subjectId: id,
      details: { serviceId: args.serviceId, kind: args.input.kind, withContact: args.input.contact !== null },
    });
    // Housekeeping: forget windows that ended long ago.
    await trx
      .deleteFrom('listing_report_throttle')
      .where('window_started_at', '<', new Date(now.getTime() - 24 * 60 * 60 * 1000))
      .execute();
    return { stored: true, reportId: id };
  });
}
