/**
 * Referral records as pages and tests see them (no row types outside this
 * module): an attempt with its next step, and one line of history.
 */
import type { AttemptState } from './referral-states.ts';
import { urgency, type StepTask, type Urgency } from './referral-deadlines.ts';
import { londonDate } from './london-date.ts';
import type { AttemptRow } from './referral-store.repository.ts';

export interface NextStepView {
  task: StepTask;
  owner: string;
  due: string;
  lateAfter: string;
  urgency: Urgency;
}

export interface AttemptView {
  id: string;
  referralId: string;
  serviceId: string;
  serviceName: string;
  state: AttemptState;
  version: number;
  recipientOrganisationId: string | null;
  sharedFields: string[];
  sentAt: Date | null;
  declineReason: string | null;
  notTakenUpReason: string | null;
  outcome: string | null;
  reasonNote: string | null;
  contactAttempts: number;
  firstVisitDate: string | null;
  companion: { kind: string; name: string } | null;
  interpreterMet: boolean | null;
  next: NextStepView | null;
  nudgeCount: number;
  redirectedTo: string | null;
  updatedAt: Date;
}

export interface EventView {
  attemptId: string;
  at: Date;
  side: string;
  type: string;
  from: string | null;
  to: string | null;
  note: string | null;
  actorName: string | null;
  /** For a group with no account: told through its link, or by phone to the connector who recorded it. */
  via?: 'link' | 'phone' | null;
}

export function toAttemptView(r: AttemptRow, now: Date): AttemptView {
  return {
    id: r.id,
    referralId: r.referral_id,
    serviceId: r.service_id,
    serviceName: r.service_name,
    state: r.state as AttemptState,
    version: r.version,
    recipientOrganisationId: r.recipient_organisation_id,
    sharedFields: r.shared_fields,
    sentAt: r.sent_at,
    declineReason: r.decline_reason,
    notTakenUpReason: r.not_taken_up_reason,
    outcome: r.outcome,
    reasonNote: r.reason_note,
    contactAttempts: r.contact_attempts,
    firstVisitDate: r.first_visit_date,
    companion: r.companion_name ? { kind: r.companion_kind ?? 'volunteer', name: r.companion_name } : null,
    interpreterMet: r.interpreter_met,
    next:
      r.next_task && r.next_due && r.next_late_after && r.next_owner
        ? {
            task: r.next_task as StepTask,
            owner: r.next_owner,
            due: r.next_due,
            lateAfter: r.next_late_after,
            urgency: urgency(
              { task: r.next_task as StepTask, owner: r.next_owner as 'referrer', due: r.next_due, lateAfter: r.next_late_after },
              londonDate(now),
            ),
          }
        : null,
    nudgeCount: r.nudge_count,
    redirectedTo: r.redirected_to,
    updatedAt: r.updated_at,
  };
}

/** An account a first visit may name as the person's companion (from the actor's own organisation). */
export interface CompanionOption {
  id: string;
  name: string;
  kind: 'volunteer' | 'staff';
}
