/**
 * The person's side of befriending at /my (no staff actor: the person is
 * signed in with their code and PIN, checked by person-view). They see their
 * running matches (the volunteer's first name, how they meet, the next
 * contact) and say how it is going, in their own language. Each answer is
 * audited under the person; "not so well" tells the coordinator at once.
 */
import type { Kysely } from 'kysely';
import { appendAuditEvent } from '../../platform/audit/audit.repository.ts';
import type { DB } from '../../platform/db/schema.ts';
import { isUuid, newId } from '../../platform/ids.ts';
import type { Notifier } from '../../platform/notify/notifier.ts';
import { accountBasics, checkInsOf, insertCheckIn, matchById, runningMatchesOfPerson } from './befriending.repository.ts';

export const MY_CHECK_IN_ANSWERS = ['going_well', 'ok', 'not_well'] as const;
export type MyCheckInAnswer = (typeof MY_CHECK_IN_ANSWERS)[number];
export const isMyCheckInAnswer = (v: unknown): v is MyCheckInAnswer =>
  typeof v === 'string' && (MY_CHECK_IN_ANSWERS as readonly string[]).includes(v);
export const MAX_WORDS = 1000;

export interface MyMatch {
  id: string;
  /** First name only. */
  volunteerName: string;
  mode: 'in_person' | 'phone';
  ending: boolean;
  nextContact: string | null;
  lastAnswer: { answer: MyCheckInAnswer; at: Date } | null;
}

export interface PersonOrigin {
  requestId: string | null;
  ipHash: string | null;
  now: Date;
}

export async function myMatches(db: Kysely<DB>, personId: string): Promise<MyMatch[]> {
  const rows = await runningMatchesOfPerson(db, personId);
  const out: MyMatch[] = [];
  for (const r of rows) {
    const last = (await checkInsOf(db, r.id))[0];
    out.push({
      id: r.id,
      volunteerName: r.volunteer_name.trim().split(/\s+/)[0] ?? '',
      mode: r.mode,
      ending: r.state === 'ending',
      nextContact: (r.next_contact as string | null) ?? null,
      lastAnswer: last ? { answer: last.answer, at: last.at } : null,
    });
  }
  return out;
}

/** Stores the person's answer about one of their own running matches (false: not theirs, or not running). */
export async function answerMyCheckIn(
  db: Kysely<DB>,
  notifier: Notifier,
  personId: string,
  matchId: string,
  answer: MyCheckInAnswer,
  words: string | null,
  o: PersonOrigin,
): Promise<boolean> {
  if (!isUuid(matchId)) return false;
  return db.transaction().execute(async (trx) => {
    const m = await matchById(trx, matchId);
    const origin = { actor: null, requestId: o.requestId, ipHash: o.ipHash, now: o.now };
    if (!m || m.person_id !== personId || (m.state !== 'active' && m.state !== 'ending')) {
      await appendAuditEvent(trx, origin, {
        action: 'befriending.check_in',
        outcome: 'denied',
        subjectType: 'person',
        subjectId: personId,
        details: { by: 'person', matchId },
      });
      return false;
    }
    const text = words?.trim().slice(0, MAX_WORDS) || null;
    await insertCheckIn(trx, { id: newId(), match_id: matchId, answer, words: text, at: o.now });
    await appendAuditEvent(trx, origin, {
      action: 'befriending.check_in',
      outcome: 'allowed',
      subjectType: 'person',
      subjectId: personId,
      details: { by: 'person', matchId, answer },
    });
    if (answer === 'not_well') {
      const coordinator = await accountBasics(trx, m.coordinator_account_id);
      if (coordinator?.active)
        await notifier.enqueue(trx, {
          to: coordinator.email,
          subject: 'A person says befriending is not going well',
          text: 'Someone you matched with a befriender said at their check-in that it is not going so well. Open Belong: Befriending, then their match.',
        });
    }
    return true;
  });
}
