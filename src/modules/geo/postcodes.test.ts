import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { distanceMetres, lookupPlace, parsePostcode, postcodeDataStats, usePostcodeData } from './postcodes.ts';

describe('parsePostcode', () => {
  const cases: [string, string, string | null][] = [
    ['BD8 7AA', 'BD8', '7AA'],
    ['bd8 7aa', 'BD8', '7AA'],
    ['bd87aa', 'BD8', '7AA'],
    ['  BD8    7AA  ', 'BD8', '7AA'],
    ['B D 8 7 A A', 'BD8', '7AA'],
    ['SW1A 1AA', 'SW1A', '1AA'],
    ['sw1a1aa', 'SW1A', '1AA'],
    ['EC1A 1BB', 'EC1A', '1BB'],
    ['W1A 0AX', 'W1A', '0AX'],
    ['M1 1AE', 'M1', '1AE'],
    ['B33 8TH', 'B33', '8TH'],
    ['CR2 6XH', 'CR2', '6XH'],
    ['DN55 1PT', 'DN55', '1PT'],
    ['bd8', 'BD8', null],
    [' Bd8 ', 'BD8', null],
    ['SW1A', 'SW1A', null],
    ['ls1', 'LS1', null],
    ['n1c', 'N1C', null],
  ];
  for (const [input, outcode, incode] of cases) {
    it(`reads ${JSON.stringify(input)} as ${outcode}${incode ? ` ${incode}` : ''}`, () => {
      const p = parsePostcode(input);
      assert.ok(p, 'expected a postcode');
      assert.equal(p.outcode, outcode);
      assert.equal(p.incode, incode);
      assert.equal(p.formatted, incode ? `${outcode} ${incode}` : outcode);
    });
  }

  const rejected = [
    '',
    '   ',
    'hello',
    'BD',
    '8BD',
    'BD8 7A',
    'BD8 7AAA',
    'BD8-7AA',
    'BD8 7A!',
    'QX1 1AA',
    'VX1',
    'XX1 1XX',
    'AZ1',
    'BD8 CAA',
    '12345',
    'not a postcode at all',
    'BD8 7AA BD9 1AB',
    '<script>',
    'BD8 7AA;DROP',
  ];
  for (const input of rejected) {
    it(`rejects ${JSON.stringify(input)}`, () => {
      assert.equal(parsePostcode(input), null);
    });
  }

  it('rejects values that are not strings without throwing', () => {
    assert.equal(parsePostcode(undefined as unknown as string), null);
    assert.equal(parsePostcode(42 as unknown as string), null);
  });
});

describe('distanceMetres', () => {
  it('is zero for the same point', () => {
    assert.equal(distanceMetres({ latitude: 53.8, longitude: -1.75 }, { latitude: 53.8, longitude: -1.75 }), 0);
  });
  it('gives about 111.2 km for one degree of latitude', () => {
    const d = distanceMetres({ latitude: 53, longitude: -1 }, { latitude: 54, longitude: -1 });
    assert.ok(Math.abs(d - 111_195) < 10, `got ${d}`);
  });
  it('shrinks a degree of longitude by the cosine of the latitude', () => {
    const d = distanceMetres({ latitude: 60, longitude: 0 }, { latitude: 60, longitude: 1 });
    assert.ok(Math.abs(d - 111_195 * Math.cos(Math.PI / 3)) < 200, `got ${d}`);
  });
  it('is symmetric', () => {
    const a = { latitude: 51.5, longitude: -0.12 };
    const b = { latitude: 55.95, longitude: -3.19 };
    assert.equal(distanceMetres(a, b), distanceMetres(b, a));
  });
  it('puts London to Edinburgh at about 534 km', () => {
    const d = distanceMetres({ latitude: 51.5074, longitude: -0.1278 }, { latitude: 55.9533, longitude: -3.1883 });
    assert.ok(d > 530_000 && d < 538_000, `got ${d}`);
  });
  it('stays finite for antipodal points', () => {
    const d = distanceMetres({ latitude: 0, longitude: 0 }, { latitude: 0, longitude: 180 });
    assert.ok(Math.abs(d - Math.PI * 6_371_008.8) < 1, `got ${d}`);
  });
});

