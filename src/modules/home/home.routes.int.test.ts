import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { LOCALE_CODES } from '../../platform/i18n/locales.ts';
import { newId } from '../../platform/ids.ts';
import { createLogger } from '../../platform/log.ts';
import { measureFirstLoad, PAGE_BUDGET_BYTES } from '../../platform/views/page-weight.ts';
import { openTestDatabase, testEngine, type TestDatabase } from '../../../test/support/test-db.ts';

describe(`front page in every language [${testEngine}]`, () => {
  let database: TestDatabase;
  let app: ReturnType<typeof createApp>;
  before(async () => {
    database = await openTestDatabase();
    const orgs = [newId(), newId()];
    await database.db
      .insertInto('organization')
      .values(orgs.map((id, i) => ({ id, name: `Test group ${i}` })))
      .execute();
    await database.db
      .insertInto('service')
      .values([
        { id: newId(), organization_id: orgs[0]!, name: 'Tea and chat' },
        { id: newId(), organization_id: orgs[0]!, name: 'Walking group' },
        { id: newId(), organization_id: orgs[1]!, name: 'Choir' },
        { id: newId(), organization_id: orgs[1]!, name: 'Closed club', status: 'defunct' },
      ])
      .execute();
    app = createApp({ config: loadConfig({ NODE_ENV: 'test' }), database, log: createLogger('silent') });
  });
  after(async () => {
    await database.dispose();
  });

  it('in Arabic: right to left, Arabic words, Arabic digits', async () => {
    const res = await app.request('/', { headers: { cookie: 'lang=ar' } });
    assert.equal(res.status, 200);
    const html = await res.text();
    assert.match(html, /^<!doctype html><html lang="ar" dir="rtl">/);
    assert.match(html, /ابحث عن مجموعات ودودة/);
    assert.match(html, /عدد الأنشطة والخدمات المدرجة: ٣\./);
    assert.match(html, /تقدّمها منظمتان محليتان/);
    assert.equal(res.headers.get('content-language'), 'ar');
  });

  it('in English: counts only active services, and links the open data', async () => {
    const html = await (await app.request('/')).text();
    assert.match(html, /<html lang="en" dir="ltr">/);
    assert.match(html, /<h1>Belong<\/h1>/);
    assert.match(html, /3 activities and services are listed\. They are run by 2 local organisations\./);
    assert.match(html, /<a href="\/oruk\/" dir="ltr">\/oruk\/<\/a>/);
  });

  it('in Farsi, guessed from the browser: Persian digits', async () => {
    const html = await (await app.request('/', { headers: { 'accept-language': 'fa-IR,fa;q=0.9,en;q=0.5' } })).text();
    assert.match(html, /<html lang="fa" dir="rtl">/);
    assert.match(html, /۳ فعالیت و خدمت/);
  });

  it('leads people to the search form, and promises no contact unless they ask', async () => {
    const html = await (await app.request('/')).text();
    assert.match(html, /<form action="\/find" method="get" role="search" class="find">/);
    assert.match(html, /<input id="q" name="q"/);
    assert.match(html, /<input id="where" name="where"/);
    assert.match(html, /Nobody will contact you unless you ask\./);
    for (const quick of ['today', 'women', 'free', 'english', 'meet']) assert.match(html, new RegExp(`name="quick" value="${quick}"`));
  });

  it('answers an unknown address with a page in the person’s language, and programs with JSON', async () => {
    const page = await app.request('/no-such-page', { headers: { cookie: 'lang=ar', accept: 'text/html,application/xhtml+xml' } });
    assert.equal(page.status, 404);
    assert.match(await page.text(), /<h1>الصفحة غير موجودة<\/h1>/);
    const api = await app.request('/oruk/no-such-thing', { headers: { accept: 'text/html' } });
    assert.equal(api.status, 404);
    assert.equal((await api.json()).error, 'NotFound');
  });

  it('fits a first visit in 14 KB (gzip HTML + CSS) in every language', async () => {
    for (const lang of LOCALE_CODES) {
      const w = await measureFirstLoad((p, init) => app.request(p, init), '/', lang);
      assert.equal(w.status, 200, lang);
      assert.ok(w.total <= PAGE_BUDGET_BYTES, `${lang}: ${w.total} bytes`);
      assert.equal(w.stylesheets.length, lang === 'ur' ? 2 : 1, `${lang} stylesheets: ${w.stylesheets.join(', ')}`);
    }
  });
});
