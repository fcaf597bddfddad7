/**
 * The population baseline upload and read-only API tokens, through the app
 * on both engines: an administrator's upload replaces only the areas in the
 * file and a wrong file changes nothing and says why, line by line; a
 * commissioner's token (shown once, stored hashed) reads /api/reports/* and
 * nothing else, every use is audited, and a revoked token stops at once.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { createLogger } from '../../platform/log.ts';
import { openTestDatabase, testEngine, type TestDatabase } from '../../../test/support/test-db.ts';
import { makeAccount, makeOrganisation, ORIGIN, TEST_PASSWORD, TestBrowser } from '../accounts/accounts.test-support.ts';

describe(`population baseline and API tokens [${testEngine}]`, () => {
  let database: TestDatabase;
  let app: ReturnType<typeof createApp>;
  before(async () => {
    database = await openTestDatabase();
    app = createApp({
      config: loadConfig({ LOG_LEVEL: 'silent', DEMO_DATA: 'off' }),
      database,
      log: createLogger('silent'),
      now: () => new Date('2026-06-30T12:00:00Z'),
    });
  });
  after(async () => {
    await database.dispose();
  });

  const upload = (b: TestBrowser, csv: string, source: string) => {
    const form = new FormData();
    form.set('_csrf', b.csrf);
    form.set('source', source);
    form.set('file', new File([csv], 'baseline.csv', { type: 'text/csv' }));
    return b.request('/staff/evidence/population', { method: 'POST', body: form, headers: { origin: ORIGIN } });
  };

  it('lets an administrator replace an area’s baseline, and says what is wrong with a file, line by line', async () => {
    const db = database.db;
    const operator = await makeOrganisation(db, { kind: 'referrer', operator: true });
    const admin = await makeAccount(db, operator, { role: 'administrator' });
    const b = new TestBrowser(app);
    await b.signIn(admin.email, TEST_PASSWORD);
    await b.get('/staff/evidence/population');
    const first = await upload(
      b,
      'area,dimension,value,population\nBD8,gender,woman,100\nBD8,gender,man,90\nBD3,gender,woman,50\n',
      'Census 2021',
    );
    assert.equal(first.status, 303);
    await b.get('/staff/evidence/population');
    const again = await upload(b, 'area,dimension,value,population\nBD8,gender,woman,120\n', 'Census 2021, revised');
    assert.equal(again.status, 303);
    const rows = await db
      .selectFrom('report_population')
      .select(['area', 'value', 'population', 'source'])
      .orderBy('area')
      .orderBy('value')
      .execute();
    assert.deepEqual(rows, [
      { area: 'BD3', value: 'woman', population: 50, source: 'Census 2021' },
      { area: 'BD8', value: 'woman', population: 120, source: 'Census 2021, revised' },
    ]);
    const page = await b.get(again.location!);
    assert.match(page.html, /The baseline was replaced for BD8/);
    assert.match(page.html, /Census 2021, revised/);

    const wrong = await upload(b, 'area,dimension,value,population\nBD8,gender,woman,7\nBD3,ethnicity,asian,5\nBD3,gender,man,many\n', 'x');
    assert.equal(wrong.status, 400);
    assert.match(wrong.html, /Line 3: “asian” is not a value for this dimension/);
    assert.match(wrong.html, /Line 4: “many” is not a whole number of people/);
    assert.equal(
      (await db.selectFrom('report_population').select('population').where('area', '=', 'BD8').executeTakeFirst())?.population,
      120,
      'nothing saved',
    );
    const noFile = await b.request('/staff/evidence/population', {
      method: 'POST',
      body: (() => {
        const f = new FormData();
        f.set('_csrf', b.csrf);
        f.set('source', '');
        return f;
      })(),
      headers: { origin: ORIGIN },
    });
    assert.equal(noFile.status, 400);
    assert.match(noFile.html, /Choose a CSV file to upload/);
    assert.match(noFile.html, /Say where the figures come from/);

    const csv = await b.get('/staff/evidence/population.csv');
    assert.equal(csv.html, 'area,dimension,value,population\r\nBD3,gender,woman,50\r\nBD8,gender,woman,120\r\n');

    const council = await makeOrganisation(db, { kind: 'referrer' });
    const commissioner = await makeAccount(db, council, { role: 'commissioner' });
    const c = new TestBrowser(app);
    await c.signIn(commissioner.email, TEST_PASSWORD);
    const view = await c.get('/staff/evidence/population');
    assert.equal(view.status, 200);
    assert.doesNotMatch(view.html, /Upload and replace/, 'only administrators upload');
    assert.equal((await upload(c, 'area,dimension,value,population\nBD8,gender,woman,1\n', 'mine')).status, 403);
    const audit = await db.selectFrom('audit_event').select(['action', 'outcome']).where('action', '=', 'population.upload').execute();
    assert.deepEqual(audit.map((a) => a.outcome).sort(), ['allowed', 'allowed', 'denied']);
  });

  it('gives a commissioner a read-only token for /api/reports/*, shown once, stored hashed, audited, revocable', async () => {
    const db = database.db;
    const council = await makeOrganisation(db, { kind: 'referrer' });
    const commissioner = await makeAccount(db, council, { role: 'commissioner' });
    const b = new TestBrowser(app);
    await b.signIn(commissioner.email, TEST_PASSWORD);
    assert.equal((await b.get('/staff/evidence/tokens')).status, 200);
    const nameless = await b.post('/staff/evidence/tokens', { name: '  ' });
    assert.equal(nameless.status, 400);
    assert.match(nameless.html, /Give the token a name/);
    const made = await b.post('/staff/evidence/tokens', { name: 'Power BI' });
    assert.equal(made.status, 200);
    const secret = /value="(belong_rpt_[A-Za-z0-9_-]{43})"/.exec(made.html)?.[1];
    assert.ok(secret, 'the secret is shown');
    const list = await b.get('/staff/evidence/tokens');
    assert.ok(!list.html.includes(secret), 'and never again');
    assert.match(list.html, /Power BI/);
    const stored = await db.selectFrom('report_api_token').selectAll().execute();
    assert.equal(stored.length, 1);
    assert.ok(!JSON.stringify(stored).includes(secret.slice(15)), 'only a hash is stored');

    const bearer = { authorization: `Bearer ${secret}`, accept: 'application/json' };
    const res = await app.request('/api/reports/coverage', { headers: bearer });
    assert.equal(res.status, 200);
    assert.equal(((await res.json()) as { report: string }).report, 'coverage');
    assert.equal((await app.request('/api/reports/funnel?from=2026-01-01&to=2026-06-30', { headers: bearer })).status, 200);
    const uses = await db
      .selectFrom('audit_event')
      .select(['subject_id', 'actor_account_id', 'details'])
      .where('action', '=', 'api_token.use')
      .execute();
    assert.equal(uses.length, 2, 'every use is audited');
    assert.ok(uses.every((u) => u.subject_id === stored[0]!.id && u.actor_account_id === commissioner.id));
    assert.ok((await db.selectFrom('report_api_token').select('last_used_at').executeTakeFirstOrThrow()).last_used_at);

    // Only on /api/reports/*: a staff page with the token is not signed in.
    const page = await app.request('/staff/evidence/coverage', { headers: bearer });
    assert.equal(page.status, 303);
    assert.match(page.headers.get('location') ?? '', /sign-in/);
    assert.equal((await app.request('/api/reports/coverage', { headers: { authorization: 'Bearer nonsense' } })).status, 401);
    assert.equal(
      (await app.request('/api/reports/coverage', { headers: { authorization: `Bearer belong_rpt_${'A'.repeat(43)}` } })).status,
      401,
    );

    for (const header of [
      'Bearer',
      'Basic dXNlcjpwYXNz',
      `Bearer ${secret} extra`,
      `bearer   ${secret.toUpperCase()}`,
      'Bearer belong_rpt_',
      `Bearer ${'x'.repeat(5000)}`,
    ])
      assert.equal((await app.request('/api/reports/coverage', { headers: { authorization: header } })).status, 401, header.slice(0, 40));
    assert.equal((await b.post('/staff/evidence/tokens', { name: 'x'.repeat(81) })).status, 400);
    assert.equal((await b.post('/staff/evidence/tokens/not-a-uuid/revoke', {})).status, 404);
    assert.equal((await b.post(`/staff/evidence/tokens/${crypto.randomUUID()}/revoke`, {})).status, 404);

    // Someone else cannot revoke it; its owner can, and it stops at once.
    const other = await makeAccount(db, council, { role: 'commissioner' });
    const ob = new TestBrowser(app);
    await ob.signIn(other.email, TEST_PASSWORD);
    await ob.get('/staff/evidence/tokens');
    assert.equal((await ob.post(`/staff/evidence/tokens/${stored[0]!.id}/revoke`, {})).status, 403);
    await b.get('/staff/evidence/tokens');
    const revoked = await b.post(`/staff/evidence/tokens/${stored[0]!.id}/revoke`, {});
    assert.equal(revoked.status, 303);
    assert.match((await b.get(revoked.location!)).html, /The token was revoked/);
    const after = await app.request('/api/reports/coverage', { headers: bearer });
    assert.equal(after.status, 401);
    assert.match(after.headers.get('www-authenticate') ?? '', /invalid_token/);

    // A connector cannot make tokens; a commissioner who becomes a connector cannot use theirs.
    const gp = await makeOrganisation(db, { kind: 'referrer' });
    const connector = await makeAccount(db, gp, { role: 'connector' });
    const cb = new TestBrowser(app);
    await cb.signIn(connector.email, TEST_PASSWORD);
    assert.equal((await cb.get('/staff/evidence/tokens')).status, 403);
    await b.get('/staff/evidence/tokens');
    const second = await b.post('/staff/evidence/tokens', { name: 'Excel' });
    const secret2 = /value="(belong_rpt_[A-Za-z0-9_-]{43})"/.exec(second.html)![1]!;
    await db.updateTable('staff_account').set({ role: 'connector' }).where('id', '=', commissioner.id).execute();
    assert.equal(
      (await app.request('/api/reports/coverage', { headers: { authorization: `Bearer ${secret2}`, accept: 'application/json' } })).status,
      403,
    );
  });
});
