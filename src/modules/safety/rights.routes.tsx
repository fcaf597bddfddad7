/**
 * "Know your rights" and "report unfair treatment" (issue 15):
 *
 *   GET  /rights                                 the list of rights pages, in the person's language
 *   GET  /rights/:page                           one page (gp, nhs, privacy, complain)
 *   GET  /report-unfair[?service=<id>]           the public form (about that listing, or any named service)
 *   POST /report-unfair[?service=<id>]           check; 400 with an error summary, or store and 303 to…
 *   GET  /report-unfair/thanks                   the thank-you page
 *   GET  /admin/rights                           administrators: every page in every language, with review dates
 *   GET  /admin/rights/:page/:lang               edit one page in one language (own text or Belong's) and its review date
 *   POST /admin/rights/:page/:lang
 *   GET  /admin/unfair-treatment[?show=closed]   administrators: the unfair-treatment queue
 *   GET  /admin/unfair-treatment/:id             one case
 *   POST /admin/unfair-treatment/:id/status      move it on (new, looking into it, closed with an outcome)
 *   GET  /admin/organisation-areas               which areas each referring organisation covers (for /ask)
 *   POST /admin/organisation-areas/:id
 *
 * The public form is protected like the listing report form: the app-wide
 * origin check, a honeypot, and a few reports an hour per hashed address
 * (429). Reports go to the deployment's administrators, never the provider.
 */
import { Hono, type Context } from 'hono';
import type { AppDeps } from '../../platform/http/app-deps.ts';
import { createAccess } from '../../platform/auth/access.ts';
import { requireStaff } from '../../platform/auth/auth.middleware.ts';
import { clientAddressHash } from '../../platform/auth/client-address.ts';
import { createI18n } from '../../platform/i18n/i18n.ts';
import { isUuid } from '../../platform/ids.ts';
import { page } from '../../platform/views/layout.tsx';
import { staffErrorHandler, staffHtml, staffI18n } from '../../platform/views/staff-page.tsx';
import { notFoundHtml } from '../find/not-found.tsx';
import { readShortlist } from '../find/shortlist.cookie.ts';
import { parseAreas } from './organisation-areas.ts';
import { organisationAreasService } from './organisation-areas.service.ts';
import { OrganisationAreasPage } from './organisation-areas.views.tsx';
import { isRightsPage, parseRightsEdit, parseRightsLocale, RIGHTS_PAGES, ukToday } from './rights-pages.ts';
import { catalogueRights, publicRightsPage, publicRightsTitles, rightsAdminService } from './rights.service.ts';
import { ALL_RIGHTS_ROWS, RightsAdminPage, RightsEditPage, RightsIndexPage, RightsPage } from './rights.views.tsx';
import { parseUnfairReportForm, parseUnfairStatus } from './unfair-report-form.ts';
import { submitUnfairReport, unfairReportService, unfairTarget } from './unfair-report.service.ts';
import { UnfairCasePage, UnfairDonePage, UnfairPage, UnfairQueuePage } from './unfair-report.views.tsx';
import { retryAfterSeconds } from '../../platform/http/form-throttle.ts';

