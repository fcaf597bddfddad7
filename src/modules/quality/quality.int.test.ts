import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { createLogger } from '../../platform/log.ts';
import { fixtureId, organizationFixture, saveFixtures, serviceFixture } from '../../../test/support/directory-fixtures.ts';
import { openTestDatabase, testEngine, type TestDatabase } from '../../../test/support/test-db.ts';
import { makeAccount, makeOrganisation, TEST_PASSWORD, TestBrowser } from '../accounts/accounts.test-support.ts';
import { londonLocal } from '../directory/schedule.ts';
import { addMonths } from './freshness.ts';

describe(`the data-quality view and its bulk actions [${testEngine}]`, () => {
  let database: TestDatabase;
  let app: ReturnType<typeof createApp>;
  let admin: TestBrowser;
  let provider: TestBrowser;
  const today = londonLocal(new Date()).date;
  const id = (key: string) => fixtureId(`service:${key}`);

  before(async () => {
    database = await openTestDatabase();
    app = createApp({ config: loadConfig({ NODE_ENV: 'test' }), database, log: createLogger('silent') });
    const org = organizationFixture('lidget-green', { name: 'Lidget Green Community Centre' });
    const recent = addMonths(today, -1);
    const safe = { safeguarding_policy: true };
    await saveFixtures(database.db, [
      serviceFixture('sewing', {
        organization: org,
        service: { name: 'Sewing circle', assured_date: addMonths(today, -14) },
        belong: { ...safe, review_due: addMonths(today, -2) },
      }),
      serviceFixture('chess', {
        organization: org,
        service: { name: 'Chess club', assured_date: recent },
        belong: { ...safe, review_due: addMonths(today, 5) },
      }),
      serviceFixture('quiet', {
        organization: org,
        service: { name: 'Quiet reading hour', assured_date: recent },
        belong: { review_due: addMonths(today, 5) },
        extra: { languages: [] },
      }),
      serviceFixture('drop', {
        organization: org,
        service: { name: 'Drop-in advice', assured_date: recent },
        belong: { ...safe, review_due: addMonths(today, 5) },
        schedules: [],
      }),
      serviceFixture('bingo', {
        organization: org,
        service: { name: 'Bingo afternoon', assured_date: addMonths(today, -20) },
        belong: safe,
      }),
    ]);
    const operator = await makeOrganisation(database.db, { name: 'Belong team', kind: 'referrer', operator: true });
    const providerOrg = await makeOrganisation(database.db, { name: 'Lidget Green', kind: 'provider', listings: [org.id] });
    admin = new TestBrowser(app);
    provider = new TestBrowser(app);
    await admin.signIn((await makeAccount(database.db, operator, { role: 'administrator', name: 'Ada Admin' })).email, TEST_PASSWORD);
    await provider.signIn((await makeAccount(database.db, providerOrg, { role: 'provider_staff', manager: true })).email, TEST_PASSWORD);
  });
  after(async () => {
    await database.dispose();
  });

  it('counts and lists listings by problem, for administrators only', async () => {
    const page = await admin.get('/admin/quality');
    assert.equal(page.status, 200);
    assert.match(page.html, /<h1>Data quality<\/h1>/);
    assert.match(page.html, /Past its review date<\/a>\s*: <strong>2<\/strong>/);
    assert.match(page.html, /No languages<\/a>\s*: <strong>1<\/strong>/);
    assert.match(page.html, /No times<\/a>\s*: <strong>1<\/strong>/);
    assert.match(page.html, /No safeguarding record<\/a>\s*: <strong>1<\/strong>/);
    assert.doesNotMatch(page.html, /Chess club/, 'a listing with no problem is not listed');
    const stale = await admin.get('/admin/quality?problem=stale');
    assert.match(stale.html, /Sewing circle/);
    assert.match(stale.html, /Bingo afternoon/);
    assert.doesNotMatch(stale.html, /Quiet reading hour/);
    assert.match(stale.html, new RegExp(`<input type="checkbox" id="svc-${id('sewing')}" name="service" value="${id('sewing')}"`));
    assert.equal((await provider.get('/admin/quality')).status, 403);
    assert.match((await new TestBrowser(app).get(`/services/${id('sewing')}`)).html, /That was a while ago/, 'before: checked long ago');
  });

  it('marks the chosen listings verified in one go: review in six months, change log, one audit entry each, public page updated', async () => {
    await admin.get('/admin/quality?problem=stale');
    const res = await admin.request('/admin/quality/bulk', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' },
      body: new URLSearchParams([
        ['_csrf', admin.csrf],
        ['problem', 'stale'],
        ['action', 'verify'],
        ['service', id('sewing')],
        ['service', id('bingo')],
      ]),
    });
    assert.equal(res.status, 303);
    assert.equal(res.location, '/admin/quality?problem=stale&done=verified&count=2');
    const after = await admin.get(res.location!);
    assert.match(after.html, /2 listings are marked verified\./);
    assert.match(after.html, /No listings have this problem\./);
    const rows = await database.db
      .selectFrom('service as s')
      .innerJoin('belong_service as b', 'b.service_id', 's.id')
      .select(['s.id', 's.assured_date', 'b.review_due', 'b.verified_by'])
      .where('s.id', 'in', [id('sewing'), id('bingo')])
      .execute();
    for (const r of rows) {
      assert.equal(String(r.assured_date), today);
      assert.equal(String(r.review_due), addMonths(today, 6));
      assert.equal(r.verified_by, 'Ada Admin (Belong team)');
    }
    const log = await database.db
      .selectFrom('metadata')
      .select(['field_name', 'replacement_value'])
      .where('resource_id', '=', id('sewing'))
      .where('last_action_type', '=', 'update')
      .execute();
    assert.deepEqual(log.map((l) => l.field_name).sort(), ['assured_date', 'review_due', 'verified_by']);
    for (const key of ['sewing', 'bingo']) {
      const audit = await database.db
        .selectFrom('audit_event')
        .selectAll()
        .where('subject_id', '=', id(key))
        .where('action', '=', 'listing.mark_verified')
        .execute();
      assert.equal(audit.length, 1, key);
      assert.deepEqual((audit[0]!.details.changedFields as string[]).sort(), ['assured_date', 'review_due', 'verified_by']);
    }
    const summary = await database.db.selectFrom('audit_event').select('details').where('action', '=', 'quality.bulk_verify').execute();
    assert.equal(summary.length, 1);
    const publicPage = await new TestBrowser(app).get(`/services/${id('sewing')}`);
    assert.match(publicPage.html, /Last checked: [^<]+\.<\/p>/, 'the public page says when it was last checked');
    assert.doesNotMatch(publicPage.html, /That was a while ago/, 'and no longer that it was long ago');
  });

  it('explains a bad selection and changes nothing (all or nothing)', async () => {
    await admin.get('/admin/quality');
    const none = await admin.post('/admin/quality/bulk', { action: 'verify' });
    assert.equal(none.status, 400);
    assert.match(none.html, /<a href="#services">Choose at least one listing<\/a>/);
    const before = await database.db.selectFrom('service').select('assured_date').where('id', '=', id('quiet')).executeTakeFirstOrThrow();
    const res = await admin.request('/admin/quality/bulk', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' },
      body: new URLSearchParams([
        ['_csrf', admin.csrf],
        ['action', 'archive'],
        ['service', id('quiet')],
        ['service', '00000000-0000-4000-8000-000000000000'],
      ]),
    });
    assert.equal(res.status, 400);
    assert.match(res.html, /Some of the chosen listings no longer exist or have changed/);
    assert.match(res.html, new RegExp(`value="${id('quiet')}" checked=""`), 'the choice is kept');
    const after = await database.db
      .selectFrom('service')
      .select(['status', 'assured_date'])
      .where('id', '=', id('quiet'))
      .executeTakeFirstOrThrow();
    assert.equal(after.status, 'active');
    assert.deepEqual(after.assured_date, before.assured_date);
    const bad = await admin.post('/admin/quality/bulk', { action: 'delete', service: id('quiet') });
    assert.equal(bad.status, 400);
    assert.match(bad.html, /Choose “Mark verified” or “Archive”/);
    await provider.get('/staff');
    assert.equal((await provider.post('/admin/quality/bulk', { action: 'archive', service: id('quiet') })).status, 403);
    assert.equal(
      (await database.db.selectFrom('service').select('status').where('id', '=', id('quiet')).executeTakeFirstOrThrow()).status,
      'active',
    );
  });

  it('archives listings: they leave public search and the ORUK lists, but their ORUK record says inactive', async () => {
    const person = new TestBrowser(app);
    assert.match((await person.get('/find?q=drop-in+advice')).html, /Drop-in advice/);
    const listed = async () =>
      ((await (await app.request('/oruk/services?search=advice')).json()) as { contents: { id: string }[] }).contents.map((s) => s.id);
    assert.ok((await listed()).includes(id('drop')));

    await admin.get('/admin/quality?problem=no_times');
    const res = await admin.post('/admin/quality/bulk', { action: 'archive', service: id('drop'), problem: 'no_times' });
    assert.equal(res.location, '/admin/quality?problem=no_times&done=archived&count=1');

    assert.doesNotMatch((await person.get('/find?q=drop-in+advice')).html, /Drop-in advice/);
    assert.ok(!(await listed()).includes(id('drop')));
    const one = (await (await app.request(`/oruk/services/${id('drop')}`)).json()) as { status: string };
    assert.equal(one.status, 'inactive');
    assert.doesNotMatch(
      (await admin.get('/admin/quality?problem=no_times')).html,
      /Drop-in advice/,
      'archived listings leave the quality view',
    );
    const audit = await database.db
      .selectFrom('audit_event')
      .select('details')
      .where('subject_id', '=', id('drop'))
      .where('action', '=', 'listing.archive')
      .execute();
    assert.deepEqual(
      audit.map((a) => a.details.changedFields),
      [['status']],
    );
  });

  it('sends the reminders that are due from the button, once', async () => {
    // Make one listing stale again so there is something to remind about.
    await database.db
      .updateTable('belong_service')
      .set({ review_due: addMonths(today, -1) })
      .where('service_id', '=', id('chess'))
      .execute();
    await admin.get('/admin/quality');
    const res = await admin.post('/admin/quality/reminders', {});
    assert.equal(res.status, 303);
    assert.match(res.location!, /^\/admin\/quality\?done=reminders&count=[1-9]/);
    const page = await admin.get(res.location!);
    assert.match(page.html, /reminders? sent \(see the outbox\)/);
    const outbox = await database.db.selectFrom('outbox').select(['subject', 'body']).execute();
    assert.ok(outbox.some((m) => /needs checking on Belong/.test(m.subject) && /Chess club/.test(m.body)));
    const again = await admin.post('/admin/quality/reminders', {});
    assert.equal(again.location, '/admin/quality?done=reminders&count=0');
  });
});
