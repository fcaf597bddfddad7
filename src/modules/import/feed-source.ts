/**
 * Reads services from an Open Referral feed: a JSON file or an http(s) URL.
 *
 * Accepts an ORUK 3 `Page` envelope (`contents`, `total_pages`,
 * `page_number`), a legacy ORUK 1.0 Spring-style page (`content`,
 * `totalPages`, `number`, `last`), a bare array of services, or a single
 * service. From a URL it follows the pages (`?page=N`, and `per_page` when
 * asked), and, when a list gives only summaries (no nested locations,
 * schedules…), fetches each service in full from `<list URL>/<id>`, a few at
 * a time. An HTTP failure stops the import with a message naming the URL.
 */
import fs from 'node:fs/promises';
import type { MappedRecord } from './import-record.ts';
import { isObject, idOf } from './import-record.ts';
import { mapOruk1Service } from './oruk1.mapper.ts';
import { mapOruk3Service, newFeedContext } from './oruk3.mapper.ts';
import type { VocabularyMapping } from './vocabulary-mapping.ts';

export type FeedFormat = 'oruk3' | 'oruk1';

export class FeedError extends Error {
  override name = 'FeedError';
}

export interface FeedOptions {
  /** Force a format; by default each service is recognised by its fields. */
  format?: FeedFormat | 'auto';
  /** Items per page to ask for (`per_page`). */
  perPage?: number;
  /** Fetch each service in full: when a list item lacks nested data (auto), always, or never. */
  details?: 'auto' | 'always' | 'never';
  /** Parallel detail requests (default 4). */
  concurrency?: number;
  /** Retries after a network error or a 5xx answer (default 2). */
  retries?: number;
  retryDelayMs?: number;
  timeoutMs?: number;
  /** Stop after this many pages (default 100,000). */
  maxPages?: number;
  /** How the feed's own terms and words map onto Belong's fields (see vocabulary-mapping.ts). */
  mapping?: VocabularyMapping;
  /** Called after each page: page number and total pages when known. */
  onPage?: (page: number, totalPages: number | null, totalItems: number | null) => void;
  fetch?: typeof fetch;
}

export const isUrl = (s: string): boolean => /^https?:\/\//i.test(s);

interface Envelope {
  items: unknown[];
  totalPages: number | null;
  totalItems: number | null;
  last: boolean | null;
}

/** Recognises the page envelopes; anything else is a list or one service. */
export function readEnvelope(body: unknown): Envelope {
  if (Array.isArray(body)) return { items: body, totalPages: 1, totalItems: body.length, last: true };
  if (isObject(body)) {
    if (Array.isArray(body.contents)) {
      return {
        items: body.contents,
        totalPages: typeof body.total_pages === 'number' ? body.total_pages : null,
        totalItems: typeof body.total_items === 'number' ? body.total_items : null,
        last: typeof body.last_page === 'boolean' ? body.last_page : null,
      };
    }
    if (Array.isArray(body.content)) {
      return {
        items: body.content,
        totalPages: typeof body.totalPages === 'number' ? body.totalPages : null,
        totalItems: typeof body.totalElements === 'number' ? body.totalElements : null,
        last: typeof body.last === 'boolean' ? body.last : null,
      };
    }
    return { items: [body], totalPages: 1, totalItems: 1, last: true };
  }
  throw new FeedError('the feed is neither a list of services nor a service');
}

const ORUK1_FIELDS = [
  'regular_schedules',
  'holiday_schedules',
  'eligibilitys',
  'service_taxonomys',
  'fundings',
  'attending_access',
  'attending_type',
  'deliverable_type',
];

/** ORUK 1.0 when the service uses any field only the old API has (or its locations have `physical_addresses`). */
export function detectFormat(item: unknown): FeedFormat {
  if (!isObject(item)) return 'oruk3';
  if (ORUK1_FIELDS.some((f) => f in item)) return 'oruk1';
  const sal = Array.isArray(item.service_at_locations) ? item.service_at_locations : [];
  if (sal.some((s) => isObject(s) && isObject(s.location) && 'physical_addresses' in s.location)) return 'oruk1';
  return 'oruk3';
}

const NESTED = [
  'service_at_locations',
  'schedules',
  'regular_schedules',
  'languages',
  'contacts',
  'cost_options',
  'phones',
  'attributes',
  'service_taxonomys',
  'eligibilitys',
];
const isSummary = (item: unknown): boolean => isObject(item) && !NESTED.some((f) => f in item);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function getJson(url: string, o: FeedOptions): Promise<unknown> {
  const fetcher = o.fetch ?? fetch;
  const retries = o.retries ?? 2;
  let lastError = '';
  for (let attempt = 0; attempt <= retries; attempt++) {
    if (attempt) await sleep((o.retryDelayMs ?? 500) * attempt);
    let res: Response;
    try {
      res = await fetcher(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(o.timeoutMs ?? 30_000) });
    } catch (err) {
      lastError = `could not reach ${url}: ${(err as Error).message}`;
      continue;
    }
    if (!res.ok) {
      await res.body?.cancel().catch(() => undefined);
      lastError = `${url} answered HTTP ${res.status} ${res.statusText}`.trim();
      if (res.status >= 500 || res.status === 429) continue;
      throw new FeedError(lastError);
    }
    const text = await res.text();
    try {
      return JSON.parse(text);
    } catch {
      throw new FeedError(`${url} did not answer with JSON (it starts: ${JSON.stringify(text.slice(0, 60))})`);
    }
  }
  throw new FeedError(lastError);
}

