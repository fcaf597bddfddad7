/**
 * Storing a change to a referral attempt, inside the caller's transaction:
 *
 *   1. lock the attempt row (SELECT … FOR UPDATE), so two changes to one
 *      attempt happen one after the other, never interleaved;
 *   2. compare the version the person was looking at with the stored one: a
 *      stale form is refused with what the attempt says now (unless the
 *      change is a harmless repeat of what is already there — a double click);
 *   3. apply the event with the one pure check (referral-transition.ts);
 *   4. write the new snapshot, the event's details and the next step (with a
 *      version condition as a second guard), and append the history row.
 *
 * Only policy-checked services and the follow-up job call this. Other
 * modules go through person-referrals.service.ts.
 */
import type { Selectable, Transaction } from 'kysely';
import type { DB, ReferralAttemptTable } from '../../platform/db/schema.ts';
import { newId } from '../../platform/ids.ts';
import { londonDate } from './london-date.ts';
import { nextStep, type DeadlineSettings, DEFAULT_DEADLINES } from './referral-deadlines.ts';
import type { AttemptEvent, AttemptState, HistoryEventType, Side } from './referral-states.ts';
import { applyEvent, newAttempt, type AttemptSnapshot, type TransitionContext, type TransitionError } from './referral-transition.ts';

export type AttemptRow = Selectable<ReferralAttemptTable>;

export function snapshotOf(r: AttemptRow): AttemptSnapshot {
  return {
    state: r.state as AttemptState,
    pausedFrom: (r.paused_from as AttemptState | null) ?? null,
    contactAttempts: r.contact_attempts,
    firstVisit: r.first_visit_date
      ? {
          date: r.first_visit_date,
          companion: r.companion_name
            ? { kind: r.companion_kind ?? 'volunteer', accountId: r.companion_account_id, name: r.companion_name }
            : null,
        }
      : null,
    version: r.version,
  };
}

/** The next-step columns for an attempt that has just entered its state. */
export function stepColumns(
  a: AttemptSnapshot & { notTakenUpReason?: string | null; missedVisit?: boolean },
  now: Date,
  settings: DeadlineSettings = DEFAULT_DEADLINES,
) {
  const step = nextStep(a, londonDate(now), settings);
  return {
    next_task: step?.task ?? null,
    next_owner: step?.owner ?? null,
    next_due: step?.due ?? null,
    next_late_after: step?.lateAfter ?? null,
    nudge_count: 0,
    next_nudge_on: null,
  };
}

export interface StoreChange {
  attemptId: string;
  /** The version the person's form was made from; undefined for the system (it reads under the lock). */
  expectedVersion?: number;
  event: AttemptEvent;
  ctx: TransitionContext;
  actorAccountId: string | null;
  now: Date;
  /** Extra facts stored with some events (e.g. whether an interpreter was there). */
  interpreterMet?: boolean | null;
  /** Extra columns to set with the change (e.g. what was shared, on send). */
  also?: Partial<Record<keyof ReferralAttemptTable, unknown>>;
  settings?: DeadlineSettings;
  /** How a group with no account told us (its link, or the connector by phone): kept in the history row. */
  via?: 'link' | 'phone';
}

export type StoreResult =
  | { ok: true; changed: false; attempt: AttemptRow }
  | { ok: true; changed: true; from: AttemptState; to: AttemptState; attempt: AttemptRow }
  | { ok: false; error: TransitionError | 'stale'; attempt: AttemptRow };

export async function lockAttempt(trx: Transaction<DB>, attemptId: string): Promise<AttemptRow | undefined> {
  return trx.selectFrom('referral_attempt').selectAll().where('id', '=', attemptId).forUpdate().executeTakeFirst();
}

/** Columns an event writes besides the snapshot. */
function eventColumns(e: AttemptEvent, interpreterMet: boolean | null | undefined): Partial<Record<keyof ReferralAttemptTable, unknown>> {
  switch (e.type) {
    case 'decline':
      return { decline_reason: e.reason, reason_note: e.note?.trim() || null };
    case 'not_taken_up':
      return { not_taken_up_reason: e.reason, reason_note: e.note?.trim() || null };
    case 'complete':
      return { outcome: e.outcome, reason_note: e.note?.trim() || null };
    case 'pause':
    case 'withdraw':
    case 'mark_entered_in_error':
      return { reason_note: e.reason.trim() };
    case 'book_first_visit':
      return {
        first_visit_date: e.date,
        companion_kind: e.companion?.kind ?? null,
        companion_account_id: e.companion?.accountId ?? null,
        companion_name: e.companion?.name.trim() ?? null,
      };
    case 'record_contact_attempt':
      return e.interpreterUsed ? { interpreter_met: true } : {};
    case 'record_attendance':
      return interpreterMet === undefined || interpreterMet === null ? {} : { interpreter_met: interpreterMet };
    default:
      return {};
  }
}

