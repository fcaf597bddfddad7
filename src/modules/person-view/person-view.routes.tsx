/**
 * The person's own view, without an account:
 *
 *   GET  /my                       sign in (code + PIN), or their page when signed in
 *   POST /my                       sign in
 *   POST /my/sign-out
 *   POST /my/check-in/:attemptId   "Did you manage to get to …?"
 *   POST /my/feedback/:attemptId   how a service was (anonymous if they choose)
 *   POST /my/contact               confirm or change how they may be contacted
 *
 * and, for connectors of the organisation holding the record:
 *
 *   POST /staff/people/:id/my-access         issue (or re-issue) a code + PIN: the slip, shown once
 *   POST /staff/people/:id/my-access/revoke  stop it
 *   GET  /staff/feedback                     (provider staff) what people said about their services
 *
 * The person's session cookie is scoped to /my (httpOnly, SameSite=Lax,
 * Secure over https) and ends after a short idle time. Forms are protected
 * by the app-wide Origin check and the SameSite cookie.
 */
import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Config } from '../../config.ts';
import type { Database } from '../../platform/db/database.ts';
import { requireStaff } from '../../platform/auth/auth.middleware.ts';
import { clientAddressHash } from '../../platform/auth/client-address.ts';
import { secureCookies, sessionSettings } from '../../platform/auth/session.ts';
import { createI18n, type I18n } from '../../platform/i18n/i18n.ts';
import type { MessageKey } from '../../platform/i18n/catalogue.ts';
import type { Notifier } from '../../platform/notify/notifier.ts';
import { page } from '../../platform/views/layout.tsx';
import { linkBase, staffErrorHandler, staffHtml, staffI18n, StaffPage } from '../../platform/views/staff-page.tsx';
import { composePlan } from '../conversation/plan.ts';
import { placeDetails } from '../conversation/plan-places.ts';
import { isBankHoliday } from '../conversation/plan-places.service.ts';
import { localNow } from '../find/find-when.ts';
import { phraseReasons } from '../conversation/reasons.ts';
import { SESSION_IDLE_MINUTES } from './access-code.ts';
import { isCheckInAnswer } from './check-in.ts';
import { feedbackService } from './feedback.service.ts';
import { personAccessService } from './person-access.service.ts';
import { sessionFor, signIn, signOut, type RequestOrigin } from './person-session.ts';
import { parseContactChoice, parseFeedback } from './person-view.forms.ts';
import { personViewService, type MyView } from './person-view.service.ts';
import { HomePage, SignInPage, Slip } from './person-view.views.tsx';
import { MY_COOKIE, type MySection } from './my-session.service.ts';

export { MY_COOKIE };
const NOTICES = new Set(['checkIn', 'feedback', 'contact', 'signedOut']);

