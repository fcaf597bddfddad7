import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { gridToOsgb36, gridToWgs84 } from './osgb.ts';
import {
  OutcodeAverager,
  codePointPoint,
  compareCodes,
  formatOutcodeCsv,
  formatPostcodeCsv,
  inAreas,
  onspdPoint,
} from './outcode-centroids.ts';
import { distanceMetres } from './postcodes.ts';

const near = (a: number, b: number, tol: number) => assert.ok(Math.abs(a - b) <= tol, `${a} is not within ${tol} of ${b}`);

describe('British National Grid conversion', () => {
  it("matches Ordnance Survey's worked example for the inverse projection", () => {
    // "A Guide to Coordinate Systems in Great Britain", worked example C.2:
    // E 651409.903, N 313177.270 -> 52°39'27.2531"N, 1°43'4.5177"E (OSGB36).
    const p = gridToOsgb36(651409.903, 313177.27);
    near(p.latitude, 52 + 39 / 60 + 27.2531 / 3600, 1e-7);
    near(p.longitude, 1 + 43 / 60 + 4.5177 / 3600, 1e-7);
  });

  it('lands a central London grid reference within 10 m of its published WGS84 position', () => {
    // SW1A's mean grid reference and mean WGS84 position as published by postcodes.io (ONSPD-derived).
    const p = gridToWgs84(529727, 180053);
    assert.ok(distanceMetres(p, { latitude: 51.504530636363654, longitude: -0.13226037062937065 }) < 10);
  });

  it('shifts OSGB36 to WGS84 by the expected ~100 m in Great Britain', () => {
    const osgb = gridToOsgb36(416000, 433000); // Bradford
    const wgs = gridToWgs84(416000, 433000);
    const shift = distanceMetres(osgb, wgs);
    assert.ok(shift > 50 && shift < 150, `shift ${shift} m`);
  });
});

describe('reading ONSPD rows', () => {
  const row = (over: Record<string, string> = {}) => ({ pcds: 'BD8 7AA', doterm: '', osgrdind: '1', lat: '53.80', long: '-1.78', ...over });

  it('reads a live postcode with a position', () => {
    assert.deepEqual(onspdPoint(row()), { postcode: 'BD8 7AA', outcode: 'BD8', latitude: 53.8, longitude: -1.78 });
  });
  it('accepts upper-case header names and the 7-character postcode column', () => {
    assert.equal(onspdPoint({ PCD7: 'BD8 7AA', LAT: '53.8', LONG: '-1.78' })?.outcode, 'BD8');
  });
  it('skips terminated postcodes unless asked to keep them', () => {
    assert.equal(onspdPoint(row({ doterm: '202001' })), null);
    assert.equal(onspdPoint(row({ doterm: '202001' }), { includeTerminated: true })?.postcode, 'BD8 7AA');
  });
  it("skips ONSPD's no-grid-reference placeholder (99.999999, 0) that would drag an average north", () => {
    assert.equal(onspdPoint(row({ lat: '99.999999', long: '0.000000' })), null);
    assert.equal(onspdPoint(row({ osgrdind: '9' })), null);
  });
  it('skips rows without a usable postcode or position', () => {
    assert.equal(onspdPoint(row({ pcds: 'BD8' })), null);
    assert.equal(onspdPoint(row({ pcds: 'nonsense' })), null);
    assert.equal(onspdPoint(row({ lat: '' })), null);
    assert.equal(onspdPoint(row({ long: 'x' })), null);
  });
});

describe('reading Code-Point Open rows', () => {
  it('converts the grid reference of a postcode', () => {
    const p = codePointPoint(['SW1A1AA', '10', '529090', '179645', 'E92000001']);
    assert.ok(p);
    assert.equal(p.postcode, 'SW1A 1AA');
    assert.equal(p.outcode, 'SW1A');
    assert.ok(distanceMetres(p, { latitude: 51.501, longitude: -0.1416 }) < 100);
  });
  it('reads the padded form of short postcodes', () => {
    assert.equal(codePointPoint(['M1  1AE', '10', '384000', '398000'])?.postcode, 'M1 1AE');
  });
  it('skips postcodes without coordinates', () => {
    assert.equal(codePointPoint(['BD8 7AA', '90', '0', '0']), null);
    assert.equal(codePointPoint(['BD8 7AA', '10', '0', '0']), null);
    assert.equal(codePointPoint(['BD8 7AA', '10', '-5', '433000']), null);
    assert.equal(codePointPoint(['BD8 7AA', '10', 'x', '433000']), null);
  });
});

