/**
 * The plan becomes referrals, over HTTP: a woman who must have a women-only
 * group (marked a must in the conversation) is offered only one; the
 * connector makes referrals from the plan in one step, filled in from the
 * conversation (interpreter, someone to go with her, childcare, how to
 * contact her); a mixed group added by hand is flagged before anything is
 * made, and made only when the connector confirms.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { newId } from '../../platform/ids.ts';
import { createLogger } from '../../platform/log.ts';
import { openTestDatabase, testEngine, type TestDatabase } from '../../../test/support/test-db.ts';
import { makeAccount, makeOrganisation, TEST_PASSWORD, TestBrowser } from '../accounts/accounts.test-support.ts';
import { saveCandidates } from '../matching/match.test-graphs.ts';
import { candidate } from '../matching/match.test-support.ts';

describe(`the plan becomes referrals [${testEngine}]`, () => {
  let database: TestDatabase;
  let browser: TestBrowser;
  let person: string;
  const women = candidate('Women’s sewing circle', { gender: 'women_only', languages: ['ar'], childcare: true });
  const mixed = candidate('Mixed drop-in', { gender: 'mixed', languages: ['ar'] });

  before(async () => {
    database = await openTestDatabase();
    const app = createApp({ config: loadConfig({ NODE_ENV: 'test' }), database, log: createLogger('silent') });
    const org = await makeOrganisation(database.db, { name: 'Oak Lane Surgery', kind: 'referrer' });
    browser = new TestBrowser(app);
    await browser.signIn((await makeAccount(database.db, org, { role: 'connector' })).email, TEST_PASSWORD);
    await saveCandidates(database.db, [women, mixed]);
    person = newId();
    const now = new Date();
    await database.db
      .insertInto('person')
      .values({
        id: person,
        organisation_id: org,
        display_name: 'Amina',
        preferred_language: 'ar',
        interpreter_needed: true,
        contact_method: 'phone',
        safe_to_call: true,
        safe_to_text: false,
        gender: 'woman',
        area: 'BD8',
        outcode: 'BD8',
        created_at: now,
        updated_at: now,
      })
      .execute();
    await database.db
      .insertInto('person_consent')
      .values({ id: newId(), person_id: person, kind: 'store', scope: ['record', 'conversation'], given_by: 'verbal', granted_at: now })
      .execute();
    const answers = {
      interests: { kinds: ['skills'], words: 'sewing' },
      help: { needs: ['go_with', 'childcare'] },
      cost: { limit: 'free' },
      travel: { distance: 'any' },
      modes: { modes: ['in_person'] },
      safety: { answer: 'no_need' },
      musts: {
        importance: { gender_setting: 'must', creche: 'nice' },
        gender: 'women_only',
        access: [],
        windows: [],
        unlessHelped: false,
        homeVisit: false,
        interpreterOk: false,
      },
    };
    await database.db
      .insertInto('conversation')
      .values({
        id: newId(),
        person_id: person,
        status: 'complete',
        answers: JSON.stringify(answers),
        language: 'ar',
        started_at: now,
        updated_at: now,
        completed_at: now,
      })
      .execute();
  });
  after(async () => {
    await database.dispose();
  });

  it('suggests only what meets her musts, and the plan keeps what was chosen', async () => {
    const page = await browser.get(`/staff/people/${person}/suggestions?both=1`);
    assert.equal(page.status, 200);
    assert.match(page.html, /Women’s sewing circle/);
    assert.doesNotMatch(page.html, /Mixed drop-in/);
    assert.match(page.html, /Women only, as you asked/, 'the reason, in English beside the Arabic');
    assert.match(page.html, /ask about a volunteer who could go with you/, 'a need nothing on the list meets is said');
    const saved = await browser.post(`/staff/people/${person}/suggestions`, { chosen: women.serviceId, nextSteps: '' });
    assert.equal(saved.status, 303);
  });

  it('makes the referrals in one step, filled in from the conversation; a place picked by hand that breaks a must is flagged first', async () => {
    const page = await browser.get(`/staff/people/${person}/plan/referrals?q=drop`);
    assert.equal(page.status, 200);
    assert.match(page.html, /Women’s sewing circle/);
    assert.match(page.html, /Interpreter: Arabic/);
    assert.match(page.html, /Would like someone to go with them/);
    assert.match(page.html, /Needs childcare/);
    assert.match(page.html, /How to contact them: Phone call/);
    assert.match(page.html, /It is not safe to text them/);
    assert.match(page.html, /Mixed drop-in/, 'the search finds the place to add by hand');

    const flagged = await browser.post(`/staff/people/${person}/plan/referrals`, { extra: mixed.serviceId });
    assert.equal(flagged.status, 400);
    assert.match(flagged.html, /Mixed drop-in does not fit what Amina said: Women only/);
    const none = await database.db.selectFrom('referral').select('id').where('person_id', '=', person).execute();
    assert.equal(none.length, 0, 'nothing is made before the connector confirms');

    const made = await browser.post(`/staff/people/${person}/plan/referrals`, { extra: mixed.serviceId, anyway: 'yes' });
    assert.equal(made.status, 303);
    const after = await browser.get(made.location!);
    assert.equal(after.status, 200);
    assert.match(after.html, /Referrals made/);
    const rows = await database.db.selectFrom('referral').selectAll().where('person_id', '=', person).orderBy('created_at').execute();
    assert.equal(rows.length, 2);
    for (const r of rows) {
      assert.equal(r.interpreter_needed, true);
      assert.equal(r.interpreter_language, 'Arabic');
      assert.equal(r.accompany_wanted, true);
      assert.equal(r.childcare_needed, true);
      assert.equal(r.transport_needed, false);
      assert.match(r.summary ?? '', /How to contact them: Phone call/);
      assert.match(r.summary ?? '', /What they need: Women only \(must\)/);
    }
    assert.match(rows.map((r) => r.need).join('\n'), /Women’s sewing circle: from the “what matters to you” plan/);

    // Pressed again (or the back button and again): nothing is referred twice; the page links to the referrals under way.
    const again = await browser.post(`/staff/people/${person}/plan/referrals`, { extra: mixed.serviceId, anyway: 'yes' });
    assert.equal(again.status, 303);
    const said = await browser.get(again.location!);
    assert.match(said.html, /Mixed drop-in: no referral made\. A referral to this place is already under way/);
    for (const r of rows) assert.match(said.html, new RegExp(`/staff/referrals/${r.id}`));
    const still = await database.db.selectFrom('referral').select('id').where('person_id', '=', person).execute();
    assert.equal(still.length, 2);
  });
});
