/**
 * GET /staff/visits   "Visits you are going with" (volunteers named as a first-visit companion).
 * Every read goes through the policy-checked visits service.
 */
import { Hono } from 'hono';
import { requireStaff } from '../../platform/auth/auth.middleware.ts';
import { staffErrorHandler, staffHtml, staffI18n } from '../../platform/views/staff-page.tsx';
import { visitsService } from './visits.service.ts';
import { VisitsPage } from './visits.views.tsx';

export function visitsRoutes() {
  const app = new Hono();
  app.onError(staffErrorHandler);
  app.use('/staff/visits', requireStaff);
  app.get('/staff/visits', async (c) => {
    const visits = await visitsService(c.get('access')).mine();
    return staffHtml(c, <VisitsPage i18n={staffI18n(c)} csrf={c.get('csrfToken')} actor={c.get('actor')!} visits={visits} />);
  });
  return app;
}
