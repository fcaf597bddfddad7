/**
 * The page shell every server-rendered page uses: `<html lang dir>` from the
 * request's language, one small stylesheet (plus a web-font stylesheet only
 * for languages that need one), a skip link, the header with the language
 * switcher, the main landmark and a footer. No inline styles or scripts (the
 * Content-Security-Policy forbids them). hono/jsx escapes every interpolated
 * value.
 *
 * Usage: `c.html(page(<Layout i18n={c.get('i18n')} title={…}>…</Layout>))`.
 */
import type { Child } from 'hono/jsx';
import type { HtmlEscapedString } from 'hono/utils/html';
import { assetUrl } from '../http/static-assets.ts';
import type { I18n } from '../i18n/i18n.ts';
import { LanguageSwitcher } from './language-switcher.tsx';

export interface LayoutProps {
  i18n: I18n;
  /** The page's own title, already translated; leave out on the front page. */
  title?: string;
  /** Prefix the title with "Error:" (pages showing an ErrorSummary). */
  hasErrors?: boolean;
  /** Staff pages: false hides the language switcher (staff words are English first). */
  showLanguages?: boolean;
  /** Shown at the end of the header (staff pages: who is signed in, sign out). */
  headerEnd?: Child;
  /** Where the site name in the header leads; "/" unless told. */
  homeHref?: string;
  /** Extra stylesheets by logical asset name (e.g. "staff.css"), after the main one. */
  stylesheets?: readonly string[];
  children: Child;
}

export function Layout({
  i18n,
  title,
  hasErrors = false,
  showLanguages = true,
  headerEnd,
  homeHref = '/',
  stylesheets = [],
  children,
}: LayoutProps) {
  const { t } = i18n;
  const site = t('site.name');
  let fullTitle = title ? t('layout.pageTitle', { page: title, site }) : site;
  if (hasErrors) fullTitle = t('errors.pageTitle', { page: fullTitle });
  return (
    <html lang={i18n.locale} dir={i18n.dir}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{fullTitle}</title>
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href={assetUrl('belong.css')} />
        {i18n.info.webFont && <link rel="stylesheet" href={assetUrl(i18n.info.webFont)} />}
        {stylesheets.map((name) => (
          <link rel="stylesheet" href={assetUrl(name)} />
        ))}
      </head>
      <body>
        <a class="skip" href="#main">
          {t('layout.skipLink')}
        </a>
        <header>
          <a class="brand" href={homeHref}>
            {site}
          </a>
          {showLanguages && <LanguageSwitcher i18n={i18n} />}
          {headerEnd}
        </header>
        <main id="main" tabindex={-1}>
          {children}
        </main>
        <footer>
          <a href="/oruk/">{t('layout.openData')}</a>
        </footer>
      </body>
    </html>
  );
}

/** A rendered page as an HTML document string (with the doctype hono/jsx cannot emit). */
export async function page(node: HtmlEscapedString | Promise<HtmlEscapedString>): Promise<string> {
  // A JSX node's toString() is a promise when any component inside is async.
  return '<!doctype html>' + (await (await node).toString());
}
