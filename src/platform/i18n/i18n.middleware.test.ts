import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Hono } from 'hono';
import { Layout, page } from '../views/layout.tsx';
import { i18nMiddleware } from './i18n.middleware.ts';
import { LOCALE_CODES } from './locales.ts';

/** A small app with the real middleware and layout, no database. */
function testApp() {
  const app = new Hono();
  app.use(i18nMiddleware());
  app.get('/', (c) => c.html(page(Layout({ i18n: c.get('i18n'), children: c.get('i18n').t('home.tagline') }))));
  app.get('/search', (c) => c.html(page(Layout({ i18n: c.get('i18n'), title: 'Search', children: 'results' }))));
  app.post('/form', (c) => c.text(c.get('i18n').locale));
  app.get('/api', (c) => c.json({ locale: c.get('i18n').locale }));
  return app;
}

const htmlTag = (html: string) => /<html[^>]*>/.exec(html)?.[0] ?? '';

describe('choosing the language on each request', () => {
  const app = testApp();

  it('?lang= stores the choice in a cookie for a year and sends the person back without the parameter', async () => {
    const res = await app.request('/search?q=tea&lang=ar&near=E1');
    assert.equal(res.status, 303);
    assert.equal(res.headers.get('location'), '/search?q=tea&near=E1');
    const cookie = res.headers.get('set-cookie') ?? '';
    assert.match(cookie, /^lang=ar;/);
    assert.match(cookie, /Max-Age=31536000/);
    assert.match(cookie, /Path=\//);
    assert.match(cookie, /SameSite=Lax/);
    assert.doesNotMatch(cookie, /Secure/);
    assert.equal(res.headers.get('cache-control'), 'no-store');
  });

  it('remembers the choice on the next request, whatever the browser asks for', async () => {
    const first = await app.request('/?lang=ur');
    const cookie = (first.headers.get('set-cookie') ?? '').split(';')[0]!;
    const res = await app.request(first.headers.get('location')!, { headers: { cookie, 'accept-language': 'pl' } });
    const html = await res.text();
    assert.equal(htmlTag(html), '<html lang="ur" dir="rtl">');
    assert.match(html, /تلاش کریں/);
    assert.doesNotMatch(html, /<details class="lang" open/, 'the list folds away once a language is chosen');
  });

  it('marks the cookie Secure over HTTPS, directly or behind a proxy', async () => {
    const direct = await app.request('https://belong.example/?lang=fa');
    assert.match(direct.headers.get('set-cookie') ?? '', /Secure/);
    const proxied = await app.request('/?lang=fa', { headers: { 'x-forwarded-proto': 'https' } });
    assert.match(proxied.headers.get('set-cookie') ?? '', /Secure/);
  });

  it('maps aliases in ?lang= (Dari reads Farsi) and ignores languages it does not have', async () => {
    const dari = await app.request('/?lang=prs');
    assert.match(dari.headers.get('set-cookie') ?? '', /^lang=fa;/);
    const unknown = await app.request('/?lang=xx');
    assert.equal(unknown.status, 303);
    assert.equal(unknown.headers.get('location'), '/');
    assert.equal(unknown.headers.get('set-cookie'), null);
  });

  it('never redirects off the site, even from a path that starts with two slashes', async () => {
    const res = await app.request('http://belong.example//evil.example/?lang=ar');
    assert.equal(res.status, 303);
    assert.equal(res.headers.get('location'), '/evil.example/');
  });

  it('does not redirect form posts that happen to carry ?lang=', async () => {
    const res = await app.request('/form?lang=ar', { method: 'POST', headers: { 'accept-language': 'so' } });
    assert.equal(res.status, 200);
    assert.equal(await res.text(), 'so');
  });

  it('takes Accept-Language as a first guess and shows the language list open', async () => {
    const res = await app.request('/', { headers: { 'accept-language': 'en;q=0.3, fa-IR' } });
    const html = await res.text();
    assert.equal(htmlTag(html), '<html lang="fa" dir="rtl">');
    assert.match(html, /<details class="lang" open/);
    assert.equal(res.headers.get('content-language'), 'fa');
    assert.match(res.headers.get('vary') ?? '', /Cookie, Accept-Language/);
  });

  it('falls back to English when nothing matches, and ignores a cookie it does not know', async () => {
    const res = await app.request('/', { headers: { cookie: 'lang=zz', 'accept-language': 'ja' } });
    assert.equal(htmlTag(await res.text()), '<html lang="en" dir="ltr">');
  });

  for (const code of LOCALE_CODES) {
    const rtl = ['ar', 'fa', 'ur', 'ps', 'ckb'].includes(code);
    it(`renders ${code} pages with lang="${code}" and dir="${rtl ? 'rtl' : 'ltr'}"`, async () => {
      const html = await (await app.request('/', { headers: { cookie: `lang=${code}` } })).text();
      assert.equal(htmlTag(html), `<html lang="${code}" dir="${rtl ? 'rtl' : 'ltr'}">`);
    });
  }

  it('links the Urdu web font on Urdu pages only', async () => {
    const fontLink = /<link rel="stylesheet" href="\/static\/fonts\/urdu\.[0-9a-f]{10}\.css"\/>/;
    for (const code of LOCALE_CODES) {
      const html = await (await app.request('/', { headers: { cookie: `lang=${code}` } })).text();
      assert.equal(fontLink.test(html), code === 'ur', code);
      assert.match(html, /<link rel="stylesheet" href="\/static\/belong\.[0-9a-f]{10}\.css"\/>/);
    }
  });

  it('offers every language by its own name, each a one-tap link back to the same page', async () => {
    const html = await (await app.request('/search?q=tea', { headers: { cookie: 'lang=en' } })).text();
    for (const [code, name] of [
      ['ar', 'العربية'],
      ['ti', 'ትግርኛ'],
      ['ckb', 'کوردیی سۆرانی'],
      ['uk', 'Українська'],
      ['bn', 'বাংলা'],
    ]) {
      assert.ok(html.includes(`<a href="/search?q=tea&amp;lang=${code}" hreflang="${code}" lang="${code}">${name}</a>`), code);
    }
    assert.match(html, /<a href="\/search\?q=tea&amp;lang=en" hreflang="en" lang="en" aria-current="true">English<\/a>/);
    assert.match(html, /<title>Search – Belong<\/title>/);
  });

  it('adds Vary and Content-Language only to pages, not to JSON', async () => {
    const res = await app.request('/api', { headers: { 'accept-language': 'ar' } });
    assert.deepEqual(await res.json(), { locale: 'ar' });
    assert.equal(res.headers.get('vary'), null);
    assert.equal(res.headers.get('content-language'), null);
  });
});
