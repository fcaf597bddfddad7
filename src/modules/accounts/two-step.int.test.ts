import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { newTotpSecret, totpCode } from '../../platform/auth/totp.ts';
import { createLogger } from '../../platform/log.ts';
import { openTestDatabase, testEngine, type TestDatabase } from '../../../test/support/test-db.ts';
import { makeAccount, makeOrganisation, TEST_PASSWORD, TestBrowser, TestClock } from './accounts.test-support.ts';

describe(`two-step sign-in codes [${testEngine}]`, () => {
  let database: TestDatabase;
  let app: ReturnType<typeof createApp>;
  const clock = new TestClock();
  let orgId: string;

  before(async () => {
    database = await openTestDatabase();
    app = createApp({ config: loadConfig({ NODE_ENV: 'test' }), database, log: createLogger('silent'), now: clock.now });
    orgId = await makeOrganisation(database.db);
  });
  after(async () => {
    await database.dispose();
  });

  it('is set up from the account page: key shown as text, confirmed with a code, then asked for at sign-in', async () => {
    const { email, id } = await makeAccount(database.db, orgId, { email: 'setup@example.org' });
    const b = new TestBrowser(app);
    const other = new TestBrowser(app);
    await b.signIn(email, TEST_PASSWORD);
    await other.signIn(email, TEST_PASSWORD);
    const setup = await b.get('/staff/account/two-step');
    assert.equal(setup.status, 200);
    const key = setup.html.match(/<code class="secret">([A-Z2-7 ]+)<\/code>/)![1]!.replace(/ /g, '');
    assert.match(key, /^[A-Z2-7]{32}$/);
    assert.match(setup.html, /href="otpauth:\/\/totp\/Belong:setup%40example\.org\?/);
    const again = await b.get('/staff/account/two-step');
    assert.match(again.html, new RegExp(key.slice(0, 4)), 'reloading shows the same key until it is confirmed');

    const wrong = await b.post('/staff/account/two-step', { code: '000000' });
    assert.equal(wrong.status, 400);
    assert.match(wrong.html, /The code is not right/);
    const before = b.cookies.get('belong_session');
    const ok = await b.post('/staff/account/two-step', { code: totpCode(key, clock.now()) });
    assert.equal(ok.location, '/staff/account/two-step?done=twoStepOn');
    assert.notEqual(b.cookies.get('belong_session'), before, 'the session was rotated');
    assert.equal((await other.get('/staff')).status, 303, 'sessions made without the code are ended');
    const row = await database.db
      .selectFrom('staff_account')
      .select(['totp_secret', 'totp_pending_secret'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, { totp_secret: key, totp_pending_secret: null });

    clock.advance(60_000);
    const c = new TestBrowser(app);
    const step1 = await c.signIn(email, TEST_PASSWORD);
    assert.equal(step1.location, '/staff/sign-in/code?next=%2Fstaff');
    assert.equal((await c.get('/staff')).status, 303, 'the password alone does not open staff pages');
    const codePage = await c.get('/staff/sign-in/code');
    assert.match(codePage.html, /autocomplete="one-time-code"/);
    const done = await c.post('/staff/sign-in/code', { code: totpCode(key, clock.now()), next: '/staff' });
    assert.equal(done.location, '/staff');
    assert.equal((await c.get('/staff')).status, 200);
  });

  it('refuses a code that has already been used', async () => {
    const secret = newTotpSecret();
    const { email } = await makeAccount(database.db, orgId, { totpSecret: secret });
    clock.advance(60_000);
    const code = totpCode(secret, clock.now());
    const first = new TestBrowser(app);
    await first.signIn(email, TEST_PASSWORD);
    await first.get('/staff/sign-in/code');
    assert.equal((await first.post('/staff/sign-in/code', { code })).status, 303);
    const second = new TestBrowser(app);
    await second.signIn(email, TEST_PASSWORD);
    await second.get('/staff/sign-in/code');
    const replay = await second.post('/staff/sign-in/code', { code });
    assert.equal(replay.status, 401);
    assert.match(replay.html, /The code is not right/);
  });

  it('counts wrong codes towards the lockout and ends the half-way session', async () => {
    const secret = newTotpSecret();
    const { email, id } = await makeAccount(database.db, orgId, { totpSecret: secret });
    clock.advance(60_000);
    const b = new TestBrowser(app);
    await b.signIn(email, TEST_PASSWORD);
    await b.get('/staff/sign-in/code');
    for (let i = 0; i < 4; i++) assert.equal((await b.post('/staff/sign-in/code', { code: String(100000 + i) })).status, 401);
    const fifth = await b.post('/staff/sign-in/code', { code: '999999' });
    assert.equal(fifth.status, 401);
    assert.match(fifth.html, /<h1>Sign in<\/h1>/, 'back to the start');
    assert.equal((await database.db.selectFrom('staff_session').select('token_hash').where('account_id', '=', id).execute()).length, 0);
    const c = new TestBrowser(app);
    assert.equal((await c.signIn(email, TEST_PASSWORD)).status, 401, 'locked: the password is not even checked');
  });

  it('gives the code five minutes', async () => {
    const secret = newTotpSecret();
    const { email } = await makeAccount(database.db, orgId, { totpSecret: secret });
    clock.advance(60_000);
    const b = new TestBrowser(app);
    await b.signIn(email, TEST_PASSWORD);
    await b.get('/staff/sign-in/code');
    clock.advance(5 * 60_000);
    const late = await b.post('/staff/sign-in/code', { code: totpCode(secret, clock.now()) });
    assert.equal(late.status, 403, 'the half-way session has expired, and with it the form');
    assert.match(late.html, /This form has expired/);
    assert.equal((await b.get('/staff/sign-in/code')).location, '/staff/sign-in');
  });

  it('is turned off only with the password', async () => {
    const secret = newTotpSecret();
    const { email, id } = await makeAccount(database.db, orgId, { totpSecret: secret });
    clock.advance(60_000);
    const b = new TestBrowser(app);
    await b.signIn(email, TEST_PASSWORD);
    await b.get('/staff/sign-in/code');
    await b.post('/staff/sign-in/code', { code: totpCode(secret, clock.now()) });
    const page = await b.get('/staff/account/two-step');
    assert.match(page.html, /Sign-in codes are on/);
    assert.equal((await b.post('/staff/account/two-step/off', { password: 'not the password' })).status, 400);
    const off = await b.post('/staff/account/two-step/off', { password: TEST_PASSWORD });
    assert.equal(off.location, '/staff/account?done=twoStepOff');
    const row = await database.db.selectFrom('staff_account').select('totp_secret').where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.totp_secret, null);
  });
});
