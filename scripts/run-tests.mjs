#!/usr/bin/env node
// Runs every check and test Belong has, and fails if any fails or if none ran.
//
//   0. static checks: format (Prettier), lint (ESLint), dependency directions
//      (scripts/check-dependencies.mjs) and types (tsc) — each failure counts
//      as a failed test, and the tests still run so one run shows everything;
//   1. unit and integration tests (*.test.ts) on the embedded database (PGlite);
//   2. integration tests (*.int.test.ts) again on a PostgreSQL server, when
//      BELONG_TEST_PG_URL is set or a server answers on 127.0.0.1:5432 (database test);
//   3. browser journeys (e2e/*.spec.ts) in headless Chromium, when it is installed.
//
// CI sets BELONG_REQUIRE_PG=1 and BELONG_REQUIRE_BROWSER=1 so a missing
// server or browser fails the run instead of being skipped.
// Node 20's test runner does not find .ts files by itself (it would pass with
// zero tests), so the files are listed here explicitly.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const artifacts = path.join(root, '.test-artifacts');
fs.mkdirSync(artifacts, { recursive: true });
const only = process.argv.slice(2); // optional filter: substrings of file paths

function walk(dir, out = []) {
  if (!fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else out.push(path.relative(root, p));
  }
  return out;
}
const filter = (files) => (only.length ? files.filter((f) => only.some((o) => f.includes(o))) : files);
const all = [...walk(path.join(root, 'src')), ...walk(path.join(root, 'test')), ...walk(path.join(root, 'bench'))].sort();
const unitAndInt = filter(all.filter((f) => f.endsWith('.test.ts')));
const intOnly = unitAndInt.filter((f) => f.endsWith('.int.test.ts'));
const e2e = filter(
  walk(path.join(root, 'e2e'))
    .filter((f) => f.endsWith('.spec.ts'))
    .sort(),
);

const totals = { pass: 0, fail: 0, skipped: 0, tests: 0 };

/** The environment of one phase: only the PostgreSQL phase may see BELONG_TEST_PG_URL (CI exports it). */
function phaseEnv(extra) {
  const env = { ...process.env, ...extra };
  if (!('BELONG_TEST_PG_URL' in extra)) delete env.BELONG_TEST_PG_URL;
  return env;
}
/**
 * Time-outs catch hangs, not slowness: no test asserts a duration, and a
 * machine busy with other work (a shared CI runner, two cores for everything)
 * must pass, only later. A file's tests share its time-out per test; browser
 * journeys are long (dozens of pages each) and get more. The browser harness
 * sizes each browser step the same way (e2e/support/harness.ts).
 */
const TEST_TIMEOUT_MS = 10 * 60_000;
const JOURNEY_TIMEOUT_MS = 20 * 60_000;

function runPhase(name, files, env = {}, concurrency = 2, timeoutMs = TEST_TIMEOUT_MS) {
  if (!files.length) return;
  console.log(`\n=== ${name}: ${files.length} files ===`);
  const tap = path.join(artifacts, `${name.replace(/\W+/g, '-')}.tap`);
  fs.rmSync(tap, { force: true });
  const r = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      '--test',
      `--test-concurrency=${concurrency}`,
      `--test-timeout=${timeoutMs}`,
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      '--test-reporter=tap',
      `--test-reporter-destination=${tap}`,
      ...files,
    ],
    { cwd: root, stdio: 'inherit', env: phaseEnv(env) },
  );
  const text = fs.existsSync(tap) ? fs.readFileSync(tap, 'utf8') : '';
  // The closing summary is the last "# <key> N" line at the start of a line.
  const count = (k) => Number([...text.matchAll(new RegExp(`^# ${k} (\\d+)$`, 'gm'))].at(-1)?.[1] ?? 0);
  const phase = { tests: count('tests'), pass: count('pass'), fail: count('fail'), skipped: count('skipped') };
  for (const k of Object.keys(totals)) totals[k] += phase[k];
  if (r.status !== 0 && phase.fail === 0) totals.fail += 1; // crashed before reporting
  console.log(`--- ${name}: ${phase.pass} passed, ${phase.fail} failed, ${phase.skipped} skipped`);
}

function reachable(host, port) {
  return new Promise((resolve) => {
    const s = net.connect({ host, port, timeout: 1000 }, () => (s.end(), resolve(true)));
    s.on('error', () => resolve(false));
    s.on('timeout', () => (s.destroy(), resolve(false)));
  });
}

console.log(`Node.js ${process.version}`);

// Static checks first: each one that fails counts as a failed test. Skipped when
// only some tests were asked for (`npm test -- <path>`), to keep that quick.
const STATIC_CHECKS = [
  ['format (prettier --check)', 'node_modules/prettier/bin/prettier.cjs', ['--check', '--log-level', 'warn', '.']],
  ['lint (eslint)', 'node_modules/eslint/bin/eslint.js', ['.', '--max-warnings', '0']],
  ['dependencies', 'scripts/check-dependencies.mjs', []],
  ['type-check (tsc)', 'node_modules/typescript/bin/tsc', ['-p', root]],
];
for (const [name, script, args] of only.length ? STATIC_CHECKS.slice(-1) : STATIC_CHECKS) {
  console.log(`=== ${name} ===`);
  const r = spawnSync(process.execPath, [path.join(root, script), ...args], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`${name} failed.`);
    totals.fail += 1;
  }
}

// A migrated PGlite snapshot, made once, so each test file skips initdb.
const snapshot = path.join(artifacts, 'pglite-snapshot.tar');
const snap = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/make-test-snapshot.ts', snapshot], { cwd: root, stdio: 'inherit' });
if (snap.status !== 0) process.exit(1);

runPhase('unit and integration (PGlite)', unitAndInt, { BELONG_TEST_SNAPSHOT: snapshot });

const pgUrl = process.env.BELONG_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
if (intOnly.length) {
  const u = new URL(pgUrl);
  if (await reachable(u.hostname, Number(u.port || 5432))) {
    runPhase('integration (PostgreSQL)', intOnly, { BELONG_TEST_PG_URL: pgUrl });
  } else if (process.env.BELONG_REQUIRE_PG) {
    console.error(`PostgreSQL is required but does not answer at ${u.host}`);
    totals.fail += 1;
  } else {
    console.warn(`\n! PostgreSQL does not answer at ${u.host}: skipped the PostgreSQL run (set BELONG_TEST_PG_URL).`);
  }
}

if (e2e.length) {
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (fs.existsSync(chromium)) {
    runPhase('browser journeys (Chromium)', e2e, { BELONG_TEST_SNAPSHOT: snapshot, CHROMIUM_PATH: chromium }, 1, JOURNEY_TIMEOUT_MS);
  } else if (process.env.BELONG_REQUIRE_BROWSER) {
    console.error(`Chromium is required but not found at ${chromium}`);
    totals.fail += 1;
  } else {
    console.warn(`\n! Chromium not found at ${chromium}: skipped browser journeys (apt-get install -y chromium).`);
  }
}

console.log(`\n${totals.pass} passed, ${totals.fail} failed, ${totals.skipped} skipped`);
if (totals.tests === 0) {
  console.error('No tests ran: that is a failure.');
  process.exit(1);
}
process.exit(totals.fail > 0 ? 1 : 0);
