import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { createLogger } from '../../platform/log.ts';
import { organizationFixture, saveFixtures, serviceFixture } from '../../../test/support/directory-fixtures.ts';
import { openTestDatabase, testEngine, type TestDatabase } from '../../../test/support/test-db.ts';
import { auditFor, makeAccount, makeOrganisation, TEST_PASSWORD, TestBrowser } from '../accounts/accounts.test-support.ts';

describe(`organisations and their staff, through the pages [${testEngine}]`, () => {
  let database: TestDatabase;
  let app: ReturnType<typeof createApp>;
  let admin: TestBrowser;
  let operator: string;
  let listing: string;

  before(async () => {
    database = await openTestDatabase();
    app = createApp({ config: loadConfig({ NODE_ENV: 'test' }), database, log: createLogger('silent') });
    const [g] = await saveFixtures(database.db, [
      serviceFixture('allotment', { organization: organizationFixture('allotment', { name: 'Lister Park Allotment Society' }) }),
    ]);
    listing = g!.organization.id;
    operator = await makeOrganisation(database.db, { name: 'Belong team', kind: 'referrer', operator: true });
    const { email } = await makeAccount(database.db, operator, { role: 'administrator' });
    admin = new TestBrowser(app);
    await admin.signIn(email, TEST_PASSWORD);
  });
  after(async () => {
    await database.dispose();
  });

  it('adds an organisation, explaining what is missing or taken', async () => {
    await admin.get('/staff/organisations/new');
    const empty = await admin.post('/staff/organisations', { name: ' ', kind: '' });
    assert.equal(empty.status, 400);
    assert.match(empty.html, /<a href="#name">Enter a name<\/a>/);
    assert.match(empty.html, /<a href="#kind-0">Choose what the organisation does<\/a>/);
    assert.match(empty.html, /id="kind-0"/);
    const ok = await admin.post('/staff/organisations', { name: 'Lister  Park Gardeners', kind: 'provider' });
    assert.equal(ok.status, 303);
    const id = ok.location!.match(/\/staff\/organisations\/([0-9a-f-]{36})\?done=organisationCreated/)![1]!;
    const page = await admin.get(ok.location!);
    assert.match(page.html, /<h1>Lister Park Gardeners/, 'spaces tidied');
    assert.match(page.html, /Organisation added\./);
    const again = await admin.post('/staff/organisations', { name: 'lister park gardeners', kind: 'both' });
    assert.equal(again.status, 400);
    assert.match(again.html, /already an organisation with this name/);
    const list = await admin.get('/staff/organisations');
    assert.match(list.html, new RegExp(`href="/staff/organisations/${id}">Lister Park Gardeners`));
    assert.ok((await auditFor(database.db, id)).some((e) => e.action === 'organisation.create'));
  });

  it('links and unlinks a directory organisation’s listings, found by name', async () => {
    const org = await makeOrganisation(database.db, { name: 'Allotment Friends', kind: 'provider' });
    const found = await admin.get(`/staff/organisations/${org}?q=lister`);
    assert.match(found.html, /Lister Park Allotment Society/);
    assert.match(found.html, /Link Lister Park Allotment Society/);
    const linked = await admin.post(`/staff/organisations/${org}/listings`, { organizationId: listing });
    assert.equal(linked.location, `/staff/organisations/${org}?done=listingLinked`);
    const page = await admin.get(linked.location!);
    assert.match(page.html, /Lister Park Allotment Society <span class="hint">\(1 service\)<\/span>/);
    const bogus = await admin.post(`/staff/organisations/${org}/listings`, { organizationId: 'f00dfeed-0000-4000-8000-000000000000' });
    assert.equal(bogus.status, 400);
    assert.match(bogus.html, /no such organisation in the directory/);
    await admin.get(`/staff/organisations/${org}`);
    const removed = await admin.post(`/staff/organisations/${org}/listings/${listing}/remove`, {});
    assert.equal(removed.location, `/staff/organisations/${org}?done=listingUnlinked`);
    assert.equal(
      (await database.db.selectFrom('staff_organisation_listing').selectAll().where('staff_organisation_id', '=', org).execute()).length,
      0,
    );
    const referrer = await makeOrganisation(database.db, { name: 'Oak Lane Surgery', kind: 'referrer' });
    await admin.get(`/staff/organisations/${referrer}`);
    const refused = await admin.post(`/staff/organisations/${referrer}/listings`, { organizationId: listing });
    assert.match(refused.html, /Only organisations that run groups or services can have listings/);
  });

  it('will not change an organisation’s kind under staff whose roles would no longer fit', async () => {
    const org = await makeOrganisation(database.db, { name: 'Changing Kind', kind: 'provider' });
    await makeAccount(database.db, org, { role: 'provider_staff' });
    await admin.get(`/staff/organisations/${org}`);
    const res = await admin.post(`/staff/organisations/${org}`, { name: 'Changing Kind', kind: 'referrer' });
    assert.equal(res.status, 400);
    assert.match(res.html, /Change their roles first/);
    assert.equal((await admin.post(`/staff/organisations/${org}`, { name: 'Changed Kind', kind: 'both' })).status, 303);
  });

  it('never suspends the organisation that runs Belong', async () => {
    const page = await admin.get(`/staff/organisations/${operator}`);
    assert.doesNotMatch(page.html, /Suspend organisation/);
    const res = await admin.post(`/staff/organisations/${operator}/suspend`, { reason: 'Testing' });
    assert.equal(res.status, 400);
    assert.match(res.html, /cannot be suspended/);
  });

  it('lets a manager look after their own organisation’s staff, and nothing more', async () => {
    const mine = await makeOrganisation(database.db, { name: 'Girlington Youth Club', kind: 'provider' });
    const theirs = await makeOrganisation(database.db, { name: 'Someone Else', kind: 'provider' });
    const { email } = await makeAccount(database.db, mine, { manager: true, name: 'Mo Manager' });
    const { id: colleague } = await makeAccount(database.db, mine, { name: 'Cal Colleague' });
    const m = new TestBrowser(app);
    await m.signIn(email, TEST_PASSWORD);
    const home = await m.get('/staff');
    assert.match(home.html, new RegExp(`href="/staff/organisations/${mine}">Our organisation`));
    assert.doesNotMatch(home.html, /href="\/admin\/audit"/);
    const page = await m.get(`/staff/organisations/${mine}`);
    assert.match(page.html, /Cal Colleague/);
    assert.match(page.html, /value="provider_staff"/);
    assert.match(page.html, /value="volunteer"/);
    assert.doesNotMatch(page.html, /value="connector"|value="administrator"|value="commissioner"/);
    assert.doesNotMatch(page.html, /name="manager"/, 'a manager cannot make managers');
    assert.doesNotMatch(page.html, /Change name or kind|Suspend organisation/);
    const invited = await m.post(`/staff/organisations/${mine}/invitations`, { email: 'helper@youth.example.org', role: 'volunteer' });
    assert.equal(invited.status, 200);
    assert.match(invited.html, /Invitation link made/);
    const sneaky = await m.post(`/staff/organisations/${mine}/invitations`, { email: 'boss@youth.example.org', role: 'administrator' });
    assert.equal(sneaky.status, 403, 'the service refuses even what the form does not offer');
    assert.equal((await m.get(`/staff/organisations/${theirs}`)).status, 403);
    assert.equal((await m.get('/staff/organisations')).status, 403);
    const account = await m.get(`/staff/accounts/${colleague}`);
    assert.match(account.html, /Suspend this account/);
    assert.doesNotMatch(account.html, /Change role|Password link|Who has looked/);
    const suspended = await m.post(`/staff/accounts/${colleague}/suspend`, { reason: 'Left the club' });
    assert.equal(suspended.location, `/staff/accounts/${colleague}?done=accountSuspended`);
  });

  it('shows provider staff their organisation but not its staff list', async () => {
    const org = await makeOrganisation(database.db, { name: 'Heaton Walkers', kind: 'provider' });
    const { email } = await makeAccount(database.db, org, { name: 'Pat Provider' });
    await makeAccount(database.db, org, { name: 'Quiet Colleague' });
    const p = new TestBrowser(app);
    await p.signIn(email, TEST_PASSWORD);
    const page = await p.get(`/staff/organisations/${org}`);
    assert.equal(page.status, 200);
    assert.match(page.html, /<h1>Heaton Walkers/);
    assert.doesNotMatch(page.html, /Quiet Colleague/);
  });
});
