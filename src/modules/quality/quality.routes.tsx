/**
 * Keeping the map true (issue 4, items 4–5):
 *
 *   GET/POST /services/:id/report…         anyone: report a problem (report.routes.tsx)
 *   GET      /admin/reports?status=         administrators: the report queue (open / resolved / all)
 *   POST     /admin/reports/:id             resolve or dismiss, with a note
 *   GET      /staff/reports                 provider staff: open reports about their listings
 *   POST     /staff/reports/:id/resolve     …mark one resolved
 *   GET      /admin/quality?problem=        administrators: the data-quality view
 *   POST     /admin/quality/bulk            mark verified / archive the chosen listings
 *   POST     /admin/quality/reminders       send the review reminders that are due now
 *
 * Every read and write goes through the policy-checked services; routes only
 * parse forms and choose pages.
 */
import { Hono, type Context } from 'hono';
import type { AppDeps } from '../../platform/http/app-deps.ts';
import { requireStaff } from '../../platform/auth/auth.middleware.ts';
import type { I18n } from '../../platform/i18n/i18n.ts';
import type { StaffKey } from '../../platform/i18n/staff-catalogue.ts';
import type { Notifier } from '../../platform/notify/notifier.ts';
import type { FieldProblem } from '../../platform/views/error-summary.tsx';
import { field, linkBase, staffErrorHandler, staffHtml, staffI18n } from '../../platform/views/staff-page.tsx';
import { isQualityProblem, type QualityProblem } from './freshness.ts';
import { qualityService, type BulkProblem } from './quality.service.ts';
import { AdminReportsPage, ProviderReportsPage, QualityPage } from './quality.views.tsx';
import { reportRoutes } from './report.routes.tsx';
import { MAX_NOTE, parseReportFilter, reportsService, type CloseResult } from './reports.service.ts';

/** One-time notices these pages show after a redirect (`?done=`). */
const NOTICES: Record<string, StaffKey> = {
  resolved: 'quality.notice.resolved',
  dismissed: 'quality.notice.dismissed',
  notOpen: 'quality.notice.notOpen',
  verified: 'quality.notice.verified',
  archived: 'quality.notice.archived',
  reminders: 'quality.notice.reminders',
};
const BULK_PROBLEMS: Record<BulkProblem, StaffKey> = {
  noneChosen: 'quality.error.noneChosen',
  tooMany: 'quality.error.tooMany',
  badAction: 'quality.error.badAction',
  unknownListings: 'quality.error.unknownListings',
};

function notice(i18n: I18n, c: Context): string | null {
  const done = c.req.query('done');
  if (!done || !Object.hasOwn(NOTICES, done)) return null;
  const count = Number(c.req.query('count') ?? '0');
  return i18n.staff(NOTICES[done]!, { count: Number.isFinite(count) ? count : 0 });
}

const problemParam = (s: string | undefined): QualityProblem | null => (s && isQualityProblem(s) ? s : null);

