/**
 * The two-language view's switch: `?both=1` on any conversation page turns
 * it on (and keeps it on in a cookie for the pages after, form posts
 * included), `?both=0` turns it off. No JavaScript.
 */
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';

export const BOTH_COOKIE = 'belong_both';

export function bothLanguagesOn(c: Context): boolean {
  const asked = c.req.query('both');
  if (asked === '1') {
    setCookie(c, BOTH_COOKIE, '1', { path: '/staff/people', httpOnly: true, sameSite: 'Lax', secure: c.req.url.startsWith('https:') });
    return true;
  }
  if (asked === '0') {
    deleteCookie(c, BOTH_COOKIE, { path: '/staff/people' });
    return false;
  }
  return getCookie(c, BOTH_COOKIE) === '1';
}
