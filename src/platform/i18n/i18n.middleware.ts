/**
 * Hono middleware that picks the interface language for each request and
 * puts the translation kit on the context: `c.get('i18n')`.
 *
 * Switching language is one tap with no JavaScript: the switcher's links add
 * `?lang=xx` to the current address; this middleware stores the choice in a
 * `lang` cookie for a year and answers 303 See Other back to the same address
 * without the parameter, so the choice is remembered and the address stays
 * clean. The cookie holds nothing but the language code and is needed for a
 * feature the person asked for, so it needs no consent banner (PECR
 * "strictly necessary").
 *
 * HTML responses say which language they are in (Content-Language) and that
 * they vary by cookie and Accept-Language, so shared caches never serve one
 * person's language to another.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { createI18n, type I18n } from './i18n.ts';
import { matchLocale, negotiateLocale } from './negotiate.ts';

declare module 'hono' {
  interface ContextVariableMap {
    i18n: I18n;
  }
}

export const LANG_COOKIE = 'lang';
const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

/**
 * A path that can only point at this site: leading slashes and backslashes
 * are collapsed to one, so `//evil.example/` cannot become a
 * protocol-relative redirect or link.
 */
export function safeLocalPath(pathname: string): string {
  return '/' + pathname.replace(/^[/\\]+/, '');
}

function isHttps(c: Context): boolean {
  if (new URL(c.req.url).protocol === 'https:') return true;
  const forwarded = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
  return forwarded === 'https';
}

/** The language middleware. Mount before any route that renders pages. */
export function i18nMiddleware(): MiddlewareHandler {
  return async (c, next) => {
    const url = new URL(c.req.url);
    const path = safeLocalPath(url.pathname);
    const requested = url.searchParams.get('lang');
    if (requested !== null && (c.req.method === 'GET' || c.req.method === 'HEAD')) {
      url.searchParams.delete('lang');
      const code = matchLocale(requested);
      if (code) {
        setCookie(c, LANG_COOKIE, code, { path: '/', maxAge: ONE_YEAR_SECONDS, sameSite: 'Lax', httpOnly: true, secure: isHttps(c) });
      }
      c.header('Cache-Control', 'no-store');
      return c.redirect(path + url.search, 303);
    }

    const { locale, source } = negotiateLocale({ cookie: getCookie(c, LANG_COOKIE), acceptLanguage: c.req.header('accept-language') });
    c.set('i18n', createI18n(locale, { chosen: source === 'cookie', currentPath: path + url.search }));
    await next();

    if (c.res.headers.get('content-type')?.startsWith('text/html')) {
      c.res.headers.append('Vary', 'Cookie, Accept-Language');
      if (!c.res.headers.has('Content-Language')) c.res.headers.set('Content-Language', locale);
    }
  };
}
