/**
 * Issue 12's first "done when", in browsers: a connector refers Amina to a
 * group with no Belong account (only its e-mail is listed); the group opens
 * the link from its message in a browser of its own, sees only what Amina
 * agreed to share, accepts and books the first visit; Amina, at /my, asks
 * for help to go, then says "Yes, I went" with a comment; the connector sees
 * every step (the group's marked as told through its link) and her words.
 * On a second referral the group itself records that she came (her "Yes, I
 * went" and the group's "attended" are the same step of the life cycle, so
 * whichever comes first moves it on).
 * No page answers 5xx; axe is clean on every page.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { makeAccount } from '../src/modules/accounts/accounts.test-support.ts';
import { personAccessService } from '../src/modules/person-view/person-access.service.ts';
import { accessFor, buildReferralWorld, makePerson } from '../src/modules/referrals/referrals.test-support.ts';
import { assertAccessible as accessible, startHarness, type Harness } from './support/harness.ts';
import { openPage, signIn } from './support/staff.ts';

describe('a referral to a group with no account: the group answers through its link, the person checks in, the connector sees it all', () => {
  let h: Harness;
  let connectorId: string;
  let personId: string;
  let group: { id: string; name: string; email: string };
  const connectorEmail = 'conor@oaklane.example.org';
  const serverErrors: string[] = [];
  const cspErrors: string[] = [];

  before(async () => {
    h = await startHarness({ demo: false });
    const db = h.database.db;
    const w = await buildReferralWorld(db, 'e2egr');
    connectorId = (await makeAccount(db, w.connectorOrg, { role: 'connector', name: 'Conor Connector', email: connectorEmail })).id;
    personId = await makePerson(db, w.connectorOrg, { name: 'Amina', contact: ['call'] });
    const s = await db
      .selectFrom('service')
      .select(['id', 'name', 'email'])
      .where('id', '=', w.services.unmanaged)
      .executeTakeFirstOrThrow();
    group = { id: s.id, name: s.name, email: s.email! };
  });
  after(async () => {
    assert.deepEqual(serverErrors, [], 'no page answered 5xx');
    assert.deepEqual(cspErrors, []);
    await h.close();
  });

  async function browser(): Promise<Page> {
    const { page } = await openPage(await h.newContext(), cspErrors);
    page.on('response', (r) => {
      if (r.status() >= 500) serverErrors.push(`${r.status()} ${r.url()}`);
    });
    return page;
  }

  /** The group's step on its page: opens the form if folded, fills it, sends it and checks it saved. */
  async function groupStep(g: Page, action: string, fill?: () => Promise<void>) {
    const summary = g.locator('summary', { hasText: action });
    if (await summary.count()) await summary.first().click();
    if (fill) await fill();
    await g.getByRole('button', { name: action, exact: true }).click();
    await g.waitForURL(/done=saved/);
    assert.match(await g.locator('.note').first().innerText(), /Thank you, that is saved/);
    await accessible(g, `the group’s page after “${action}”`);
  }

  it('walks the loop with a group that never signs in', async () => {
    // 1. The connector refers Amina to the group, sharing only her need and the practical support.
    const c = await browser();
    await signIn(c, connectorEmail);
    await c.goto(`/staff/people/${personId}`);
    await c.getByRole('link', { name: 'Start a referral' }).click();
    await c.getByLabel('What are they looking for?').fill('To meet other people who like books');
    await c.getByRole('button', { name: 'Start the referral' }).click();
    const referralUrl = c.url().replace(/[?#].*$/, '');
    await c.getByLabel('Service name').fill(group.name);
    await c.getByRole('button', { name: 'Find' }).click();
    await c.getByRole('button', { name: `Choose ${group.name}` }).click();
    await accessible(c, 'a draft to a group with no account');
    for (const f of ['need', 'practical_support']) await c.locator(`#field-${f}`).check();
    await c.locator('#givenBy-0').check();
    assert.equal(
      await c.locator('input[name="groupContact"]:checked').count(),
      0,
      'how the group hears of it is not chosen for the connector',
    );
    await c.getByLabel(new RegExp(`Send them a secure link \\(to ${group.email.replace(/[.]/g, '\\.')}\\)`)).check();
    await c.getByRole('button', { name: `Record consent and send to ${group.name}` }).click();
    assert.match(await c.locator('.note').first().innerText(), /Referral sent/);
    assert.match(await c.locator('main').innerText(), /This group has no Belong account/);
    assert.match(await c.locator('main').innerText(), new RegExp(`A link was sent to ${group.email.replace(/[.]/g, '\\.')}`));
    await accessible(c, 'referral sent to a group with no account');

    // 2. The group's message, as the outbox holds it.
    const message = await h.database.db
      .selectFrom('outbox')
      .select('body')
      .where('recipient', '=', group.email)
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    const link = message.body.match(/https?:\/\/[^\s]+\/group-referral\/[A-Za-z0-9_-]{43}/)?.[0];
    assert.ok(link, 'the message carries the link');

    // 3. The group, in a browser of its own and without an account: accept, then book the first visit.
    const g = await browser();
    await g.goto(new URL(link).pathname);
    assert.match(await g.locator('h1').innerText(), new RegExp(`Referral to ${group.name}`));
    const seen = await g.locator('main').innerText();
    assert.match(seen, /To meet other people who like books/);
    for (const secret of ['Amina', '07700 900777']) assert.ok(!seen.includes(secret), `the group does not see ${secret}`);
    await accessible(g, 'the group’s page');
    await groupStep(g, 'Accept');
    const visit = new Date(Date.now() + 3 * 24 * 3600 * 1000).toISOString().slice(0, 10);
    await groupStep(g, 'Book the first visit', () => g.locator('#book_first_visit-date').fill(visit));
    assert.match(await g.locator('h1').innerText(), /First visit booked/);

    // 4. Amina at /my: "I want help to go", then "Yes, I went" with a comment.
    const issued = await personAccessService(await accessFor(h.database.db, connectorId)).issue(personId);
    const p = await browser();
    await p.goto('/my');
    await p.locator('#code').fill(issued.code);
    await p.locator('#pin').fill(issued.pin);
    await p.locator('main form[action="/my"] button[type="submit"]').click();
    const answer = async (value: string, words: string) => {
      const form = p.locator('form.check-in').first();
      await form.locator(`input[name="answer"][value="${value}"]`).check();
      await form.locator('textarea[name="words"]').fill(words);
      await form.locator('button[type="submit"]').click();
      await p.waitForURL(/done=checkIn/);
      await accessible(p, `the person’s page after “${value}”`);
    };
    await answer('want_help', 'Could someone walk there with me?');
    await c.goto(referralUrl);
    assert.match(await c.locator('main').innerText(), /The person asked for help to go/);
    await accessible(c, 'referral after the person asked for help');
    await answer('went', 'Everyone was kind; I will go again.');

    // 5. The connector sees every step, whose it was, and Amina's words.
    await c.goto(referralUrl);
    const all = await c.locator('main').innerText();
    for (const step of ['Accepted', 'First visit booked', 'The person asked for help to go', 'Attendance recorded', 'Attending'])
      assert.ok(all.includes(step), `the connector sees “${step}”`);
    assert.equal((all.match(/the group, through its link/g) ?? []).length, 2, 'the group’s two steps are marked as told through its link');
    assert.ok(all.includes('Could someone walk there with me?'));
    assert.ok(all.includes('Everyone was kind; I will go again.'), 'the connector sees the comment');
    await accessible(c, 'referral with every step');

    // 6. The group's page now says where it stands.
    await g.goto(new URL(link).pathname);
    assert.match(await g.locator('h1').innerText(), /Attending/);
    await accessible(g, 'the group’s page once the person went');

    // 7. A second referral to the same group: this time the group itself records that she came.
    await c.goto(`/staff/people/${personId}`);
    await c.getByRole('link', { name: 'Start a referral' }).click();
    await c.getByLabel('What are they looking for?').fill('A second evening with the group');
    await c.getByRole('button', { name: 'Start the referral' }).click();
    const secondUrl = c.url().replace(/[?#].*$/, '');
    await c.getByLabel('Service name').fill(group.name);
    await c.getByRole('button', { name: 'Find' }).click();
    await c.getByRole('button', { name: `Choose ${group.name}` }).click();
    await c.locator('#field-need').check();
    await c.locator('#givenBy-0').check();
    await c.locator('#groupContact-0').check();
    await c.getByRole('button', { name: `Record consent and send to ${group.name}` }).click();
    const second = await h.database.db
      .selectFrom('outbox')
      .select('body')
      .where('recipient', '=', group.email)
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    const link2 = second.body.match(/https?:\/\/[^\s]+\/group-referral\/[A-Za-z0-9_-]{43}/)![0];
    assert.notEqual(link2, link, 'a link of its own');
    await g.goto(new URL(link2).pathname);
    assert.match(await g.locator('main').innerText(), /A second evening with the group/);
    assert.doesNotMatch(await g.locator('main').innerText(), /like books/, 'nothing of the other referral');
    await groupStep(g, 'Accept');
    await groupStep(g, 'Book the first visit', () => g.locator('#book_first_visit-date').fill(visit));
    await groupStep(g, 'Record attendance', () => g.locator('#record_attendance-date').fill(visit));
    assert.match(await g.locator('h1').innerText(), /Attending/);
    await c.goto(secondUrl);
    const told = await c.locator('main').innerText();
    assert.equal((told.match(/the group, through its link/g) ?? []).length, 3, 'accepted, booked and attended, each told through the link');
    assert.match(told, /Attendance recorded/);
    await accessible(c, 'second referral, attended');
  });
});
