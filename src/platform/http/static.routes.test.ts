import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { assetRegistry, assetUrl, buildAssetRegistry } from './static-assets.ts';
import { staticRoutes } from './static.routes.ts';

describe('static files', () => {
  const app = staticRoutes();
  const cssUrl = assetUrl('belong.css');

  it('names files by content hash', () => {
    assert.match(cssUrl, /^\/static\/belong\.[0-9a-f]{10}\.css$/);
    assert.match(assetUrl('fonts/urdu.css'), /^\/static\/fonts\/urdu\.[0-9a-f]{10}\.css$/);
    assert.throws(() => assetUrl('nope.css'), /No static file named "nope.css"/);
  });

  it('serves a hashed address as immutable for a year, gzipped when the browser accepts gzip', async () => {
    const res = await app.request(cssUrl, { headers: { 'accept-encoding': 'gzip, deflate, br' } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/css; charset=utf-8');
    assert.equal(res.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.equal(res.headers.get('content-encoding'), 'gzip');
    assert.equal(res.headers.get('vary'), 'Accept-Encoding');
    const body = zlib.gunzipSync(Buffer.from(await res.arrayBuffer())).toString('utf8');
    assert.equal(body, fs.readFileSync(new URL('../../../public/belong.css', import.meta.url), 'utf8'));
  });

  it('sends the file uncompressed to a browser that does not accept gzip', async () => {
    for (const ae of [undefined, 'identity', 'gzip;q=0, br']) {
      const res = await app.request(cssUrl, { headers: ae ? { 'accept-encoding': ae } : {} });
      assert.equal(res.headers.get('content-encoding'), null, String(ae));
      assert.match(await res.text(), /box-sizing/);
    }
  });

  it('answers 304 Not Modified to a matching If-None-Match', async () => {
    const first = await app.request(cssUrl);
    const res = await app.request(cssUrl, { headers: { 'if-none-match': first.headers.get('etag')! } });
    assert.equal(res.status, 304);
    assert.equal(await res.text(), '');
  });

  it('still serves the plain name or an old hash, but asks browsers to check again', async () => {
    for (const url of ['/static/belong.css', '/static/belong.0000000000.css']) {
      const res = await app.request(url);
      assert.equal(res.status, 200, url);
      assert.equal(res.headers.get('cache-control'), 'public, max-age=0, must-revalidate', url);
    }
  });

  it('answers 404 for files it does not have, including attempts to climb out of the folder', async () => {
    for (const url of ['/static/missing.css', '/static/../package.json', '/static/%2e%2e/package.json', '/static/']) {
      assert.equal((await app.request(url)).status, 404, url);
    }
  });

  it('points the Urdu font stylesheet at the hashed font, served as font/woff2', async () => {
    const css = await (await app.request(assetUrl('fonts/urdu.css'))).text();
    const fontUrl = /url\((\/static\/fonts\/noto-nastaliq-urdu-arabic-400\.[0-9a-f]{10}\.woff2)\)/.exec(css)?.[1];
    assert.ok(fontUrl, css);
    assert.match(css, /src:local\("Noto Nastaliq Urdu"\)/, 'a phone that has the font downloads nothing');
    assert.match(css, /font-display:swap/);
    const font = await app.request(fontUrl);
    assert.equal(font.status, 200);
    assert.equal(font.headers.get('content-type'), 'font/woff2');
    assert.equal(font.headers.get('content-encoding'), null);
    const bytes = Buffer.from(await font.arrayBuffer());
    assert.equal(bytes.subarray(0, 4).toString('latin1'), 'wOF2');
  });

  it('keeps the main stylesheet small (under 6 KB before compression, 2.5 KB gzipped)', () => {
    // It styles every public page (search, results, service, my list), and is fetched once, then cached.
    const css = assetRegistry().byName.get('belong.css')!;
    assert.ok(css.body.length < 6144, `belong.css is ${css.body.length} bytes`);
    assert.ok(css.gzip!.length < 2560, `belong.css is ${css.gzip!.length} bytes gzipped`);
  });

  describe('with a different public folder', () => {
    let dir: string;
    before(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'belong-static-'));
      fs.mkdirSync(path.join(dir, 'img'));
      fs.writeFileSync(path.join(dir, 'img', 'dot.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
      fs.writeFileSync(path.join(dir, 'site.css'), 'a{background:url(/static/img/dot.svg)}b{background:url(/static/img/none.svg)}');
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('rewrites url(/static/…) in CSS to hashed addresses, so a changed image gives the stylesheet a new address too', () => {
      const reg = buildAssetRegistry(dir);
      const svg = reg.byName.get('img/dot.svg')!;
      const css = Buffer.from(reg.byName.get('site.css')!.body).toString('utf8');
      assert.equal(css, `a{background:url(${svg.url})}b{background:url(/static/img/none.svg)}`);
      fs.writeFileSync(path.join(dir, 'img', 'dot.svg'), '<svg xmlns="http://www.w3.org/2000/svg" width="1"/>');
      const again = buildAssetRegistry(dir);
      assert.notEqual(again.byName.get('site.css')!.url, reg.byName.get('site.css')!.url);
    });
  });
});
