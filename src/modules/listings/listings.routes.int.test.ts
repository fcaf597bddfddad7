import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openTestDatabase, testEngine, type TestDatabase } from '../../../test/support/test-db.ts';
import { organizationFixture, saveFixtures, serviceFixture } from '../../../test/support/directory-fixtures.ts';
import { createApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { createLogger } from '../../platform/log.ts';
import { makeAccount, makeOrganisation, TestBrowser, TestClock, TEST_PASSWORD } from '../accounts/accounts.test-support.ts';
import { ensureVocabulary } from '../directory/vocabulary.repository.ts';
import type { ServiceGraph } from '../directory/service-graph.ts';

/** The form fields of a page, as a browser would post them unchanged. */
function formOf(html: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of html.matchAll(/<input([^>]*)>/g)) {
    const attrs = m[1]!;
    const name = /name="([^"]+)"/.exec(attrs)?.[1];
    if (!name || name === '_csrf') continue;
    const type = /type="([^"]+)"/.exec(attrs)?.[1] ?? 'text';
    const value = (/value="([^"]*)"/.exec(attrs)?.[1] ?? '')
      .replace(/&amp;/g, '&')
      .replace(/&#39;/g, "'")
      .replace(/&quot;/g, '"');
    if ((type === 'checkbox' || type === 'radio') && !/checked/.test(attrs)) continue;
    if (type === 'checkbox' && out[name] !== undefined) continue; // one value is enough for these tests
    out[name] = value;
  }
  for (const m of html.matchAll(/<textarea[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/textarea>/g))
    out[m[1]!] = m[2]!.replace(/&amp;/g, '&').replace(/&#39;/g, "'");
  return out;
}

describe(`provider self-service over HTTP [${testEngine}]`, () => {
  let database: TestDatabase;
  let app: ReturnType<typeof createApp>;
  let graph: ServiceGraph;
  let providerEmail: string;
  let adminEmail: string;
  const clock = new TestClock();

  before(async () => {
    database = await openTestDatabase();
    const db = database.db;
    await ensureVocabulary(db);
    graph = (await saveFixtures(db, [serviceFixture('chai-and-chat', { organization: organizationFixture('heaton') })]))[0]!;
    const org = await makeOrganisation(db, { name: 'Heaton Women’s Group', kind: 'provider', listings: [graph.organization.id] });
    const operator = await makeOrganisation(db, { name: 'Belong team', kind: 'referrer', operator: true });
    ({ email: providerEmail } = await makeAccount(db, org, { name: 'Aisha Patel' }));
    ({ email: adminEmail } = await makeAccount(db, operator, { role: 'administrator', name: 'Ada Admin' }));
    app = createApp({ config: loadConfig({ NODE_ENV: 'test' }), database, log: createLogger('silent'), now: clock.now });
  });
  after(async () => {
    await database.dispose();
  });

  it('lets a provider change a session time and set full, and the public page and feed follow; safeguarding waits for approval', async () => {
    const sid = graph.service.id;
    const provider = new TestBrowser(app);
    assert.equal((await provider.signIn(providerEmail, TEST_PASSWORD)).status, 303);
    const list = await provider.get('/staff/listings');
    assert.equal(list.status, 200);
    assert.match(list.html, /Chai-and-chat group/);

    const full = await provider.post(`/staff/listings/${sid}/quick/full`, {});
    assert.equal(full.status, 303);
    assert.match((await provider.get(full.location!)).html, /The listing now says it is full/);

    const when = await provider.get(`/staff/listings/${sid}/when`);
    assert.equal(when.status, 200);
    const fields = formOf(when.html);
    assert.equal(fields['schedules.0.opens_at'], '10:00');
    const bad = await provider.post(`/staff/listings/${sid}/when`, {
      ...fields,
      'schedules.0.opens_at': '19:00',
      'schedules.0.closes_at': '18:00',
    });
    assert.equal(bad.status, 400);
    assert.match(bad.html, /The end time must be after the start time/);
    assert.match(bad.html, /href="#schedules.0.closes_at"/);
    const saved = await provider.post(`/staff/listings/${sid}/when`, {
      ...fields,
      'schedules.0.opens_at': '18:30',
      'schedules.0.closes_at': '20:00',
    });
    assert.equal(saved.status, 303);

    const publicPage = await (await app.request(`/services/${sid}`, { headers: { cookie: 'lang=en', accept: 'text/html' } })).text();
    assert.match(publicPage, /It is full at the moment/);
    assert.match(publicPage, /6:30|18:30/);
    const feed = (await (await app.request(`/oruk/services/${sid}`)).json()) as {
      schedules: { opens_at: string }[];
      attributes: { taxonomy_term: { code: string } }[];
    };
    assert.match(feed.schedules[0]!.opens_at, /^18:30/);
    assert.ok(feed.attributes.some((a) => a.taxonomy_term.code === 'capacity:full'));

    const sg = formOf((await provider.get(`/staff/listings/${sid}/safeguarding`)).html);
    const asked = await provider.post(`/staff/listings/${sid}/safeguarding`, {
      ...sg,
      safeguarding_policy: 'yes',
      safeguarding_checked_leads: 'yes',
      trauma_informed_training: 'yes',
      safeguarding_review_date: '2026-02-01',
    });
    assert.equal(asked.status, 303);
    const overview = await provider.get(asked.location!);
    assert.match(overview.html, /waiting for approval/);
    const before = (await (await app.request(`/oruk/services/${sid}`)).json()) as { attributes: { taxonomy_term: { code: string } }[] };
    assert.ok(!before.attributes.some((a) => a.taxonomy_term.code === 'vetting:vetted'), 'not applied before approval');
    assert.equal((await provider.get('/admin/approvals')).status, 403);

    const admin = new TestBrowser(app);
    await admin.signIn(adminEmail, TEST_PASSWORD);
    const queue = await admin.get('/admin/approvals');
    const link = /href="(\/admin\/approvals\/[0-9a-f-]+)"/.exec(queue.html)?.[1];
    assert.ok(link);
    const diff = await admin.get(link);
    assert.match(diff.html, /Has a safeguarding policy<\/th>\s*<td>No<\/td>\s*<td><strong>Yes<\/strong>/);
    const noReason = await admin.post(`${link}/reject`, { note: '' });
    assert.equal(noReason.status, 400);
    const approved = await admin.post(`${link}/approve`, {});
    assert.equal(approved.status, 303);
    const after = (await (await app.request(`/oruk/services/${sid}`)).json()) as { attributes: { taxonomy_term: { code: string } }[] };
    assert.ok(after.attributes.some((a) => a.taxonomy_term.code === 'vetting:vetted'));
    const listing = (await provider.get(`/staff/listings/${sid}`)).html;
    assert.doesNotMatch(listing, /Waiting for approval/);
    // What people changed here is listed: a re-import of a feed leaves it alone.
    assert.match(listing, /Changed in Belong/);
    assert.match(listing, /Sessions: changed by a provider on/);
    assert.match(listing, /Has a safeguarding policy: changed or approved by an administrator on/);
    assert.match(listing, /Places: changed by a provider on/);

    // Who it is for, what people need and access can be stated, or left "not stated".
    const who = await provider.get(`/staff/listings/${sid}/who`);
    assert.match(who.html, /Who it is for/);
    assert.match(who.html, /Do people need ID or documents\?/);
    assert.match(who.html, /value=""[^>]*\/?>\s*<label[^>]*>Not stated</);
    const whoSaved = await provider.post(`/staff/listings/${sid}/who`, {
      ...formOf(who.html),
      audiences: 'carers',
      eligibility: 'only',
      requires_id_documents: 'no',
    });
    assert.equal(whoSaved.status, 303);
    const page = await (await app.request(`/services/${sid}`, { headers: { cookie: 'lang=en' } })).text();
    assert.match(page, /Only for: Carers\./);
    assert.match(page, /You do not need: ID or documents\./);
  });

  it('refuses another provider’s listing and an unknown one', async () => {
    const db = database.db;
    const other = await makeOrganisation(db, { name: 'Other group', kind: 'provider', listings: [] });
    const { email } = await makeAccount(db, other);
    const b = new TestBrowser(app);
    await b.signIn(email, TEST_PASSWORD);
    assert.match((await b.get('/staff/listings')).html, /No listings are linked to your organisation yet/);
    assert.equal((await b.get(`/staff/listings/${graph.service.id}/when`)).status, 403);
    assert.equal((await b.post(`/staff/listings/${graph.service.id}/quick/full`, {})).status, 403);
    assert.equal((await b.get('/staff/listings/00000000-0000-4000-8000-000000000000')).status, 404);
  });
});
