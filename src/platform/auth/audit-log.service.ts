/**
 * Reading the audit log, policy-checked: searching it (administrators) and
 * "who has looked at or changed this record" (`forSubject`). Each read is
 * itself recorded, so the log also shows who searched it.
 */
import type { Access } from './access.ts';
import { AUDIT_PAGE_SIZE, type AuditFilter } from '../audit/audit.ts';
import { auditEventsForSubject, searchAuditEvents, type AuditRow } from '../audit/audit.repository.ts';

export interface AuditLog {
  search(filter: AuditFilter, page: number): Promise<{ rows: AuditRow[]; hasMore: boolean }>;
  forSubject(subjectType: string, subjectId: string): Promise<AuditRow[]>;
}

export function auditLog(access: Access): AuditLog {
  return {
    search: (filter, page) =>
      access.run('audit.search', {}, { subjectType: 'audit_log', subjectId: 'search', details: { filter: { ...filter }, page } }, (trx) =>
        searchAuditEvents(trx, filter, page, AUDIT_PAGE_SIZE),
      ),
    forSubject: (subjectType, subjectId) =>
      access.run('audit.subject_history', {}, { subjectType, subjectId }, (trx) => auditEventsForSubject(trx, subjectType, subjectId)),
  };
}
