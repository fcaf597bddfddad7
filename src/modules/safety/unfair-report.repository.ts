/**
 * Storage of unfair-treatment reports: the public side stores a report
 * (throttled per hashed address) with its audit entry; the administrators'
 * side lists the queue, reads one case and moves it on. The SQL of the
 * unfair-treatment reports lives here.
 */
import type { Kysely } from 'kysely';
import type { AuditOrigin } from '../../platform/audit/audit.ts';
import { appendAuditEvent } from '../../platform/audit/audit.repository.ts';
import type { Executor } from '../../platform/db/executor.ts';
import type { DB, UnfairTreatmentKind, UnfairTreatmentStatus } from '../../platform/db/schema.ts';
import { newId } from '../../platform/ids.ts';
import { takeThrottleSlot } from '../../platform/http/form-throttle.repository.ts';
import type { UnfairReportInput } from './unfair-report-form.ts';

/** The listing a report is about (public facts only), or null. */
export async function loadUnfairTarget(db: Executor, serviceId: string): Promise<{ id: string; name: string } | null> {
  const row = await db.selectFrom('service').select(['id', 'name']).where('id', '=', serviceId).executeTakeFirst();
  return row ?? null;
}

/** The one service whose name is exactly the name typed (case and spaces aside), or null. */
async function serviceNamed(db: Executor, name: string): Promise<{ id: string; name: string } | null> {
  const rows = await db
    .selectFrom('service')
    .select(['id', 'name'])
    .where((eb) => eb(eb.fn('lower', [eb.fn('btrim', ['name'])]), '=', name.trim().toLowerCase()))
    .where('status', '=', 'active')
    .limit(2)
    .execute();
  return rows.length === 1 ? rows[0]! : null;
}

export type StoreUnfairResult = { stored: true; reportId: string; serviceId: string | null } | { stored: false; retryAt: Date };

/** Stores a report for the administrators unless this address has sent too many lately. */
export async function storeUnfairReport(
  db: Kysely<DB>,
  args: { input: UnfairReportInput; language: string; throttleKey: string; origin: AuditOrigin },
): Promise<StoreUnfairResult> {
  const now = args.origin.now;
  const { input } = args;
  return db.transaction().execute(async (trx) => {
    const slot = await takeThrottleSlot(trx, 'unfair_treatment_throttle', args.throttleKey, now);
    if (!slot.allowed) return { stored: false, retryAt: slot.retryAt };
    // Named rather than picked: linked (under the listing's own name) when exactly one listing has that name.
    const named = input.serviceId ? null : await serviceNamed(trx, input.serviceName);
    const serviceId = input.serviceId ?? named?.id ?? null;
    const id = newId();
    await trx
      .insertInto('unfair_treatment_report')
      .values({
        id,
        service_id: serviceId,
        service_name: named?.name ?? input.serviceName,
        kinds: input.kinds,
        what_happened: input.whatHappened,
        happened_when: input.happenedWhen,
        anonymous: input.anonymous,
        contact_name: input.anonymous ? null : input.contactName,
        contact: input.anonymous ? null : input.contact,
        language: args.language,
        updated_at: now,
        created_at: now,
      })
      .execute();
    await appendAuditEvent(trx, args.origin, {
      action: 'unfair_report.create',
      outcome: 'allowed',
      subjectType: 'unfair_treatment_report',
      subjectId: id,
      details: { serviceId, kinds: input.kinds, anonymous: input.anonymous },
    });
    await trx
      .deleteFrom('unfair_treatment_throttle')
      .where('window_started_at', '<', new Date(now.getTime() - 24 * 60 * 60 * 1000))
      .execute();
    return { stored: true, reportId: id, serviceId };
  });
}

export interface UnfairCase {
  id: string;
  serviceId: string | null;
  serviceName: string;
  kinds: UnfairTreatmentKind[];
  whatHappened: string;
  happenedWhen: string | null;
  anonymous: boolean;
  contactName: string | null;
  contact: string | null;
  language: string;
  status: UnfairTreatmentStatus;
  outcome: string | null;
  updatedBy: string | null;
  updatedAt: Date;
  createdAt: Date;
}

const caseColumns = [
  'r.id',
  'r.service_id',
  'r.service_name',
  'r.kinds',
  'r.what_happened',
  'r.happened_when',
  'r.anonymous',
  'r.contact_name',
  'r.contact',
  'r.language',
  'r.status',
  'r.outcome',
  'r.updated_at',
  'r.created_at',
  's.name as updated_by_name',
] as const;

type CaseRow = {
  id: string;
  service_id: string | null;
  service_name: string;
  kinds: UnfairTreatmentKind[];
  what_happened: string;
  happened_when: string | null;
  anonymous: boolean;
  contact_name: string | null;
  contact: string | null;
  language: string;
  status: UnfairTreatmentStatus;
  outcome: string | null;
  updated_at: Date;
  created_at: Date;
  updated_by_name: string | null;
};

const toCase = (r: CaseRow): UnfairCase => ({
  id: r.id,
  serviceId: r.service_id,
  serviceName: r.service_name,
  kinds: r.kinds,
  whatHappened: r.what_happened,
  happenedWhen: r.happened_when,
  anonymous: r.anonymous,
  contactName: r.contact_name,
  contact: r.contact,
  language: r.language,
  status: r.status,
  outcome: r.outcome,
  updatedBy: r.updated_by_name,
  updatedAt: r.updated_at,
  createdAt: r.created_at,
});

/** The queue: open cases (new first, oldest first), then the last 100 closed. */
export async function loadUnfairQueue(db: Executor, which: 'open' | 'closed'): Promise<UnfairCase[]> {
  let q = db
    .selectFrom('unfair_treatment_report as r')
    .leftJoin('staff_account as s', 's.id', 'r.updated_by')
    .select(caseColumns)
    .limit(200);
  q =
    which === 'open'
      ? q.where('r.status', '<>', 'closed').orderBy('r.status', 'desc').orderBy('r.created_at')
      : q.where('r.status', '=', 'closed').orderBy('r.updated_at', 'desc');
  return (await q.execute()).map(toCase);
}

export async function loadUnfairCase(db: Executor, id: string): Promise<UnfairCase | null> {
  const row = await db
    .selectFrom('unfair_treatment_report as r')
    .leftJoin('staff_account as s', 's.id', 'r.updated_by')
    .select(caseColumns)
    .where('r.id', '=', id)
    .executeTakeFirst();
  return row ? toCase(row) : null;
}

/** Moves a case on; the status it had before, or null when there is no such case. */
export async function setUnfairStatus(
  db: Executor,
  id: string,
  change: { status: UnfairTreatmentStatus; outcome: string | null },
  accountId: string,
  at: Date,
): Promise<UnfairTreatmentStatus | null> {
  const before = await db.selectFrom('unfair_treatment_report').select('status').where('id', '=', id).forUpdate().executeTakeFirst();
  if (!before) return null;
  await db
    .updateTable('unfair_treatment_report')
    .set({ status: change.status, outcome: change.outcome, updated_by: accountId, updated_at: at })
    .where('id', '=', id)
    .execute();
  return before.status;
}
