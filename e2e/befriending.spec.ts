/**
 * Befriending in a browser: a coordinator finds a woman who speaks Arabic
 * for Amina (a man, and a woman whose DBS check ran out, are ruled out and
 * the page says why), proposes her; the person agrees (recorded by the
 * coordinator) and the volunteer accepts, and only then sees Amina's name and
 * phone. Three contacts are logged, one missed. Amina checks in at /my in
 * Arabic. The match ends as "moving on to a group", with a goodbye, and a
 * group nearby appears among her next steps. axe-clean throughout.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { createI18n } from '../src/platform/i18n/i18n.ts';
import { makeAccount, makeOrganisation } from '../src/modules/accounts/accounts.test-support.ts';
import { makeBefriendee, makeVolunteer, TODAY } from '../src/modules/befriending/befriending.test-support.ts';
import { addDays } from '../src/modules/befriending/vetting.ts';
import { assertAccessible as accessible, assertAccessibleWithoutJs, startHarness, type Harness } from './support/harness.ts';
import { signIn, watchCsp } from './support/staff.ts';
import { oneServicePerOrganisation } from './support/demo-services.ts';
import { referralInboxService } from '../src/modules/referrals/referral-inbox.service.ts';
import { referralsService } from '../src/modules/referrals/referrals.service.ts';
import { accessFor, makePerson, RecordingNotifier } from '../src/modules/referrals/referrals.test-support.ts';

const ar = createI18n('ar');

describe('befriending in a browser: match, agree, contacts, check-in at /my, a kind ending, next steps', () => {
  let h: Harness;
  let personId: string;
  const coordinatorEmail = 'carol@befriending.example.org';
  const volunteerEmail = 'samira@befriending.example.org';

  before(async () => {
    h = await startHarness();
    const db = h.database.db;
    const org = await makeOrganisation(db, { name: 'Bradford Befriending', kind: 'both' });
    await makeAccount(db, org, { role: 'connector', name: 'Carol Coordinator', email: coordinatorEmail });
    await makeVolunteer(db, org, { name: 'Samira Haddad', email: volunteerEmail, password: true });
    await makeVolunteer(db, org, { name: 'Omar Said', gender: 'man' });
    await makeVolunteer(db, org, { name: 'Ella Expired', vetting: 'expired' });
    personId = await makeBefriendee(db, org, { name: 'Amina' });
  });
  after(async () => {
    await h.close();
  });

  it('a coordinator matches Amina with a female, Arabic-speaking volunteer and the match runs to a kind ending', async () => {
    const cspErrors: string[] = [];
    const watch = (page: Page) => watchCsp(page, cspErrors);

    // The coordinator finds a befriender.
    const coordCtx = await h.newContext();
    const coord = await coordCtx.newPage();
    watch(coord);
    await signIn(coord, coordinatorEmail);
    await coord.goto(`/staff/people/${personId}`);
    await accessible(coord, 'person page with befriending and pathway');
    await coord.getByRole('link', { name: 'Find a befriender' }).click();
    await coord.getByLabel('A woman').check();
    await coord.getByRole('button', { name: 'Find volunteers' }).click();
    const suggestions = coord.locator('ol.volunteer-suggestions > li');
    assert.equal(await suggestions.count(), 1);
    const text = await suggestions.first().innerText();
    assert.ok(text.includes('Samira Haddad'), text);
    assert.ok(text.includes('Speaks Arabic'), text);
    assert.ok(text.includes('Is a woman, as the person asked'), text);
    const ruledOut = await coord.locator('ul.ruled-out').innerText();
    assert.ok(ruledOut.includes('1 volunteer has vetting missing or out of date'), ruledOut);
    assert.ok(ruledOut.includes('1 volunteer is not the gender the person asked for'), ruledOut);
    await accessible(coord, 'find a befriender');
    await suggestions.first().getByLabel('What the person hopes for (optional)').fill('Practise English, get out more');
    await suggestions.first().getByRole('button', { name: 'Propose Samira Haddad' }).click();
    await coord.waitForURL(/\/staff\/befriending\/[0-9a-f-]+\?done=proposed/);
    const matchUrl = coord.url().split('?')[0]!;
    const matchPath = new URL(matchUrl).pathname;
    const matchId = matchPath.split('/').pop()!;
    await accessible(coord, 'proposed match');

    // The volunteer sees the proposal, but not who it is.
    const volCtx = await h.newContext();
    const vol = await volCtx.newPage();
    watch(vol);
    await signIn(vol, volunteerEmail);
    await vol.goto('/staff/volunteering');
    let volText = await vol.locator('main').innerText();
    assert.ok(!volText.includes('Amina'), volText);
    assert.ok(volText.includes('Speaks Arabic'), volText);
    await accessible(vol, 'your volunteering, with a proposal');
    await vol.locator(`li[data-match="${matchId}"]`).getByRole('button', { name: 'Accept' }).click();
    await vol.waitForURL(/done=accepted/);
    volText = await vol.locator('main').innerText();
    assert.ok(!volText.includes('Amina') && !volText.includes('07700 900123'), volText);

    // The person agrees (to the coordinator): now both have, and the match runs.
    await coord.goto(matchPath);
    await coord.getByRole('button', { name: /The person agreed/ }).click();
    await coord.waitForURL(/done=agreed/);
    assert.equal(await coord.locator('[data-state]').getAttribute('data-state'), 'active');

    // The volunteer now sees Amina and her phone, and logs three contacts, one missed.
    await vol.goto(`/staff/volunteering/matches/${matchId}`);
    volText = await vol.locator('main').innerText();
    assert.ok(volText.includes('Amina') && volText.includes('07700 900123'), volText);
    for (const [status, note] of [
      ['Done', 'Tea at the community centre'],
      ['Missed', ''],
      ['Done', 'Walk in Lister Park'],
    ] as const) {
      const form = vol.locator('form[action$="/log"]');
      await form.getByLabel('One that was not planned').check();
      await form.getByRole('radio', { name: status, exact: true }).check();
      if (note) await form.getByLabel('A short note (optional)').fill(note);
      await form.getByRole('button', { name: 'Log the contact' }).click();
      await vol.waitForURL(/done=logged/);
    }
    assert.deepEqual((await vol.locator('ul.contacts > li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-status')))).sort(), [
      'done',
      'done',
      'missed',
    ]);
    await accessible(vol, 'the volunteer’s match page');

    // The coordinator gives Amina a code for /my; she checks in, in Arabic, without JavaScript.
    await coord.goto(`/staff/people/${personId}`);
    await coord.getByRole('button', { name: 'Give them a code and PIN' }).click();
    const [code, pin] = await coord.locator('section.slip code').allInnerTexts();
    const myCtx = await h.newContext({ javaScriptEnabled: false, locale: 'ar' });
    const my = await myCtx.newPage();
    watch(my);
    await my.goto('/my');
    await my.locator('#code').fill(code!);
    await my.locator('#pin').fill(pin!);
    await my.locator('form[action="/my"] button[type="submit"]').click();
    await my.waitForURL(/\/my$/);
    const section = my.locator('section#befriending');
    assert.ok((await section.innerText()).includes(ar.t('befriending.my.inPerson', { name: 'Samira' })));
    await assertAccessibleWithoutJs(h, my, 'the person’s page with befriending', { context: { locale: 'ar' } });
    await section.getByLabel(ar.t('befriending.my.goingWell')).check();
    await section.getByLabel(ar.t('befriending.my.words')).fill('سميرة لطيفة جدا');
    await section.getByRole('button', { name: ar.t('personView.send') }).click();
    await my.waitForURL(/\/my(#befriending)?$/);
    assert.ok(
      (await my.locator('section#befriending').innerText()).includes(
        ar.t('befriending.my.lastAnswer', { answer: ar.t('befriending.my.goingWell'), date: ar.formatDate(new Date()) }),
      ),
    );

    // The coordinator sees the contacts and the check-in, and ends the match kindly: moving on to a group.
    await coord.goto(matchPath);
    const matchText = await coord.locator('main').innerText();
    assert.ok(matchText.includes('Going well') && matchText.includes('سميرة لطيفة جدا'), matchText);
    assert.equal(await coord.locator('ul.contacts > li[data-status="missed"]').count(), 1);
    await accessible(coord, 'running match');
    await coord.getByLabel('Moving on to a group').check();
    await coord.getByLabel('Date of the goodbye').fill(addDays(TODAY, 7));
    await coord.getByRole('button', { name: 'Start the ending' }).click();
    await coord.waitForURL(/done=ending/);
    await accessible(coord, 'ending match');
    await coord.getByRole('button', { name: 'The goodbye happened: end the match' }).click();
    await coord.waitForURL(/done=ended/);
    assert.equal(await coord.locator('[data-state]').getAttribute('data-state'), 'ended');
    await coord.getByRole('link', { name: 'See next steps for the person' }).click();
    const pathway = await coord.locator('main').innerText();
    assert.ok(pathway.includes('Now: Groups'), pathway);
    assert.ok((await coord.locator('.next-steps li[data-kind="group"]').count()) >= 1, pathway);
    await accessible(coord, 'person page with next steps');

    // Offering the group is the connector's choice, recorded as a step.
    await coord.locator('.next-steps li[data-kind="group"]').first().getByRole('button', { name: 'Offer this' }).click();
    assert.equal(await coord.locator('ul.steps > li[data-status="offered"]').count(), 1);

    assert.deepEqual(cspErrors, []);
    await myCtx.close();
    await volCtx.close();
    await coordCtx.close();
  });
});

/**
 * A travel buddy in a browser: the provider books the first visit and a
 * second session with a vetted volunteer (the one whose DBS ran out is not
 * offered), with a time and a meeting point; the person sees the next one at
 * /my in Arabic; the volunteer sees time and meeting point at /staff/visits
 * and says "we went together"; the connector sees the referral attending.
 */
