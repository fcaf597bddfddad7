import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { hashToken } from '../../platform/auth/tokens.ts';
import { createLogger } from '../../platform/log.ts';
import { openTestDatabase, testEngine, type TestDatabase } from '../../../test/support/test-db.ts';
import { makeAccount, makeOrganisation, TEST_PASSWORD, TestBrowser, TestClock } from './accounts.test-support.ts';

describe(`staff sign-in and sign-out [${testEngine}]`, () => {
  let database: TestDatabase;
  let app: ReturnType<typeof createApp>;
  let secureApp: ReturnType<typeof createApp>;
  const clock = new TestClock();
  let email: string;
  let accountId: string;
  let suspendedEmail: string;

  before(async () => {
    database = await openTestDatabase();
    app = createApp({ config: loadConfig({ NODE_ENV: 'test' }), database, log: createLogger('silent'), now: clock.now });
    secureApp = createApp({
      config: loadConfig({ NODE_ENV: 'test', SECURE_COOKIES: 'on' }),
      database,
      log: createLogger('silent'),
      now: clock.now,
    });
    const org = await makeOrganisation(database.db, { name: 'Heaton Community Kitchen' });
    ({ email, id: accountId } = await makeAccount(database.db, org, { name: 'Aisha Patel', email: 'aisha@kitchen.example.org' }));
    const suspendedOrg = await makeOrganisation(database.db, { name: 'Paused Group', suspended: true });
    ({ email: suspendedEmail } = await makeAccount(database.db, suspendedOrg));
  });
  after(async () => {
    await database.dispose();
  });

  it('shows the sign-in form with a CSRF token, no caching and the strict Content-Security-Policy', async () => {
    const b = new TestBrowser(app);
    const page = await b.get('/staff/sign-in');
    assert.equal(page.status, 200);
    assert.match(page.html, /<h1>Sign in<\/h1>/);
    assert.match(page.html, /<label for="email">Email address<\/label>/);
    assert.match(page.html, /autocomplete="current-password"/);
    assert.ok(b.csrf.length >= 40, 'the form carries a token');
    assert.ok(b.cookies.has('belong_form'), 'the token is also in a cookie (double submit)');
    assert.equal(page.headers.get('cache-control'), 'no-store');
    assert.match(page.headers.get('content-security-policy') ?? '', /script-src 'self'/);
  });

  it('signs in with the right password, keeps only a hash of the token, and shows who is signed in', async () => {
    const b = new TestBrowser(app);
    const res = await b.signIn(email, TEST_PASSWORD);
    assert.equal(res.status, 303);
    assert.equal(res.location, '/staff');
    const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('belong_session='))!;
    assert.match(setCookie, /HttpOnly/);
    assert.match(setCookie, /SameSite=Lax/);
    assert.match(setCookie, /Path=\//);
    assert.doesNotMatch(setCookie, /Secure/);
    const token = b.cookies.get('belong_session')!;
    const rows = await database.db.selectFrom('staff_session').selectAll().where('account_id', '=', accountId).execute();
    assert.ok(rows.some((r) => r.token_hash === hashToken(token)));
    assert.ok(
      rows.every((r) => r.token_hash !== token),
      'the token itself is never stored',
    );
    const home = await b.get('/staff');
    assert.equal(home.status, 200);
    assert.match(home.html, /Hello, Aisha Patel/);
    assert.match(home.html, /Heaton Community Kitchen/);
    assert.match(home.html, /Sign out/);
  });

  it('uses a __Host- cookie with Secure when secure cookies are on', async () => {
    const b = new TestBrowser(secureApp);
    const res = await b.signIn(email, TEST_PASSWORD);
    assert.equal(res.status, 303);
    const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('__Host-belong_session='))!;
    assert.ok(setCookie, 'cookie named __Host-belong_session');
    assert.match(setCookie, /Secure/);
    assert.match(setCookie, /HttpOnly/);
    assert.doesNotMatch(setCookie, /Domain=/i);
    assert.equal((await b.get('/staff')).status, 200);
  });

  it('gives the same answer for a wrong password and for an address with no account', async () => {
    const wrong = await new TestBrowser(app).signIn(email, 'not the password at all');
    const unknown = await new TestBrowser(app).signIn('nobody@example.org', 'not the password at all');
    assert.equal(wrong.status, 401);
    assert.equal(unknown.status, 401);
    const message = (html: string) => html.match(/<a href="#email">([^<]+)<\/a>/)?.[1];
    assert.match(message(wrong.html)!, /email address or password is not right/);
    assert.equal(message(wrong.html), message(unknown.html));
    assert.match(wrong.html, /<title>Error: /);
  });

  it('asks for both fields, with a 400 and an error summary linking to each', async () => {
    const b = new TestBrowser(app);
    await b.get('/staff/sign-in');
    const res = await b.post('/staff/sign-in', { email: '', password: '' });
    assert.equal(res.status, 400);
    assert.match(res.html, /<a href="#email">Enter an email address<\/a>/);
    assert.match(res.html, /<a href="#password">Enter your password<\/a>/);
    assert.match(res.html, /aria-describedby="password-error"/);
  });

  it('returns to the page asked for after signing in, but never to another site', async () => {
    const b = new TestBrowser(app);
    const gate = await b.get('/staff/account');
    assert.equal(gate.status, 303);
    assert.equal(gate.location, '/staff/sign-in?next=%2Fstaff%2Faccount');
    await b.get(gate.location!);
    const back = await b.post('/staff/sign-in', { email, password: TEST_PASSWORD, next: '/staff/account' });
    assert.equal(back.location, '/staff/account');
    const c = new TestBrowser(app);
    await c.get('/staff/sign-in');
    const away = await c.post('/staff/sign-in', { email, password: TEST_PASSWORD, next: '//evil.example/' });
    assert.equal(away.location, '/staff');
  });

  it('refuses a right password for a suspended organisation, saying so, and starts no session', async () => {
    const b = new TestBrowser(app);
    const res = await b.signIn(suspendedEmail, TEST_PASSWORD);
    assert.equal(res.status, 403);
    assert.match(res.html, /access to Belong has been suspended/);
    assert.equal(b.cookies.has('belong_session'), false);
  });

  it('signs out: the session is deleted and staff pages ask to sign in again', async () => {
    const b = new TestBrowser(app);
    await b.signIn(email, TEST_PASSWORD);
    const token = b.cookies.get('belong_session')!;
    await b.get('/staff');
    const out = await b.post('/staff/sign-out', {});
    assert.equal(out.status, 303);
    assert.equal(out.location, '/staff/sign-in?done=signedOut');
    const row = await database.db
      .selectFrom('staff_session')
      .select('token_hash')
      .where('token_hash', '=', hashToken(token))
      .executeTakeFirst();
    assert.equal(row, undefined);
    assert.equal(b.cookies.has('belong_session'), false);
    // Even replaying the old cookie gets nowhere.
    b.cookies.set('belong_session', token);
    const again = await b.get('/staff');
    assert.equal(again.status, 303);
    assert.match(again.location!, /^\/staff\/sign-in/);
  });

  it('records sign-ins and refusals in the audit log', async () => {
    const rows = await database.db
      .selectFrom('audit_event')
      .select(['action', 'outcome', 'details'])
      .where('subject_id', '=', accountId)
      .where('action', '=', 'account.sign_in')
      .execute();
    assert.ok(rows.some((r) => r.outcome === 'allowed'));
    assert.ok(rows.some((r) => r.outcome === 'denied' && r.details.why === 'password'));
  });
});
