/**
 * The "what matters to you" journey in a browser: a connector adds a person,
 * runs the whole conversation with them in their language (Arabic, right to
 * left; then English), checks the answers, sees a shortlist with reasons,
 * picks places for the plan and opens the printable plan. Every page is
 * checked with axe, and no page may trip the Content-Security-Policy.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { createI18n } from '../src/platform/i18n/i18n.ts';
import { assertAccessible as accessible, startHarness, type Harness } from './support/harness.ts';
import { makeOrganisationWithAccount, signedIn } from './support/staff.ts';

describe('the “what matters to you” conversation in a browser', () => {
  let h: Harness;
  let email: string;

  before(async () => {
    h = await startHarness();
    ({ email } = await makeOrganisationWithAccount(
      h.database.db,
      { name: 'Oak Lane Surgery', kind: 'referrer' },
      { role: 'connector', name: 'Chloe Connector', email: 'chloe@oaklane.example.org' },
    ));
  });
  after(async () => {
    await h.close();
  });

  /** The form's own submit button (not sign-out, not the search). */
  const submit = (page: Page) => page.locator('main form[method="post"] button[type="submit"]').last().click();

  async function runConversation(language: 'ar' | 'en', name: string) {
    const { ctx, page, cspErrors } = await signedIn(h, email);

    await page.goto('/staff/people/new');
    await accessible(page, 'new person form');
    await page.getByLabel('Name or chosen name').fill(name);
    await page.locator('#preferredLanguage').selectOption(language);
    await page.getByLabel('Postcode or area').fill('BD8');
    await page.locator('input[name="scope"][value="conversation"]').check();
    await page.getByLabel('They told me').check();
    await submit(page);
    assert.match(page.url(), /\/staff\/people\/[0-9a-f-]{36}\?done=personCreated$/);
    assert.equal(await page.locator('h1').innerText(), name);
    await accessible(page, 'person page');

    await page.getByRole('button', { name: 'Start the conversation' }).click();
    const expectDir = language === 'ar' ? 'rtl' : 'ltr';
    const check = async (what: string) => {
      assert.equal(await page.locator('html').getAttribute('dir'), expectDir, `${what} is ${expectDir}`);
      assert.equal(await page.locator('html').getAttribute('lang'), language);
      await accessible(page, `${what} (${language})`);
    };

    // Urgent practical needs come first; the crisis route is on every page, in the person's language.
    assert.match(page.url(), /\/conversation\/practical$/);
    await check('practical');
    assert.equal(await page.locator('.crisis-link a').count(), 1, 'a "someone is at risk" link');
    await page.locator('input[name="needs"][value="housing"]').check();
    await submit(page);
    assert.match(page.url(), /\/conversation\/interests$/);
    await check('interests');
    await page.locator('input[name="kinds"][value="informal_english"]').check();
    await page.locator('textarea[name="words"]').fill(language === 'ar' ? 'الخياطة' : 'sewing');
    await submit(page);
    await check('strengths');
    await page.locator('textarea[name="words"]').fill(language === 'ar' ? 'كنت معلمة' : 'I was a teacher');
    await submit(page);
    await check('wants');
    await page.locator('input[name="wants"][value="group"]').check();
    await submit(page);
    await check('help');
    await page.locator('input[name="needs"][value="go_with"]').check();
    await submit(page);
    await check('cost');
    // Save without choosing: the page says what to do, in the person's language.
    await submit(page);
    assert.match(await page.title(), language === 'ar' ? /^Error: |خطأ/ : /^Error: /);
    await check('cost with an error');
    await page.locator('input[name="limit"][value="any"]').check();
    await submit(page);
    await check('times');
    await page.locator('input[name="unavailable"][value="SU.evening"]').check();
    await submit(page);
    await check('travel');
    await page.locator('input[name="distance"][value="any"]').check();
    await submit(page);
    await check('modes');
    await page.locator('input[name="modes"][value="in_person"]').check();
    await submit(page);
    await check('avoid');
    await page.locator('#q').fill('zzzz no such place');
    await page.locator('form[role="search"] button').click();
    await check('avoid after a search');
    await submit(page);
    await check('safety');
    await page.locator('input[name="answer"][value="no_need"]').check();
    await submit(page);

    assert.match(page.url(), /\/conversation\/check$/);
    await check('check your answers');
    const summary = await page.locator('dl.summary').innerText();
    assert.match(summary, language === 'ar' ? /الخياطة/ : /sewing/);
    // Change one answer from the check page and come back to it.
    await page.locator(`a[href$="/conversation/help?from=check"]`).click();
    await page.locator('input[name="needs"][value="transport"]').check();
    await submit(page);
    assert.match(page.url(), /\/conversation\/check$/);
    await submit(page);

    assert.match(page.url(), /\/suggestions$/);
    await check('suggestions');
    assert.match(
      await page.locator('section.practical').innerText(),
      language === 'ar' ? /أولًا، المساعدة العملية[\s\S]*السكن/ : /First, practical help[\s\S]*Housing/,
      'practical help comes first',
    );
    const items = page.locator('ol.suggestions > li');
    assert.ok((await items.count()) > 0, 'the shortlist has suggestions');
    assert.ok((await items.first().innerText()).split('\n').filter(Boolean).length >= 3, 'each suggestion has a line of reasons');
    await page.locator('input[name="chosen"]').first().check();
    await page.locator('#noteForPerson').fill(language === 'ar' ? 'سأتصل بك يوم الثلاثاء' : 'I will phone you on Tuesday');
    await page.locator('#nextSteps').fill('Staff only: check the lift is working');
    await submit(page);

    assert.match(page.url(), /\/plan$/);
    await check('plan');
    const plan = await page.locator('article.plan').innerText();
    assert.match(plan, language === 'ar' ? /خطتك/ : /Your plan/);
    assert.match(plan, language === 'ar' ? /أولًا، المساعدة العملية/ : /First, practical help/);
    assert.match(plan, language === 'ar' ? /سأتصل بك يوم الثلاثاء/ : /I will phone you on Tuesday/);
    assert.match(plan, /Chloe Connector/);
    // Each place says where it is, when it is next on and how to get in touch, in the person's language.
    const i18n = createI18n(language);
    const place = await page.locator('article.plan li.place').first().innerText();
    assert.ok(place.includes(i18n.t('service.where')), place);
    assert.ok(place.includes(i18n.t('plan.place.next')), place);
    assert.ok(place.includes(i18n.t('plan.place.phone')) || place.includes(i18n.t('plan.place.website')), place);
    // The notes for staff are shown to staff apart from the plan, and never printed.
    assert.equal(plan.includes('check the lift'), false);
    assert.match(await page.locator('aside.staff-notes').innerText(), /check the lift is working/);
    assert.equal(await page.locator('#print').isVisible(), true, 'print.js shows the Print button');
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('header').isVisible(), false, 'the printed plan has no header');
    assert.equal(await page.locator('#print').isVisible(), false, 'nor the Print button');
    assert.equal(await page.locator('aside.staff-notes').isVisible(), false, 'nor the notes for staff');
    assert.equal(await page.locator('article.plan h1').isVisible(), true);
    await page.emulateMedia({ media: 'screen' });

    // The record shows the finished conversation and that it was looked at.
    await page.getByRole('link', { name: new RegExp(`Back to ${name}`) }).click();
    await accessible(page, 'person page after the conversation');
    assert.match(await page.locator('table').last().innerText(), /conversation\.complete/);
    assert.deepEqual(cspErrors, []);
    await ctx.close();
  }

  it('runs the whole conversation in Arabic, right to left, to a printable plan', async () => {
    await runConversation('ar', 'Amina');
  });

  it('runs the whole conversation in English, to a printable plan', async () => {
    await runConversation('en', 'Margaret');
  });
});
