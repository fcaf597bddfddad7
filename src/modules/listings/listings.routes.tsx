/**
 * Provider self-service and approvals:
 *
 *   GET  /staff/listings                       your listings (administrators: all, with a filter)
 *   POST /staff/listings/:id/quick/:action     full / places available / waiting list / referrals / still correct
 *   GET  /staff/listings/:id                   one listing: its sections and changes waiting for approval
 *   GET/POST /staff/listings/:id/:section      edit one section
 *   GET  /admin/approvals                      change requests waiting (administrators)
 *   GET  /admin/approvals/:id                  one request, as a diff
 *   POST /admin/approvals/:id/approve|reject
 *
 * Routes parse forms (with the pure functions in listing-form.ts) and choose
 * pages; every read and write goes through the policy-checked listingsService.
 */
import { Hono, type Context } from 'hono';
import { requireStaff } from '../../platform/auth/auth.middleware.ts';
import { DomainError } from '../../platform/http/errors.ts';
import type { StaffKey } from '../../platform/i18n/staff-catalogue.ts';
import type { FieldProblem } from '../../platform/views/error-summary.tsx';
import { staffErrorHandler, staffHtml, staffI18n } from '../../platform/views/staff-page.tsx';
import { LISTING_FILTERS, listingsService, type ListingFilter } from './listings.service.ts';
import { formValues, parseSection, submittedValues, type FormBody, type FormProblem } from './listing-form.ts';
import { isQuickAction } from './listing-quick.ts';
import { sectionById } from './listing-sections.ts';
import { ApprovalPage, ApprovalsPage, ListingPage, ListingsPage, SectionPage } from './listings.views.tsx';

/** One-time notices after a redirect (`?done=`). */
const NOTICES = new Set([
  'saved',
  'savedPending',
  'nothingChanged',
  'approved',
  'rejected',
  'places_available',
  'full',
  'waiting_list',
  'stop_referrals',
  'start_referrals',
  'still_correct',
]);

const notice = (c: Context) => {
  const done = c.req.query('done');
  return done && NOTICES.has(done) ? staffI18n(c).staff(`listings.done.${done}` as StaffKey) : null;
};