describe('a travel buddy in a browser: time and meeting point, "how did it go", the referral moves on', () => {
  let h: Harness;
  let personId: string;
  let attemptId: string;
  let referralId: string;
  const emails = {
    connector: 'cleo@surgery-buddy.example.org',
    provider: 'pat@provider-buddy.example.org',
    volunteer: 'leila@provider-buddy.example.org',
  };

  before(async () => {
    h = await startHarness();
    const db = h.database.db;
    const [listing, service] = (await oneServicePerOrganisation(db, { unmanaged: true }))[0]!;
    const surgery = await makeOrganisation(db, { name: 'Elm Road Surgery', kind: 'referrer' });
    const connector = await makeAccount(db, surgery, { role: 'connector', name: 'Cleo Connector', email: emails.connector });
    const providerOrg = await makeOrganisation(db, { name: 'Buddy Provider', kind: 'provider', listings: [listing] });
    const provider = await makeAccount(db, providerOrg, { role: 'provider_staff', name: 'Pat Provider', email: emails.provider });
    await makeVolunteer(db, providerOrg, { name: 'Leila Walker', email: emails.volunteer, password: true, offers: ['travel_buddy'] });
    await makeVolunteer(db, providerOrg, { name: 'Ella Expired', vetting: 'expired' });
    personId = await makePerson(db, surgery, { name: 'Amina', contact: ['call'] });
    // The referral is made, sent and accepted (the journey of e2e/referrals.spec.ts).
    const notifier = new RecordingNotifier();
    const c = referralsService(await accessFor(db, connector.id), { notifier });
    referralId = await c.create(personId, {
      need: 'To meet people and practise English',
      summary: null,
      interpreterNeeded: false,
      interpreterLanguage: null,
      accompanyWanted: true,
      transportNeeded: false,
      childcareNeeded: false,
    });
    const chosen = await c.chooseService(referralId, service.id);
    assert.ok(chosen.ok);
    attemptId = chosen.attemptId;
    assert.ok((await c.send(referralId, attemptId, { fields: ['name', 'language'], givenBy: 'verbal', expectedVersion: 0 })).ok);
    const p = referralInboxService(await accessFor(db, provider.id), { notifier });
    assert.ok((await p.respond(attemptId, 'accept', {}, 1)).ok);
  });
  after(async () => {
    await h.close();
  });

  it('books the first visit and a second session, the buddy says how it went, and the connector sees the referral attending', async () => {
    const cspErrors: string[] = [];
    const open = async (email: string) => {
      const ctx = await h.newContext();
      const page = await ctx.newPage();
      watchCsp(page, cspErrors);
      await signIn(page, email);
      return { ctx, page };
    };

    // The provider books the first visit with a vetted volunteer, with a time and a meeting point.
    const pr = await open(emails.provider);
    await pr.page.goto(`/staff/referrals/inbox/${attemptId}`);
    await pr.page.getByRole('link', { name: 'Travel buddy: times and meeting points' }).click();
    const planText = await pr.page.locator('main').innerText();
    assert.ok(planText.includes('Leila Walker') && !planText.includes('Ella Expired'), planText);
    await accessible(pr.page, 'travel buddy plan');
    await pr.page.getByRole('button', { name: 'Book' }).click();
    assert.match(await pr.page.locator('.err-summary').innerText(), /Choose a travel buddy/);
    await accessible(pr.page, 'travel buddy plan with errors');
    await pr.page.getByLabel('Leila Walker').check();
    await pr.page.getByLabel('Date').fill(TODAY);
    await pr.page.getByLabel('Time').fill('10:30');
    await pr.page.getByLabel('Meeting point').fill('Outside the library');
    await pr.page.getByRole('button', { name: 'Book' }).click();
    await pr.page.waitForURL(/done=booked/);
    // And a second session, a week later.
    await pr.page.getByLabel('Leila Walker').check();
    await pr.page.getByLabel('Date').fill(addDays(TODAY, 7));
    await pr.page.getByLabel('Time').fill('14:00');
    await pr.page.getByLabel('Meeting point').fill('By the bus stop on Oak Lane');
    await pr.page.getByRole('button', { name: 'Book' }).click();
    await pr.page.waitForURL(/done=booked/);
    assert.equal(await pr.page.locator('table.sessions tbody tr').count(), 2);
    await accessible(pr.page, 'travel buddy plan with two sessions');

    // The volunteer sees the time and the meeting point, and whom to call, and says how it went.
    const vol = await open(emails.volunteer);
    await vol.page.goto('/staff/visits');
    const visits = await vol.page.locator('main').innerText();
    for (const want of ['10:30', 'Outside the library', '14:00', 'By the bus stop on Oak Lane', 'Amina', 'Pat Provider'])
      assert.ok(visits.includes(want), `${want} in ${visits}`);
    await accessible(vol.page, 'visits you are going with');
    const first = vol.page.locator('ol.sessions > li').first();
    await first.getByLabel('We went together').check();
    await first.getByLabel('A short note (optional)').fill('Amina enjoyed it and wants to go again');
    await first.getByRole('button', { name: 'Save how it went' }).click();
    await vol.page.waitForURL(/done=outcome/);
    assert.ok((await vol.page.locator('ol.sessions > li').first().innerText()).includes('You went together'));
    await accessible(vol.page, 'visits after saying how it went');

    // The connector sees the referral moved on.
    const con = await open(emails.connector);
    await con.page.goto(`/staff/referrals/${referralId}`);
    const referral = await con.page.locator('main').innerText();
    assert.match(referral, /Attending/);
    assert.match(referral, /Travel buddy: how it went/);
    await accessible(con.page, 'referral attending after the travel buddy said how it went');

    // The person sees the next session at /my, in Arabic, without JavaScript.
    await con.page.goto(`/staff/people/${personId}`);
    await con.page.getByRole('button', { name: 'Give them a code and PIN' }).click();
    const [code, pin] = await con.page.locator('section.slip code').allInnerTexts();
    const myCtx = await h.newContext({ javaScriptEnabled: false, locale: 'ar' });
    const my = await myCtx.newPage();
    watchCsp(my, cspErrors);
    await my.goto('/my');
    await my.locator('#code').fill(code!);
    await my.locator('#pin').fill(pin!);
    await my.locator('form[action="/my"] button[type="submit"]').click();
    await my.waitForURL(/\/my$/);
    const going = await my.locator('section#going-with-you').innerText();
    assert.ok(going.includes(ar.t('buddy.my.heading')), going);
    assert.ok(going.includes('By the bus stop on Oak Lane') && going.includes('14:00') && going.includes('Leila'), going);
    assert.ok(!going.includes('Outside the library'), 'a session already answered is not shown');
    await assertAccessibleWithoutJs(h, my, 'the person’s page with a travel buddy', { context: { locale: 'ar' } });

    assert.deepEqual(cspErrors, []);
    for (const x of [pr, vol, con]) await x.ctx.close();
    await myCtx.close();
  });
});