export async function appendEvent(
  trx: Transaction<DB>,
  row: Pick<AttemptRow, 'id' | 'referral_id'>,
  e: {
    at: Date;
    actorAccountId: string | null;
    side: Side;
    type: HistoryEventType;
    payload?: Record<string, unknown>;
    from: string | null;
    to: string | null;
    note?: string | null;
  },
): Promise<void> {
  await trx
    .insertInto('referral_event')
    .values({
      id: newId(),
      attempt_id: row.id,
      referral_id: row.referral_id,
      at: e.at,
      actor_account_id: e.actorAccountId,
      side: e.side,
      event_type: e.type,
      payload: JSON.stringify(e.payload ?? {}),
      from_state: e.from,
      to_state: e.to,
      note: e.note ?? null,
    })
    .execute();
}

/** Applies one event to one attempt under a row lock (see the module comment). */
export async function storeEvent(trx: Transaction<DB>, c: StoreChange): Promise<StoreResult | null> {
  const row = await lockAttempt(trx, c.attemptId);
  if (!row) return null;
  const current = snapshotOf(row);
  const result = applyEvent(current, c.event, c.ctx);
  if (c.expectedVersion !== undefined && c.expectedVersion !== row.version) {
    // A double click or a second person doing the same thing: nothing to do, and nothing is wrong.
    if (result.ok && !result.changed) return { ok: true, changed: false, attempt: row };
    return { ok: false, error: 'stale', attempt: row };
  }
  if (!result.ok) return { ok: false, error: result.error, attempt: row };
  if (!result.changed) return { ok: true, changed: false, attempt: row };

  const next = result.next;
  const notTakenUpReason = c.event.type === 'not_taken_up' ? c.event.reason : row.not_taken_up_reason;
  const values = {
    state: next.state,
    paused_from: next.pausedFrom,
    contact_attempts: next.contactAttempts,
    version: next.version,
    updated_at: c.now,
    ...eventColumns(c.event, c.interpreterMet),
    ...stepColumns(
      { ...next, notTakenUpReason, missedVisit: c.event.type === 'record_buddy_session' && c.event.outcome !== 'went_together' },
      c.now,
      c.settings,
    ),
    ...c.also,
  };
  const updated = await trx
    .updateTable('referral_attempt')
    .set(values as never)
    .where('id', '=', row.id)
    .where('version', '=', row.version)
    .returningAll()
    .executeTakeFirst();
  // Cannot happen under the row lock; refuse rather than write over someone else's change.
  if (!updated) return { ok: false, error: 'stale', attempt: row };
  const { type, ...payload } = c.event;
  const note =
    'note' in c.event
      ? c.event.note
      : 'reason' in c.event &&
          typeof c.event.reason === 'string' &&
          (type === 'pause' || type === 'withdraw' || type === 'mark_entered_in_error')
        ? c.event.reason
        : null;
  await appendEvent(trx, row, {
    at: c.now,
    actorAccountId: c.actorAccountId,
    side: c.ctx.side,
    type,
    payload: {
      ...payload,
      ...(c.interpreterMet !== undefined && c.interpreterMet !== null ? { interpreterMet: c.interpreterMet } : {}),
      ...(c.via ? { via: c.via } : {}),
    },
    from: result.from,
    to: result.to,
    note: note?.trim() || null,
  });
  return { ok: true, changed: true, from: result.from, to: result.to, attempt: updated };
}

/**
 * Opens a new draft attempt for a service (chosen for a referral, or the
 * service a closed attempt is re-routed to) with its first history row.
 */
export async function openDraftAttempt(
  trx: Transaction<DB>,
  a: {
    id: string;
    referralId: string;
    serviceId: string;
    serviceName: string;
    recipientOrganisationId: string | null;
    actorAccountId: string;
    at: Date;
    /** The attempt this one replaces (a re-route). */
    replaces?: string;
  },
): Promise<void> {
  const fresh = newAttempt();
  await trx
    .insertInto('referral_attempt')
    .values({
      id: a.id,
      referral_id: a.referralId,
      service_id: a.serviceId,
      service_name: a.serviceName,
      recipient_organisation_id: a.recipientOrganisationId,
      state: fresh.state,
      created_at: a.at,
      updated_at: a.at,
      ...stepColumns(fresh, a.at),
    })
    .execute();
  await appendEvent(
    trx,
    { id: a.id, referral_id: a.referralId },
    {
      at: a.at,
      actorAccountId: a.actorAccountId,
      side: 'referrer',
      type: 'choose_service',
      payload: { serviceId: a.serviceId, ...(a.replaces ? { replaces: a.replaces } : {}) },
      from: null,
      to: 'draft',
    },
  );
}

/** Links a closed attempt to the one that replaces it; it loses its "find something else" step. */
export async function markRedirected(trx: Transaction<DB>, row: AttemptRow, redirectedTo: string, at: Date): Promise<void> {
  await trx
    .updateTable('referral_attempt')
    .set({
      redirected_to: redirectedTo,
      next_task: null,
      next_owner: null,
      next_due: null,
      next_late_after: null,
      next_nudge_on: null,
      version: row.version + 1,
      updated_at: at,
    })
    .where('id', '=', row.id)
    .where('version', '=', row.version)
    .execute();
}

/** Notes when the recipient was told the person withdrew their consent to share. */
export async function markConsentWithdrawnNotified(trx: Transaction<DB>, attemptId: string, at: Date): Promise<void> {
  await trx
    .updateTable('referral_attempt')
    .set({ consent_withdrawn_notified_at: at, updated_at: at })
    .where('id', '=', attemptId)
    .execute();
}
