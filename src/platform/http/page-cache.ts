/**
 * Public pages and open data answers kept whole while nothing they show can
 * have changed, so that a city's busiest pages (the start page, a search
 * for a postcode district, a popular service) cost one lookup, not a search.
 *
 * An answer is kept under everything it depends on:
 * - the address (path and query);
 * - the request's Cookie header (the language chosen, the shortlist) and the
 *   language negotiated from Accept-Language;
 * - `version()`: the directory's change counter, read from the database on
 *   every request, so a change made by any app process, the importer or SQL
 *   is seen at once by every process (migrations 0111 and 0260);
 * - the minute of `now()`: "open now" and "on today" move with the clock.
 * When the version or the minute moves on, everything kept is dropped.
 *
 * Only a 200 without Set-Cookie and without `no-store`/`private` is kept.
 * Requests for the same answer that arrive while it is being made wait for
 * it instead of making it again. Its gzip form is made once, when first
 * asked for; its weak ETag is the SHA-1 of its bytes (unless the page set
 * one), and a repeat with a matching If-None-Match gets 304. The request
 * that made it is answered the same way, so the compress and ETag
 * middlewares have nothing left to do for it. At most `maxBytes` are kept
 * (least recently used dropped first).
 */
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip, gzipSync } from 'node:zlib';
import type { Context, MiddlewareHandler } from 'hono';

export interface PageCacheOptions {
  /** Changes whenever anything the pages show may have changed. */
  version: () => Promise<string>;
  now: () => Date;
  /** The language the request will be answered in (part of the key). */
  variant?: (c: Context) => string;
  /** Bytes kept at most (bodies, plain and gzipped). */
  maxBytes?: number;
}

interface Entry {
  key: string;
  status: number;
  headers: [string, string][];
  body: Uint8Array<ArrayBuffer>;
  gzip: Uint8Array<ArrayBuffer> | null;
  etag: string | null;
  bytes: number;
}

const gzipAsync = promisify(gzip) as (body: Uint8Array) => Promise<Uint8Array<ArrayBuffer>>;

/**
 * A page up to this size is compressed at once, on the event loop: a results page (15 KB, 4 KB
 * gzipped) takes about 0.06 ms of CPU so, and 0.2–0.35 ms on one of libuv's threads, handing it
 * over and back (with a fresh zlib stream each time) costing more than the compression; a
 * fresh results page made 32 futex calls, 18 with this. Only longer answers (the open data's
 * long lists) are compressed off the event loop, so that it goes on meanwhile.
 */
const GZIP_AT_ONCE_BYTES = 128 * 1024;

const gzipOf = (body: Uint8Array): Promise<Uint8Array<ArrayBuffer>> | Uint8Array<ArrayBuffer> =>
  body.byteLength <= GZIP_AT_ONCE_BYTES ? (gzipSync(body) as Uint8Array<ArrayBuffer>) : gzipAsync(body);

/** Below this a page is sent as it is (as the compress middleware does). */
const GZIP_THRESHOLD = 1024;
const COMPRESSIBLE = /^\s*(?:text\/|application\/(?:json|[a-z.+-]*\+json|javascript|xml))/i;

export const DEFAULT_PAGE_CACHE_BYTES = 32 * 1024 * 1024;

export interface PageCache {
  middleware: MiddlewareHandler;
  /** What is kept now (for tests and the benchmark). */
  stats(): { entries: number; bytes: number; hits: number; misses: number };
}

