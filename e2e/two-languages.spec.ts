/**
 * Two languages at once: an English-speaking connector holds the "what
 * matters to you" conversation with an Arabic-speaking person, with English
 * beside the Arabic on every page (the switch is a plain link; it stays on
 * through form posts), marks what is a must, and reads the check page,
 * suggestions with their reasons and the plan in both languages. Every page
 * is checked with axe.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { assertAccessible as accessible, startHarness, type Harness } from './support/harness.ts';
import { makeOrganisationWithAccount, signedIn } from './support/staff.ts';

describe('the conversation in two languages', () => {
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

  const submit = (page: Page) => page.locator('main form[method="post"] button[type="submit"]').last().click();

  it('an English-speaking connector and an Arabic-speaking person read the same pages, English beside the Arabic', async () => {
    const { ctx, page, cspErrors } = await signedIn(h, email);
    await page.goto('/staff/people/new');
    await page.getByLabel('Name or chosen name').fill('Amina');
    await page.locator('#preferredLanguage').selectOption('ar');
    await page.getByLabel('Postcode or area').fill('BD8');
    await page.locator('input[name="scope"][value="conversation"]').check();
    await page.getByLabel('They told me').check();
    await submit(page);
    await page.getByRole('button', { name: 'Start the conversation' }).click();
    // Urgent practical needs come first.
    assert.match(page.url(), /\/conversation\/practical$/);

    // One language first; the switch turns English on beside it.
    assert.doesNotMatch(await page.locator('h1').innerText(), /urgent/);
    await page.locator('#both-languages').click();
    const both = async (what: string, english: RegExp) => {
      assert.equal(await page.locator('html').getAttribute('dir'), 'rtl', `${what} is right to left`);
      assert.equal(await page.locator('html').getAttribute('lang'), 'ar');
      const main = await page.locator('main').innerText();
      assert.match(main, /[\u0600-\u06ff]/, `${what} has the Arabic`);
      assert.match(main, english, `${what} has the English beside it`);
      await accessible(page, `${what} (Arabic with English)`);
    };
    await both('practical needs', /Is anything urgent/);
    await submit(page);
    assert.match(page.url(), /\/conversation\/interests/);
    await both('interests', /What do you enjoy|enjoy/i);
    await page.locator('input[name="kinds"][value="informal_english"]').check();
    await submit(page);
    await both('strengths', /good at/i);
    await submit(page);
    await both('wants', /Save and continue/);
    await page.locator('input[name="wants"][value="group"]').check();
    await submit(page);
    await both('help', /easier to go/);
    await page.locator('input[name="needs"][value="go_with"]').check();
    await submit(page);
    await both('cost', /pay anything/);
    await page.locator('input[name="limit"][value="any"]').check();
    await submit(page);
    await both('times', /Monday/);
    await submit(page);
    await both('travel', /How far/);
    await page.locator('input[name="distance"][value="any"]').check();
    await submit(page);
    await both('modes', /In person/);
    await page.locator('input[name="modes"][value="in_person"]').check();
    await submit(page);
    await both('avoid', /Save and continue/);
    await submit(page);
    await both('safety', /Save and continue/);
    await page.locator('input[name="answer"][value="no_need"]').check();
    await submit(page);

    assert.match(page.url(), /\/conversation\/check$/);
    await both('check your answers', /Check your answers/);
    // Mark what is a must: the connector reads it in English too.
    await page.locator('a[href$="/conversation/musts"]').click();
    await both('musts', /What must a place have/);
    await page.locator('input[name="imp_creche"][value="nice"]').check();
    await page.locator('input[name="imp_access"][value="must"]').check();
    await submit(page);
    assert.match(page.url(), /\/conversation\/musts$/, 'access marked without saying which is asked again');
    await both('musts with an error', /Choose one answer/);
    await page.locator('input[name="imp_access"][value="no"]').check();
    await page.locator('input[name="imp_no_id"][value="must"]').check();
    await submit(page);
    assert.match(page.url(), /\/conversation\/check$/);
    const summary = await page.locator('main').innerText();
    assert.match(summary, /No ID needed \(must\)/);
    assert.match(summary, /Crèche \(nice to have\)/);
    await submit(page);

    assert.match(page.url(), /\/suggestions$/);
    await both('suggestions', /Suggestions|Nothing we know of fits/);
    if (await page.locator('input[name="chosen"]').count()) await page.locator('input[name="chosen"]').first().check();
    await submit(page);
    assert.match(page.url(), /\/plan$/);
    await both('plan', /Your plan/);

    // And back to one language.
    await page.locator('#both-languages').click();
    assert.doesNotMatch(await page.locator('article.plan h1').innerText(), /Your plan/);
    await accessible(page, 'plan in Arabic only');
    assert.deepEqual(cspErrors, []);
    await ctx.close();
  });
});
