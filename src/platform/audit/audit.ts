/**
 * The audit log's vocabulary: what one entry says, and the filters an
 * administrator can search by (parsed from a query string, pure).
 *
 * An entry records who (account, organisation and role at the time), when,
 * what (action, outcome), to what (subject type and id), why (the reason the
 * person gave, where one was asked), plus details (e.g. which fields of a
 * listing changed, never their personal contents), the request id and a keyed
 * hash of the client address.
 */
import { isUuid } from '../ids.ts';

export interface AuditEntry {
  action: string;
  outcome?: 'allowed' | 'denied';
  subjectType?: string | null;
  subjectId?: string | null;
  reason?: string | null;
  details?: Record<string, unknown>;
}

/** Who is doing it and from where: filled in by the access layer. */
export interface AuditOrigin {
  actor: { accountId: string; organisationId: string; role: string } | null;
  requestId?: string | null;
  ipHash?: string | null;
  now: Date;
}

export interface AuditFilter {
  actorAccountId?: string;
  /** An exact action ("listing.edit") or a prefix ending in a dot ("staff."). */
  action?: string;
  subjectType?: string;
  subjectId?: string;
  outcome?: 'allowed' | 'denied';
  /** Inclusive day, YYYY-MM-DD (UK time is close enough: days are compared in UTC). */
  from?: string;
  /** Inclusive day, YYYY-MM-DD. */
  to?: string;
}

export const AUDIT_PAGE_SIZE = 50;

export interface ParsedAuditQuery {
  filter: AuditFilter;
  page: number;
  /** Fields that were given but could not be understood (shown to the person). */
  problems: { field: keyof AuditFilter; value: string }[];
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const ACTION = /^[a-z_]+(\.[a-z_]*)?$/;
const SUBJECT_TYPE = /^[a-z_]+$/;

/** Reads the search form's query string. Unknown or malformed values are reported, not used. */
export function parseAuditQuery(q: Readonly<Record<string, string | undefined>>): ParsedAuditQuery {
  const filter: AuditFilter = {};
  const problems: ParsedAuditQuery['problems'] = [];
  const take = (field: keyof AuditFilter, ok: (v: string) => boolean, set: (v: string) => void) => {
    const v = q[field]?.trim();
    if (!v) return;
    if (ok(v)) set(v);
    else problems.push({ field, value: v });
  };
  take('actorAccountId', isUuid, (v) => (filter.actorAccountId = v.toLowerCase()));
  take(
    'action',
    (v) => ACTION.test(v),
    (v) => (filter.action = v),
  );
  take(
    'subjectType',
    (v) => SUBJECT_TYPE.test(v),
    (v) => (filter.subjectType = v),
  );
  take(
    'subjectId',
    (v) => v.length <= 100,
    (v) => (filter.subjectId = v),
  );
  take(
    'outcome',
    (v) => v === 'allowed' || v === 'denied',
    (v) => (filter.outcome = v as 'allowed' | 'denied'),
  );
  take(
    'from',
    (v) => DAY.test(v) && !Number.isNaN(Date.parse(v)),
    (v) => (filter.from = v),
  );
  take(
    'to',
    (v) => DAY.test(v) && !Number.isNaN(Date.parse(v)),
    (v) => (filter.to = v),
  );
  const page = Math.max(1, Math.min(10_000, Number.parseInt(q.page ?? '1', 10) || 1));
  return { filter, page, problems };
}

/** The start of a day and the start of the day after, for an inclusive date range. */
export function dayBounds(day: string): { start: Date; next: Date } {
  const start = new Date(`${day}T00:00:00Z`);
  return { start, next: new Date(start.getTime() + 24 * 60 * 60_000) };
}