/** The public pages; mount after the i18n middleware. */
export function rightsPublicRoutes({ database, config, now }: Pick<AppDeps, 'database' | 'config'> & { now: () => Date }) {
  const db = database.db;
  const trustProxy = config.TRUST_PROXY === 'on';
  const app = new Hono();
  const listCount = (c: Context) => readShortlist(c).length;

  app.get('/rights', async (c) => {
    const i18n = c.get('i18n');
    return c.html(page(<RightsIndexPage i18n={i18n} listCount={listCount(c)} titles={await publicRightsTitles(db, i18n, RIGHTS_PAGES)} />));
  });

  app.get('/rights/:page', async (c) => {
    const name = c.req.param('page') ?? '';
    if (!isRightsPage(name)) return notFoundHtml(c);
    const i18n = c.get('i18n');
    return c.html(page(<RightsPage i18n={i18n} listCount={listCount(c)} page={name} text={await publicRightsPage(db, i18n, name)} />));
  });

  /** The listing named by ?service=, null when none was asked for, 'missing' when there is no such listing. */
  const target = async (c: Context) => {
    const asked = c.req.query('service');
    if (asked === undefined || asked === '') return null;
    const id = asked.toLowerCase();
    return (isUuid(id) ? await unfairTarget(db, id) : null) ?? 'missing';
  };

  app.get('/report-unfair', async (c) => {
    const service = await target(c);
    if (service === 'missing') return notFoundHtml(c);
    return c.html(page(<UnfairPage i18n={c.get('i18n')} listCount={listCount(c)} service={service} />));
  });

  app.post('/report-unfair', async (c) => {
    const service = await target(c);
    if (service === 'missing') return notFoundHtml(c);
    const i18n = c.get('i18n');
    c.header('Cache-Control', 'no-store');
    const parsed = parseUnfairReportForm(await c.req.parseBody({ all: true }), service);
    if (!parsed.ok && parsed.spam) return c.redirect('/report-unfair/thanks', 303);
    if (!parsed.ok)
      return c.html(
        page(<UnfairPage i18n={i18n} listCount={listCount(c)} service={service} values={parsed.values} problems={parsed.problems} />),
        400,
      );
    const ipHash = await clientAddressHash(c, db, trustProxy);
    const access = createAccess(db, { actor: null, requestId: (c.get('requestId' as never) as string | undefined) ?? null, ipHash, now });
    const result = await submitUnfairReport(db, {
      input: parsed.value,
      language: i18n.locale,
      throttleKey: ipHash,
      origin: access.origin(),
    });
    if (!result.stored) {
      c.header('Retry-After', String(retryAfterSeconds(result.retryAt, now())));
      return c.html(page(<UnfairDonePage i18n={i18n} listCount={listCount(c)} tooMany={true} />), 429);
    }
    return c.redirect('/report-unfair/thanks', 303);
  });

  app.get('/report-unfair/thanks', (c) => c.html(page(<UnfairDonePage i18n={c.get('i18n')} listCount={listCount(c)} tooMany={false} />)));

  return app;
}

