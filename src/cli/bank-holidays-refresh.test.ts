import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { BANK_HOLIDAY_LIST, computedBankHolidays } from '../modules/referrals/working-days.ts';
import { loadVendoredList } from '../modules/referrals/working-days-list.ts';

const run = promisify(execFile);
const script = fileURLToPath(new URL('./bank-holidays-refresh.ts', import.meta.url));
const root = fileURLToPath(new URL('../../', import.meta.url));

/** GOV.UK's JSON as it is published: the vendored events, plus (from the rule) any year up to next year it lacks. */
function officialFeed(extra: { title: string; date: string; notes: string; bunting: boolean }[] = []) {
  const events = [...loadVendoredList().events];
  for (let y = BANK_HOLIDAY_LIST.lastYear + 1; y <= new Date().getUTCFullYear() + 1; y++)
    events.push(...computedBankHolidays(y).map((date) => ({ title: 'Bank holiday', date, notes: '', bunting: true })));
  return {
    'england-and-wales': { division: 'england-and-wales', events: [...events, ...extra] },
    scotland: { division: 'scotland', events: [] },
    'northern-ireland': { division: 'northern-ireland', events: [] },
  };
}

describe('npm run bank-holidays:refresh', () => {
  let server: http.Server;
  let base: string;
  let dir: string;
  const bodies: Record<string, string> = {};

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'belong-bank-holidays-'));
    bodies['/good.json'] = JSON.stringify(officialFeed());
    bodies['/new.json'] = JSON.stringify(
      officialFeed([{ title: 'A new one-off bank holiday', date: '2027-06-04', notes: '', bunting: true }]),
    );
    bodies['/weekend.json'] = JSON.stringify(officialFeed([{ title: 'On a Saturday', date: '2027-06-05', notes: '', bunting: true }]));
    bodies['/page.html'] = '<html>Sorry, we are down</html>';
    server = http.createServer((req, res) => {
      const body = bodies[req.url ?? ''];
      if (!body) return res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'application/json' }).end(body);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => {
    server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const refresh = (args: string[]) => run(process.execPath, ['--import', 'tsx', script, ...args], { cwd: root, timeout: 60_000 });
  const copyOfVendored = (name: string) => {
    const file = path.join(dir, name);
    fs.copyFileSync(fileURLToPath(new URL('../../vendor/govuk-bank-holidays/england-and-wales.json', import.meta.url)), file);
    return file;
  };

  it('replaces the file with a checked download, recording its date, and says what is new', async () => {
    const file = copyOfVendored('new.json');
    const { stdout } = await refresh(['--url', `${base}/new.json`, '--out', file]);
    assert.match(stdout, /New: .*2027-06-04/);
    const list = loadVendoredList(file);
    assert.ok(list.events.some((e) => e.date === '2027-06-04'));
    assert.ok(list.fetched, 'records when it was downloaded');
    assert.match(list.reflects, /^\d{4}-\d{2}-\d{2}$/);
    assert.equal(list.source, 'https://www.gov.uk/bank-holidays.json');
  });

  it('only checks with --dry-run', async () => {
    const file = copyOfVendored('dry.json');
    const before = fs.readFileSync(file, 'utf8');
    const { stdout } = await refresh(['--url', `${base}/good.json`, '--out', file, '--dry-run']);
    assert.match(stdout, /Dry run/);
    assert.equal(fs.readFileSync(file, 'utf8'), before);
  });

  for (const [what, url, message] of [
    ['a page that is not the list', '/page.html', /Could not download|Not GOV.UK's/],
    ['a list with a weekend date', '/weekend.json', /2027-06-05 \(On a Saturday\) is a weekend day/],
    ['a missing page', '/gone.json', /HTTP 404/],
  ] as const)
    it(`leaves the file as it was after ${what}`, async () => {
      const file = copyOfVendored(`bad${url.replace(/\W/g, '')}.json`);
      const before = fs.readFileSync(file, 'utf8');
      await assert.rejects(refresh(['--url', `${base}${url}`, '--out', file]), (e: { code?: number; stderr?: string }) => {
        assert.equal(e.code, 1);
        assert.match(e.stderr ?? '', message);
        assert.match(e.stderr ?? '', /is unchanged/);
        return true;
      });
      assert.equal(fs.readFileSync(file, 'utf8'), before);
    });

  it('leaves the file as it was when there is no network', async () => {
    const file = copyOfVendored('offline.json');
    const before = fs.readFileSync(file, 'utf8');
    await assert.rejects(refresh(['--url', 'http://127.0.0.1:9/bank-holidays.json', '--out', file]), /Could not download/);
    assert.equal(fs.readFileSync(file, 'utf8'), before);
  });
});
