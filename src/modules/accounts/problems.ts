/**
 * Form problems the staff services report, and the staff catalogue message
 * for each (`problem.<code>` in locales/staff/en.json). Services return codes;
 * pages turn them into words with `problemMessage`.
 */
import type { I18n } from '../../platform/i18n/i18n.ts';
import type { StaffKey } from '../../platform/i18n/staff-catalogue.ts';

export const PROBLEM_CODES = [
  'missing',
  'tooShort',
  'tooLong',
  'common',
  'repetitive',
  'containsEmail',
  'mismatch',
  'wrongCurrent',
  'nameMissing',
  'nameTooLong',
  'nameTaken',
  'emailMissing',
  'emailInvalid',
  'emailTaken',
  'roleInvalid',
  'roleNotForOrganisation',
  'kindInvalid',
  'kindDoesNotFitStaff',
  'codeWrong',
  'reasonMissing',
  'reasonTooLong',
  'organisationSuspended',
  'cannotSuspendOperator',
  'listingUnknown',
  'listingsOnlyForProviders',
] as const;

export type ProblemCode = (typeof PROBLEM_CODES)[number];

/** One problem with one form field. */
export interface Problem<F extends string = string> {
  field: F;
  code: ProblemCode;
}

export const problemKey = (code: ProblemCode): StaffKey => `problem.${code}` as StaffKey;

export function problemMessage(i18n: I18n, code: ProblemCode): string {
  return i18n.staff(problemKey(code));
}
