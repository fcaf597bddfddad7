import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { axeViolations, describeViolations, startHarness, type Harness } from './support/harness.ts';

describe('front page in a browser', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h.close();
  });

  it('shows how many services the directory holds, with no accessibility violations', async () => {
    const ctx = await h.newContext();
    const page = await ctx.newPage();
    const cspErrors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
    });
    const res = await page.goto('/');
    assert.equal(res?.status(), 200);
    assert.match(await page.locator('h1').innerText(), /Belong/);
    assert.match(res!.headers()['content-security-policy'] ?? '', /script-src 'self'/);
    const v = await axeViolations(page);
    assert.deepEqual(v, [], describeViolations(v));
    assert.deepEqual(cspErrors, []);
    await ctx.close();
  });

  it('works with JavaScript turned off', async () => {
    const ctx = await h.newContext({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    await page.goto('/');
    await page.getByRole('link', { name: '/oruk/' }).click();
    await page.waitForURL(/\/oruk\/$/); // the click only starts the navigation: wait until the page has loaded
    assert.match(await page.content(), /HSDS-UK-3.0/);
    await ctx.close();
  });
});
