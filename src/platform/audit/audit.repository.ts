/**
 * Storage for the audit log. The application can only add entries
 * (`appendAuditEvent`) and read them; there is no update or delete here, and
 * the database refuses both anyway (trigger in migration 0003).
 *
 * Reads are not policy-checked here: call them through audit.service.ts,
 * which checks and records who searched.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { newId } from '../ids.ts';
import { dayBounds, type AuditEntry, type AuditFilter, type AuditOrigin } from './audit.ts';

type Executor = Kysely<DB> | Transaction<DB>;

/** Adds one entry. Use the caller's transaction so the entry commits (or not) with the change. */
export async function appendAuditEvent(db: Executor, origin: AuditOrigin, entry: AuditEntry): Promise<string> {
  const id = newId();
  await db
    .insertInto('audit_event')
    .values({
      id,
      at: origin.now,
      actor_account_id: origin.actor?.accountId ?? null,
      actor_organisation_id: origin.actor?.organisationId ?? null,
      actor_role: origin.actor?.role ?? null,
      action: entry.action,
      outcome: entry.outcome ?? 'allowed',
      subject_type: entry.subjectType ?? null,
      subject_id: entry.subjectId ?? null,
      reason: entry.reason ?? null,
      details: JSON.stringify(entry.details ?? {}),
      request_id: origin.requestId ?? null,
      ip_hash: origin.ipHash ?? null,
    })
    .execute();
  return id;
}

export interface AuditRow {
  id: string;
  at: Date;
  actorAccountId: string | null;
  actorName: string | null;
  actorEmail: string | null;
  actorOrganisationId: string | null;
  actorOrganisationName: string | null;
  actorRole: string | null;
  action: string;
  outcome: 'allowed' | 'denied';
  subjectType: string | null;
  subjectId: string | null;
  reason: string | null;
  details: Record<string, unknown>;
  requestId: string | null;
}

function baseQuery(db: Executor) {
  return db
    .selectFrom('audit_event as e')
    .leftJoin('staff_account as a', 'a.id', 'e.actor_account_id')
    .leftJoin('staff_organisation as o', 'o.id', 'e.actor_organisation_id');
}

function toRow(r: {
  id: string;
  at: Date;
  actor_account_id: string | null;
  actor_name: string | null;
  actor_email: string | null;
  actor_organisation_id: string | null;
  actor_organisation_name: string | null;
  actor_role: string | null;
  action: string;
  outcome: 'allowed' | 'denied';
  subject_type: string | null;
  subject_id: string | null;
  reason: string | null;
  details: Record<string, unknown>;
  request_id: string | null;
}): AuditRow {
  return {
    id: r.id,
    at: r.at,
    actorAccountId: r.actor_account_id,
    actorName: r.actor_name,
    actorEmail: r.actor_email,
    actorOrganisationId: r.actor_organisation_id,
    actorOrganisationName: r.actor_organisation_name,
    actorRole: r.actor_role,
    action: r.action,
    outcome: r.outcome,
    subjectType: r.subject_type,
    subjectId: r.subject_id,
    reason: r.reason,
    details: r.details ?? {},
    requestId: r.request_id,
  };
}

const COLUMNS = [
  'e.id',
  'e.at',
  'e.actor_account_id',
  'a.name as actor_name',
  'a.email as actor_email',
  'e.actor_organisation_id',
  'o.name as actor_organisation_name',
  'e.actor_role',
  'e.action',
  'e.outcome',
  'e.subject_type',
  'e.subject_id',
  'e.reason',
  'e.details',
  'e.request_id',
] as const;

/** One page of entries matching the filter, newest first, and whether there are more. */
export async function searchAuditEvents(
  db: Executor,
  filter: AuditFilter,
  page: number,
  pageSize: number,
): Promise<{ rows: AuditRow[]; hasMore: boolean }> {
  let q = baseQuery(db).select(COLUMNS);
  if (filter.actorAccountId) q = q.where('e.actor_account_id', '=', filter.actorAccountId);
  if (filter.action) {
    q = filter.action.endsWith('.')
      ? q.where('e.action', 'like', `${filter.action.replace(/[\\%_]/g, '\\$&')}%`)
      : q.where('e.action', '=', filter.action);
  }
  if (filter.subjectType) q = q.where('e.subject_type', '=', filter.subjectType);
  if (filter.subjectId) q = q.where('e.subject_id', '=', filter.subjectId);
  if (filter.outcome) q = q.where('e.outcome', '=', filter.outcome);
  if (filter.from) q = q.where('e.at', '>=', dayBounds(filter.from).start);
  if (filter.to) q = q.where('e.at', '<', dayBounds(filter.to).next);
  const rows = await q
    .orderBy('e.at', 'desc')
    .orderBy('e.id', 'desc')
    .limit(pageSize + 1)
    .offset((page - 1) * pageSize)
    .execute();
  return { rows: rows.slice(0, pageSize).map(toRow), hasMore: rows.length > pageSize };
}

/** Every entry about one record, newest first (who has looked at it or changed it). */
export async function auditEventsForSubject(db: Executor, subjectType: string, subjectId: string, limit = 200): Promise<AuditRow[]> {
  const rows = await baseQuery(db)
    .select(COLUMNS)
    .where('e.subject_type', '=', subjectType)
    .where('e.subject_id', '=', subjectId)
    .orderBy('e.at', 'desc')
    .orderBy('e.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toRow);
}
