/**
 * Safety and rights (issue 15), for now "ask someone to contact me":
 *
 *   GET  /ask                                    the public form, in the person's language
 *   POST /ask                                    check; 400 with an error summary, or store and 303 to…
 *   GET  /ask/thanks                             the thank-you page
 *   GET  /staff/contact-requests                 the connector organisation's queue
 *   POST /staff/contact-requests/:id/pick-up     a connector takes a request
 *
 * The public form is protected like the report form: the app-wide origin
 * check, a honeypot, and a few requests an hour per hashed address (429).
 */
import { Hono } from 'hono';
import type { AppDeps } from '../../platform/http/app-deps.ts';
import { createAccess } from '../../platform/auth/access.ts';
import { requireStaff } from '../../platform/auth/auth.middleware.ts';
import { clientAddressHash } from '../../platform/auth/client-address.ts';
import { isUuid } from '../../platform/ids.ts';
import { page } from '../../platform/views/layout.tsx';
import { staffErrorHandler, staffHtml, staffI18n } from '../../platform/views/staff-page.tsx';
import { readShortlist } from '../find/shortlist.cookie.ts';
import { parsePostcode } from '../geo/postcodes.ts';
import { parseContactRequestForm } from './contact-request-form.ts';
import { contactRequestService, submitContactRequest } from './contact-request.service.ts';
import { AskDonePage, AskPage, ContactQueuePage } from './contact-request.views.tsx';
import { retryAfterSeconds } from '../../platform/http/form-throttle.ts';

/** The public pages; mount after the i18n middleware. */
export function safetyPublicRoutes({ database, config, now }: Pick<AppDeps, 'database' | 'config'> & { now: () => Date }) {
  const db = database.db;
  const trustProxy = config.TRUST_PROXY === 'on';
  const app = new Hono();

  app.get('/ask', (c) => c.html(page(<AskPage i18n={c.get('i18n')} listCount={readShortlist(c).length} />)));

  app.post('/ask', async (c) => {
    const i18n = c.get('i18n');
    const listCount = readShortlist(c).length;
    c.header('Cache-Control', 'no-store');
    const parsed = parseContactRequestForm(await c.req.parseBody({ all: true }), i18n.locale);
    if (!parsed.ok && parsed.spam) return c.redirect('/ask/thanks', 303);
    if (!parsed.ok)
      return c.html(page(<AskPage i18n={i18n} listCount={listCount} values={parsed.values} problems={parsed.problems} />), 400);
    const ipHash = await clientAddressHash(c, db, trustProxy);
    const access = createAccess(db, { actor: null, requestId: (c.get('requestId' as never) as string | undefined) ?? null, ipHash, now });
    const result = await submitContactRequest(db, {
      input: parsed.value,
      outcode: parsed.value.where ? (parsePostcode(parsed.value.where)?.outcode ?? null) : null,
      throttleKey: ipHash,
      origin: access.origin(),
    });
    if (!result.stored) {
      c.header('Retry-After', String(retryAfterSeconds(result.retryAt, now())));
      return c.html(page(<AskDonePage i18n={i18n} listCount={listCount} tooMany={true} />), 429);
    }
    return c.redirect('/ask/thanks', 303);
  });

  app.get('/ask/thanks', (c) => c.html(page(<AskDonePage i18n={c.get('i18n')} listCount={readShortlist(c).length} tooMany={false} />)));

  return app;
}

/** The staff pages; mount after the staff middleware. */
export function safetyStaffRoutes({ now }: { now: () => Date }) {
  const staff = new Hono();
  staff.onError(staffErrorHandler);
  staff.use('/staff/contact-requests', requireStaff);
  staff.use('/staff/contact-requests/*', requireStaff);

  staff.get('/staff/contact-requests', async (c) => {
    const requests = await contactRequestService(c.get('access')).queue();
    const done = c.req.query('done');
    const i18n = staffI18n(c);
    const notice =
      done === 'picked'
        ? i18n.staff('safety.queue.noticePicked')
        : done === 'already'
          ? i18n.staff('safety.queue.noticeAlready')
          : undefined;
    return staffHtml(
      c,
      <ContactQueuePage i18n={i18n} actor={c.get('actor')!} csrf={c.get('csrfToken')} requests={requests} now={now()} notice={notice} />,
    );
  });

  staff.post('/staff/contact-requests/:id/pick-up', async (c) => {
    const id = (c.req.param('id') ?? '').toLowerCase();
    const outcome = isUuid(id) ? await contactRequestService(c.get('access')).pickUp(id) : 'missing';
    if (outcome === 'missing') return c.text('There is no such request.', 404);
    return c.redirect(`/staff/contact-requests?done=${outcome}`, 303);
  });

  return staff;
}
