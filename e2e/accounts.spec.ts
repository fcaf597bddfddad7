import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { makeAccount, TEST_PASSWORD } from '../src/modules/accounts/accounts.test-support.ts';
import { newTotpSecret, totpCode } from '../src/platform/auth/totp.ts';
import { assertAccessible, startHarness, type Harness } from './support/harness.ts';
import { makeOrganisationWithAccount, openPage as open, signIn } from './support/staff.ts';

describe('staff sign-in in a browser', () => {
  let h: Harness;
  let providerEmail: string;
  let adminEmail: string;
  let twoStepEmail: string;
  const secret = newTotpSecret();
  let orgId: string;

  before(async () => {
    h = await startHarness({ demo: false });
    const db = h.database.db;
    ({ email: adminEmail } = await makeOrganisationWithAccount(
      db,
      { name: 'Belong team', kind: 'referrer', operator: true },
      { role: 'administrator', name: 'Ada Admin', email: 'ada@belong.example.org' },
    ));
    ({ organisationId: orgId, email: providerEmail } = await makeOrganisationWithAccount(
      db,
      { name: 'Heaton Community Kitchen', kind: 'provider' },
      { name: 'Aisha Patel', email: 'aisha@kitchen.example.org', manager: true },
    ));
    ({ email: twoStepEmail } = await makeAccount(db, orgId, {
      name: 'Tom Two-Step',
      email: 'tom@kitchen.example.org',
      totpSecret: secret,
    }));
  });
  after(async () => {
    await h.close();
  });

  it('signs in and out, with no accessibility violations on the way', async () => {
    const ctx = await h.newContext();
    const { page, cspErrors } = await open(ctx);
    const res = await page.goto('/staff');
    assert.equal(new URL(page.url()).pathname, '/staff/sign-in', 'staff pages ask to sign in first');
    assert.equal(res?.status(), 200);
    await assertAccessible(page, 'sign-in page');

    await signIn(page, providerEmail, 'this is not it at all');
    assert.match(await page.locator('.err-summary').innerText(), /email address or password is not right/);
    assert.equal(await page.evaluate(() => document.activeElement?.className), 'err-summary', 'the error summary takes focus');
    assert.match(await page.title(), /^Error: /);
    await assertAccessible(page, 'sign-in page with an error');

    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    assert.equal(new URL(page.url()).pathname, '/staff');
    assert.match(await page.locator('h1').innerText(), /Hello, Aisha Patel/);
    await assertAccessible(page, 'staff home');
    await page.getByRole('link', { name: 'My account', exact: true }).first().click();
    assert.match(await page.locator('h1').innerText(), /My account/);
    await assertAccessible(page, 'account page');
    await page
      .getByRole('link', { name: 'Set up sign-in codes' })
      .or(page.getByRole('link', { name: 'Change', exact: true }))
      .first()
      .click();
    assert.match(await page.locator('h1').innerText(), /Set up sign-in codes/);
    await assertAccessible(page, 'two-step setup page');
    await page.goto(`/staff/organisations/${orgId}`);
    await assertAccessible(page, 'our organisation page');

    await page.getByRole('button', { name: 'Sign out' }).click();
    assert.match(await page.locator('.note').innerText(), /You have signed out/);
    await page.goto('/staff');
    assert.equal(new URL(page.url()).pathname, '/staff/sign-in');
    assert.deepEqual(cspErrors, []);
    await ctx.close();
  });

  it('asks for the code from the app when two-step sign-in is on', async () => {
    const ctx = await h.newContext();
    const { page, cspErrors } = await open(ctx);
    await signIn(page, twoStepEmail, TEST_PASSWORD);
    assert.equal(new URL(page.url()).pathname, '/staff/sign-in/code');
    await assertAccessible(page, 'code page');
    await page.getByLabel('Code').fill('000000');
    await page.getByRole('button', { name: 'Continue' }).click();
    assert.match(await page.locator('.err-summary').innerText(), /The code is not right/);
    await assertAccessible(page, 'code page with an error');
    await page.getByLabel('Code').fill(totpCode(secret, new Date()));
    await page.getByRole('button', { name: 'Continue' }).click();
    assert.match(await page.locator('h1').innerText(), /Hello, Tom Two-Step/);
    assert.deepEqual(cspErrors, []);
    await ctx.close();
  });

  it('gives administrators accessible organisation and audit pages', async () => {
    const ctx = await h.newContext();
    const { page, cspErrors } = await open(ctx);
    await signIn(page, adminEmail, TEST_PASSWORD);
    await page.goto('/staff/organisations');
    await assertAccessible(page, 'organisations list');
    await page.goto(`/staff/organisations/${orgId}`);
    await assertAccessible(page, 'organisation page (administrator)');
    await page.getByLabel('Email address').fill('not-an-address');
    await page.getByRole('button', { name: 'Make invitation link' }).click();
    assert.match(await page.locator('.err-summary').innerText(), /Enter an email address like name@example.org/);
    await assertAccessible(page, 'invitation form with errors');
    await page.goto('/admin/audit');
    assert.match(await page.locator('h1').innerText(), /Audit log/);
    await assertAccessible(page, 'audit log');
    assert.deepEqual(cspErrors, []);
    await ctx.close();
  });

  it('works with JavaScript turned off', async () => {
    const ctx = await h.newContext({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    await signIn(page, providerEmail, TEST_PASSWORD);
    assert.match(await page.locator('h1').innerText(), /Hello, Aisha Patel/);
    await page.getByRole('button', { name: 'Sign out' }).click();
    assert.match(await page.locator('.note').innerText(), /You have signed out/);
    await ctx.close();
  });
});
