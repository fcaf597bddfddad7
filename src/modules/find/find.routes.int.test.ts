import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Hono } from 'hono';
import { loadConfig } from '../../config.ts';
import { staticRoutes } from '../../platform/http/static.routes.ts';
import { i18nMiddleware } from '../../platform/i18n/i18n.middleware.ts';
import { measureFirstLoad, PAGE_BUDGET_BYTES } from '../../platform/views/page-weight.ts';
import { ensureVocabulary } from '../directory/vocabulary.repository.ts';
import { homeRoutes } from '../home/home.routes.tsx';
import { shortlistRoutes } from './shortlist.routes.tsx';
import { openTestDatabase, testEngine, type TestDatabase } from '../../../test/support/test-db.ts';
import { findRoutes } from './find.routes.tsx';
import { FIND_IDS, FIND_NOW, saveFindFixtures } from './find.test-support.ts';

/** Service names in a results page, in order. */
const names = (html: string) =>
  [...html.matchAll(/<h3><a href="\/services\/[^"]+"><bdi>([^<]+)<\/bdi><\/a><\/h3>/g)].map((m) => m[1]!.replace(/&#39;|’/g, '’'));

describe(`finding pages [${testEngine}]`, () => {
  let database: TestDatabase;
  let app: Hono;
  const get = (path: string, lang = 'en', headers: Record<string, string> = {}) =>
    app.request(path, { headers: { cookie: `lang=${lang}`, ...headers } });
  const html = async (path: string, lang = 'en') => (await get(path, lang)).text();

  before(async () => {
    database = await openTestDatabase();
    await ensureVocabulary(database.db);
    await saveFindFixtures(database.db);
    app = new Hono();
    app.route('/', staticRoutes());
    app.use(i18nMiddleware());
    app.route('/', homeRoutes({ database }));
    app.route('/', findRoutes({ database }, { now: () => FIND_NOW }));
    app.route('/', shortlistRoutes({ database, config: loadConfig({ NODE_ENV: 'test' }) }, { now: () => FIND_NOW }));
  });
  after(async () => {
    await database.dispose();
  });

  describe('searching', () => {
    it('finds the free, women-only group that speaks Bengali near BD8, with its facts and "open now"', async () => {
      const res = await get('/find?where=BD8&who=women_only&need=free&speaks=bn');
      assert.equal(res.status, 200);
      const page = await res.text();
      assert.deepEqual(names(page), ['Women’s sewing circle']);
      assert.match(page, /<h2 id="results">1 result<\/h2>/);
      assert.match(page, /Within 3 km of <bdi>BD8<\/bdi>\./);
      assert.match(
        page,
        /Speaks Bengali · Women only · Free · Crèche · Drop in · Every Tuesday, 10:00 to 12:00 · 0\.5 km · about 10 minutes’ walk/,
      );
      assert.match(page, /<strong class="badge now">Open now<\/strong>/);
    });

    it('keeps the chosen filters ticked, and offers to remove each one', async () => {
      const page = await html('/find?where=BD8&who=women_only&need=free&speaks=bn');
      assert.match(page, /<input type="checkbox" name="who" value="women_only" checked=""/);
      assert.match(page, /<option value="bn" selected="">Bengali<\/option>/);
      assert.match(
        page,
        /<a href="\/find\?where=BD8&amp;speaks=bn&amp;need=free"><span aria-hidden="true">✕ <\/span>Remove: Women only<\/a>/,
      );
      assert.match(page, /\(3 chosen\)/);
    });

    it('searches within 3 km by default, and further when asked', async () => {
      assert.ok(!names(await html('/find?where=BD8&kind=sport')).includes('Leeds walking group'));
      assert.ok(names(await html('/find?where=BD8&kind=sport&km=25')).includes('Leeds walking group'));
      assert.match(
        await html('/find?where=BD8&kind=sport'),
        /href="\/find\?where=BD8&amp;km=5&amp;kind=sport">Look further away \(within 5 km\)/,
      );
    });

    it('sorts nearest first around a place', async () => {
      const list = names(await html('/find?where=BD8&need=free'));
      assert.deepEqual(list.slice(0, 3), ['First Tuesday coffee morning', 'Women’s sewing circle', 'Saturday football']);
    });

    it('takes an area name the directory knows, in any case', async () => {
      const res = await get('/find?where=manningham&who=women_only');
      assert.equal(res.status, 200);
      const page = await res.text();
      assert.match(page, /Within 3 km of <bdi>Manningham<\/bdi>/);
      assert.ok(names(page).includes('Women’s sewing circle'));
    });

    it('matches a language, or an interpreter, when asked for either', async () => {
      assert.deepEqual(names(await html('/find?speaks=ti')), ['Saturday football']);
      assert.deepEqual(names(await html('/find?speaks=ti&interp=1')).sort(), ['Saturday football', 'Thursday chat and tea']);
      const page = await html('/find?speaks=ti&interp=1');
      assert.match(page, /Interpreter can be arranged/);
    });

    it('matches days and parts of the day', async () => {
      assert.deepEqual(names(await html('/find?day=TH&time=evening')), ['Thursday chat and tea']);
      assert.deepEqual(names(await html('/find?day=TH&time=morning')), []);
      assert.deepEqual(names(await html('/find?day=SA&time=afternoon&who=men_only')), ['Saturday football']);
    });

    it('shows only what is open now, by the London clock, including a first-Tuesday-of-the-month group', async () => {
      assert.deepEqual(names(await html('/find?when=now')).sort(), [
        'First Tuesday coffee morning',
        'Leeds walking group',
        'Women’s sewing circle',
      ]);
      assert.ok(!names(await html('/find?when=today')).includes('Thursday chat and tea'));
    });

    it('puts what is on today first, keeping distance order within each group', async () => {
      const list = names(await html('/find?where=BD8&need=free&sort=today'));
      assert.deepEqual(list.slice(0, 3), ['First Tuesday coffee morning', 'Women’s sewing circle', 'Saturday football']);
      const open = names(await html('/find?where=BD8&sort=open'));
      assert.deepEqual(open.slice(0, 2), ['First Tuesday coffee morning', 'Women’s sewing circle']);
    });

    it('pages through results ten at a time', async () => {
      const first = await html('/find?kind=arts');
      assert.match(first, /11 results/);
      assert.equal(names(first).length, 10);
      assert.match(first, /Page 1 of 2/);
      assert.match(first, /<a href="\/find\?kind=arts&amp;page=2" rel="next">Next page<\/a>/);
      const second = await html('/find?kind=arts&page=2');
      assert.deepEqual(names(second), ['Craft club 11']);
      assert.match(second, /rel="prev">Previous page/);
    });

    it('says plainly when nothing matches and suggests removing a choice', async () => {
      const page = await html('/find?where=BD8&who=men_only&need=creche');
      assert.match(page, /No results/);
      assert.match(page, /We could not find anything that matches all your choices\./);
      assert.match(page, /Try removing one of your choices:/);
      assert.match(page, /Remove: Crèche or childcare/);
    });

    it('never counts the confidential refuge as near anywhere, but finds it without a place', async () => {
      assert.ok(!names(await html('/find?where=BD8&who=women_only')).includes('Safe house for women'));
      assert.ok(names(await html('/find?who=women_only')).includes('Safe house for women'));
    });

    it('explains an unknown postcode in the person’s language, with the error summary, and answers 400', async () => {
      const res = await get('/find?where=BD79', 'ar');
      assert.equal(res.status, 400);
      const page = await res.text();
      assert.match(page, /<title>خطأ: /);
      assert.match(page, /<div class="err-summary" role="alert"/);
      assert.match(page, /<a href="#where">لا نعرف الرمز البريدي «BD79»/);
      assert.match(page, /aria-invalid="true"/);
      assert.doesNotMatch(page, /id="results"/);
    });

    it('explains an unknown area name', async () => {
      const res = await get('/find?where=Atlantis');
      assert.equal(res.status, 400);
      assert.match(await res.text(), /We do not know the place “Atlantis”/);
    });

    it('speaks Arabic right to left, with Arabic digits and English names kept apart', async () => {
      const page = await html('/find?where=BD8&who=women_only&need=free&speaks=bn', 'ar');
      assert.match(page, /<html lang="ar" dir="rtl">/);
      assert.match(page, /<h2 id="results">نتيجة واحدة<\/h2>/);
      assert.match(page, /<bdi>Women’s sewing circle<\/bdi>/);
      assert.match(page, /يتحدثون البنغالية/);
      assert.match(page, /١٠:٠٠/);
      assert.match(page, /مفتوح الآن/);
    });
  });

  describe('a service page', () => {
    it('says what to expect, when, where, how to get there, cost, languages, who it is for, how to join and when it was checked', async () => {
      const page = await html(`/services/${FIND_IDS.sewing}`);
      assert.match(page, /<h1><bdi>Women’s sewing circle<\/bdi><\/h1>/);
      assert.match(page, /Someone meets you at the door/);
      assert.match(page, /<li>Every Tuesday, 10:00 to 12:00<\/li>/);
      assert.match(page, /Tuesday 3 March, 10:00 to 12:00/);
      assert.match(page, /Closed on 7 April 2026\./);
      assert.match(page, /12 Oak Lane/);
      assert.match(page, /Bus 620 to Oak Lane/);
      assert.match(page, /Free\./);
      assert.match(page, /Spoken here: Bengali and English\./);
      assert.match(page, /Women only\./);
      assert.match(page, /Ages 16 and over\./);
      assert.match(page, /You can just turn up\./);
      assert.match(page, /There is a crèche or childcare\./);
      assert.match(page, /The food is halal\./);
      assert.match(page, /href="tel:07700900123"/);
      assert.match(page, /Last checked: 20 January 2026\./);
      assert.match(page, /<form method="post" action="\/shortlist\/add"/);
    });

    it('shows the translation for the person’s language, and the rest in English, saying so', async () => {
      const page = await html(`/services/${FIND_IDS.sewing}`, 'ar');
      assert.match(page, /<p dir="auto">خياطة ودردشة وشاي مع نساء أخريات\.<\/p>/);
      assert.match(page, /<p dir="auto" lang="en">Someone meets you at the door/);
      assert.match(page, /جزء من هذا النص بالإنجليزية\. لا توجد ترجمة له بعد\./);
      const bengali = await html(`/services/${FIND_IDS.sewing}`, 'bn');
      assert.match(bengali, /এর কিছু অংশ|এটি ইংরেজিতে আছে/);
      assert.match(bengali, /<p dir="auto" lang="en">Sew, chat and share tea with other women\.<\/p>/);
    });

    it('never shows the address of a confidential venue, only how to get in touch', async () => {
      const page = await html(`/services/${FIND_IDS.refuge}`);
      assert.doesNotMatch(page, /Secret Street|BD8 0ZZ/);
      assert.match(page, /The address is shared when you get in touch\./);
      assert.match(page, /href="tel:01632960999"/);
    });

    it('shows prices in the language’s digits, and says when a listing has not been checked', async () => {
      const page = await html(`/services/${FIND_IDS.paidSewing}`, 'ar');
      assert.match(page, /٢٫٥٠/);
      assert.match(page, /لم نتحقق من هذا مؤخرًا/);
    });

    it('answers 404 in the person’s language for an unknown or malformed id', async () => {
      for (const path of ['/services/00000000-0000-4000-8000-000000000000', '/services/not-an-id']) {
        const res = await get(path, 'ar');
        assert.equal(res.status, 404, path);
        assert.match(await res.text(), /الصفحة غير موجودة/);
      }
    });
  });

  describe('the start page', () => {
    it('offers one search form to /find and shortcut buttons that keep the place typed', async () => {
      const page = await html('/');
      assert.match(page, /<form action="\/find" method="get" role="search"/);
      assert.match(page, /<label for="where">Where\? Postcode or area<\/label>/);
      assert.match(page, /<button type="submit" name="quick" value="women" class="chip">Women only<\/button>/);
      assert.doesNotMatch(page, /lonely|isolated/i);
      const quick = await html('/find?q=&where=BD8&quick=women');
      assert.deepEqual(names(quick).slice(0, 1), ['Women’s sewing circle']);
    });
  });

  it('fits every public page in 14 KB (gzip HTML + CSS, first visit) in English and Arabic', async () => {
    const pages = [
      '/',
      '/find',
      '/find?where=BD8',
      '/find?where=BD8&who=women_only&need=free&speaks=bn&when=today&kind=skills&day=TU&time=morning',
      '/find?where=BD79',
      `/services/${FIND_IDS.sewing}`,
      `/services/${FIND_IDS.refuge}`,
      `/shortlist?ids=${Object.values(FIND_IDS).join('.')}`,
      '/shortlist',
      '/services/00000000-0000-4000-8000-000000000000',
    ];
    for (const path of pages) {
      for (const lang of ['en', 'ar']) {
        const w = await measureFirstLoad((p, init) => app.request(p, init), path, lang);
        assert.ok([200, 400, 404].includes(w.status), `${path} [${lang}] answered ${w.status}`);
        assert.ok(w.total <= PAGE_BUDGET_BYTES, `${path} [${lang}]: ${w.total} bytes`);
      }
    }
  });
});
