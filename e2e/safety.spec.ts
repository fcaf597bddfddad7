/**
 * Asking for someone to make contact, in a browser (issue 15): a person on
 * the Arabic start page (right to left, JavaScript off) follows the link,
 * makes a mistake, is told so in Arabic, marks calls as unsafe and asks to
 * be texted; a connector of the team covering BD8 finds the request in the
 * queue, sees the way never to use, and picks it up. Every page is checked
 * with axe, and no page may trip the Content-Security-Policy.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { createI18n } from '../src/platform/i18n/i18n.ts';
import { assertAccessible, assertAccessibleWithoutJs as assertTwinAccessible, startHarness, type Harness } from './support/harness.ts';
import { makeOrganisationWithAccount, openPage, signIn } from './support/staff.ts';

describe('asking for someone to make contact, in a browser', () => {
  let h: Harness;
  const connectorEmail = 'lina@links.example.org';
  const cspErrors: string[] = [];

  before(async () => {
    h = await startHarness({ demo: false });
    const db = h.database.db;
    await makeOrganisationWithAccount(db, { name: 'Belong team', kind: 'referrer', operator: true }, { role: 'administrator' });
    const team = await makeOrganisationWithAccount(
      db,
      { name: 'Manningham link workers', kind: 'referrer' },
      { role: 'connector', name: 'Lina Link', email: connectorEmail },
    );
    await db.insertInto('staff_organisation_area').values({ staff_organisation_id: team.organisationId, outcode: 'BD8' }).execute();
  });
  after(async () => {
    await h.close();
    assert.deepEqual(cspErrors, [], 'no Content-Security-Policy errors');
  });

  async function open(ctx: BrowserContext): Promise<Page> {
    const { page } = await openPage(ctx, cspErrors);
    return page;
  }
  const assertAccessibleWithoutJs = (page: Page, where: string) => assertTwinAccessible(h, page, where, { open });

  it('takes a request in Arabic, right to left, with JavaScript off, and a connector picks it up', async () => {
    const { t } = createI18n('ar');
    const ctx = await h.newContext({ javaScriptEnabled: false });
    const page = await open(ctx);
    await page.goto('/?lang=ar');
    assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
    await page.getByRole('link', { name: t('ask.title') }).click();
    await page.waitForURL(/\/ask$/);
    assert.equal(await page.locator('h1').innerText(), t('ask.title'));
    await assertAccessibleWithoutJs(page, 'Arabic ask form');

    await page.getByLabel(t('ask.name')).fill('أمينة');
    await page.getByRole('radio', { name: t('ask.way.call') }).check();
    await page.getByLabel(t('ask.reach')).fill('07700 900456');
    await page
      .getByRole('group', { name: t('ask.unsafe') })
      .getByRole('checkbox', { name: t('ask.way.call') })
      .check();
    await page.getByRole('button', { name: t('ask.send') }).click();
    assert.match(await page.locator('.err-summary').innerText(), new RegExp(t('ask.error.wayUnsafe')));

    await page.getByRole('radio', { name: t('ask.way.text') }).check();
    await page.getByLabel(t('ask.safeTimes')).fill('صباحًا فقط');
    await page.getByLabel(t('ask.where')).fill('BD8 7AB');
    await page.getByRole('button', { name: t('ask.send') }).click();
    await page.waitForURL(/\/ask\/thanks$/);
    assert.equal(await page.locator('h1').innerText(), t('ask.thanksTitle'));
    await assertAccessibleWithoutJs(page, 'Arabic thank-you page');
    await ctx.close();

    const staff = await h.newContext();
    const desk = await open(staff);
    await signIn(desk, connectorEmail);
    await desk.waitForURL(/\/staff$/);
    await desk.goto('/staff/contact-requests');
    const row = desk.getByRole('row', { name: /أمينة/ });
    assert.match(await row.innerText(), /Never by: Phone call/);
    assert.match(await row.innerText(), /صباحًا فقط/);
    await assertAccessible(desk, 'contact request queue');
    await row.getByRole('button', { name: 'Pick up' }).click();
    await desk.waitForURL(/done=picked$/);
    assert.match(await desk.getByRole('row', { name: /أمينة/ }).innerText(), /Picked up by Lina Link/);
    await assertAccessible(desk, 'queue after picking up');
    await staff.close();
  });
});
