/**
 * Signing in at /my with a code and PIN, the person's session, and signing
 * out. No staff actor is involved: this module checks the code itself, and
 * every sign-in (and refusal) is in the audit log with no actor and
 * details { by: 'person' }.
 *
 * Throttling: wrong PINs count on the code (locked after MAX_WRONG_PINS, until
 * the connector issues a new one) and on the keyed hash of the client address
 * (the same table and back-off as staff sign-in, keyed "my:<hash>"), so
 * neither one code nor many codes can be guessed from one place.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import { appendAuditEvent } from '../../platform/audit/audit.repository.ts';
import { addressHashKey } from '../../platform/auth/client-address.ts';
import { addressThrottle, recordAddressFailure } from '../../platform/auth/login-guard.repository.ts';
import { addressWaitMs } from '../../platform/auth/lockout.ts';
import { dummyHash, verifyPassword } from '../../platform/auth/password.ts';
import { hashToken, isTokenShaped, newToken } from '../../platform/auth/tokens.ts';
import { accessRefusal, codeHash, MAX_WRONG_PINS, normaliseCode, normalisePin, sessionLive } from './access-code.ts';
import {
  claimPinTry,
  codeByHash,
  endSession,
  lockCode,
  lockWrongPins,
  sessionByTokenHash,
  startSession,
  touchSession,
} from './person-access.repository.ts';

export interface RequestOrigin {
  ipHash: string | null;
  requestId: string | null;
  now: Date;
}

export type SignInResult = { ok: true; token: string } | { ok: false; why: 'invalid' | 'throttled' | 'locked' | 'expired' };

export interface PersonSession {
  tokenHash: string;
  accessId: string;
  personId: string;
}

const originOf = (o: RequestOrigin) => ({ actor: null, requestId: o.requestId, ipHash: o.ipHash, now: o.now });
const throttleKey = (ipHash: string | null) => `my:${ipHash ?? 'unknown'}`;

export async function auditPerson(
  db: Kysely<DB> | Transaction<DB>,
  o: RequestOrigin,
  action: string,
  personId: string | null,
  outcome: 'allowed' | 'denied',
  details: Record<string, unknown> = {},
) {
  await appendAuditEvent(db, originOf(o), {
    action,
    outcome,
    subjectType: 'person',
    subjectId: personId,
    details: { by: 'person', ...details },
  });
}

export async function signIn(db: Kysely<DB>, typed: { code: string; pin: string }, o: RequestOrigin): Promise<SignInResult> {
  const key = throttleKey(o.ipHash);
  if (addressWaitMs(await addressThrottle(db, key), o.now) > 0) {
    await auditPerson(db, o, 'person_access.sign_in', null, 'denied', { why: 'throttled' });
    return { ok: false, why: 'throttled' };
  }
  const code = normaliseCode(typed.code);
  const pin = normalisePin(typed.pin);
  const hashKey = await addressHashKey(db);
  const row = code ? await codeByHash(db, codeHash(hashKey, code)) : undefined;
  if (!row || !pin) {
    // Same work whether or not the code exists, so timing does not tell.
    await verifyPassword(await dummyHash(), pin ?? '000000');
    await recordAddressFailure(db, key, o.now);
    await auditPerson(db, o, 'person_access.sign_in', row?.personId ?? null, 'denied', { why: row ? 'bad_pin_shape' : 'unknown_code' });
    if (row) await wrongPin(db, row.id, o.now);
    return { ok: false, why: 'invalid' };
  }
  const refused = accessRefusal({ expiresAt: row.expiresAt, revokedAt: row.revokedAt, lockedAt: row.lockedAt }, o.now);
  if (refused) {
    await recordAddressFailure(db, key, o.now);
    await auditPerson(db, o, 'person_access.sign_in', row.personId, 'denied', { why: refused });
    // A revoked code reads like a wrong one (the person was given a newer code).
    return { ok: false, why: refused === 'revoked' ? 'invalid' : refused };
  }
  // The try is counted before the PIN is checked, so a burst of guesses cannot all be checked at once.
  const tryNumber = await claimPinTry(db, row.id, MAX_WRONG_PINS);
  if (tryNumber === undefined) {
    await recordAddressFailure(db, key, o.now);
    await auditPerson(db, o, 'person_access.sign_in', row.personId, 'denied', { why: 'locked', pinChecked: false });
    return { ok: false, why: 'locked' };
  }
  if (!(await verifyPassword(row.pinHash, pin))) {
    await recordAddressFailure(db, key, o.now);
    const locked = tryNumber >= MAX_WRONG_PINS;
    if (locked) await lockCode(db, row.id, o.now);
    await auditPerson(db, o, 'person_access.sign_in', row.personId, 'denied', {
      why: locked ? 'locked' : 'wrong_pin',
      pinChecked: true,
    });
    return { ok: false, why: locked ? 'locked' : 'invalid' };
  }
  const token = newToken();
  const started = await db.transaction().execute(async (trx) => {
    // A guess running alongside may have used the last try and locked the code meanwhile.
    if ((await lockWrongPins(trx, row.id)).lockedAt) return false;
    await startSession(trx, { accessId: row.id, personId: row.personId, tokenHash: hashToken(token), now: o.now });
    await auditPerson(trx, o, 'person_access.sign_in', row.personId, 'allowed');
    return true;
  });
  if (!started) {
    await auditPerson(db, o, 'person_access.sign_in', row.personId, 'denied', { why: 'locked' });
    return { ok: false, why: 'locked' };
  }
  return { ok: true, token };
}

/** Counts a wrong PIN on the code; true when the code is now locked. */
async function wrongPin(db: Kysely<DB>, accessId: string, now: Date): Promise<boolean> {
  const tryNumber = await claimPinTry(db, accessId, MAX_WRONG_PINS);
  if (tryNumber !== undefined && tryNumber < MAX_WRONG_PINS) return false;
  await lockCode(db, accessId, now);
  return true;
}

/** The live session for a cookie value (touched), or null. The code must still be valid. */
export async function sessionFor(db: Kysely<DB>, token: string | undefined, now: Date): Promise<PersonSession | null> {
  if (!isTokenShaped(token)) return null;
  const tokenHash = hashToken(token);
  const r = await sessionByTokenHash(db, tokenHash);
  if (!r) return null;
  if (!sessionLive({ lastSeenAt: r.lastSeenAt, endedAt: r.endedAt }, now)) return null;
  if (accessRefusal({ expiresAt: r.expiresAt, revokedAt: r.revokedAt, lockedAt: r.lockedAt }, now)) return null;
  await touchSession(db, tokenHash, now);
  return { tokenHash, accessId: r.accessId, personId: r.personId };
}

export async function signOut(db: Kysely<DB>, token: string | undefined, o: RequestOrigin): Promise<void> {
  if (!isTokenShaped(token)) return;
  const personId = await endSession(db, hashToken(token), o.now);
  if (personId) await auditPerson(db, o, 'person_access.sign_out', personId, 'allowed');
}
