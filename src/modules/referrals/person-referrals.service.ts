/**
 * What other modules do to a person's referrals, inside their own
 * transaction: the caller has checked the policy for its own action and
 * writes its own audit entry; the referral life cycle stays here. Every
 * change to an attempt goes through storeEvent (row lock, the one transition
 * check, a history row), as staff changes do.
 *
 *   - the person at /my (person-view): one of their own attempts, and their
 *     check-in answer on it (side 'person');
 *   - a record handed over to another organisation (handover): the open
 *     attempts close as "moved area", and the referrals that travel move
 *     with the record.
 */
import type { Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import { DomainError } from '../../platform/http/errors.ts';
import { isUuid } from '../../platform/ids.ts';
import { londonDate } from './london-date.ts';
import { attemptsOfPerson, closeReferralsOfPerson, giveConnectorCheckIn, moveReferralsOfPerson } from './person-referrals.repository.ts';
import { connectorAddress, recipientAddresses } from './referral-read.repository.ts';
import { CLOSED_STATES, type AttemptEvent, type AttemptState } from './referral-states.ts';
import { appendEvent, lockAttempt, storeEvent } from './referral-store.repository.ts';
import type { TransitionError } from './referral-transition.ts';
import { referralPersonId } from './referrals.repository.ts';

export interface PersonAttempt {
  id: string;
  referralId: string;
  state: AttemptState;
  serviceId: string;
  serviceName: string;
  sentAt: Date | null;
}

/** One of the person's own attempts, locked until the transaction ends (undefined when it is not theirs, or was entered in error). */
export async function lockPersonAttempt(trx: Transaction<DB>, personId: string, attemptId: string): Promise<PersonAttempt | undefined> {
  if (!isUuid(attemptId)) return undefined;
  const row = await lockAttempt(trx, attemptId);
  if (!row) return undefined;
  const owner = await referralPersonId(trx, row.referral_id);
  if (owner !== personId || row.state === 'entered_in_error') return undefined;
  return {
    id: row.id,
    referralId: row.referral_id,
    state: row.state as AttemptState,
    serviceId: row.service_id,
    serviceName: row.service_name,
    sentAt: row.sent_at,
  };
}

/** A check-in answer as it reaches the referral (what each answer means is person-view's check-in.ts). */
export type CheckInRecord =
  /** A change to the attempt, through the one transition check. */
  | { kind: 'event'; event: AttemptEvent }
  /** Nothing changes but a note in the history (the person's words, if any). */
  | { kind: 'note'; askForHelp: boolean; note: string | null };

export type CheckInStored = { ok: true; changed: boolean } | { ok: false; error: TransitionError | 'stale' | 'not_found' };

/**
 * Records the person's check-in answer on their attempt (side 'person'). An
 * event goes through the life cycle; "not yet" and "I would like help" leave
 * a note in the history, and asking for help gives the connector the next
 * step again, due today. `tellConnector` is the connector's address when
 * they should hear of it (to be sent after the transaction commits).
 */
export async function recordCheckIn(
  trx: Transaction<DB>,
  attempt: PersonAttempt,
  answer: CheckInRecord,
  now: Date,
): Promise<{ stored: CheckInStored; tellConnector: string | null }> {
  if (answer.kind === 'event') {
    const stored = await storeEvent(trx, {
      attemptId: attempt.id,
      event: answer.event,
      ctx: { side: 'person' },
      actorAccountId: null,
      now,
    });
    return {
      stored: !stored
        ? { ok: false, error: 'not_found' }
        : stored.ok
          ? { ok: true, changed: stored.changed }
          : { ok: false, error: stored.error },
      tellConnector: null,
    };
  }
  await appendEvent(
    trx,
    { id: attempt.id, referral_id: attempt.referralId },
    {
      at: now,
      actorAccountId: null,
      side: 'person',
      type: answer.askForHelp ? 'check_in_help_asked' : 'check_in_not_yet',
      from: attempt.state,
      to: attempt.state,
      note: answer.note,
    },
  );
  if (!answer.askForHelp) return { stored: { ok: true, changed: false }, tellConnector: null };
  await giveConnectorCheckIn(trx, attempt.id, londonDate(now), now);
  return { stored: { ok: true, changed: false }, tellConnector: await connectorAddress(trx, attempt.referralId) };
}

/**
 * The person has moved away: every open attempt of their referrals closes as
 * "moved area" (side 'referrer', in the name of `actorAccountId`) and their
 * referrals are marked closed. Returns how many attempts closed, and who is
 * to be told: each provider staff member of an organisation an attempt had
 * been sent to, once for each of its services. An attempt that cannot be
 * closed is a conflict (the caller's transaction rolls back).
 */
export async function closeForMovedArea(
  trx: Transaction<DB>,
  personId: string,
  actorAccountId: string | null,
  now: Date,
): Promise<{ closed: number; tell: { to: string; service: string }[] }> {
  let closed = 0;
  const told = new Map<string, string[]>();
  for (const a of await attemptsOfPerson(trx, personId)) {
    if (CLOSED_STATES.has(a.state as AttemptState)) continue;
    const stored = await storeEvent(trx, { attemptId: a.id, event: { type: 'move_area' }, ctx: { side: 'referrer' }, actorAccountId, now });
    if (!stored?.ok)
      throw new DomainError('Conflict', `A referral could not be closed as moved area (${stored ? stored.error : 'missing'}).`);
    if (stored.changed) closed += 1;
    if (stored.changed && a.sentAt && a.recipientOrganisationId)
      told.set(a.recipientOrganisationId, [...(told.get(a.recipientOrganisationId) ?? []), a.serviceName]);
  }
  await closeReferralsOfPerson(trx, personId, now);
  const tell: { to: string; service: string }[] = [];
  for (const [org, services] of told)
    for (const to of await recipientAddresses(trx, org)) for (const service of services) tell.push({ to, service });
  return { closed, tell };
}

/** The person's referrals go with their record: held by the receiving organisation, followed by its connector. */
export async function handOverReferrals(
  trx: Transaction<DB>,
  personId: string,
  toOrganisationId: string,
  connectorAccountId: string,
  now: Date,
): Promise<void> {
  await moveReferralsOfPerson(trx, personId, toOrganisationId, connectorAccountId, now);
}

/** The services a person is attending now (names only), for the next steps on their pathway (befriending module). */
export async function servicesAttended(trx: Transaction<DB>, personId: string): Promise<string[]> {
  return (await attemptsOfPerson(trx, personId)).filter((a) => a.state === 'attending').map((a) => a.serviceName);
}