export function personViewRoutes(deps: {
  config: Config;
  database: Database;
  notifier: Notifier;
  now: () => Date;
  /** Sections other modules add to the person's page, in order. */
  sections?: readonly MySection[];
}) {
  const app = new Hono();
  const db = deps.database.db;
  const settings = sessionSettings(deps.config);
  const trustProxy = deps.config.TRUST_PROXY === 'on';
  const views = personViewService(db, { notifier: deps.notifier });

  const originOf = async (c: Context): Promise<RequestOrigin> => ({
    ipHash: await clientAddressHash(c, db, trustProxy),
    requestId: c.get('requestId' as never) ?? null,
    now: deps.now(),
  });
  const current = (c: Context) => sessionFor(db, getCookie(c, MY_COOKIE), deps.now());
  const html = async (c: Context, node: Parameters<typeof page>[0], status: 200 | 400 | 429 = 200) => {
    c.header('Cache-Control', 'no-store');
    return c.html(await page(node), status);
  };
  const notice = (i18n: I18n, c: Context) => {
    const done = c.req.query('done');
    return done && NOTICES.has(done) ? i18n.t(`personView.notice.${done}` as MessageKey) : null;
  };

  async function planOf(i18n: I18n, v: MyView) {
    if (!v.plan) return null;
    const at = deps.now();
    const sources = await views.planPlaces(v.plan, i18n.locale, at);
    const now = localNow(at);
    return composePlan(i18n, {
      personName: v.name,
      answers: v.plan.answers,
      chosen: v.plan.chosen,
      noteForPerson: v.plan.noteForPerson,
      connectorName: v.plan.connectorName,
      organisationName: v.plan.organisationName,
      date: v.plan.date,
      phraseReasons: (s) => phraseReasons(i18n, s),
      placeDetails: (s) => {
        const src = sources.get(s.serviceId);
        return src ? placeDetails(i18n, src, { now, isBankHoliday }) : [];
      },
    });
  }

  app.get('/my', async (c) => {
    const s = await current(c);
    if (!s) return html(c, <SignInPage i18n={c.get('i18n')} notice={notice(c.get('i18n'), c)} />);
    const view = await views.overview(s, await originOf(c));
    // Their own language unless they chose another with the language switch.
    const asked: I18n = c.get('i18n');
    const i18n = asked.chosen ? asked : createI18n(view.language, { currentPath: '/my' });
    const extra = await Promise.all((deps.sections ?? []).map((section) => section(s.personId, i18n)));
    return html(c, <HomePage i18n={i18n} view={view} plan={await planOf(i18n, view)} notice={notice(i18n, c)} extra={extra} />);
  });

  app.post('/my', async (c) => {
    const i18n: I18n = c.get('i18n');
    const body = await c.req.parseBody();
    const code = typeof body.code === 'string' ? body.code : '';
    const pin = typeof body.pin === 'string' ? body.pin : '';
    if (!code.trim() || !pin.trim()) {
      const problems = [
        ...(code.trim() ? [] : [{ field: 'code', message: i18n.t('personView.error.codeMissing') }]),
        ...(pin.trim() ? [] : [{ field: 'pin', message: i18n.t('personView.error.pinMissing') }]),
      ];
      return html(c, <SignInPage i18n={i18n} problems={problems} code={code} />, 400);
    }
    const r = await signIn(db, { code, pin }, await originOf(c));
    if (!r.ok) {
      const problems = [{ field: 'code', message: i18n.t(`personView.error.${r.why}` as MessageKey) }];
      return html(c, <SignInPage i18n={i18n} problems={problems} code={code} />, r.why === 'throttled' ? 429 : 400);
    }
    setCookie(c, MY_COOKIE, r.token, {
      path: '/my',
      httpOnly: true,
      sameSite: 'Lax',
      secure: secureCookies(c, settings),
      maxAge: SESSION_IDLE_MINUTES * 60,
    });
    return c.redirect('/my', 303);
  });

  app.post('/my/sign-out', async (c) => {
    await signOut(db, getCookie(c, MY_COOKIE), await originOf(c));
    deleteCookie(c, MY_COOKIE, { path: '/my', secure: secureCookies(c, settings) });
    return c.redirect('/my?done=signedOut', 303);
  });

  app.post('/my/check-in/:attemptId', async (c) => {
    const s = await current(c);
    if (!s) return c.redirect('/my', 303);
    const body = await c.req.parseBody();
    if (!isCheckInAnswer(body.answer)) return c.redirect('/my#referrals', 303);
    const words = typeof body.words === 'string' ? body.words : null;
    await views.answerCheckIn(s, await originOf(c), c.req.param('attemptId'), body.answer, words);
    return c.redirect('/my?done=checkIn', 303);
  });

  app.post('/my/feedback/:attemptId', async (c) => {
    const s = await current(c);
    if (!s) return c.redirect('/my', 303);
    const f = parseFeedback(await c.req.parseBody());
    if (!f) return c.redirect('/my#referrals', 303);
    await views.giveFeedback(s, await originOf(c), c.req.param('attemptId'), f);
    return c.redirect('/my?done=feedback', 303);
  });

  app.post('/my/contact', async (c) => {
    const s = await current(c);
    if (!s) return c.redirect('/my', 303);
    await views.changeContact(s, await originOf(c), parseContactChoice(await c.req.parseBody({ all: true })));
    return c.redirect('/my?done=contact', 303);
  });

  // Staff: give the person access to their plan.
  const staff = new Hono();
  staff.onError(staffErrorHandler);
  staff.use('/staff/people/:id/my-access', requireStaff);
  staff.use('/staff/people/:id/my-access/*', requireStaff);
  staff.post('/staff/people/:id/my-access', async (c) => {
    const id = c.req.param('id');
    const issued = await personAccessService(c.get('access')).issue(id);
    const i18n = staffI18n(c);
    const personI18n = createI18n(issued.language);
    c.header('Cache-Control', 'no-store');
    return staffHtml(
      c,
      <StaffPage
        i18n={i18n}
        actor={c.get('actor')!}
        csrf={c.get('csrfToken')}
        title={i18n.staff('personView.staff.slipTitle', { name: issued.personName })}
      >
        <h1>{i18n.staff('personView.staff.slipTitle', { name: issued.personName })}</h1>
        <p>{i18n.staff('personView.staff.slipOnce')}</p>
        <Slip
          i18n={personI18n}
          url={`${linkBase(c, deps.config.PUBLIC_URL)}/my`}
          code={issued.code}
          pin={issued.pin}
          expiresAt={issued.expiresAt}
        />
        <p>
          <a href={`/staff/people/${id}`}>{i18n.staff('personView.staff.back')}</a>
        </p>
      </StaffPage>,
    );
  });
  staff.post('/staff/people/:id/my-access/revoke', async (c) => {
    const id = c.req.param('id');
    await personAccessService(c.get('access')).revoke(id);
    return c.redirect(`/staff/people/${id}`, 303);
  });
  staff.use('/staff/feedback', requireStaff);
  staff.get('/staff/feedback', async (c) => {
    const rows = await feedbackService(c.get('access')).forMyServices();
    const i18n = staffI18n(c);
    const s = i18n.staff;
    c.header('Cache-Control', 'no-store');
    return staffHtml(
      c,
      <StaffPage i18n={i18n} actor={c.get('actor')!} csrf={c.get('csrfToken')} title={s('personView.feedback.staffTitle')}>
        <h1>{s('personView.feedback.staffTitle')}</h1>
        {rows.length === 0 && <p>{s('personView.feedback.none')}</p>}
        <ul class="feedback">
          {rows.map((f) => (
            <li>
              <strong dir="auto">{f.serviceName}</strong> · {f.givenOn} ·{' '}
              {f.anonymous ? s('personView.feedback.anonymousLabel') : s('personView.feedback.fromPerson')}
              {f.rating !== null && <p>{s('personView.feedback.ratingLabel', { rating: f.rating })}</p>}
              {f.comment && <p dir="auto">{f.comment}</p>}
            </li>
          ))}
        </ul>
      </StaffPage>,
    );
  });
  app.route('/', staff);
  return app;
}
