import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  activeFilters,
  DEFAULT_RADIUS_KM,
  effectiveSort,
  EMPTY_QUERY,
  filterCount,
  findHref,
  parseFindUrl,
  toSearchParams,
  widerRadius,
  withoutFilter,
  type FindQuery,
} from './find-query.ts';

const parse = (qs: string) => parseFindUrl(qs);
const BD8 = { code: 'BD8', latitude: 53.8017, longitude: -1.78409 };
const opts = { today: '2026-03-03', page: 1, perPage: 10 };

describe('reading the find form', () => {
  it('reads words, place and every kind of filter, several values meaning "any of them"', () => {
    const { query, problems } = parse(
      'q=chat+and+tea&where=BD8&km=5&who=women_only&speaks=bn&interp=1&need=free&need=creche&day=TU&day=TH&time=morning&when=today&faith=faith_friendly&kind=sport&kind=arts&mode=phone&for=carers&for=older_people&access=hearing_loop&sort=open&page=2',
    );
    assert.deepEqual(problems, []);
    assert.deepEqual(query, {
      q: 'chat and tea',
      where: 'BD8',
      radiusKm: 5,
      who: ['women_only'],
      lang: 'bn',
      interpreter: true,
      needs: ['free', 'creche'],
      days: ['TU', 'TH'],
      times: ['morning'],
      when: ['today'],
      faith: ['faith_friendly'],
      kinds: ['arts', 'sport'],
      modes: ['phone'],
      audiences: ['older_people', 'carers'],
      access: ['hearing_loop'],
      sort: 'open',
      page: 2,
    });
  });

  it('gives the empty search for an empty address', () => {
    assert.deepEqual(parse('').query, EMPTY_QUERY);
  });

  it('drops choices that are not on the form instead of failing, so a hand-typed link still works', () => {
    const { query, problems } = parse(
      'who=aliens&need=free&need=teleport&day=XX&day=mo&time=midnight&kind=magic&sort=random&page=-3&km=7&speaks=english',
    );
    assert.deepEqual(problems, []);
    assert.deepEqual(query.who, []);
    assert.deepEqual(query.needs, ['free']);
    assert.deepEqual(query.days, [], 'day codes are upper case, as the form sends them');
    assert.deepEqual(query.times, []);
    assert.deepEqual(query.kinds, []);
    assert.equal(query.sort, null);
    assert.equal(query.page, 1);
    assert.equal(query.radiusKm, DEFAULT_RADIUS_KM);
    assert.equal(query.lang, null);
  });

  it('tidies spaces and control characters, and counts repeated values once', () => {
    const { query } = parse('q=%20%20tea%0A%0Adance%20&where=%20bd8%20&need=free&need=free');
    assert.equal(query.q, 'tea dance');
    assert.equal(query.where, 'bd8');
    assert.deepEqual(query.needs, ['free']);
  });

  it('reports words or a place that are far too long, and keeps a shortened copy', () => {
    const { query, problems } = parse(`q=${'a'.repeat(150)}&where=${'b'.repeat(80)}`);
    assert.deepEqual(
      problems.map((p) => [p.field, p.key]),
      [
        ['q', 'find.error.wordsTooLong'],
        ['where', 'find.error.placeTooLong'],
      ],
    );
    assert.equal(query.q.length, 100);
    assert.equal(query.where.length, 60);
  });

  it('folds the start page shortcuts into ordinary choices', () => {
    assert.deepEqual(parse('quick=women').query.who, ['women_only']);
    assert.deepEqual(parse('quick=free').query.needs, ['free']);
    assert.deepEqual(parse('quick=today').query.when, ['today']);
    assert.deepEqual(parse('quick=english').query.kinds, ['informal_english']);
    assert.deepEqual(parse('quick=meet&kind=sport').query.kinds, ['befriending', 'shared_identity_group', 'intercultural', 'sport']);
  });

  it('does not read the interface-language switch (?lang=) as a language filter', () => {
    assert.equal(parse('lang=bn').query.lang, null);
  });
});

describe('sorting', () => {
  it('sorts by distance around a place, by best match with words, and falls back when nearest has no place', () => {
    assert.deepEqual(effectiveSort(EMPTY_QUERY, true), { sort: 'nearest', needsPlace: false });
    assert.deepEqual(effectiveSort({ ...EMPTY_QUERY, q: 'tea' }, true), { sort: 'best', needsPlace: false });
    assert.deepEqual(effectiveSort(EMPTY_QUERY, false), { sort: 'best', needsPlace: false });
    assert.deepEqual(effectiveSort({ ...EMPTY_QUERY, sort: 'nearest' }, false), { sort: 'best', needsPlace: true });
    assert.deepEqual(effectiveSort({ ...EMPTY_QUERY, sort: 'open' }, false), { sort: 'open', needsPlace: false });
  });
});

