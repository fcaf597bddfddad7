/**
 * The baseline of `npm run bench:http`: a minimal Hono server answering the
 * same bytes Belong answered for each page (read from a JSON file), gzipped
 * per request as Belong does. What Belong costs beyond this is its own work.
 *
 *   node --import tsx bench/http-baseline.ts <port> <pages.json>
 */
import fs from 'node:fs';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { compress } from 'hono/compress';

const [port, file] = process.argv.slice(2);
const pages = JSON.parse(fs.readFileSync(file!, 'utf8')) as Record<string, { type: string; body: string }>;
const app = new Hono();
app.use(compress());
app.get('*', (c) => {
  const url = new URL(c.req.url);
  const page = pages[url.pathname + url.search];
  if (!page) return c.notFound();
  c.header('content-type', page.type);
  return c.body(page.body);
});
serve({ fetch: app.fetch, hostname: '127.0.0.1', port: Number(port) }, () => console.log('baseline listening'));
