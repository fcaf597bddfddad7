/** The coverage report's shape and its gaps, from counts (no database). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildCoverage } from './coverage.ts';

describe('coverage gaps', () => {
  it('flags an audience very few organisations are for, and an age band none is for, per area', () => {
    const r = buildCoverage({
      totals: [
        { area: null, services: 400, organisations: 221 },
        { area: 'OL1', services: 400, organisations: 221 },
      ],
      counts: [
        ...[null, 'OL1'].flatMap((area) => [
          { area, dimension: 'audience', value: 'carers', services: 5, organisations: 3 },
          { area, dimension: 'audience', value: 'older_people', services: 120, organisations: 80 },
          { area, dimension: 'age', value: '65_plus', services: 120, organisations: 80 },
        ]),
      ],
    });
    const gap = (kind: string, dimension: string, value: string) =>
      r.gaps.find((g) => g.kind === kind && g.dimension === dimension && g.value === value && g.area === 'OL1');
    assert.deepEqual(gap('few', 'audience', 'carers'), {
      kind: 'few',
      area: 'OL1',
      dimension: 'audience',
      value: 'carers',
      services: 5,
      organisations: 3,
      totalServices: 400,
      totalOrganisations: 221,
    });
    assert.ok(gap('none', 'age', '25_49'));
    assert.ok(gap('none', 'audience', 'bereaved'));
    assert.equal(gap('few', 'audience', 'older_people'), undefined);
    assert.equal(gap('none', 'audience', 'open_to_all'), undefined, '"open to all" is not a group of people');
    const audience = r.tables.find((t) => t.dimension === 'audience')!;
    assert.deepEqual(audience.rows[1]!.cells['children'], { services: 0, organisations: 0 }, 'a value nothing has still has its column');
  });

  it('says nothing is "few" in an area with only a handful of organisations', () => {
    const r = buildCoverage({
      totals: [{ area: 'BD8', services: 6, organisations: 4 }],
      counts: [{ area: 'BD8', dimension: 'audience', value: 'carers', services: 1, organisations: 1 }],
    });
    assert.equal(r.gaps.filter((g) => g.kind === 'few').length, 0);
  });
});
