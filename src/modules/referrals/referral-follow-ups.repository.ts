/**
 * Storage for the follow-up job (referral-follow-ups.ts): the due attempts and
 * the withdrawn-consent notices, taken a bounded batch at a time with
 * SELECT … FOR UPDATE SKIP LOCKED (another process's batch is skipped, not
 * waited for), and the nudge bookkeeping.
 */
import type { Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import { CLOSED_STATES } from './referral-states.ts';
import type { AttemptRow } from './referral-store.repository.ts';

export const WAITING_FOR_RECIPIENT: readonly string[] = ['sent', 'acknowledged'];

/** Where a run has got to: attempts are visited in (next_due, id) order. */
export interface DueCursor {
  due: string;
  id: string;
}

/** Up to `limit` attempts whose step is due today (to nudge or to expire), after the cursor, locked. */
export async function lockDueAttempts(trx: Transaction<DB>, today: string, after: DueCursor | null, limit: number): Promise<AttemptRow[]> {
  let q = trx
    .selectFrom('referral_attempt')
    .selectAll()
    .where('next_due', '<=', today)
    .where('state', 'not in', [...CLOSED_STATES])
    .where((eb) =>
      eb.or([
        eb.and([eb('state', 'in', [...WAITING_FOR_RECIPIENT]), eb('next_late_after', '<', today)]),
        eb.or([eb('next_nudge_on', 'is', null), eb('next_nudge_on', '<=', today)]),
      ]),
    );
  if (after) q = q.where((eb) => eb(eb.refTuple('next_due', 'id'), '>', eb.tuple(after.due, after.id)));
  return q.orderBy('next_due').orderBy('id').limit(limit).forUpdate().skipLocked().execute();
}

/** Counts a nudge (not a change of the attempt: its version stays, so nobody's open form goes stale). */
export async function recordNudge(trx: Transaction<DB>, row: AttemptRow, now: Date, nextNudgeOn: string): Promise<boolean> {
  const updated = await trx
    .updateTable('referral_attempt')
    .set({ nudge_count: row.nudge_count + 1, last_nudge_at: now, next_nudge_on: nextNudgeOn })
    .where('id', '=', row.id)
    .where('nudge_count', '=', row.nudge_count)
    .where('version', '=', row.version)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

/** Up to `limit` attempts whose share consent was withdrawn and whose recipients have not been told, locked. */
export async function lockWithdrawnConsentAttempts(trx: Transaction<DB>, limit: number): Promise<AttemptRow[]> {
  return trx
    .selectFrom('referral_attempt as a')
    .innerJoin('person_consent as c', 'c.id', 'a.share_consent_id')
    .selectAll('a')
    .where('a.consent_withdrawn_notified_at', 'is', null)
    .where('c.withdrawn_at', 'is not', null)
    .orderBy('a.id')
    .limit(limit)
    .forUpdate('a')
    .skipLocked()
    .execute();
}

export async function recordConsentNotice(trx: Transaction<DB>, attemptId: string, now: Date): Promise<void> {
  await trx
    .updateTable('referral_attempt')
    .set({ consent_withdrawn_notified_at: now, updated_at: now })
    .where('id', '=', attemptId)
    .execute();
}
