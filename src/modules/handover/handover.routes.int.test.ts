import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { createLogger } from '../../platform/log.ts';
import { openTestDatabase, testEngine, type TestDatabase } from '../../../test/support/test-db.ts';
import { makeAccount, makeOrganisation, ORIGIN, TEST_PASSWORD, TestBrowser } from '../accounts/accounts.test-support.ts';
import { makePerson } from '../people/people.access-rows.ts';

describe(`hand-over pages over HTTP [${testEngine}]`, () => {
  let database: TestDatabase;
  let app: ReturnType<typeof createApp>;
  let a: TestBrowser;
  let b: TestBrowser;
  let person: string;
  let orgB: string;
  const pass = 'river stone lantern 5';

  before(async () => {
    database = await openTestDatabase();
    app = createApp({ config: loadConfig({ NODE_ENV: 'test' }), database, log: createLogger('silent') });
    const orgA = await makeOrganisation(database.db, { name: 'Oak Lane Surgery', kind: 'referrer' });
    orgB = await makeOrganisation(database.db, { name: 'Moor Lane Refugee Welcome', kind: 'referrer' });
    a = new TestBrowser(app);
    b = new TestBrowser(app);
    await a.signIn((await makeAccount(database.db, orgA, { role: 'connector' })).email, TEST_PASSWORD);
    await b.signIn((await makeAccount(database.db, orgB, { role: 'connector' })).email, TEST_PASSWORD);
    person = (await makePerson(database.db, orgA, { name: 'Amina', finished: true })).person;
  });
  after(async () => {
    await database.dispose();
  });

  it('shows the hand-over page with clear errors for a form that is not complete', async () => {
    const page = await a.get(`/staff/people/${person}/handover`);
    assert.equal(page.status, 200);
    assert.match(page.html, /Moor Lane Refugee Welcome/);
    assert.match(page.html, /<label for="to-0">Moor Lane Refugee Welcome<\/label>/);
    assert.doesNotMatch(page.html, /<label for="to-\d+">Oak Lane Surgery<\/label>/, 'its own organisation is not offered');
    const bad = await a.post(`/staff/people/${person}/handover`, { newArea: 'ZZ99' });
    assert.equal(bad.status, 400);
    assert.match(bad.html, /Choose the organisation in the new area/);
    assert.match(bad.html, /Say how they agreed/);
    const unknownArea = await a.post(`/staff/people/${person}/handover`, {
      to: orgB,
      givenBy: 'verbal',
      newArea: 'ZZ99',
      scope: 'conversation',
    });
    assert.equal(unknownArea.status, 400);
    assert.match(unknownArea.html, /We do not know that area/);
  });

  it('refuses a short or mismatched passphrase on export, and sends a locked file otherwise', async () => {
    await a.get(`/staff/people/${person}/handover`);
    const short = await a.post(`/staff/people/${person}/handover/export`, {
      givenBy: 'verbal',
      passphrase: 'short',
      passphraseAgain: 'short',
    });
    assert.equal(short.status, 400);
    assert.match(short.html, /at least 12 characters/);
    assert.doesNotMatch(short.html, /value="short"/, 'the passphrase is never written back into the page');
    const mismatch = await a.post(`/staff/people/${person}/handover/export`, {
      givenBy: 'verbal',
      passphrase: pass,
      passphraseAgain: `${pass}!`,
    });
    assert.equal(mismatch.status, 400);
    assert.match(mismatch.html, /not the same/);
    const file = await a.post(`/staff/people/${person}/handover/export`, {
      givenBy: 'verbal',
      passphrase: pass,
      passphraseAgain: pass,
      scope: 'conversation',
    });
    assert.equal(file.status, 200);
    assert.match(file.headers.get('content-disposition') ?? '', /attachment; filename="belong-handover-[0-9a-f]{8}\.json"/);
    assert.equal(JSON.parse(file.html).format, 'belong-handover');
  });

  it('imports with a clear message for a missing file, and moves a record on acceptance (the old organisation then gets 403)', async () => {
    await b.get('/staff/handovers');
    const form = new FormData();
    form.set('_csrf', b.csrf);
    form.set('passphrase', pass);
    form.set('givenBy', 'verbal');
    const noFile = await b.request('/staff/handovers/import', { method: 'POST', body: form, headers: { origin: ORIGIN } });
    assert.equal(noFile.status, 400);
    assert.match(noFile.html, /Choose the locked file/);

    await a.get(`/staff/people/${person}/handover`);
    const offered = await a.post(`/staff/people/${person}/handover`, {
      to: orgB,
      givenBy: 'verbal',
      newArea: 'BD3',
      scope: 'conversation',
    });
    assert.equal(offered.status, 303);
    const list = await b.get('/staff/handovers');
    const hid = list.html.match(/\/staff\/handovers\/([0-9a-f-]{36})\/accept/)![1]!;
    const accepted = await b.post(`/staff/handovers/${hid}/accept`, {});
    assert.equal(accepted.status, 303);
    assert.equal(accepted.location, `/staff/handovers/${hid}?done=accepted`);
    const again = await b.post(`/staff/handovers/${hid}/accept`, {});
    assert.equal(again.status, 409);
    assert.match(again.html, /already answered/);
    assert.equal((await a.get(`/staff/people/${person}`)).status, 403);
    assert.equal((await b.get(`/staff/people/${person}`)).status, 200);
  });
});
