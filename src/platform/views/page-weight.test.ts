import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import { describe, it } from 'node:test';
import { Hono } from 'hono';
import { measureFirstLoad, measurePageWeight, PAGE_BUDGET_BYTES, stylesheetHrefs } from './page-weight.ts';

describe('page weight', () => {
  it('counts gzip level 9 bytes of the HTML and of each stylesheet', () => {
    const html = '<!doctype html><p>' + 'hello '.repeat(200) + '</p>';
    const css = ['a{color:red}', 'b{color:blue}'];
    const gz = (s: string) => zlib.gzipSync(s, { level: 9 }).length;
    const w = measurePageWeight(html, css);
    assert.deepEqual(w, { html: gz(html), css: gz(css[0]!) + gz(css[1]!), total: gz(html) + gz(css[0]!) + gz(css[1]!) });
    assert.ok(w.html < html.length, 'repetitive HTML compresses');
  });

  it('sets the budget at 14 KB', () => assert.equal(PAGE_BUDGET_BYTES, 14 * 1024));

  it('finds the stylesheets a page links, and only those', () => {
    const html =
      '<link rel="icon" href="data:,"><link rel="stylesheet" href="/static/a.css"/><link href=\'/b.css?x=1&amp;y=2\' rel=stylesheet>';
    assert.deepEqual(stylesheetHrefs(html), ['/static/a.css', '/b.css?x=1&y=2']);
  });

  it('measures a page and its stylesheets as a first-time visitor', async () => {
    const app = new Hono();
    const seen: string[] = [];
    app.get('/p', (c) => {
      seen.push(`${c.req.header('accept-language')} ${c.req.header('cookie') ?? 'no-cookie'}`);
      return c.html('<link rel="stylesheet" href="/s.css"><p>hi</p>');
    });
    app.get('/s.css', (c) => c.body('p{margin:0}', 200, { 'content-type': 'text/css' }));
    const w = await measureFirstLoad((p, init) => app.request(p, init), '/p', 'ar');
    assert.deepEqual(seen, ['ar no-cookie']);
    assert.deepEqual(w.stylesheets, ['/s.css']);
    assert.equal(w.status, 200);
    assert.equal(w.total, measurePageWeight('<link rel="stylesheet" href="/s.css"><p>hi</p>', ['p{margin:0}']).total);
  });

  it('fails loudly when a linked stylesheet is missing', async () => {
    const app = new Hono();
    app.get('/p', (c) => c.html('<link rel="stylesheet" href="/gone.css">'));
    await assert.rejects(
      measureFirstLoad((p, init) => app.request(p, init), '/p', 'en'),
      /links \/gone.css, which answers 404/,
    );
  });
});
