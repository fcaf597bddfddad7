import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { makeAccount, makeOrganisation, TEST_PASSWORD } from '../src/modules/accounts/accounts.test-support.ts';
import { makePerson } from '../src/modules/referrals/referrals.test-support.ts';
import { axeViolations, describeViolations, startHarness, type Harness } from './support/harness.ts';

describe('a supported referral in a browser: decline, re-route, accept, first visit with a volunteer, attending', () => {
  let h: Harness;
  let personId: string;
  const emails = { connector: 'conor@surgery.example.org', providerA: 'aisha@first.example.org', providerB: 'ben@second.example.org' };
  let first: { id: string; name: string };
  let second: { id: string; name: string };
  let full: { id: string; name: string };

  before(async () => {
    h = await startHarness();
    const db = h.database.db;
    // Demo services whose listings nobody on Belong manages yet, in two different organisations.
    const rows = await db
      .selectFrom('service as s')
      .innerJoin('belong_service as b', 'b.service_id', 's.id')
      .select(['s.id', 's.name', 's.organization_id'])
      .where('s.status', '=', 'active')
      .where('b.capacity_status', '=', 'places_available')
      .where('b.accepting_referrals', '=', true)
      .where((eb) => eb.not(eb.exists(eb.selectFrom('staff_organisation_listing as l').select('l.organization_id').whereRef('l.organization_id', '=', 's.organization_id'))))
      .orderBy('s.name')
      .execute();
    // Names no other service's name contains, so a search finds exactly one.
    const names = (await db.selectFrom('service').select('name').execute()).map((r) => r.name.toLowerCase());
    const unique = (n: string) => names.filter((x) => x.includes(n.toLowerCase())).length === 1;
    const byOrg = new Map<string, { id: string; name: string }>();
    for (const r of rows) if (!byOrg.has(r.organization_id) && !/['’"]/.test(r.name) && unique(r.name)) byOrg.set(r.organization_id, { id: r.id, name: r.name });
    const picked = [...byOrg.entries()];
    assert.ok(picked.length >= 3, 'the demo area has services in at least three organisations');
    const [orgOne, one] = picked[0]!;
    const [orgTwo, two] = picked[1]!;
    first = one;
    second = two;
    full = picked[2]![1];
    await db.updateTable('belong_service').set({ capacity_status: 'full' }).where('service_id', '=', full.id).execute();
    const surgery = await makeOrganisation(db, { name: 'Oak Lane Surgery', kind: 'referrer' });
    const providerA = await makeOrganisation(db, { name: 'First Provider', kind: 'provider', listings: [orgOne] });
    const providerB = await makeOrganisation(db, { name: 'Second Provider', kind: 'provider', listings: [orgTwo] });
    await makeAccount(db, surgery, { role: 'connector', name: 'Conor Connector', email: emails.connector });
    await makeAccount(db, providerA, { role: 'provider_staff', name: 'Aisha Provider', email: emails.providerA });
    await makeAccount(db, providerB, { role: 'provider_staff', name: 'Ben Provider', email: emails.providerB });
    personId = await makePerson(db, surgery, { name: 'Amina', contact: ['call'], phone: '07700 900777' });
  });
  after(async () => {
    await h.close();
  });

  async function signedIn(email: string): Promise<{ ctx: BrowserContext; page: Page; cspErrors: string[] }> {
    const ctx = await h.newContext();
    const page = await ctx.newPage();
    const cspErrors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
    });
    await page.goto('/staff/sign-in');
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    return { ctx, page, cspErrors };
  }

  async function accessible(page: Page, what: string) {
    const v = await axeViolations(page);
    assert.deepEqual(v, [], `${what}:\n${describeViolations(v)}`);
  }

  async function chooseAndSend(page: Page, service: { name: string }, within = page.locator('body')) {
    await within.getByLabel('Service name').fill(service.name);
    await within.getByRole('button', { name: 'Find' }).click();
    await page.getByRole('button', { name: `Choose ${service.name}` }).click();
    assert.match(await page.locator('.note').first().innerText(), /Service chosen|new referral attempt/);
    await accessible(page, 'referral page with a draft attempt');
    await page.getByLabel('Summary of what matters to them').uncheck();
    await page.getByRole('button', { name: `Record consent and send to ${service.name}` }).click();
    assert.match(await page.locator('.note').first().innerText(), /Referral sent/);
  }

  async function act(page: Page, action: string, fill?: () => Promise<void>) {
    const summary = page.locator('summary', { hasText: action });
    if (await summary.count()) await summary.first().click();
    if (fill) await fill();
    await page.getByRole('button', { name: action, exact: true }).click();
    assert.match(await page.locator('.note').first().innerText(), /Saved/);
  }

  it('walks a referral from the connector to two providers and back', async () => {
    const connector = await signedIn(emails.connector);
    const c = connector.page;
    await c.goto(`/staff/people/${personId}/referrals/new`);
    await accessible(c, 'new referral page');
    await c.getByRole('button', { name: 'Start the referral' }).click();
    assert.match(await c.locator('.err-summary').innerText(), /Say what the person is looking for/);
    await accessible(c, 'new referral page with an error');
    await c.getByLabel('What are they looking for?').fill('To meet other women and practise English');
    await c.getByLabel('Summary of what matters to them (optional)').fill('Loves cooking; Tuesdays are best.');
    await c.getByLabel('Needs an interpreter').check();
    await c.getByLabel('Interpreter language or dialect').fill('Arabic (Sudanese)');
    await c.getByLabel('Would like someone to go with them the first time').check();
    await c.getByLabel('Needs help with fares or transport').check();
    await c.getByRole('button', { name: 'Start the referral' }).click();
    assert.match(await c.locator('h1').innerText(), /Referral for\s+Amina/);
    await accessible(c, 'new referral');

    // A full service cannot be chosen.
    await c.getByLabel('Service name').fill(full.name);
    await c.getByRole('button', { name: 'Find' }).click();
    assert.match(await c.locator('.choices').innerText(), /Full: cannot take new referrals/);
    assert.equal(await c.getByRole('button', { name: `Choose ${full.name}` }).count(), 0);
    await accessible(c, 'service search with a full service');
    await chooseAndSend(c, first);
    await accessible(c, 'referral sent');
    const referralUrl = c.url().replace(/[?#].*$/, '');

    // The first provider sees only what was shared, and declines: full.
    const a = await signedIn(emails.providerA);
    await a.page.goto('/staff/referrals/inbox');
    await accessible(a.page, 'inbox');
    const inbox = await a.page.locator('main').innerText();
    assert.match(inbox, /Amina/);
    assert.match(inbox, /Interpreter: Arabic \(Sudanese\)/);
    assert.match(inbox, /Someone to go with them the first time/);
    await a.page.getByRole('link', { name: new RegExp(`${first.name}: referral of`) }).click();
    const shared = await a.page.locator('main').innerText();
    assert.match(shared, /To meet other women and practise English/);
    assert.doesNotMatch(shared, /Loves cooking/, 'the summary was not shared');
    assert.doesNotMatch(shared, /07700/, 'contact details were not shared');
    await accessible(a.page, 'incoming referral');
    await act(a.page, 'Decline', async () => {
      await a.page.getByLabel('The service is full').check();
    });
    await accessible(a.page, 'declined referral');

    // The connector finds something else and re-routes.
    await c.goto('/staff/referrals');
    assert.match(await c.locator('main').innerText(), /Find something else/);
    await accessible(c, 'today list');
    await c.goto(referralUrl);
    await c.locator('summary', { hasText: 'Send to another service instead' }).click();
    const reroute = c.locator('details', { hasText: 'Send to another service instead' });
    await reroute.getByLabel('Service name').fill(second.name);
    await reroute.getByRole('button', { name: 'Find' }).click();
    await c.getByRole('button', { name: `Choose ${second.name}` }).click();
    assert.match(await c.locator('.note').first().innerText(), /new referral attempt/);
    await accessible(c, 're-routed referral');
    await c.getByLabel('Summary of what matters to them').uncheck();
    await c.getByRole('button', { name: `Record consent and send to ${second.name}` }).click();
    assert.match(await c.locator('.note').first().innerText(), /Referral sent/);

    // The second provider accepts, books the first visit with a volunteer and records attendance.
    const b = await signedIn(emails.providerB);
    await b.page.goto('/staff/referrals/inbox');
    await b.page.getByRole('link', { name: new RegExp(`${second.name}: referral of`) }).click();
    await act(b.page, 'Accept');
    await act(b.page, 'Book the first visit', async () => {
      await b.page.getByLabel('Date of the first visit').fill('2026-03-10');
      await b.page.getByLabel('volunteer', { exact: true }).check();
      await b.page.getByLabel('Name of the person going with them').fill('Fatima');
    });
    await accessible(b.page, 'first visit booked');
    await act(b.page, 'Record attendance');
    assert.match(await b.page.locator('h1').innerText(), /Attending/);
    await accessible(b.page, 'attending');
    // The first provider no longer sees anything it can act on from the re-routed referral.
    await a.page.goto('/staff/referrals/inbox');
    assert.doesNotMatch(await a.page.locator('main').innerText(), new RegExp(`${second.name}`));

    await c.goto(referralUrl);
    const page = await c.locator('main').innerText();
    assert.match(page, /Attending/);
    assert.match(page, /with Fatima \(volunteer\)/);
    assert.match(page, /Declined: The service is full/);
    await accessible(c, 'referral attending');

    for (const x of [connector, a, b]) {
      assert.deepEqual(x.cspErrors, []);
      await x.ctx.close();
    }
  });
});
