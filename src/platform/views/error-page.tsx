/**
 * The error pages people see for a refused request (400, 413), a database
 * that cannot serve us (503) or a bug (500): in the person's language from the
 * public catalogues, or the staff catalogue under /staff and /admin. The error
 * handler (http/errors.ts) calls `errorPage`; the app passes it in (app.ts),
 * so the HTTP layer does not depend on the page kit.
 *
 * A request refused before the language middleware ran (the body limit runs
 * first) has no language kit yet: it is chosen here the same way.
 */
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { createI18n, type I18n } from '../i18n/i18n.ts';
import { LANG_COOKIE, safeLocalPath } from '../i18n/i18n.middleware.ts';
import { negotiateLocale } from '../i18n/negotiate.ts';
import { hasStaffCatalogue, type StaffKey } from '../i18n/staff-catalogue.ts';
import type { ErrorPageKind, ErrorStatus } from '../http/errors.ts';
import { Layout, page } from './layout.tsx';
import { StaffPage } from './staff-page.tsx';

const PUBLIC = {
  badRequest: ['errors.badRequest.title', 'errors.badRequest.text'],
  tooLarge: ['errors.tooLarge.title', 'errors.tooLarge.text'],
  unavailable: ['errors.unavailable.title', 'errors.unavailable.text'],
  internal: ['errors.internal.title', 'errors.internal.text'],
} as const;

const STAFF: Record<ErrorPageKind, readonly [StaffKey, StaffKey]> = {
  badRequest: ['error.badRequestTitle', 'error.badRequestBody'],
  tooLarge: ['error.tooLargeTitle', 'error.tooLargeBody'],
  unavailable: ['error.unavailableTitle', 'error.unavailableBody'],
  internal: ['error.internalTitle', 'error.internalBody'],
};

/** The request's language kit: the one the language middleware made, or the same choice made here. */
function requestI18n(c: Context): I18n {
  const made = c.get('i18n');
  if (made) return made;
  const { locale, source } = negotiateLocale({ cookie: getCookie(c, LANG_COOKIE), acceptLanguage: c.req.header('accept-language') });
  return createI18n(locale, { chosen: source === 'cookie', currentPath: safeLocalPath(new URL(c.req.url).pathname) });
}

export function isStaffPath(path: string): boolean {
  return /^\/(staff|admin)(\/|$)/.test(path);
}

export async function errorPage(c: Context, kind: ErrorPageKind, status: ErrorStatus): Promise<Response> {
  const i18n = requestI18n(c);
  if (isStaffPath(c.req.path)) {
    const staff = hasStaffCatalogue(i18n.locale) ? i18n : createI18n('en');
    const [title, body] = STAFF[kind];
    const s = staff.staff;
    return c.html(
      await page(
        <StaffPage i18n={staff} actor={c.get('actor') ?? null} csrf={c.get('csrfToken') ?? ''} title={s(title)}>
          <h1>{s(title)}</h1>
          <p>{s(body)}</p>
          <p>
            <a href="/staff">{s('error.backHome')}</a>
          </p>
        </StaffPage>,
      ),
      status,
    );
  }
  const [title, text] = PUBLIC[kind];
  const { t } = i18n;
  return c.html(
    await page(
      <Layout i18n={i18n} title={t(title)}>
        <h1>{t(title)}</h1>
        <p>{t(text)}</p>
        <p>
          <a href="/find">{t('notFound.back')}</a>
        </p>
      </Layout>,
    ),
    status,
  );
}
