import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { loadActor } from '../../platform/auth/actor.ts';
import { can } from '../../platform/auth/policy.ts';
import { hashToken } from '../../platform/auth/tokens.ts';
import { newTotpSecret, totpCode } from '../../platform/auth/totp.ts';
import { createLogger } from '../../platform/log.ts';
import { FICTIONAL_NOTE } from '../demo/demo-area.ts';
import { organizationFixture, saveFixtures, serviceFixture } from '../../../test/support/directory-fixtures.ts';
import { openTestDatabase, testEngine, type TestDatabase } from '../../../test/support/test-db.ts';
import { auditFor, makeAccount, makeOrganisation, TEST_PASSWORD, TestBrowser, TestClock } from './accounts.test-support.ts';
import { BootstrapError, createAdministrator, DEMO_ACCOUNTS, retireDemoAccounts, seedDemoAccounts } from './bootstrap.ts';

const linkOn = (html: string) => html.match(/<code>(http:\/\/localhost\/staff\/(?:invitation|reset)\/[A-Za-z0-9_-]{43})<\/code>/)?.[1];
const pathOf = (url: string) => new URL(url).pathname;

describe(`invitations, password links and the first administrator [${testEngine}]`, () => {
  let database: TestDatabase;
  let app: ReturnType<typeof createApp>;
  const clock = new TestClock();
  let admin: TestBrowser;
  let adminEmail: string;
  let providerOrg: string;

  before(async () => {
    database = await openTestDatabase();
    app = createApp({ config: loadConfig({ NODE_ENV: 'test' }), database, log: createLogger('silent'), now: clock.now });
    const operator = await makeOrganisation(database.db, { name: 'Belong team', kind: 'referrer', operator: true });
    ({ email: adminEmail } = await makeAccount(database.db, operator, { role: 'administrator', name: 'Ada Admin' }));
    providerOrg = await makeOrganisation(database.db, { name: 'Manningham Sewing Circle', kind: 'provider' });
    admin = new TestBrowser(app);
    assert.equal((await admin.signIn(adminEmail, TEST_PASSWORD)).status, 303);
  });
  after(async () => {
    await database.dispose();
  });

  async function invite(fields: Record<string, string>) {
    await admin.get(`/staff/organisations/${providerOrg}`);
    return admin.post(`/staff/organisations/${providerOrg}/invitations`, fields);
  }

  it('invites someone: the link is shown once and put in the outbox, and only its hash is stored', async () => {
    const res = await invite({ email: 'Sara@Sewing.example.org', role: 'provider_staff' });
    assert.equal(res.status, 200);
    const url = linkOn(res.html)!;
    assert.ok(url, 'the page shows the link');
    const token = url.split('/').at(-1)!;
    const outbox = await database.db.selectFrom('outbox').selectAll().where('recipient', '=', 'sara@sewing.example.org').execute();
    assert.equal(outbox.length, 1);
    assert.ok(outbox[0]!.body.includes(url));
    const inv = await database.db
      .selectFrom('staff_invitation')
      .selectAll()
      .where('email', '=', 'sara@sewing.example.org')
      .executeTakeFirstOrThrow();
    assert.equal(inv.token_hash, hashToken(token));
    assert.equal(inv.expires_at.getTime() - clock.now().getTime(), 7 * 24 * 60 * 60_000);

    const sara = new TestBrowser(app);
    const form = await sara.get(pathOf(url));
    assert.equal(form.status, 200);
    assert.match(form.html, /join Manningham Sewing Circle on Belong as Provider staff/);
    const short = await sara.post(pathOf(url), { name: 'Sara Begum', password: 'too short', confirm: 'too short' });
    assert.equal(short.status, 400);
    assert.match(short.html, /<a href="#password">The password must be at least 12 characters long<\/a>/);
    const mismatch = await sara.post(pathOf(url), { name: 'Sara Begum', password: 'needle and thread', confirm: 'needle and threat' });
    assert.match(mismatch.html, /The two passwords are not the same/);
    const ok = await sara.post(pathOf(url), { name: 'Sara Begum', password: 'needle and thread', confirm: 'needle and thread' });
    assert.equal(ok.location, '/staff?done=welcome');
    const home = await sara.get('/staff?done=welcome');
    assert.match(home.html, /Welcome to Belong/);
    assert.match(home.html, /signed in as Provider staff for Manningham Sewing Circle/);

    const reuse = await new TestBrowser(app).get(pathOf(url));
    assert.equal(reuse.status, 410);
    assert.match(reuse.html, /already been used/);
    const account = await database.db
      .selectFrom('staff_account')
      .select(['id', 'role', 'organisation_id'])
      .where('email', '=', 'sara@sewing.example.org')
      .executeTakeFirstOrThrow();
    assert.deepEqual({ role: account.role, org: account.organisation_id }, { role: 'provider_staff', org: providerOrg });
    assert.ok(
      (await auditFor(database.db, account.id)).some((e) => e.action === 'staff.invitation_accepted' && e.actor_account_id === account.id),
    );
  });

  it('refuses invitations for an address that has an account, or a role that does not fit', async () => {
    const taken = await invite({ email: 'sara@sewing.example.org', role: 'volunteer' });
    assert.equal(taken.status, 400);
    assert.match(taken.html, /There is already an account with this email address/);
    const unfit = await invite({ email: 'new@sewing.example.org', role: 'connector' });
    assert.equal(unfit.status, 400);
    assert.match(unfit.html, /<a href="#role-0">This role does not fit this kind of organisation<\/a>/);
  });

  it('lets an invitation expire after seven days, and an unknown link finds nothing', async () => {
    const res = await invite({ email: 'late@sewing.example.org', role: 'volunteer' });
    const url = linkOn(res.html)!;
    clock.advance(7 * 24 * 60 * 60_000);
    const late = await new TestBrowser(app).get(pathOf(url));
    assert.equal(late.status, 410);
    assert.match(late.html, /This link has expired/);
    const unknown = await new TestBrowser(app).get(`/staff/invitation/${'x'.repeat(43)}`);
    assert.equal(unknown.status, 404);
    await admin.signIn(adminEmail, TEST_PASSWORD); // the clock moved past the session's life
  });

  it('a password link signs the person out everywhere, replaces the password, and works once', async () => {
    const { email, id } = await makeAccount(database.db, providerOrg, { email: 'forgetful@sewing.example.org' });
    const phone = new TestBrowser(app);
    await phone.signIn(email, TEST_PASSWORD);
    await admin.get(`/staff/accounts/${id}`);
    const issued = await admin.post(`/staff/accounts/${id}/reset`, {});
    const url = linkOn(issued.html)!;
    assert.ok(url);
    assert.match(issued.html, /It works once, until/);
    const first = await admin.post(`/staff/accounts/${id}/reset`, {});
    const newest = linkOn(first.html)!;
    assert.equal((await new TestBrowser(app).get(pathOf(url))).status, 410, 'only the newest link works');

    const b = new TestBrowser(app);
    const form = await b.get(pathOf(newest));
    assert.match(form.html, /Set a new password/);
    const done = await b.post(pathOf(newest), { password: 'a fresh start today', confirm: 'a fresh start today' });
    assert.equal(done.location, '/staff?done=passwordChanged');
    assert.equal((await b.get('/staff')).status, 200);
    assert.equal((await phone.get('/staff')).status, 303, 'the other session has ended');
    assert.equal((await new TestBrowser(app).signIn(email, TEST_PASSWORD)).status, 401);
    assert.equal((await new TestBrowser(app).signIn(email, 'a fresh start today')).status, 303);
    assert.equal((await new TestBrowser(app).get(pathOf(newest))).status, 410);
    assert.ok((await auditFor(database.db, id)).some((e) => e.action === 'account.password_reset_used'));
  });

  it('a password link expires after an hour', async () => {
    const { id } = await makeAccount(database.db, providerOrg);
    await admin.get(`/staff/accounts/${id}`);
    const url = linkOn((await admin.post(`/staff/accounts/${id}/reset`, {})).html)!;
    clock.advance(61 * 60_000);
    assert.equal((await new TestBrowser(app).get(pathOf(url))).status, 410);
    await admin.signIn(adminEmail, TEST_PASSWORD); // the clock moved past the session's idle time
  });

  it('with sign-in codes on, a password link still asks for the code, unless the administrator turned them off', async () => {
    const secret = newTotpSecret();
    const { id } = await makeAccount(database.db, providerOrg, { totpSecret: secret });
    await admin.get(`/staff/accounts/${id}`);
    const keep = linkOn((await admin.post(`/staff/accounts/${id}/reset`, {})).html)!;
    const b = new TestBrowser(app);
    await b.get(pathOf(keep));
    const res = await b.post(pathOf(keep), { password: 'phone still here', confirm: 'phone still here' });
    assert.equal(res.location, '/staff/sign-in/code');
    await b.get('/staff/sign-in/code');
    clock.advance(60_000);
    assert.equal((await b.post('/staff/sign-in/code', { code: totpCode(secret, clock.now()) })).status, 303);

    await admin.get(`/staff/accounts/${id}`);
    const clear = linkOn((await admin.post(`/staff/accounts/${id}/reset`, { clearTwoStep: 'yes' })).html)!;
    const c = new TestBrowser(app);
    const page = await c.get(pathOf(clear));
    assert.match(page.html, /also turns off sign-in codes/);
    const done = await c.post(pathOf(clear), { password: 'lost my phone today', confirm: 'lost my phone today' });
    assert.equal(done.location, '/staff?done=passwordChanged');
    const row = await database.db.selectFrom('staff_account').select('totp_secret').where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.totp_secret, null);
  });

  it('creates the first administrator from the command line, and gives a fresh link to an existing one', async () => {
    const r = await createAdministrator(database.db, { email: 'Founder@Example.org', name: 'Fatima Founder' }, clock.now());
    assert.equal(r.created, true);
    assert.match(r.path, /^\/staff\/reset\/[A-Za-z0-9_-]{43}$/);
    assert.equal(r.expiresAt.getTime() - clock.now().getTime(), 24 * 60 * 60_000);
    const account = await database.db
      .selectFrom('staff_account as a')
      .innerJoin('staff_organisation as o', 'o.id', 'a.organisation_id')
      .select(['a.role', 'a.password_hash', 'o.operator'])
      .where('a.email', '=', 'founder@example.org')
      .executeTakeFirstOrThrow();
    assert.deepEqual(account, { role: 'administrator', password_hash: null, operator: true });
    const b = new TestBrowser(app);
    assert.match((await b.get(r.path)).html, /Set your password/);
    const again = await createAdministrator(database.db, { email: 'founder@example.org', name: 'Fatima Founder' }, clock.now());
    assert.equal(again.created, false);
    assert.equal((await new TestBrowser(app).get(r.path)).status, 410, 'the earlier link no longer works');
    await b.get(again.path);
    assert.equal((await b.post(again.path, { password: 'a quiet evening walk', confirm: 'a quiet evening walk' })).status, 303);
    assert.equal((await b.get('/staff/organisations')).status, 200);
    await assert.rejects(() => createAdministrator(database.db, { email: 'sara@sewing.example.org', name: 'Sara' }), BootstrapError);
    await assert.rejects(() => createAdministrator(database.db, { email: 'not an address', name: 'X' }), BootstrapError);
  });
});

