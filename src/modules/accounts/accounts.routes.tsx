/**
 * Staff sign-in and own-account routes:
 *
 *   GET/POST /staff/sign-in            e-mail and password
 *   GET/POST /staff/sign-in/code       the two-step code, when the account has it on
 *   POST     /staff/sign-out           this browser
 *   GET/POST /staff/invitation/:token  accept an invitation (name + password)
 *   GET/POST /staff/reset/:token       set a password from a one-time link
 *   GET      /staff                    staff home
 *   GET      /staff/account            own account; POST …/sign-out-everywhere
 *   GET/POST /staff/account/password   change password
 *   GET/POST /staff/account/two-step   set up two-step sign-in; POST …/two-step/off
 *
 * The staff auth middleware (mounted in app.ts) has already resolved the
 * session and checked the CSRF token of every POST. Forms answer 400 with an
 * error summary when something is wrong; wrong credentials 401; too many
 * attempts 429 with Retry-After; suspended accounts 403.
 */
import { Hono, type Context } from 'hono';
import type { AppDeps } from '../../platform/http/app-deps.ts';
import { clearSessionCookie, replaceSession, requireStaff, setSessionCookie } from '../../platform/auth/auth.middleware.ts';
import { sessionSettings } from '../../platform/auth/session.ts';
import type { FieldProblem } from '../../platform/views/error-summary.tsx';
import { accountService } from './account.service.ts';
import {
  AccountPage,
  ChangePasswordPage,
  InvitationPage,
  LinkProblemPage,
  ResetPage,
  SignInPage,
  StaffHomePage,
  TwoStepCodePage,
  TwoStepOnPage,
  TwoStepSetupPage,
} from './accounts.views.tsx';
import { acceptInvitation, findInvitation } from './invitation.service.ts';
import { findReset, useReset } from './password-reset.service.ts';
import { problemMessage, type ProblemCode } from './problems.ts';
import { completeTwoStep, signInWithPassword, signOut, type AuthEnv } from './sign-in.service.ts';
import { field, noticeFor, safeNext, staffErrorHandler, staffHtml, staffI18n } from '../../platform/views/staff-page.tsx';