/** The administrators' pages; mount after the staff middleware. */
export function rightsAdminRoutes({ now }: { now: () => Date }) {
  const staff = new Hono();
  staff.onError(staffErrorHandler);
  for (const p of [
    '/admin/rights',
    '/admin/rights/*',
    '/admin/unfair-treatment',
    '/admin/unfair-treatment/*',
    '/admin/organisation-areas',
    '/admin/organisation-areas/*',
  ])
    staff.use(p, requireStaff);

  // ---- Rights pages ----
  staff.get('/admin/rights', async (c) => {
    const i18n = staffI18n(c);
    const records = await rightsAdminService(c.get('access')).list();
    const rows = ALL_RIGHTS_ROWS((p, locale) => catalogueRights(createI18n(locale), p).title, records);
    const notice = c.req.query('done') === 'saved' ? i18n.staff('rights.admin.saved') : undefined;
    return staffHtml(
      c,
      <RightsAdminPage i18n={i18n} actor={c.get('actor')!} csrf={c.get('csrfToken')} rows={rows} today={ukToday(now())} notice={notice} />,
    );
  });

  const editTarget = (c: Context) => {
    const name = c.req.param('page') ?? '';
    const locale = parseRightsLocale(c.req.param('lang') ?? '');
    return isRightsPage(name) && locale ? { page: name, locale } : null;
  };

  staff.get('/admin/rights/:page/:lang', async (c) => {
    const t = editTarget(c);
    if (!t) return c.text('There is no such page.', 404);
    const record = await rightsAdminService(c.get('access')).one(t.page, t.locale);
    return staffHtml(
      c,
      <RightsEditPage
        i18n={staffI18n(c)}
        actor={c.get('actor')!}
        csrf={c.get('csrfToken')}
        page={t.page}
        locale={t.locale}
        record={record}
        catalogue={catalogueRights(createI18n(t.locale), t.page)}
      />,
    );
  });

  staff.post('/admin/rights/:page/:lang', async (c) => {
    const t = editTarget(c);
    if (!t) return c.text('There is no such page.', 404);
    const service = rightsAdminService(c.get('access'));
    const parsed = parseRightsEdit(t.page, t.locale, await c.req.parseBody(), ukToday(now()));
    if (!parsed.ok) {
      const record = await service.one(t.page, t.locale);
      return staffHtml(
        c,
        <RightsEditPage
          i18n={staffI18n(c)}
          actor={c.get('actor')!}
          csrf={c.get('csrfToken')}
          page={t.page}
          locale={t.locale}
          record={record}
          catalogue={catalogueRights(createI18n(t.locale), t.page)}
          values={parsed.values}
          problems={parsed.problems}
        />,
        400,
      );
    }
    await service.save(parsed.value);
    return c.redirect('/admin/rights?done=saved', 303);
  });

  // ---- Unfair treatment ----
  staff.get('/admin/unfair-treatment', async (c) => {
    const i18n = staffI18n(c);
    const which = c.req.query('show') === 'closed' ? 'closed' : 'open';
    const cases = await unfairReportService(c.get('access')).queue(which);
    return staffHtml(c, <UnfairQueuePage i18n={i18n} actor={c.get('actor')!} csrf={c.get('csrfToken')} cases={cases} which={which} />);
  });

  const caseId = (c: Context) => {
    const id = (c.req.param('id') ?? '').toLowerCase();
    return isUuid(id) ? id : null;
  };

  staff.get('/admin/unfair-treatment/:id', async (c) => {
    const id = caseId(c);
    const found = id ? await unfairReportService(c.get('access')).get(id) : null;
    if (!found) return c.text('There is no such report.', 404);
    const i18n = staffI18n(c);
    const notice = c.req.query('done') === 'saved' ? i18n.staff('unfair.case.saved') : undefined;
    return staffHtml(c, <UnfairCasePage i18n={i18n} actor={c.get('actor')!} csrf={c.get('csrfToken')} c={found} notice={notice} />);
  });

  staff.post('/admin/unfair-treatment/:id/status', async (c) => {
    const id = caseId(c);
    if (!id) return c.text('There is no such report.', 404);
    const service = unfairReportService(c.get('access'));
    const body = await c.req.parseBody();
    const parsed = parseUnfairStatus(body);
    if (!parsed.ok) {
      const found = await service.get(id);
      if (!found) return c.text('There is no such report.', 404);
      const i18n = staffI18n(c);
      const problem = {
        field: parsed.problem === 'statusMissing' ? ('status' as const) : ('outcome' as const),
        message: i18n.staff(`unfair.case.error.${parsed.problem}`),
      };
      const values = { status: typeof body['status'] === 'string' ? body['status'] : '', outcome: parsed.outcome };
      return staffHtml(
        c,
        <UnfairCasePage i18n={i18n} actor={c.get('actor')!} csrf={c.get('csrfToken')} c={found} problem={problem} values={values} />,
        400,
      );
    }
    if (!(await service.setStatus(id, parsed.status, parsed.outcome))) return c.text('There is no such report.', 404);
    return c.redirect(`/admin/unfair-treatment/${id}?done=saved`, 303);
  });

  // ---- Organisation areas ----
  staff.get('/admin/organisation-areas', async (c) => {
    const i18n = staffI18n(c);
    const organisations = await organisationAreasService(c.get('access')).list();
    const notice = c.req.query('done') === 'saved' ? i18n.staff('areas.saved') : undefined;
    return staffHtml(
      c,
      <OrganisationAreasPage i18n={i18n} actor={c.get('actor')!} csrf={c.get('csrfToken')} organisations={organisations} notice={notice} />,
    );
  });

  staff.post('/admin/organisation-areas/:id', async (c) => {
    const id = (c.req.param('id') ?? '').toLowerCase();
    if (!isUuid(id)) return c.text('There is no such organisation.', 404);
    const body = await c.req.parseBody();
    const typed = typeof body['areas'] === 'string' ? body['areas'].slice(0, 4000) : '';
    const parsed = parseAreas(typed);
    const service = organisationAreasService(c.get('access'));
    if (!parsed.ok) {
      const i18n = staffI18n(c);
      const organisations = await service.list();
      if (!organisations.some((o) => o.id === id)) return c.text('There is no such organisation.', 404);
      const message = parsed.tooMany ? i18n.staff('areas.error.tooMany') : i18n.staff('areas.error.bad', { codes: parsed.bad.join(', ') });
      return staffHtml(
        c,
        <OrganisationAreasPage
          i18n={i18n}
          actor={c.get('actor')!}
          csrf={c.get('csrfToken')}
          organisations={organisations}
          failed={{ organisationId: id, typed, message }}
        />,
        400,
      );
    }
    if (!(await service.save(id, parsed.outcodes))) return c.text('There is no such organisation.', 404);
    return c.redirect('/admin/organisation-areas?done=saved', 303);
  });

  return staff;
}
