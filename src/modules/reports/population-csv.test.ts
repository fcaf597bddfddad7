/** Reading a population baseline CSV: what is accepted, and each mistake named by its line. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parsePopulationCsv, populationCsv } from './population-csv.ts';

describe('the population baseline CSV', () => {
  it('reads the documented columns, in any order, with a BOM, spaces and thousands separators', () => {
    const r = parsePopulationCsv(
      '\uFEFFpopulation,area,dimension,value\r\n"6,120",bd8,ethnicity,asian_pakistani\r\n3100, BD8 ,age_band,65_plus\r\n10400,BD8,gender,woman\r\n2900,Oldham,language,UR\r\n',
    );
    assert.ok(r.ok);
    assert.deepEqual(r.rows, [
      { area: 'BD8', dimension: 'ethnicity', value: 'asian_pakistani', population: 6120 },
      { area: 'BD8', dimension: 'age_band', value: '65_plus', population: 3100 },
      { area: 'BD8', dimension: 'gender', value: 'woman', population: 10400 },
      { area: 'OLDHAM', dimension: 'language', value: 'ur', population: 2900 },
    ]);
    assert.deepEqual(r.areas, ['BD8', 'OLDHAM']);
    assert.equal(parsePopulationCsv(populationCsv(r.rows)).ok, true, 'the download can be uploaded again');
  });

  it('names every mistake by its line, and keeps nothing', () => {
    const r = parsePopulationCsv(
      [
        'area,dimension,value,population',
        'BD8,ethnicity,asian,10',
        'BD8,religion,muslim,10',
        'BD8,gender,woman,-3',
        '=cmd,gender,man,5',
        'BD8,age_band,25_49,10',
        'BD8,age_band,25_49,11',
        'BD8,ethnicity,prefer_not_to_say,4',
        'BD8,language,english,4',
      ].join('\n'),
    );
    assert.ok(!r.ok);
    assert.deepEqual(
      r.problems.map((p) => [p.line, p.code, p.found]),
      [
        [2, 'value', 'asian'],
        [3, 'dimension', 'religion'],
        [4, 'population', '-3'],
        [5, 'area', '=CMD'],
        [7, 'duplicate', 'BD8, age_band, 25_49'],
        [8, 'value', 'prefer_not_to_say'],
        [9, 'value', 'english'],
      ],
    );
  });

  it('refuses a file without the columns, an empty one, and one that is not CSV', () => {
    const cols = parsePopulationCsv('place,group,count\nBD8,woman,3');
    assert.deepEqual(!cols.ok && cols.problems, [{ line: 1, code: 'missingColumns', found: 'area, dimension, value, population' }]);
    const empty = parsePopulationCsv('   ');
    assert.deepEqual(!empty.ok && empty.problems.map((p) => p.code), ['empty']);
    const header = parsePopulationCsv('area,dimension,value,population\n');
    assert.deepEqual(!header.ok && header.problems.map((p) => p.code), ['empty']);
    const broken = parsePopulationCsv('area,dimension,value,population\n"BD8,gender,woman,3');
    assert.deepEqual(!broken.ok && broken.problems.map((p) => p.code), ['notCsv']);
    const big = parsePopulationCsv('x'.repeat(1_000_001));
    assert.deepEqual(!big.ok && big.problems.map((p) => p.code), ['tooLarge']);
  });
});
