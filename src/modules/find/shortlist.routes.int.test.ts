import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Hono } from 'hono';
import { loadConfig } from '../../config.ts';
import { i18nMiddleware } from '../../platform/i18n/i18n.middleware.ts';
import { ensureVocabulary } from '../directory/vocabulary.repository.ts';
import { findRoutes } from './find.routes.tsx';
import { FIND_IDS, FIND_NOW, saveFindFixtures } from './find.test-support.ts';
import { openTestDatabase, testEngine, type TestDatabase } from '../../../test/support/test-db.ts';
import { shortlistRoutes } from './shortlist.routes.tsx';
import { MAX_SHORTLIST, serializeIds } from './shortlist.ts';
import { uuidV5 } from '../../platform/ids.ts';

const ORIGIN = 'http://localhost';

/** The `shortlist` cookie a response sets: its value, or '' when it deletes it; undefined when untouched. */
function shortlistCookie(res: Response): string | undefined {
  const header = res.headers.get('set-cookie');
  const m = header && /(?:^|,\s*)shortlist=([^;]*)/.exec(header);
  return m ? m[1] : undefined;
}

describe(`my list [${testEngine}]`, () => {
  let database: TestDatabase;
  let app: Hono;
  const post = (path: string, form: Record<string, string>, headers: Record<string, string> = {}) =>
    app.request(path, {
      method: 'POST',
      body: new URLSearchParams(form),
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN, cookie: 'lang=en', ...headers },
    });
  const page = async (path: string, cookie = '', lang = 'en') =>
    (await app.request(path, { headers: { cookie: `lang=${lang}; ${cookie}` } })).text();

  before(async () => {
    database = await openTestDatabase();
    await ensureVocabulary(database.db);
    await saveFindFixtures(database.db);
    app = new Hono();
    app.use(i18nMiddleware());
    app.route('/', findRoutes({ database }, { now: () => FIND_NOW }));
    app.route('/', shortlistRoutes({ database, config: loadConfig({ NODE_ENV: 'test' }) }, { now: () => FIND_NOW }));
  });
  after(async () => {
    await database.dispose();
  });

  it('adds a service with a plain form post, then goes back to it with a message', async () => {
    const res = await post('/shortlist/add', { id: FIND_IDS.sewing, back: `/services/${FIND_IDS.sewing}` });
    assert.equal(res.status, 303);
    assert.equal(res.headers.get('location'), `/services/${FIND_IDS.sewing}?done=added`);
    assert.equal(shortlistCookie(res), FIND_IDS.sewing);
    assert.match(res.headers.get('set-cookie')!, /HttpOnly/i);
    assert.match(res.headers.get('set-cookie')!, /SameSite=Lax/i);

    const after = await page(`/services/${FIND_IDS.sewing}?done=added`, `shortlist=${FIND_IDS.sewing}`);
    assert.match(after, /<div class="note" role="status">Added to your list\. <a href="\/shortlist">See my list<\/a><\/div>/);
    assert.match(after, /This is in your list\./);
    assert.match(after, /action="\/shortlist\/remove"/);
    assert.match(after, /My list \(1\)/);
  });

  it('refuses a post from another site (cross-site request forgery)', async () => {
    const res = await post('/shortlist/add', { id: FIND_IDS.sewing }, { origin: 'https://evil.example' });
    assert.equal(res.status, 403);
    assert.equal(shortlistCookie(res), undefined);
  });

  it('shows the list with when, where and a phone number, ready to print and share', async () => {
    const cookie = `shortlist=${serializeIds([FIND_IDS.sewing, FIND_IDS.refuge])}`;
    const html = await page('/shortlist', cookie);
    assert.match(html, /<h1>My list<\/h1>/);
    assert.match(html, /Women’s sewing circle/);
    assert.match(html, /<b>When:<\/b> Every Tuesday, 10:00 to 12:00/);
    assert.match(html, /12 Oak Lane, Bradford, BD8 7AB/);
    assert.match(html, /<b>Phone:<\/b> <a href="tel:/);
    assert.match(html, /The address is shared when you get in touch\./);
    assert.doesNotMatch(html, /Secret Street/);
    assert.match(html, /To print this list, use your browser’s Print option\./);
    assert.match(html, /<button type="button" id="print" hidden="">Print this list<\/button>/);
    assert.match(html, /<script src="\/static\/print\.[0-9a-f]{10}\.js" defer=""><\/script>/);
    assert.match(html, new RegExp(`href="${ORIGIN}/shortlist\\?ids=${FIND_IDS.sewing}\\.${FIND_IDS.refuge}"`));
  });

  it('removes a service and clears the cookie when the list is empty', async () => {
    const res = await post('/shortlist/remove', { id: FIND_IDS.sewing, back: '/shortlist' }, { cookie: `shortlist=${FIND_IDS.sewing}` });
    assert.equal(res.status, 303);
    assert.equal(res.headers.get('location'), '/shortlist?done=removed');
    assert.equal(shortlistCookie(res), '');
    assert.match(await page('/shortlist?done=removed'), /Removed from your list\.[\s\S]*Your list is empty\./);
  });

  it('opens a shared list without cookies, and saves it to one’s own list', async () => {
    const ids = serializeIds([FIND_IDS.chat, FIND_IDS.football]);
    const shared = await page(`/shortlist?ids=${ids}`);
    assert.match(shared, /A list shared with you/);
    assert.match(shared, /Thursday chat and tea/);
    assert.match(shared, /Saturday football/);
    assert.doesNotMatch(shared, /action="\/shortlist\/remove"/);
    assert.match(shared, new RegExp(`<input type="hidden" name="ids" value="${ids.replace(/\./g, '\\.')}"/>`));

    const res = await post('/shortlist/save', { ids }, { cookie: `shortlist=${FIND_IDS.sewing}` });
    assert.equal(res.headers.get('location'), '/shortlist?done=saved');
    assert.equal(shortlistCookie(res), serializeIds([FIND_IDS.sewing, FIND_IDS.chat, FIND_IDS.football]));
  });

  it('says when the list is full, and ignores ids that are not services', async () => {
    const full = serializeIds(Array.from({ length: MAX_SHORTLIST }, (_, i) => uuidV5(`full:${i}`)));
    const res = await post('/shortlist/add', { id: FIND_IDS.chat, back: `/services/${FIND_IDS.chat}` }, { cookie: `shortlist=${full}` });
    assert.equal(res.headers.get('location'), `/services/${FIND_IDS.chat}?done=full`);
    assert.equal(shortlistCookie(res), undefined);

    const unknown = await post('/shortlist/add', { id: uuidV5('no such service'), back: '/find' });
    assert.equal(unknown.headers.get('location'), '/shortlist');
    assert.equal(shortlistCookie(unknown), undefined);
  });

  it('never sends people to another site after a change', async () => {
    const res = await post('/shortlist/remove', { id: FIND_IDS.chat, back: '//evil.example/' });
    assert.equal(res.headers.get('location'), '/shortlist?done=removed');
  });

  it('speaks the person’s language, right to left in Arabic', async () => {
    const html = await page('/shortlist', `shortlist=${FIND_IDS.sewing}`, 'ar');
    assert.match(html, /<html lang="ar" dir="rtl">/);
    assert.match(html, /<h1>قائمتي<\/h1>/);
    assert.match(html, /كل الثلاثاء، من ١٠:٠٠ إلى ١٢:٠٠/);
  });
});
