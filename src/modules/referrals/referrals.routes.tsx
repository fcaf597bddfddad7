/**
 * Referral pages:
 *
 *   GET  /staff/referrals                                  the connector's "today" list
 *   GET  /staff/people/:personId/referrals/new             start a referral for a person
 *   POST /staff/people/:personId/referrals
 *   GET  /staff/referrals/:id                              one referral (?q= finds a service; &reroute=<attempt>)
 *   POST /staff/referrals/:id/attempts                     choose a service (a draft attempt)
 *   POST /staff/referrals/:id/attempts/:a/send             record the share consent and send
 *   POST /staff/referrals/:id/attempts/:a/reroute          close and send elsewhere
 *   POST /staff/referrals/:id/attempts/:a/share-withdrawn  the person withdrew their share consent
 *   POST /staff/referrals/:id/attempts/:a/check-in/:event  the person's check-in answer
 *   POST /staff/referrals/:id/attempts/:a/group/:event     a step a group with no account told the connector (by phone)
 *   POST /staff/referrals/:id/attempts/:a/group-link/send  send that group a new link (the old one stops working)
 *   POST /staff/referrals/:id/attempts/:a/group-link/stop  stop its link
 *   POST /staff/referrals/:id/attempts/:a/:event           the referrer's events
 *   GET  /staff/referrals/inbox                            the provider's inbox
 *   GET  /staff/referrals/inbox/:a                         one incoming attempt
 *   POST /staff/referrals/inbox/:a/:event                  the recipient's events
 *   POST /staff/referrals/services/:s/pause|resume         stop or restart referrals to a service
 *
 * Every read and write goes through the policy-checked services.
 */
import { Hono, type Context } from 'hono';
import type { Notifier } from '../../platform/notify/notifier.ts';
import { requireStaff } from '../../platform/auth/auth.middleware.ts';
import { isUuid } from '../../platform/ids.ts';
import type { FieldProblem } from '../../platform/views/error-summary.tsx';
import { linkBase, staffErrorHandler, staffHtml, staffI18n } from '../../platform/views/staff-page.tsx';
import type { Config } from '../../config.ts';
import { referralInboxService } from './referral-inbox.service.ts';
import { IncomingPage, InboxPage } from './referral-inbox.views.tsx';
import { ERROR_MESSAGES, errorField, isFormEvent, parseReferralInput, type ActionError } from './referral-form.ts';
import { SHAREABLE_FIELDS } from './referral-sharing.ts';
import { GROUP_EVENTS } from './group-link.ts';
import { referralsService } from './referrals.service.ts';
import { NewReferralPage, ReferralPage, TodayPage, type SendValues } from './referrals.views.tsx';

const DONE: Record<
  string,
  | 'referrals.done.created'
  | 'referrals.done.chosen'
  | 'referrals.done.sent'
  | 'referrals.done.saved'
  | 'referrals.done.nothingChanged'
  | 'referrals.done.rerouted'
  | 'referrals.done.consentWithdrawn'
  | 'referrals.done.paused'
  | 'referrals.done.resumed'
  | 'referrals.done.linkSent'
  | 'referrals.done.linkStopped'
> = {
  created: 'referrals.done.created',
  chosen: 'referrals.done.chosen',
  sent: 'referrals.done.sent',
  saved: 'referrals.done.saved',
  same: 'referrals.done.nothingChanged',
  rerouted: 'referrals.done.rerouted',
  consent: 'referrals.done.consentWithdrawn',
  paused: 'referrals.done.paused',
  resumed: 'referrals.done.resumed',
  linkSent: 'referrals.done.linkSent',
  linkStopped: 'referrals.done.linkStopped',
};

