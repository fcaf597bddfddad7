/**
 * The page a group with no account reaches from its link (ADR 8), without
 * signing in:
 *
 *   GET  /group-referral/:token             the referral as the group may see it
 *   POST /group-referral/:token/:event      acknowledge, accept, waitlist, decline, book the first visit, record attendance
 *   POST /group-referral/:token/opt-out     stop these messages
 *
 * A refused link (unknown or tampered, expired, replaced, stopped, its
 * referral closed) gets a plain page that says why: 404 or 410. A form sent
 * twice, or from an old copy of the page, records nothing (409). The token
 * never reaches the logs (redactPath) nor other sites (Referrer-Policy).
 */
import { Hono, type Context } from 'hono';
import type { Config } from '../../config.ts';
import type { Database } from '../../platform/db/database.ts';
import { clientAddressHash } from '../../platform/auth/client-address.ts';
import { createI18n } from '../../platform/i18n/i18n.ts';
import type { Notifier } from '../../platform/notify/notifier.ts';
import { page } from '../../platform/views/layout.tsx';
import { groupLinkService, type RequestFacts } from './group-link.service.ts';
import { problemStatus } from './group-link.ts';
import { GroupLinkClosedDone, GroupLinkPage, GroupLinkRefused } from './group-link.views.tsx';
import { ERROR_MESSAGES, errorField } from './referral-form.ts';

const NOTICES = { saved: 'referrals.groupPage.saved', same: 'referrals.groupPage.same', stopped: 'referrals.groupPage.stopped' } as const;

export function groupLinkRoutes(deps: { config: Config; database: Database; notifier: Notifier; now: () => Date }) {
  const app = new Hono();
  const db = deps.database.db;
  const svc = groupLinkService(db, { notifier: deps.notifier, now: deps.now });
  const trustProxy = deps.config.TRUST_PROXY === 'on';
  const i18n = createI18n('en');
  const facts = async (c: Context): Promise<RequestFacts> => ({
    requestId: c.get('requestId' as never) ?? null,
    ipHash: await clientAddressHash(c, db, trustProxy),
  });
  const html = async (c: Context, node: Parameters<typeof page>[0], status: 200 | 400 | 404 | 409 | 410 = 200) => {
    c.header('Cache-Control', 'no-store');
    c.header('X-Robots-Tag', 'noindex');
    return c.html(await page(node), status);
  };

  async function show(
    c: Context,
    token: string,
    extra: { used?: boolean; problems?: { field: string; message: string }[] } = {},
    status: 200 | 400 | 409 = 200,
  ) {
    const r = await svc.view(token, await facts(c));
    if (!r.ok) {
      // The group's own last step closed it (e.g. they declined): thank them, show nothing personal.
      const done = c.req.query('done');
      if (r.problem === 'closed' && (done === 'saved' || done === 'same')) {
        const closed = await svc.closedSummary(token);
        if (closed) return html(c, <GroupLinkClosedDone i18n={i18n} serviceName={closed.serviceName} state={closed.state} />);
      }
      return html(c, <GroupLinkRefused i18n={i18n} problem={r.problem} />, problemStatus(r.problem));
    }
    const done = c.req.query('done') as keyof typeof NOTICES | undefined;
    const notice = done && Object.hasOwn(NOTICES, done) ? i18n.staff(NOTICES[done]) : null;
    return html(c, <GroupLinkPage i18n={i18n} token={token} p={r.page} notice={notice} {...extra} />, status);
  }

  app.get('/group-referral/:token', (c) => show(c, c.req.param('token')));

  app.post('/group-referral/:token/:event', async (c) => {
    const token = c.req.param('token');
    const param = c.req.param('event');
    const type = param === 'opt-out' ? 'opt_out' : param;
    const r = await svc.act(token, type, await c.req.parseBody(), await facts(c));
    if (r.ok) return c.redirect(`/group-referral/${token}?done=${type === 'opt_out' ? 'stopped' : r.changed ? 'saved' : 'same'}`, 303);
    if ('problem' in r) return html(c, <GroupLinkRefused i18n={i18n} problem={r.problem} />, problemStatus(r.problem));
    if (r.error === 'used' || r.error === 'stale') return show(c, token, { used: true }, 409);
    const field = errorField(r.error, type);
    const problems = [{ field: field === 'state' ? 'state' : `${type}-${field}`, message: i18n.staff(ERROR_MESSAGES[r.error]) }];
    return show(c, token, { problems }, r.error === 'closed' || r.error === 'wrong_state' ? 409 : 400);
  });

  return app;
}
