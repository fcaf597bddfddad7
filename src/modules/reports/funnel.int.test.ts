/** The referral funnel counted in SQL, on both engines, against a hand count; suppression and reach ratios on top. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openTestDatabase, testEngine, type TestDatabase } from '../../../test/support/test-db.ts';
import { makeAccount, makeOrganisation } from '../accounts/accounts.test-support.ts';
import { insertSimulatedReferrals, type SimulatedPerson, type SimulatedReferral } from '../demo/demo-activity.repository.ts';
import { countFunnel } from './funnel.repository.ts';
import { replacePopulation } from './population.repository.ts';
import { buildFunnel } from './funnel.ts';
import { loadPopulation } from './funnel.repository.ts';

const d = (s: string) => new Date(`${s}T10:00:00Z`);
const arab = (label: string): SimulatedPerson => ({
  label,
  language: 'ar',
  ethnicity: 'other_arab',
  ageBand: '25_49',
  gender: 'woman',
  outcode: 'BD8',
});
const referral = (person: SimulatedPerson, sent: string, steps: [string, string][], route: string | null = 'gp'): SimulatedReferral => ({
  person,
  route,
  serviceId: '00000000-0000-4000-8000-000000000001',
  serviceName: 'Tuesday chat',
  sentAt: d(sent),
  steps: steps.map(([state, at]) => ({ state, at: d(at) })),
});

describe(`the referral funnel [${testEngine}]`, () => {
  let database: TestDatabase;
  before(async () => {
    database = await openTestDatabase();
    const org = await makeOrganisation(database.db, { kind: 'referrer' });
    const account = await makeAccount(database.db, org, { role: 'connector' });
    const en: SimulatedPerson = { label: 'p7', language: 'en', ethnicity: null, ageBand: null, gender: 'man', outcode: 'bd3' };
    await insertSimulatedReferrals(database.db, { organisationId: org, accountId: account.id }, [
      referral(arab('p1'), '2026-01-10', [
        ['accepted', '2026-01-12'],
        ['first_visit_booked', '2026-01-15'],
        ['attending', '2026-01-20'],
      ]),
      referral(arab('p2'), '2026-01-10', [
        ['accepted', '2026-01-12'],
        ['attending', '2026-01-20'],
        ['not_taken_up', '2026-02-01'],
      ]),
      referral(arab('p3'), '2026-01-10', [['declined', '2026-01-11']], 'pharmacy'),
      referral(arab('p4'), '2026-01-10', [['expired', '2026-02-10']]),
      referral(arab('p5'), '2026-01-10', [
        ['accepted', '2026-01-12'],
        ['contact_attempted', '2026-01-14'],
      ]),
      referral(arab('p6'), '2026-01-10', [['attending', '2026-06-20']]),
      referral(
        en,
        '2026-03-01',
        [
          ['attending', '2026-03-05'],
          ['completed', '2026-04-01'],
        ],
        null,
      ),
      referral(en, '2025-12-01', [['attending', '2025-12-05']], null),
      referral(arab('p9'), '2026-01-10', [['entered_in_error', '2026-01-11']]),
    ]);
  });
  after(async () => {
    await database.dispose();
  });

  it('counts each stage by dimension, over all areas and per area, leaving out what was not sent in the period', async () => {
    const rows = await countFunnel(database.db, { from: d('2026-01-01'), to: d('2026-07-01') });
    const row = (inArea: string | null, dimension: string, value: string | null) => {
      const r = rows.find((x) => x.inArea === inArea && x.dimension === dimension && x.value === value);
      assert.ok(r, `${inArea} ${dimension} ${value}`);
      return [r.referred, r.contacted, r.first_visit, r.attending, r.still_going, r.not_taken_up, r.declined, r.expired, r.people];
    };
    assert.deepEqual(row(null, 'language', 'ar'), [6, 4, 3, 3, 1, 1, 1, 1, 6]);
    assert.deepEqual(row(null, 'language', 'en'), [1, 1, 1, 1, 1, 0, 0, 0, 1]);
    assert.deepEqual(row(null, 'route', 'gp'), [5, 4, 3, 3, 1, 1, 0, 1, 5]);
    assert.deepEqual(row(null, 'route', 'pharmacy'), [1, 0, 0, 0, 0, 0, 1, 0, 1]);
    assert.deepEqual(row(null, 'route', null), [1, 1, 1, 1, 1, 0, 0, 0, 1]);
    assert.deepEqual(row(null, 'ethnicity', null), [1, 1, 1, 1, 1, 0, 0, 0, 1]);
    assert.deepEqual(row(null, 'area', 'BD3'), [1, 1, 1, 1, 1, 0, 0, 0, 1]);
    assert.deepEqual(row('BD8', 'ethnicity', 'other_arab'), [6, 4, 3, 3, 1, 1, 1, 1, 6]);
    assert.deepEqual(row(null, 'age_band', '25_49'), [6, 4, 3, 3, 1, 1, 1, 1, 6]);
    assert.equal(
      rows.filter((r) => r.inArea === null && r.dimension === 'gender').reduce((n, r) => n + r.referred, 0),
      7,
      'nothing outside the period, no draft, no entry made in error',
    );
  });

  it('suppresses small numbers in the report, and gives reach ratios against the uploaded population', async () => {
    await replacePopulation(
      database.db,
      [
        { area: 'BD8', dimension: 'ethnicity', value: 'other_arab', population: 100 },
        { area: 'BD8', dimension: 'ethnicity', value: 'white_british', population: 900 },
      ],
      { source: 'test', uploadedBy: null, at: new Date() },
    );
    const r = buildFunnel(
      await countFunnel(database.db, { from: d('2026-01-01'), to: d('2026-07-01') }),
      (await loadPopulation(database.db)).rows,
    );
    const language = r.tables.find((t) => t.dimension === 'language')!;
    assert.deepEqual(
      language.rows.map((x) => [x.value, x.counts.referred]),
      [
        ['ar', null],
        ['en', null],
        [null, 0],
      ],
      'one person in English: hidden, and Arabic with it, or 7 − 6 would tell',
    );
    assert.equal(language.total.referred, 7);
    for (const t of r.tables)
      for (const x of [...t.rows.map((y) => y.counts), t.total])
        for (const v of Object.values(x)) assert.ok(v === null || v === 0 || v >= 5, `${t.dimension}: ${v}`);
    assert.deepEqual(
      r.reach.map((x) => [x.value, x.people, x.share, x.populationShare, x.ratio]),
      [
        ['other_arab', 6, 1, 0.1, 10],
        ['white_british', 0, 0, 0.9, 0],
      ],
    );
  });
});
