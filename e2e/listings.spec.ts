import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { organizationFixture, saveFixtures, serviceFixture } from '../test/support/directory-fixtures.ts';
import { assertAccessible, startHarness, type Harness } from './support/harness.ts';
import { makeOrganisationWithAccount, openPage as open, signIn } from './support/staff.ts';

type Feed = { schedules: { opens_at: string }[]; attributes: { taxonomy_term: { code: string } }[] };

describe('provider self-service and approval in a browser', () => {
  let h: Harness;
  let serviceId: string;
  let providerEmail: string;
  let adminEmail: string;

  before(async () => {
    h = await startHarness({ demo: false });
    const db = h.database.db;
    const [g] = await saveFixtures(db, [serviceFixture('sewing-and-chat', { organization: organizationFixture('manningham-women') })]);
    serviceId = g!.service.id;
    ({ email: providerEmail } = await makeOrganisationWithAccount(
      db,
      { name: 'Manningham Women’s Centre', kind: 'provider', listings: [g!.organization.id] },
      { name: 'Aisha Patel', email: 'aisha@mwc.example.org' },
    ));
    ({ email: adminEmail } = await makeOrganisationWithAccount(
      db,
      { name: 'Belong team', kind: 'referrer', operator: true },
      { role: 'administrator', name: 'Ada Admin', email: 'ada@belong.example.org' },
    ));
  });
  after(async () => {
    await h.close();
  });

  const feed = async (page: Page): Promise<Feed> => (await (await page.request.get(`/oruk/services/${serviceId}`)).json()) as Feed;

  it('provider changes a session time and sets full, asks for a safeguarding change; an administrator approves it', async () => {
    const ctx = await h.newContext();
    const { page, cspErrors } = await open(ctx);
    await signIn(page, providerEmail);
    await page.goto('/staff/listings');
    assert.match(await page.locator('h1').innerText(), /Your listings/);
    await assertAccessible(page, 'your listings');
    const row = page.locator(`#listing-${serviceId}`);
    await row.getByRole('button', { name: 'Full', exact: true }).click();
    assert.match(await page.locator('.note').innerText(), /now says it is full/);
    assert.match(await page.locator(`#listing-${serviceId}`).innerText(), /Full/);

    await page.getByRole('link', { name: 'Sewing-and-chat group' }).click();
    await assertAccessible(page, 'one listing');
    await page.getByRole('link', { name: 'When', exact: true }).click();
    await assertAccessible(page, 'when section');
    const opens = page.locator('[id="schedules.0.opens_at"]');
    assert.equal(await opens.inputValue(), '10:00');
    await opens.fill('19:00');
    await page.locator('[id="schedules.0.closes_at"]').fill('18:00');
    await page.getByRole('button', { name: 'Save changes' }).click();
    assert.match(await page.locator('.err-summary').innerText(), /The end time must be after the start time/);
    await assertAccessible(page, 'when section with an error');
    await page.locator('[id="schedules.0.opens_at"]').fill('18:30');
    await page.locator('[id="schedules.0.closes_at"]').fill('20:00');
    await page.getByRole('button', { name: 'Save changes' }).click();
    assert.match(await page.locator('.note').innerText(), /saved and the public listing shows them/);

    const publicPage = await ctx.newPage();
    await publicPage.goto(`/services/${serviceId}`);
    const text = await publicPage.locator('main').innerText();
    assert.match(text, /It is full at the moment/);
    assert.match(text, /6:30|18:30/);
    let f = await feed(page);
    assert.match(f.schedules[0]!.opens_at, /^18:30/);
    assert.ok(f.attributes.some((a) => a.taxonomy_term.code === 'capacity:full'));

    await page.goto(`/staff/listings/${serviceId}/safeguarding`);
    await assertAccessible(page, 'safeguarding section');
    // Yes, no, or not stated: each is a group of radio buttons.
    const yes = (question: string) => page.getByRole('group', { name: question }).getByLabel('Yes', { exact: true }).check();
    await yes('Has a safeguarding policy');
    await yes('Leads have had safeguarding checks (DBS)');
    await yes('Leads have trauma-informed training');
    await page.getByLabel('Safeguarding last reviewed').fill(new Date().toISOString().slice(0, 10));
    await page.getByRole('button', { name: 'Save changes' }).click();
    assert.match(await page.locator('.note').innerText(), /waiting for approval/);
    assert.match(await page.locator('#pending-h').innerText(), /Waiting for approval/);
    await assertAccessible(page, 'listing with a change waiting');
    f = await feed(page);
    assert.ok(!f.attributes.some((a) => a.taxonomy_term.code === 'vetting:vetted'), 'not applied before approval');
    assert.deepEqual(cspErrors, []);
    await ctx.close();

    const adminCtx = await h.newContext();
    const admin = await open(adminCtx);
    await signIn(admin.page, adminEmail);
    await admin.page.goto('/admin/approvals');
    await assertAccessible(admin.page, 'approvals');
    await admin.page.getByRole('link', { name: /Sewing-and-chat group/ }).click();
    await assertAccessible(admin.page, 'one approval');
    const diff = await admin.page.locator('table').innerText();
    assert.match(diff, /Has a safeguarding policy\s+No\s+Yes/);
    await admin.page.getByRole('button', { name: 'Approve and apply' }).click();
    assert.match(await admin.page.locator('.note').innerText(), /approved and applied/);
    await assertAccessible(admin.page, 'approvals after approving');
    f = await feed(admin.page);
    assert.ok(f.attributes.some((a) => a.taxonomy_term.code === 'vetting:vetted'));
    await admin.page.goto(`/staff/listings/${serviceId}/safeguarding`);
    assert.equal(
      await admin.page.getByRole('group', { name: 'Has a safeguarding policy' }).getByLabel('Yes', { exact: true }).isChecked(),
      true,
    );
    // Who it is for, what people need and access: stated on the listing, shown on the public page.
    await admin.page.goto(`/staff/listings/${serviceId}/who`);
    await assertAccessible(admin.page, 'who section');
    await admin.page.getByRole('group', { name: 'Who it is for' }).getByLabel('Carers').check();
    await admin.page
      .getByRole('group', { name: 'Can other people come?' })
      .getByLabel('Everyone, and the people chosen above are especially welcome')
      .check();
    await admin.page.getByRole('group', { name: 'Do people need ID or documents?' }).getByLabel('No', { exact: true }).check();
    await admin.page.getByRole('button', { name: 'Save changes' }).click();
    assert.match(await admin.page.locator('.note').innerText(), /saved and the public listing shows them/);
    await admin.page.goto(`/staff/listings/${serviceId}/where`);
    await assertAccessible(admin.page, 'where section with access');
    await admin.page.getByRole('group', { name: 'Hearing loop' }).getByLabel('Yes', { exact: true }).check();
    await admin.page.getByRole('button', { name: 'Save changes' }).click();
    const shown = await adminCtx.newPage();
    await shown.goto(`/services/${serviceId}`);
    const publicText = await shown.locator('main').innerText();
    assert.match(publicText, /Everyone is welcome, especially: Carers\./);
    assert.match(publicText, /You do not need: ID or documents\./);
    assert.match(publicText, /Hearing loop/);
    await admin.page.goto(`/staff/listings/${serviceId}`);
    assert.match(await admin.page.locator('#origins-h').innerText(), /Changed in Belong/);
    await admin.page.goto('/staff/listings?filter=all');
    await assertAccessible(admin.page, 'all listings (administrator)');
    assert.deepEqual(admin.cspErrors, []);
    await adminCtx.close();
  });
});
