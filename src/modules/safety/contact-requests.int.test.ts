/**
 * "Ask someone to contact me" (issue 15): the public form, in the person's
 * language, lands as a new self-referred person in the queue of the
 * connector organisation covering their area, with a due date; a connector
 * picks it up; a way the person marked unsafe can never be chosen.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { createLogger } from '../../platform/log.ts';
import { openTestDatabase, testEngine, type TestDatabase } from '../../../test/support/test-db.ts';
import { makeAccount, makeOrganisation, TEST_PASSWORD, TestBrowser } from '../accounts/accounts.test-support.ts';
import { REPORTS_PER_WINDOW } from '../../platform/http/form-throttle.ts';
import { CONTACT_DUE_MS } from './contact-request.repository.ts';

const ORIGIN = 'http://localhost';

describe(`asking for someone to make contact [${testEngine}]`, () => {
  let database: TestDatabase;
  let app: ReturnType<typeof createApp>;
  let operator: string;
  let bd8Team: string;
  let connector: TestBrowser;
  let otherConnector: TestBrowser;

  /** Posts the form from a given address (so each test has its own throttle), with any repeated fields. */
  const send = (fields: [string, string][], lang = 'en', ip = '203.0.113.1') =>
    new TestBrowser(app, { 'accept-language': lang, 'x-forwarded-for': ip }).request('/ask', {
      method: 'POST',
      body: new URLSearchParams(fields),
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
    });

  before(async () => {
    database = await openTestDatabase();
    app = createApp({ config: loadConfig({ NODE_ENV: 'test', TRUST_PROXY: 'on' }), database, log: createLogger('silent') });
    operator = await makeOrganisation(database.db, { name: 'Belong team', kind: 'referrer', operator: true });
    bd8Team = await makeOrganisation(database.db, { name: 'Manningham link workers', kind: 'referrer' });
    const elsewhere = await makeOrganisation(database.db, { name: 'Keighley connectors', kind: 'referrer' });
    await database.db
      .insertInto('staff_organisation_area')
      .values([
        { staff_organisation_id: bd8Team, outcode: 'BD8' },
        { staff_organisation_id: elsewhere, outcode: 'BD21' },
      ])
      .execute();
    connector = new TestBrowser(app);
    await connector.signIn((await makeAccount(database.db, bd8Team, { role: 'connector' })).email, TEST_PASSWORD);
    otherConnector = new TestBrowser(app);
    await otherConnector.signIn((await makeAccount(database.db, elsewhere, { role: 'connector' })).email, TEST_PASSWORD);
  });
  after(async () => {
    await database.dispose();
  });

  it('shows the form in the person’s language, right to left in Arabic, with a hidden honeypot', async () => {
    const page = await new TestBrowser(app, { 'accept-language': 'ar' }).get('/ask');
    assert.equal(page.status, 200);
    assert.match(page.html, /<html lang="ar" dir="rtl">/);
    assert.match(page.html, /<h1>اطلب أن يتواصل معك أحد<\/h1>/);
    assert.match(page.html, /<option value="ar" selected="" lang="ar">العربية<\/option>/);
    assert.match(page.html, /<div hidden=""><label for="website">/);
  });

  it('lands in the queue of the team covering the postcode, as a self-referred person with a due date', async () => {
    const res = await send(
      [
        ['name', 'Amina'],
        ['language', 'ar'],
        ['way', 'text'],
        ['reach', '07700 900456'],
        ['unsafe', 'call'],
        ['safeTimes', 'Mornings only'],
        ['about', 'Somewhere to practise English'],
        ['where', 'bd8 7ab'],
      ],
      'ar',
      '203.0.113.2',
    );
    assert.equal(res.status, 303);
    assert.equal(res.location, '/ask/thanks');
    const person = await database.db.selectFrom('person').selectAll().where('display_name', '=', 'Amina').executeTakeFirstOrThrow();
    assert.equal(person.organisation_id, bd8Team);
    assert.equal(person.referral_route, 'self_referral');
    assert.equal(person.preferred_language, 'ar');
    assert.equal(person.phone, '07700 900456');
    assert.equal(person.safe_to_call, false, 'the way marked unsafe is recorded as unsafe on the record');
    assert.equal(person.safe_to_text, true);
    assert.equal(person.outcode, 'BD8');
    const request = await database.db
      .selectFrom('contact_request')
      .selectAll()
      .where('person_id', '=', person.id)
      .executeTakeFirstOrThrow();
    assert.equal(request.status, 'new');
    assert.deepEqual(request.unsafe_ways, ['call']);
    assert.equal(new Date(request.due_at).getTime() - new Date(request.created_at).getTime(), CONTACT_DUE_MS);
    const consents = await database.db
      .selectFrom('person_consent')
      .select(['kind', 'scope', 'given_by'])
      .where('person_id', '=', person.id)
      .execute();
    assert.deepEqual(consents.map((c) => `${c.kind}:${c.scope.join()}:${c.given_by}`).sort(), [
      'contact:text:self',
      'store:contact_details:self',
    ]);
    const audit = await database.db.selectFrom('audit_event').selectAll().where('action', '=', 'contact_request.create').execute();
    assert.equal(audit.length, 1);
    assert.equal(audit[0]!.subject_id, person.id);
  });

  it('a connector of that team sees it, with the ways never to use, and picks it up; other teams never see it', async () => {
    const queue = await connector.get('/staff/contact-requests');
    assert.equal(queue.status, 200);
    assert.match(queue.html, /Amina/);
    assert.match(queue.html, /Never by: Phone call/);
    assert.match(queue.html, /Mornings only/);
    assert.doesNotMatch((await otherConnector.get('/staff/contact-requests')).html, /Amina/);
    const request = await database.db.selectFrom('contact_request').select('id').executeTakeFirstOrThrow();
    const picked = await connector.post(`/staff/contact-requests/${request.id}/pick-up`, {});
    assert.equal(picked.status, 303);
    assert.equal(picked.location, '/staff/contact-requests?done=picked');
    const after = await connector.get('/staff/contact-requests?done=picked');
    assert.match(after.html, /You picked up the request/);
    assert.match(after.html, /Picked up by /);
    const again = await connector.post(`/staff/contact-requests/${request.id}/pick-up`, {});
    assert.equal(again.location, '/staff/contact-requests?done=already');
    const row = await database.db.selectFrom('contact_request').selectAll().where('id', '=', request.id).executeTakeFirstOrThrow();
    assert.equal(row.status, 'picked_up');
    await otherConnector.get('/staff/contact-requests');
    const denied = await otherConnector.post(`/staff/contact-requests/${request.id}/pick-up`, {});
    assert.equal(denied.status, 403);
    const audited = await database.db.selectFrom('audit_event').select('outcome').where('action', '=', 'contact_request.pick_up').execute();
    assert.equal(audited.length, 2, 'both tries are audited under the person');
    const refused = await database.db
      .selectFrom('audit_event')
      .select('id')
      .where('action', '=', 'person.update')
      .where('outcome', '=', 'denied')
      .execute();
    assert.equal(refused.length, 1, 'the other team’s try is recorded as refused');
  });

  it('goes to the deployment’s own team when nobody covers the area', async () => {
    const res = await send(
      [
        ['name', 'Pavel'],
        ['way', 'email'],
        ['reach', 'pavel@example.org'],
        ['where', 'Atlantis'],
      ],
      'pl',
      '203.0.113.3',
    );
    assert.equal(res.status, 303);
    const person = await database.db.selectFrom('person').selectAll().where('display_name', '=', 'Pavel').executeTakeFirstOrThrow();
    assert.equal(person.organisation_id, operator);
    assert.equal(person.preferred_language, 'pl', 'the page’s language when none was chosen');
  });

  it('never accepts a way the person marked unsafe, and explains what is missing in their language', async () => {
    const unsafe = await send(
      [
        ['name', 'Sara'],
        ['way', 'call'],
        ['reach', '07700 900789'],
        ['unsafe', 'call'],
        ['unsafe', 'text'],
      ],
      'en',
      '203.0.113.4',
    );
    assert.equal(unsafe.status, 400);
    assert.match(unsafe.html, /You said this way is not safe/);
    assert.match(unsafe.html, /id="unsafe-1" name="unsafe" value="text" checked=""/);
    const empty = await send([['name', '']], 'ar', '203.0.113.4');
    assert.equal(empty.status, 400);
    assert.match(empty.html, /يرجى إخبارنا باسم نستخدمه/);
    const badEmail = await send(
      [
        ['name', 'Sara'],
        ['way', 'email'],
        ['reach', 'not an address'],
      ],
      'en',
      '203.0.113.4',
    );
    assert.match(badEmail.html, /Please give a phone number or e-mail address/);
    assert.equal(
      (await database.db.selectFrom('person').select('id').where('display_name', '=', 'Sara').execute()).length,
      0,
      'nothing stored',
    );
  });

  it('thanks a robot that fills the honeypot and stores nothing; slows down a flood from one address', async () => {
    const robot = await send(
      [
        ['name', 'Bot'],
        ['way', 'text'],
        ['reach', '07700 900000'],
        ['website', 'http://spam.example'],
      ],
      'en',
      '203.0.113.5',
    );
    assert.equal(robot.status, 303);
    assert.equal((await database.db.selectFrom('person').select('id').where('display_name', '=', 'Bot').execute()).length, 0);
    const fields: [string, string][] = [
      ['name', 'Flood'],
      ['way', 'text'],
      ['reach', '07700 900001'],
    ];
    for (let i = 0; i < REPORTS_PER_WINDOW; i++) assert.equal((await send(fields, 'en', '203.0.113.6')).status, 303);
    const tooMany = await send(fields, 'en', '203.0.113.6');
    assert.equal(tooMany.status, 429);
    assert.match(tooMany.html, /Please try again later/);
  });
});
