/**
 * Organisation and staff administration:
 *
 *   GET      /staff/organisations                      all organisations (administrators)
 *   GET/POST /staff/organisations/new, /staff/organisations   add one
 *   GET      /staff/organisations/:id                  one organisation (its own staff see it; managers see staff)
 *   POST     /staff/organisations/:id                  rename / change kind
 *   POST     /staff/organisations/:id/suspend|reinstate
 *   POST     /staff/organisations/:id/listings         link a directory organisation; …/listings/:org/remove
 *   POST     /staff/organisations/:id/invitations      invite someone (shows the link to pass on)
 *   POST     /staff/invitations/:id/revoke
 *   GET      /staff/accounts/:id                       one member of staff (+ who has looked at their record)
 *   POST     /staff/accounts/:id/role|suspend|reinstate|reset
 *
 * Every read and write goes through the policy-checked services; routes only
 * parse forms and choose pages.
 */
import { Hono, type Context } from 'hono';
import type { AppDeps } from '../../platform/http/app-deps.ts';
import { requireStaff } from '../../platform/auth/auth.middleware.ts';
import { auditLog } from '../../platform/auth/audit-log.service.ts';
import type { Notifier } from '../../platform/notify/notifier.ts';
import type { FieldProblem } from '../../platform/views/error-summary.tsx';
import { problemMessage, type Problem } from '../accounts/problems.ts';
import { field, linkBase, noticeFor, staffErrorHandler, staffHtml, staffI18n } from '../../platform/views/staff-page.tsx';
import { organisationsService } from './organisations.service.ts';
import {
  AccountAdminPage,
  LinkIssuedPage,
  NewOrganisationPage,
  OrganisationPage,
  OrganisationsListPage,
  type OrganisationPageProps,
} from './organisations.views.tsx';
import { staffService } from './staff.service.ts';

/** Field ids in error summaries: radios link to their first option. */
const RADIO_FIELDS = new Set(['kind', 'role']);

