/**
 * GET /static/*: the files in static-assets.ts.
 *
 * A hashed address (`/static/belong.1a2b3c4d5e.css`) never changes content,
 * so it is cached for a year as immutable. The plain name
 * (`/static/belong.css`) or an old hash still answers with the current file
 * but must be revalidated, so a page cached from before a deploy keeps its
 * styling. Text is sent gzipped to clients that accept it.
 */
import { Hono } from 'hono';
import { assetRegistry, STATIC_PREFIX, type AssetRegistry } from './static-assets.ts';

const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'public, max-age=0, must-revalidate';

function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  return header.split(',').some((part) => {
    const [coding = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    if (coding !== 'gzip' && coding !== '*') return false;
    const q = params.find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

/** Routes for /static/*; pass a registry in tests, or use the process-wide one. */
export function staticRoutes(getRegistry: () => AssetRegistry = assetRegistry) {
  const app = new Hono();
  app.get(`${STATIC_PREFIX}*`, (c) => {
    const registry = getRegistry();
    const rel = c.req.path.slice(STATIC_PREFIX.length);
    let asset = registry.byHashedPath.get(rel);
    const exact = asset !== undefined;
    asset ??= registry.byName.get(rel.replace(/\.[0-9a-f]{10}(\.[^./]+)$/, '$1'));
    if (!asset) return c.notFound();

    const gzip = asset.gzip && acceptsGzip(c.req.header('accept-encoding')) ? asset.gzip : undefined;
    const etag = `"${asset.hash}${gzip ? '-gz' : ''}"`;
    c.header('Cache-Control', exact ? IMMUTABLE : REVALIDATE);
    c.header('ETag', etag);
    if (asset.gzip) c.header('Vary', 'Accept-Encoding');
    if (
      c.req
        .header('if-none-match')
        ?.split(',')
        .some((t) => t.trim() === etag)
    )
      return c.body(null, 304);
    c.header('Content-Type', asset.contentType);
    if (gzip) c.header('Content-Encoding', 'gzip');
    return c.body(gzip ?? asset.body);
  });
  return app;
}
