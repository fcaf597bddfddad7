// Module hooks for `npm start` (src/start.mjs): Node 24 runs Belong's
// TypeScript itself (it strips the types; Node's compile cache keeps the
// result), and these hooks turn into JavaScript only what it cannot run:
//   - JSX (every *.tsx file), for hono/jsx as tsconfig.json says;
//   - TypeScript forms that need more than removing types: parameter
//     properties (`constructor(private readonly x: X)`), enums, namespaces,
//     `import x = require()` and `export =`.
// esbuild (the compiler tsx uses) does that, once per version of a file: the
// result is kept in the cache folder under a hash of the file's text, so a
// later start only reads it. Without a cache folder (read-only install) it
// compiles in memory at every start. The hooks run on the main thread
// (module.registerHooks), with no loader thread and no second compiler
// resident, which is what tsx costs.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire, registerHooks } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** esbuild's options; a change here changes every file's cache key. */
const TRANSFORM = {
  format: 'esm',
  target: 'esnext',
  jsx: 'automatic',
  jsxImportSource: 'hono/jsx',
  sourcemap: 'inline',
  sourcesContent: false,
};

/**
 * Whether Node's type stripping may refuse this TypeScript (it accepts only syntax that
 * disappears with the types). Errs on the side of yes: a file wrongly said to need it is
 * only compiled by esbuild (once); the test next to this file checks that every file said
 * not to need it is accepted by Node.
 */
export function needsTransform(source) {
  return (
    /\b(enum|namespace)\s+[A-Za-z_$][\w$]*\s*\{/.test(source) ||
    /\bmodule\s+[A-Za-z_$][\w$.]*\s*\{/.test(source) ||
    /\bimport\s+[A-Za-z_$][\w$]*\s*=\s*require\s*\(/.test(source) ||
    /\bexport\s*=/.test(source) ||
    /\bconstructor\s*\((?:[^()]|\((?:[^()]|\([^()]*\))*\))*\b(?:public|private|protected|readonly|override)\s/.test(source)
  );
}

/** The folder for compiled files and Node's compile cache, or null when none can be written. */
export function cacheDirectory(env = process.env) {
  const dir = env.BELONG_CODE_CACHE || path.join(root, 'node_modules', '.cache', 'belong');
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.accessSync(dir, fs.constants.W_OK);
    return dir;
  } catch {
    return null;
  }
}

let esbuild;
/** JavaScript for a TypeScript or TSX file's text (esbuild; sources mapped to the file). */
export function transform(source, file) {
  esbuild ??= createRequire(import.meta.url)('esbuild');
  return esbuild.transformSync(source, { ...TRANSFORM, loader: file.endsWith('.tsx') ? 'tsx' : 'ts', sourcefile: file }).code;
}

/** The transform of `source`, from the cache folder when it holds this version. */
function compiled(source, file, cache) {
  if (!cache) return transform(source, file);
  const key = createHash('sha256')
    .update(JSON.stringify(TRANSFORM))
    .update(esbuildVersion())
    .update(file)
    .update('\0')
    .update(source)
    .digest('hex');
  const cached = path.join(cache, 'js', `${key.slice(0, 40)}.mjs`);
  try {
    return fs.readFileSync(cached, 'utf8');
  } catch {
    // not compiled yet
  }
  const code = transform(source, file);
  try {
    fs.mkdirSync(path.dirname(cached), { recursive: true });
    // Written under another name first, so a start that stops half-way never leaves half a file.
    const partial = `${cached}.${process.pid}.tmp`;
    fs.writeFileSync(partial, code);
    fs.renameSync(partial, cached);
  } catch {
    // a read-only cache: compiled again next time
  }
  return code;
}

let version;
function esbuildVersion() {
  version ??= JSON.parse(fs.readFileSync(createRequire(import.meta.url).resolve('esbuild/package.json'), 'utf8')).version;
  return version;
}

/** Registers the hooks on this thread: Belong's own .ts and .tsx files (not node_modules'). */
export function registerTypeScriptHooks(cache) {
  // Source maps point errors in compiled files at the TSX/TypeScript lines (files Node strips keep their lines).
  process.setSourceMapsEnabled(true);
  registerHooks({
    load(url, context, nextLoad) {
      if (!url.startsWith('file:') || url.includes('/node_modules/')) return nextLoad(url, context);
      const tsx = url.endsWith('.tsx');
      if (!tsx && !url.endsWith('.ts')) return nextLoad(url, context);
      const file = fileURLToPath(url);
      let source;
      if (tsx) source = fs.readFileSync(file, 'utf8');
      else {
        const loaded = nextLoad(url, context);
        source = String(loaded.source);
        if (!needsTransform(source)) return loaded;
      }
      return { format: 'module', source: compiled(source, file, cache), shortCircuit: true };
    },
  });
}
