/**
 * The shape of a report API token (pure): "belong_rpt_" and 43 base64url
 * characters (256 random bits). Only its SHA-256 is stored; the prefix lets
 * secret scanners and people recognise one.
 */
import { hashToken, newToken } from '../../platform/auth/tokens.ts';

export const API_TOKEN_PREFIX = 'belong_rpt_';

export function newApiToken(): { secret: string; hash: string; hint: string } {
  const secret = `${API_TOKEN_PREFIX}${newToken()}`;
  return { secret, hash: hashToken(secret), hint: secret.slice(0, API_TOKEN_PREFIX.length + 4) };
}

export const isApiTokenShaped = (s: string): boolean => new RegExp(`^${API_TOKEN_PREFIX}[A-Za-z0-9_-]{43}$`).test(s);

/** The token from an "Authorization: Bearer …" header; null when there is none, 'malformed' when it is not one of ours. */
export function bearerToken(header: string | undefined): string | null | 'malformed' {
  if (header === undefined) return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!m || !isApiTokenShaped(m[1]!)) return 'malformed';
  return m[1]!;
}

/** A token's name as typed: one line, at most 80 characters; null when empty or too long. */
export function tokenName(raw: unknown): string | null {
  const name = (typeof raw === 'string' ? raw : '').trim().replace(/\s+/g, ' ');
  return name && name.length <= 80 ? name : null;
}
