/**
 * Page weight: how many bytes a first visit costs, to keep every page inside
 * the first TCP round trip (about 14 KB) on a cheap phone.
 *
 * Measured as gzip at level 9 of the HTML plus every stylesheet the page
 * links, fonts excluded (the Urdu font is only fetched by Urdu pages, and
 * only when the phone lacks it; its stylesheet is counted). gzip rather than
 * brotli because it is what every phone and proxy supports — the honest worst
 * case. A server that compresses with brotli only does better.
 */
import zlib from 'node:zlib';

/** 14 KB: the first round trip of a new TCP connection (10 segments of ~1,460 bytes, rounded). */
export const PAGE_BUDGET_BYTES = 14_336;

export interface PageWeight {
  /** gzip bytes of the HTML document. */
  html: number;
  /** gzip bytes of all stylesheets together (each compressed on its own, as served). */
  css: number;
  total: number;
}

const gzipSize = (body: string | Uint8Array) => zlib.gzipSync(body, { level: 9 }).length;

/** Compressed size of a page and its stylesheets (their contents, not their addresses). */
export function measurePageWeight(html: string, cssFiles: readonly (string | Uint8Array)[]): PageWeight {
  const h = gzipSize(html);
  const css = cssFiles.reduce((sum, f) => sum + gzipSize(f), 0);
  return { html: h, css, total: h + css };
}

/** The addresses of the stylesheets an HTML page links, in order. */
export function stylesheetHrefs(html: string): string[] {
  const out: string[] = [];
  for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
    if (!/\brel=["']?stylesheet\b/i.test(tag)) continue;
    const href = /\bhref=["']([^"']+)["']/i.exec(tag)?.[1];
    if (href) out.push(href.replace(/&amp;/g, '&'));
  }
  return out;
}

/** Anything that answers requests like `app.request()` (Hono) or fetch. */
export type Fetcher = (path: string, init?: RequestInit) => Response | Promise<Response>;

export interface FirstLoad extends PageWeight {
  path: string;
  lang: string;
  status: number;
  stylesheets: string[];
}

/**
 * Loads a page as a first-time visitor whose browser asks for `lang` (no
 * cookie yet, so the language list is shown open), follows
 * its stylesheet links, and measures the lot. Bodies are fetched uncompressed
 * and compressed here, so the figure does not depend on the server's settings.
 */
export async function measureFirstLoad(fetcher: Fetcher, path: string, lang: string): Promise<FirstLoad> {
  const headers = { 'accept-language': lang, 'accept-encoding': 'identity' };
  const res = await fetcher(path, { headers });
  const html = await res.text();
  const stylesheets = stylesheetHrefs(html);
  const css: Uint8Array[] = [];
  for (const href of stylesheets) {
    const r = await fetcher(href, { headers });
    if (!r.ok) throw new Error(`${path} [${lang}] links ${href}, which answers ${r.status}`);
    css.push(new Uint8Array(await r.arrayBuffer()));
  }
  return { path, lang, status: res.status, stylesheets, ...measurePageWeight(html, css) };
}