describe('lookupPlace with the shipped outward-code table', () => {
  it('loads every outward code of Great Britain and keeps them all', () => {
    usePostcodeData();
    const stats = postcodeDataStats();
    assert.ok(stats.outcodes > 2800, `only ${stats.outcodes} outward codes`);
  });

  it('finds every Bradford outward code the demo area uses', () => {
    for (const code of ['BD1', 'BD2', 'BD3', 'BD4', 'BD5', 'BD7', 'BD8', 'BD9']) {
      const p = lookupPlace(code);
      assert.ok(p, `${code} missing`);
      assert.equal(p.kind, 'outcode');
      assert.equal(p.code, code);
      assert.ok(distanceMetres(p, { latitude: 53.795, longitude: -1.755 }) < 6000, `${code} is not in Bradford`);
    }
  });

  it('places BD8 west-north-west of BD1, about 2 km away', () => {
    const bd1 = lookupPlace('BD1')!;
    const bd8 = lookupPlace('BD8')!;
    assert.ok(Math.abs(bd1.latitude - 53.8) < 0.02 && Math.abs(bd1.longitude + 1.75) < 0.02, 'BD1 is central Bradford');
    assert.ok(bd8.longitude < bd1.longitude, 'BD8 is west of BD1');
    assert.ok(bd8.latitude >= bd1.latitude, 'BD8 is not south of BD1');
    const d = distanceMetres(bd1, bd8);
    assert.ok(d > 1000 && d < 4000, `got ${d}`);
  });

  it('places SW1A in Westminster', () => {
    const p = lookupPlace('sw1a')!;
    assert.ok(distanceMetres(p, { latitude: 51.5014, longitude: -0.1419 }) < 1500, 'near Buckingham Palace');
  });

  it('places other districts in the right city', () => {
    const near: [string, number, number][] = [
      ['M1', 53.4794, -2.2453], // Manchester
      ['LS1', 53.7997, -1.5492], // Leeds
      ['EH1', 55.9533, -3.1883], // Edinburgh
      ['CF10', 51.4816, -3.1791], // Cardiff
      ['G2', 55.8617, -4.2583], // Glasgow
      ['TR18', 50.1188, -5.5371], // Penzance
      ['ZE1', 60.1546, -1.1494], // Lerwick
    ];
    for (const [code, lat, lon] of near) {
      const p = lookupPlace(code);
      assert.ok(p, `${code} missing`);
      assert.ok(distanceMetres(p, { latitude: lat, longitude: lon }) < 5000, `${code} is not where it should be`);
    }
  });

  it('falls back from a full postcode to its district centroid, keeping what was typed', () => {
    const p = lookupPlace(' bd8 7aa ');
    assert.deepEqual(p, { ...lookupPlace('BD8')!, query: 'bd8 7aa' });
    assert.equal(p!.kind, 'outcode');
    assert.equal(p!.code, 'BD8');
  });

  it('answers null for unknown, non-geographic placeholder and malformed input', () => {
    for (const input of ['ZZ1', 'BD0', 'BD8 ZZZ', 'hello', '', 'GIR 0AA', 'BN91 1AA', '12 High Street']) {
      assert.equal(lookupPlace(input), null, input);
    }
  });

  it('leaves out Northern Ireland, the Channel Islands and the Isle of Man (see data/postcodes/README.md)', () => {
    for (const code of ['BT1', 'GY1', 'JE2', 'IM1']) assert.equal(lookupPlace(code), null, code);
  });

  it('has only points inside Great Britain', () => {
    const text = fs.readFileSync(new URL('../../../data/postcodes/outcodes.csv', import.meta.url), 'utf8');
    const rows = text.trim().split('\n').slice(1);
    for (const row of rows) {
      const [code, lat, lon] = row.split(',');
      assert.match(code!, /^[A-Z]{1,2}\d[0-9A-Z]?$/);
      assert.ok(Number(lat) > 49.8 && Number(lat) < 61, `${row}`);
      assert.ok(Number(lon) > -8.7 && Number(lon) < 2, `${row}`);
    }
    assert.equal(new Set(rows.map((r) => r.split(',')[0])).size, rows.length, 'no outward code twice');
  });
});

describe('lookupPlace with a deployment postcode table', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'belong-postcodes-'));
  // Synthetic test points, not real positions.
  fs.writeFileSync(path.join(dir, 'outcodes.csv'), 'outcode,latitude,longitude\nBD8,53.8,-1.78\nBD1,53.79,-1.75\nBD9,99.999999,0\n');
  fs.writeFileSync(
    path.join(dir, 'postcodes.csv'),
    'postcode,latitude,longitude\n"BD8 7AA",53.801,-1.781\nBD87AB,53.802,-1.782\nbad,row\n',
  );
  after(() => {
    usePostcodeData();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('uses the full postcode when the deployment ships it', () => {
    usePostcodeData(dir);
    assert.deepEqual(lookupPlace('bd87aa'), { query: 'bd87aa', kind: 'postcode', code: 'BD8 7AA', latitude: 53.801, longitude: -1.781 });
    assert.deepEqual(lookupPlace('BD8 7AB'), { query: 'BD8 7AB', kind: 'postcode', code: 'BD8 7AB', latitude: 53.802, longitude: -1.782 });
  });

  it('falls back to the district for a postcode the table lacks', () => {
    usePostcodeData(dir);
    assert.deepEqual(lookupPlace('BD8 9ZZ'), { query: 'BD8 9ZZ', kind: 'outcode', code: 'BD8', latitude: 53.8, longitude: -1.78 });
  });

  it('skips rows whose position is a placeholder outside the UK', () => {
    usePostcodeData(dir);
    assert.equal(lookupPlace('BD9'), null);
    assert.deepEqual(postcodeDataStats(), { outcodes: 2, postcodes: 2, dir });
  });

  it('says clearly when the outward-code table is missing', () => {
    usePostcodeData(path.join(dir, 'nowhere'));
    assert.throws(() => lookupPlace('BD8'), /Postcode data is missing/);
  });
});