describe('averaging postcodes per outward code', () => {
  // Synthetic positions chosen so the means are easy to check by hand.
  const points = [
    { postcode: 'BD8 7AA', outcode: 'BD8', latitude: 53.8, longitude: -1.78 },
    { postcode: 'BD8 7AB', outcode: 'BD8', latitude: 53.81, longitude: -1.79 },
    { postcode: 'BD8 9ZZ', outcode: 'BD8', latitude: 53.79, longitude: -1.77 },
    { postcode: 'BD10 0AA', outcode: 'BD10', latitude: 53.83, longitude: -1.72 },
    { postcode: 'BD2 1AA', outcode: 'BD2', latitude: 53.81, longitude: -1.73 },
    { postcode: 'BD2 1AB', outcode: 'BD2', latitude: 53.82, longitude: -1.74 },
  ];

  it('gives each outward code the mean of its postcodes, with how many there were', () => {
    const avg = new OutcodeAverager();
    for (const p of points) avg.add(p);
    const c = avg.centroids();
    assert.deepEqual(
      c.map((x) => [x.outcode, x.postcodes]),
      [
        ['BD2', 2],
        ['BD8', 3],
        ['BD10', 1],
      ],
    );
    near(c[0]!.latitude, 53.815, 1e-9);
    near(c[0]!.longitude, -1.735, 1e-9);
    near(c[1]!.latitude, 53.8, 1e-9);
    near(c[1]!.longitude, -1.78, 1e-9);
    assert.equal(c[2]!.latitude, 53.83);
  });

  it('writes outcodes.csv and postcodes.csv in the shipped format', () => {
    const avg = new OutcodeAverager();
    for (const p of points) avg.add(p);
    assert.equal(
      formatOutcodeCsv(avg.centroids()),
      'outcode,latitude,longitude\nBD2,53.81500,-1.73500\nBD8,53.80000,-1.78000\nBD10,53.83000,-1.72000\n',
    );
    assert.equal(
      formatPostcodeCsv(points.slice(0, 2)),
      'postcode,latitude,longitude\nBD8 7AA,53.80000,-1.78000\nBD8 7AB,53.81000,-1.79000\n',
    );
  });

  it('sorts codes as people read them and picks areas or districts', () => {
    assert.deepEqual(['BD10', 'BD2', 'B1', 'AB10', 'BD1'].sort(compareCodes), ['AB10', 'B1', 'BD1', 'BD2', 'BD10']);
    assert.equal(inAreas(points[0]!, ['BD']), true);
    assert.equal(inAreas(points[0]!, ['BD8']), true);
    assert.equal(inAreas(points[0]!, ['B']), false);
    assert.equal(inAreas(points[0]!, ['BD9', 'LS']), false);
  });
});

describe('scripts/build-outcodes.ts', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'belong-build-outcodes-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../..');
  const run = (...args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build-outcodes.ts', ...args], { cwd: root, encoding: 'utf8' });

  it('derives outcodes.csv from an ONSPD extract, dropping terminated and unplaced postcodes', () => {
    // Synthetic extract in ONSPD's column layout (quoted, extra columns, one terminated, one without a grid reference).
    const onspd = path.join(dir, 'onspd.csv');
    fs.writeFileSync(
      onspd,
      [
        '"pcd","pcd2","pcds","dointr","doterm","osgrdind","lat","long"',
        '"BD8 7AA","BD8  7AA","BD8 7AA","198001","","1",53.800000,-1.780000',
        '"BD8 7AB","BD8  7AB","BD8 7AB","198001","","1",53.810000,-1.790000',
        '"BD8 7AD","BD8  7AD","BD8 7AD","198001","200012","1",54.900000,-2.900000',
        '"BD8 7AE","BD8  7AE","BD8 7AE","198001","","9",99.999999,0.000000',
        '"BD1 1AA","BD1  1AA","BD1 1AA","198001","","1",53.790000,-1.750000',
      ].join('\n'),
    );
    const out = path.join(dir, 'outcodes.csv');
    const pcs = path.join(dir, 'postcodes.csv');
    const r = run('--onspd', onspd, '--out', out, '--postcodes-out', pcs, '--areas', 'bd8');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /wrote 2 outward codes .* from 3 postcodes \(2 rows skipped/);
    assert.equal(fs.readFileSync(out, 'utf8'), 'outcode,latitude,longitude\nBD1,53.79000,-1.75000\nBD8,53.80500,-1.78500\n');
    assert.equal(fs.readFileSync(pcs, 'utf8'), 'postcode,latitude,longitude\nBD8 7AA,53.80000,-1.78000\nBD8 7AB,53.81000,-1.79000\n');
  });

  it('derives outcodes.csv from Code-Point Open files in a folder', () => {
    // Two grid references near Buckingham Palace and Downing Street (approximate) and one row without coordinates.
    const cpo = path.join(dir, 'cpo');
    fs.mkdirSync(cpo);
    fs.writeFileSync(
      path.join(cpo, 'sw.csv'),
      '"SW1A1AA",10,529090,179645,"E92000001"\n"SW1A2AA",10,530047,179951,"E92000001"\n"SW1A9ZZ",90,0,0,""\n',
    );
    const out = path.join(dir, 'cpo-outcodes.csv');
    const r = run('--codepoint', cpo, '--out', out);
    assert.equal(r.status, 0, r.stderr);
    const [header, row] = fs.readFileSync(out, 'utf8').trim().split('\n');
    assert.equal(header, 'outcode,latitude,longitude');
    const [code, lat, lon] = row!.split(',');
    assert.equal(code, 'SW1A');
    assert.ok(distanceMetres({ latitude: Number(lat), longitude: Number(lon) }, { latitude: 51.5025, longitude: -0.1346 }) < 150);
  });

  it('refuses to run without input and leaves no file behind', () => {
    const out = path.join(dir, 'never.csv');
    const r = run('--out', out);
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /give --onspd or --codepoint/);
    assert.equal(fs.existsSync(out), false);
  });

  it('fails with a clear message when a file holds no postcodes', () => {
    const empty = path.join(dir, 'empty.csv');
    fs.writeFileSync(empty, 'pcds,lat,long\n');
    const out = path.join(dir, 'empty-out.csv');
    const r = run('--onspd', empty, '--out', out);
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /no usable postcode rows/);
    assert.equal(fs.existsSync(out), false);
  });
});