describe(`demo staff accounts [${testEngine}]`, () => {
  let database: TestDatabase;
  before(async () => {
    database = await openTestDatabase();
  });
  after(async () => {
    await database.dispose();
  });

  it('are made only when the demo area is there and nobody has an account, and can then sign in', async () => {
    assert.deepEqual(await seedDemoAccounts(database.db), { seeded: false, why: 'noDemoArea' });
    const [demo] = await saveFixtures(database.db, [
      serviceFixture('demo-lunch', { organization: organizationFixture('demo-lunch', { description: `A lunch club. ${FICTIONAL_NOTE}` }) }),
      serviceFixture('real-choir'),
    ]);
    const outcome = await seedDemoAccounts(database.db);
    assert.equal(outcome.seeded, true);
    const app = createApp({ config: loadConfig({ NODE_ENV: 'test' }), database, log: createLogger('silent') });
    for (const a of DEMO_ACCOUNTS) assert.equal((await new TestBrowser(app).signIn(a.email, a.password)).status, 303, a.email);
    const provider = await database.db
      .selectFrom('staff_account')
      .select('id')
      .where('email', '=', DEMO_ACCOUNTS[1].email)
      .executeTakeFirstOrThrow();
    const actor = (await loadActor(database.db, provider.id))!;
    assert.equal(
      can(actor, 'listing.edit', { listingOrganizationIds: [demo!.organization.id] }),
      true,
      'the demo provider manages the demo listing',
    );
    assert.deepEqual(await seedDemoAccounts(database.db), { seeded: false, why: 'accountsExist' });
  });

  it('are suspended when the demo is switched off, since their passwords are public', async () => {
    assert.equal(await retireDemoAccounts(database.db), DEMO_ACCOUNTS.length);
    assert.equal(await retireDemoAccounts(database.db), 0);
    const app = createApp({ config: loadConfig({ NODE_ENV: 'test' }), database, log: createLogger('silent') });
    assert.equal((await new TestBrowser(app).signIn(DEMO_ACCOUNTS[0].email, DEMO_ACCOUNTS[0].password)).status, 403);
  });
});
