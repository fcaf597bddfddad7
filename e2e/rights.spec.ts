/**
 * Safety and rights in a browser, right to left (issue 15): a person reading
 * the Urdu start page finds "know your rights", reads the GP page and how to
 * complain safely, then from a service page reports racism there without
 * giving a name (after being told in Urdu what was missing). An
 * administrator finds the report in the unfair-treatment queue (the provider
 * never sees it), moves it on, checks a rights page and says which area a
 * link-worker team covers; a person asks, in Urdu, for someone to contact
 * them from that area, and a connector of that team picks the request up.
 * Every page is checked with axe, and no page may trip the
 * Content-Security-Policy.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { createI18n } from '../src/platform/i18n/i18n.ts';
import { saveFixtures, serviceFixture } from '../test/support/directory-fixtures.ts';
import { assertAccessible, startHarness, type Harness } from './support/harness.ts';
import { makeOrganisationWithAccount, openPage, signIn } from './support/staff.ts';

describe('know your rights and reporting unfair treatment, right to left, in a browser', () => {
  let h: Harness;
  let serviceId: string;
  let teamId: string;
  const adminEmail = 'ada@belong.example.org';
  const connectorEmail = 'bilal@links.example.org';
  const cspErrors: string[] = [];
  const { t } = createI18n('ur');

  before(async () => {
    h = await startHarness({ demo: false });
    const db = h.database.db;
    const [g] = await saveFixtures(db, [serviceFixture('chai', { service: { name: 'Chai and chat' } })]);
    serviceId = g!.service.id;
    await makeOrganisationWithAccount(
      db,
      { name: 'Belong team', kind: 'referrer', operator: true },
      { role: 'administrator', email: adminEmail },
    );
    const team = await makeOrganisationWithAccount(
      db,
      { name: 'Girlington link workers', kind: 'referrer' },
      { role: 'connector', name: 'Bilal Link', email: connectorEmail },
    );
    teamId = team.organisationId;
  });
  after(async () => {
    await h.close();
    assert.deepEqual(cspErrors, [], 'no Content-Security-Policy errors');
  });

  async function open(ctx: BrowserContext): Promise<Page> {
    return (await openPage(ctx, cspErrors)).page;
  }

  it('a person reads their rights in Urdu and reports racism at a service without giving a name', async () => {
    const ctx = await h.newContext();
    const page = await open(ctx);
    await page.goto('/?lang=ur');
    assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
    await page
      .getByRole('link', { name: t('rights.title') })
      .first()
      .click();
    await page.waitForURL(/\/rights$/);
    assert.equal(await page.locator('h1').innerText(), t('rights.title'));
    await assertAccessible(page, 'Urdu rights index');

    await page.getByRole('link', { name: t('rights.gp.title') }).click();
    await page.waitForURL(/\/rights\/gp$/);
    assert.equal(await page.locator('h1').innerText(), t('rights.gp.title'));
    assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
    await assertAccessible(page, 'Urdu GP rights page');
    await page.getByRole('link', { name: t('rights.all') }).click();
    await page.getByRole('link', { name: t('rights.complain.title') }).click();
    await page.waitForURL(/\/rights\/complain$/);
    await assertAccessible(page, 'Urdu complaints page');
    await page.getByRole('link', { name: t('rights.all') }).click();
    await page.getByRole('link', { name: t('rights.privacy.title') }).click();
    await assertAccessible(page, 'Urdu privacy page');

    await page.goto(`/services/${serviceId}`);
    await page.getByRole('link', { name: t('unfair.serviceLink') }).click();
    await page.waitForURL(/\/report-unfair\?service=/);
    assert.equal(await page.locator('h1').innerText(), t('unfair.title'));
    assert.match(await page.locator('form').innerText(), /Chai and chat/);
    await assertAccessible(page, 'Urdu unfair-treatment form');

    await page.getByRole('button', { name: t('unfair.send') }).click();
    const summary = await page.locator('.err-summary').innerText();
    for (const k of ['unfair.error.kinds', 'unfair.error.what', 'unfair.error.anonymous'] as const) assert.ok(summary.includes(t(k)), k);
    await assertAccessible(page, 'Urdu unfair-treatment form with errors');

    await page.getByRole('checkbox', { name: t('unfair.kind.racism') }).check();
    await page.getByLabel(t('unfair.what')).fill('رضاکار نے میرے لباس کے بارے میں نسل پرستانہ بات کی');
    await page.getByRole('radio', { name: t('unfair.anonymous.yes') }).check();
    await page.getByRole('button', { name: t('unfair.send') }).click();
    await page.waitForURL(/\/report-unfair\/thanks$/);
    assert.equal(await page.locator('h1').innerText(), t('unfair.thanksTitle'));
    await assertAccessible(page, 'Urdu thank-you page');
    await ctx.close();

    const stored = await h.database.db.selectFrom('unfair_treatment_report').selectAll().executeTakeFirstOrThrow();
    assert.equal(stored.anonymous, true);
    assert.equal(stored.contact, null);
    assert.equal(stored.service_id, serviceId);
  });

  it('an administrator works the report, checks a rights page and sets the area a team covers', async () => {
    const ctx = await h.newContext();
    const desk = await open(ctx);
    await signIn(desk, adminEmail);
    await desk.waitForURL(/\/staff$/);
    await desk.getByRole('link', { name: 'Unfair treatment' }).first().click();
    await desk.waitForURL(/\/admin\/unfair-treatment$/);
    const row = desk.getByRole('row', { name: /Chai and chat/ });
    assert.match(await row.innerText(), /Racism/);
    assert.match(await row.innerText(), /Anonymous/);
    await assertAccessible(desk, 'unfair-treatment queue');
    await row.getByRole('link').click();
    await desk.waitForURL(/\/admin\/unfair-treatment\/[0-9a-f-]+$/);
    assert.match(await desk.locator('dl').innerText(), /نسل پرستانہ/);
    await assertAccessible(desk, 'unfair-treatment case');
    await desk.getByRole('radio', { name: 'Looking into it' }).check();
    await desk.getByRole('button', { name: 'Save' }).click();
    await desk.waitForURL(/done=saved$/);
    assert.match(await desk.locator('dl').innerText(), /Looking into it/);
    await assertAccessible(desk, 'unfair-treatment case after saving');

    await desk.goto('/admin/rights');
    await assertAccessible(desk, 'rights review list');
    await desk.getByRole('link', { name: /Check or edit Registering with a GP \(Urdu\)/ }).click();
    await desk.waitForURL(/\/admin\/rights\/gp\/ur$/);
    await assertAccessible(desk, 'rights page edit form');
    await desk.getByRole('radio', { name: /Belong’s text/ }).check();
    await desk.getByLabel('Review again by').fill('2099-01-31');
    await desk.getByRole('button', { name: 'Save' }).click();
    await desk.waitForURL(/\/admin\/rights\?done=saved$/);
    assert.match(await desk.getByRole('row', { name: /Urdu/ }).first().innerText(), /2099-01-31/);

    await desk.goto('/admin/organisation-areas');
    await assertAccessible(desk, 'organisation areas');
    await desk.getByLabel('Postcode areas Girlington link workers covers').fill('bd8, BD9');
    await desk.getByRole('button', { name: /Save areas Girlington link workers/ }).click();
    await desk.waitForURL(/done=saved$/);
    assert.equal(await desk.getByLabel('Postcode areas Girlington link workers covers').inputValue(), 'BD8, BD9');
    await ctx.close();
    const areas = await h.database.db
      .selectFrom('staff_organisation_area')
      .select('outcode')
      .where('staff_organisation_id', '=', teamId)
      .execute();
    assert.deepEqual(areas.map((a) => a.outcode).sort(), ['BD8', 'BD9']);
  });

  it('a person asks in Urdu for someone to contact them, and a connector of the team covering the area picks it up', async () => {
    const ctx = await h.newContext({ javaScriptEnabled: false });
    const page = await open(ctx);
    await page.goto('/?lang=ur');
    await page.getByRole('link', { name: t('ask.title') }).click();
    await page.waitForURL(/\/ask$/);
    await page.getByLabel(t('ask.name')).fill('حلیمہ');
    await page.getByRole('radio', { name: t('ask.way.text') }).check();
    await page.getByLabel(t('ask.reach')).fill('07700 900321');
    await page.getByLabel(t('ask.where')).fill('BD9 5AA');
    await page.getByRole('button', { name: t('ask.send') }).click();
    await page.waitForURL(/\/ask\/thanks$/);
    assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
    await ctx.close();

    const staff = await h.newContext();
    const desk = await open(staff);
    await signIn(desk, connectorEmail);
    await desk.waitForURL(/\/staff$/);
    await desk.goto('/staff/contact-requests');
    const row = desk.getByRole('row', { name: /حلیمہ/ });
    await assertAccessible(desk, 'contact request queue');
    await row.getByRole('button', { name: 'Pick up' }).click();
    await desk.waitForURL(/done=picked$/);
    assert.match(await desk.getByRole('row', { name: /حلیمہ/ }).innerText(), /Picked up by Bilal Link/);
    await staff.close();
  });
});
