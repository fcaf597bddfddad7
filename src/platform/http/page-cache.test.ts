// Public answers kept whole (page-cache.ts): what is kept, under what, for how long, and what is never kept.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gunzipSync, gzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { etag } from 'hono/etag';
import { pageCache } from './page-cache.ts';

function setup(opts: { maxBytes?: number } = {}) {
  let version = 1;
  let now = new Date('2026-12-05T10:00:10Z');
  let renders = 0;
  const cache = pageCache({
    version: async () => String(version),
    now: () => now,
    variant: (c) => c.req.header('accept-language') ?? 'en',
    ...(opts.maxBytes !== undefined ? { maxBytes: opts.maxBytes } : {}),
  });
  const app = new Hono();
  app.use(compress());
  app.use(async (c, next) => {
    c.header('X-Request-Id', `req-${Math.random()}`);
    await next();
  });
  app.use('/p/*', cache.middleware);
  app.use('/p/*', etag({ weak: true }));
  app.get('/p/page', async (c) => {
    renders++;
    await new Promise((r) => setTimeout(r, 5));
    return c.html(`<p>${'page '.repeat(400)} v${version} render ${renders} ${c.req.query('q') ?? ''} ${c.req.header('cookie') ?? ''}</p>`);
  });
  app.get('/p/long', (c) => {
    renders++;
    return c.json({ items: Array.from({ length: 3000 }, (_, i) => ({ id: i, name: `item ${i} of a long open-data list` })) });
  });
  app.get('/p/small', (c) => {
    renders++;
    return c.json({ renders });
  });
  app.get('/p/cookie', (c) => {
    renders++;
    c.header('Set-Cookie', 'a=b');
    return c.text(`render ${renders}`);
  });
  app.get('/p/nostore', (c) => {
    renders++;
    c.header('Cache-Control', 'no-store');
    return c.text(`render ${renders}`);
  });
  app.get('/p/missing', (c) => {
    renders++;
    return c.text(`render ${renders}`, 404);
  });
  return {
    app,
    cache,
    renders: () => renders,
    change: () => version++,
    later: (ms: number) => (now = new Date(now.getTime() + ms)),
  };
}

