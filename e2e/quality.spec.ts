/**
 * Keeping the map true, in a browser: a member of the public reports a
 * problem with a listing (English, then Arabic right-to-left, JavaScript
 * off); an administrator finds the reports in the queue and resolves one;
 * the provider sees the other; the data-quality view shows a stale listing
 * and the administrator marks it verified in bulk. Every page is checked
 * with axe, and no page may trip the Content-Security-Policy.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { londonLocal } from '../src/modules/directory/schedule.ts';
import { addMonths } from '../src/modules/quality/freshness.ts';
import { createI18n } from '../src/platform/i18n/i18n.ts';
import { organizationFixture, saveFixtures, serviceFixture } from '../test/support/directory-fixtures.ts';
import { assertAccessible, assertAccessibleWithoutJs as assertTwinAccessible, startHarness, type Harness } from './support/harness.ts';
import { makeOrganisationWithAccount, openPage, signIn as fillSignIn } from './support/staff.ts';

describe('problem reports and data quality in a browser', () => {
  let h: Harness;
  let serviceId: string;
  let staleId: string;
  const adminEmail = 'ada@belong.example.org';
  const providerEmail = 'hana@hub.example.org';
  const cspErrors: string[] = [];
  const today = londonLocal(new Date()).date;

  before(async () => {
    h = await startHarness({ demo: false });
    const db = h.database.db;
    const hub = organizationFixture('heaton-hub', { name: 'Heaton Hub' });
    const [knit, stale] = await saveFixtures(db, [
      serviceFixture('knit', {
        organization: hub,
        service: { name: 'Knit and natter', assured_date: addMonths(today, -1) },
        belong: { safeguarding_policy: true, review_due: addMonths(today, 5) },
      }),
      serviceFixture('lunch', {
        organization: hub,
        service: { name: 'Lunch club', assured_date: addMonths(today, -15) },
        belong: { safeguarding_policy: true, review_due: addMonths(today, -3) },
      }),
    ]);
    serviceId = knit!.service.id;
    staleId = stale!.service.id;
    await makeOrganisationWithAccount(
      db,
      { name: 'Belong team', kind: 'referrer', operator: true },
      { role: 'administrator', name: 'Ada Admin', email: adminEmail },
    );
    await makeOrganisationWithAccount(
      db,
      { name: 'Heaton Hub', kind: 'provider', listings: [hub.id] },
      { role: 'provider_staff', name: 'Hana Hub', email: providerEmail },
    );
  });
  after(async () => {
    await h.close();
    assert.deepEqual(cspErrors, [], 'no Content-Security-Policy errors');
  });

  async function open(ctx: BrowserContext): Promise<Page> {
    const { page } = await openPage(ctx, cspErrors);
    return page;
  }

  /** axe needs scripts: check what a JavaScript-off page shows by opening it again, with its cookies, where scripts run. */
  const assertAccessibleWithoutJs = (page: Page, where: string) => assertTwinAccessible(h, page, where, { open });

  /** The error page after sending the form empty, checked with axe in a context that runs scripts (a POST result cannot be reopened). */
  async function assertErrorPageAccessible(lang: 'en' | 'ar') {
    const { t } = createI18n(lang);
    const ctx = await h.newContext();
    const page = await open(ctx);
    await page.goto(`/services/${serviceId}/report?lang=${lang}`);
    await page.getByRole('button', { name: t('quality.report.send') }).click();
    assert.match(await page.locator('.err-summary').innerText(), new RegExp(t('quality.report.error.kind')));
    assert.equal(await page.evaluate(() => document.activeElement?.className), 'err-summary', 'the error summary takes focus');
    await assertAccessible(page, `${lang} report form with an error`);
    await ctx.close();
  }

  async function report(lang: 'en' | 'ar', choice: 'times' | 'place', details: string, contact: string) {
    const { t, dir } = createI18n(lang);
    const ctx = await h.newContext({ javaScriptEnabled: false });
    const page = await open(ctx);
    await page.goto(`/services/${serviceId}?lang=${lang}`);
    assert.equal(await page.locator('html').getAttribute('dir'), dir);
    await page.getByRole('link', { name: t('quality.report.link') }).click();
    await page.waitForURL(/\/report$/);
    assert.equal(await page.locator('h1').innerText(), t('quality.report.title'));
    assert.equal(await page.locator('html').getAttribute('dir'), dir);
    await assertAccessibleWithoutJs(page, `${lang} report form`);

    await page.getByRole('button', { name: t('quality.report.send') }).click();
    assert.match(await page.title(), new RegExp(`^${t('errors.pageTitle', { page: '' }).trim()}`));
    assert.match(await page.locator('.err-summary').innerText(), new RegExp(t('quality.report.error.kind')));
    await assertErrorPageAccessible(lang);

    await page.getByRole('radio', { name: t(`quality.report.kind.${choice}`) }).check();
    await page.getByLabel(t('quality.report.details')).fill(details);
    await page.getByLabel(t('quality.report.contact')).fill(contact);
    await page.getByRole('button', { name: t('quality.report.send') }).click();
    await page.waitForURL(/\/report\/thanks$/);
    assert.equal(await page.locator('h1').innerText(), t('quality.report.thanksTitle'));
    await assertAccessibleWithoutJs(page, `${lang} thank-you page`);
    await ctx.close();
  }

  async function signIn(page: Page, email: string) {
    await fillSignIn(page, email);
    await page.waitForURL(/\/staff$/);
  }

  it('takes a report from a member of the public in English, with JavaScript off', async () => {
    await report('en', 'times', 'It is on Wednesdays now', 'me@example.org');
  });

  it('takes a report in Arabic, right to left, with JavaScript off', async () => {
    await report('ar', 'place', 'انتقلوا إلى القاعة الجديدة', '07700 900321');
  });

  it('shows the provider the reports about their own listing, without the reporter’s contact', async () => {
    const ctx = await h.newContext();
    const page = await open(ctx);
    await signIn(page, providerEmail);
    await page.goto('/staff/reports');
    assert.equal(await page.locator('article.message').count(), 2);
    assert.doesNotMatch(await page.locator('main').innerText(), /me@example\.org|07700 900321/);
    await assertAccessible(page, 'provider’s reports');
    await ctx.close();
  });

  it('lets an administrator see the reports in the queue and resolve one', async () => {
    const ctx = await h.newContext();
    const page = await open(ctx);
    await signIn(page, adminEmail);
    await page.goto('/admin/reports');
    const cards = page.locator('article.message');
    assert.equal(await cards.count(), 2);
    const arabic = cards.filter({ hasText: 'انتقلوا إلى القاعة الجديدة' });
    assert.match(await arabic.innerText(), /Place or address wrong/);
    assert.match(await arabic.innerText(), /العربية \(ar\)/);
    const english = cards.filter({ hasText: 'It is on Wednesdays now' });
    assert.match(await english.innerText(), /me@example\.org/);
    await assertAccessible(page, 'report queue');

    await english.getByLabel('Note (optional)').fill('Times changed to Wednesdays');
    await english.getByRole('button', { name: 'Mark resolved' }).click();
    await page.waitForURL(/done=resolved/);
    assert.match(await page.locator('.note[role=status]').innerText(), /The report is marked resolved\./);
    assert.equal(await page.locator('article.message').count(), 1, 'one open report left');
    await assertAccessible(page, 'report queue after resolving');

    await page.getByRole('link', { name: 'Resolved or dismissed' }).click();
    assert.match(await page.locator('main').innerText(), /Times changed to Wednesdays/);
    assert.doesNotMatch(await page.locator('main').innerText(), /me@example\.org/, 'the contact is deleted once resolved');
    await assertAccessible(page, 'closed reports');
    await ctx.close();
  });

  it('shows a stale listing in the data-quality view and marks it verified in bulk', async () => {
    const ctx = await h.newContext();
    const page = await open(ctx);
    await signIn(page, adminEmail);
    await page.goto('/admin/quality');
    await assertAccessible(page, 'data-quality view');
    await page.getByLabel('Show listings with').selectOption('stale');
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    await page.waitForURL(/problem=stale/);
    assert.match(await page.locator('table').innerText(), /Lunch club/);
    assert.doesNotMatch(await page.locator('table').innerText(), /Knit and natter/);
    await assertAccessible(page, 'stale listings');

    await page.getByRole('button', { name: 'Mark verified' }).click();
    assert.match(await page.locator('.err-summary').innerText(), /Choose at least one listing/);
    await assertAccessible(page, 'bulk action with nothing chosen');

    await page.getByRole('checkbox', { name: 'Choose Lunch club' }).check();
    await page.getByRole('button', { name: 'Mark verified' }).click();
    await page.waitForURL(/done=verified/);
    assert.match(await page.locator('.note[role=status]').innerText(), /1 listing is marked verified/);
    assert.match(await page.locator('main').innerText(), /No listings have this problem\./);
    await assertAccessible(page, 'after marking verified');
    const row = await h.database.db
      .selectFrom('belong_service')
      .select('review_due')
      .where('service_id', '=', staleId)
      .executeTakeFirstOrThrow();
    assert.equal(String(row.review_due), addMonths(today, 6));

    await page.getByRole('button', { name: 'Send reminders now' }).click();
    await page.waitForURL(/done=reminders/);
    await assertAccessible(page, 'after sending reminders');
    await ctx.close();
  });
});
