/**
 * Two-step sign-in codes (TOTP, RFC 6238: 6 digits, 30-second steps, SHA-1,
 * which is what every authenticator app supports), via the `otpauth` package.
 *
 * A code is accepted for the current step and one step either side (clocks
 * drift). Each accepted code returns its step number; the caller stores it and
 * passes it back as `lastStep`, so the same code (or an older one) cannot be
 * used twice — someone who sees a code over a shoulder cannot replay it.
 */
import { Secret, TOTP } from 'otpauth';

const PERIOD_S = 30;
const DIGITS = 6;
/** Steps accepted either side of now. */
export const TOTP_WINDOW = 1;

/** A new random secret (160 bits), base32. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totp(secret: string, label = 'staff', issuer = 'Belong'): TOTP {
  return new TOTP({ issuer, label, secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: DIGITS, period: PERIOD_S });
}

/** The otpauth:// address authenticator apps read (as a link or a QR code). */
export function totpUri(secret: string, label: string, issuer = 'Belong'): string {
  return totp(secret, label, issuer).toString();
}

/** The time step a moment falls in. */
export function totpStep(now: Date): number {
  return Math.floor(now.getTime() / 1000 / PERIOD_S);
}

/** The code for a moment (for tests and for showing in a demo). */
export function totpCode(secret: string, now: Date): string {
  return totp(secret).generate({ timestamp: now.getTime() });
}

/** The base32 secret split into groups of four, easier to type into an app. */
export function formatSecret(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ');
}

/**
 * Checks a code typed by the person. Spaces and dashes are ignored. Returns
 * the step the code belongs to when it is valid and newer than `lastStep`,
 * otherwise null.
 */
export function verifyTotp(secret: string, code: string, now: Date, lastStep: number | null): number | null {
  const token = code.replace(/[\s-]/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totp(secret).validate({ token, timestamp: now.getTime(), window: TOTP_WINDOW });
  if (delta === null) return null;
  const step = totpStep(now) + delta;
  if (lastStep !== null && step <= lastStep) return null;
  return step;
}
