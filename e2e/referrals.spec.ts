import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { makePerson } from '../src/modules/referrals/referrals.test-support.ts';
import { oneServicePerOrganisation } from './support/demo-services.ts';
import { assertAccessible as accessible, startHarness, type Harness } from './support/harness.ts';
import { chooseAnotherService, takeAction as act } from './support/referral-steps.ts';
import { makeOrganisationWithAccount, signedIn as signedInTo } from './support/staff.ts';

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
    // Demo services whose listings nobody on Belong manages yet, in different organisations,
    // with names no other service's name contains, so a search finds exactly one.
    const picked = await oneServicePerOrganisation(db, { unmanaged: true });
    assert.ok(picked.length >= 3, 'the demo area has services in at least three organisations');
    const [orgOne, one] = picked[0]!;
    const [orgTwo, two] = picked[1]!;
    first = one;
    second = two;
    full = picked[2]![1];
    await db.updateTable('belong_service').set({ capacity_status: 'full' }).where('service_id', '=', full.id).execute();
    const surgery = (
      await makeOrganisationWithAccount(
        db,
        { name: 'Oak Lane Surgery', kind: 'referrer' },
        { role: 'connector', name: 'Conor Connector', email: emails.connector },
      )
    ).organisationId;
    await makeOrganisationWithAccount(
      db,
      { name: 'First Provider', kind: 'provider', listings: [orgOne] },
      { role: 'provider_staff', name: 'Aisha Provider', email: emails.providerA },
    );
    await makeOrganisationWithAccount(
      db,
      { name: 'Second Provider', kind: 'provider', listings: [orgTwo] },
      { role: 'provider_staff', name: 'Ben Provider', email: emails.providerB },
    );
    personId = await makePerson(db, surgery, { name: 'Amina', contact: ['call'], phone: '07700 900777' });
  });
  after(async () => {
    await h.close();
  });

  const signedIn = (email: string) => signedInTo(h, email);

  /** Ticks what the person agreed to share (nothing is ticked for them; not the summary here) and how they agreed, then sends. */
  async function agreeAndSend(page: Page, service: { name: string }) {
    for (const f of ['name', 'language', 'need', 'practical_support']) await page.locator(`#field-${f}`).check();
    assert.equal(await page.locator('#field-summary').isChecked(), false);
    await page.locator('#givenBy-0').check();
    await page.getByRole('button', { name: `Record consent and send to ${service.name}` }).click();
  }

  async function chooseAndSend(page: Page, service: { name: string }, within = page.locator('body')) {
    await within.getByLabel('Service name').fill(service.name);
    await within.getByRole('button', { name: 'Find' }).click();
    await page.getByRole('button', { name: `Choose ${service.name}` }).click();
    assert.match(await page.locator('.note').first().innerText(), /Service chosen|new referral attempt/);
    await accessible(page, 'referral page with a draft attempt');
    await agreeAndSend(page, service);
    assert.match(await page.locator('.note').first().innerText(), /Referral sent/);
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
    await chooseAnotherService(c, referralUrl, second);
    assert.match(await c.locator('.note').first().innerText(), /new referral attempt/);
    await accessible(c, 're-routed referral');
    await agreeAndSend(c, second);
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