export function organisationsRoutes(deps: Pick<AppDeps, 'config'> & { notifier: Notifier }) {
  const app = new Hono();
  app.onError(staffErrorHandler);
  app.use('/staff/organisations/*', requireStaff); // also matches /staff/organisations
  app.use('/staff/invitations/*', requireStaff);
  app.use('/staff/accounts/*', requireStaff);

  const orgs = (c: Context) => organisationsService(c.get('access'));
  const staff = (c: Context) => staffService(c.get('access'), { notifier: deps.notifier, baseUrl: linkBase(c, deps.config.PUBLIC_URL) });
  const toProblems = (c: Context, list: Problem[]): FieldProblem[] =>
    list.map((p) => ({ field: RADIO_FIELDS.has(p.field) ? `${p.field}-0` : p.field, message: problemMessage(staffI18n(c), p.code) }));

  /** The organisation page, with whatever this person may see. */
  async function organisationPage(c: Context, id: string, extra: Partial<OrganisationPageProps> = {}, status: 200 | 400 = 200) {
    const actor = c.get('actor')!;
    const access = c.get('access');
    const org = await orgs(c).get(id);
    const staffList = access.can('staff.list', { organisationId: id }) ? await staff(c).list(id) : null;
    const q = c.req.query('q');
    const search =
      q !== undefined && access.can('organisation.update', { organisationId: id })
        ? { query: q, results: await orgs(c).findDirectoryOrganizations(q) }
        : null;
    const i18n = staffI18n(c);
    return staffHtml(
      c,
      <OrganisationPage
        i18n={i18n}
        csrf={c.get('csrfToken')}
        actor={actor}
        org={org}
        staff={staffList}
        search={search}
        notice={noticeFor(i18n, c.req.query('done'))}
        {...extra}
      />,
      status,
    );
  }

  app.get('/staff/organisations', async (c) => {
    const i18n = staffI18n(c);
    const list = await orgs(c).list();
    return staffHtml(
      c,
      <OrganisationsListPage
        i18n={i18n}
        csrf={c.get('csrfToken')}
        actor={c.get('actor')!}
        organisations={list}
        notice={noticeFor(i18n, c.req.query('done'))}
      />,
    );
  });

  app.get('/staff/organisations/new', async (c) => {
    // Ask the policy before showing the form, so people without the right see "no access" here, not after typing.
    await orgs(c).list();
    return staffHtml(c, <NewOrganisationPage i18n={staffI18n(c)} csrf={c.get('csrfToken')} actor={c.get('actor')!} />);
  });

  app.post('/staff/organisations', async (c) => {
    const body = await c.req.parseBody();
    const input = { name: field(body, 'name'), kind: field(body, 'kind') };
    const result = await orgs(c).create(input);
    if (result.ok) return c.redirect(`/staff/organisations/${result.value}?done=organisationCreated`, 303);
    return staffHtml(
      c,
      <NewOrganisationPage
        i18n={staffI18n(c)}
        csrf={c.get('csrfToken')}
        actor={c.get('actor')!}
        name={input.name}
        kind={input.kind}
        problems={toProblems(c, result.problems)}
      />,
      400,
    );
  });

  app.get('/staff/organisations/:id', (c) => organisationPage(c, c.req.param('id')));

  app.post('/staff/organisations/:id', async (c) => {
    const id = c.req.param('id');
    const body = await c.req.parseBody();
    const input = { name: field(body, 'name'), kind: field(body, 'kind') };
    const result = await orgs(c).update(id, input);
    if (result.ok) return c.redirect(`/staff/organisations/${id}?done=organisationUpdated`, 303);
    return organisationPage(c, id, { problems: toProblems(c, result.problems), form: input }, 400);
  });

  for (const [path, suspend] of [
    ['suspend', true],
    ['reinstate', false],
  ] as const) {
    app.post(`/staff/organisations/:id/${path}`, async (c) => {
      const id = c.req.param('id');
      const body = await c.req.parseBody();
      const reason = field(body, 'reason');
      const result = await orgs(c).setSuspended(id, suspend, reason);
      if (result.ok)
        return c.redirect(`/staff/organisations/${id}?done=${suspend ? 'organisationSuspended' : 'organisationReinstated'}`, 303);
      return organisationPage(c, id, { problems: toProblems(c, result.problems), form: { reason } }, 400);
    });
  }

  app.post('/staff/organisations/:id/listings', async (c) => {
    const id = c.req.param('id');
    const body = await c.req.parseBody();
    const result = await orgs(c).linkListing(id, field(body, 'organizationId'));
    if (result.ok) return c.redirect(`/staff/organisations/${id}?done=listingLinked`, 303);
    return organisationPage(c, id, { problems: toProblems(c, result.problems).map((p) => ({ ...p, field: 'q' })) }, 400);
  });

  app.post('/staff/organisations/:id/listings/:org/remove', async (c) => {
    const id = c.req.param('id');
    await orgs(c).unlinkListing(id, c.req.param('org'));
    return c.redirect(`/staff/organisations/${id}?done=listingUnlinked`, 303);
  });

  app.post('/staff/organisations/:id/invitations', async (c) => {
    const id = c.req.param('id');
    const body = await c.req.parseBody();
    const input = { email: field(body, 'email'), role: field(body, 'role'), manager: field(body, 'manager') === 'yes' };
    const result = await staff(c).invite(id, input);
    if (!result.ok) return organisationPage(c, id, { problems: toProblems(c, result.problems), form: input }, 400);
    return staffHtml(
      c,
      <LinkIssuedPage
        i18n={staffI18n(c)}
        csrf={c.get('csrfToken')}
        actor={c.get('actor')!}
        link={result.value}
        kind="invitation"
        back={`/staff/organisations/${id}`}
      />,
    );
  });

  app.post('/staff/invitations/:id/revoke', async (c) => {
    const id = c.req.param('id');
    const organisationId = await staff(c).revokeInvitation(id);
    return c.redirect(`/staff/organisations/${organisationId}?done=invitationRevoked`, 303);
  });

  /** One member of staff; administrators also see who has looked at or changed the record. */
  async function accountPage(
    c: Context,
    id: string,
    extra: { problems?: FieldProblem[]; form?: { role?: string; manager?: boolean; reason?: string } } = {},
    status: 200 | 400 = 200,
  ) {
    const i18n = staffI18n(c);
    const access = c.get('access');
    const member = await staff(c).get(id);
    const history = access.can('audit.subject_history') ? await auditLog(access).forSubject('staff_account', id) : null;
    return staffHtml(
      c,
      <AccountAdminPage
        i18n={i18n}
        csrf={c.get('csrfToken')}
        actor={c.get('actor')!}
        member={member}
        history={history}
        notice={noticeFor(i18n, c.req.query('done'))}
        {...extra}
      />,
      status,
    );
  }

  app.get('/staff/accounts/:id', (c) => accountPage(c, c.req.param('id')));

  app.post('/staff/accounts/:id/role', async (c) => {
    const id = c.req.param('id');
    const body = await c.req.parseBody();
    const input = { role: field(body, 'role'), manager: field(body, 'manager') === 'yes' };
    const result = await staff(c).changeRole(id, input);
    if (result.ok) return c.redirect(`/staff/accounts/${id}?done=roleChanged`, 303);
    return accountPage(c, id, { problems: toProblems(c, result.problems), form: input }, 400);
  });

  for (const [path, suspend] of [
    ['suspend', true],
    ['reinstate', false],
  ] as const) {
    app.post(`/staff/accounts/:id/${path}`, async (c) => {
      const id = c.req.param('id');
      const body = await c.req.parseBody();
      const reason = field(body, 'reason');
      const result = await staff(c).setSuspended(id, suspend, reason);
      if (result.ok) return c.redirect(`/staff/accounts/${id}?done=${suspend ? 'accountSuspended' : 'accountReinstated'}`, 303);
      return accountPage(c, id, { problems: toProblems(c, result.problems), form: { reason } }, 400);
    });
  }

  app.post('/staff/accounts/:id/reset', async (c) => {
    const id = c.req.param('id');
    const body = await c.req.parseBody();
    const link = await staff(c).issueReset(id, { clearTwoStep: field(body, 'clearTwoStep') === 'yes' });
    return staffHtml(
      c,
      <LinkIssuedPage
        i18n={staffI18n(c)}
        csrf={c.get('csrfToken')}
        actor={c.get('actor')!}
        link={link}
        kind="reset"
        back={`/staff/accounts/${id}`}
      />,
    );
  });

  return app;
}
