// `npm start` runs on Node's own TypeScript support (src/start.mjs): the
// hooks compile only JSX and the TypeScript Node cannot strip, keep what they
// compiled, and the server starts, answers and stops that way.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { stripTypeScriptTypes } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import { needsTransform, transform } from './typescript-hooks.mjs';

const root = fileURLToPath(new URL('../../../', import.meta.url));

function sources(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) sources(p, out);
    else if (e.name.endsWith('.ts')) out.push(p);
  }
  return out;
}

describe('running TypeScript without tsx', () => {
  it('sends every TypeScript file that Node cannot strip to the compiler', () => {
    const files = sources(path.join(root, 'src'));
    assert.ok(files.length > 300);
    const refused: string[] = [];
    for (const file of files) {
      const source = fs.readFileSync(file, 'utf8');
      if (needsTransform(source)) continue;
      try {
        stripTypeScriptTypes(source);
      } catch {
        refused.push(path.relative(root, file));
      }
    }
    assert.deepEqual(refused, [], 'Node refuses these, and needsTransform() lets them through: widen it');
  });

  it('recognises the forms that need more than stripping, and not ordinary code', () => {
    for (const code of [
      'class A { constructor(private readonly q: string) {} }',
      'class A {\n  constructor(\n    public readonly problems: Problem[],\n  ) {\n    super();\n  }\n}',
      'class A { constructor(a: Map<string, (x: number) => void>, protected b = f(1)) {} }',
      'enum Colour { Red, Green }',
      'export const enum Size { S }',
      'namespace Things { export const a = 1; }',
      "import fs = require('fs');",
      'export = thing;',
    ])
      assert.equal(needsTransform(code), true, code);
    for (const code of [
      'class A { readonly x = 1; constructor(x: number) { this.x = x; } }',
      'const privateKey: string = "x"; // enum of things',
      "const note = 'namespace of ids'; type Module = { export: boolean };",
    ])
      assert.equal(needsTransform(code), false, code);
  });

  it('compiles TSX for hono/jsx, with a source map to the file', () => {
    const code = transform('const n: number = 1;\nexport const P = () => <p class="x">{n}</p>;\n', '/x/page.tsx');
    assert.match(code, /from "hono\/jsx\/jsx-runtime"/);
    assert.doesNotMatch(code, /: number/);
    assert.match(code, /\/\/# sourceMappingURL=data:application\/json;base64,/);
  });
});

describe('npm start (node src/start.mjs)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'belong-start-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const cache = path.join(dir, 'cache');

  /** Starts the server, asks for `/`, stops it with Ctrl-C; returns its log messages and the page. */
  async function startAndStop(): Promise<{ messages: string[]; page: string; exit: number | null }> {
    const child = spawn(process.execPath, ['src/start.mjs'], {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: path.join(dir, 'data'),
        DEMO_DATA: 'off',
        PORT: '0',
        LOG_LEVEL: 'info',
        NODE_ENV: 'test',
        BELONG_CODE_CACHE: cache,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const messages: string[] = [];
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    const listening = new Promise<string>((resolve, reject) => {
      let buf = '';
      child.stdout!.on('data', (d: Buffer) => {
        buf += d.toString();
        for (let i = buf.indexOf('\n'); i >= 0; i = buf.indexOf('\n')) {
          const entry = JSON.parse(buf.slice(0, i)) as { msg: string; url?: string };
          buf = buf.slice(i + 1);
          messages.push(entry.msg);
          if (entry.msg === 'Belong is listening') resolve(entry.url!);
        }
      });
      child.on('exit', (code) => reject(new Error(`the server exited before listening (${code})`)));
    });
    const url = await listening;
    const res = await fetch(url);
    assert.equal(res.status, 200);
    const page = await res.text();
    // The jobs start once the server listens; stopping waits for them to have started.
    child.kill('SIGINT');
    return { messages, page, exit: await exited };
  }

  it('starts the server, which answers and stops on Ctrl-C, and keeps what it compiled for the next start', async () => {
    const first = await startAndStop();
    assert.equal(first.exit, 0);
    assert.match(first.page, /<html lang="en"/);
    for (const step of [
      'creating the embedded database (first start: a few seconds)',
      'Belong is listening',
      'background jobs started',
      'stopping',
    ])
      assert.ok(first.messages.includes(step), step);
    assert.ok(first.messages.indexOf('background jobs started') > first.messages.indexOf('Belong is listening'));
    const compiled = fs.readdirSync(path.join(cache, 'js'));
    assert.ok(compiled.length > 50, 'the TSX files, compiled once');
    assert.ok(fs.readdirSync(path.join(cache, 'v8')).length > 0, "Node's compile cache");
    const stamps = new Map(compiled.map((f) => [f, fs.statSync(path.join(cache, 'js', f)).mtimeMs]));

    const second = await startAndStop();
    assert.equal(second.exit, 0);
    assert.ok(second.messages.includes('opening the embedded database'));
    const again = fs.readdirSync(path.join(cache, 'js'));
    assert.deepEqual(again.sort(), [...stamps.keys()].sort(), 'nothing compiled again');
    for (const f of again) assert.equal(fs.statSync(path.join(cache, 'js', f)).mtimeMs, stamps.get(f), f);
  });
});