function pageUrl(base: URL, page: number, perPage: number | undefined): string {
  const u = new URL(base);
  u.searchParams.set('page', String(page));
  if (perPage) u.searchParams.set('per_page', String(perPage));
  return u.toString();
}

/** `<list URL>/<id>` when the list URL looks like an ORUK `/services` endpoint. */
function detailUrl(base: URL, id: string): string | null {
  const path = base.pathname.replace(/\/+$/, '');
  if (!/\/services$/i.test(path)) return null;
  const u = new URL(base);
  u.pathname = `${path}/${encodeURIComponent(id)}`;
  u.search = '';
  return u.toString();
}

export interface FeedItem {
  raw: unknown;
  position: number;
  /** Notes about how the item was read (e.g. its details could not be fetched). */
  warnings: string[];
}

/** Every service in the feed, in order, as raw JSON. */
export async function* readFeed(location: string, o: FeedOptions = {}): AsyncGenerator<FeedItem> {
  let position = 0;
  if (!isUrl(location)) {
    let text: string;
    try {
      text = await fs.readFile(location, 'utf8');
    } catch (err) {
      throw new FeedError(
        `cannot read ${location}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`,
      );
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (err) {
      throw new FeedError(`${location} is not valid JSON: ${(err as Error).message}`);
    }
    for (const raw of readEnvelope(body).items) yield { raw, position: ++position, warnings: [] };
    return;
  }

  const base = new URL(location);
  let page = Number(base.searchParams.get('page') ?? '1') || 1;
  const maxPages = o.maxPages ?? 100_000;
  let previousIds = '';
  for (let fetched = 0; fetched < maxPages; fetched++) {
    const url = fetched === 0 && !o.perPage ? base.toString() : pageUrl(base, page, o.perPage);
    const env = readEnvelope(await getJson(url, o));
    o.onPage?.(page, env.totalPages, env.totalItems);
    const ids = env.items.map((i) => (isObject(i) ? (idOf(i.id) ?? '') : '')).join('\u0000');
    if (fetched > 0 && ids && ids === previousIds) {
      throw new FeedError(`${url} returned the same services as the page before: the feed seems to ignore the page parameter`);
    }
    previousIds = ids;

    // Fetch full services a few at a time, keeping the feed's order.
    const details = o.details ?? 'auto';
    const want = env.items.map((item) => {
      const id = isObject(item) ? idOf(item.id) : null;
      const url2 = id ? detailUrl(base, id) : null;
      return url2 && (details === 'always' || (details === 'auto' && isSummary(item))) ? url2 : null;
    });
    const full: (unknown | Error)[] = new Array(env.items.length);
    const queue = want.map((u, i) => ({ u, i })).filter((x) => x.u);
    const workers = Array.from({ length: Math.min(o.concurrency ?? 4, queue.length) }, async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        try {
          full[next.i] = await getJson(next.u!, { ...o, retries: o.retries ?? 1 });
        } catch (err) {
          full[next.i] = err as Error;
        }
      }
    });
    await Promise.all(workers);
    for (let i = 0; i < env.items.length; i++) {
      const f = full[i];
      if (f instanceof Error) {
        yield {
          raw: env.items[i],
          position: ++position,
          warnings: [`the full service could not be fetched (${f.message}); imported from the list entry`],
        };
      } else {
        yield { raw: f ?? env.items[i], position: ++position, warnings: [] };
      }
    }

    const done = env.items.length === 0 || env.last === true || (env.totalPages != null ? page >= env.totalPages : env.last !== false);
    if (done) return;
    page++;
  }
  throw new FeedError(`stopped after ${maxPages} pages`);
}

/** Services from a feed, mapped and ready for `importRecords`. */
export async function* feedRecords(location: string, source: string, o: FeedOptions = {}): AsyncGenerator<MappedRecord> {
  const ctx = newFeedContext(source, o.mapping);
  for await (const item of readFeed(location, o)) {
    const format = o.format && o.format !== 'auto' ? o.format : detectFormat(item.raw);
    const record = format === 'oruk1' ? mapOruk1Service(item.raw, ctx, item.position) : mapOruk3Service(item.raw, ctx, item.position);
    record.warnings.unshift(...item.warnings);
    yield record;
  }
}
