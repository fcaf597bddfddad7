/**
 * Issue 6's first "done when", in one browser journey: a connector holds the
 * "what matters to you" conversation with Amina (in Arabic, right to left),
 * refers her to a service; the provider declines it as full; the connector
 * re-routes; the second provider puts her on the waiting list, accepts and
 * books a first visit; Amina herself confirms at /my, in Arabic, that she
 * went (attending). A second referral nobody answers expires when the
 * follow-up job runs with the clock moved forward, and the connector is told
 * to find something else. Then Amina moves: her record is handed over to a
 * connector in the new area, her referrals close as "moved area", and the new
 * connector reads her plan and re-matches. axe is clean on every page; no
 * page trips the Content-Security-Policy.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { personAccessService } from '../src/modules/person-view/person-access.service.ts';
import { runFollowUps } from '../src/modules/referrals/referral-follow-ups.ts';
import { accessFor, RecordingNotifier } from '../src/modules/referrals/referrals.test-support.ts';
import { oneServicePerOrganisation } from './support/demo-services.ts';
import { assertAccessible as accessible, startHarness, type Harness } from './support/harness.ts';
import { chooseAnotherService, takeAction } from './support/referral-steps.ts';
import { makeOrganisationWithAccount, openPage, signIn } from './support/staff.ts';

describe('closing the loop: conversation → referral → decline → re-route → waiting list → attending (the person, in Arabic) → expiry → moved area', () => {
  let h: Harness;
  const emails = {
    connector: 'conor@surgery.example.org',
    providerA: 'aisha@first.example.org',
    providerB: 'ben@second.example.org',
    newConnector: 'nadia@moorlane.example.org',
  };
  let connectorId: string;
  let first: { id: string; name: string };
  let second: { id: string; name: string };
  let third: { id: string; name: string };
  const contexts: { ctx: BrowserContext; cspErrors: string[] }[] = [];

  before(async () => {
    h = await startHarness();
    const db = h.database.db;
    const picked = await oneServicePerOrganisation(db);
    assert.ok(picked.length >= 3, 'the demo area has services in at least three organisations');
    [first, second, third] = [picked[0]![1], picked[1]![1], picked[2]![1]];
    connectorId = (
      await makeOrganisationWithAccount(
        db,
        { name: 'Oak Lane Surgery', kind: 'referrer' },
        { role: 'connector', name: 'Conor Connector', email: emails.connector },
      )
    ).id;
    await makeOrganisationWithAccount(
      db,
      { name: 'Moor Lane Refugee Welcome', kind: 'referrer' },
      { role: 'connector', name: 'Nadia Connector', email: emails.newConnector },
    );
    await makeOrganisationWithAccount(
      db,
      { name: 'First Provider', kind: 'provider', listings: [picked[0]![0]] },
      { role: 'provider_staff', name: 'Aisha Provider', email: emails.providerA },
    );
    await makeOrganisationWithAccount(
      db,
      { name: 'Second Provider', kind: 'provider', listings: [picked[1]![0]] },
      { role: 'provider_staff', name: 'Ben Provider', email: emails.providerB },
    );
    await makeOrganisationWithAccount(
      db,
      { name: 'Third Provider', kind: 'provider', listings: [picked[2]![0]] },
      { role: 'provider_staff', name: 'Cai Provider', email: 'cai@third.example.org' },
    );
  });
  after(async () => {
    for (const x of contexts) assert.deepEqual(x.cspErrors, []);
    await h.close();
  });

  async function browser(): Promise<{ page: Page; cspErrors: string[] }> {
    const ctx = await h.newContext();
    const { page, cspErrors } = await openPage(ctx);
    contexts.push({ ctx, cspErrors });
    return { page, cspErrors };
  }

  async function signedIn(email: string): Promise<Page> {
    const { page } = await browser();
    await signIn(page, email);
    return page;
  }

  const submit = (page: Page) => page.locator('main form[method="post"] button[type="submit"]').last().click();

  async function act(page: Page, action: string, fill?: () => Promise<void>) {
    await takeAction(page, action, fill);
    await accessible(page, `after “${action}”`);
  }

  /** Ticks what the person agreed to share (nothing is ticked for them) and how they agreed, then sends. */
  async function agreeAndSend(page: Page, service: { name: string }) {
    for (const f of ['name', 'language', 'need', 'practical_support', 'summary']) await page.locator(`#field-${f}`).check();
    await page.locator('#givenBy-0').check();
    await page.getByRole('button', { name: `Record consent and send to ${service.name}` }).click();
  }

  async function chooseAndSend(page: Page, service: { name: string }, within = page.locator('body')) {
    await within.getByLabel('Service name').fill(service.name);
    await within.getByRole('button', { name: 'Find' }).click();
    await page.getByRole('button', { name: `Choose ${service.name}` }).click();
    await accessible(page, 'referral with a draft attempt');
    await agreeAndSend(page, service);
    assert.match(await page.locator('.note').first().innerText(), /Referral sent/);
    await accessible(page, 'referral sent');
  }

  async function startReferral(c: Page, personUrl: string, need: string): Promise<string> {
    await c.goto(personUrl);
    await c.getByRole('link', { name: 'Start a referral' }).click();
    await accessible(c, 'new referral page');
    await c.getByLabel('What are they looking for?').fill(need);
    await c.getByRole('button', { name: 'Start the referral' }).click();
    assert.match(await c.locator('h1').innerText(), /Referral for\s+Amina/);
    return c.url().replace(/[?#].*$/, '');
  }

  it('walks the whole loop across a connector, two providers and the person', async () => {
    const c = await signedIn(emails.connector);

    // 1. The "what matters to you" conversation, in Arabic (right to left).
    await c.goto('/staff/people/new');
    await accessible(c, 'new person form');
    await c.getByLabel('Name or chosen name').fill('Amina');
    await c.locator('#preferredLanguage').selectOption('ar');
    await c.getByLabel('Postcode or area').fill('BD8');
    await c.locator('input[name="scope"][value="conversation"]').check();
    await c.getByLabel('They told me').check();
    await submit(c);
    assert.match(c.url(), /\/staff\/people\/[0-9a-f-]{36}\?done=personCreated$/);
    const personUrl = c.url().replace(/[?#].*$/, '');
    const personId = personUrl.split('/').pop()!;
    await accessible(c, 'person page');
    await c.getByRole('button', { name: 'Start the conversation' }).click();
    const rtl = async (what: string) => {
      assert.equal(await c.locator('html').getAttribute('dir'), 'rtl', `${what} is right to left`);
      await accessible(c, `${what} (ar)`);
    };
    await rtl('practical');
    await submit(c);
    await rtl('interests');
    await c.locator('input[name="kinds"][value="informal_english"]').check();
    await submit(c);
    await rtl('strengths');
    await submit(c);
    await rtl('wants');
    await c.locator('input[name="wants"][value="group"]').check();
    await submit(c);
    await rtl('help');
    await c.locator('input[name="needs"][value="go_with"]').check();
    await submit(c);
    await rtl('cost');
    await c.locator('input[name="limit"][value="any"]').check();
    await submit(c);
    await rtl('times');
    await submit(c);
    await rtl('travel');
    await c.locator('input[name="distance"][value="any"]').check();
    await submit(c);
    await rtl('modes');
    await c.locator('input[name="modes"][value="in_person"]').check();
    await submit(c);
    await rtl('avoid');
    await submit(c);
    await rtl('safety');
    await c.locator('input[name="answer"][value="no_need"]').check();
    await submit(c);
    assert.match(c.url(), /\/conversation\/check$/);
    await rtl('check your answers');
    await submit(c);
    assert.match(c.url(), /\/suggestions$/);
    await rtl('suggestions');
    await c.locator('input[name="chosen"]').first().check();
    await c.locator('#noteForPerson').fill('سأتصل بك يوم الثلاثاء');
    await submit(c);
    assert.match(c.url(), /\/plan$/);
    await rtl('plan');

    // 2. Refer to a service; the first provider declines: full.
    const referralUrl = await startReferral(c, personUrl, 'To meet other women and practise English');
    await chooseAndSend(c, first);
    const a = await signedIn(emails.providerA);
    await a.goto('/staff/referrals/inbox');
    await accessible(a, 'first provider inbox');
    await a.getByRole('link', { name: new RegExp(`${first.name}: referral of`) }).click();
    await a.waitForURL(/\/staff\/referrals\/inbox\/[0-9a-f-]{36}$/);
    await accessible(a, 'incoming referral');
    await act(a, 'Decline', async () => {
      await a.getByLabel('The service is full').check();
    });

    // 3. The connector re-routes.
    await c.goto('/staff/referrals');
    assert.match(await c.locator('main').innerText(), /Find something else/);
    await accessible(c, 'today list with a decline');
    await chooseAnotherService(c, referralUrl, second);
    await accessible(c, 're-routed referral');
    await agreeAndSend(c, second);
    assert.match(await c.locator('.note').first().innerText(), /Referral sent/);

    // 4. The second provider: waiting list, then accepted, first visit booked.
    const b = await signedIn(emails.providerB);
    await b.goto('/staff/referrals/inbox');
    await b.getByRole('link', { name: new RegExp(`${second.name}: referral of`) }).click();
    await b.waitForURL(/\/staff\/referrals\/inbox\/[0-9a-f-]{36}$/);
    await act(b, 'Put on the waiting list');
    assert.match(await b.locator('h1').innerText(), /waiting list/i);
    await act(b, 'Accept');
    await act(b, 'Book the first visit', async () => {
      await b.getByLabel('Date of the first visit').fill('2026-03-10');
    });

    // 5. Amina confirms at /my, in Arabic, that she went.
    const issued = await personAccessService(await accessFor(h.database.db, connectorId)).issue(personId);
    const { page: p } = await browser();
    await p.goto('/my');
    await p.locator('#code').fill(issued.code);
    await p.locator('#pin').fill(issued.pin);
    await p.locator('main form[action="/my"] button[type="submit"]').click();
    assert.equal(await p.locator('html').getAttribute('dir'), 'rtl');
    assert.equal(await p.locator('html').getAttribute('lang'), 'ar');
    assert.match(await p.locator('main').innerText(), /سأتصل بك يوم الثلاثاء/);
    await accessible(p, 'the person’s own page (ar)');
    const checkIn = p.locator('form.check-in').first();
    await checkIn.locator('input[name="answer"][value="went"]').check();
    await checkIn.locator('button[type="submit"]').click();
    assert.equal(await p.locator('html').getAttribute('dir'), 'rtl');
    await accessible(p, 'the person’s page after the check-in (ar)');
    await c.goto(referralUrl);
    assert.match(await c.locator('main').innerText(), /Attending/);
    assert.match(await c.locator('main').innerText(), /Declined: The service is full/);
    await accessible(c, 'referral attending');

    // 6. A referral nobody answers expires when the follow-up job runs later.
    const unansweredUrl = await startReferral(c, personUrl, 'Somewhere to cook with others');
    await chooseAndSend(c, third);
    const later = new Date(Date.now() + 40 * 24 * 3600 * 1000);
    const ran = await runFollowUps(h.database.db, new RecordingNotifier(), later);
    assert.ok(ran.expired >= 1, `the unanswered referral expired (${JSON.stringify(ran)})`);
    await c.goto(unansweredUrl);
    assert.match(await c.locator('main').innerText(), /Expired/);
    await accessible(c, 'expired referral');
    await c.goto('/staff/referrals');
    assert.match(await c.locator('main').innerText(), /Find something else/);

    // 7. Amina moves: hand-over to Moor Lane, accepted there.
    await c.goto(`${personUrl}/handover`);
    await accessible(c, 'hand-over page');
    await c.getByLabel('Moor Lane Refugee Welcome').check();
    await c.getByLabel('New area (postcode or first half)').fill('BD3');
    for (const box of await c.locator('input[id^="scope-"]').all()) await box.check();
    await c.locator('#givenBy-0').check();
    await c.getByRole('button', { name: 'Offer the hand-over' }).click();
    assert.match(await c.locator('.note').first().innerText(), /Hand-over offered/);
    const n = await signedIn(emails.newConnector);
    await n.goto('/staff/handovers');
    await accessible(n, 'incoming hand-overs');
    await n.getByRole('button', { name: 'Accept Amina' }).click();
    const accepted = await n.locator('main').innerText();
    assert.match(accepted, new RegExp(`${second.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(Moved area\\)`));
    await accessible(n, 'hand-over accepted');
    await n.getByRole('link', { name: 'Their plan' }).click();
    assert.match(await n.locator('main').innerText(), /سأتصل بك يوم الثلاثاء/);
    await n.goBack();
    await n.getByRole('link', { name: 'Find groups and services in the new area' }).click();
    await accessible(n, 'suggestions in the new area');
    assert.equal((await c.goto(personUrl))?.status(), 403, 'the old organisation no longer has the record');
  });
});
