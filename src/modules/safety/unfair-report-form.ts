/**
 * The public "report unfair treatment" form: racism, discrimination or
 * feeling unsafe at a service. Pure: no storage, no HTTP.
 *
 * Required: the service (from its page, or named), at least one kind of what
 * happened, what happened, and whether we may contact them. Anonymous means
 * anonymous: any name or contact typed is dropped, never stored. A filled-in
 * honeypot marks the sending as spam (thanked, nothing stored), as on the
 * listing problem report.
 */
import type { UnfairTreatmentKind } from '../../platform/db/schema.ts';
import { HONEYPOT_FIELD, tidy } from '../quality/report-form.ts';

export { HONEYPOT_FIELD };
export const UNFAIR_KINDS = ['racism', 'discrimination', 'unsafe', 'other'] as const satisfies readonly UnfairTreatmentKind[];
export const MAX_SERVICE_NAME = 200;
export const MAX_WHAT = 3000;
export const MAX_WHEN = 200;
export const MAX_CONTACT_NAME = 100;
export const MAX_CONTACT = 200;

export interface UnfairReportInput {
  /** The listing, when the form was opened from its page. */
  serviceId: string | null;
  serviceName: string;
  kinds: UnfairTreatmentKind[];
  whatHappened: string;
  happenedWhen: string | null;
  anonymous: boolean;
  /** Both null when anonymous. */
  contactName: string | null;
  contact: string | null;
}

export type UnfairReportProblem =
  | { field: 'serviceName'; code: 'serviceMissing' | 'tooLong' }
  | { field: 'kinds'; code: 'kindsMissing' }
  | { field: 'whatHappened'; code: 'whatMissing' | 'tooLong' }
  | { field: 'happenedWhen'; code: 'tooLong' }
  | { field: 'anonymous'; code: 'anonymousMissing' }
  | { field: 'contactName'; code: 'tooLong' }
  | { field: 'contact'; code: 'contactMissing' | 'contactInvalid' | 'tooLong' };

export interface UnfairReportValues {
  serviceName: string;
  kinds: string[];
  whatHappened: string;
  happenedWhen: string;
  anonymous: string;
  contactName: string;
  contact: string;
}

export type UnfairReportParse =
  | { ok: true; value: UnfairReportInput }
  | { ok: false; spam: true }
  | { ok: false; spam: false; problems: UnfairReportProblem[]; values: UnfairReportValues };

export const UNFAIR_MAX: Record<UnfairReportProblem['field'], number> = {
  serviceName: MAX_SERVICE_NAME,
  kinds: 0,
  whatHappened: MAX_WHAT,
  happenedWhen: MAX_WHEN,
  anonymous: 0,
  contactName: MAX_CONTACT_NAME,
  contact: MAX_CONTACT,
};

const isKind = (k: string): k is UnfairTreatmentKind => (UNFAIR_KINDS as readonly string[]).includes(k);
const len = (s: string) => [...s].length;
const oneLine = (s: string) => tidy(s).replace(/\s+/g, ' ');

/**
 * Reads and checks a submitted form. `service` is the listing the form was
 * opened for (its name is then the service name), or null.
 */
export function parseUnfairReportForm(
  body: Readonly<Record<string, unknown>>,
  service: { id: string; name: string } | null,
): UnfairReportParse {
  const text = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '');
  if (text(HONEYPOT_FIELD).trim() !== '') return { ok: false, spam: true };
  const list = body['kind'];
  const kindsRaw = (Array.isArray(list) ? list : [list]).filter((v): v is string => typeof v === 'string');
  const values: UnfairReportValues = {
    serviceName: service ? service.name : oneLine(text('serviceName')),
    kinds: UNFAIR_KINDS.filter((k) => kindsRaw.includes(k)),
    whatHappened: tidy(text('whatHappened')),
    happenedWhen: oneLine(text('happenedWhen')),
    anonymous: ['yes', 'no'].includes(text('anonymous')) ? text('anonymous') : '',
    contactName: oneLine(text('contactName')),
    contact: oneLine(text('contact')),
  };
  const problems: UnfairReportProblem[] = [];
  if (!values.serviceName) problems.push({ field: 'serviceName', code: 'serviceMissing' });
  else if (len(values.serviceName) > MAX_SERVICE_NAME) problems.push({ field: 'serviceName', code: 'tooLong' });
  if (values.kinds.length === 0) problems.push({ field: 'kinds', code: 'kindsMissing' });
  if (!values.whatHappened) problems.push({ field: 'whatHappened', code: 'whatMissing' });
  else if (len(values.whatHappened) > MAX_WHAT) problems.push({ field: 'whatHappened', code: 'tooLong' });
  if (len(values.happenedWhen) > MAX_WHEN) problems.push({ field: 'happenedWhen', code: 'tooLong' });
  if (!values.anonymous) problems.push({ field: 'anonymous', code: 'anonymousMissing' });
  const anonymous = values.anonymous === 'yes';
  if (values.anonymous === 'no') {
    if (len(values.contactName) > MAX_CONTACT_NAME) problems.push({ field: 'contactName', code: 'tooLong' });
    if (!values.contact) problems.push({ field: 'contact', code: 'contactMissing' });
    else if (len(values.contact) > MAX_CONTACT) problems.push({ field: 'contact', code: 'tooLong' });
    else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.contact) && !/^\+?[\d\s()-]{7,20}$/.test(values.contact))
      problems.push({ field: 'contact', code: 'contactInvalid' });
  }
  // An anonymous person's name and contact are not even echoed back on an error page.
  if (anonymous) {
    values.contactName = '';
    values.contact = '';
  }
  if (problems.length) return { ok: false, spam: false, problems, values };
  return {
    ok: true,
    value: {
      serviceId: service?.id ?? null,
      serviceName: values.serviceName,
      kinds: values.kinds.filter(isKind),
      whatHappened: values.whatHappened,
      happenedWhen: values.happenedWhen || null,
      anonymous,
      contactName: anonymous ? null : values.contactName || null,
      contact: anonymous ? null : values.contact,
    },
  };
}

export const UNFAIR_STATUSES = ['new', 'looking', 'closed'] as const;
export const MAX_OUTCOME = 2000;

export type UnfairStatusParse =
  | { ok: true; status: (typeof UNFAIR_STATUSES)[number]; outcome: string | null }
  | { ok: false; problem: 'statusMissing' | 'outcomeMissing' | 'outcomeTooLong'; outcome: string };

/** The administrator's "move this case on" form: closing needs an outcome. */
export function parseUnfairStatus(body: Readonly<Record<string, unknown>>): UnfairStatusParse {
  const status = typeof body['status'] === 'string' ? body['status'] : '';
  const outcome = tidy(typeof body['outcome'] === 'string' ? body['outcome'] : '');
  if (!(UNFAIR_STATUSES as readonly string[]).includes(status)) return { ok: false, problem: 'statusMissing', outcome };
  if (status === 'closed' && !outcome) return { ok: false, problem: 'outcomeMissing', outcome };
  if (len(outcome) > MAX_OUTCOME) return { ok: false, problem: 'outcomeTooLong', outcome };
  return { ok: true, status: status as (typeof UNFAIR_STATUSES)[number], outcome: status === 'closed' ? outcome : null };
}
