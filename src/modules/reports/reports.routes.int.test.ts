/**
 * The report pages, CSV and JSON on both engines: commissioners and
 * administrators see them, others are refused, every look is audited, and no
 * page, CSV or JSON answer carries a person's name, id or words.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { createLogger } from '../../platform/log.ts';
import { newId } from '../../platform/ids.ts';
import { openTestDatabase, testEngine, type TestDatabase } from '../../../test/support/test-db.ts';
import { fixtureId, locationFixture, saveFixtures, serviceFixture } from '../../../test/support/directory-fixtures.ts';
import { makeAccount, makeOrganisation, TEST_PASSWORD, TestBrowser } from '../accounts/accounts.test-support.ts';
import { insertSimulatedReferrals } from '../demo/demo-activity.repository.ts';

describe(`the report pages, CSV and JSON [${testEngine}]`, () => {
  let database: TestDatabase;
  before(async () => {
    database = await openTestDatabase();
  });
  after(async () => {
    await database.dispose();
  });

  it('shows each report to a commissioner, as a page, a CSV and JSON, without a person in them', async () => {
    const db = database.db;
    await saveFixtures(db, [
      serviceFixture('walk', {
        belong: { audiences: ['carers'], support_kinds: ['befriending'] },
        locations: [locationFixture('walk', { postcode: 'BD8 7AB' })],
      }),
    ]);
    const org = await makeOrganisation(db, { kind: 'referrer' });
    const connector = await makeAccount(db, org, { role: 'connector' });
    const people = await insertSimulatedReferrals(
      db,
      { organisationId: org, accountId: connector.id },
      Array.from({ length: 12 }, (_, i) => ({
        person: {
          label: `Zebedee${i}`,
          language: i % 2 ? 'ar' : 'en',
          ethnicity: i % 3 ? 'other_arab' : null,
          ageBand: '25_49',
          gender: 'woman',
          outcode: 'BD8',
        },
        route: 'gp',
        serviceId: fixtureId('service:walk'),
        serviceName: 'Walk group',
        sentAt: new Date('2026-02-01T10:00:00Z'),
        steps:
          i % 4
            ? [{ state: 'attending', at: new Date('2026-02-10T10:00:00Z') }]
            : [{ state: 'declined', at: new Date('2026-02-03T10:00:00Z') }],
      })),
    );
    for (let i = 0; i < 6; i++)
      await db
        .insertInto('service_feedback')
        .values({
          id: newId(),
          service_id: fixtureId('service:walk'),
          service_name: 'Walk group',
          person_id: null,
          attempt_id: null,
          anonymous: true,
          rating: 4,
          comment: 'Quixotic private words',
          given_on: '2026-03-01',
        })
        .execute();
    const secrets = [...people.keys(), ...people.values(), 'Quixotic', 'Made-up need'];
    const idsOfReferrals = (await db.selectFrom('referral_attempt').select(['id', 'referral_id']).execute()).flatMap((r) => [
      r.id,
      r.referral_id,
    ]);

    const app = createApp({
      config: loadConfig({ LOG_LEVEL: 'silent', DEMO_DATA: 'off' }),
      database,
      log: createLogger('silent'),
      now: () => new Date('2026-06-30T12:00:00Z'),
    });
    const council = await makeOrganisation(db, { kind: 'referrer', name: 'Bradford Council' });
    const commissioner = await makeAccount(db, council, { role: 'commissioner' });
    const browser = new TestBrowser(app);
    await browser.signIn(commissioner.email, TEST_PASSWORD);

    const answers: string[] = [];
    const index = await browser.get('/staff/evidence');
    assert.equal(index.status, 200);
    const coverage = await browser.get('/staff/evidence/coverage');
    assert.equal(coverage.status, 200);
    assert.match(coverage.html, /No service is for adults aged 25 to 49 in BD8\./);
    assert.match(coverage.html, /<svg role="img"/);
    const funnel = await browser.get('/staff/evidence/funnel?from=2026-01-01&to=2026-06-30');
    assert.equal(funnel.status, 200);
    assert.match(funnel.html, /Still going at review/);
    assert.match(funnel.html, /are made up/, 'simulated activity is marked as made up');
    const outcomes = await browser.get('/staff/evidence/outcomes?from=2026-01-01&to=2026-06-30');
    assert.equal(outcomes.status, 200);
    assert.match(outcomes.html, /Walk group/);
    answers.push(index.html, coverage.html, funnel.html, outcomes.html);

    for (const name of ['coverage', 'funnel', 'outcomes']) {
      const csv = await browser.get(`/staff/evidence/${name}.csv?from=2026-01-01&to=2026-06-30`);
      assert.equal(csv.status, 200);
      assert.match(csv.headers.get('content-type') ?? '', /text\/csv/);
      assert.match(csv.headers.get('content-disposition') ?? '', /attachment/);
      answers.push(csv.html);
      const json = await browser.request(`/api/reports/${name}?from=2026-01-01&to=2026-06-30`, { headers: { accept: 'application/json' } });
      assert.equal(json.status, 200);
      answers.push(json.html);
    }
    assert.match(answers.at(-2)!, /^\uFEFF?what,by,key/);
    const funnelJson = JSON.parse(answers[7]!) as { tables: { dimension: string; total: { referred: number } }[]; madeUp: boolean };
    assert.equal(funnelJson.tables[0]!.total.referred, 12);
    assert.equal(funnelJson.madeUp, true);

    for (const text of answers)
      for (const secret of [...secrets, ...idsOfReferrals]) assert.ok(!text.includes(secret), `a report answer contains ${secret}`);

    const bad = await browser.get('/staff/evidence/funnel?from=2026-13-01');
    assert.equal(bad.status, 400);
    const badJson = await browser.request('/api/reports/funnel?from=nope', { headers: { accept: 'application/json' } });
    assert.equal(badJson.status, 400);
    assert.equal((await app.request('/api/reports/coverage')).status, 401);

    const looks = await db
      .selectFrom('audit_event')
      .select('subject_id')
      .where('action', '=', 'evidence.view')
      .where('actor_account_id', '=', commissioner.id)
      .execute();
    assert.ok(looks.length >= 9, 'every look is audited');

    const other = new TestBrowser(app);
    await other.signIn(connector.email, TEST_PASSWORD);
    assert.equal((await other.get('/staff/evidence/coverage')).status, 403);
    assert.equal((await other.request('/api/reports/funnel', { headers: { accept: 'application/json' } })).status, 403);
  });
});
