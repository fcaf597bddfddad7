import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { makeAccount, makeOrganisation, TEST_PASSWORD, TestBrowser, type Page } from '../../modules/accounts/accounts.test-support.ts';
import { createLogger } from '../log.ts';
import { organizationFixture, saveFixtures, serviceFixture } from '../../../test/support/directory-fixtures.ts';
import { openTestDatabase, testEngine, type TestDatabase } from '../../../test/support/test-db.ts';

describe(`CSRF protection on staff forms [${testEngine}]`, () => {
  let database: TestDatabase;
  let app: ReturnType<typeof createApp>;
  let email: string;
  let accountId: string;
  const sessions = async () =>
    (await database.db.selectFrom('staff_session').select('token_hash').where('account_id', '=', accountId).execute()).length;

  before(async () => {
    database = await openTestDatabase();
    app = createApp({ config: loadConfig({ NODE_ENV: 'test' }), database, log: createLogger('silent') });
    const org = await makeOrganisation(database.db);
    ({ email, id: accountId } = await makeAccount(database.db, org));
  });
  after(async () => {
    await database.dispose();
  });

  it('refuses a form posted from another site, even with a valid token', async () => {
    const b = new TestBrowser(app);
    await b.signIn(email, TEST_PASSWORD);
    await b.get('/staff/account');
    const before = await sessions();
    const res = await b.post('/staff/account/sign-out-everywhere', {}, { origin: 'https://evil.example' });
    assert.equal(res.status, 403);
    assert.equal(await sessions(), before, 'nothing was done');
    const signIn = await new TestBrowser(app).post(
      '/staff/sign-in',
      { email, password: TEST_PASSWORD },
      { origin: 'https://evil.example' },
    );
    assert.equal(signIn.status, 403, 'login CSRF is refused too');
  });

  it('refuses a form with no Origin or Sec-Fetch-Site header, and accepts Sec-Fetch-Site: same-origin', async () => {
    const b = new TestBrowser(app);
    await b.get('/staff/sign-in');
    assert.equal((await b.post('/staff/sign-in', { email, password: TEST_PASSWORD }, { origin: null })).status, 403);
    const res = await b.request('/staff/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
      body: new URLSearchParams({ _csrf: b.csrf, email, password: TEST_PASSWORD }),
    });
    assert.equal(res.status, 303);
  });

  it('refuses a signed-in form with a missing or wrong token, or another session’s token', async () => {
    const b = new TestBrowser(app);
    await b.signIn(email, TEST_PASSWORD);
    await b.get('/staff/account');
    const other = new TestBrowser(app);
    await other.signIn(email, TEST_PASSWORD);
    await other.get('/staff/account');
    const before = await sessions();
    for (const csrf of [null, '', 'x'.repeat(43), other.csrf]) {
      const res = await b.post('/staff/account/sign-out-everywhere', {}, { csrf });
      assert.equal(res.status, 403, `token ${JSON.stringify(csrf)}`);
      assert.match(res.html, /This form has expired/);
    }
    assert.equal(await sessions(), before, 'nothing was done');
    assert.equal((await b.post('/staff/account/sign-out-everywhere', {})).status, 303, 'the right token works');
  });

  it('refuses the sign-in form without its double-submit cookie', async () => {
    const b = new TestBrowser(app);
    await b.get('/staff/sign-in');
    b.cookies.delete('belong_form');
    assert.equal((await b.post('/staff/sign-in', { email, password: TEST_PASSWORD })).status, 403);
  });
});

