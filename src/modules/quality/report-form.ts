/**
 * The public "report a problem with this listing" form: what the person may
 * send, and how it is checked. Pure: no storage, no HTTP.
 *
 * Only "what is wrong" is required; details are required only for "something
 * else" (otherwise there is nothing to act on). A filled-in honeypot field
 * (hidden from people, tempting to form-filling robots) marks the sending as
 * spam: the caller thanks the sender and stores nothing.
 */
import type { ListingReportKind } from '../../platform/db/schema.ts';
import { HONEYPOT_FIELD } from '../../platform/views/honeypot.tsx';

export const REPORT_KINDS = ['closed', 'times', 'place', 'contact', 'cost', 'other'] as const satisfies readonly ListingReportKind[];

export const MAX_DETAILS = 2000;
export const MAX_CONTACT = 200;
/** The honeypot field's name (platform/views/honeypot.tsx): people never see it, so only robots fill it. */
export { HONEYPOT_FIELD };

export interface ReportInput {
  kind: ListingReportKind;
  details: string | null;
  contact: string | null;
}

export type ReportProblem =
  | { field: 'kind'; code: 'kindMissing' }
  | { field: 'details'; code: 'detailsNeeded' | 'detailsTooLong' }
  | { field: 'contact'; code: 'contactTooLong' };

export type ReportParse =
  | { ok: true; value: ReportInput }
  | { ok: false; spam: true }
  | { ok: false; spam: false; problems: ReportProblem[]; values: { kind: string; details: string; contact: string } };

const text = (body: Readonly<Record<string, unknown>>, name: string): string => {
  const v = body[name];
  return typeof v === 'string' ? v : '';
};

/** Tidies free text: no control characters but line breaks, trimmed, lines joined with \n. */
export function tidy(s: string): string {
  return s
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, ' ')
    .trim();
}

const isKind = (k: string): k is ListingReportKind => (REPORT_KINDS as readonly string[]).includes(k);

/** Reads and checks a submitted report form. */
export function parseReportForm(body: Readonly<Record<string, unknown>>): ReportParse {
  if (text(body, HONEYPOT_FIELD).trim() !== '') return { ok: false, spam: true };
  const kind = text(body, 'kind').trim();
  const details = tidy(text(body, 'details'));
  const contact = tidy(text(body, 'contact')).replace(/\s*\n\s*/g, ' ');
  const problems: ReportProblem[] = [];
  if (!isKind(kind)) problems.push({ field: 'kind', code: 'kindMissing' });
  if ([...details].length > MAX_DETAILS) problems.push({ field: 'details', code: 'detailsTooLong' });
  else if (kind === 'other' && details === '') problems.push({ field: 'details', code: 'detailsNeeded' });
  if ([...contact].length > MAX_CONTACT) problems.push({ field: 'contact', code: 'contactTooLong' });
  if (problems.length || !isKind(kind)) return { ok: false, spam: false, problems, values: { kind, details, contact } };
  return { ok: true, value: { kind, details: details || null, contact: contact || null } };
}
