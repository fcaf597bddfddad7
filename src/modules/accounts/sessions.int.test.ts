import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { hashToken } from '../../platform/auth/tokens.ts';
import { createLogger } from '../../platform/log.ts';
import { openTestDatabase, testEngine, type TestDatabase } from '../../../test/support/test-db.ts';
import { auditFor, makeAccount, makeOrganisation, TEST_PASSWORD, TestBrowser, TestClock } from './accounts.test-support.ts';

const MIN = 60_000;

describe(`staff sessions: expiry, sign out everywhere, suspension [${testEngine}]`, () => {
  let database: TestDatabase;
  let app: ReturnType<typeof createApp>;
  const clock = new TestClock();
  let orgId: string;
  let adminEmail: string;

  const signedIn = async (b: TestBrowser) => (await b.get('/staff')).status === 200;
  const lastSeen = async (token: string) =>
    (await database.db.selectFrom('staff_session').select('last_seen_at').where('token_hash', '=', hashToken(token)).executeTakeFirst())
      ?.last_seen_at;

  before(async () => {
    database = await openTestDatabase();
    app = createApp({ config: loadConfig({ NODE_ENV: 'test' }), database, log: createLogger('silent'), now: clock.now });
    const operator = await makeOrganisation(database.db, { name: 'Belong team', kind: 'referrer', operator: true });
    ({ email: adminEmail } = await makeAccount(database.db, operator, { role: 'administrator', name: 'Ada Admin' }));
    orgId = await makeOrganisation(database.db, { name: 'Girlington Walkers' });
  });
  after(async () => {
    await database.dispose();
  });

  it('ends a session after 30 minutes without a request, and keeps a busy one going', async () => {
    const { email } = await makeAccount(database.db, orgId);
    const b = new TestBrowser(app);
    await b.signIn(email, TEST_PASSWORD);
    clock.advance(29 * MIN);
    assert.equal(await signedIn(b), true);
    clock.advance(29 * MIN);
    assert.equal(await signedIn(b), true, 'each request restarts the idle time');
    const token = b.cookies.get('belong_session')!;
    clock.advance(30 * MIN);
    const res = await b.get('/staff');
    assert.equal(res.status, 303);
    assert.match(res.location!, /^\/staff\/sign-in/);
    assert.equal(await lastSeen(token), undefined, 'the expired session is deleted');
  });

  it('writes last-seen at most once a minute', async () => {
    const { email } = await makeAccount(database.db, orgId);
    const b = new TestBrowser(app);
    await b.signIn(email, TEST_PASSWORD);
    const token = b.cookies.get('belong_session')!;
    const first = await lastSeen(token);
    clock.advance(30_000);
    await b.get('/staff');
    assert.equal((await lastSeen(token))!.getTime(), first!.getTime());
    clock.advance(31_000);
    await b.get('/staff');
    assert.equal((await lastSeen(token))!.getTime(), clock.now().getTime());
  });

  it('ends a session 12 hours after sign-in however busy it is', async () => {
    const { email } = await makeAccount(database.db, orgId);
    const b = new TestBrowser(app);
    await b.signIn(email, TEST_PASSWORD);
    for (let i = 0; i < 35; i++) {
      clock.advance(20 * MIN);
      assert.equal(await signedIn(b), true, `after ${(i + 1) * 20} minutes`);
    }
    clock.advance(20 * MIN); // 12 h
    assert.equal(await signedIn(b), false);
  });

  it('signs out everywhere: every browser of the account is signed out, others are not', async () => {
    const { email, id } = await makeAccount(database.db, orgId);
    const { email: colleague } = await makeAccount(database.db, orgId);
    const [laptop, phone, other] = [new TestBrowser(app), new TestBrowser(app), new TestBrowser(app)];
    await laptop.signIn(email, TEST_PASSWORD);
    await phone.signIn(email, TEST_PASSWORD);
    await other.signIn(colleague, TEST_PASSWORD);
    const account = await laptop.get('/staff/account');
    assert.match(account.html, /You are signed in in 2 places/);
    const res = await laptop.post('/staff/account/sign-out-everywhere', {});
    assert.equal(res.location, '/staff/sign-in?done=signedOutEverywhere');
    assert.equal(await signedIn(laptop), false);
    assert.equal(await signedIn(phone), false);
    assert.equal(await signedIn(other), true);
    const left = await database.db.selectFrom('staff_session').select('token_hash').where('account_id', '=', id).execute();
    assert.equal(left.length, 0);
    assert.ok((await auditFor(database.db, id)).some((e) => e.action === 'account.sign_out_everywhere' && e.details.sessionsEnded === 2));
  });

  it('changing the password signs out every other browser and gives this one a new session', async () => {
    const { email } = await makeAccount(database.db, orgId, { email: 'changer@example.org' });
    const [here, there] = [new TestBrowser(app), new TestBrowser(app)];
    await here.signIn(email, TEST_PASSWORD);
    await there.signIn(email, TEST_PASSWORD);
    const oldToken = here.cookies.get('belong_session')!;
    await here.get('/staff/account/password');
    const wrong = await here.post('/staff/account/password', {
      current: 'not my password',
      password: 'a brand new passphrase',
      confirm: 'a brand new passphrase',
    });
    assert.equal(wrong.status, 400);
    assert.match(wrong.html, /Your current password is not right/);
    const res = await here.post('/staff/account/password', {
      current: TEST_PASSWORD,
      password: 'a brand new passphrase',
      confirm: 'a brand new passphrase',
    });
    assert.equal(res.location, '/staff/account?done=passwordChanged');
    assert.notEqual(here.cookies.get('belong_session'), oldToken, 'the session token was rotated');
    assert.equal(await signedIn(here), true);
    assert.equal(await signedIn(there), false);
    assert.equal((await new TestBrowser(app).signIn(email, TEST_PASSWORD)).status, 401, 'the old password no longer works');
    assert.equal((await new TestBrowser(app).signIn(email, 'a brand new passphrase')).status, 303);
  });

  it('suspending an organisation signs its staff out at once and keeps them out', async () => {
    const org = await makeOrganisation(database.db, { name: 'Soon suspended' });
    const { email } = await makeAccount(database.db, org);
    const staff = new TestBrowser(app);
    await staff.signIn(email, TEST_PASSWORD);
    assert.equal(await signedIn(staff), true);
    const admin = new TestBrowser(app);
    await admin.signIn(adminEmail, TEST_PASSWORD);
    await admin.get(`/staff/organisations/${org}`);
    const noReason = await admin.post(`/staff/organisations/${org}/suspend`, { reason: '' });
    assert.equal(noReason.status, 400);
    assert.match(noReason.html, /Say why/);
    const res = await admin.post(`/staff/organisations/${org}/suspend`, { reason: 'Safeguarding concern under review' });
    assert.equal(res.status, 303);
    assert.equal(await signedIn(staff), false);
    assert.equal((await new TestBrowser(app).signIn(email, TEST_PASSWORD)).status, 403);
    const events = await auditFor(database.db, org);
    assert.ok(
      events.some(
        (e) => e.action === 'organisation.suspended' && e.reason === 'Safeguarding concern under review' && e.details.sessionsEnded === 1,
      ),
    );
    await admin.get(`/staff/organisations/${org}`);
    await admin.post(`/staff/organisations/${org}/reinstate`, {});
    assert.equal((await new TestBrowser(app).signIn(email, TEST_PASSWORD)).status, 303);
  });

  it('a change to the account in the database applies on the very next request', async () => {
    const { email, id } = await makeAccount(database.db, orgId);
    const b = new TestBrowser(app);
    await b.signIn(email, TEST_PASSWORD);
    await database.db.updateTable('staff_account').set({ disabled_at: new Date() }).where('id', '=', id).execute();
    assert.equal(await signedIn(b), false);
    assert.equal((await database.db.selectFrom('staff_session').select('token_hash').where('account_id', '=', id).execute()).length, 0);
  });

  it('changing someone’s role signs them out so the new role applies at once', async () => {
    const { email, id } = await makeAccount(database.db, orgId, { role: 'provider_staff' });
    const b = new TestBrowser(app);
    await b.signIn(email, TEST_PASSWORD);
    const admin = new TestBrowser(app);
    await admin.signIn(adminEmail, TEST_PASSWORD);
    await admin.get(`/staff/accounts/${id}`);
    const res = await admin.post(`/staff/accounts/${id}/role`, { role: 'volunteer' });
    assert.equal(res.location, `/staff/accounts/${id}?done=roleChanged`);
    assert.equal(await signedIn(b), false);
    const row = await database.db.selectFrom('staff_account').select('role').where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.role, 'volunteer');
  });
});