describe('public answers kept whole', () => {
  it('makes a page once, then answers from memory with the same bytes and a fresh request id', async () => {
    const t = setup();
    const first = await t.app.request('/p/page');
    const again = await t.app.request('/p/page');
    assert.equal(t.renders(), 1);
    assert.equal(await again.text(), await first.text());
    assert.equal(again.headers.get('content-type'), first.headers.get('content-type'));
    assert.equal(again.headers.get('etag'), first.headers.get('etag'));
    assert.ok(again.headers.get('x-request-id'));
    assert.notEqual(again.headers.get('x-request-id'), first.headers.get('x-request-id'));
    assert.deepEqual({ ...t.cache.stats(), bytes: undefined }, { entries: 1, bytes: undefined, hits: 1, misses: 1 });
  });

  it('keeps answers apart by address, cookie and language', async () => {
    const t = setup();
    await t.app.request('/p/page?q=a');
    await t.app.request('/p/page?q=b');
    await t.app.request('/p/page?q=a', { headers: { cookie: 'lang=ar' } });
    await t.app.request('/p/page?q=a', { headers: { 'accept-language': 'ur' } });
    assert.equal(t.renders(), 4);
    const b = await (await t.app.request('/p/page?q=b')).text();
    assert.match(b, / b /);
    const withCookie = await (await t.app.request('/p/page?q=a', { headers: { cookie: 'lang=ar' } })).text();
    assert.match(withCookie, /lang=ar/);
    assert.equal(t.renders(), 4);
  });

  it('makes the page again after a change to the directory, and when the minute moves on', async () => {
    const t = setup();
    await t.app.request('/p/page');
    t.change();
    assert.match(await (await t.app.request('/p/page')).text(), / v2 /);
    assert.equal(t.renders(), 2);
    t.later(30_000); // 10:00:40, the same minute
    await t.app.request('/p/page');
    assert.equal(t.renders(), 2);
    t.later(30_000); // 10:01:10
    await t.app.request('/p/page');
    assert.equal(t.renders(), 3);
  });

  it('never keeps an answer that sets a cookie, says no-store, or is not a 200', async () => {
    const t = setup();
    for (const path of ['/p/cookie', '/p/nostore', '/p/missing']) {
      const one = await (await t.app.request(path)).text();
      const two = await (await t.app.request(path)).text();
      assert.notEqual(one, two, path);
    }
    assert.equal(t.cache.stats().entries, 0);
  });

  it('sends the kept page gzipped to those who ask, and plain to those who do not', async () => {
    const t = setup();
    const plain = await (await t.app.request('/p/page')).text();
    const zipped = await t.app.request('/p/page', { headers: { 'accept-encoding': 'gzip, deflate' } });
    assert.equal(zipped.headers.get('content-encoding'), 'gzip');
    assert.match(zipped.headers.get('vary') ?? '', /accept-encoding/i);
    assert.equal(gunzipSync(Buffer.from(await zipped.arrayBuffer())).toString(), plain);
    const refused = await t.app.request('/p/page', { headers: { 'accept-encoding': 'gzip;q=0' } });
    assert.equal(refused.headers.get('content-encoding'), null);
    assert.equal(await refused.text(), plain);
    await t.app.request('/p/small', { headers: { 'accept-encoding': 'gzip' } });
    const small = await t.app.request('/p/small', { headers: { 'accept-encoding': 'gzip' } });
    assert.equal(small.headers.get('content-encoding'), null, 'too small to be worth it');
    assert.deepEqual(await small.json(), { renders: 2 });
    assert.equal(t.renders(), 2);
  });

  it('answers the request that made the page as it answers the next ones: gzipped once, with its length and ETag', async () => {
    const t = setup();
    const gzip = { 'accept-encoding': 'gzip' };
    const first = await t.app.request('/p/page', { headers: gzip });
    const second = await t.app.request('/p/page', { headers: gzip });
    for (const res of [first, second]) {
      assert.equal(res.headers.get('content-encoding'), 'gzip');
      assert.match(res.headers.get('etag') ?? '', /^W\/"[0-9a-f]{40}"$/, 'the SHA-1 of the page');
      assert.match(res.headers.get('x-request-id') ?? '', /^req-/);
    }
    assert.equal(first.headers.get('etag'), second.headers.get('etag'));
    assert.notEqual(first.headers.get('x-request-id'), second.headers.get('x-request-id'));
    const [one, two] = [Buffer.from(await first.arrayBuffer()), Buffer.from(await second.arrayBuffer())];
    assert.equal(first.headers.get('content-length'), String(one.byteLength));
    assert.deepEqual(one, two, 'the same bytes');
    // The same bytes as zlib's one-call gzip: the same weight on the wire.
    const plain = await (await t.app.request('/p/page')).text();
    assert.equal(gunzipSync(one).toString(), plain);
    assert.deepEqual(one, gzipSync(Buffer.from(plain)));
    assert.equal(t.renders(), 1);
    const fresh = setup();
    const tag = first.headers.get('etag')!;
    const notModified = await fresh.app.request('/p/page', { headers: { 'if-none-match': tag } });
    assert.equal(notModified.status, 304, 'a browser holding the page gets 304 even from the request that makes it again');
  });

  it('gzips a long answer (made off the event loop) to the same bytes as a page', async () => {
    const t = setup();
    const gzip = { 'accept-encoding': 'gzip' };
    const [first, second] = [await t.app.request('/p/long', { headers: gzip }), await t.app.request('/p/long', { headers: gzip })];
    const plain = Buffer.from(await (await t.app.request('/p/long')).arrayBuffer());
    assert.ok(plain.byteLength > 128 * 1024, 'longer than a page compressed at once');
    for (const res of [first, second]) {
      assert.equal(res.headers.get('content-encoding'), 'gzip');
      const body = Buffer.from(await res.arrayBuffer());
      assert.equal(res.headers.get('content-length'), String(body.byteLength));
      assert.deepEqual(body, gzipSync(plain));
    }
    assert.equal(t.renders(), 1);
  });

  it('answers 304 from memory when the page is the one the browser has', async () => {
    const t = setup();
    const first = await t.app.request('/p/page');
    const tag = first.headers.get('etag')!;
    const again = await t.app.request('/p/page', { headers: { 'if-none-match': tag } });
    assert.equal(again.status, 304);
    assert.equal(await again.text(), '');
    assert.equal(again.headers.get('etag'), tag);
    assert.equal(t.renders(), 1);
    const other = await t.app.request('/p/page', { headers: { 'if-none-match': 'W/"something-else"' } });
    assert.equal(other.status, 200);
  });

  it('makes a page once for requests that arrive together', async () => {
    const t = setup();
    const pages = await Promise.all(Array.from({ length: 8 }, async () => (await t.app.request('/p/page')).text()));
    assert.equal(t.renders(), 1);
    assert.equal(new Set(pages).size, 1);
  });

  it('keeps at most its byte budget, dropping the least recently used first', async () => {
    const t = setup({ maxBytes: 9_000 });
    for (const q of ['a', 'b', 'c', 'd', 'e']) await t.app.request(`/p/page?q=${q}`);
    const { entries, bytes } = t.cache.stats();
    assert.ok(bytes <= 9_000, `${bytes} bytes kept`);
    assert.ok(entries < 5 && entries > 0, `${entries} kept`);
    const before = t.renders();
    await t.app.request('/p/page?q=e');
    assert.equal(t.renders(), before, 'the newest is kept');
    await t.app.request('/p/page?q=a');
    assert.equal(t.renders(), before + 1, 'the oldest was dropped');
  });

  it('answers when mounted twice on paths that overlap, making the page once', async () => {
    const t = setup();
    t.app.use('/p/page', t.cache.middleware);
    const twice = new Hono();
    twice.use('/p', t.cache.middleware);
    twice.use('/p/*', t.cache.middleware);
    twice.get('/p', (c) => c.text('x'.repeat(2000)));
    const first = await twice.request('/p');
    assert.equal(first.status, 200);
    assert.equal((await twice.request('/p')).status, 200);
    assert.equal(t.cache.stats().misses, 1);
  });

  it('leaves everything but GET alone', async () => {
    const t = setup();
    await t.app.request('/p/page', { method: 'HEAD' });
    await t.app.request('/p/page', { method: 'HEAD' });
    assert.equal(t.renders(), 2);
  });
});
