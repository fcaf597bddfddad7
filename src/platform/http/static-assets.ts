/**
 * The static files pages link to (CSS, fonts), read once at start-up and
 * named by content hash: `public/belong.css` is served as
 * `/static/belong.<hash>.css`, so browsers may keep it for a year and a new
 * version simply has a new address.
 *
 * Sources: every file under `public/`, plus a few files taken straight from
 * npm packages (the Urdu web font), listed in PACKAGE_FILES. Inside CSS,
 * `url(/static/<name>)` is rewritten to the hashed address of that file, so a
 * new font also gives its stylesheet a new address. Text files are gzipped
 * once here (level 9) and served compressed to clients that accept gzip.
 *
 * Files are read when first needed and kept in memory; a change to `public/`
 * needs a restart.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

/** One servable file. */
export interface StaticAsset {
  /** Logical name, relative to /static/, e.g. `belong.css` or `fonts/urdu.css`. */
  name: string;
  /** Hashed address, e.g. `/static/belong.1a2b3c4d5e.css`. */
  url: string;
  hash: string;
  contentType: string;
  body: Uint8Array<ArrayBuffer>;
  /** gzip-compressed body, for text types when it is smaller. */
  gzip?: Uint8Array<ArrayBuffer>;
}

export interface AssetRegistry {
  byName: ReadonlyMap<string, StaticAsset>;
  /** Keyed by the part of the hashed address after `/static/`. */
  byHashedPath: ReadonlyMap<string, StaticAsset>;
}

export const STATIC_PREFIX = '/static/';
const PUBLIC_DIR = fileURLToPath(new URL('../../../public/', import.meta.url));

/** Files served from npm packages: logical name → package path. */
const PACKAGE_FILES: Readonly<Record<string, string>> = {
  'fonts/noto-nastaliq-urdu-arabic-400.woff2': '@fontsource/noto-nastaliq-urdu/files/noto-nastaliq-urdu-arabic-400-normal.woff2',
};

const TYPES: Readonly<Record<string, string>> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.woff2': 'font/woff2',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.json': 'application/json',
};

function hashedUrl(name: string, hash: string): string {
  const ext = path.posix.extname(name);
  return `${STATIC_PREFIX}${name.slice(0, name.length - ext.length)}.${hash}${ext}`;
}

function makeAsset(name: string, body: Uint8Array): StaticAsset {
  const hash = crypto.createHash('sha256').update(body).digest('hex').slice(0, 10);
  const contentType = TYPES[path.posix.extname(name)] ?? 'application/octet-stream';
  const asset: StaticAsset = { name, url: hashedUrl(name, hash), hash, contentType, body: new Uint8Array(body) };
  if (/^text\/|svg|json/.test(contentType)) {
    const gz = zlib.gzipSync(body, { level: 9 });
    if (gz.length < body.length) asset.gzip = new Uint8Array(gz);
  }
  return asset;
}

function listFiles(dir: string, prefix = ''): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.name.startsWith('.')) continue;
    const rel = prefix + e.name;
    if (e.isDirectory()) out.push(...listFiles(path.join(dir, e.name), `${rel}/`));
    else out.push(rel);
  }
  return out.sort();
}

/** Reads and hashes every asset. Exposed for tests; pages use `assetUrl()`. */
export function buildAssetRegistry(publicDir = PUBLIC_DIR): AssetRegistry {
  const require = createRequire(import.meta.url);
  const raw = new Map<string, Uint8Array>();
  for (const [name, spec] of Object.entries(PACKAGE_FILES)) raw.set(name, fs.readFileSync(require.resolve(spec)));
  for (const name of listFiles(publicDir)) raw.set(name, fs.readFileSync(path.join(publicDir, name)));

  const byName = new Map<string, StaticAsset>();
  // Everything but CSS first, so stylesheets can point at hashed fonts and images.
  const names = [...raw.keys()].sort((a, b) => Number(a.endsWith('.css')) - Number(b.endsWith('.css')) || a.localeCompare(b));
  for (const name of names) {
    let body = raw.get(name)!;
    if (name.endsWith('.css')) {
      const text = Buffer.from(body)
        .toString('utf8')
        .replace(/url\(\/static\/([^)"'\s]+)\)/g, (whole, ref: string) => {
          const target = byName.get(ref);
          return target ? `url(${target.url})` : whole;
        });
      body = Buffer.from(text, 'utf8');
    }
    byName.set(name, makeAsset(name, body));
  }
  const byHashedPath = new Map([...byName.values()].map((a) => [a.url.slice(STATIC_PREFIX.length), a]));
  return { byName, byHashedPath };
}

let registry: AssetRegistry | undefined;

/** The process-wide registry, built on first use. */
export function assetRegistry(): AssetRegistry {
  registry ??= buildAssetRegistry();
  return registry;
}

/** The hashed address of a static file; throws for an unknown name (a typo in a template). */
export function assetUrl(name: string): string {
  const asset = assetRegistry().byName.get(name);
  if (!asset) throw new Error(`No static file named "${name}" in public/ or PACKAGE_FILES.`);
  return asset.url;
}
