/**
 * Matching's routes: the JSON API under /api (match-api.routes.ts) and the
 * commissioners' page
 *
 *   GET /staff/unmet-needs?from=YYYY-MM-DD&to=YYYY-MM-DD   counts by area, need and rule (default: the last 90 days)
 *
 * Mounted after the staff middleware, so /staff pages have the signed-in
 * actor; the page reads only through unmetNeedsService (unmet_need.view).
 */
import { Hono } from 'hono';
import type { AppDeps } from '../../platform/http/app-deps.ts';
import { requireStaff } from '../../platform/auth/auth.middleware.ts';
import { staffErrorHandler, staffHtml, staffI18n } from '../../platform/views/staff-page.tsx';
import { matchApiRoutes } from './match-api.routes.ts';
import { londonDate } from './match.service.ts';
import { unmetNeedsService } from './unmet-needs.service.ts';
import { UnmetNeedsPage } from './unmet-needs.views.tsx';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const validDate = (s: string) =>
  DATE.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

export function matchingRoutes(deps: Pick<AppDeps, 'database'> & { now?: () => Date }) {
  const app = new Hono();
  app.route('/api', matchApiRoutes(deps));

  const staff = new Hono();
  staff.onError(staffErrorHandler);
  staff.use('/staff/unmet-needs', requireStaff);
  staff.get('/staff/unmet-needs', async (c) => {
    const i18n = staffI18n(c);
    const today = londonDate((deps.now ?? (() => new Date()))());
    const ninetyDaysAgo = londonDate(new Date(Date.parse(`${today}T12:00:00Z`) - 90 * 86_400_000));
    const from = c.req.query('from') ?? ninetyDaysAgo;
    const to = c.req.query('to') ?? today;
    const problems = [];
    if (!validDate(from)) problems.push({ field: 'from', message: i18n.staff('unmetNeeds.badDate') });
    if (!validDate(to)) problems.push({ field: 'to', message: i18n.staff('unmetNeeds.badDate') });
    if (!problems.length && from > to) problems.push({ field: 'from', message: i18n.staff('unmetNeeds.badPeriod') });
    // The period is whole UK days; a day after `to` ends it (stored times are instants, close enough at a day's edge).
    const summary = problems.length
      ? null
      : await unmetNeedsService(c.get('access')).summary({
          from: new Date(`${from}T00:00:00Z`),
          to: new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000),
        });
    return staffHtml(
      c,
      <UnmetNeedsPage
        i18n={i18n}
        csrf={c.get('csrfToken')}
        actor={c.get('actor')!}
        from={from}
        to={to}
        problems={problems}
        summary={summary}
      />,
      problems.length ? 400 : 200,
    );
  });
  app.route('/', staff);
  return app;
}
