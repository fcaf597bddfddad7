/**
 * Reading referral forms (pure): a new referral's details, and the event a
 * form records. Reasons, dates and names are then checked by the one
 * transition check (applyEvent); this only turns form fields into values.
 */
import type { StaffKey } from '../../platform/i18n/staff-catalogue.ts';
import type { AttemptEvent, EventType, ServiceProblem } from './referral-states.ts';
import type { TransitionError } from './referral-transition.ts';
import type { ShareChoiceError } from './referral-sharing.ts';
import { REFERRAL_ROUTES, type ReferralRoute } from '../reports/categories.ts';

export interface ReferralInput {
  need: string;
  summary: string | null;
  interpreterNeeded: boolean;
  interpreterLanguage: string | null;
  accompanyWanted: boolean;
  transportNeeded: boolean;
  childcareNeeded: boolean;
  /** How the person came to the connector (GP, pharmacy, …); null or absent: not recorded. */
  route?: ReferralRoute | null;
}

export interface FormProblem {
  field: string;
  message: StaffKey;
}

type Body = Record<string, unknown>;
const text = (b: Body, k: string): string => (typeof b[k] === 'string' ? (b[k] as string).trim() : '');
const yes = (b: Body, k: string): boolean => b[k] === 'yes';
const optional = (s: string): string | null => (s.length ? s : null);

export function parseReferralInput(
  b: Body,
): { ok: true; value: ReferralInput } | { ok: false; problems: FormProblem[]; value: ReferralInput } {
  const value: ReferralInput = {
    need: text(b, 'need').slice(0, 2000),
    summary: optional(text(b, 'summary').slice(0, 4000)),
    interpreterNeeded: yes(b, 'interpreterNeeded'),
    interpreterLanguage: optional(text(b, 'interpreterLanguage').slice(0, 100)),
    accompanyWanted: yes(b, 'accompanyWanted'),
    transportNeeded: yes(b, 'transportNeeded'),
    childcareNeeded: yes(b, 'childcareNeeded'),
    route: null,
  };
  const problems: FormProblem[] = [];
  const route = text(b, 'route');
  if ((REFERRAL_ROUTES as readonly string[]).includes(route)) value.route = route as ReferralRoute;
  else if (route !== '' && route !== 'not_recorded') problems.push({ field: 'route-0', message: 'referrals.problem.routeInvalid' });
  if (!value.need) problems.push({ field: 'need', message: 'referrals.problem.needRequired' });
  if (value.interpreterNeeded && !value.interpreterLanguage)
    problems.push({ field: 'interpreterLanguage', message: 'referrals.problem.interpreterLanguageRequired' });
  if (!value.interpreterNeeded) value.interpreterLanguage = null;
  return problems.length ? { ok: false, problems, value } : { ok: true, value };
}

/** Events a form may record (the system's expiry and the referrer's send/redirect have their own paths). */
export const FORM_EVENTS = [
  'acknowledge',
  'accept',
  'waitlist',
  'decline',
  'record_contact_attempt',
  'book_first_visit',
  'record_attendance',
  'pause',
  'resume',
  'complete',
  'not_taken_up',
  'withdraw',
] as const satisfies readonly EventType[];
export type FormEvent = (typeof FORM_EVENTS)[number];
export const isFormEvent = (s: string): s is FormEvent => (FORM_EVENTS as readonly string[]).includes(s);

