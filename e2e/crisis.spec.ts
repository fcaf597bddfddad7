/**
 * The crisis route in a browser: a connector opens "someone is at risk" from
 * a person's record (urgent options in the person's language, right to
 * left), records the concern for the safeguarding lead and sees it on the
 * record; the public options page at /my/crisis in Arabic. Every page is
 * checked with axe and may not trip the Content-Security-Policy.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { makeAccount } from '../src/modules/accounts/accounts.test-support.ts';
import { makePerson } from '../src/modules/people/people.access-rows.ts';
import { assertAccessible as accessible, startHarness, type Harness } from './support/harness.ts';
import { makeOrganisationWithAccount, openPage, signedIn } from './support/staff.ts';

describe('someone is at risk, in a browser', () => {
  let h: Harness;
  let email: string;
  let person: string;

  before(async () => {
    h = await startHarness({ demo: false });
    const made = await makeOrganisationWithAccount(
      h.database.db,
      { name: 'Oak Lane Surgery', kind: 'referrer' },
      { role: 'connector', name: 'Chloe Connector', email: 'chloe@oaklane.example.org', manager: true },
    );
    email = made.email;
    await makeAccount(h.database.db, made.organisationId, { role: 'connector', name: 'Lena Lead', email: 'lena@oaklane.example.org' });
    ({ person } = await makePerson(h.database.db, made.organisationId, { name: 'Amina' }));
  });
  after(async () => {
    await h.close();
  });

  it('names a lead, shows the urgent options in the person’s language and records the concern on the record', async () => {
    const { ctx, page, cspErrors } = await signedIn(h, email);
    await page.goto('/staff/safeguarding');
    await accessible(page, 'safeguarding page');
    await page.getByLabel('Safeguarding lead for Oak Lane Surgery').selectOption({ label: 'Lena Lead' });
    await page.getByRole('button', { name: 'Save' }).click();
    assert.match(await page.locator('main').innerText(), /Safeguarding lead saved/);

    await page.goto(`/staff/people/${person}`);
    await page.getByRole('link', { name: 'Someone is at risk' }).click();
    assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
    assert.equal(await page.locator('a[href="tel:999"]').count(), 1);
    await accessible(page, 'crisis options (ar) with the staff form');
    await page.getByLabel('What is happening (optional)').fill('No safe place to sleep tonight');
    await page.getByRole('button', { name: 'Record the concern and tell the lead' }).click();
    assert.match(await page.locator('#tell-lead').innerText(), /Lena Lead, the safeguarding lead, has been told/);
    await accessible(page, 'crisis options after recording');

    await page.goto(`/staff/people/${person}`);
    assert.match(await page.locator('ul.concerns').innerText(), /Waiting for Lena Lead to acknowledge it by/);
    await accessible(page, 'record with a concern');
    assert.deepEqual(cspErrors, []);
    await ctx.close();
  });

  it('shows the options to anyone at /my/crisis, in Arabic', async () => {
    const ctx = await h.newContext();
    const { page, cspErrors } = await openPage(ctx);
    await page.goto('/my/crisis?lang=ar');
    assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
    assert.equal(await page.locator('a[href="tel:116123"]').count(), 1);
    await accessible(page, '/my/crisis (ar)');
    assert.deepEqual(cspErrors, []);
    await ctx.close();
  });
});
