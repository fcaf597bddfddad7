/**
 * npm run bench:http [-- --services 100000 --seconds 10 --connections 16 --engine both|pglite|postgres]
 *
 * Public pages under load (issue 16): loads N synthetic services, starts
 * Belong (`src/main.ts`, as `npm start` does) and, in the same run, a minimal
 * Hono server answering the same bytes (bench/http-baseline.ts), and drives
 * each page with a keep-alive load generator in a second process
 * (bench/http-load.ts). On PostgreSQL it measures one and two app processes
 * (the embedded database allows one). Prints req/s, p50 and p99 per page and
 * the ratio to the baseline: each page at one address (asked again and
 * again, so mostly answered from the kept copy, page-cache.ts), then each kind
 * of page at many addresses, none asked twice (what a page costs to make).
 * Each row also gives the CPU milliseconds per request of the app processes,
 * of the PostgreSQL server's processes (when it runs on this machine) and of
 * the load generator, and how busy the whole machine was (bench/cpu-use.ts):
 * where every core is already busy, a second app process cannot add much.
 *
 * PostgreSQL: BENCH_PG_URL, else postgres://postgres@127.0.0.1:5432/test; the
 * benchmark uses its own database belong_http_bench and drops it at the end.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { bulkLoadServices } from '../src/modules/demo/bulk-load.ts';
import { ensureVocabulary } from '../src/modules/directory/vocabulary.repository.ts';
import { openDatabase } from '../src/platform/db/database.ts';
import { cpuSnapshot, cpuUse, type CpuUse } from './cpu-use.ts';
import { freshAddress } from './fresh-addresses.ts';

const { values } = parseArgs({
  options: {
    services: { type: 'string', default: '100000' },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '16' },
    engine: { type: 'string', default: 'both' },
  },
});
const N = Number(values.services);
const SECONDS = Number(values.seconds);
const CONNECTIONS = Number(values.connections);
const root = path.resolve(import.meta.dirname, '..');
const node = process.execPath;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'belong-http-bench-'));

const PAGES = [
  '/',
  '/find?where=BD8',
  '/find?q=chat&where=BD8&who=women_only&need=free',
  '/services/:id',
  '/oruk/services?search=chat&postcode=BD8&proximity=2000',
];

/**
 * The same kinds of page at many different addresses, none asked twice in a
 * run: what a page costs when it is not already kept (page-cache.ts), as when
 * people all over a city search for different things. Each kind is compared
 * with the baseline of its single address above (the same size of page).
 */
interface ManyAddresses {
  label: string;
  /** The single-address page whose baseline it is compared with. */
  like: string;
  /** One set for the warm-up, another (never asked before) for the measurement. */
  warmup: string[];
  measured: string[];
}

function manyAddresses(districts: string[], serviceIds: string[]): ManyAddresses[] {
  const combos = <T>(make: (i: number) => T, n: number) => Array.from({ length: n }, (_, i) => make(i));
  const halves = (all: string[]) => ({ warmup: all.filter((_, i) => i % 2 === 1), measured: all.filter((_, i) => i % 2 === 0) });
  const places = combos((i) => freshAddress('place', i, districts), 400);
  const filtered = combos((i) => freshAddress('words', i, districts), 2000);
  const oruk = combos((i) => freshAddress('oruk', i, districts), 2000);
  return [
    { label: `/find?where=… (${places.length} districts and pages)`, like: PAGES[1]!, ...halves(places) },
    { label: `/find?q=…&where=…&who=…&need=… (${filtered.length} searches)`, like: PAGES[2]!, ...halves(filtered) },
    { label: `/services/… (${serviceIds.length} services)`, like: PAGES[3]!, ...halves(serviceIds.map((id) => `/services/${id}`)) },
    { label: `/oruk/services?search=…&postcode=… (${oruk.length} searches)`, like: PAGES[4]!, ...halves(oruk) },
  ];
}

interface Load {
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  /** The load generator's own CPU milliseconds. */
  cpuMs: number;
}