/** Turns a form into an event (the values are checked by applyEvent). */
export function eventFromForm(type: FormEvent, b: Body): { event: AttemptEvent; interpreterMet: boolean | null } {
  const note = optional(text(b, 'note')) ?? undefined;
  const base = { interpreterMet: null as boolean | null };
  switch (type) {
    case 'acknowledge':
    case 'accept':
    case 'resume':
      return { ...base, event: { type } };
    case 'waitlist':
      return { ...base, event: { type, ...(note ? { note } : {}) } };
    case 'decline':
      return { ...base, event: { type, reason: text(b, 'reason') as never, ...(note ? { note } : {}) } };
    case 'record_contact_attempt':
      return {
        ...base,
        event: {
          type,
          channel: text(b, 'channel') as never,
          interpreterUsed: yes(b, 'interpreterUsed'),
          reached: yes(b, 'reached'),
          ...(note ? { note } : {}),
        },
      };
    case 'book_first_visit': {
      const kind = text(b, 'companionKind');
      // An account chosen from the organisation's list wins; the service checks it and fills in its name.
      const accountId = text(b, 'companionAccountId');
      const companion = accountId
        ? { kind: 'staff' as const, accountId: accountId.slice(0, 64), name: '' }
        : kind === 'volunteer' || kind === 'staff'
          ? { kind: kind as 'volunteer' | 'staff', accountId: null, name: text(b, 'companionName').slice(0, 200) }
          : null;
      return { ...base, event: { type, date: text(b, 'date'), companion, ...(note ? { note } : {}) } };
    }
    case 'record_attendance': {
      const date = text(b, 'date');
      const met = text(b, 'interpreterMet');
      return { interpreterMet: met === 'yes' ? true : met === 'no' ? false : null, event: { type, ...(date ? { date } : {}) } };
    }
    case 'pause':
    case 'withdraw':
      return { ...base, event: { type, reason: text(b, 'reason').slice(0, 1000) } };
    case 'complete':
      return { ...base, event: { type, outcome: text(b, 'outcome') as never, ...(note ? { note } : {}) } };
    case 'not_taken_up':
      return { ...base, event: { type, reason: text(b, 'reason') as never, ...(note ? { note } : {}) } };
  }
}

export type ActionError =
  | TransitionError
  | 'stale'
  | ServiceProblem
  | ShareChoiceError
  | 'not_found'
  /** A group with no account: how it is to hear of the referral was not chosen. */
  | 'group_contact_missing'
  /** A group with no account that asked not to get messages, or has no listed e-mail or mobile. */
  | 'group_unreachable'
  /** Not an attempt sent to a group with no account. */
  | 'not_a_group';

/** Which form field an error is about (for the error summary link). */
export function errorField(e: ActionError, event?: string): string {
  switch (e) {
    case 'reason_required':
      return event === 'decline' || event === 'complete' || event === 'not_taken_up' || event === 'waitlist' ? 'note' : 'reason';
    case 'unknown_reason':
      return event === 'record_contact_attempt' ? 'channel' : event === 'complete' ? 'outcome' : 'reason';
    case 'bad_date':
      return 'date';
    case 'companion_name_required':
      return 'companionName';
    case 'group_contact_missing':
      return 'groupContact';
    case 'nothing_chosen':
    case 'unknown_field':
    case 'contact_not_allowed':
      return 'fields';
    default:
      return 'state';
  }
}

export const ERROR_MESSAGES: Readonly<Record<ActionError, StaffKey>> = {
  closed: 'referrals.error.closed',
  wrong_state: 'referrals.error.wrongState',
  wrong_side: 'referrals.error.wrongSide',
  no_consent: 'referrals.error.noConsent',
  recipient_unavailable: 'referrals.error.recipientUnavailable',
  reason_required: 'referrals.error.reasonRequired',
  unknown_reason: 'referrals.error.unknownReason',
  bad_date: 'referrals.error.badDate',
  companion_name_required: 'referrals.error.companionNameRequired',
  stale: 'referrals.error.stale',
  no_such_service: 'referrals.error.noSuchService',
  inactive: 'referrals.error.inactive',
  full: 'referrals.error.full',
  not_accepting: 'referrals.error.notAccepting',
  no_recipient: 'referrals.error.noRecipient',
  nothing_chosen: 'referrals.error.nothingChosen',
  unknown_field: 'referrals.error.unknownField',
  contact_not_allowed: 'referrals.error.contactNotAllowed',
  not_found: 'referrals.error.notFound',
  group_contact_missing: 'referrals.error.groupContactMissing',
  group_unreachable: 'referrals.error.groupUnreachable',
  not_a_group: 'referrals.error.notAGroup',
};
