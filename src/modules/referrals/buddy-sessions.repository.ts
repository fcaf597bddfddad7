/**
 * Travel-buddy sessions in the database (see buddy-sessions.ts and
 * migration 0180). Called only by the policy-checked services
 * (buddy-sessions.service.ts, visits.service.ts) and the person's /my
 * section, after they have decided whose sessions may be read.
 */
import type { Insertable, Selectable, Transaction } from 'kysely';
import type { BuddySessionTable, DB, VolunteerCheckKind } from '../../platform/db/schema.ts';
import type { Executor } from '../../platform/db/executor.ts';

export type SessionRow = Selectable<BuddySessionTable>;
export type SessionWithBuddy = SessionRow & { buddy_name: string };

/** An attempt's sessions, in order, with the buddy's name. */
export async function sessionsOfAttempt(db: Executor, attemptId: string): Promise<SessionWithBuddy[]> {
  return db
    .selectFrom('buddy_session as s')
    .innerJoin('staff_account as a', 'a.id', 's.buddy_account_id')
    .selectAll('s')
    .select('a.name as buddy_name')
    .where('s.attempt_id', '=', attemptId)
    .orderBy('s.number')
    .execute();
}

export async function insertSession(trx: Transaction<DB>, row: Insertable<BuddySessionTable>): Promise<void> {
  await trx.insertInto('buddy_session').values(row).execute();
}

/** What deciding who may plan an attempt's sessions needs (ids only). */
export async function attemptForPlanning(db: Executor, attemptId: string) {
  const r = await db
    .selectFrom('referral_attempt as a')
    .innerJoin('referral as r', 'r.id', 'a.referral_id')
    .select([
      'a.id',
      'a.referral_id',
      'a.recipient_organisation_id',
      'a.sent_at',
      'r.organisation_id as referrer_organisation_id',
      'r.person_id',
    ])
    .where('a.id', '=', attemptId)
    .executeTakeFirst();
  return r && { ...r, sent: r.sent_at !== null };
}

/** The session's buddy and attempt (ids only), for the policy check before the buddy records how it went. */
export async function sessionOwner(db: Executor, sessionId: string) {
  return db
    .selectFrom('buddy_session as s')
    .innerJoin('referral_attempt as a', 'a.id', 's.attempt_id')
    .innerJoin('referral as r', 'r.id', 'a.referral_id')
    .select(['s.buddy_account_id', 's.attempt_id', 'r.person_id'])
    .where('s.id', '=', sessionId)
    .executeTakeFirst();
}

/** Locks one session for its outcome. */
export async function lockSession(trx: Transaction<DB>, sessionId: string): Promise<SessionRow | undefined> {
  return trx.selectFrom('buddy_session').selectAll().where('id', '=', sessionId).forUpdate().executeTakeFirst();
}

/** Stores "how did it go" once (false: it was already said). */
export async function saveOutcome(
  trx: Transaction<DB>,
  sessionId: string,
  o: { outcome: NonNullable<SessionRow['outcome']>; note: string | null; at: Date },
): Promise<boolean> {
  const r = await trx
    .updateTable('buddy_session')
    .set({ outcome: o.outcome, outcome_note: o.note, outcome_at: o.at })
    .where('id', '=', sessionId)
    .where('outcome', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The people with an attempt in `states` that names the account as companion or as a session's buddy (ids only). */
export async function peopleWithBuddy(db: Executor, accountId: string, states: readonly string[]): Promise<string[]> {
  const rows = await db
    .selectFrom('referral_attempt as a')
    .innerJoin('referral as r', 'r.id', 'a.referral_id')
    .select('r.person_id')
    .distinct()
    .where('a.state', 'in', [...states])
    .where((eb) =>
      eb.or([
        eb('a.companion_account_id', '=', accountId),
        eb.exists(
          eb
            .selectFrom('buddy_session as s')
            .select('s.id')
            .whereRef('s.attempt_id', '=', 'a.id')
            .where('s.buddy_account_id', '=', accountId),
        ),
      ]),
    )
    .execute();
  return rows.map((r) => r.person_id);
}

/** One person's attempts in `states` naming the account as companion or as a session's buddy. */
export async function attemptsWithBuddy(db: Executor, personId: string, accountId: string, states: readonly string[]) {
  const rows = await db
    .selectFrom('referral_attempt as a')
    .innerJoin('referral as r', 'r.id', 'a.referral_id')
    .select([
      'a.id',
      'a.referral_id',
      'a.service_id',
      'a.service_name',
      'a.first_visit_date',
      'a.shared_fields',
      'a.share_consent_id',
      'a.state',
      'a.version',
    ])
    .where('r.person_id', '=', personId)
    .where('a.state', 'in', [...states])
    .where((eb) =>
      eb.or([
        eb('a.companion_account_id', '=', accountId),
        eb.exists(
          eb
            .selectFrom('buddy_session as s')
            .select('s.id')
            .whereRef('s.attempt_id', '=', 'a.id')
            .where('s.buddy_account_id', '=', accountId),
        ),
      ]),
    )
    .execute();
  return rows;
}

/** A session's booker at work: name, e-mail and organisation (staff details, not the person's). */
export async function bookerContact(db: Executor, accountId: string): Promise<{ name: string; email: string; organisation: string }> {
  const r = await db
    .selectFrom('staff_account as a')
    .innerJoin('staff_organisation as o', 'o.id', 'a.organisation_id')
    .select(['a.name', 'a.email', 'o.name as organisation'])
    .where('a.id', '=', accountId)
    .executeTakeFirstOrThrow();
  return { name: r.name, email: r.email, organisation: r.organisation };
}

/** Every vetting check of the given accounts (kind and dates). */
export async function vettingChecksOf(db: Executor, accountIds: readonly string[]) {
  if (!accountIds.length) return [];
  const rows = await db
    .selectFrom('volunteer_check')
    .select(['account_id', 'kind', 'checked_on', 'expires_on'])
    .where('account_id', 'in', [...accountIds])
    .execute();
  return rows.map((r) => ({
    accountId: r.account_id,
    kind: r.kind as VolunteerCheckKind,
    checkedOn: String(r.checked_on),
    expiresOn: String(r.expires_on),
  }));
}

/** The sessions ahead or not yet answered of a person's open attempts, for their own page (/my). */
export async function sessionsOfPerson(db: Executor, personId: string, states: readonly string[]) {
  return db
    .selectFrom('buddy_session as s')
    .innerJoin('referral_attempt as a', 'a.id', 's.attempt_id')
    .innerJoin('referral as r', 'r.id', 'a.referral_id')
    .innerJoin('staff_account as b', 'b.id', 's.buddy_account_id')
    .select(['s.id', 's.number', 's.on_date', 's.at_time', 's.meeting_point', 's.outcome', 'a.service_name', 'b.name as buddy_name'])
    .where('r.person_id', '=', personId)
    .where('a.state', 'in', [...states])
    .orderBy('s.on_date')
    .orderBy('s.at_time')
    .orderBy('s.id')
    .execute();
}

/** Who last booked the attempt's first visit (for a visit booked before sessions existed). */
export async function firstVisitBooker(db: Executor, attemptId: string): Promise<string | null> {
  const r = await db
    .selectFrom('referral_event')
    .select('actor_account_id')
    .where('attempt_id', '=', attemptId)
    .where('event_type', '=', 'book_first_visit')
    .orderBy('seq', 'desc')
    .executeTakeFirst();
  return r?.actor_account_id ?? null;
}
