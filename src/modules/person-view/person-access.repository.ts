/**
 * A person's codes for /my and their sessions, in the database: only hashes
 * of the code, the PIN and the session token are kept. Called by
 * person-session.ts (signing in and out, no staff actor) and
 * person-access.service.ts (connectors issuing and stopping codes).
 */
import type { Transaction } from 'kysely';
import type { Executor } from '../../platform/db/executor.ts';
import type { DB } from '../../platform/db/schema.ts';

export interface AccessCodeRow {
  id: string;
  personId: string;
  pinHash: string;
  expiresAt: Date;
  revokedAt: Date | null;
  lockedAt: Date | null;
}

/** The code with this keyed hash, if any. */
export async function codeByHash(db: Executor, codeHash: string): Promise<AccessCodeRow | undefined> {
  const r = await db.selectFrom('person_access').selectAll().where('code_hash', '=', codeHash).executeTakeFirst();
  return (
    r && { id: r.id, personId: r.person_id, pinHash: r.pin_hash, expiresAt: r.expires_at, revokedAt: r.revoked_at, lockedAt: r.locked_at }
  );
}

/** A right PIN: the code's wrong-PIN count starts again, and a session begins. */
export async function startSession(
  trx: Transaction<DB>,
  s: { accessId: string; personId: string; tokenHash: string; now: Date },
): Promise<void> {
  await trx.updateTable('person_access').set({ failed_attempts: 0, last_used_at: s.now }).where('id', '=', s.accessId).execute();
  await trx
    .insertInto('person_access_session')
    .values({ token_hash: s.tokenHash, access_id: s.accessId, person_id: s.personId, created_at: s.now, last_seen_at: s.now })
    .execute();
}

/** The code's wrong-PIN count and lock, locked until the transaction ends. */
export async function lockWrongPins(trx: Transaction<DB>, accessId: string): Promise<{ failedAttempts: number; lockedAt: Date | null }> {
  const r = await trx
    .selectFrom('person_access')
    .select(['failed_attempts', 'locked_at'])
    .where('id', '=', accessId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  return { failedAttempts: r.failed_attempts, lockedAt: r.locked_at };
}

/**
 * Takes one try at the code's PIN, counted before the PIN is checked, in one
 * statement (its own transaction, under the row lock): concurrent tries are
 * counted one after the other and none gets past the limit. Returns this
 * try's number, or undefined when the code is locked or has no tries left.
 */
export async function claimPinTry(db: Executor, accessId: string, maxTries: number): Promise<number | undefined> {
  const r = await db
    .updateTable('person_access')
    .set((eb) => ({ failed_attempts: eb('failed_attempts', '+', 1) }))
    .where('id', '=', accessId)
    .where('locked_at', 'is', null)
    .where('failed_attempts', '<', maxTries)
    .returning('failed_attempts')
    .executeTakeFirst();
  return r?.failed_attempts;
}

/** Locks the code (the last try was used up and wrong); an earlier lock stands. */
export async function lockCode(db: Executor, accessId: string, now: Date): Promise<void> {
  await db.updateTable('person_access').set({ locked_at: now }).where('id', '=', accessId).where('locked_at', 'is', null).execute();
}

/** The session with this token hash, with the state of its code. */
export async function sessionByTokenHash(db: Executor, tokenHash: string) {
  const r = await db
    .selectFrom('person_access_session as s')
    .innerJoin('person_access as a', 'a.id', 's.access_id')
    .select(['s.token_hash', 's.access_id', 's.person_id', 's.last_seen_at', 's.ended_at', 'a.expires_at', 'a.revoked_at', 'a.locked_at'])
    .where('s.token_hash', '=', tokenHash)
    .executeTakeFirst();
  return (
    r && {
      accessId: r.access_id,
      personId: r.person_id,
      lastSeenAt: r.last_seen_at,
      endedAt: r.ended_at,
      expiresAt: r.expires_at,
      revokedAt: r.revoked_at,
      lockedAt: r.locked_at,
    }
  );
}

export async function touchSession(db: Executor, tokenHash: string, now: Date): Promise<void> {
  await db.updateTable('person_access_session').set({ last_seen_at: now }).where('token_hash', '=', tokenHash).execute();
}

/** Ends a session that has not ended; the person it was for (undefined when there was none). */
export async function endSession(db: Executor, tokenHash: string, now: Date): Promise<string | undefined> {
  const r = await db
    .updateTable('person_access_session')
    .set({ ended_at: now })
    .where('token_hash', '=', tokenHash)
    .where('ended_at', 'is', null)
    .returning('person_id')
    .executeTakeFirst();
  return r?.person_id;
}

/** Revokes every code of the person that is not yet revoked. */
export async function revokeCodes(trx: Transaction<DB>, personId: string, at: Date): Promise<void> {
  await trx
    .updateTable('person_access')
    .set({ revoked_at: at })
    .where('person_id', '=', personId)
    .where('revoked_at', 'is', null)
    .execute();
}

export async function insertCode(
  trx: Transaction<DB>,
  c: { id: string; personId: string; codeHash: string; pinHash: string; issuedBy: string; issuedAt: Date; expiresAt: Date },
): Promise<void> {
  await trx
    .insertInto('person_access')
    .values({
      id: c.id,
      person_id: c.personId,
      code_hash: c.codeHash,
      pin_hash: c.pinHash,
      issued_by: c.issuedBy,
      issued_at: c.issuedAt,
      expires_at: c.expiresAt,
    })
    .execute();
}

/** Ends every session of the person that has not ended. */
export async function endSessionsOf(trx: Transaction<DB>, personId: string, at: Date): Promise<void> {
  await trx
    .updateTable('person_access_session')
    .set({ ended_at: at })
    .where('person_id', '=', personId)
    .where('ended_at', 'is', null)
    .execute();
}

/** The person's chosen name and preferred language (as stored). */
export async function personNameAndLanguage(db: Executor, personId: string): Promise<{ displayName: string; preferredLanguage: string }> {
  const p = await db
    .selectFrom('person')
    .select(['display_name', 'preferred_language'])
    .where('id', '=', personId)
    .executeTakeFirstOrThrow();
  return { displayName: p.display_name, preferredLanguage: p.preferred_language };
}

/** The latest code of the person that is not revoked. */
export async function currentCode(
  db: Executor,
  personId: string,
): Promise<{ issuedAt: Date; expiresAt: Date; lockedAt: Date | null } | undefined> {
  const r = await db
    .selectFrom('person_access')
    .select(['issued_at', 'expires_at', 'locked_at'])
    .where('person_id', '=', personId)
    .where('revoked_at', 'is', null)
    .orderBy('issued_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r && { issuedAt: r.issued_at, expiresAt: r.expires_at, lockedAt: r.locked_at };
}
