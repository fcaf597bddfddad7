import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { createI18n } from '../../platform/i18n/i18n.ts';
import { newId } from '../../platform/ids.ts';
import { createLogger } from '../../platform/log.ts';
import { locationFixture, saveFixtures, serviceFixture } from '../../../test/support/directory-fixtures.ts';
import { openTestDatabase, testEngine, type TestDatabase } from '../../../test/support/test-db.ts';
import { makeAccount, TEST_PASSWORD, TestBrowser, TestClock } from '../accounts/accounts.test-support.ts';
import { groupCode } from '../person-view/access-code.ts';
import { personAccessService } from '../person-view/person-access.service.ts';
import { accessFor, buildReferralWorld, makePerson, RecordingNotifier, type ReferralWorld } from '../referrals/referrals.test-support.ts';
import { nextSessionText } from './plan-places.ts';
import { isBankHoliday } from './plan-places.service.ts';

const ar = createI18n('ar');
const en = createI18n('en');
const STAFF_NOTE = 'Recently widowed, low mood, son worried about her';
const NOTE_TO_PERSON = 'I will phone you on Tuesday to see how it went';
const SECRETS = ['7 Hidden Lane', 'BD5 9ZZ', 'Safe House', 'Bus 620 to the refuge door'];

describe(`a plan you can follow: staff plan, printed plan, e-mailed plan and /my [${testEngine}]`, () => {
  let database: TestDatabase;
  let w: ReferralWorld;
  let app: ReturnType<typeof createApp>;
  const clock = new TestClock(new Date('2026-03-02T09:00:00Z')); // Monday, 9:00 in London
  const notifier = new RecordingNotifier();
  let staff: TestBrowser;
  let connectorEmail: string;
  let refuge: string;
  let tbc: string;
  let addressN = 0;

  /** A person (Arabic unless told) with a finished conversation choosing the tea group, the refuge and a group with no times. */
  async function personWithPlan(language = 'ar') {
    const person = await makePerson(w.db, w.connectorOrg, { name: 'Amina', contact: ['email', 'call'] });
    const now = clock.now();
    await w.db.updateTable('person').set({ email: 'amina@example.org', preferred_language: language }).where('id', '=', person).execute();
    await w.db
      .insertInto('person_consent')
      .values({ id: newId(), person_id: person, kind: 'store', scope: ['conversation'], given_by: 'verbal', granted_at: now })
      .execute();
    const chosen = [
      {
        serviceId: w.services.tea,
        name: 'Tuesday tea and chat',
        organizationName: 'Tea Trust',
        distanceMetres: 400,
        waitingList: false,
        reasons: [],
      },
      {
        serviceId: refuge,
        name: 'Women’s safe space',
        organizationName: 'Refuge Trust',
        distanceMetres: null,
        waitingList: false,
        reasons: [],
      },
      { serviceId: tbc, name: 'Knit and natter', organizationName: 'Knit Trust', distanceMetres: null, waitingList: false, reasons: [] },
    ];
    const account = await w.db.selectFrom('staff_account').select('id').where('email', '=', connectorEmail).executeTakeFirstOrThrow();
    await w.db
      .insertInto('conversation')
      .values({
        id: newId(),
        person_id: person,
        status: 'complete',
        language,
        answers: '{}',
        chosen: JSON.stringify(chosen),
        next_steps: STAFF_NOTE,
        note_for_person: NOTE_TO_PERSON,
        started_by: account.id,
        started_at: now,
        updated_at: now,
        completed_by: account.id,
        completed_at: now,
      })
      .execute();
    return person;
  }

  const nextTea = (i18n: typeof ar) =>
    nextSessionText(
      i18n,
      { schedules: [{ id: 'x', freq: 'WEEKLY', byday: 'TU', opens_at: '10:00', closes_at: '12:00' }], exceptions: [] },
      { now: { date: '2026-03-02', time: '09:00:00' }, isBankHoliday },
    );

  /** What every copy of the plan must say, and must not. */
  function assertFollowable(text: string, i18n: typeof ar, what: string) {
    assert.ok(text.includes('12 Oak Lane'), `${what}: the tea group's address`);
    assert.ok(text.includes(nextTea(i18n)), `${what}: the next session, ${nextTea(i18n)}`);
    assert.ok(text.includes('07700 900123'), `${what}: the phone number`);
    assert.ok(text.includes('.org.uk'), `${what}: the website`);
    assert.ok(text.includes('Step-free entrance'), `${what}: how to get in`);
    assert.ok(text.includes('Little Horton'), `${what}: the refuge's area`);
    assert.ok(text.includes(i18n.t('service.addressPrivate')), `${what}: the refuge's address is private`);
    assert.ok(text.includes(i18n.t('service.notStated')), `${what}: no times stated for the knitting group`);
    assert.ok(text.includes(NOTE_TO_PERSON), `${what}: the note to the person`);
    assert.equal(text.includes(STAFF_NOTE), false, `${what}: never the notes for staff`);
    for (const secret of SECRETS) assert.equal(text.includes(secret), false, `${what}: never the confidential ${secret}`);
  }

  before(async () => {
    database = await openTestDatabase();
    w = await buildReferralWorld(database.db, 'pl');
    [refuge, tbc] = (
      await saveFixtures(database.db, [
        serviceFixture('pl-refuge', {
          service: { name: 'Women’s safe space' },
          locations: [
            locationFixture('pl-refuge', {
              name: 'Safe House',
              street: '7 Hidden Lane',
              postcode: 'BD5 9ZZ',
              transportation: 'Bus 620 to the refuge door',
              belong: { confidential: true, area_name: 'Little Horton' },
            }),
          ],
        }),
        serviceFixture('pl-knit', {
          service: { name: 'Knit and natter' },
          schedules: [],
          locations: [locationFixture('pl-knit', { street: '3 Wool Street' })],
        }),
      ])
    ).map((g) => g.service.id) as [string, string];
    app = createApp({
      config: loadConfig({ LOG_LEVEL: 'silent', DEMO_DATA: 'off', TRUST_PROXY: 'on' }),
      database,
      log: createLogger('silent'),
      now: clock.now,
      notifier,
    });
    connectorEmail = (await makeAccount(database.db, w.connectorOrg, { role: 'connector', name: 'Chloe Connector' })).email;
    staff = new TestBrowser(app, { 'x-forwarded-for': '192.0.2.200' });
    assert.equal((await staff.signIn(connectorEmail, TEST_PASSWORD)).status, 303);
  });
  after(() => database.dispose());

  it('the plan page shows each place with where, when, how to get there, phone and link; the notes for staff only apart and never printed', async () => {
    const person = await personWithPlan();
    const page = await staff.get(`/staff/people/${person}/plan`);
    assert.equal(page.status, 200, page.html.slice(0, 500));
    const aside = page.html.indexOf('<aside class="noprint staff-notes"');
    assert.ok(aside > 0, 'the notes for staff are shown to staff, in a part that is not printed');
    const plan = page.html.slice(0, aside);
    assertFollowable(plan, ar, 'the printed plan');
    assert.ok(page.html.slice(aside).includes(STAFF_NOTE));
    assert.ok(page.html.includes('href="tel:07700900123"'));
    for (const secret of SECRETS) assert.equal(page.html.includes(secret), false, secret);
  });

  it('the e-mailed plan carries the same details, in the person’s language, and never the notes for staff or a confidential address', async () => {
    const person = await personWithPlan();
    await staff.get(`/staff/people/${person}/plan`);
    const sent = await staff.post(`/staff/people/${person}/plan/send`, {});
    assert.equal(sent.location, `/staff/people/${person}?done=planSent`);
    const message = notifier.to('amina@example.org').at(-1)!;
    assert.equal(message.subject, ar.t('conversation.plan.subject'));
    assertFollowable(message.text, ar, 'the e-mail');
    assert.ok(message.text.includes(`${ar.t('plan.place.phone')}: 07700 900123`), message.text);
    const row = await w.db.selectFrom('outbox').selectAll().orderBy('created_at', 'desc').limit(1).executeTakeFirstOrThrow();
    assert.equal(JSON.stringify(row).includes(STAFF_NOTE), false);
  });

  it('/my shows the person their plan with the same details and their note, never the notes for staff', async () => {
    const person = await personWithPlan('en');
    const issued = await personAccessService(await accessFor(w.db, w.accounts.connector, clock.now)).issue(person);
    const b = new TestBrowser(app, { 'x-forwarded-for': `192.0.2.${++addressN}` });
    assert.equal((await b.post('/my', { code: groupCode(issued.code), pin: issued.pin })).status, 303);
    const page = await b.get('/my');
    assert.equal(page.status, 200);
    assertFollowable(page.html, en, '/my');
    const words = page.html.replace(/<[^>]+>/g, '');
    assert.ok(words.includes('Next time: Tuesday 3 March, 10:00 to 12:00'), 'in plain words');
    assert.ok(page.html.includes('href="tel:07700900123"'));
  });

  it('keeps the notes written so far for staff, and a new note for the person apart from them', async () => {
    const person = await personWithPlan('en');
    await staff.get(`/staff/people/${person}/suggestions`);
    const saved = await staff.post(`/staff/people/${person}/suggestions`, {
      chosen: w.services.tea,
      noteForPerson: 'See you at the tea group',
      nextSteps: 'Check she got there',
    });
    assert.equal(saved.location, `/staff/people/${person}/plan`);
    const row = await w.db.selectFrom('conversation').selectAll().where('person_id', '=', person).executeTakeFirstOrThrow();
    assert.equal(row.note_for_person, 'See you at the tea group');
    assert.equal(row.next_steps, 'Check she got there');
    const page = await staff.get(`/staff/people/${person}/suggestions`);
    assert.match(page.html, /<textarea id="noteForPerson"[^>]*>See you at the tea group<\/textarea>/);
    assert.match(page.html, /<textarea id="nextSteps"[^>]*>Check she got there<\/textarea>/);
  });
});