function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  return header.split(',').some((part) => {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (name !== 'gzip' && name !== '*') return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

function etagMatches(etag: string, ifNoneMatch: string | undefined): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  const bare = etag.replace(/^W\//, '');
  return ifNoneMatch.match(/"[^"]*"/g)?.includes(bare) ?? false;
}

/** Headers that belong to one request, never replayed. */
const PER_REQUEST = new Set(['x-request-id', 'set-cookie', 'date', 'content-length', 'content-encoding']);

/**
 * Answer with `res`, keeping the headers set before the page was reached
 * (the request id): reading `c.res` first makes Hono carry them over.
 */
function send(c: Context, res: Response): void {
  void c.res;
  c.res = res;
}

function keepable(res: Response): boolean {
  if (res.status !== 200 || res.headers.has('set-cookie') || res.headers.has('content-encoding')) return false;
  const cc = res.headers.get('cache-control') ?? '';
  return !/\b(?:no-store|private)\b/i.test(cc);
}

export function pageCache(options: PageCacheOptions): PageCache {
  const maxBytes = options.maxBytes ?? DEFAULT_PAGE_CACHE_BYTES;
  let generation = '';
  let entries = new Map<string, Entry>();
  let making = new Map<string, Promise<Entry | null>>();
  let bytes = 0;
  let hits = 0;
  let misses = 0;

  const trim = () => {
    for (const [k, e] of entries) {
      if (bytes <= maxBytes) break;
      entries.delete(k);
      bytes -= e.bytes;
    }
  };
  const keep = (entry: Entry) => {
    if (entry.bytes > maxBytes / 4) return;
    entries.set(entry.key, entry);
    bytes += entry.bytes;
    trim();
  };

  /** The page is worth gzipping (large enough, and text); its headers are kept with lower-case names. */
  const compressible = (entry: Entry) =>
    entry.body.byteLength >= GZIP_THRESHOLD && COMPRESSIBLE.test(entry.headers.find(([name]) => name === 'content-type')?.[1] ?? '');

  /** Whether this request is answered with the entry's gzip form. */
  const gzipped = (c: Context, entry: Entry) => compressible(entry) && acceptsGzip(c.req.header('accept-encoding'));

  const answer = (c: Context, entry: Entry): Response => {
    const headers = new Headers(entry.headers);
    if (entry.etag && etagMatches(entry.etag, c.req.header('if-none-match'))) {
      const notModified = new Headers();
      for (const name of ['cache-control', 'etag', 'vary', 'expires', 'content-location']) {
        const v = headers.get(name);
        if (v !== null) notModified.set(name, v);
      }
      return new Response(null, { status: 304, headers: notModified });
    }
    if (compressible(entry)) {
      const vary = headers.get('vary');
      if (!vary || !/\baccept-encoding\b/i.test(vary)) headers.set('vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding');
      if (acceptsGzip(c.req.header('accept-encoding'))) {
        if (!entry.gzip) {
          entry.gzip = gzipSync(entry.body);
          entry.bytes += entry.gzip.byteLength;
          if (entries.get(entry.key) === entry) {
            bytes += entry.gzip.byteLength;
            trim();
          }
        }
        headers.set('content-encoding', 'gzip');
        headers.set('content-length', String(entry.gzip.byteLength));
        return new Response(entry.gzip, { status: entry.status, headers });
      }
    }
    // Not compressible, too small or not asked for: the compress middleware will leave it as it is.
    headers.set('content-length', String(entry.body.byteLength));
    return new Response(entry.body, { status: entry.status, headers });
  };

  /** Requests already under this cache: mounted on overlapping paths ('/oruk' and '/oruk/*'), it must not wait for itself. */
  const seen = new WeakSet<Context>();

  const middleware: MiddlewareHandler = async (c, next) => {
    if (c.req.method !== 'GET' || seen.has(c)) return next();
    seen.add(c);
    const [version, minute] = [await options.version(), Math.floor(options.now().getTime() / 60_000)];
    const current = `${version}@${minute}`;
    if (current !== generation) {
      generation = current;
      entries = new Map();
      making = new Map();
      bytes = 0;
    }
    const url = new URL(c.req.url);
    const key = JSON.stringify([url.pathname, url.search, c.req.header('cookie') ?? '', options.variant?.(c) ?? '']);
    const kept = entries.get(key);
    if (kept) {
      hits++;
      // Most recently used last.
      entries.delete(key);
      entries.set(key, kept);
      return send(c, answer(c, kept));
    }
    const underWay = making.get(key);
    if (underWay) {
      const made = await underWay;
      if (made) {
        hits++;
        return send(c, answer(c, made));
      }
      return next();
    }
    misses++;
    let done!: (e: Entry | null) => void;
    const promise = new Promise<Entry | null>((resolve) => (done = resolve));
    const mine = making;
    mine.set(key, promise);
    try {
      await next();
      const made = c.res;
      if (!keepable(made)) return done(null);
      const body = new Uint8Array(await made.arrayBuffer());
      const headers = [...made.headers.entries()].filter(([name]) => !PER_REQUEST.has(name));
      const etag = made.headers.get('etag') ?? `W/"${createHash('sha1').update(body).digest('hex')}"`;
      if (!made.headers.has('etag')) headers.push(['etag', etag]);
      const entry: Entry = { key, status: made.status, headers, body, gzip: null, etag, bytes: body.byteLength };
      if (gzipped(c, entry)) {
        entry.gzip = await gzipOf(body);
        entry.bytes += entry.gzip.byteLength;
      }
      // Kept only if nothing moved on meanwhile (a change committed during the request would otherwise be hidden).
      if (generation === current && mine === making) keep(entry);
      done(entry);
      // This request is answered as the next ones will be (gzipped once, with its length, or 304),
      // keeping the headers that belong to it alone (the request id).
      const res = answer(c, entry);
      for (const [name, value] of made.headers) if (PER_REQUEST.has(name) && !res.headers.has(name)) res.headers.set(name, value);
      // Cleared first: set over the made page, Hono would copy all of its headers onto the answer.
      c.res = undefined as unknown as Response;
      c.res = res;
    } catch (error) {
      done(null);
      throw error;
    } finally {
      mine.delete(key);
    }
  };

  return { middleware, stats: () => ({ entries: entries.size, bytes, hits, misses }) };
}