export function referralsRoutes(deps: { notifier: Notifier; config?: Pick<Config, 'PUBLIC_URL'> }) {
  const app = new Hono();
  app.onError(staffErrorHandler);
  app.use('/staff/referrals/*', requireStaff);
  app.use('/staff/people/:personId/referrals/*', requireStaff);
  app.use('/staff/people/:personId/referrals', requireStaff);

  const referrals = (c: Context) =>
    referralsService(c.get('access'), { notifier: deps.notifier, baseUrl: linkBase(c, deps.config?.PUBLIC_URL) });
  const inbox = (c: Context) => referralInboxService(c.get('access'), deps);
  const notice = (c: Context) => {
    const k = DONE[c.req.query('done') ?? ''];
    return k ? staffI18n(c).staff(k) : null;
  };
  const version = (body: Record<string, unknown>) => {
    const n = Number(body.version);
    return Number.isInteger(n) && n >= 0 ? n : -1;
  };
  const problemsFor = (c: Context, error: ActionError, event?: string): FieldProblem[] => {
    const field = errorField(error, event);
    return [
      { field: field === 'state' || field === 'fields' ? field : `${event}-${field}`, message: staffI18n(c).staff(ERROR_MESSAGES[error]) },
    ];
  };
  const statusFor = (error: ActionError) =>
    error === 'stale' || error === 'closed' || error === 'wrong_state' ? 409 : error === 'not_found' ? 404 : 400;

  async function referralPage(
    c: Context,
    id: string,
    extra: { problems?: FieldProblem[]; stale?: boolean; sendValues?: SendValues } = {},
    status: 200 | 400 | 404 | 409 = 200,
  ) {
    const i18n = staffI18n(c);
    const svc = referrals(c);
    const r = await svc.get(id);
    const query = c.req.query('q') ?? '';
    const reroute = c.req.query('reroute') ?? null;
    const results = query ? await svc.findServices(query) : null;
    return staffHtml(
      c,
      <ReferralPage
        i18n={i18n}
        csrf={c.get('csrfToken')}
        actor={c.get('actor')!}
        r={r}
        query={query}
        results={results}
        rerouting={reroute && isUuid(reroute) ? reroute : null}
        notice={notice(c)}
        {...extra}
      />,
      status,
    );
  }

  // --- The provider's inbox (before /staff/referrals/:id) ---
  app.get('/staff/referrals/inbox', async (c) => {
    const svc = inbox(c);
    const items = await svc.list();
    return staffHtml(
      c,
      <InboxPage
        i18n={staffI18n(c)}
        csrf={c.get('csrfToken')}
        actor={c.get('actor')!}
        items={items}
        services={await svc.services()}
        notice={notice(c)}
      />,
    );
  });

  app.get('/staff/referrals/inbox/:attemptId', async (c) => {
    const a = await inbox(c).get(c.req.param('attemptId'));
    return staffHtml(c, <IncomingPage i18n={staffI18n(c)} csrf={c.get('csrfToken')} actor={c.get('actor')!} a={a} notice={notice(c)} />);
  });

  app.post('/staff/referrals/inbox/:attemptId/:event', async (c) => {
    const id = c.req.param('attemptId');
    const event = c.req.param('event');
    if (!isFormEvent(event)) return c.notFound();
    const body = await c.req.parseBody();
    const r = await inbox(c).respond(id, event, body, version(body));
    if (r.ok) return c.redirect(`/staff/referrals/inbox/${id}?done=${r.changed ? 'saved' : 'same'}`, 303);
    const a = await inbox(c).get(id);
    return staffHtml(
      c,
      <IncomingPage
        i18n={staffI18n(c)}
        csrf={c.get('csrfToken')}
        actor={c.get('actor')!}
        a={a}
        problems={r.error === 'stale' ? [] : problemsFor(c, r.error, event)}
        stale={r.error === 'stale'}
      />,
      statusFor(r.error),
    );
  });

  app.post('/staff/referrals/services/:serviceId/:what{pause|resume}', async (c) => {
    const what = c.req.param('what');
    await inbox(c).setAccepting(c.req.param('serviceId'), what === 'resume');
    return c.redirect(`/staff/referrals/inbox?done=${what === 'resume' ? 'resumed' : 'paused'}`, 303);
  });

  // --- The connector's side ---
  app.get('/staff/referrals', async (c) => {
    const items = await referrals(c).today();
    return staffHtml(
      c,
      <TodayPage i18n={staffI18n(c)} csrf={c.get('csrfToken')} actor={c.get('actor')!} items={items} notice={notice(c)} />,
    );
  });

  app.get('/staff/people/:personId/referrals/new', async (c) => {
    const personId = c.req.param('personId');
    const name = await referrals(c).personName(personId);
    return staffHtml(
      c,
      <NewReferralPage i18n={staffI18n(c)} csrf={c.get('csrfToken')} actor={c.get('actor')!} personId={personId} personName={name} />,
    );
  });

  app.post('/staff/people/:personId/referrals', async (c) => {
    const personId = c.req.param('personId');
    const parsed = parseReferralInput(await c.req.parseBody());
    if (!parsed.ok) {
      const i18n = staffI18n(c);
      const name = await referrals(c).personName(personId);
      const problems = parsed.problems.map((p) => ({ field: p.field, message: i18n.staff(p.message) }));
      return staffHtml(
        c,
        <NewReferralPage
          i18n={i18n}
          csrf={c.get('csrfToken')}
          actor={c.get('actor')!}
          personId={personId}
          personName={name}
          value={parsed.value}
          problems={problems}
        />,
        400,
      );
    }
    const id = await referrals(c).create(personId, parsed.value);
    return c.redirect(`/staff/referrals/${id}?done=created`, 303);
  });

  app.get('/staff/referrals/:id', (c) => referralPage(c, c.req.param('id')));

  app.post('/staff/referrals/:id/attempts', async (c) => {
    const id = c.req.param('id');
    const body = await c.req.parseBody();
    const r = await referrals(c).chooseService(id, typeof body.serviceId === 'string' ? body.serviceId : '');
    if (r.ok) return c.redirect(`/staff/referrals/${id}?done=chosen#attempt-${r.attemptId}`, 303);
    return referralPage(c, id, { problems: problemsFor(c, r.error) }, 400);
  });

  app.post('/staff/referrals/:id/attempts/:attemptId/send', async (c) => {
    const id = c.req.param('id');
    const body = await c.req.parseBody();
    const fields = SHAREABLE_FIELDS.filter((f) => body[`field-${f}`] === 'yes');
    const attemptId = c.req.param('attemptId');
    // How the person agreed is theirs to say: nothing is assumed.
    const givenBy = body.givenBy === 'verbal' || body.givenBy === 'written' || body.givenBy === 'self' ? body.givenBy : null;
    const groupContact = body.groupContact === 'link' || body.groupContact === 'phone' ? body.groupContact : null;
    const sendValues: SendValues = { attemptId, fields, ...(givenBy ? { givenBy } : {}), ...(groupContact ? { groupContact } : {}) };
    if (!givenBy)
      return referralPage(
        c,
        id,
        { problems: [{ field: 'givenBy', message: staffI18n(c).staff('referrals.error.givenByMissing') }], sendValues },
        400,
      );
    const r = await referrals(c).send(id, attemptId, { fields, givenBy, expectedVersion: version(body), groupContact });
    if (r.ok) return c.redirect(`/staff/referrals/${id}?done=${r.changed ? 'sent' : 'same'}`, 303);
    return referralPage(
      c,
      id,
      { problems: r.error === 'stale' ? [] : problemsFor(c, r.error), stale: r.error === 'stale', sendValues },
      statusFor(r.error),
    );
  });

  app.post('/staff/referrals/:id/attempts/:attemptId/reroute', async (c) => {
    const id = c.req.param('id');
    const body = await c.req.parseBody();
    const r = await referrals(c).reroute(
      id,
      c.req.param('attemptId'),
      typeof body.serviceId === 'string' ? body.serviceId : '',
      version(body),
    );
    if (r.ok) return c.redirect(`/staff/referrals/${id}?done=rerouted#attempt-${r.attemptId}`, 303);
    return referralPage(
      c,
      id,
      { problems: r.error === 'stale' ? [] : problemsFor(c, r.error), stale: r.error === 'stale' },
      statusFor(r.error),
    );
  });

  app.post('/staff/referrals/:id/attempts/:attemptId/share-withdrawn', async (c) => {
    const id = c.req.param('id');
    const r = await referrals(c).withdrawShareConsent(id, c.req.param('attemptId'));
    if (r.ok) return c.redirect(`/staff/referrals/${id}?done=consent`, 303);
    return referralPage(c, id, { problems: problemsFor(c, r.error) }, statusFor(r.error));
  });

  const referrerEvent = (side: 'referrer' | 'person') => async (c: Context) => {
    const id = c.req.param('id')!;
    const event = c.req.param('event')!;
    if (!isFormEvent(event)) return c.notFound();
    const body = await c.req.parseBody();
    const r = await referrals(c).act(id, c.req.param('attemptId')!, event, body, version(body), side);
    if (r.ok) return c.redirect(`/staff/referrals/${id}?done=${r.changed ? 'saved' : 'same'}`, 303);
    return referralPage(
      c,
      id,
      { problems: r.error === 'stale' ? [] : problemsFor(c, r.error, event), stale: r.error === 'stale' },
      statusFor(r.error),
    );
  };
  app.post('/staff/referrals/:id/attempts/:attemptId/group-link/:what{send|stop}', async (c) => {
    const id = c.req.param('id');
    const attemptId = c.req.param('attemptId');
    const svc = referrals(c);
    const r = c.req.param('what') === 'send' ? await svc.sendGroupLink(id, attemptId) : await svc.stopGroupLink(id, attemptId);
    if (r.ok)
      return c.redirect(
        `/staff/referrals/${id}?done=${c.req.param('what') === 'send' ? 'linkSent' : 'linkStopped'}#attempt-${attemptId}`,
        303,
      );
    return referralPage(c, id, { problems: problemsFor(c, r.error) }, statusFor(r.error));
  });

  app.post('/staff/referrals/:id/attempts/:attemptId/group/:event', async (c) => {
    const id = c.req.param('id');
    const event = c.req.param('event');
    if (!isFormEvent(event) || !GROUP_EVENTS.includes(event)) return c.notFound();
    const body = await c.req.parseBody();
    const r = await referrals(c).actForGroup(id, c.req.param('attemptId'), event, body, version(body));
    if (r.ok) return c.redirect(`/staff/referrals/${id}?done=${r.changed ? 'saved' : 'same'}`, 303);
    return referralPage(
      c,
      id,
      { problems: r.error === 'stale' ? [] : problemsFor(c, r.error, event), stale: r.error === 'stale' },
      statusFor(r.error),
    );
  });
  app.post('/staff/referrals/:id/attempts/:attemptId/check-in/:event', referrerEvent('person'));
  app.post('/staff/referrals/:id/attempts/:attemptId/:event', referrerEvent('referrer'));

  return app;
}
