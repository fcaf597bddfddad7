/** The page shell every server-rendered page uses. hono/jsx escapes every interpolated value. */
import type { Child } from 'hono/jsx';

export interface LayoutProps {
  title: string;
  lang?: string;
  dir?: 'ltr' | 'rtl';
  children: Child;
}

export function Layout({ title, lang = 'en', dir = 'ltr', children }: LayoutProps) {
  return (
    <html lang={lang} dir={dir}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
      </head>
      <body>
        <header>
          <a href="/">Belong</a>
        </header>
        <main id="main">{children}</main>
      </body>
    </html>
  );
}
