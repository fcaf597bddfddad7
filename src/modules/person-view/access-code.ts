/**
 * The code and PIN a person uses to see their own record at /my, without an
 * account. Pure (randomness is passed in where tests need it).
 *
 * The code: 10 characters from an alphabet without look-alikes (no 0/O, 1/I/L,
 * 5/S, 2/Z, U/V), shown as two groups of five ("K7RX3-MH9QD"): about 47 bits,
 * looked up by a keyed hash. The PIN: 6 digits, kept as an argon2id hash and
 * guarded by a lock after MAX_WRONG_PINS wrong tries on the code (and the
 * per-address throttle), so guessing either is hopeless.
 */
import { createHmac, randomInt } from 'node:crypto';

export const CODE_ALPHABET = '346789ABCDEFGHJKMNPQRTWXY';
export const CODE_LENGTH = 10;
export const PIN_LENGTH = 6;
export const ACCESS_DAYS = 90;
export const MAX_WRONG_PINS = 5;
/** The person's session ends after this long without a page (and always at sign out). */
export const SESSION_IDLE_MINUTES = 20;

type Pick = (n: number) => number;
const cryptoPick: Pick = (n) => randomInt(n);

export function newAccessCode(pick: Pick = cryptoPick): string {
  let s = '';
  for (let i = 0; i < CODE_LENGTH; i++) s += CODE_ALPHABET[pick(CODE_ALPHABET.length)];
  return s;
}

export function newPin(pick: Pick = cryptoPick): string {
  let s = '';
  for (let i = 0; i < PIN_LENGTH; i++) s += String(pick(10));
  return s;
}

/** "K7RX3-MH9QD": how the code is printed. */
export const groupCode = (code: string): string => `${code.slice(0, 5)}-${code.slice(5)}`;

/**
 * What the person typed, as a code: upper case, spaces and dashes dropped,
 * and the look-alikes they might have typed read as the letter we meant
 * (O→0 is not in the alphabet, so O and 0 both fail alike). Null when it
 * cannot be a code.
 */
export function normaliseCode(typed: string): string | null {
  const s = typed
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\-–—._]/g, '');
  if (s.length !== CODE_LENGTH) return null;
  for (const ch of s) if (!CODE_ALPHABET.includes(ch)) return null;
  return s;
}

/** The PIN as typed, digits only (Arabic-Indic and Persian digits read as 0–9), or null. */
export function normalisePin(typed: string): string | null {
  const s = typed
    .normalize('NFKC')
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/[\s-]/g, '');
  return /^\d{6}$/.test(s) ? s : null;
}

/** The stored form of a code: HMAC-SHA-256 with the deployment's key (a plain hash of 47 bits could be reversed). */
export function codeHash(key: string, code: string): string {
  return createHmac('sha256', key).update(`person-access:${code}`, 'utf8').digest('hex');
}

export type AccessRefusal = 'expired' | 'revoked' | 'locked';

/** Whether a stored access may be tried at all now. */
export function accessRefusal(a: { expiresAt: Date; revokedAt: Date | null; lockedAt: Date | null }, now: Date): AccessRefusal | null {
  if (a.revokedAt) return 'revoked';
  if (a.lockedAt) return 'locked';
  if (now.getTime() >= a.expiresAt.getTime()) return 'expired';
  return null;
}

/** After one more wrong PIN: the count, and whether the code is now locked. */
export function afterWrongPin(failed: number): { failed: number; locked: boolean } {
  const n = failed + 1;
  return { failed: n, locked: n >= MAX_WRONG_PINS };
}

export const accessExpiry = (issuedAt: Date, days = ACCESS_DAYS): Date => new Date(issuedAt.getTime() + days * 24 * 60 * 60_000);

/** A session is live until it is ended or idle too long. */
export function sessionLive(s: { lastSeenAt: Date; endedAt: Date | null }, now: Date, idleMinutes = SESSION_IDLE_MINUTES): boolean {
  return !s.endedAt && now.getTime() - s.lastSeenAt.getTime() < idleMinutes * 60_000;
}
