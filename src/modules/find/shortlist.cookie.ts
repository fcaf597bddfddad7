/**
 * The shortlist cookie: service ids only, on the person's own device. It is
 * needed for a feature the person asked for ("Add to my list"), so it needs
 * no consent banner (PECR "strictly necessary"). HttpOnly and SameSite=Lax;
 * Secure over HTTPS. Kept for 90 days after the last change.
 */
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { parseIds, serializeIds, SHORTLIST_COOKIE } from './shortlist.ts';

const NINETY_DAYS_SECONDS = 90 * 24 * 60 * 60;

function isHttps(c: Context): boolean {
  if (new URL(c.req.url).protocol === 'https:') return true;
  return c.req.header('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase() === 'https';
}

/** The ids in the person's list, in the order they were added. */
export function readShortlist(c: Context): string[] {
  return parseIds(getCookie(c, SHORTLIST_COOKIE));
}

/** Stores the list (or removes the cookie when it is empty). */
export function writeShortlist(c: Context, ids: readonly string[]): void {
  if (!ids.length) {
    deleteCookie(c, SHORTLIST_COOKIE, { path: '/' });
    return;
  }
  setCookie(c, SHORTLIST_COOKIE, serializeIds(ids), {
    path: '/',
    maxAge: NINETY_DAYS_SECONDS,
    sameSite: 'Lax',
    httpOnly: true,
    secure: isHttps(c),
  });
}
