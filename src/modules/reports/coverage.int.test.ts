/**
 * Coverage (supply) computed in SQL, on both engines, against hand counts:
 * a small directory written for the test, and an imported ORUK feed with its
 * own audience taxonomy read through a mapping.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openTestDatabase, testEngine, type TestDatabase } from '../../../test/support/test-db.ts';
import {
  locationFixture,
  organizationFixture,
  saveFixtures,
  scheduleFixture,
  serviceFixture,
  fixtureId,
} from '../../../test/support/directory-fixtures.ts';
import { feedRecords } from '../import/feed-source.ts';
import { importRecords } from '../import/import.runner.ts';
import { parseVocabularyMapping } from '../import/vocabulary-mapping.ts';
import { REPO_ROOT } from '../oruk/oruk-schema.validator.ts';
import { countCoverage } from './coverage.repository.ts';
import { buildCoverage, type CoverageReport } from './coverage.ts';

const cell = (r: CoverageReport, dimension: string, area: string | null, value: string | null) => {
  const row = r.tables.find((t) => t.dimension === dimension)!.rows.find((x) => x.area === area);
  assert.ok(row, `${dimension} has a row for ${area}`);
  const c = value === null ? row.notStated : row.cells[value];
  assert.ok(c, `${dimension} has a column ${value}`);
  return [c.services, c.organisations];
};
const gapWords = (r: CoverageReport, area: string | null) =>
  r.gaps
    .filter((g) => g.area === area)
    .map((g) => `${g.kind}:${g.dimension}:${g.value}`)
    .sort();

describe(`coverage of the directory [${testEngine}]`, () => {
  let database: TestDatabase;
  before(async () => {
    database = await openTestDatabase();
  });
  after(async () => {
    await database.dispose();
  });

  it('counts services and organisations per value, "not stated" apart, by district and over all areas', async () => {
    const alpha = organizationFixture('alpha');
    const beta = organizationFixture('beta');
    const gamma = organizationFixture('gamma');
    await saveFixtures(database.db, [
      serviceFixture('alpha-carers', {
        organization: alpha,
        belong: {
          audiences: ['carers'],
          eligibility: 'especially_welcome',
          gender: 'women_only',
          transport_offered: true,
          accompany_first_visit: null,
          safeguarding_checked_leads: true,
          capacity_status: 'full',
        },
        locations: [locationFixture('alpha-carers', { postcode: 'BD8 7AB' })],
        extra: {
          languages: [
            { id: fixtureId('lang:ac:en'), code: 'en', name: 'English' },
            { id: fixtureId('lang:ac:ur'), code: 'ur', name: 'Urdu' },
          ],
        },
      }),
      serviceFixture('alpha-older', {
        organization: alpha,
        service: { minimum_age: 65 },
        belong: {
          audiences: ['older_people'],
          eligibility: 'only',
          cost_band: 'low_cost',
          capacity_status: 'waiting_list',
          modes: ['in_person', 'phone'],
        },
        locations: [locationFixture('alpha-older', { postcode: 'bd87ab' })],
        schedules: [scheduleFixture('alpha-older', { byday: 'SA', opens_at: '18:00', closes_at: '20:00' })],
      }),
      serviceFixture('beta-youth', {
        organization: beta,
        service: { minimum_age: 16, maximum_age: 24 },
        belong: {
          gender: null,
          cost_band: null,
          capacity_status: null,
          modes: ['online'],
          transport_offered: null,
          safeguarding_checked_leads: null,
        },
        locations: [locationFixture('beta-youth', { postcode: 'BD3 9AA' })],
        extra: { languages: [{ id: fixtureId('lang:by:pl'), code: 'pl', name: 'Polish' }] },
      }),
      serviceFixture('gamma-phone', {
        organization: gamma,
        belong: { eligibility: 'open_to_all', modes: ['phone'] },
        locations: [],
        schedules: [],
        extra: { languages: [] },
      }),
      serviceFixture('gamma-closed', { organization: gamma, service: { status: 'inactive' }, belong: { audiences: ['children'] } }),
    ]);

    const r = buildCoverage(await countCoverage(database.db));
    assert.deepEqual(r.areas, [null, 'BD3', 'BD8', '']);
    const all = r.tables[0]!.rows[0]!;
    assert.deepEqual([all.services, all.organisations], [4, 3], 'the inactive service is not counted');

    assert.deepEqual(cell(r, 'audience', null, 'carers'), [1, 1]);
    assert.deepEqual(cell(r, 'audience', null, 'older_people'), [1, 1]);
    assert.deepEqual(cell(r, 'audience', null, 'open_to_all'), [1, 1]);
    assert.deepEqual(cell(r, 'audience', null, 'children'), [0, 0]);
    assert.deepEqual(cell(r, 'audience', null, null), [1, 1]);
    assert.deepEqual(cell(r, 'eligibility', null, null), [1, 1]);

    assert.deepEqual(cell(r, 'age', null, '16_17'), [1, 1]);
    assert.deepEqual(cell(r, 'age', null, '18_24'), [1, 1]);
    assert.deepEqual(cell(r, 'age', null, '25_49'), [0, 0]);
    assert.deepEqual(cell(r, 'age', null, '65_plus'), [1, 1]);
    assert.deepEqual(cell(r, 'age', null, '50_64'), [0, 0], 'a stated minimum age of 65 wins over "older people"');
    assert.deepEqual(cell(r, 'age', null, null), [2, 2]);

    assert.deepEqual(cell(r, 'language', null, 'en'), [2, 1]);
    assert.deepEqual(cell(r, 'language', null, 'ur'), [1, 1]);
    assert.deepEqual(cell(r, 'language', null, 'pl'), [1, 1]);
    assert.deepEqual(cell(r, 'language', null, null), [1, 1]);

    assert.deepEqual(cell(r, 'gender', null, 'women_only'), [1, 1]);
    assert.deepEqual(cell(r, 'gender', null, 'mixed'), [2, 2]);
    assert.deepEqual(cell(r, 'gender', null, null), [1, 1]);
    assert.deepEqual(cell(r, 'cost', null, 'free'), [2, 2]);
    assert.deepEqual(cell(r, 'cost', null, null), [1, 1]);
    assert.deepEqual(cell(r, 'mode', null, 'phone'), [2, 2]);
    assert.deepEqual(cell(r, 'mode', null, 'in_person'), [2, 1]);
    assert.deepEqual(cell(r, 'times', null, 'weekday_daytime'), [2, 2]);
    assert.deepEqual(cell(r, 'times', null, 'evenings'), [1, 1]);
    assert.deepEqual(cell(r, 'times', null, 'weekends'), [1, 1]);
    assert.deepEqual(cell(r, 'times', null, null), [1, 1]);
    assert.deepEqual(cell(r, 'transport', null, 'yes'), [1, 1]);
    assert.deepEqual(cell(r, 'transport', null, null), [1, 1]);
    assert.deepEqual(cell(r, 'accompany', null, null), [1, 1]);
    assert.deepEqual(cell(r, 'vetted', null, 'yes'), [1, 1]);
    assert.deepEqual(cell(r, 'capacity', null, 'full'), [1, 1]);
    assert.deepEqual(cell(r, 'capacity', null, 'waiting_list'), [1, 1]);
    assert.deepEqual(cell(r, 'capacity', null, null), [1, 1]);
    assert.deepEqual(cell(r, 'community', null, null), [4, 3]);

    assert.deepEqual(cell(r, 'audience', 'BD8', 'carers'), [1, 1]);
    assert.deepEqual(cell(r, 'language', 'BD8', 'en'), [2, 1]);
    assert.deepEqual(cell(r, 'audience', '', 'open_to_all'), [1, 1]);
    assert.ok(gapWords(r, 'BD8').includes('none:age:25_49'));
    assert.ok(gapWords(r, null).includes('none:audience:bereaved'));
    assert.ok(!gapWords(r, null).includes('none:audience:carers'));
    assert.deepEqual(gapWords(r, ''), [], 'no gaps for "no fixed place"');

    const bd8 = buildCoverage(await countCoverage(database.db, { area: ' bd8 ' }), 'BD8');
    assert.deepEqual(bd8.areas, [null, 'BD8']);
    assert.deepEqual(cell(bd8, 'audience', null, 'carers'), [1, 1]);
    assert.deepEqual([bd8.tables[0]!.rows[0]!.services, bd8.tables[0]!.rows[0]!.organisations], [2, 1]);
    const town = buildCoverage(await countCoverage(database.db, { area: 'Bradford' }), 'Bradford');
    assert.deepEqual([town.tables[0]!.rows[0]!.services, town.tables[0]!.rows[0]!.organisations], [3, 2], 'a town matches its places');
    const nowhere = buildCoverage(await countCoverage(database.db, { area: 'Atlantis' }), 'Atlantis');
    assert.deepEqual(
      nowhere.tables[0]!.rows.map((x) => x.services),
      [0],
    );
    assert.deepEqual(nowhere.gaps, []);
  });

  it('an imported feed with its own audience taxonomy, read through a mapping, matches a hand count and flags what nothing serves', async () => {
    await database.db.deleteFrom('service').execute();
    const feeds = path.join(REPO_ROOT, 'test/fixtures/import/feeds');
    const m = parseVocabularyMapping(JSON.parse(fs.readFileSync(path.join(feeds, 'calder-valley-mapping.json'), 'utf8')));
    if (!m.ok) assert.fail(m.errors.join('\n'));
    const report = await importRecords(
      database.db,
      feedRecords(path.join(feeds, 'calder-valley.oruk3.json'), 'calder-valley', { mapping: m.mapping }),
      {
        source: 'calder-valley',
      },
    );
    assert.equal(report.created, 6);
    const r = buildCoverage(await countCoverage(database.db));
    // Hand count from the feed: Thursday Lunch Club (OLD, OL14), Carers' Coffee Morning (Carers, HX1), New Neighbours
    // (Refugees … only, HX1), Rainbow Connections (LGBT…, 18+, HX1, its own organisation), Home Library Service
    // (Over 60s = OLD, home visits, no place), Women's Sewing Circle (no audience term, OL14).
    assert.deepEqual(r.areas, [null, 'HX1', 'OL14', '']);
    assert.deepEqual([r.tables[0]!.rows[0]!.services, r.tables[0]!.rows[0]!.organisations], [6, 2]);
    assert.deepEqual(cell(r, 'audience', null, 'older_people'), [2, 1]);
    assert.deepEqual(cell(r, 'audience', null, 'carers'), [1, 1]);
    assert.deepEqual(cell(r, 'audience', null, 'refugees_asylum'), [1, 1]);
    assert.deepEqual(cell(r, 'audience', null, 'lgbtq'), [1, 1]);
    assert.deepEqual(cell(r, 'audience', null, null), [1, 1]);
    assert.deepEqual(cell(r, 'eligibility', null, 'only'), [1, 1]);
    assert.deepEqual(cell(r, 'audience', 'HX1', 'carers'), [1, 1]);
    assert.deepEqual(cell(r, 'audience', 'OL14', 'carers'), [0, 0]);
    assert.deepEqual(cell(r, 'mode', '', 'home_visit'), [1, 1]);
    assert.deepEqual(cell(r, 'age', null, '25_49'), [1, 1], 'Rainbow Connections: 18 and over');
    assert.ok(gapWords(r, null).includes('none:audience:bereaved'), 'nothing in the feed is for bereaved people');
    assert.ok(gapWords(r, 'OL14').includes('none:audience:carers'));
    assert.ok(!gapWords(r, 'HX1').includes('none:audience:carers'));
  });
});
