/**
 * The front page: the start of "find something near you". A welcoming line,
 * one GET form to /find (what, and where), and shortcut buttons for the
 * searches people make most (on today, women only, free, practise English,
 * meet people) that submit the same form, so the place typed is kept. Then
 * how much the directory holds and where its open data lives.
 */
import { Hono } from 'hono';
import type { AppDeps } from '../../platform/http/app-deps.ts';
import { page } from '../../platform/views/layout.tsx';
import { SearchFields } from '../find/find.views.tsx';
import { PublicPage } from '../find/public-page.tsx';
import { QUICK_CHOICES } from '../find/find-query.ts';
import { readShortlist } from '../find/shortlist.cookie.ts';

export function homeRoutes({ database }: Pick<AppDeps, 'database'>) {
  const app = new Hono();
  app.get('/', async (c) => {
    const counts = await database.db
      .selectFrom('service')
      .select((eb) => [eb.fn.countAll<number>().as('services'), eb.fn.count<number>('organization_id').distinct().as('organizations')])
      .where('status', '=', 'active')
      .executeTakeFirstOrThrow();
    const i18n = c.get('i18n');
    const { t } = i18n;
    const services = Number(counts.services);
    return c.html(
      page(
        <PublicPage i18n={i18n} listCount={readShortlist(c).length}>
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
            {t('home.serviceCount', { count: services })}
            {services > 0 && ' ' + t('home.organisationCount', { count: Number(counts.organizations) })}
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
        </PublicPage>,
      ),
    );
  });
  return app;
}
