import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { testEngine } from '../../test/support/test-db.ts';
import { lockDataDir } from '../platform/db/data-dir-lock.ts';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const fixtures = path.join(root, 'test/fixtures/import');
const csv = path.join(fixtures, 'council-services.csv');
const mapping = path.join(fixtures, 'council-mapping.json');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `npm run import -- …` as a child process (the way people run it). */
function runImport(args: string[], databaseUrl: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/import.ts', ...args], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent', DEMO_DATA: 'off' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

describe(`the import command [${testEngine}]`, () => {
  let tmp: string;
  let databaseUrl: string;
  let dropDatabase: (() => Promise<void>) | null = null;

  before(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'belong-import-cli-'));
    const pgUrl = process.env.BELONG_TEST_PG_URL;
    if (pgUrl) {
      const name = `belong_cli_${process.pid}`;
      const admin = new pg.Client({ connectionString: pgUrl });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${name}`);
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      const u = new URL(pgUrl);
      u.pathname = `/${name}`;
      databaseUrl = u.toString();
      dropDatabase = async () => {
        const a = new pg.Client({ connectionString: pgUrl });
        await a.connect();
        await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await a.end();
      };
    } else {
      databaseUrl = path.join(tmp, 'pglite');
    }
  });
  after(async () => {
    await dropDatabase?.();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it(
    'imports a spreadsheet, lists rejected rows with their reasons, writes them to a file, and exits 0',
    { timeout: 600_000 },
    async () => {
      const rejects = path.join(tmp, 'rejects.csv');
      const r = await runImport(['csv', csv, '--mapping', mapping, '--rejects', rejects], databaseUrl);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /as source "bradford-council-community-list"/);
      assert.match(r.stdout, /created\s+4\n/);
      assert.match(r.stdout, /rejected\s+4\n/);
      assert.match(r.stdout, /line 6: Service name: is missing/);
      assert.match(r.stdout, /line 7: Postcode: "XX9 9ZZ" is not a valid UK postcode/);
      const file = fs.readFileSync(rejects, 'utf8');
      assert.match(file, /^record,outcome,reasons\r\n/);
      assert.match(file, /line 8,rejected,Time: the closing time must be after the opening time/);
      assert.match(file, /line 5,warning,"Languages spoken: ""Klingon"" is not a language we know; left out"/);
    },
  );

  it('reports everything unchanged when the same spreadsheet is imported again', { timeout: 600_000 }, async () => {
    const r = await runImport(['csv', csv, '--mapping', mapping, '--no-progress'], databaseUrl);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /created\s+0\n\s+updated\s+0\n\s+unchanged\s+4\n/);
  });

  it('exits 1 with the HTTP problem when a feed cannot be fetched', { timeout: 600_000 }, async () => {
    const port = await closedPort();
    const r = await runImport(['oruk', `http://127.0.0.1:${port}/api/services`, '--source', 'offline'], databaseUrl);
    assert.equal(r.code, 1);
    assert.match(r.stderr, new RegExp(`Import failed: could not reach http://127\\.0\\.0\\.1:${port}/api/services`));
  });

  it('exits 1 naming the problem when the mapping or the file is not usable', async () => {
    const badMapping = path.join(tmp, 'bad-mapping.json');
    fs.writeFileSync(badMapping, JSON.stringify({ columns: { 'service.name': 'Service name', 'organisation.name': 'Organisation' } }));
    const r = await runImport(['csv', csv, '--mapping', badMapping], databaseUrl);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /columns\.organisation\.name: not a field Belong knows/);
    assert.match(r.stderr, /"organization\.name" must be mapped/);

    const wrongColumns = path.join(tmp, 'wrong-columns.json');
    fs.writeFileSync(wrongColumns, JSON.stringify({ columns: { 'service.name': 'Activity', 'organization.name': 'Organisation' } }));
    const w = await runImport(['csv', csv, '--mapping', wrongColumns], databaseUrl);
    assert.equal(w.code, 1);
    assert.match(w.stderr, /the mapping names column\(s\) the file does not have: "Activity"/);

    const missing = await runImport(['oruk', path.join(tmp, 'nope.json')], databaseUrl);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /cannot read .*nope\.json: no such file/);
  });

  it(
    'takes --format as the README writes it, a mapping for a feed, and a dry run that counts stated and unknown fields',
    { timeout: 60_000 },
    async () => {
      const feed = path.join(fixtures, 'feeds/calder-valley.oruk3.json');
      const feedMapping = path.join(fixtures, 'feeds/calder-valley-mapping.json');
      const r = await runImport([feed, '--format', 'oruk3', '--mapping', feedMapping, '--dry-run', '--no-progress'], databaseUrl);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /as source "calder-valley" \(dry run: nothing will be written\)/);
      assert.match(r.stdout, /new\s+6\n/);
      assert.match(r.stdout, /Belong fields over 6 service\(s\) read: stated \/ not stated/);
      assert.match(r.stdout, /\n {2}audiences\s+5 \/ 1\n/);
      assert.match(r.stdout, /\n {2}gender\s+1 \/ 5\n/);
      assert.match(r.stdout, /Terms no mapping used[^\n]*\n {2}CVCD Audiences: \[VET\] "Armed forces veterans" {2}\(1 service\)/);

      const legacy = await runImport(
        [
          path.join(fixtures, 'feeds/kirklees-everything.oruk1.json'),
          '--format',
          'oruk1',
          '--mapping',
          path.join(fixtures, 'feeds/kirklees-mapping.json'),
          '--no-progress',
        ],
        databaseUrl,
      );
      assert.equal(legacy.code, 0, legacy.stderr);
      assert.match(legacy.stdout, /created\s+2\n/);

      const twice = await runImport(['oruk3', feed, '--format', 'oruk1'], databaseUrl);
      assert.equal(twice.code, 2);
      assert.match(twice.stderr, /the kind is given twice/);
      const bad = await runImport([feed, '--format', 'hsds'], databaseUrl);
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, /--format must be one of oruk, oruk3, oruk1, csv/);
    },
  );

  it('exits 1 naming the part of a feed mapping that is wrong', async () => {
    const badMapping = path.join(tmp, 'bad-feed-mapping.json');
    fs.writeFileSync(
      badMapping,
      JSON.stringify({ terms: [{ name: 'Older people', set: { audience: ['older_people'] } }, { set: { gender: 'women_only' } }] }),
    );
    const r = await runImport([path.join(fixtures, 'feeds/calder-valley.oruk3.json'), '--mapping', badMapping], databaseUrl);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /terms\.0\.set: "audience" is not a field a mapping can set or match on/);
    assert.match(r.stderr, /terms\.1: give the term's "code", "name" or a "match" pattern/);
  });

  it('exits 2 with the usage for a usage mistake', async () => {
    const r = await runImport(['csv', csv], databaseUrl);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /a CSV import needs --mapping/);
    assert.match(r.stderr, /Usage:/);
  });

  it('exits 1 with a clear message when the server holds the embedded database', { timeout: 600_000 }, async () => {
    const dataDir = path.join(tmp, 'held');
    const lock = lockDataDir(dataDir, 'server');
    try {
      const r = await runImport(['csv', csv, '--mapping', mapping], dataDir);
      assert.equal(r.code, 1);
      assert.match(r.stderr, new RegExp(`in use by another Belong process \\(pid ${process.pid}, server\\)`));
      assert.match(r.stderr, /Stop that process first/);
      assert.equal(fs.existsSync(path.join(dataDir, 'PG_VERSION')), false, 'the importer did not touch the folder');
    } finally {
      lock.release();
    }
  });
});