export function accountsRoutes(deps: Pick<AppDeps, 'database' | 'config'> & { now: () => Date }) {
  const settings = sessionSettings(deps.config);
  const app = new Hono();
  app.onError(staffErrorHandler);

  const env = (c: Context): AuthEnv => ({
    db: deps.database.db,
    settings,
    now: deps.now,
    ipHash: c.get('ipHash'),
    requestId: c.get('requestId' as never) ?? null,
  });
  const toProblems = (c: Context, list: { field: string; code?: ProblemCode; problem?: ProblemCode }[]): FieldProblem[] =>
    list.map((p) => ({ field: p.field, message: problemMessage(staffI18n(c), (p.code ?? p.problem)!) }));

  // ---- sign in -------------------------------------------------------------

  app.get('/staff/sign-in', (c) => {
    const next = safeNext(c.req.query('next'));
    if (c.get('actor')) return c.redirect(next, 303);
    const i18n = staffI18n(c);
    return staffHtml(c, <SignInPage i18n={i18n} csrf={c.get('csrfToken')} next={next} notice={noticeFor(i18n, c.req.query('done'))} />);
  });

  app.post('/staff/sign-in', async (c) => {
    const i18n = staffI18n(c);
    const s = i18n.staff;
    const body = await c.req.parseBody();
    const email = field(body, 'email').trim();
    const password = field(body, 'password');
    const next = safeNext(field(body, 'next'));
    const csrf = c.get('csrfToken');
    const problems: FieldProblem[] = [];
    if (!email) problems.push({ field: 'email', message: s('problem.emailMissing') });
    if (!password) problems.push({ field: 'password', message: s('problem.passwordMissing') });
    if (problems.length) return staffHtml(c, <SignInPage i18n={i18n} csrf={csrf} next={next} email={email} problems={problems} />, 400);

    const result = await signInWithPassword(env(c), email, password);
    switch (result.kind) {
      case 'signedIn':
      case 'twoStep': {
        await replaceSession(c, deps.database.db, result.token, settings);
        return c.redirect(result.kind === 'signedIn' ? next : `/staff/sign-in/code?next=${encodeURIComponent(next)}`, 303);
      }
      case 'throttled':
        c.header('Retry-After', String(result.retryAfterSeconds));
        return staffHtml(
          c,
          <SignInPage
            i18n={i18n}
            csrf={csrf}
            next={next}
            email={email}
            problems={[{ field: 'email', message: s('signIn.throttled', { seconds: result.retryAfterSeconds }) }]}
          />,
          429,
        );
      case 'suspended':
        return staffHtml(
          c,
          <SignInPage i18n={i18n} csrf={csrf} next={next} email={email} problems={[{ field: 'email', message: s('signIn.suspended') }]} />,
          403,
        );
      default:
        return staffHtml(
          c,
          <SignInPage i18n={i18n} csrf={csrf} next={next} email={email} problems={[{ field: 'email', message: s('signIn.refused') }]} />,
          401,
        );
    }
  });

  app.get('/staff/sign-in/code', (c) => {
    const session = c.get('session');
    const next = safeNext(c.req.query('next'));
    if (c.get('actor')) return c.redirect(next, 303);
    if (session?.stage !== 'two_step') return c.redirect('/staff/sign-in', 303);
    return staffHtml(c, <TwoStepCodePage i18n={staffI18n(c)} csrf={c.get('csrfToken')} next={next} />);
  });

  app.post('/staff/sign-in/code', async (c) => {
    const i18n = staffI18n(c);
    const s = i18n.staff;
    const session = c.get('session');
    const body = await c.req.parseBody();
    const next = safeNext(field(body, 'next'));
    if (session?.stage !== 'two_step') return c.redirect('/staff/sign-in', 303);
    const code = field(body, 'code');
    const page = (message: string, status: 400 | 401 | 429) =>
      staffHtml(c, <TwoStepCodePage i18n={i18n} csrf={c.get('csrfToken')} next={next} problems={[{ field: 'code', message }]} />, status);
    if (!code.trim()) return page(s('problem.codeMissing'), 400);
    const result = await completeTwoStep(env(c), session, code);
    switch (result.kind) {
      case 'signedIn':
        setSessionCookie(c, result.token, settings);
        return c.redirect(next, 303);
      case 'wrongCode':
        return page(s('problem.codeWrong'), 401);
      case 'throttled':
        c.header('Retry-After', String(result.retryAfterSeconds));
        return page(s('signIn.throttled', { seconds: result.retryAfterSeconds }), 429);
      default:
        // Locked or suspended: the half-way session is gone; start again.
        clearSessionCookie(c, settings);
        return staffHtml(
          c,
          <SignInPage i18n={i18n} csrf={c.get('csrfToken')} next={next} problems={[{ field: 'email', message: s('signIn.refused') }]} />,
          401,
        );
    }
  });

  app.post('/staff/sign-out', async (c) => {
    const session = c.get('session');
    if (session) await signOut(env(c), session);
    clearSessionCookie(c, settings);
    return c.redirect('/staff/sign-in?done=signedOut', 303);
  });

  // ---- one-time links ---------------------------------------------------------

  app.get('/staff/invitation/:token', async (c) => {
    const i18n = staffI18n(c);
    const found = await findInvitation(env(c), c.req.param('token'));
    if (!found.ok)
      return staffHtml(c, <LinkProblemPage i18n={i18n} csrf={c.get('csrfToken')} why={found.why} />, found.why === 'unknown' ? 404 : 410);
    const inv = found.invitation;
    return staffHtml(
      c,
      <InvitationPage
        i18n={i18n}
        csrf={c.get('csrfToken')}
        token={c.req.param('token')}
        email={inv.email}
        role={inv.role}
        organisationName={inv.organisationName}
      />,
    );
  });

  app.post('/staff/invitation/:token', async (c) => {
    const i18n = staffI18n(c);
    const token = c.req.param('token');
    const body = await c.req.parseBody();
    const input = { name: field(body, 'name'), password: field(body, 'password'), confirm: field(body, 'confirm') };
    const result = await acceptInvitation(env(c), token, input);
    if (result.ok) {
      await replaceSession(c, deps.database.db, result.token, settings);
      return c.redirect('/staff?done=welcome', 303);
    }
    if (!result.problems)
      return staffHtml(c, <LinkProblemPage i18n={i18n} csrf={c.get('csrfToken')} why={result.why} />, result.why === 'unknown' ? 404 : 410);
    const found = await findInvitation(env(c), token);
    if (!found.ok) return staffHtml(c, <LinkProblemPage i18n={i18n} csrf={c.get('csrfToken')} why={found.why} />, 410);
    const inv = found.invitation;
    return staffHtml(
      c,
      <InvitationPage
        i18n={i18n}
        csrf={c.get('csrfToken')}
        token={token}
        email={inv.email}
        role={inv.role}
        organisationName={inv.organisationName}
        name={input.name}
        problems={toProblems(c, result.problems)}
      />,
      400,
    );
  });

  app.get('/staff/reset/:token', async (c) => {
    const i18n = staffI18n(c);
    const found = await findReset(env(c), c.req.param('token'));
    if (!found.ok)
      return staffHtml(c, <LinkProblemPage i18n={i18n} csrf={c.get('csrfToken')} why={found.why} />, found.why === 'unknown' ? 404 : 410);
    const r = found.reset;
    return staffHtml(
      c,
      <ResetPage
        i18n={i18n}
        csrf={c.get('csrfToken')}
        token={c.req.param('token')}
        email={r.email}
        first={r.first}
        clearsTwoStep={r.clearsTwoStep}
      />,
    );
  });

  app.post('/staff/reset/:token', async (c) => {
    const i18n = staffI18n(c);
    const token = c.req.param('token');
    const body = await c.req.parseBody();
    const result = await useReset(env(c), token, { password: field(body, 'password'), confirm: field(body, 'confirm') });
    if (result.ok) {
      setSessionCookie(c, result.token, settings);
      return c.redirect(result.twoStep ? '/staff/sign-in/code' : '/staff?done=passwordChanged', 303);
    }
    if (!result.problems)
      return staffHtml(c, <LinkProblemPage i18n={i18n} csrf={c.get('csrfToken')} why={result.why} />, result.why === 'unknown' ? 404 : 410);
    const found = await findReset(env(c), token);
    if (!found.ok) return staffHtml(c, <LinkProblemPage i18n={i18n} csrf={c.get('csrfToken')} why={found.why} />, 410);
    const r = found.reset;
    return staffHtml(
      c,
      <ResetPage
        i18n={i18n}
        csrf={c.get('csrfToken')}
        token={token}
        email={r.email}
        first={r.first}
        clearsTwoStep={r.clearsTwoStep}
        problems={toProblems(c, result.problems)}
      />,
      400,
    );
  });

  // ---- signed in -------------------------------------------------------------------

  app.use('/staff', requireStaff); // exactly /staff: the sign-in and link pages above stay open
  app.use('/staff/account/*', requireStaff); // also matches /staff/account

  app.get('/staff', (c) => {
    const i18n = staffI18n(c);
    return staffHtml(
      c,
      <StaffHomePage i18n={i18n} csrf={c.get('csrfToken')} actor={c.get('actor')!} notice={noticeFor(i18n, c.req.query('done'))} />,
    );
  });

  app.get('/staff/account', async (c) => {
    const i18n = staffI18n(c);
    const summary = await accountService(c.get('access'), settings).summary();
    return staffHtml(
      c,
      <AccountPage
        i18n={i18n}
        csrf={c.get('csrfToken')}
        actor={c.get('actor')!}
        summary={summary}
        notice={noticeFor(i18n, c.req.query('done'))}
      />,
    );
  });

  app.post('/staff/account/sign-out-everywhere', async (c) => {
    await accountService(c.get('access'), settings).signOutEverywhere();
    clearSessionCookie(c, settings);
    return c.redirect('/staff/sign-in?done=signedOutEverywhere', 303);
  });

  app.get('/staff/account/password', (c) =>
    staffHtml(c, <ChangePasswordPage i18n={staffI18n(c)} csrf={c.get('csrfToken')} actor={c.get('actor')!} />),
  );

  app.post('/staff/account/password', async (c) => {
    const body = await c.req.parseBody();
    const result = await accountService(c.get('access'), settings).changePassword({
      current: field(body, 'current'),
      password: field(body, 'password'),
      confirm: field(body, 'confirm'),
    });
    if (result.ok) {
      setSessionCookie(c, result.token, settings);
      return c.redirect('/staff/account?done=passwordChanged', 303);
    }
    return staffHtml(
      c,
      <ChangePasswordPage
        i18n={staffI18n(c)}
        csrf={c.get('csrfToken')}
        actor={c.get('actor')!}
        problems={toProblems(c, result.problems)}
      />,
      400,
    );
  });

  app.get('/staff/account/two-step', async (c) => {
    const i18n = staffI18n(c);
    const actor = c.get('actor')!;
    const csrf = c.get('csrfToken');
    const setup = await accountService(c.get('access'), settings).beginTwoStep();
    if ('alreadyOn' in setup)
      return staffHtml(c, <TwoStepOnPage i18n={i18n} csrf={csrf} actor={actor} notice={noticeFor(i18n, c.req.query('done'))} />);
    return staffHtml(c, <TwoStepSetupPage i18n={i18n} csrf={csrf} actor={actor} secret={setup.secret} uri={setup.uri} />);
  });

  app.post('/staff/account/two-step', async (c) => {
    const i18n = staffI18n(c);
    const body = await c.req.parseBody();
    const code = field(body, 'code');
    const service = accountService(c.get('access'), settings);
    const result = code.trim() ? await service.confirmTwoStep(code) : ({ ok: false } as const);
    if (result.ok) {
      setSessionCookie(c, result.token, settings);
      return c.redirect('/staff/account/two-step?done=twoStepOn', 303);
    }
    const setup = await service.beginTwoStep();
    if ('alreadyOn' in setup) return c.redirect('/staff/account/two-step', 303);
    const message = i18n.staff(code.trim() ? 'problem.codeWrong' : 'problem.codeMissing');
    return staffHtml(
      c,
      <TwoStepSetupPage
        i18n={i18n}
        csrf={c.get('csrfToken')}
        actor={c.get('actor')!}
        secret={setup.secret}
        uri={setup.uri}
        problems={[{ field: 'code', message }]}
      />,
      400,
    );
  });

  app.post('/staff/account/two-step/off', async (c) => {
    const i18n = staffI18n(c);
    const body = await c.req.parseBody();
    const password = field(body, 'password');
    const result = password ? await accountService(c.get('access'), settings).turnOffTwoStep(password) : { ok: false };
    if (result.ok) return c.redirect('/staff/account?done=twoStepOff', 303);
    const message = i18n.staff(password ? 'problem.wrongCurrent' : 'problem.passwordMissing');
    return staffHtml(
      c,
      <TwoStepOnPage i18n={i18n} csrf={c.get('csrfToken')} actor={c.get('actor')!} problems={[{ field: 'password', message }]} />,
      400,
    );
  });

  return app;
}
