/**
 * Moving area (connectors):
 *
 *   GET/POST /staff/people/:id/handover          offer the record to another organisation here
 *   POST     /staff/people/:id/handover/export   download a sealed package for another deployment
 *   GET      /staff/handovers                    incoming hand-overs, and the import form
 *   POST     /staff/handovers/:h/accept|decline
 *   GET      /staff/handovers/:h                 after acceptance: what came along, and re-match
 *   POST     /staff/handovers/import             a package from another deployment
 *
 * Every read and write goes through the policy-checked service.
 */
import { Hono, type Context } from 'hono';
import type { Notifier } from '../../platform/notify/notifier.ts';
import { requireStaff } from '../../platform/auth/auth.middleware.ts';
import type { StaffKey } from '../../platform/i18n/staff-catalogue.ts';
import type { FieldProblem } from '../../platform/views/error-summary.tsx';
import { staffErrorHandler, staffHtml, staffI18n } from '../../platform/views/staff-page.tsx';
import { valuesOf, type FormBody } from '../../platform/http/form-body.ts';
import { checkPassphrase, MAX_PACKAGE_BYTES, scopeOf } from './handover-package.ts';
import type { GivenBy } from './handover.model.ts';
import { handoverService } from './handover.service.ts';
import { AcceptedPage, IncomingPage, StartPage, type FormValues } from './handover.views.tsx';

const GIVEN_BY: readonly GivenBy[] = ['verbal', 'written', 'self'];
const NOTICES = new Set(['started', 'declined', 'accepted', 'imported']);

function formValues(body: FormBody): FormValues {
  const out: FormValues = {};
  for (const k of Object.keys(body)) if (k !== 'passphrase' && k !== 'passphraseAgain' && k !== '_csrf') out[k] = valuesOf(body, k);
  return out;
}

const first = (body: FormBody, name: string) => (valuesOf(body, name)[0] ?? '').trim();
const givenByOf = (body: FormBody): GivenBy | null => {
  const g = first(body, 'givenBy');
  return (GIVEN_BY as readonly string[]).includes(g) ? (g as GivenBy) : null;
};