describe('filters and links', () => {
  const q = parse('where=BD8&who=women_only&speaks=bn&need=free&when=today&page=3').query;

  it('lists each chosen filter, and removing one keeps the others and goes back to page 1', () => {
    const active = activeFilters(q);
    assert.deepEqual(active, [
      { group: 'when', value: 'today' },
      { group: 'who', value: 'women_only' },
      { group: 'lang', value: 'bn' },
      { group: 'need', value: 'free' },
    ]);
    assert.equal(filterCount(q), 4);
    const withoutBengali = withoutFilter(q, active[2]!);
    assert.equal(withoutBengali.lang, null);
    assert.deepEqual(withoutBengali.who, ['women_only']);
    assert.equal(withoutBengali.page, 1);
    assert.equal(findHref(withoutBengali), '/find?where=BD8&when=today&who=women_only&need=free');
  });

  it('writes the same address for the same choices, leaving defaults out', () => {
    assert.equal(findHref(EMPTY_QUERY), '/find');
    assert.equal(findHref(parse('need=creche&need=free&where=BD8&km=3').query), '/find?where=BD8&need=free&need=creche');
    assert.equal(findHref(parse('where=BD8&km=10&page=2').query), '/find?where=BD8&km=10&page=2');
  });

  it('reads back exactly what it writes, for any choices', () => {
    const arb = fc.record({
      q: fc.constantFrom('', 'tea', 'chat & tea', 'café = 1?'),
      where: fc.constantFrom('', 'BD8', 'Manningham'),
      radiusKm: fc.constantFrom(1, 3, 5, 10, 25, 50),
      who: fc.subarray(['women_only', 'men_only'] as const),
      lang: fc.constantFrom(null, 'bn', 'ar'),
      interpreter: fc.boolean(),
      needs: fc.subarray(['free', 'creche', 'fares', 'go_with', 'drop_in', 'no_id'] as const),
      days: fc.subarray(['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const),
      times: fc.subarray(['morning', 'afternoon', 'evening'] as const),
      when: fc.subarray(['today', 'now'] as const),
      faith: fc.subarray(['faith_based', 'faith_friendly'] as const),
      kinds: fc.subarray(['befriending', 'informal_english', 'sport'] as const),
      modes: fc.subarray(['in_person', 'phone', 'online', 'home_visit'] as const),
      audiences: fc.subarray(['children', 'older_people', 'carers', 'lgbtq'] as const),
      access: fc.subarray(['step_free', 'hearing_loop', 'bsl'] as const),
      sort: fc.constantFrom(null, 'best', 'nearest', 'today', 'open' as const),
      page: fc.integer({ min: 1, max: 20 }),
    });
    fc.assert(
      fc.property(arb, (query) => {
        const q = { ...query, radiusKm: query.where ? query.radiusKm : DEFAULT_RADIUS_KM } as FindQuery;
        const href = findHref(q);
        assert.deepEqual(parse(href.slice('/find'.length)).query, q);
      }),
    );
  });

  it('steps out to a wider area, and stops at the widest', () => {
    assert.equal(widerRadius(3), 5);
    assert.equal(widerRadius(25), 50);
    assert.equal(widerRadius(50), null);
  });
});

describe('from the form to the directory search', () => {
  it('makes each filter group a condition that any of its values satisfies', () => {
    const p = toSearchParams(
      parse('who=women_only&who=men_only&need=free&need=creche&kind=sport&kind=arts&faith=faith_based&mode=online').query,
      null,
      opts,
    );
    assert.deepEqual(p.belongAnyOf, [
      ['gender:women_only', 'gender:men_only'],
      ['cost:free'],
      ['help:childcare'],
      ['faith:faith_based'],
      ['support:arts', 'support:sport'],
      ['mode:online'],
    ]);
    assert.equal(p.near, undefined);
    assert.equal(p.search, undefined);
    assert.equal(p.timeMatch, 'overlap');
  });

  it('asks for who it is for (any of them), each access feature, and "no ID needed" as Belong terms', () => {
    const p = toSearchParams(
      parse('for=carers&for=older_people&access=step_free&access=hearing_loop&need=no_id&mode=home_visit').query,
      null,
      opts,
    );
    assert.deepEqual(p.belongAnyOf, [
      ['audience:older_people', 'audience:carers'],
      ['requires:no_id_documents'],
      ['access:step_free'],
      ['access:hearing_loop'],
      ['mode:home_visit'],
    ]);
  });

  it('asks for a language, or an interpreter, or both', () => {
    assert.deepEqual(toSearchParams(parse('speaks=bn').query, null, opts).languages, { codes: ['bn'], orInterpreter: false });
    assert.deepEqual(toSearchParams(parse('speaks=bn&interp=1').query, null, opts).languages, { codes: ['bn'], orInterpreter: true });
    const interpreterOnly = toSearchParams(parse('interp=1').query, null, opts);
    assert.equal(interpreterOnly.languages, undefined);
    assert.deepEqual(interpreterOnly.belongAnyOf, [['help:interpreter_available']]);
  });

  it('turns days and parts of the day into windows a session must overlap', () => {
    const p = toSearchParams(parse('day=SA&day=SU&time=morning&time=evening').query, null, opts);
    assert.deepEqual(p.days, ['SA', 'SU']);
    assert.deepEqual(p.timeWindows, [
      { start: '00:00:00', end: '12:00:00' },
      { start: '17:00:00', end: '24:00:00' },
    ]);
  });

  it('searches around the place within the chosen radius, with the words given', () => {
    const p = toSearchParams(parse('q=football&where=BD8&km=10').query, BD8, { ...opts, page: 2, perPage: 10 });
    assert.deepEqual(p.near, { ...BD8, radiusMetres: 10_000 });
    assert.equal(p.search, 'football');
    assert.equal(p.page, 2);
    assert.equal(p.today, '2026-03-03');
  });
});
