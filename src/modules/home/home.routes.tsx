/** The front page: what this deployment holds and where its open data lives. */
import { Hono } from 'hono';
import type { AppDeps } from '../../app.ts';
import { Layout, page } from '../../platform/views/layout.tsx';

export function homeRoutes({ database }: AppDeps) {
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
        <Layout i18n={i18n}>
          <h1>{t('site.name')}</h1>
          <p class="lead">{t('home.tagline')}</p>
          <p>
            {t('home.serviceCount', { count: services })}
            {services > 0 && ' ' + t('home.organisationCount', { count: Number(counts.organizations) })}
          </p>
          <p>{i18n.rich('home.openData', { link: <a href="/oruk/" dir="ltr">/oruk/</a> })}</p>
        </Layout>,
      ),
    );
  });
  return app;
}
