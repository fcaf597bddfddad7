/**
 * Unmet needs: the anonymous record (outward code and coded needs only, no
 * person) and the commissioners' page of counts, on both engines.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { createLogger } from '../../platform/log.ts';
import { openTestDatabase, type TestDatabase } from '../../../test/support/test-db.ts';
import { makeAccount, makeOrganisation, TEST_PASSWORD, TestBrowser } from '../accounts/accounts.test-support.ts';
import { matchServices } from './match.service.ts';
import { noneRuledOut } from './match-rules.ts';
import { person } from './match.test-support.ts';
import { needCodes, recordUnmetNeed } from './unmet-needs.repository.ts';

let database: TestDatabase;
before(async () => {
  database = await openTestDatabase();
});
after(async () => {
  await database.dispose();
});

describe('unmet needs', () => {
  it('records the no-fit case anonymously: outward code, coded needs and the rules, nothing else', async () => {
    const org = await makeOrganisation(database.db, { kind: 'referrer' });
    const request = person({
      languages: ['ti'],
      englishOk: false,
      interpreterNeeded: true,
      complexNeeds: true,
      costLimit: 'free',
      interests: ['befriending'],
      interestWords: ['my late husband'],
      needsChildcare: true,
    });
    const result = await matchServices(database.db, request, { now: new Date('2026-03-10T12:00:00Z') });
    assert.equal(result.unmet, true);
    const id = await recordUnmetNeed(database.db, {
      organisationId: org,
      outcode: 'bd8 7aa',
      request,
      ruledOut: { ...result.ruledOut, language: 3, safeguarding: 2 },
      at: new Date('2026-03-10T12:00:00Z'),
    });
    const row = await database.db.selectFrom('unmet_need').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.outcode, 'BD8');
    assert.deepEqual(row.needs, ['language:ti', 'interpreter', 'cost:free', 'vetted', 'kind:befriending', 'help:childcare']);
    assert.deepEqual(row.rules, ['language', 'safeguarding']);
    assert.deepEqual(
      Object.keys(row).sort(),
      ['id', 'needs', 'organisation_id', 'outcode', 'recorded_at', 'rules'],
      'no column for a person',
    );
    assert.ok(!JSON.stringify(row).includes('husband'), 'free text is never stored');
    assert.deepEqual(needCodes(person({})), []);
    // A man's gender or a person's age is who they are, not a need; only what they asked for is.
    assert.deepEqual(needCodes(person({ gender: 'man', ageBand: '65_plus' })), []);
    assert.deepEqual(
      needCodes(
        person({
          gender: 'woman',
          preferences: [
            { kind: 'gender_setting', value: 'women_only', must: true },
            { kind: 'creche', must: true },
            { kind: 'language', code: 'yue', interpreterOk: true, must: true },
            { kind: 'no_id', must: false },
          ],
        }),
      ),
      ['must:gender_setting:women_only', 'must:creche', 'must:language:yue'],
    );
  });

  it('shows commissioners counts by area, need and rule over a period; others are refused', async () => {
    const db = database.db;
    const at = (d: string) => new Date(`${d}T10:00:00Z`);
    const r = noneRuledOut();
    await recordUnmetNeed(db, {
      organisationId: null,
      outcode: 'BD8',
      request: person({ languages: ['so'], englishOk: false }),
      ruledOut: { ...r, language: 1 },
      at: at('2026-02-01'),
    });
    await recordUnmetNeed(db, {
      organisationId: null,
      outcode: 'BD3',
      request: person({ languages: ['so'], englishOk: false, needsChildcare: true }),
      ruledOut: { ...r, language: 1 },
      at: at('2026-02-02'),
    });
    await recordUnmetNeed(db, {
      organisationId: null,
      outcode: 'not a postcode',
      request: person({ costLimit: 'free' }),
      ruledOut: { ...r, cost: 1 },
      at: at('2025-06-01'),
    });
    const app = createApp({
      config: loadConfig({ LOG_LEVEL: 'silent', DEMO_DATA: 'off' }),
      database,
      log: createLogger('silent'),
      now: () => at('2026-03-10'),
    });
    const council = await makeOrganisation(db, { kind: 'referrer', name: 'Bradford Council' });
    const commissioner = await makeAccount(db, council, { role: 'commissioner' });
    const browser = new TestBrowser(app);
    await browser.signIn(commissioner.email, TEST_PASSWORD);
    const page = await browser.get('/staff/unmet-needs?from=2026-01-01&to=2026-02-28');
    assert.equal(page.status, 200);
    assert.match(page.html, /2 times nothing fitted in this period/);
    assert.match(page.html, /<td>BD8<\/td>\s*<td>1<\/td>/);
    assert.match(page.html, /<td>BD3<\/td>\s*<td>1<\/td>/);
    assert.match(page.html, /<td>Language: Somali<\/td>\s*<td>2<\/td>/);
    assert.match(page.html, /<td>Crèche or childcare<\/td>\s*<td>1<\/td>/);
    assert.match(page.html, /<td>Language: no one speaks it and no interpreter is offered<\/td>\s*<td>2<\/td>/);
    assert.doesNotMatch(page.html, /<td>[a-z_]+(:[a-z_+]+)*<\/td>/, 'no internal code is shown');
    const year = await browser.get('/staff/unmet-needs?from=2025-01-01&to=2026-12-31');
    assert.match(year.html, /4 times nothing fitted/); // with the one recorded above
    assert.match(year.html, /Area not given/);
    const bad = await browser.get('/staff/unmet-needs?from=2026-13-01&to=2026-01-01');
    assert.equal(bad.status, 400);
    assert.match(bad.html, /Enter a date like 2026-03-31/);

    const gp = await makeOrganisation(db, { kind: 'referrer' });
    const connector = await makeAccount(db, gp, { role: 'connector' });
    const other = new TestBrowser(app);
    await other.signIn(connector.email, TEST_PASSWORD);
    assert.equal((await other.get('/staff/unmet-needs')).status, 403);
    assert.equal((await new TestBrowser(app).get('/staff/unmet-needs')).location?.startsWith('/staff/sign-in'), true);
  });
});
