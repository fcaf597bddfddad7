import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { assetRegistry } from '../src/platform/http/static-assets.ts';
import { axeViolations, describeViolations, startHarness, type Harness } from './support/harness.ts';

/** Browser globals used inside page.evaluate (tsconfig has no DOM library; the cast is type-only, so it survives serialisation). */
interface BrowserGlobals {
  document: {
    fonts: { ready: Promise<unknown> };
    querySelector(s: string): { insertAdjacentHTML(where: string, html: string): void } | null;
  };
  FontFace: new (family: string, source: string) => { load(): Promise<unknown>; status: string };
}

/** The fonts Chromium actually used to draw an element's text (DevTools protocol). */
async function fontsFor(page: Page, selector: string) {
  await page.evaluate(() => (globalThis as unknown as BrowserGlobals).document.fonts.ready.then(() => undefined));
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const { root } = await cdp.send('DOM.getDocument');
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
  const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
  await cdp.detach();
  return fonts;
}

describe('languages in a browser', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ demo: false });
  });
  after(async () => {
    await h.close();
  });

  it('switches language in one tap with JavaScript off, and remembers it', async () => {
    const ctx = await h.newContext({ javaScriptEnabled: false, locale: 'en-GB' });
    const page = await ctx.newPage();
    await page.goto('/');
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    assert.equal(await page.locator('details.lang').getAttribute('open'), '', 'the list starts open');
    await page.getByRole('link', { name: 'العربية' }).click();
    await page.waitForURL((u) => u.pathname === '/' && !u.search);
    assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
    assert.match(await page.locator('p.lead').innerText(), /ابحث/);
    await page.goto('/');
    assert.equal(await page.locator('html').getAttribute('lang'), 'ar', 'remembered on the next visit');
    assert.equal(await page.locator('details.lang').getAttribute('open'), null, 'the list folds away once chosen');
    await ctx.close();
  });

  for (const [lang, selector, family] of [
    ['ti', 'p.lead', /Ethiopic/],
    ['bn', 'p.lead', /Bengali/],
    ['ar', 'p.lead', /Arabic|Naskh|DejaVu/],
  ] as const) {
    it(`draws ${lang} text with a font that has the script (no empty boxes)`, async () => {
      const ctx = await h.newContext();
      const page = await ctx.newPage();
      await page.goto(`/?lang=${lang}`);
      const fonts = await fontsFor(page, selector);
      assert.ok(
        fonts.some((f) => family.test(f.familyName) && f.glyphCount > 0),
        JSON.stringify(fonts),
      );
      assert.ok(!fonts.some((f) => /LastResort/i.test(f.familyName)), JSON.stringify(fonts));
      await ctx.close();
    });
  }

  it('draws Urdu in Nastaliq: the phone’s own font if it has one, else the web font only Urdu pages load', async () => {
    const ctx = await h.newContext();
    const page = await ctx.newPage();
    const fontRequests: string[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('.woff2')) fontRequests.push(r.url());
    });
    await page.goto('/?lang=ur');
    const fonts = await fontsFor(page, 'p.lead');
    const nastaliq = fonts.find((f) => f.familyName === 'Noto Nastaliq Urdu' && f.glyphCount > 0);
    assert.ok(nastaliq, JSON.stringify(fonts));
    // Debian's fonts-noto-core has Nastaliq, so local() wins and nothing is downloaded; without it, the web font is used.
    assert.equal(fontRequests.length, nastaliq.isCustomFont ? 1 : 0, JSON.stringify({ fonts, fontRequests }));

    // The web font itself loads and is accepted under the page's Content-Security-Policy.
    const fontUrl = assetRegistry().byName.get('fonts/noto-nastaliq-urdu-arabic-400.woff2')!.url;
    const status = await page.evaluate(async (url) => {
      const face = new (globalThis as unknown as BrowserGlobals).FontFace('Belong test Nastaliq', `url(${url})`);
      await face.load();
      return face.status;
    }, fontUrl);
    assert.equal(status, 'loaded');

    await page.goto('/?lang=fa');
    const before = fontRequests.length;
    await page.reload();
    assert.equal(fontRequests.length, before, 'Farsi pages fetch no web font');
    await ctx.close();
  });

  it('has system fonts ready for Gurmukhi (Punjabi) text', async () => {
    const ctx = await h.newContext();
    const page = await ctx.newPage();
    await page.goto('/?lang=en');
    await page.evaluate(() =>
      (globalThis as unknown as BrowserGlobals).document
        .querySelector('main')!
        .insertAdjacentHTML('beforeend', '<p lang="pa" id="pa">ਸਤਿ ਸ੍ਰੀ ਅਕਾਲ</p>'),
    );
    const fonts = await fontsFor(page, '#pa');
    assert.ok(
      fonts.some((f) => /Gurmukhi/.test(f.familyName)),
      JSON.stringify(fonts),
    );
    await ctx.close();
  });

  for (const lang of ['ar', 'ur', 'ti']) {
    it(`has no accessibility violations in ${lang}, with the language list open`, async () => {
      const ctx = await h.newContext({ extraHTTPHeaders: { 'accept-language': lang } });
      const page = await ctx.newPage();
      const cspErrors: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
      });
      await page.goto('/');
      assert.equal(await page.locator('html').getAttribute('lang'), lang);
      const v = await axeViolations(page);
      assert.deepEqual(v, [], describeViolations(v));
      assert.deepEqual(cspErrors, []);
      await ctx.close();
    });
  }
});
