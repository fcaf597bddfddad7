/**
 * Evidence for commissioners in a browser: a commissioner signs in to the
 * demo area (with its made-up year of activity), opens each report, downloads
 * its CSV, looks at the population baseline, makes a read-only API token,
 * uses it, and revokes it. Every page is checked with axe.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { seedDemoActivity } from '../src/modules/demo/demo.seed.ts';
import { assertAccessible, startHarness, type Harness } from './support/harness.ts';
import { makeOrganisationWithAccount, signedIn } from './support/staff.ts';

describe('evidence for commissioners in a browser', () => {
  let h: Harness;
  const email = 'nadia@council.example.org';

  before(async () => {
    h = await startHarness();
    await seedDemoActivity(h.database.db);
    await makeOrganisationWithAccount(
      h.database.db,
      { name: 'Bradford Council', kind: 'referrer' },
      { role: 'commissioner', email, name: 'Nadia Commissioner' },
    );
  });
  after(async () => {
    await h.close();
  });

  it('opens each report, downloads its CSV, and makes, uses and revokes an API token', async () => {
    const { ctx, page, cspErrors } = await signedIn(h, email, { acceptDownloads: true });
    await page.goto('/staff/evidence');
    assert.equal(await page.locator('h1').innerText(), 'Evidence for commissioners');
    await assertAccessible(page, 'the reports index');

    for (const [title, file, expect] of [
      ['What is on offer', 'belong-coverage.csv', /No service is for|Not stated/],
      ['Who is reached', 'belong-funnel.csv', /made up/],
      ['What changes', 'belong-outcomes.csv', /made up/],
    ] as const) {
      await page.goto('/staff/evidence');
      await page.getByRole('link', { name: title }).first().click();
      assert.equal(await page.locator('h1').innerText(), title);
      assert.match(await page.locator('main').innerText(), expect);
      assert.ok((await page.locator('svg[role="img"]').count()) > 0, `${title} draws a chart`);
      assert.doesNotMatch(await page.content(), /Made-up person/, 'no person on a report');
      await assertAccessible(page, title);
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: /as a spreadsheet \(CSV\)/ }).click(),
      ]);
      assert.equal(download.suggestedFilename(), file);
      const csv = fs.readFileSync((await download.path())!, 'utf8');
      assert.ok(csv.split('\n').length > 3, `${file} has rows`);
      assert.ok(!csv.includes('Made-up person'), `${file} has no person in it`);
    }

    await page.goto('/staff/evidence');
    await page.getByRole('link', { name: 'Population baseline (for reach ratios)' }).click();
    assert.match(await page.locator('main').innerText(), /Made-up figures for the demo area/);
    await assertAccessible(page, 'the population baseline');

    await page.goto('/staff/evidence');
    await page.getByRole('link', { name: 'API tokens for your BI tool' }).click();
    await assertAccessible(page, 'the tokens page');
    await page.getByLabel('Name', { exact: true }).fill('Power BI board report');
    await page.getByRole('button', { name: 'Make token' }).click();
    const secret = await page.locator('#secret').inputValue();
    assert.match(secret, /^belong_rpt_[A-Za-z0-9_-]{43}$/);
    await assertAccessible(page, 'the tokens page with a new token');
    const use = () => fetch(`${h.baseUrl}/api/reports/funnel`, { headers: { authorization: `Bearer ${secret}` } });
    const ok = await use();
    assert.equal(ok.status, 200);
    assert.equal(((await ok.json()) as { report: string; madeUp: boolean }).madeUp, true);

    await page.goto('/staff/evidence/tokens');
    assert.ok(!(await page.content()).includes(secret), 'the secret is shown once');
    await page.getByRole('button', { name: 'Revoke “Power BI board report”' }).click();
    assert.match(await page.locator('main').innerText(), /The token was revoked/);
    await assertAccessible(page, 'the tokens page after revoking');
    assert.equal((await use()).status, 401);
    assert.deepEqual(cspErrors, []);
    await ctx.close();
  });
});