function start(args: string[], env: Record<string, string>): ChildProcess {
  const child = spawn(node, ['--import', 'tsx', ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return child;
}

async function waitFor(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 1200; i++) {
    if (child.exitCode !== null) throw new Error(`${url}: the process ended (${child.exitCode})`);
    try {
      const r = await fetch(url);
      await r.arrayBuffer();
      if (r.status < 500) return;
    } catch {
      /* not yet listening */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer`);
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGINT');
  });
}

/** `load`, with the CPU the app processes (`pids`), the PostgreSQL server and the whole machine used meanwhile. */
async function measured(urls: string[], pids: number[], once = false): Promise<Load & { cpu: CpuUse | null }> {
  const before = cpuSnapshot(pids);
  const result = await load(urls, once);
  return { ...result, cpu: cpuUse(before, cpuSnapshot(pids), result.requests) };
}

function load(urls: string[], once = false): Promise<Load> {
  const job = path.join(tmp, 'load.json');
  fs.writeFileSync(job, JSON.stringify({ urls, seconds: SECONDS, connections: CONNECTIONS, once }));
  return new Promise((resolve, reject) => {
    const child = spawn(node, [path.join(root, 'bench/http-load.ts'), `@${job}`], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout!.on('data', (d) => (out += d));
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as Load) : reject(new Error(`load generator ${code}`))));
  });
}

async function prepare(
  engine: string,
): Promise<{ url: string; serviceId: string; districts: string[]; serviceIds: string[]; dispose(): Promise<void> }> {
  let url: string;
  let dispose: () => Promise<void>;
  if (engine === 'pglite') {
    url = path.join(tmp, 'pgdata');
    dispose = async () => fs.rmSync(url, { recursive: true, force: true });
  } else {
    const base = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
    const admin = async (q: string) => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(q);
      await c.end();
    };
    await admin('DROP DATABASE IF EXISTS belong_http_bench WITH (FORCE)');
    await admin('CREATE DATABASE belong_http_bench');
    const u = new URL(base);
    u.pathname = '/belong_http_bench';
    url = u.toString();
    dispose = () => admin('DROP DATABASE IF EXISTS belong_http_bench WITH (FORCE)');
  }
  const database = await openDatabase({ url, purpose: 'http benchmark' });
  const t0 = performance.now();
  await ensureVocabulary(database.db);
  await bulkLoadServices(database.db, { services: N, dropIndexes: true });
  const serviceId = (
    await database.db.selectFrom('service').select('id').where('status', '=', 'active').orderBy('id').limit(1).executeTakeFirstOrThrow()
  ).id;
  const districts = (
    await database.db
      .selectFrom('address')
      .select((eb) => eb.fn<string>('split_part', ['postal_code', eb.val(' '), eb.val(1)]).as('district'))
      .distinct()
      .orderBy('district')
      .execute()
  ).map((r) => r.district);
  const serviceIds = (
    await database.db.selectFrom('service').select('id').where('status', '=', 'active').orderBy('id').limit(40_000).execute()
  ).map((r) => r.id);
  await database.close();
  console.log(`[${engine}] loaded ${N} services in ${Math.round(performance.now() - t0)} ms (${districts.length} postcode districts)`);
  return { url, serviceId, districts, serviceIds, dispose };
}

const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : '–');
const rows: string[] = [
  '| engine | processes | page | req/s | p50 ms | p99 ms | errors | baseline req/s | ratio | CPU ms/request: app, PostgreSQL, load | machine busy |',
  '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
];

try {
  const engines = values.engine === 'both' ? ['pglite', 'postgres'] : [values.engine!];
  for (const engine of engines) {
    const { url, serviceId, districts, serviceIds, dispose } = await prepare(engine);
    const many = manyAddresses(districts, serviceIds);
    const pages = PAGES.map((p) => p.replace(':id', serviceId));
    const env = { DATABASE_URL: url, HOST: '127.0.0.1', DEMO_DATA: 'off', LOG_LEVEL: 'warn' };
    for (const processes of engine === 'pglite' ? [1] : [1, 2]) {
      const ports = Array.from({ length: processes }, (_, i) => 3100 + i);
      const apps = ports.map((port) => start(['src/main.ts'], { ...env, PORT: String(port) }));
      try {
        for (const [i, port] of ports.entries()) await waitFor(`http://127.0.0.1:${port}/health`, apps[i]!);
        // The baseline answers exactly what Belong answered.
        const bodies: Record<string, { type: string; body: string }> = {};
        for (const p of pages) {
          const r = await fetch(`http://127.0.0.1:${ports[0]}${p}`, { headers: { cookie: 'lang=en' } });
          bodies[p] = { type: r.headers.get('content-type') ?? 'text/html', body: await r.text() };
        }
        const file = path.join(tmp, 'pages.json');
        fs.writeFileSync(file, JSON.stringify(bodies));
        const baseline = start(['bench/http-baseline.ts', '3199', file], {});
        try {
          await waitFor('http://127.0.0.1:3199/', baseline);
          const baselines = new Map<string, number>();
          const pids = apps.map((a) => a.pid!);
          const row = (label: string, belong: Load & { cpu: CpuUse | null }, base: number) => {
            const c = belong.cpu;
            // On PGlite the database runs inside the app process: its CPU is the app's.
            const cpu = c
              ? `${fmt(c.appPerRequest, 2)}, ${engine === 'pglite' ? 'in app' : fmt(c.postgresPerRequest, 2)}, ${fmt(belong.cpuMs / belong.requests, 2)} | ${fmt(100 * c.machineBusy)}%`
              : '– | –';
            rows.push(
              `| ${engine} | ${processes} | \`${label}\` | ${fmt(belong.rps)} | ${fmt(belong.p50, 1)} | ${fmt(belong.p99, 1)} | ${belong.errors} | ${fmt(base)} | ${fmt(belong.rps / base, 2)} | ${cpu} |`,
            );
            console.log(rows.at(-1));
          };
          const everywhere = (paths: string[]) => paths.flatMap((p) => ports.map((port) => `http://127.0.0.1:${port}${p}`));
          for (const [i, p] of pages.entries()) {
            await load(everywhere([p])); // warm-up (caches, JIT), not counted
            const belong = await measured(everywhere([p]), pids);
            const base = await load([`http://127.0.0.1:3199${p}`]);
            baselines.set(PAGES[i]!, base.rps);
            row(p.replace(serviceId, ':id'), belong, base.rps);
          }
          for (const m of many) {
            await load(everywhere(m.warmup), true);
            row(m.label, await measured(everywhere(m.measured), pids, true), baselines.get(m.like)!);
          }
        } finally {
          await stop(baseline);
        }
      } finally {
        await Promise.all(apps.map(stop));
      }
    }
    await dispose();
  }
  console.log(`\n${N} services, ${CONNECTIONS} connections, ${SECONDS} s per page, ${os.cpus().length} cores\n`);
  console.log(rows.join('\n'));
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
