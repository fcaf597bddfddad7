/**
 * The "find something near you" journey in a browser, as the issue's
 * "done when" describes it: with JavaScript off, search by postcode, filter
 * to women-only + free + speaks Bengali, open a service, add it to my list,
 * open the list and print it — in English and in Arabic (right to left) —
 * with axe finding no accessibility problems on any page on the way. Then
 * once with JavaScript on (the Print button appears), and a check that
 * switching language is one tap and is remembered.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { createI18n } from '../src/platform/i18n/i18n.ts';
import type { LocaleCode } from '../src/platform/i18n/locales.ts';
import { axeViolations, describeViolations, startHarness, type Harness } from './support/harness.ts';

async function expectNoAxeViolations(page: Page, where: string) {
  const v = await axeViolations(page);
  assert.deepEqual(v, [], `${where}: ${describeViolations(v)}`);
}

/**
 * axe runs as a script, which a page with JavaScript off cannot run. So the
 * page the JavaScript-off browser is showing is opened again, with the same
 * cookies (language, list), in a twin browser context that runs scripts, and
 * checked there. The server sends both the same HTML (on "My list" the
 * twin also shows the Print button its script reveals).
 */
async function expectNoAxeViolationsWithoutJs(h: Harness, page: Page, where: string) {
  const twin = await h.newContext();
  await twin.addCookies(await page.context().cookies());
  const copy = await twin.newPage();
  await copy.goto(page.url());
  assert.equal(await copy.locator('h1').innerText(), await page.locator('h1').innerText(), `${where}: the twin sees the same page`);
  await expectNoAxeViolations(copy, where);
  await twin.close();
}

/** The whole journey, in one language, with JavaScript off. */
async function journey(h: Harness, lang: LocaleCode) {
  const { t, dir } = createI18n(lang);
  const ctx = await h.newContext({ javaScriptEnabled: false, locale: 'en-GB' });
  const page = await ctx.newPage();
  const cspErrors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
  });

  // Start page, in the chosen language.
  await page.goto(`/?lang=${lang}`);
  assert.equal(await page.locator('html').getAttribute('dir'), dir);
  await expectNoAxeViolationsWithoutJs(h, page, `${lang} start page`);

  // Search by postcode.
  await page.getByLabel(t('find.where')).fill('BD8');
  await page.getByRole('button', { name: t('find.search'), exact: true }).click();
  await page.waitForURL(/\/find\?/);
  assert.match(page.url(), /where=BD8/);

  // Filter: women only, free, speaks Bengali.
  await page.locator('details.filters > summary').click();
  await page.getByRole('checkbox', { name: t('term.gender.women_only'), exact: true }).check();
  await page.getByRole('checkbox', { name: t('need.free'), exact: true }).check();
  await page.getByLabel(t('find.langLabel')).selectOption('bn');
  await page.getByRole('button', { name: t('find.apply') }).click();
  await page.waitForURL(/speaks=bn/);
  const url = new URL(page.url());
  assert.deepEqual(url.searchParams.getAll('who'), ['women_only']);
  assert.deepEqual(url.searchParams.getAll('need'), ['free']);
  const results = page.locator('ol.results > li');
  assert.ok((await results.count()) >= 1, 'at least one women-only, free group speaking Bengali near BD8');
  for (const facts of await page.locator('ol.results p.facts').allInnerTexts()) {
    assert.ok(facts.includes(t('term.gender.women_only')) && facts.includes(t('term.cost.free')), facts);
  }
  await expectNoAxeViolationsWithoutJs(h, page, `${lang} results`);

  // Open the first result.
  const first = results.first().locator('h3 a');
  const name = (await first.innerText()).trim();
  await first.click();
  await page.waitForURL(/\/services\//);
  assert.equal((await page.locator('h1').innerText()).trim(), name);
  await expectNoAxeViolationsWithoutJs(h, page, `${lang} service page`);

  // Add it to my list (a plain form post) and come back to the same page with a message.
  await page.getByRole('button', { name: t('service.addToList') }).click();
  await page.waitForURL(/done=added/);
  assert.match(await page.locator('[role=status]').innerText(), new RegExp(t('flash.addedPlain').replace('.', '\\.')));
  await expectNoAxeViolationsWithoutJs(h, page, `${lang} service page after adding`);

  // Open my list.
  await page.getByRole('link', { name: t('nav.myList', { count: 1 }) }).click();
  await page.waitForURL(/\/shortlist$/);
  assert.equal((await page.locator('ol.results h2').innerText()).trim(), name);
  assert.ok(await page.getByText(t('list.printHint')).isVisible());
  assert.equal(await page.locator('#print').isVisible(), false, 'no Print button without JavaScript');
  await expectNoAxeViolationsWithoutJs(h, page, `${lang} my list`);

  // Print it: navigation and buttons disappear, the details stay.
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('body > header').isVisible(), false);
  assert.equal(await page.locator('nav.top').isVisible(), false);
  assert.equal(await page.getByRole('button', { name: new RegExp(t('list.remove')) }).isVisible(), false);
  assert.ok(await page.locator('ol.results h2').isVisible());
  assert.ok(await page.locator('ol.results a[href^="tel:"]').first().isVisible());
  const pdf = await page.pdf({ format: 'A4' });
  assert.ok(pdf.length > 1000, `PDF is ${pdf.length} bytes`);
  assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');

  assert.deepEqual(cspErrors, []);
  await ctx.close();
}

