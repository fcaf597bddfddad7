/**
 * How an attempt's state appears in FHIR R4, following the Gravity SDOH
 * Clinical Care rules (../shared/notes/referral-status.md §4): Task.status
 * from the Gravity value set (no `ready`, no `received`), the operational
 * detail in Task.businessStatus, the reason in Task.statusReason (required
 * text for rejected, cancelled, on-hold and failed), and the
 * ServiceRequest.status of the need it belongs to.
 */
import type { AttemptState, DeclineReason, NotTakenUpReason } from './referral-states.ts';

export type FhirTaskStatus =
  'draft' | 'requested' | 'accepted' | 'rejected' | 'in-progress' | 'on-hold' | 'failed' | 'completed' | 'cancelled' | 'entered-in-error';
export type FhirServiceRequestStatus = 'draft' | 'active' | 'on-hold' | 'revoked' | 'completed' | 'entered-in-error';

/** Gravity's SDOHCC-ValueSetReferralTaskStatus: every R4 TaskStatus except `ready` and `received`. */
export const GRAVITY_TASK_STATUSES: readonly FhirTaskStatus[] = [
  'draft',
  'requested',
  'accepted',
  'rejected',
  'in-progress',
  'on-hold',
  'failed',
  'completed',
  'cancelled',
  'entered-in-error',
];

/** Task.status needs statusReason text in these. */
export const REASON_REQUIRED: ReadonlySet<FhirTaskStatus> = new Set(['rejected', 'cancelled', 'on-hold', 'failed']);

export interface TaskStatusMapping {
  status: FhirTaskStatus;
  businessStatus: string;
}

const BUSINESS: Record<AttemptState, TaskStatusMapping> = {
  draft: { status: 'draft', businessStatus: 'consent-pending' },
  sent: { status: 'requested', businessStatus: 'sent' },
  acknowledged: { status: 'requested', businessStatus: 'acknowledged' },
  accepted: { status: 'accepted', businessStatus: 'accepted' },
  waiting_list: { status: 'accepted', businessStatus: 'waitlisted' },
  declined: { status: 'rejected', businessStatus: 'declined' },
  contact_attempted: { status: 'in-progress', businessStatus: 'contact-attempted' },
  in_touch: { status: 'in-progress', businessStatus: 'contacted' },
  first_visit_booked: { status: 'in-progress', businessStatus: 'intro-booked' },
  attending: { status: 'in-progress', businessStatus: 'attended' },
  paused: { status: 'on-hold', businessStatus: 'paused' },
  completed: { status: 'completed', businessStatus: 'need-met' },
  not_taken_up: { status: 'cancelled', businessStatus: 'person-withdrew' },
  withdrawn: { status: 'cancelled', businessStatus: 'withdrawn-by-referrer' },
  expired: { status: 'cancelled', businessStatus: 'expired-no-response' },
  redirected: { status: 'cancelled', businessStatus: 'redirected' },
  moved_area: { status: 'cancelled', businessStatus: 'transferred' },
  entered_in_error: { status: 'entered-in-error', businessStatus: 'entered-in-error' },
};

export const DECLINE_REASON_CODES: Readonly<Record<DeclineReason, string>> = {
  full: 'no-capacity',
  not_eligible: 'not-eligible',
  cannot_meet_language_need: 'cannot-meet-language-need',
  safeguarding: 'safeguarding',
  other: 'other',
};

/** Task.status and businessStatus for an attempt; completion and not-taken-up refine the business status. */
export function taskStatusFor(
  state: AttemptState,
  detail: { outcome?: string | null; notTakenUpReason?: NotTakenUpReason | null } = {},
): TaskStatusMapping {
  const base = BUSINESS[state];
  if (state === 'completed' && detail.outcome === 'going_independently') return { ...base, businessStatus: 'attending-independently' };
  if (state === 'not_taken_up' && detail.notTakenUpReason === 'could_not_reach')
    return { status: 'failed', businessStatus: 'unable-to-contact' };
  return base;
}

/**
 * ServiceRequest.status for a need, from its attempts' states: completed when
 * an attempt completed and none is still open; revoked when every attempt was
 * withdrawn or handed over to another area (the new area's request is based on it); draft while everything is a draft; on-hold when the only open
 * attempts are paused; otherwise active (including "declined, re-route").
 */
export function serviceRequestStatusFor(states: readonly AttemptState[]): FhirServiceRequestStatus {
  const real = states.filter((s) => s !== 'entered_in_error');
  if (real.length === 0) return states.length ? 'entered-in-error' : 'draft';
  const open = real.filter(
    (s) => !['declined', 'completed', 'not_taken_up', 'withdrawn', 'expired', 'redirected', 'moved_area'].includes(s),
  );
  if (real.every((s) => s === 'draft')) return 'draft';
  if (real.every((s) => s === 'withdrawn' || s === 'moved_area')) return 'revoked';
  if (open.length === 0 && real.includes('completed')) return 'completed';
  if (open.length > 0 && open.every((s) => s === 'paused')) return 'on-hold';
  return 'active';
}