export function handoverRoutes(deps: { notifier: Notifier }) {
  const app = new Hono();
  app.onError(staffErrorHandler);
  app.use('/staff/handovers', requireStaff);
  app.use('/staff/handovers/*', requireStaff);
  app.use('/staff/people/:id/handover', requireStaff);
  app.use('/staff/people/:id/handover/*', requireStaff);
  const svc = (c: Context) => handoverService(c.get('access'), deps);
  const common = (c: Context) => ({ i18n: staffI18n(c), actor: c.get('actor')!, csrf: c.get('csrfToken') });
  const msg = (c: Context, key: string, values?: Record<string, string | number>) => staffI18n(c).staff(key as StaffKey, values);
  const notice = (c: Context) => {
    const done = c.req.query('done');
    return done && NOTICES.has(done) ? msg(c, `handover.notice.${done}`) : null;
  };

  async function startPage(
    c: Context,
    personId: string,
    extra: { problems?: FieldProblem[]; values?: FormValues; exportValues?: FormValues } = {},
    status: 200 | 400 | 409 = 200,
  ) {
    const o = await svc(c).overview(personId);
    c.header('Cache-Control', 'no-store');
    return staffHtml(c, <StartPage {...common(c)} personId={personId} {...o} notice={notice(c)} {...extra} />, status);
  }

  async function incomingPage(c: Context, extra: { problems?: FieldProblem[] } = {}, status: 200 | 400 | 409 = 200) {
    const items = await svc(c).incoming();
    c.header('Cache-Control', 'no-store');
    return staffHtml(c, <IncomingPage {...common(c)} items={items} notice={notice(c)} {...extra} />, status);
  }

  app.get('/staff/people/:id/handover', (c) => startPage(c, c.req.param('id')));

  app.post('/staff/people/:id/handover', async (c) => {
    const id = c.req.param('id');
    const body = (await c.req.parseBody({ all: true })) as FormBody;
    const problems: FieldProblem[] = [];
    const to = first(body, 'to');
    const givenBy = givenByOf(body);
    const newArea = first(body, 'newArea').slice(0, 20) || null;
    const note = first(body, 'note').slice(0, 1000) || null;
    if (!to) problems.push({ field: 'to-0', message: msg(c, 'handover.error.chooseOrganisation') });
    if (!givenBy) problems.push({ field: 'givenBy-0', message: msg(c, 'handover.error.consent') });
    if (problems.length || !givenBy) return startPage(c, id, { problems, values: formValues(body) }, 400);
    const r = await svc(c).start(id, { toOrganisationId: to, scope: scopeOf(valuesOf(body, 'scope')), givenBy, newArea, note });
    if (r.ok) return c.redirect(`/staff/people/${id}/handover?done=started`, 303);
    const field = r.error === 'area_unknown' ? 'newArea' : 'to-0';
    return startPage(
      c,
      id,
      { problems: [{ field, message: msg(c, `handover.error.${r.error}`) }], values: formValues(body) },
      r.error === 'already_offered' ? 409 : 400,
    );
  });

  app.post('/staff/people/:id/handover/export', async (c) => {
    const id = c.req.param('id');
    const body = (await c.req.parseBody({ all: true })) as FormBody;
    const problems: FieldProblem[] = [];
    const givenBy = givenByOf(body);
    const pass = valuesOf(body, 'passphrase')[0] ?? '';
    const again = valuesOf(body, 'passphraseAgain')[0] ?? '';
    if (!givenBy) problems.push({ field: 'xgivenBy-0', message: msg(c, 'handover.error.consent') });
    const passProblem = checkPassphrase(pass, again);
    if (passProblem)
      problems.push({
        field: passProblem === 'mismatch' ? 'passphraseAgain' : 'passphrase',
        message: msg(c, `handover.error.${passProblem}`),
      });
    if (problems.length || !givenBy) return startPage(c, id, { problems, exportValues: formValues(body) }, 400);
    const file = await svc(c).exportPackage(id, scopeOf(valuesOf(body, 'scope')), givenBy, pass);
    c.header('Cache-Control', 'no-store');
    c.header('Content-Disposition', `attachment; filename="${file.fileName}"`);
    return c.body(file.text, 200, { 'Content-Type': 'application/json; charset=utf-8' });
  });

  app.get('/staff/handovers', (c) => incomingPage(c));

  app.post('/staff/handovers/import', async (c) => {
    const body = await c.req.parseBody({ all: true });
    const file = body.package;
    const pass = typeof body.passphrase === 'string' ? body.passphrase : '';
    const g = typeof body.givenBy === 'string' && (GIVEN_BY as readonly string[]).includes(body.givenBy) ? (body.givenBy as GivenBy) : null;
    const problems: FieldProblem[] = [];
    if (!(file instanceof File) || file.size === 0) problems.push({ field: 'package', message: msg(c, 'handover.error.noFile') });
    else if (file.size > MAX_PACKAGE_BYTES) problems.push({ field: 'package', message: msg(c, 'handover.error.tooLarge') });
    if (!pass) problems.push({ field: 'importPassphrase', message: msg(c, 'handover.error.noPassphrase') });
    if (!g) problems.push({ field: 'igivenBy-0', message: msg(c, 'handover.error.consent') });
    if (problems.length || !(file instanceof File) || !g) return incomingPage(c, { problems }, 400);
    const r = await svc(c).importPackage(await file.text(), pass, g);
    if (r.ok) return c.redirect(`/staff/people/${r.personId}/handover?done=imported`, 303);
    const field = r.error === 'wrong_passphrase' ? 'importPassphrase' : 'package';
    return incomingPage(
      c,
      { problems: [{ field, message: msg(c, `handover.error.${r.error}`, { version: r.detail ?? '?' }) }] },
      r.error === 'already_imported' ? 409 : 400,
    );
  });

  app.get('/staff/handovers/:h', async (c) => {
    const h = await svc(c).get(c.req.param('h'));
    c.header('Cache-Control', 'no-store');
    return staffHtml(c, <AcceptedPage {...common(c)} h={h} notice={notice(c)} />);
  });

  app.post('/staff/handovers/:h/accept', async (c) => {
    const hid = c.req.param('h');
    const r = await svc(c).accept(hid);
    if (r.ok) return c.redirect(`/staff/handovers/${hid}?done=accepted`, 303);
    return incomingPage(c, { problems: [{ field: 'main', message: msg(c, `handover.error.${r.error}`) }] }, 409);
  });

  app.post('/staff/handovers/:h/decline', async (c) => {
    const hid = c.req.param('h');
    const body = await c.req.parseBody();
    const note = typeof body.declineNote === 'string' ? body.declineNote.trim().slice(0, 1000) || null : null;
    const r = await svc(c).decline(hid, note);
    if (r.ok) return c.redirect('/staff/handovers?done=declined', 303);
    return incomingPage(c, { problems: [{ field: 'main', message: msg(c, `handover.error.${r.error}`) }] }, 409);
  });

  return app;
}
