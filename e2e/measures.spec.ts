import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { newId } from '../src/platform/ids.ts';
import { assertAccessible, startHarness, type Harness } from './support/harness.ts';
import { makeOrganisationWithAccount, openPage as open, signIn } from './support/staff.ts';

describe('connection measures in a browser', () => {
  let h: Harness;
  let email: string;
  const personId = newId();

  before(async () => {
    h = await startHarness({ demo: false });
    const db = h.database.db;
    const connector = await makeOrganisationWithAccount(
      db,
      { name: 'Oak Lane Surgery', kind: 'referrer' },
      { role: 'connector', name: 'Nadia Connector', email: 'nadia@oaklane.example.org' },
    );
    const gp = connector.organisationId;
    email = connector.email;
    await db.insertInto('person').values({ id: personId, organisation_id: gp, display_name: 'Amal', preferred_language: 'ar' }).execute();
    await db
      .insertInto('person_consent')
      .values({
        id: newId(),
        person_id: personId,
        kind: 'store',
        scope: ['record', 'measures'],
        given_by: 'verbal',
        granted_at: new Date(),
      })
      .execute();
  });
  after(async () => {
    await h.close();
  });

  async function accessible(page: Page, what: string, check: boolean) {
    if (check) await assertAccessible(page, what);
  }

  /** Offers one measure from the person's measures page and fills the first step. */
  async function setUp(
    page: Page,
    measureName: string,
    occasion: 'Baseline' | 'Follow-up',
    date: string,
    mode: string,
    language: string | null,
    axe: boolean,
  ) {
    await page.goto(`/staff/people/${personId}/measures`);
    await page.getByRole('link', { name: measureName }).click();
    await accessible(page, `${measureName}: before you start`, axe);
    await page.getByRole('group', { name: 'Which occasion is this?' }).getByLabel(occasion).check();
    await page.getByLabel('Date the questions were asked').fill(date);
    await page.getByRole('group', { name: 'How were the questions answered?' }).getByLabel(mode).check();
    if (language) await page.getByRole('group', { name: 'Which language are the questions in?' }).getByLabel(language).check();
    await page.getByRole('button', { name: 'Continue to the questions' }).click();
  }

  it('records a baseline in Arabic read by an interpreter, then a follow-up in English with JavaScript off, and shows the change', async () => {
    const ctx = await h.newContext();
    const { page, cspErrors } = await open(ctx);
    await signIn(page, email);
    await page.goto(`/staff/people/${personId}/measures`);
    assert.match(await page.locator('h1').innerText(), /Amal/);
    await accessible(page, 'measures page (empty)', true);

    // Baseline: the ONS relationships questions, in Arabic (the person's language is chosen for us).
    await page.goto(`/staff/people/${personId}/measures`);
    await page.getByRole('link', { name: /ONS relationships questions/ }).click();
    assert.equal(await page.getByRole('radio', { name: /Arabic/ }).isChecked(), true, 'the preferred language is chosen');
    await setUp(
      page,
      'ONS relationships questions (UCLA 3-item, then the direct question)',
      'Baseline',
      '2025-01-15',
      'An interpreter read the questions',
      null,
      true,
    );
    const arabic = page.locator('section.person-words[aria-labelledby="measure-title"]');
    assert.equal(await arabic.getAttribute('dir'), 'rtl');
    assert.equal(await arabic.getAttribute('lang'), 'ar');
    const legends = await arabic.locator('legend').allInnerTexts();
    assert.deepEqual(
      legends,
      ['كم مرة تشعر بأنك تفتقر إلى الرفقة؟', 'كم مرة تشعر بأنك مُستبعَد؟', 'كم مرة تشعر بأنك معزول عن الآخرين؟', 'كم مرة تشعر بالوحدة؟'],
      'UCLA items first, then the direct question',
    );
    await accessible(page, 'questions in Arabic', true);
    // Leave the last question unanswered: the page comes back with an error summary.
    await page.getByRole('group', { name: 'Was the explanation above shown or read to the person?' }).getByLabel('Yes').check();
    await arabic.getByRole('group', { name: 'كم مرة تشعر بأنك تفتقر إلى الرفقة؟' }).getByLabel('غالبًا', { exact: true }).check();
    await arabic.getByRole('group', { name: 'كم مرة تشعر بأنك مُستبعَد؟' }).getByLabel('بعض الأحيان').check();
    await arabic.getByRole('group', { name: 'كم مرة تشعر بأنك معزول عن الآخرين؟' }).getByLabel('غالبًا', { exact: true }).check();
    await page.getByRole('button', { name: 'Save answers' }).click();
    assert.match(await page.locator('.err-summary').innerText(), /Question 4: choose an answer/);
    assert.match(await page.title(), /^Error: /);
    await accessible(page, 'questions with an error', true);
    await page.locator('section.person-words').getByRole('group', { name: 'كم مرة تشعر بالوحدة؟' }).getByLabel('أفضّل عدم الإجابة').check();
    await page.getByRole('button', { name: 'Save answers' }).click();
    assert.match(await page.locator('.note').innerText(), /Answers saved/);

    // Baseline ONS4 in Arabic.
    await setUp(page, 'ONS personal wellbeing (ONS4)', 'Baseline', '2025-01-15', 'An interpreter read the questions', null, false);
    await page.getByRole('group', { name: 'Was the explanation above shown or read to the person?' }).getByLabel('Yes').check();
    for (const [id, v] of [
      ['satisfied', 3],
      ['worthwhile', 5],
      ['happy', 4],
      ['anxious', 8],
    ] as const)
      await page.locator(`#q-${id}-${v}`).check();
    await page.getByRole('button', { name: 'Save answers' }).click();
    assert.match(await page.locator('.note').innerText(), /Answers saved/);
    await accessible(page, 'measures page after the baseline', true);
    assert.deepEqual(cspErrors, []);
    await ctx.close();

    // Follow-up in English, with JavaScript off.
    const off = await h.newContext({ javaScriptEnabled: false });
    const { page: p2, cspErrors: csp2 } = await open(off);
    await signIn(p2, email);
    await setUp(
      p2,
      'ONS relationships questions (UCLA 3-item, then the direct question)',
      'Follow-up',
      '2025-04-15',
      'The person answered themselves',
      'English (English)',
      false,
    );
    assert.equal(await p2.locator('section.person-words[aria-labelledby="measure-title"]').getAttribute('dir'), 'ltr');
    await p2.getByRole('group', { name: 'Was the explanation above shown or read to the person?' }).getByLabel('No').check();
    await p2.getByRole('group', { name: 'How often do you feel that you lack companionship?' }).getByLabel('Some of the time').check();
    await p2.getByRole('group', { name: 'How often do you feel left out?' }).getByLabel('Hardly ever or never').check();
    await p2.getByRole('group', { name: 'How often do you feel isolated from others?' }).getByLabel('Some of the time').check();
    await p2.getByRole('group', { name: 'How often do you feel lonely?' }).getByLabel('Occasionally').check();
    await p2.getByRole('button', { name: 'Save answers' }).click();
    await setUp(
      p2,
      'ONS personal wellbeing (ONS4)',
      'Follow-up',
      '2025-04-15',
      'The person answered themselves',
      'English (English)',
      false,
    );
    await p2.getByRole('group', { name: 'Was the explanation above shown or read to the person?' }).getByLabel('No').check();
    for (const [id, v] of [
      ['satisfied', 6],
      ['worthwhile', 5],
      ['happy', 7],
      ['anxious', 4],
    ] as const)
      await p2.locator(`#q-${id}-${v}`).check();
    await p2.getByRole('button', { name: 'Save answers' }).click();

    const change = await p2.locator('#change').locator('..').innerText();
    assert.match(change, /UCLA 3-item total[^\n]*\t8\t5\t↓ lower by 3/);
    assert.match(change, /Life satisfaction \(0 to 10\)\t3 · low\t6 · medium\t↑ higher by 3/);
    assert.match(change, /Anxious yesterday[^\n]*\t8 · high\t4 · medium\t↓ lower by 4/);
    assert.match(change, /Things done are worthwhile[^\n]*\t5 · medium\t5 · medium\t→ no change/);
    assert.doesNotMatch(await p2.locator('main').innerText(), /\blonely\b/i, 'no "lonely" label on the staff page');
    const given = await p2.locator('#given').locator('..').innerText();
    assert.match(given, /Arabic\s*unvalidated translation\s*An interpreter read the questions\s*Yes/);
    assert.deepEqual(csp2, []);
    await off.close();
  });
});
