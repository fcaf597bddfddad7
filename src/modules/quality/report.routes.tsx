/**
 * "Report a problem with this listing", for anyone (no sign-in):
 *
 *   GET  /services/:id/report          the form, in the person's language
 *   POST /services/:id/report          check; 400 with an error summary, or store and 303 to…
 *   GET  /services/:id/report/thanks   the thank-you page
 *
 * Protection without JavaScript: the app-wide origin check (a form posted
 * from another site is refused, as for every public form), a honeypot field
 * (a robot that fills it is thanked and nothing is stored), and at most a
 * few reports an hour from one (hashed) address (429 with a plain page).
 */
import { Hono, type Context } from 'hono';
import type { AppDeps } from '../../platform/http/app-deps.ts';
import { createAccess } from '../../platform/auth/access.ts';
import { clientAddressHash } from '../../platform/auth/client-address.ts';
import { isUuid } from '../../platform/ids.ts';
import { page } from '../../platform/views/layout.tsx';
import { notFoundHtml } from '../find/not-found.tsx';
import { readShortlist } from '../find/shortlist.cookie.ts';
import { parseReportForm } from './report-form.ts';
import { ReportPage, ReportThanksPage, ReportTooManyPage } from './report.views.tsx';
import { reportTarget, submitReport } from './report-intake.service.ts';
import { retryAfterSeconds } from '../../platform/http/form-throttle.ts';

export function reportRoutes({ database, config, now }: Pick<AppDeps, 'database' | 'config'> & { now: () => Date }) {
  const db = database.db;
  const trustProxy = config.TRUST_PROXY === 'on';
  const app = new Hono();

  const serviceId = (c: Context) => {
    const id = (c.req.param('id') ?? '').toLowerCase();
    return isUuid(id) ? id : null;
  };

  app.get('/services/:id/report', async (c) => {
    const id = serviceId(c);
    const target = id ? await reportTarget(db, id) : null;
    if (!target) return notFoundHtml(c);
    return c.html(page(<ReportPage i18n={c.get('i18n')} target={target} listCount={readShortlist(c).length} />));
  });

  app.post('/services/:id/report', async (c) => {
    const id = serviceId(c);
    const target = id ? await reportTarget(db, id) : null;
    if (!target) return notFoundHtml(c);
    const i18n = c.get('i18n');
    const listCount = readShortlist(c).length;
    c.header('Cache-Control', 'no-store');
    const parsed = parseReportForm(await c.req.parseBody());
    const thanks = `/services/${target.serviceId}/report/thanks`;
    if (!parsed.ok && parsed.spam) return c.redirect(thanks, 303);
    if (!parsed.ok) {
      return c.html(
        page(<ReportPage i18n={i18n} target={target} listCount={listCount} values={parsed.values} problems={parsed.problems} />),
        400,
      );
    }
    const ipHash = await clientAddressHash(c, db, trustProxy);
    const access = createAccess(db, { actor: null, requestId: (c.get('requestId' as never) as string | undefined) ?? null, ipHash, now });
    const result = await submitReport(db, {
      serviceId: target.serviceId,
      input: parsed.value,
      language: i18n.locale,
      throttleKey: ipHash,
      origin: access.origin(),
    });
    if (!result.stored) {
      c.header('Retry-After', String(retryAfterSeconds(result.retryAt, now())));
      return c.html(page(<ReportTooManyPage i18n={i18n} serviceId={target.serviceId} listCount={listCount} />), 429);
    }
    return c.redirect(thanks, 303);
  });

  app.get('/services/:id/report/thanks', async (c) => {
    const id = serviceId(c);
    if (!id) return notFoundHtml(c);
    return c.html(page(<ReportThanksPage i18n={c.get('i18n')} serviceId={id} listCount={readShortlist(c).length} />));
  });

  return app;
}
