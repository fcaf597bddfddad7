/**
 * The frame of every public finding page: the site Layout plus a short
 * navigation line ("Find something" · "My list (2)") at the top of the main
 * content, and the small pieces those pages share — a status notice, the
 * "On today"/"Open now" badges, and text from the directory wrapped so it
 * keeps its own direction inside a right-to-left page.
 */
import type { Child } from 'hono/jsx';
import type { I18n } from '../../platform/i18n/i18n.ts';
import { Layout } from '../../platform/views/layout.tsx';

export interface PublicPageProps {
  i18n: I18n;
  title?: string;
  hasErrors?: boolean;
  /** How many services are in the person's list (shown in the navigation). */
  listCount: number;
  children: Child;
}

export function PublicPage({ i18n, title, hasErrors, listCount, children }: PublicPageProps) {
  const { t } = i18n;
  return (
    <Layout i18n={i18n} title={title} hasErrors={hasErrors}>
      <nav class="top" aria-label={t('nav.label')}>
        <a href="/find">{t('nav.find')}</a>
        <a href="/shortlist">{t('nav.myList', { count: listCount })}</a>
      </nav>
      {children}
    </Layout>
  );
}

/** A message about what just happened ("Added to your list."), announced politely. */
export function Notice({ children }: { children: Child }) {
  return (
    <div class="note" role="status">
      {children}
    </div>
  );
}

export interface BadgeFlags {
  onToday?: boolean;
  openNow?: boolean;
  full?: boolean;
  waitingList?: boolean;
}

/** "Open now" (or "On today"), "Full at the moment", "Waiting list"; nothing when none apply. */
export function Badges({ i18n, flags }: { i18n: I18n; flags: BadgeFlags }) {
  const { t } = i18n;
  const items: Child[] = [];
  if (flags.openNow) items.push(<strong class="badge now">{t('badge.openNow')}</strong>);
  else if (flags.onToday) items.push(<strong class="badge today">{t('badge.onToday')}</strong>);
  if (flags.full) items.push(<strong class="badge full">{t('badge.full')}</strong>);
  else if (flags.waitingList) items.push(<strong class="badge full">{t('badge.waitingList')}</strong>);
  if (!items.length) return null;
  return <p class="badges">{items}</p>;
}

/**
 * Text from the directory (names, addresses, descriptions): isolated so an
 * English name inside an Arabic sentence keeps its own direction.
 */
export function Bdi({ children }: { children: Child }) {
  return <bdi>{children}</bdi>;
}

/** Paragraphs of directory text, blank lines starting a new one, in their own direction and language. */
export function Paragraphs({ text, lang }: { text: string; lang?: string | undefined }) {
  const parts = text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  return (
    <>
      {parts.map((p) => (
        <p dir="auto" lang={lang}>
          {p}
        </p>
      ))}
    </>
  );
}
