import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  DEFAULT_PER_PAGE,
  MAX_PER_PAGE,
  parseDateTime,
  parseDay,
  parseServiceSearch,
  parseTime,
  type PlaceLookup,
  type RawQuery,
} from './service-search.ts';

const places: PlaceLookup = (input) => {
  const code = input.trim().toUpperCase().replace(/\s+/g, ' ');
  return code === 'BD8' || code === 'BD8 7AB' ? { code, latitude: 53.8, longitude: -1.77 } : null;
};
const parse = (q: RawQuery) => parseServiceSearch(q, { lookupPlace: places, today: '2025-03-01' });
const errorsOf = (q: RawQuery) => {
  const r = parse(q);
  assert.equal(r.ok, false, `expected ${JSON.stringify(q)} to be refused`);
  return r.ok ? [] : r.errors;
};
const valueOf = (q: RawQuery) => {
  const r = parse(q);
  if (!r.ok) assert.fail(`expected ${JSON.stringify(q)} to parse: ${r.errors.join(' ')}`);
  return r.value;
};

describe('parseServiceSearch', () => {
  it('gives the first page at the default size when nothing is asked', () => {
    const p = valueOf({});
    assert.equal(p.page, 1);
    assert.equal(p.perPage, DEFAULT_PER_PAGE);
    assert.deepEqual(p.taxonomyTermIds, []);
    assert.equal(p.timeMatch, 'within');
    assert.equal(p.today, '2025-03-01');
    assert.equal(p.search, undefined);
    assert.equal(p.near, undefined);
  });

  it('reads every ORUK parameter into normalised values', () => {
    const p = valueOf({
      search: '  legal   aid ',
      page: '3',
      per_page: '20',
      taxonomy_term_id: '3F7B145D-84AF-42D7-8FAE-EACA714B02B2',
      taxonomy_id: '07ff6aee-a219-438c-b694-d2fcb6c5373b',
      organization_id: 'd9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610',
      modified_after: '2024-05-01T09:00:00Z',
      minimum_age: '16',
      maximum_age: '65',
      day: 'we',
      start_time: '9:30',
      end_time: '17:00',
      postcode: 'bd8 7ab',
      proximity: '1500',
    });
    assert.equal(p.search, 'legal aid');
    assert.equal(p.page, 3);
    assert.equal(p.perPage, 20);
    assert.deepEqual(p.taxonomyTermIds, ['3f7b145d-84af-42d7-8fae-eaca714b02b2']);
    assert.equal(p.taxonomyId, '07ff6aee-a219-438c-b694-d2fcb6c5373b');
    assert.equal(p.organizationId, 'd9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610');
    assert.equal(p.modifiedAfter?.toISOString(), '2024-05-01T09:00:00.000Z');
    assert.equal(p.minimumAge, 16);
    assert.equal(p.maximumAge, 65);
    assert.equal(p.day, 'WE');
    assert.equal(p.startTime, '09:30:00');
    assert.equal(p.endTime, '17:00:00');
    assert.deepEqual(p.near, { code: 'BD8 7AB', latitude: 53.8, longitude: -1.77, radiusMetres: 1500 });
  });

  it('accepts several taxonomy terms separated by commas, once each', () => {
    const a = '3f7b145d-84af-42d7-8fae-eaca714b02b2';
    const b = '07ff6aee-a219-438c-b694-d2fcb6c5373b';
    assert.deepEqual(valueOf({ taxonomy_term_id: `${a}, ${b},${a}` }).taxonomyTermIds, [a, b]);
  });

  it('orders by distance from a postcode without limiting when no proximity is given', () => {
    assert.deepEqual(valueOf({ postcode: 'BD8' }).near, { code: 'BD8', latitude: 53.8, longitude: -1.77 });
  });

  it('ignores blank and unknown parameters', () => {
    const p = valueOf({ search: '   ', day: '', colour: 'blue' });
    assert.equal(p.search, undefined);
    assert.equal(p.day, undefined);
  });

  it('refuses bad paging with the allowed range in the message', () => {
    assert.match(errorsOf({ page: '0' })[0]!, /page must be a whole number from 1/);
    assert.match(errorsOf({ page: 'two' })[0]!, /page must be a whole number/);
    assert.match(
      errorsOf({ per_page: String(MAX_PER_PAGE + 1) })[0]!,
      new RegExp(`per_page must be a whole number from 1 to ${MAX_PER_PAGE}`),
    );
    assert.match(errorsOf({ per_page: '0' })[0]!, /per_page/);
  });

  it('refuses ids that are not UUIDs', () => {
    assert.match(errorsOf({ taxonomy_term_id: 'women-only' })[0]!, /taxonomy_term_id must be a UUID/);
    assert.match(errorsOf({ taxonomy_id: '123' })[0]!, /taxonomy_id must be a UUID/);
    assert.match(errorsOf({ organization_id: 'abc' })[0]!, /organization_id must be a UUID/);
  });

  it('refuses a bad day, time or date and says what is expected', () => {
    assert.match(errorsOf({ day: 'XX' })[0]!, /day must be one of MO, TU/);
    assert.match(errorsOf({ start_time: '25:00' })[0]!, /start_time must be a time of day/);
    assert.match(errorsOf({ end_time: 'noon' })[0]!, /end_time must be a time of day/);
    assert.match(errorsOf({ start_time: '14:00', end_time: '10:00' })[0]!, /start_time must be before end_time/);
    assert.match(errorsOf({ modified_after: 'yesterday' })[0]!, /modified_after must be a date/);
    assert.match(errorsOf({ minimum_age: '-1' })[0]!, /minimum_age must be a whole number/);
  });

  it('refuses a proximity that is not a number, or has no postcode to measure from', () => {
    assert.match(errorsOf({ postcode: 'BD8', proximity: 'near' })[0]!, /proximity must be a number/);
    assert.match(errorsOf({ proximity: '1000' })[0]!, /proximity needs a postcode/);
  });

  it('refuses a postcode it does not know', () => {
    assert.match(errorsOf({ postcode: 'ZZ99 9ZZ' })[0]!, /postcode "ZZ99 9ZZ" is not a postcode/);
  });

  it('lists every problem at once', () => {
    assert.equal(errorsOf({ page: '0', day: 'funday', taxonomy_id: 'x' }).length, 3);
  });

  it('refuses a search longer than 200 characters', () => {
    assert.match(errorsOf({ search: 'a'.repeat(201) })[0]!, /search must be at most 200/);
  });
});

describe('search value parsers', () => {
  it('reads days as codes or English names', () => {
    assert.equal(parseDay('MO'), 'MO');
    assert.equal(parseDay('su'), 'SU');
    assert.equal(parseDay('Thursday'), 'TH');
    assert.equal(parseDay('sat'), 'SA');
    assert.equal(parseDay('1TU'), null);
  });

  it('reads times with or without seconds and refuses impossible ones', () => {
    assert.equal(parseTime('9:05'), '09:05:00');
    assert.equal(parseTime('23:59:59'), '23:59:59');
    assert.equal(parseTime('24:00'), null);
    assert.equal(parseTime('10:60'), null);
    assert.equal(parseTime('10'), null);
  });

  it('reads dates and date-times, treating a bare date as midnight UTC', () => {
    assert.equal(parseDateTime('2024-02-29')?.toISOString(), '2024-02-29T00:00:00.000Z');
    assert.equal(parseDateTime('2024-05-01T10:00:00+01:00')?.toISOString(), '2024-05-01T09:00:00.000Z');
    assert.equal(parseDateTime('2024-13-01'), null);
    assert.equal(parseDateTime('1 May 2024'), null);
  });
});