/** A parsed form body as plain strings (files are ignored). */
async function formBody(c: Context): Promise<FormBody> {
  const raw = await c.req.parseBody({ all: true });
  const out: FormBody = {};
  for (const [key, v] of Object.entries(raw)) {
    const list = (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string');
    out[key] = list.length === 1 ? list[0] : list;
  }
  return out;
}

export function listingsRoutes() {
  const app = new Hono();
  app.onError(staffErrorHandler);
  app.use('/staff/listings', requireStaff);
  app.use('/staff/listings/*', requireStaff);
  app.use('/admin/approvals', requireStaff);
  app.use('/admin/approvals/*', requireStaff);

  const svc = (c: Context) => listingsService(c.get('access'));
  const words = (c: Context, problems: FormProblem[]): FieldProblem[] =>
    problems.map((p) => ({ field: p.field, message: staffI18n(c).staff(`listings.problem.${p.code}` as StaffKey) }));

  app.get('/staff/listings', async (c) => {
    const actor = c.get('actor')!;
    const access = c.get('access');
    const all = access.can('listing.view');
    const f = c.req.query('filter') ?? 'all';
    const filter: ListingFilter = (LISTING_FILTERS as readonly string[]).includes(f) ? (f as ListingFilter) : 'all';
    const q = all ? (c.req.query('q') ?? '').slice(0, 100) : '';
    const noListings = !all && actor.role === 'provider_staff' && actor.listingOrganizationIds.length === 0;
    const listings = noListings ? [] : await svc(c).list({ filter, q });
    return staffHtml(
      c,
      <ListingsPage
        i18n={staffI18n(c)}
        csrf={c.get('csrfToken')}
        actor={actor}
        notice={notice(c)}
        listings={listings}
        filter={filter}
        q={q}
        all={all}
        noListings={noListings}
      />,
    );
  });

  app.post('/staff/listings/:id/quick/:action', async (c) => {
    const id = c.req.param('id');
    const action = c.req.param('action');
    if (!isQuickAction(action)) throw new DomainError('NotFound', 'No such action.');
    await svc(c).quick(id, action);
    const back = (c.req.header('referer') ?? '').includes(`/staff/listings/${id}`) ? `/staff/listings/${id}` : '/staff/listings';
    return c.redirect(`${back}?done=${action}`, 303);
  });

  app.get('/staff/listings/:id', async (c) => {
    const { graph, pending, origins } = await svc(c).get(c.req.param('id'));
    return staffHtml(
      c,
      <ListingPage
        i18n={staffI18n(c)}
        csrf={c.get('csrfToken')}
        actor={c.get('actor')!}
        notice={notice(c)}
        graph={graph}
        pending={pending}
        origins={[...origins.values()]}
      />,
    );
  });

  app.get('/staff/listings/:id/:section', async (c) => {
    const section = sectionById(c.req.param('section'));
    if (!section) throw new DomainError('NotFound', 'No such section.');
    const { graph, pending } = await svc(c).get(c.req.param('id'));
    const waits = !c.get('access').can('listing.approve');
    return staffHtml(
      c,
      <SectionPage
        i18n={staffI18n(c)}
        csrf={c.get('csrfToken')}
        actor={c.get('actor')!}
        graph={graph}
        section={section}
        values={formValues(section, graph)}
        pending={pending}
        waits={waits}
      />,
    );
  });

  app.post('/staff/listings/:id/:section', async (c) => {
    const id = c.req.param('id');
    const section = sectionById(c.req.param('section'));
    if (!section) throw new DomainError('NotFound', 'No such section.');
    const body = await formBody(c);
    const result = await svc(c).edit(id, (g) => parseSection(section, g, body), { what: section.id });
    if (result.ok) {
      const done = result.pending.length ? 'savedPending' : result.applied.length ? 'saved' : 'nothingChanged';
      return c.redirect(`/staff/listings/${id}?done=${done}`, 303);
    }
    const { graph, pending } = await svc(c).get(id);
    const waits = !c.get('access').can('listing.approve');
    return staffHtml(
      c,
      <SectionPage
        i18n={staffI18n(c)}
        csrf={c.get('csrfToken')}
        actor={c.get('actor')!}
        graph={graph}
        section={section}
        values={submittedValues(section, body)}
        pending={pending}
        waits={waits}
        problems={words(c, result.problems)}
      />,
      400,
    );
  });

  app.get('/admin/approvals', async (c) => {
    const requests = await svc(c).pendingApprovals();
    return staffHtml(
      c,
      <ApprovalsPage i18n={staffI18n(c)} csrf={c.get('csrfToken')} actor={c.get('actor')!} notice={notice(c)} requests={requests} />,
    );
  });

  async function approvalPage(
    c: Context,
    id: string,
    extra: { problems?: FieldProblem[]; note?: string } = {},
    status: 200 | 400 | 409 = 200,
  ) {
    const { request, current } = await svc(c).approval(id);
    return staffHtml(
      c,
      <ApprovalPage i18n={staffI18n(c)} csrf={c.get('csrfToken')} actor={c.get('actor')!} request={request} current={current} {...extra} />,
      status,
    );
  }

  app.get('/admin/approvals/:id', (c) => approvalPage(c, c.req.param('id')));

  for (const [path, decision] of [
    ['approve', 'approved'],
    ['reject', 'rejected'],
  ] as const) {
    app.post(`/admin/approvals/:id/${path}`, async (c) => {
      const id = c.req.param('id');
      const body = await formBody(c);
      const note = typeof body.note === 'string' ? body.note.slice(0, 1000) : '';
      const r = await svc(c).decide(id, decision, note);
      if (r.ok) return c.redirect(`/admin/approvals?done=${decision}`, 303);
      const s = staffI18n(c).staff;
      const field = r.why === 'noteMissing' ? 'note' : 'main';
      return approvalPage(
        c,
        id,
        { problems: [{ field, message: s(`approvals.problem.${r.why}` as StaffKey) }], note },
        r.why === 'noteMissing' ? 400 : 409,
      );
    });
  }

  return app;
}
