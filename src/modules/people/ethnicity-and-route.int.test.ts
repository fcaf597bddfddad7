/**
 * Ethnicity and referral route, from the forms to the funnel, on both
 * engines: a connector records a person's ethnic group only with their
 * consent to keep it, and how they came to the connector on the referral
 * form; the funnel counts them, and what was not asked is "not stated".
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { createLogger } from '../../platform/log.ts';
import { openTestDatabase, testEngine, type TestDatabase } from '../../../test/support/test-db.ts';
import { makeAccount, makeOrganisation, TEST_PASSWORD, TestBrowser } from '../accounts/accounts.test-support.ts';
import { countFunnel } from '../reports/funnel.repository.ts';
import { fixtureId, saveFixtures, serviceFixture } from '../../../test/support/directory-fixtures.ts';
import { newId } from '../../platform/ids.ts';

describe(`ethnicity and referral route on the forms [${testEngine}]`, () => {
  let database: TestDatabase;
  before(async () => {
    database = await openTestDatabase();
  });
  after(async () => {
    await database.dispose();
  });

  it('keeps an ethnic group only with consent, records the route, and the funnel counts both', async () => {
    const db = database.db;
    const app = createApp({ config: loadConfig({ LOG_LEVEL: 'silent', DEMO_DATA: 'off' }), database, log: createLogger('silent') });
    const gp = await makeOrganisation(db, { kind: 'referrer' });
    const connector = await makeAccount(db, gp, { role: 'connector' });
    const b = new TestBrowser(app);
    await b.signIn(connector.email, TEST_PASSWORD);

    const form = await b.get('/staff/people/new');
    assert.match(form.html, /Ethnic group/);
    assert.match(form.html, /White: Roma/);
    assert.match(form.html, /id="ethnicity-0" name="ethnicity" value="not_said" checked/, '"not asked" unless chosen');

    const refused = await b.post('/staff/people', {
      displayName: 'Amina',
      preferredLanguage: 'ar',
      ethnicity: 'black_african',
      givenBy: 'verbal',
    });
    assert.equal(refused.status, 400);
    assert.match(refused.html, /Only keep their ethnic group when they agree to it being kept/);

    const made = await b.post('/staff/people', {
      displayName: 'Amina',
      preferredLanguage: 'ar',
      area: 'BD8',
      ethnicity: 'black_african',
      givenBy: 'verbal',
      scope: 'ethnicity',
    });
    assert.equal(made.status, 303);
    const id = /\/staff\/people\/([0-9a-f-]{36})/.exec(made.location!)![1]!;
    const page = await b.get(`/staff/people/${id}`);
    assert.match(page.html, /Black, Black British, Black Welsh, Caribbean or African: African/);
    const notAsked = await b.post('/staff/people', { displayName: 'Bilal', preferredLanguage: 'en', area: 'BD8', givenBy: 'verbal' });
    const id2 = /\/staff\/people\/([0-9a-f-]{36})/.exec(notAsked.location!)![1]!;

    const newReferral = await b.get(`/staff/people/${id}/referrals/new`);
    assert.match(newReferral.html, /How did they come to you\?/);
    assert.match(newReferral.html, /Hospital discharge/);
    const badRoute = await b.post(`/staff/people/${id}/referrals`, { need: 'Company', route: 'police' });
    assert.equal(badRoute.status, 400);
    assert.match(badRoute.html, /Choose how they came to you from the list/);
    assert.equal((await b.post(`/staff/people/${id}/referrals`, { need: 'Company', route: 'hospital_discharge' })).status, 303);
    assert.equal((await b.post(`/staff/people/${id2}/referrals`, { need: 'Company' })).status, 303);
    const routes = await db.selectFrom('referral').select(['person_id', 'route']).orderBy('route').execute();
    assert.deepEqual(
      routes.map((r) => [r.person_id, r.route]),
      [
        [id, 'hospital_discharge'],
        [id2, null],
      ],
    );

    // The funnel counts attempts that were sent: send one for each referral, straight in the tables.
    await saveFixtures(db, [serviceFixture('group')]);
    const now = new Date();
    for (const r of await db.selectFrom('referral').select('id').execute())
      await db
        .insertInto('referral_attempt')
        .values({
          id: newId(),
          referral_id: r.id,
          service_id: fixtureId('service:group'),
          service_name: 'A group',
          state: 'sent',
          sent_at: now,
          created_at: now,
          updated_at: now,
        })
        .execute();
    const rows = await countFunnel(db, { from: new Date(now.getTime() - 86_400_000), to: new Date(now.getTime() + 86_400_000) });
    const referred = (dimension: string, value: string | null) =>
      rows.find((r) => r.inArea === null && r.dimension === dimension && r.value === value)?.referred;
    assert.equal(referred('ethnicity', 'black_african'), 1);
    assert.equal(referred('ethnicity', null), 1, 'not asked is not stated');
    assert.equal(referred('route', 'hospital_discharge'), 1);
    assert.equal(referred('route', null), 1);
  });
});
