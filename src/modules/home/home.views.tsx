/**
 * The front page: the start of "find something near you". A welcoming line,
 * one GET form to /find (what, and where), and shortcut buttons for the
 * searches people make most (on today, women only, free, practise English,
 * meet people) that submit the same form, so the place typed is kept. Then
 * how much the directory holds and where its open data lives.
 */
import type { I18n } from '../../platform/i18n/i18n.ts';
import { QUICK_CHOICES } from '../find/find-query.ts';
import { SearchFields } from '../find/find.views.tsx';
import { PublicPage } from '../find/public-page.tsx';
import type { DirectoryFigures } from './home.service.ts';

export interface HomePageProps {
  i18n: I18n;
  /** How many services are in the person's list (shown in the navigation). */
  listCount: number;
  figures: DirectoryFigures;
}

export function HomePage({ i18n, listCount, figures }: HomePageProps) {
  const { t } = i18n;
  return (
    <PublicPage i18n={i18n} listCount={listCount}>
      <h1>{t('site.name')}</h1>
      <p class="lead">{t('home.tagline')}</p>
      <form action="/find" method="get" role="search" class="find">
        <SearchFields i18n={i18n} q="" where="" problems={[]} />
        <button type="submit">{t('find.search')}</button>
        <fieldset class="quick">
          <legend>{t('home.quick')}</legend>
          {QUICK_CHOICES.map((v) => (
            <button type="submit" name="quick" value={v} class="chip">
              {t(`quick.${v}`)}
            </button>
          ))}
        </fieldset>
      </form>
      <p>{t('home.privacy')}</p>
      <p>
        <a href="/ask">{t('ask.title')}</a>
      </p>
      <p>
        <a href="/rights">{t('rights.title')}</a>
      </p>
      <p>
        {t('home.serviceCount', { count: figures.services })}
        {figures.services > 0 && ' ' + t('home.organisationCount', { count: figures.organizations })}
      </p>
      <p>
        {i18n.rich('home.openData', {
          link: (
            <a href="/oruk/" dir="ltr">
              /oruk/
            </a>
          ),
        })}
      </p>
    </PublicPage>
  );
}
