/**
 * npm run bench:startup -- [--runs N] [--fresh-clone] [--entry src/server.ts]
 *
 * Starts the server (`node --import tsx src/main.ts`, as `npm start` does)
 * on the embedded database and prints how long it takes until it listens:
 * a first start on a new data folder (the database is created, every
 * migration applied, the demo area loaded) and a second start on the same
 * folder, with the time of each step from the server's own progress lines.
 *
 * --entry starts another entry point (src/server.ts: without opening the
 * database early, to see what src/main.ts saves).
 * --fresh-clone also turns off tsx's compile cache, as on a machine that has
 * never run Belong (the first `npm start` after cloning).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '1' },
    'fresh-clone': { type: 'boolean', default: false },
    entry: { type: 'string', default: 'src/main.ts' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  console.log('usage: npm run bench:startup -- [--runs 3] [--fresh-clone] [--entry src/server.ts]');
  process.exit(0);
}
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) {
  console.error(`--runs must be a whole number above 0 (got "${values.runs}").`);
  process.exit(2);
}

interface Start {
  /** Milliseconds from spawning the process until it said it listens. */
  wallMs: number;
  /** Milliseconds since start at which each progress line was printed, by message. */
  steps: [string, number][];
}

/** Starts the server on `dataDir`, waits until it listens, stops it. */
function startOnce(dataDir: string): Promise<Start> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', 'tsx', values.entry], {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: dataDir,
        PORT: '0',
        LOG_LEVEL: 'info',
        ...(values['fresh-clone'] ? { TSX_DISABLE_CACHE: '1' } : {}),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const steps: [string, number][] = [];
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      let entry: { msg?: string; time?: number };
      try {
        entry = JSON.parse(line);
      } catch {
        return;
      }
      const at = Math.round(performance.now() - started);
      if (entry.msg) steps.push([entry.msg, at]);
      if (entry.msg === 'Belong is listening') {
        child.kill('SIGTERM');
        resolve({ wallMs: at, steps });
      }
    });
    child.on('exit', (code) => {
      if (!steps.some(([m]) => m === 'Belong is listening')) reject(new Error(`the server stopped (exit ${code}) before listening`));
    });
    child.on('error', reject);
  }).then(async (r) => {
    // Wait until the data folder's lock is released before the next start.
    for (let i = 0; i < 500 && fs.existsSync(`${dataDir}.lock`); i++) await new Promise((res) => setTimeout(res, 20));
    return r as Start;
  });
}

const lines: string[] = [];
const print = (s: string) => {
  console.log(s);
  lines.push(s);
};
print(
  `${values.entry}: Node ${process.version}, ${os.cpus().length} CPUs, load average ${os
    .loadavg()
    .map((n) => n.toFixed(1))
    .join(' ')}` + (values['fresh-clone'] ? ', tsx compile cache off' : ''),
);
const firsts: number[] = [];
const seconds: number[] = [];
for (let i = 0; i < runs; i++) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'belong-bench-start-'));
  const dataDir = path.join(dir, 'pglite');
  try {
    const first = await startOnce(dataDir);
    const second = await startOnce(dataDir);
    firsts.push(first.wallMs);
    seconds.push(second.wallMs);
    print(`\nrun ${i + 1}: first start ${(first.wallMs / 1000).toFixed(1)} s, second start ${(second.wallMs / 1000).toFixed(1)} s`);
    for (const [msg, at] of first.steps) print(`  ${(at / 1000).toFixed(2).padStart(6)} s  ${msg}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
const mid = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
print(`\nmedian of ${runs}: first start ${(mid(firsts) / 1000).toFixed(1)} s, second start ${(mid(seconds) / 1000).toFixed(1)} s`);
