import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { createLogger } from '../../platform/log.ts';
import { organizationFixture, saveFixtures, serviceFixture } from '../../../test/support/directory-fixtures.ts';
import { openTestDatabase, testEngine, type TestDatabase } from '../../../test/support/test-db.ts';
import { makeAccount, makeOrganisation, TEST_PASSWORD, TestBrowser } from '../accounts/accounts.test-support.ts';
import { REPORTS_PER_WINDOW } from '../../platform/http/form-throttle.ts';

describe(`reporting a problem with a listing, and the queue [${testEngine}]`, () => {
  let database: TestDatabase;
  let app: ReturnType<typeof createApp>;
  let serviceA: string;
  let serviceB: string;
  let admin: TestBrowser;
  let providerA: TestBrowser;
  let providerB: TestBrowser;

  before(async () => {
    database = await openTestDatabase();
    app = createApp({ config: loadConfig({ NODE_ENV: 'test' }), database, log: createLogger('silent') });
    const [a, b] = await saveFixtures(database.db, [
      serviceFixture('knit-and-natter', { organization: organizationFixture('heaton-hub'), service: { name: 'Knit and natter' } }),
      serviceFixture('dads-football', { organization: organizationFixture('park-sports'), service: { name: 'Dads football' } }),
    ]);
    serviceA = a!.service.id;
    serviceB = b!.service.id;
    const operator = await makeOrganisation(database.db, { name: 'Belong team', kind: 'referrer', operator: true });
    const orgA = await makeOrganisation(database.db, { name: 'Heaton Hub', kind: 'provider', listings: [a!.organization.id] });
    const orgB = await makeOrganisation(database.db, { name: 'Park Sports', kind: 'provider', listings: [b!.organization.id] });
    admin = new TestBrowser(app);
    providerA = new TestBrowser(app);
    providerB = new TestBrowser(app);
    await admin.signIn((await makeAccount(database.db, operator, { role: 'administrator' })).email, TEST_PASSWORD);
    await providerA.signIn((await makeAccount(database.db, orgA, { role: 'provider_staff' })).email, TEST_PASSWORD);
    await providerB.signIn((await makeAccount(database.db, orgB, { role: 'provider_staff', manager: true })).email, TEST_PASSWORD);
  });
  after(async () => {
    await database.dispose();
  });

  const reports = () => database.db.selectFrom('listing_report').selectAll().orderBy('created_at').execute();

  it('links to the form from the public page, which asks plainly in the reader’s language', async () => {
    const person = new TestBrowser(app);
    const service = await person.get(`/services/${serviceA}`);
    assert.match(service.html, new RegExp(`<a href="/services/${serviceA}/report">Report a problem with this listing</a>`));
    const form = await person.get(`/services/${serviceA}/report`);
    assert.equal(form.status, 200);
    assert.match(form.html, /<h1>Report a problem with this listing<\/h1>/);
    assert.match(form.html, /Knit and natter/);
    assert.match(form.html, /<legend>What is wrong\?<\/legend>/);
    assert.match(form.html, /Your phone number or email \(optional\)/);
    assert.match(form.html, /Only if you are happy for us to contact you/);
    assert.match(form.html, /<div hidden=""><label for="website">/, 'the honeypot is hidden from people');
    const arabic = new TestBrowser(app, { 'accept-language': 'ar' });
    const ar = await arabic.get(`/services/${serviceA}/report`);
    assert.match(ar.html, /<html lang="ar" dir="rtl">/);
    assert.match(ar.html, /أبلغ عن مشكلة في هذه المعلومات/);
    assert.equal((await person.get('/services/00000000-0000-4000-8000-000000000000/report')).status, 404);
    assert.equal((await person.get('/services/not-an-id/report')).status, 404);
  });

  it('explains what is missing (400, error summary) and keeps what was typed', async () => {
    const person = new TestBrowser(app);
    await person.get(`/services/${serviceA}/report`);
    const none = await person.post(`/services/${serviceA}/report`, { kind: '', details: 'Hello', contact: '' });
    assert.equal(none.status, 400);
    assert.match(none.html, /<title>Error: /);
    assert.match(none.html, /<a href="#kind-0">Choose what is wrong<\/a>/);
    assert.match(none.html, />Hello<\/textarea>/);
    const other = await person.post(`/services/${serviceA}/report`, { kind: 'other', details: ' ' });
    assert.equal(other.status, 400);
    assert.match(other.html, /<a href="#details">Tell us what is wrong<\/a>/);
    assert.match(other.html, /id="kind-5" name="kind" value="other" checked=""/);
    assert.equal((await reports()).length, 0, 'nothing stored');
  });

  it('stores a report with its language, thanks the person, and audits it without the contact', async () => {
    const person = new TestBrowser(app, { 'accept-language': 'ar' });
    const res = await person.post(`/services/${serviceA}/report`, { kind: 'times', details: 'صار يوم الأربعاء', contact: '07700 900555' });
    assert.equal(res.status, 303);
    assert.equal(res.location, `/services/${serviceA}/report/thanks`);
    const thanks = await person.get(res.location!);
    assert.match(thanks.html, /شكرًا لك/);
    const [stored] = await reports();
    assert.equal(stored!.service_id, serviceA);
    assert.equal(stored!.kind, 'times');
    assert.equal(stored!.language, 'ar');
    assert.equal(stored!.contact, '07700 900555');
    assert.equal(stored!.status, 'open');
    const audit = await database.db.selectFrom('audit_event').selectAll().where('subject_id', '=', stored!.id).execute();
    assert.deepEqual(
      audit.map((e) => e.action),
      ['report.create'],
    );
    assert.equal(JSON.stringify(audit[0]!.details).includes('07700'), false, 'the contact is not copied into the audit log');
  });

  it('refuses a form posted from another site, and thanks robots without storing what they send', async () => {
    const before = (await reports()).length;
    const forged = await new TestBrowser(app).post(`/services/${serviceA}/report`, { kind: 'closed' }, { origin: 'https://evil.example' });
    assert.equal(forged.status, 403);
    const robot = await new TestBrowser(app).post(`/services/${serviceA}/report`, {
      kind: 'closed',
      details: 'buy now',
      website: 'https://spam.example',
    });
    assert.equal(robot.status, 303);
    assert.equal((await reports()).length, before);
  });

  it('shows administrators the queue with the contact, audited; providers see only their own listings’ reports, without it', async () => {
    await new TestBrowser(app).post(`/services/${serviceB}/report`, { kind: 'place', details: 'Moved to the other park' });
    const queue = await admin.get('/admin/reports');
    assert.equal(queue.status, 200);
    assert.match(queue.html, /Knit and natter/);
    assert.match(queue.html, /Dads football/);
    assert.match(queue.html, /07700 900555/);
    assert.ok(queue.html.indexOf('Dads football') < queue.html.indexOf('Knit and natter'), 'newest first');
    assert.match(queue.html, new RegExp(`href="/staff/listings/${serviceA}"`));
    const [first] = await reports();
    const looks = await database.db
      .selectFrom('audit_event')
      .select('details')
      .where('action', '=', 'report.view')
      .where('outcome', '=', 'allowed')
      .execute();
    assert.ok(
      looks.some((l) => (l.details.contactShownFor as string[] | undefined)?.includes(first!.id)),
      'the look at the contact is audited',
    );

    const own = await providerA.get('/staff/reports');
    assert.equal(own.status, 200);
    assert.match(own.html, /Knit and natter/);
    assert.doesNotMatch(own.html, /Dads football/);
    assert.doesNotMatch(own.html, /07700 900555/, 'providers never see the reporter’s contact');
    assert.doesNotMatch(own.html, /Dismiss/);
    const other = await providerB.get('/staff/reports');
    assert.doesNotMatch(other.html, /Knit and natter/);
    assert.equal((await providerA.get('/admin/reports')).status, 403);
  });

  it('lets a provider resolve their own report but not another organisation’s; closing clears the contact', async () => {
    const [onA, onB] = await reports();
    await providerB.get('/staff/reports');
    const refused = await providerB.post(`/staff/reports/${onA!.id}/resolve`, { note: 'Not ours' });
    assert.equal(refused.status, 403);
    await providerA.get('/staff/reports');
    const tooLong = await providerA.post(`/staff/reports/${onA!.id}/resolve`, { note: 'x'.repeat(1001) });
    assert.equal(tooLong.status, 400);
    assert.match(tooLong.html, /Keep the note to 1,000 characters or fewer/);
    const ok = await providerA.post(`/staff/reports/${onA!.id}/resolve`, { note: 'Times corrected to Wednesdays' });
    assert.equal(ok.location, '/staff/reports?done=resolved');
    assert.match((await providerA.get(ok.location!)).html, /The report is marked resolved\./);
    const again = await providerA.post(`/staff/reports/${onA!.id}/resolve`, { note: 'twice' });
    assert.equal(again.location, '/staff/reports?done=notOpen');
    const [a] = await reports();
    assert.equal(a!.status, 'resolved');
    assert.equal(a!.contact, null);
    assert.equal(a!.resolution_note, 'Times corrected to Wednesdays');

    await admin.get('/admin/reports');
    const dismissed = await admin.post(`/admin/reports/${onB!.id}`, { outcome: 'dismissed', note: 'Checked: still there' });
    assert.equal(dismissed.location, '/admin/reports?done=dismissed');
    const closed = await admin.get('/admin/reports?status=resolved');
    assert.match(closed.html, /Times corrected to Wednesdays/);
    assert.match(closed.html, /Checked: still there/);
    assert.match((await admin.get('/admin/reports')).html, /No reports here\./);
    assert.equal((await admin.post('/admin/reports/00000000-0000-4000-8000-000000000000', { outcome: 'resolved' })).status, 404);
  });

  it(`takes at most ${REPORTS_PER_WINDOW} reports an hour from one address (429 after that)`, async () => {
    await database.db.deleteFrom('listing_report_throttle').execute();
    const person = new TestBrowser(app, { 'accept-language': 'pl' });
    for (let i = 0; i < REPORTS_PER_WINDOW; i++)
      assert.equal((await person.post(`/services/${serviceA}/report`, { kind: 'cost' })).status, 303);
    const blocked = await person.post(`/services/${serviceA}/report`, { kind: 'cost' });
    assert.equal(blocked.status, 429);
    assert.ok(Number(blocked.headers.get('retry-after')) > 0);
    assert.match(blocked.html, /Spróbuj ponownie później/);
  });

  it('shows an administrator /staff/reports (their own organisation has no listings: an empty list, not an error)', async () => {
    const page = await admin.get('/staff/reports');
    assert.equal(page.status, 200, page.html.slice(0, 500));
    assert.match(page.html, /<h1>/);
  });
});
