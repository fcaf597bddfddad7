/**
 * Secret tokens for cookies and one-time links. A token is 256 random bits,
 * base64url-encoded (43 characters). Only its SHA-256 is stored, so someone
 * holding a copy of the database cannot sign in or use a link with it; a
 * lookup by hash needs no constant-time comparison because the attacker does
 * not control the stored side.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** A new random token (256 bits, base64url). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The form a token is stored in: lower-case hex SHA-256. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** True when a string looks like one of our tokens (cheap check before touching the database). */
export function isTokenShaped(value: string | undefined | null): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{43}$/.test(value);
}

/** Compare two secrets in constant time (for values we hold in full, like CSRF tokens). */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * A keyed hash of a client address (HMAC-SHA-256 with the deployment's own
 * key, first 32 hex characters). Addresses are few enough to guess, so a
 * plain hash would hide nothing; the key keeps them unlinkable outside this
 * deployment while still letting us count failures per address.
 */
export function hashAddress(key: string, address: string): string {
  return createHmac('sha256', key).update(address, 'utf8').digest('hex').slice(0, 32);
}

/**
 * A request path fit for logs: the secret part of one-time links
 * (`/staff/invitation/<token>`, `/staff/reset/<token>`, `/group-referral/<token>`) replaced by "…", so
 * logs never hold a usable link.
 */
export function redactPath(path: string): string {
  return path.replace(/\/(invitation|reset|group-referral)\/[^/?#]+/g, '/$1/…');
}
