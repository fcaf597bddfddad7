/** Outcomes counted in SQL on both engines: measure change and feedback by service, kind and area, small numbers hidden. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openTestDatabase, testEngine, type TestDatabase } from '../../../test/support/test-db.ts';
import { fixtureId, locationFixture, saveFixtures, serviceFixture } from '../../../test/support/directory-fixtures.ts';
import { newId } from '../../platform/ids.ts';
import { makeAccount, makeOrganisation } from '../accounts/accounts.test-support.ts';
import { insertSimulatedReferrals } from '../demo/demo-activity.repository.ts';
import { feedbackRatings, measureChange } from './outcomes.repository.ts';
import { suppressChange, suppressFeedback } from './outcomes.ts';

const period = { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2027-01-01T00:00:00Z') };

describe(`outcomes [${testEngine}]`, () => {
  let database: TestDatabase;
  before(async () => {
    database = await openTestDatabase();
  });
  after(async () => {
    await database.dispose();
  });

  it('averages measure change for the people who went, and feedback ratings, hiding what rests on fewer than 5', async () => {
    const db = database.db;
    await saveFixtures(db, [
      serviceFixture('walk', { belong: { support_kinds: ['befriending'] }, locations: [locationFixture('walk', { postcode: 'BD8 7AB' })] }),
      serviceFixture('sew', { belong: { support_kinds: ['arts'] }, locations: [locationFixture('sew', { postcode: 'BD3 9AA' })] }),
    ]);
    const org = await makeOrganisation(db, { kind: 'referrer' });
    const account = await makeAccount(db, org, { role: 'connector' });
    const at = (s: string) => new Date(`${s}T10:00:00Z`);
    const people = await insertSimulatedReferrals(
      db,
      { organisationId: org, accountId: account.id },
      [1, 2, 3, 4, 5].map((i) => ({
        person: { label: `m${i}`, language: 'en', ethnicity: null, ageBand: null, gender: null, outcode: 'BD8' },
        route: 'gp',
        serviceId: fixtureId('service:walk'),
        serviceName: 'Walk group',
        sentAt: at('2026-02-01'),
        steps: [{ state: 'attending', at: at('2026-02-10') }],
      })),
    );
    let i = 0;
    for (const personId of people.values()) {
      i++;
      for (const [occasion, date, value] of [
        ['baseline', '2026-02-01', 4],
        ['follow_up', '2026-05-01', i === 1 ? 4 : 2],
      ] as const)
        await db
          .insertInto('measure_administration')
          .values({
            id: newId(),
            person_id: personId,
            measure_id: 'ons_loneliness',
            measure_version: '1',
            occasion,
            occasion_date: date,
            language: 'en',
            translation_status: 'official',
            mode: 'self',
            explanation_shown: true,
            answers: '{}',
            scores: JSON.stringify([{ id: 'ons_loneliness', value }]),
            recorded_at: at(date),
          })
          .execute();
    }
    const change = suppressChange(await measureChange(db, period));
    const byService = change.find((c) => c.grouping === 'service' && c.key === fixtureId('service:walk'))!;
    assert.deepEqual([byService.people, byService.baseline, byService.followUp, byService.change], [5, 4, 2.4, -1.6]);
    assert.equal(change.find((c) => c.grouping === 'kind' && c.key === 'befriending')?.people, 5);
    assert.equal(change.find((c) => c.grouping === 'area' && c.key === 'BD8')?.change, -1.6);

    for (const [service, name, ratings] of [
      ['walk', 'Walk group', [5, 4, 4, 3, 5, 5]],
      ['sew', 'Sew group', [1, 2]],
    ] as const)
      for (const rating of ratings)
        await db
          .insertInto('service_feedback')
          .values({
            id: newId(),
            service_id: fixtureId(`service:${service}`),
            service_name: name,
            person_id: null,
            attempt_id: null,
            anonymous: true,
            rating,
            comment: 'free text never read',
            given_on: '2026-03-01',
          })
          .execute();
    const fb = suppressFeedback(await feedbackRatings(db, period));
    const row = (grouping: string, key: string) => fb.find((f) => f.grouping === grouping && f.key === key);
    assert.deepEqual([row('service', fixtureId('service:walk'))?.ratings, row('service', fixtureId('service:walk'))?.average], [6, 4.33]);
    assert.deepEqual([row('service', fixtureId('service:sew'))?.ratings, row('service', fixtureId('service:sew'))?.average], [null, null]);
    assert.equal(row('kind', 'befriending')?.ratings, 6);
    assert.equal(row('area', 'BD3')?.average, null);
    assert.ok(!JSON.stringify(fb).includes('free text'));
  });
});
