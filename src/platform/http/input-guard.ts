/**
 * Input every route can trust, checked once for the whole app (createApp
 * mounts these before any route):
 *
 * - `bodyLimits`: no request body larger than its route allows. Forms get
 *   FORM_BODY_LIMIT; the few routes that need more are listed where the app is
 *   put together, each with its reason. A body announced as too large
 *   (Content-Length) is refused before a byte of it is read; a body sent in
 *   chunks is read only up to the limit. Either way: 413, and the connection is
 *   closed so the rest is never read.
 * - `inputGuard`: refuses, with 400, what no route could use and PostgreSQL
 *   would refuse later as a 500: a NUL byte anywhere in the address, the
 *   cookies or the submitted fields (PostgreSQL text cannot hold one), a
 *   multipart form without its boundary or that does not parse, and a page
 *   sent something that is not a form (JSON is for the APIs). The parsed form is kept on the request,
 *   so the route's own `c.req.parseBody()` does not read the body again.
 *
 * The answers are RequestRejected errors; the app's error handler turns them
 * into a page in the person's language, or JSON for the APIs.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { RequestRejected } from './errors.ts';

/** The largest form body any page accepts: far above the longest form (a bulk choice of 500 listings is ~25 KB). */
export const FORM_BODY_LIMIT = 128 * 1024;

export interface BodyLimitRule {
  method: string;
  /** The route's path pattern, as Hono writes it: `/staff/handovers/import`. Parameters (`:id`) match one segment. */
  path: string;
  maxBytes: number;
  /** Why this route needs more than a form: shown nowhere, kept for the reader. */
  why: string;
}

function pathMatcher(pattern: string): RegExp {
  const source = pattern
    .split('/')
    .map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${source}/?$`);
}

/** A body limit on every request: `defaultBytes`, or the larger limit of the first rule that matches. */
export function bodyLimits(defaultBytes: number, larger: readonly BodyLimitRule[] = []): MiddlewareHandler {
  const tooLarge = () => {
    throw new RequestRejected('tooLarge');
  };
  const standard = bodyLimit({ maxSize: defaultBytes, onError: tooLarge });
  const rules = larger.map((r) => ({
    method: r.method.toUpperCase(),
    path: pathMatcher(r.path),
    limit: bodyLimit({ maxSize: r.maxBytes, onError: tooLarge }),
  }));
  return (c, next) => {
    const rule = rules.find((r) => r.method === c.req.method && r.path.test(c.req.path));
    return (rule?.limit ?? standard)(c, next);
  };
}

/** Paths that are programs' APIs (JSON in, JSON out) rather than pages with forms. */
export function isApiPath(path: string): boolean {
  return /^\/(api|oruk|fhir)(\/|$)/.test(path) || path === '/health';
}

const NUL_IN_URL = /%00|\u0000/i;
const FORM_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data']);
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function hasNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > 20 || value === null || typeof value !== 'object') return false;
  if (value instanceof File) return value.name.includes('\u0000');
  if (Array.isArray(value)) return value.some((v) => hasNul(v, depth + 1));
  return Object.entries(value).some(([k, v]) => k.includes('\u0000') || hasNul(v, depth + 1));
}

/** The media type of the request body, lower case, without parameters ('' when none). */
function mediaTypeOf(c: Context): string {
  return (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
}

async function bodyIsEmpty(c: Context): Promise<boolean> {
  if (!c.req.raw.body) return true;
  if (c.req.header('content-length') === '0') return true;
  return (await c.req.arrayBuffer()).byteLength === 0;
}

/** The 400 checks described at the top of this file. */
export function inputGuard(): MiddlewareHandler {
  return async (c, next) => {
    // The address (path and query, still percent-encoded) and the cookies.
    if (NUL_IN_URL.test(c.req.url)) throw new RequestRejected('nul');
    if (NUL_IN_URL.test(c.req.header('cookie') ?? '')) throw new RequestRejected('nul');

    if (BODY_METHODS.has(c.req.method)) {
      const type = mediaTypeOf(c);
      if (FORM_TYPES.has(type)) {
        if (type === 'multipart/form-data' && !/;\s*boundary=/i.test(c.req.header('content-type') ?? '')) {
          throw new RequestRejected('notAForm');
        }
        let form: Record<string, unknown>;
        try {
          // Parsed once here; Hono keeps the result for the route's own parseBody().
          form = await c.req.parseBody({ all: true });
        } catch (err) {
          throw new RequestRejected('notAForm', { cause: err });
        }
        if (hasNul(form)) throw new RequestRejected('nul');
      } else if (isApiPath(c.req.path)) {
        if (type === 'application/json' || type.endsWith('+json')) {
          let parsed: unknown;
          try {
            parsed = JSON.parse(await c.req.text());
          } catch {
            parsed = undefined; // not JSON: the API says so in its own words
          }
          if (hasNul(parsed)) throw new RequestRejected('nul');
        }
      } else if (!(await bodyIsEmpty(c))) {
        // Pages take forms only; an empty body (a bare POST) is left to the route.
        throw new RequestRejected('notAForm');
      }
    }
    await next();
  };
}
