/**
 * Cross-site request forgery defence, two layers:
 *
 * 1. `originCheck()` (Hono's `csrf()`): every form POST, PUT, PATCH or DELETE
 *    must come from this site, as the browser's Origin or Sec-Fetch-Site
 *    header says (PUBLIC_URL's origin also counts, for deployments behind a
 *    proxy that rewrites the host). Mounted for the whole app.
 * 2. A synchronizer token in a hidden `_csrf` field of every staff form,
 *    checked by the staff auth middleware: the signed-in session's own token,
 *    or — on forms used before signing in (sign-in, invitation, reset) — a
 *    random token kept in a cookie (double submit). A page from another site
 *    can neither read nor guess it.
 */
import type { MiddlewareHandler } from 'hono';
import { csrf } from 'hono/csrf';

/** Name of the hidden form field that carries the token. */
export const CSRF_FIELD = '_csrf';

/** The origin check for the whole app. */
export function originCheck(publicUrl?: string): MiddlewareHandler {
  const publicOrigin = publicUrl ? new URL(publicUrl).origin : null;
  return csrf({ origin: (origin, c) => origin === new URL(c.req.url).origin || (publicOrigin !== null && origin === publicOrigin) });
}

/** The hidden field every staff form includes. */
export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name={CSRF_FIELD} value={token} />;
}
