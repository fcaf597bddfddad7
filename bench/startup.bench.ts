/**
 * npm run bench:startup -- [--runs N] [--services N] [--engine pglite|postgres|both]
 *                           [--fresh-clone] [--entry src/server.ts] [--sigint]
 *
 * Starts the server (`node src/start.mjs`, as `npm start` does)
 * and prints, for each start: the time until `/health` answers 200 and until
 * `/` answers 200, each start-up step's time from the server's own progress
 * lines, and the server process's resident memory (VmRSS, and the peak
 * VmHWM, from /proc/<pid>/status: the embedded database's worker thread is in
 * the same process) at each step, once it answers, and after a few public
 * pages (`/`, `/find?where=BD8`, a service page).
 *
 * Without --services (the demo): a first start on a new data folder (the
 * database is created by initdb, every migration applied, the demo area
 * loaded) and a second start on the same folder.
 *
 * With --services N: N synthetic services are bulk-loaded first (as
 * bench:http does), and the server runs with DEMO_DATA=off. Three starts:
 *   new    a new, empty data folder: initdb and every migration, no data
 *   cold   the first start of a fresh process on the loaded folder (the
 *          folder was just written, so the operating system's file cache
 *          holds it: "cold" is PGlite's and Node's, not the disk's)
 *   warm   the second start on the same folder
 * --from DIR copies a data folder loaded earlier instead of loading one (PGlite; the
 * new-folder start is then left out).
 * --sigint then sends the review-reminder job, starts the server again,
 * presses Ctrl-C (SIGINT) while the job runs, and prints how long stopping
 * took and what became of the job.
 *
 * --engine postgres: the same on the PostgreSQL server (BENCH_PG_URL, else
 * postgres://postgres@127.0.0.1:5432/test), in a database of its own that is
 * dropped at the end; the memory is the app process's only.
 * --entry starts another entry point: a .ts file through tsx (src/main.ts: as
 * `npm start` did before it ran on Node's own TypeScript support; src/server.ts:
 * without opening the database early, to see what src/main.ts saves).
 * --fresh-clone starts with empty compile caches (src/start.mjs's and tsx's),
 * as on a machine that has never run Belong (the first `npm start` after cloning).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { QUEUE_SPECS, QUEUES } from '../src/background-jobs.ts';
import { bulkLoadServices } from '../src/modules/demo/bulk-load.ts';
import { ensureVocabulary } from '../src/modules/directory/vocabulary.repository.ts';
import { openDatabase } from '../src/platform/db/database.ts';
import { openJobs } from '../src/platform/jobs/jobs.ts';
import { createLogger } from '../src/platform/log.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '1' },
    services: { type: 'string', default: '0' },
    engine: { type: 'string', default: 'pglite' },
    'fresh-clone': { type: 'boolean', default: false },
    entry: { type: 'string', default: 'src/start.mjs' },
    sigint: { type: 'boolean', default: false },
    from: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  console.log(
    'usage: npm run bench:startup -- [--runs 3] [--services 100000] [--engine pglite|postgres|both] [--from DIR] [--sigint] [--fresh-clone] [--entry src/server.ts]',
  );
  process.exit(0);
}
const runs = Number(values.runs);
const services = Number(values.services);
if (!Number.isInteger(runs) || runs < 1) {
  console.error(`--runs must be a whole number above 0 (got "${values.runs}").`);
  process.exit(2);
}
if (!Number.isInteger(services) || services < 0) {
  console.error(`--services must be a whole number (got "${values.services}").`);
  process.exit(2);
}
const engines = values.engine === 'both' ? ['pglite', 'postgres'] : [values.engine!];
if (!engines.every((e) => e === 'pglite' || e === 'postgres')) {
  console.error(`--engine must be pglite, postgres or both (got "${values.engine}").`);
  process.exit(2);
}
const PG_BASE = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const PG_DB = 'belong_startup_bench_pglite_start';

/** Resident memory of a process, in MB (VmRSS now, VmHWM the peak so far). */
interface Memory {
  rss: number;
  peak: number;
}
function memoryOf(pid: number | undefined): Memory | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
  } catch {
    return null;
  }
}
/** CPU time a process has used so far (user + system, all its threads), in ms: less sensitive than wall time to other work on the machine. */
function cpuMsOf(pid: number | undefined): number {
  try {
    const fields = fs
      .readFileSync(`/proc/${pid}/stat`, 'utf8')
      .replace(/^.*\) /s, '')
      .split(' ');
    // After "(comm) ": state is field 3, utime field 14, stime field 15 (1-based), in clock ticks (100 a second on Linux).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}
const mb = (m: Memory | null) => (m ? `${Math.round(m.rss)} MB (peak ${Math.round(m.peak)})` : 'n/a');

interface Start {
  /** Milliseconds from spawning the process until /health answered 200, and until / did. */
  healthMs: number;
  homeMs: number;
  /** CPU time the server process had used when / answered (all threads: the embedded database's too). */
  homeCpuMs: number;
  /** Progress lines: message, milliseconds since spawn, resident memory then. */
  steps: [string, number, Memory | null][];
  /** Resident memory once / answered, and after the public pages. */
  afterStart: Memory | null;
  afterPages: Memory | null;
  /** Once the resident size stopped changing (V8 compiles PGlite's WebAssembly again, optimised, in the background for a few seconds after it opens), after the pages again. */
  settled: Memory | null;
  settledAfterMs: number;
  /** Each public page: path and milliseconds (first request after start). */
  pages: [string, number][];
  /** Milliseconds from SIGINT until the process ended. */
  stopMs: number;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function get(url: string): Promise<{ status: number; body: string }> {
  const r = await fetch(url, { headers: { cookie: 'lang=en' } });
  return { status: r.status, body: await r.text() };
}

async function until200(url: string, child: ChildProcess): Promise<void> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server stopped (exit ${child.exitCode}) before ${url} answered`);
    try {
      if ((await get(url)).status === 200) return;
    } catch {
      /* not listening yet */
    }
    await sleep(20);
  }
}

function stopped(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));
}

/**
 * Starts the server on `url`, measures until it answers and a few pages, then
 * stops it with SIGINT (after `beforeStop`, if given).
 */
/** The Node options `npm start` gives (package.json's start script), so that a start here is the same. */
const START_FLAGS = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start
  .split(/\s+/)
  .filter((arg) => arg.startsWith('--'));

async function startOnce(url: string, env: Record<string, string>, beforeStop?: () => Promise<void>): Promise<Start> {
  const started = performance.now();
  const since = () => Math.round(performance.now() - started);
  const port = 3300 + Math.floor(Math.random() * 500);
  const args = values.entry!.endsWith('.mjs') ? [...START_FLAGS, values.entry!] : ['--import', 'tsx', values.entry!];
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: url,
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'info',
      ...env,
      ...(values['fresh-clone'] ? { TSX_DISABLE_CACHE: '1', BELONG_CODE_CACHE: fs.mkdtempSync(path.join(tmp, 'code-cache-')) } : {}),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const steps: Start['steps'] = [];
  readline.createInterface({ input: child.stdout! }).on('line', (line) => {
    let entry: { msg?: string };
    try {
      entry = JSON.parse(line);
    } catch {
      return;
    }
    if (entry.msg) steps.push([entry.msg, since(), memoryOf(child.pid)]);
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    await until200(`${base}/health`, child);
    const healthMs = since();
    await until200(`${base}/`, child);
    const homeMs = since();
    const homeCpuMs = cpuMsOf(child.pid);
    const afterStart = memoryOf(child.pid);
    const pages: [string, number][] = [];
    const timed = async (p: string) => {
      const t0 = performance.now();
      const r = await get(base + p);
      pages.push([`${p.replace(/[0-9a-f-]{36}/, ':id')} ${r.status}`, Math.round(performance.now() - t0)]);
      return r.body;
    };
    await timed('/');
    const find = await timed('/find?where=BD8');
    const id = /\/services\/([0-9a-f-]{36})/.exec(find)?.[1];
    if (id) await timed(`/services/${id}`);
    const afterPages = memoryOf(child.pid);
    if (beforeStop) await beforeStop();
    let settledAfterMs = 0;
    let settled: Memory | null = null;
    if (!beforeStop) {
      // Wait (at most 30 s) until two samples a second apart differ by under 3 MB, then the pages again.
      const t0 = performance.now();
      let previous = memoryOf(child.pid)?.rss ?? 0;
      for (let quiet = 0; quiet < 2 && performance.now() - t0 < 30_000;) {
        await sleep(1000);
        const now = memoryOf(child.pid)?.rss ?? 0;
        quiet = Math.abs(now - previous) < 3 ? quiet + 1 : 0;
        previous = now;
      }
      settledAfterMs = Math.round(performance.now() - t0);
      await get(`${base}/`);
      const again = await get(`${base}/find?where=BD8`);
      const other = /\/services\/([0-9a-f-]{36})/.exec(again.body)?.[1];
      if (other) await get(`${base}/services/${other}`);
      settled = memoryOf(child.pid);
    }
    const t0 = performance.now();
    child.kill('SIGINT');
    await stopped(child);
    const stopMs = Math.round(performance.now() - t0);
    // Wait until the data folder's lock is released before the next start.
    for (let i = 0; i < 500 && fs.existsSync(`${url}.lock`); i++) await sleep(20);
    return { healthMs, homeMs, homeCpuMs, steps, afterStart, afterPages, settled, settledAfterMs, pages, stopMs };
  } finally {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await stopped(child);
    }
  }
}

const lines: string[] = [];
const print = (s: string) => {
  console.log(s);
  lines.push(s);
};
const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

function report(label: string, s: Start) {
  print(
    `  ${label}: /health 200 after ${secs(s.healthMs)}, / 200 after ${secs(s.homeMs)} (CPU ${secs(s.homeCpuMs)}); memory ${mb(s.afterStart)} once answering, ${mb(s.afterPages)} after the pages${s.settled ? `, ${mb(s.settled)} settled (${secs(s.settledAfterMs)} later, pages again)` : ''}; stopped ${s.stopMs} ms after SIGINT`,
  );
  for (const [msg, at, m] of s.steps)
    print(`    ${(at / 1000).toFixed(2).padStart(6)} s  ${String(Math.round(m?.rss ?? 0)).padStart(4)} MB  ${msg}`);
  print(`    pages: ${s.pages.map(([p, ms]) => `${p} ${ms} ms`).join(', ')}`);
}

async function pgAdmin(statement: string): Promise<void> {
  const c = new pg.Client({ connectionString: PG_BASE });
  await c.connect();
  try {
    await c.query(statement);
  } finally {
    await c.end();
  }
}
function pgUrl(): string {
  const u = new URL(PG_BASE);
  u.pathname = `/${PG_DB}`;
  return u.toString();
}

/** Bulk-loads `services` services into the database at `url` (created by openDatabase: initdb and migrations). */
async function load(url: string): Promise<void> {
  const t0 = performance.now();
  const database = await openDatabase({ url, purpose: 'startup benchmark' });
  await ensureVocabulary(database.db);
  await bulkLoadServices(database.db, { services, dropIndexes: true });
  await database.close();
  print(`loaded ${services} services in ${secs(performance.now() - t0)}`);
}

/** Sends one review-reminder job to the database at `url` (the server must be stopped on PGlite). */
async function sendReminderJob(url: string): Promise<void> {
  const database = await openDatabase({ url, purpose: 'startup benchmark' });
  try {
    const jobs = openJobs(database, createLogger('warn'));
    await jobs.start(QUEUE_SPECS);
    await jobs.sendNow(QUEUES.reminders);
    await jobs.stop();
  } finally {
    await database.close();
  }
}

async function reminderJobStates(url: string): Promise<string> {
  const database = await openDatabase({ url, purpose: 'startup benchmark', migrate: false });
  try {
    const rows = await database.script(
      `select state, count(*)::int as n from pgboss.job where name = '${QUEUES.reminders}' group by state`,
    );
    return rows.map((r) => `${String(r.state)} ${String(r.n)}`).join(', ');
  } finally {
    await database.close();
  }
}

print(
  `${values.entry}: Node ${process.version}, ${os.cpus().length} CPUs, load average ${os
    .loadavg()
    .map((n) => n.toFixed(1))
    .join(' ')}` +
    (services ? `, ${services} services` : ', demo data') +
    (values['fresh-clone'] ? ', compile caches empty' : ''),
);
const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
const best = (v: number[]) => Math.min(...v);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'belong-bench-start-'));
try {
  for (const engine of engines) {
    print(`\n== ${engine}`);
    const figures: Record<string, { home: number[]; cpu: number[]; rss: number[]; peak: number[]; settled: number[] }> = {};
    const note = (label: string, s: Start) => {
      const f = (figures[label] ??= { home: [], cpu: [], rss: [], peak: [], settled: [] });
      f.settled.push(s.settled?.rss ?? NaN);
      f.home.push(s.homeMs);
      f.cpu.push(s.homeCpuMs);
      f.rss.push(s.afterPages?.rss ?? NaN);
      f.peak.push(s.settled?.peak ?? s.afterPages?.peak ?? NaN);
      report(label, s);
    };
    if (!services) {
      if (engine === 'postgres') {
        print('  (the demo start is measured on PGlite only; use --services N for PostgreSQL)');
        continue;
      }
      for (let i = 0; i < runs; i++) {
        const dataDir = path.join(tmp, `demo-${i}`);
        print(`\nrun ${i + 1}`);
        note('first start (new folder: initdb, migrations, demo area)', await startOnce(dataDir, {}));
        note('second start', await startOnce(dataDir, {}));
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    } else {
      const env = { DEMO_DATA: 'off' };
      let url: string;
      let pristine: string | undefined;
      if (engine === 'pglite') {
        pristine = values.from ?? path.join(tmp, 'loaded');
        if (!values.from) await load(pristine);
        url = path.join(tmp, 'work');
      } else {
        await pgAdmin(`DROP DATABASE IF EXISTS ${PG_DB} WITH (FORCE)`);
        await pgAdmin(`CREATE DATABASE ${PG_DB}`);
        url = pgUrl();
        await load(url);
      }
      for (let i = 0; i < runs; i++) {
        print(`\nrun ${i + 1}`);
        if (engine === 'pglite') {
          if (!values.from) {
            const fresh = path.join(tmp, `new-${i}`);
            note('new (empty folder: initdb, migrations)', await startOnce(fresh, env));
            fs.rmSync(fresh, { recursive: true, force: true });
          }
          fs.rmSync(url, { recursive: true, force: true });
          fs.cpSync(pristine!, url, { recursive: true });
        }
        note(engine === 'pglite' ? 'cold (first start on the loaded folder)' : 'first start', await startOnce(url, env));
        note(engine === 'pglite' ? 'warm (second start)' : 'second start', await startOnce(url, env));
      }
      if (values.sigint) {
        await sendReminderJob(url);
        const s = await startOnce(url, env, () => sleep(500));
        report('Ctrl-C with the review-reminder job sent before start', s);
        print(`    review-reminder jobs afterwards: ${await reminderJobStates(url)}`);
      }
      if (engine === 'postgres') await pgAdmin(`DROP DATABASE IF EXISTS ${PG_DB} WITH (FORCE)`);
    }
    print(`\n${engine}, ${runs} run(s): best / median`);
    for (const [label, f] of Object.entries(figures)) {
      print(
        `  ${label}: / answers after ${secs(best(f.home))} / ${secs(median(f.home))} (CPU ${secs(best(f.cpu))} / ${secs(median(f.cpu))}); RSS after pages ${Math.round(best(f.rss))} / ${Math.round(median(f.rss))} MB, settled ${Math.round(best(f.settled))} / ${Math.round(median(f.settled))} MB, peak ${Math.round(best(f.peak))} / ${Math.round(median(f.peak))} MB`,
      );
    }
  }
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
