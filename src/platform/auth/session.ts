/**
 * Staff sessions, the pure part: cookie names and flags, and when a session
 * has expired.
 *
 * A session ends SESSION_IDLE_MINUTES after its last request (idle expiry)
 * and SESSION_MAX_HOURS after sign-in whatever happens (absolute expiry). A
 * session waiting for the two-step code lasts five minutes. `last_seen_at`
 * is written at most once a minute, so busy pages do not turn every request
 * into a database write; idle expiry is therefore exact to about a minute.
 */
import type { Context } from 'hono';
import type { Config } from '../../config.ts';

export interface SessionSettings {
  idleMs: number;
  absoluteMs: number;
  twoStepMs: number;
  /** Write last_seen_at only when it is older than this. */
  touchEveryMs: number;
  secureCookies: Config['SECURE_COOKIES'];
}

export function sessionSettings(config: Pick<Config, 'SESSION_IDLE_MINUTES' | 'SESSION_MAX_HOURS' | 'SECURE_COOKIES'>): SessionSettings {
  return {
    idleMs: config.SESSION_IDLE_MINUTES * 60_000,
    absoluteMs: config.SESSION_MAX_HOURS * 60 * 60_000,
    twoStepMs: 5 * 60_000,
    touchEveryMs: 60_000,
    secureCookies: config.SECURE_COOKIES,
  };
}

export interface SessionTimes {
  lastSeenAt: Date;
  expiresAt: Date;
}

export type SessionState = 'live' | 'idle' | 'expired';

/** Whether a session may still be used at `now`. */
export function sessionState(s: SessionTimes, now: Date, settings: Pick<SessionSettings, 'idleMs'>): SessionState {
  const t = now.getTime();
  if (t >= s.expiresAt.getTime()) return 'expired';
  if (t - s.lastSeenAt.getTime() >= settings.idleMs) return 'idle';
  return 'live';
}

/** True when last_seen_at is old enough to be worth writing again. */
export function shouldTouch(lastSeenAt: Date, now: Date, settings: Pick<SessionSettings, 'touchEveryMs'>): boolean {
  return now.getTime() - lastSeenAt.getTime() >= settings.touchEveryMs;
}

/** True when the request reached us over https (directly, or as a proxy says). */
export function requestIsHttps(c: Context): boolean {
  if (new URL(c.req.url).protocol === 'https:') return true;
  return c.req.header('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase() === 'https';
}

/** Whether cookies set on this request should be Secure. */
export function secureCookies(c: Context, settings: Pick<SessionSettings, 'secureCookies'>): boolean {
  if (settings.secureCookies === 'on') return true;
  if (settings.secureCookies === 'off') return false;
  return requestIsHttps(c);
}

/**
 * The session cookie's name. With Secure cookies it carries the `__Host-`
 * prefix, which browsers only accept from https, for the whole site (Path=/),
 * without a Domain — so no sub-domain or plain-http page can plant or
 * overwrite it.
 */
export const sessionCookieName = (secure: boolean): string => (secure ? '__Host-belong_session' : 'belong_session');

/** The cookie anonymous staff forms (sign-in, invitations, resets) use for their CSRF token. */
export const formCookieName = (secure: boolean): string => (secure ? '__Host-belong_form' : 'belong_form');
