/**
 * The public side of problem reports: anyone may tell us a listing is wrong,
 * without an account. A report is stored with its audit entry unless the
 * sender's (hashed) address has sent too many lately; staff work the queue
 * through reports.service.ts.
 */
import type { Executor } from '../../platform/db/executor.ts';
import { loadReportTarget, storeReport, type ReportTarget, type StoreResult } from './reports.repository.ts';

export type { ReportTarget, StoreResult };

/** The listing a report would be about, or null when there is no such active service. */
export const reportTarget = (db: Executor, serviceId: string): Promise<ReportTarget | null> => loadReportTarget(db, serviceId);

/** Stores a report (throttled per address); see storeReport. */
export const submitReport = storeReport;
