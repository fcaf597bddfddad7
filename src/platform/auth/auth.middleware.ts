/**
 * The staff area's middleware (mounted on /staff/* and /admin/*):
 *
 * - finds the session from its cookie and checks idle and absolute expiry;
 * - loads the actor fresh from the database (so a suspension or role change
 *   applies on the next request) and ends the session if the account or its
 *   organisation has been suspended;
 * - puts `session`, `actor`, `access` (the policy-enforcing data layer) and
 *   `csrfToken` on the context;
 * - refuses any form submission whose `_csrf` field does not match (403);
 * - marks every response `Cache-Control: no-store`.
 *
 * `requireStaff` then sends anyone not signed in to the sign-in page.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Config } from '../../config.ts';
import type { Database } from '../db/database.ts';
import type { Executor } from '../db/executor.ts';
import { createAccess, type Access } from './access.ts';
import { loadActor, type Actor } from './actor.ts';
import { clientAddressHash } from './client-address.ts';
import { CSRF_FIELD } from './csrf.tsx';
import { deleteSession, findSession, touchSession, type SessionRow } from './session.repository.ts';
import {
  formCookieName,
  secureCookies,
  sessionCookieName,
  sessionSettings,
  sessionState,
  shouldTouch,
  type SessionSettings,
} from './session.ts';
import { isTokenShaped, newToken, sameSecret } from './tokens.ts';

declare module 'hono' {
  interface ContextVariableMap {
    /** The session behind this request (active or waiting for the two-step code), if any. */
    session: SessionRow | null;
    /** Who is signed in (null when nobody, or only half-way through two-step sign-in). */
    actor: Actor | null;
    /** The policy-enforcing data-access layer for this request. */
    access: Access;
    /** The token this request's forms must send back in `_csrf`. */
    csrfToken: string;
    /** Keyed hash of the client's address. */
    ipHash: string;
  }
}

export interface StaffAuthOptions {
  database: Database;
  config: Config;
  now: () => Date;
}

const SAFE_METHOD = /^(GET|HEAD|OPTIONS)$/;

/** The session cookie's attributes: HttpOnly, SameSite=Lax, Path=/, Secure when over https (or told). */
export function setSessionCookie(c: Context, token: string, settings: SessionSettings): void {
  const secure = secureCookies(c, settings);
  setCookie(c, sessionCookieName(secure), token, { path: '/', httpOnly: true, sameSite: 'Lax', secure });
}

/**
 * Starts a new session for this browser: ends the one it had (so a session
 * token seen before sign-in is worth nothing after it) and sets the cookie.
 */
export async function replaceSession(c: Context, db: Executor, token: string, settings: SessionSettings): Promise<void> {
  const old = c.get('session');
  if (old) await deleteSession(db, old.tokenHash);
  setSessionCookie(c, token, settings);
}

export function clearSessionCookie(c: Context, settings: SessionSettings): void {
  const secure = secureCookies(c, settings);
  deleteCookie(c, sessionCookieName(secure), { path: '/', httpOnly: true, sameSite: 'Lax', secure });
}

/** Page shown when a form's token is missing or wrong. Plain, because the form may be any staff form. */
function refuseForm(c: Context) {
  c.header('Cache-Control', 'no-store');
  return c.html(
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Form expired – Belong</title></head><body>' +
      '<main><h1>This form has expired</h1><p>For your safety we did not act on it. ' +
      '<a href="/staff">Go back to Belong</a>, sign in again if asked, and try once more.</p></main></body></html>',
    403,
  );
}

export function staffAuth({ database, config, now }: StaffAuthOptions): MiddlewareHandler {
  const db = database.db;
  const settings = sessionSettings(config);
  const trustProxy = config.TRUST_PROXY === 'on';
  return async (c, next) => {
    const at = now();
    const secure = secureCookies(c, settings);
    let session: SessionRow | null = null;
    let actor: Actor | null = null;

    const token = getCookie(c, sessionCookieName(secure));
    if (isTokenShaped(token)) {
      const found = await findSession(db, token);
      if (found && sessionState(found, at, settings) === 'live') {
        const loaded = await loadActor(db, found.accountId);
        if (loaded?.active) {
          session = found;
          if (found.stage === 'active') actor = loaded;
          if (shouldTouch(found.lastSeenAt, at, settings)) await touchSession(db, found.tokenHash, at);
        } else {
          await deleteSession(db, found.tokenHash);
        }
      } else if (found) {
        await deleteSession(db, found.tokenHash);
      }
      if (!session) clearSessionCookie(c, settings);
    } else if (token !== undefined) {
      clearSessionCookie(c, settings);
    }

    let csrfToken = session?.csrfToken ?? null;
    if (!csrfToken) {
      const fromCookie = getCookie(c, formCookieName(secure));
      if (isTokenShaped(fromCookie)) csrfToken = fromCookie;
    }
    if (!SAFE_METHOD.test(c.req.method)) {
      const body = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
      const sent = body[CSRF_FIELD];
      if (!csrfToken || typeof sent !== 'string' || !sameSecret(sent, csrfToken)) return refuseForm(c);
    } else if (!csrfToken) {
      csrfToken = newToken();
      setCookie(c, formCookieName(secure), csrfToken, { path: '/', httpOnly: true, sameSite: 'Lax', secure });
    }

    const ipHash = await clientAddressHash(c, db, trustProxy);
    c.set('session', session);
    c.set('actor', actor);
    c.set('csrfToken', csrfToken);
    c.set('ipHash', ipHash);
    c.set('access', createAccess(db, { actor, requestId: c.get('requestId' as never) ?? null, ipHash, now }));
    await next();
    c.header('Cache-Control', 'no-store');
  };
}

/** Sends anyone not signed in to the sign-in page (and back here afterwards, for pages). */
export const requireStaff: MiddlewareHandler = async (c, next) => {
  if (c.get('actor')) return next();
  const url = new URL(c.req.url);
  const back = SAFE_METHOD.test(c.req.method) ? `?next=${encodeURIComponent(url.pathname + url.search)}` : '';
  return c.redirect(`/staff/sign-in${back}`, 303);
};