export function qualityRoutes(deps: Pick<AppDeps, 'database' | 'config'> & { now: () => Date; notifier: Notifier }) {
  const app = new Hono();
  app.route('/', reportRoutes(deps));

  const staff = new Hono();
  staff.onError(staffErrorHandler);
  staff.use('/admin/reports/*', requireStaff); // also matches /admin/reports
  staff.use('/admin/quality/*', requireStaff);
  staff.use('/staff/reports/*', requireStaff);

  const reports = (c: Context) => reportsService(c.get('access'));
  const quality = (c: Context) => qualityService(c.get('access'));
  const noteProblem = (i18n: I18n, id: string, r: CloseResult): FieldProblem[] =>
    !r.ok && r.code === 'noteTooLong' ? [{ field: `note-${id}`, message: i18n.staff('quality.error.noteTooLong', { max: MAX_NOTE }) }] : [];

  staff.get('/admin/reports', async (c) => {
    const i18n = staffI18n(c);
    const filter = parseReportFilter(c.req.query('status'));
    const list = await reports(c).queue(filter);
    return staffHtml(
      c,
      <AdminReportsPage
        i18n={i18n}
        csrf={c.get('csrfToken')}
        actor={c.get('actor')!}
        reports={list}
        filter={filter}
        notice={notice(i18n, c)}
      />,
    );
  });

  staff.post('/admin/reports/:id', async (c) => {
    const id = c.req.param('id');
    const body = await c.req.parseBody();
    const outcome = field(body, 'outcome') === 'dismissed' ? 'dismissed' : 'resolved';
    const note = field(body, 'note');
    const result = outcome === 'dismissed' ? await reports(c).dismiss(id, note) : await reports(c).resolve(id, note);
    if (result.ok) return c.redirect(`/admin/reports?done=${outcome}`, 303);
    if (result.code === 'notOpen') return c.redirect('/admin/reports?done=notOpen', 303);
    const i18n = staffI18n(c);
    const list = await reports(c).queue('open');
    return staffHtml(
      c,
      <AdminReportsPage
        i18n={i18n}
        csrf={c.get('csrfToken')}
        actor={c.get('actor')!}
        reports={list}
        filter="open"
        problems={noteProblem(i18n, id, result)}
      />,
      400,
    );
  });

  staff.get('/staff/reports', async (c) => {
    const i18n = staffI18n(c);
    const actor = c.get('actor')!;
    const list = await reports(c).forListings(actor.listingOrganizationIds);
    return staffHtml(
      c,
      <ProviderReportsPage i18n={i18n} csrf={c.get('csrfToken')} actor={actor} reports={list} notice={notice(i18n, c)} />,
    );
  });

  staff.post('/staff/reports/:id/resolve', async (c) => {
    const id = c.req.param('id');
    const body = await c.req.parseBody();
    const result = await reports(c).resolve(id, field(body, 'note'));
    if (result.ok) return c.redirect('/staff/reports?done=resolved', 303);
    if (result.code === 'notOpen') return c.redirect('/staff/reports?done=notOpen', 303);
    const i18n = staffI18n(c);
    const actor = c.get('actor')!;
    const list = await reports(c).forListings(actor.listingOrganizationIds);
    return staffHtml(
      c,
      <ProviderReportsPage i18n={i18n} csrf={c.get('csrfToken')} actor={actor} reports={list} problems={noteProblem(i18n, id, result)} />,
      400,
    );
  });

  staff.get('/admin/quality', async (c) => {
    const i18n = staffI18n(c);
    const problem = problemParam(c.req.query('problem'));
    const overview = await quality(c).overview(problem);
    return staffHtml(
      c,
      <QualityPage
        i18n={i18n}
        csrf={c.get('csrfToken')}
        actor={c.get('actor')!}
        overview={overview}
        problem={problem}
        notice={notice(i18n, c)}
      />,
    );
  });

  staff.post('/admin/quality/bulk', async (c) => {
    const body = await c.req.parseBody({ all: true });
    const raw = body.service;
    const ids = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter((v): v is string => typeof v === 'string');
    const action = typeof body.action === 'string' ? body.action : '';
    const problem = problemParam(typeof body.problem === 'string' ? body.problem : undefined);
    const result = await quality(c).bulk(action, ids);
    const back = problem ? `problem=${problem}&` : '';
    if (result.ok)
      return c.redirect(
        `/admin/quality?${back}done=${result.value.action === 'verify' ? 'verified' : 'archived'}&count=${result.value.count}`,
        303,
      );
    const i18n = staffI18n(c);
    const overview = await quality(c).overview(problem);
    const problems: FieldProblem[] = [{ field: 'services', message: i18n.staff(BULK_PROBLEMS[result.problem]) }];
    return staffHtml(
      c,
      <QualityPage
        i18n={i18n}
        csrf={c.get('csrfToken')}
        actor={c.get('actor')!}
        overview={overview}
        problem={problem}
        selected={ids}
        problems={problems}
      />,
      400,
    );
  });

  staff.post('/admin/quality/reminders', async (c) => {
    const run = await quality(c).sendRemindersNow(deps.notifier, { baseUrl: linkBase(c, deps.config.PUBLIC_URL) });
    return c.redirect(`/admin/quality?done=reminders&count=${run.notices.length}`, 303);
  });

  app.route('/', staff);
  return app;
}
