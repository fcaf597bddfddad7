/**
 * Passwords: the rules a new password must meet, and hashing with argon2id
 * (`@node-rs/argon2`, prebuilt, no compiler needed) at OWASP's recommended
 * cost (19 MiB of memory, 2 passes, 1 lane).
 *
 * Passwords never reach logs: functions here take them as arguments and
 * return only booleans and hashes. When an account does not exist, sign-in
 * still verifies against `dummyHash()` so the answer takes about as long either
 * way and timing does not tell whether an e-mail address has an account.
 */
import { hash, verify, type Algorithm } from '@node-rs/argon2';
import { COMMON_PASSWORDS } from './common-passwords.ts';

/** `Algorithm.Argon2id` (a const enum, which verbatimModuleSyntax cannot import as a value). */
const ARGON2ID = 2 as Algorithm.Argon2id;
/** OWASP Password Storage Cheat Sheet, argon2id option 1 (2024). */
export const ARGON2_OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
/** The prefix of a hash made with today's parameters; anything else is re-hashed at the next sign-in. */
const CURRENT_PARAMS = `$argon2id$v=19$m=${ARGON2_OPTIONS.memoryCost},t=${ARGON2_OPTIONS.timeCost},p=${ARGON2_OPTIONS.parallelism}$`;

export const MIN_PASSWORD_LENGTH = 12;
/** Long enough for any passphrase, short enough that hashing stays cheap. */
export const MAX_PASSWORD_LENGTH = 200;

export type PasswordProblem = 'missing' | 'tooShort' | 'tooLong' | 'common' | 'repetitive' | 'containsEmail';

/**
 * Checks a new password against the rules. Returns the first problem, or null
 * when it is fine. Length counts characters (code points), not bytes.
 */
export function passwordProblem(password: string, context: { email?: string; name?: string } = {}): PasswordProblem | null {
  if (!password) return 'missing';
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return 'tooShort';
  if (length > MAX_PASSWORD_LENGTH) return 'tooLong';
  const folded = password.toLowerCase().replace(/\s+/g, '');
  if (COMMON_PASSWORDS.has(folded)) return 'common';
  if (new Set(folded).size <= 2) return 'repetitive';
  const local = context.email?.toLowerCase().split('@')[0] ?? '';
  if (local.length >= 4 && folded.includes(local.replace(/\s+/g, ''))) return 'containsEmail';
  return null;
}

/** An argon2id hash (PHC string) of the password. Takes tens to hundreds of milliseconds on purpose. */
export function hashPassword(password: string): Promise<string> {
  return hash(password.normalize('NFC'), ARGON2_OPTIONS);
}

/** True when the password matches the hash. Never throws for a malformed hash: it just does not match. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password.normalize('NFC'));
  } catch {
    return false;
  }
}

/** True when a hash was made with older or weaker parameters and should be replaced. */
export function needsRehash(passwordHash: string): boolean {
  return !passwordHash.startsWith(CURRENT_PARAMS);
}

/**
 * A real argon2id hash of a random password nobody knows, made once, used to
 * spend the same time verifying when the e-mail address has no account.
 */
let dummy: Promise<string> | null = null;
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword(`no account ${Math.random()} ${Date.now()}`);
  return dummy;
}