describe(`Content-Security-Policy and headers on every staff page [${testEngine}]`, () => {
  let database: TestDatabase;
  let app: ReturnType<typeof createApp>;
  let pages: Map<string, Page>;

  /** Follows every same-site link under /staff and /admin from the start pages, as this browser. */
  async function crawl(b: TestBrowser, starts: string[], limit = 150): Promise<Map<string, Page>> {
    const seen = new Map<string, Page>();
    const queue = [...starts];
    while (queue.length && seen.size < limit) {
      const path = queue.shift()!;
      if (seen.has(path)) continue;
      const page = await b.get(path);
      seen.set(path, page);
      for (const m of page.html.matchAll(/href="(\/(?:staff|admin)[^"#]*)"/g)) {
        const href = m[1]!.replace(/&amp;/g, '&');
        if (!seen.has(href) && !queue.includes(href)) queue.push(href);
      }
    }
    return seen;
  }

  before(async () => {
    database = await openTestDatabase();
    app = createApp({ config: loadConfig({ NODE_ENV: 'test' }), database, log: createLogger('silent') });
    const [g] = await saveFixtures(database.db, [serviceFixture('choir', { organization: organizationFixture('choir') })]);
    const operator = await makeOrganisation(database.db, { name: 'Belong team', kind: 'referrer', operator: true });
    const provider = await makeOrganisation(database.db, { name: 'Heaton Choir', kind: 'provider', listings: [g!.organization.id] });
    const { email } = await makeAccount(database.db, operator, { role: 'administrator' });
    await makeAccount(database.db, provider, { role: 'provider_staff', manager: true });
    const admin = new TestBrowser(app);
    await admin.signIn(email, TEST_PASSWORD);
    await admin.get(`/staff/organisations/${provider}`);
    const invited = await admin.post(`/staff/organisations/${provider}/invitations`, { email: 'new@choir.example.org', role: 'volunteer' });
    const link = invited.html.match(/<code>http:\/\/localhost(\/staff\/invitation\/[^<]+)<\/code>/)![1]!;
    pages = await crawl(admin, [
      '/staff',
      '/staff/organisations/new',
      `/staff/organisations/${provider}?q=choir`,
      '/admin/audit?action=staff.',
      '/staff/organisations/not-an-id',
    ]);
    const anonymous = new TestBrowser(app);
    for (const path of ['/staff/sign-in', link, `/staff/reset/${'x'.repeat(43)}`])
      pages.set(`anonymous ${path}`, await anonymous.get(path));
  });
  after(async () => {
    await database.dispose();
  });

  it('reaches the staff pages there are', () => {
    const paths = [...pages.keys()].join('\n');
    for (const p of [
      '/staff/account',
      '/staff/account/password',
      '/staff/account/two-step',
      '/staff/organisations',
      '/staff/accounts/',
      '/admin/audit',
      '/admin/outbox',
      'anonymous /staff/sign-in',
      'anonymous /staff/invitation/',
    ]) {
      assert.ok(paths.includes(p), `crawled ${p}`);
    }
    assert.ok(pages.size >= 15, `${pages.size} pages`);
    assert.ok(
      [...pages.values()].some((p) => p.status === 404),
      'an error page is among them',
    );
  });

  it('sends a strict CSP, no-store and no referrer with every one', () => {
    for (const [path, page] of pages) {
      const csp = page.headers.get('content-security-policy') ?? '';
      assert.match(csp, /default-src 'self'/, path);
      assert.match(csp, /script-src 'self'(;|$)/, path);
      assert.match(csp, /style-src 'self'(;|$)/, path);
      assert.match(csp, /frame-ancestors 'none'/, path);
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/, path);
      assert.equal(page.headers.get('cache-control'), 'no-store', path);
      assert.equal(page.headers.get('referrer-policy'), 'no-referrer', path);
    }
  });

  it('has no inline scripts, styles or event handlers in any of them', () => {
    for (const [path, page] of pages) {
      if (!page.html) continue;
      assert.doesNotMatch(page.html, /<script/i, path);
      assert.doesNotMatch(page.html, /<style/i, path);
      assert.doesNotMatch(page.html, /\sstyle=/i, path);
      assert.doesNotMatch(page.html, /\son[a-z]+=/i, path);
      assert.doesNotMatch(page.html, /javascript:/i, path);
    }
  });
});
