/** The front page: what this deployment holds and where its open data lives. */
import { Hono } from 'hono';
import type { AppDeps } from '../../app.ts';
import { Layout } from '../../platform/views/layout.tsx';

export function homeRoutes({ database }: AppDeps) {
  const app = new Hono();
  app.get('/', async (c) => {
    const counts = await database.db
      .selectFrom('service')
      .select((eb) => [eb.fn.countAll<number>().as('services'), eb.fn.count<number>('organization_id').distinct().as('organizations')])
      .where('status', '=', 'active')
      .executeTakeFirstOrThrow();
    return c.html(
      '<!doctype html>' +
        (
          <Layout title="Belong">
            <h1>Belong</h1>
            <p>
              {counts.services} activities and services from {counts.organizations} local organisations.
            </p>
            <p>
              The whole directory is open data in the Open Referral UK standard: <a href="/oruk/">/oruk/</a>
            </p>
          </Layout>
        ),
    );
  });
  return app;
}