describe('find something near you, in a browser', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h.close();
  });

  it('works end to end in English with JavaScript off: search, filter, open, add, list, print', async () => {
    await journey(h, 'en');
  });

  it('works end to end in Arabic, right to left, with JavaScript off', async () => {
    await journey(h, 'ar');
  });

  it('shows a Print button on my list when JavaScript runs, within the Content-Security-Policy', async () => {
    const ctx = await h.newContext();
    const page = await ctx.newPage();
    const cspErrors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
    });
    await page.goto('/find?where=BD8&who=women_only&need=free&speaks=bn&lang=en');
    await page.locator('ol.results h3 a').first().click();
    await page.getByRole('button', { name: 'Add to my list' }).click();
    await page.waitForURL(/done=added/);
    await page.goto('/shortlist');
    const print = page.getByRole('button', { name: 'Print this list' });
    await print.waitFor({ state: 'visible' });
    assert.ok(await print.isVisible());
    await expectNoAxeViolations(page, 'my list with JavaScript');
    assert.deepEqual(cspErrors, []);
    await ctx.close();
  });

  it('explains an unknown postcode in the person’s language, with no accessibility problems', async () => {
    const ctx = await h.newContext({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    const res = await page.goto('/find?where=BD79&lang=ar');
    await page.waitForURL(/where=BD79$/);
    assert.equal(res?.status(), 400);
    assert.match(await page.locator('.err-summary').innerText(), /BD79/);
    await expectNoAxeViolationsWithoutJs(h, page, 'error page');
    await ctx.close();
  });

  it('filters by who it is for and access, and never shows a service that does not say', async () => {
    const { t } = createI18n('en');
    const ctx = await h.newContext({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    await page.goto('/find?lang=en');
    await page.waitForURL(/\/find$/);
    await page.locator('details.filters > summary').click();
    await page
      .getByRole('group', { name: t('find.legend.for') })
      .getByRole('checkbox', { name: t('term.audience.carers'), exact: true })
      .check();
    await page
      .getByRole('group', { name: t('find.legend.access') })
      .getByRole('checkbox', { name: t('term.access.step_free'), exact: true })
      .check();
    await page.getByRole('button', { name: t('find.apply') }).click();
    await page.waitForURL(/for=carers/);
    assert.deepEqual(new URL(page.url()).searchParams.getAll('access'), ['step_free']);
    await expectNoAxeViolationsWithoutJs(h, page, 'results for carers, step-free');
    const results = page.locator('ol.results > li h3 a');
    assert.ok((await results.count()) >= 1, 'the demo area has step-free groups for carers');
    await results.first().click();
    await page.waitForURL(/\/services\//);
    const text = await page.locator('main').innerText();
    assert.match(text, /Carers/);
    assert.match(text, new RegExp(t('term.access.step_free')));
    await expectNoAxeViolationsWithoutJs(h, page, 'a service for carers');
    await ctx.close();
  });

  it('switches language in one tap from a results page, keeps the search, and remembers the choice', async () => {
    const ctx = await h.newContext({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    await page.goto('/find?where=BD8&need=free');
    await page.getByRole('link', { name: 'বাংলা' }).click();
    await page.waitForURL((u) => u.pathname === '/find' && u.searchParams.get('where') === 'BD8' && !u.searchParams.has('lang'));
    assert.equal(await page.locator('html').getAttribute('lang'), 'bn');
    assert.equal((await page.locator('h1').innerText()).trim(), createI18n('bn').t('find.title'));
    await page.goto('/');
    assert.equal(await page.locator('html').getAttribute('lang'), 'bn', 'remembered on the next visit');
    await ctx.close();
  });
});
