/**
 * Every state an attempt can be in and every row its history can hold render
 * on every page and API that shows them, in every language: the connector's
 * referral page, the provider's inbox item, the person's /my page and the
 * FHIR export. (A missing word used to answer 500 with raw JSON.)
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { createI18n } from '../../platform/i18n/i18n.ts';
import { LOCALE_CODES } from '../../platform/i18n/locales.ts';
import { newId } from '../../platform/ids.ts';
import { createLogger } from '../../platform/log.ts';
import { openTestDatabase, testEngine, type TestDatabase } from '../../../test/support/test-db.ts';
import { TEST_PASSWORD, TestBrowser, TestClock, testPasswordHash } from '../accounts/accounts.test-support.ts';
import { groupCode } from '../person-view/access-code.ts';
import { personAccessService } from '../person-view/person-access.service.ts';
import { personStateKey } from './person-state-words.ts';
import { eventLabel } from './referral-parts.tsx';
import { ATTEMPT_STATES, DECLINE_REASONS, HISTORY_EVENT_TYPES, type AttemptState } from './referral-states.ts';
import { referralsService } from './referrals.service.ts';
import { accessFor, buildReferralWorld, makePerson, RecordingNotifier, type ReferralWorld } from './referrals.test-support.ts';

const escape = (s: string) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

describe(`every referral state and history row renders everywhere, in every language [${testEngine}]`, () => {
  let database: TestDatabase;
  let w: ReferralWorld;
  let app: ReturnType<typeof createApp>;
  const clock = new TestClock(new Date('2026-03-02T09:00:00Z'));
  const notifier = new RecordingNotifier();
  let person: string;
  let referral: string;
  let attempt: string;

  before(async () => {
    database = await openTestDatabase();
    w = await buildReferralWorld(database.db, 'he');
    await database.db
      .updateTable('staff_account')
      .set({ password_hash: await testPasswordHash() })
      .where('id', 'in', [w.accounts.connector, w.accounts.providerA])
      .execute();
    app = createApp({
      config: loadConfig({ LOG_LEVEL: 'silent', DEMO_DATA: 'off', TRUST_PROXY: 'on' }),
      database,
      log: createLogger('silent'),
      now: clock.now,
      notifier,
    });
    person = await makePerson(w.db, w.connectorOrg, { contact: ['call'] });
    const svc = referralsService(await accessFor(w.db, w.accounts.connector, clock.now), { notifier });
    referral = await svc.create(person, {
      need: 'To meet people',
      summary: null,
      interpreterNeeded: true,
      interpreterLanguage: 'Arabic',
      accompanyWanted: false,
      transportNeeded: false,
      childcareNeeded: false,
    });
    const chosen = await svc.chooseService(referral, w.services.tea);
    assert.ok(chosen.ok);
    attempt = chosen.attemptId;
    const sent = await svc.send(referral, attempt, { fields: ['need', 'name'], givenBy: 'verbal', expectedVersion: 0 });
    assert.ok(sent.ok);
    // One history row of every type the life cycle and its notes can write.
    for (const type of HISTORY_EVENT_TYPES)
      await w.db
        .insertInto('referral_event')
        .values({
          id: newId(),
          attempt_id: attempt,
          referral_id: referral,
          at: clock.now(),
          actor_account_id: null,
          side: 'system',
          event_type: type,
          payload: '{}',
          from_state: 'sent',
          to_state: 'sent',
          note: null,
        })
        .execute();
  });
  after(() => database.dispose());

  it('has staff words for every history row type', () => {
    const en = createI18n('en');
    for (const type of HISTORY_EVENT_TYPES) assert.doesNotMatch(eventLabel(en, type), /^Update \(/, type);
    assert.equal(eventLabel(en, 'something_newer'), 'Update (something_newer)', 'an unknown type still shows');
  });

  it('tells the provider who referred the person, with a work contact, and how to get in touch when contact details were not shared', async () => {
    const provider = new TestBrowser(app, { 'x-forwarded-for': '192.0.2.20' });
    assert.equal((await provider.signIn(w.emails.providerA, TEST_PASSWORD)).status, 303);
    const connector = await w.db
      .selectFrom('staff_account')
      .select(['name', 'email'])
      .where('id', '=', w.accounts.connector)
      .executeTakeFirstOrThrow();
    const page = await provider.get(`/staff/referrals/inbox/${attempt}`);
    assert.equal(page.status, 200);
    assert.ok(page.html.includes('Who referred them'));
    assert.ok(page.html.includes(escape(connector.name)), 'a named referrer');
    assert.ok(page.html.includes(`href="mailto:${connector.email}"`), 'with a work contact');
    assert.ok(page.html.includes('he Surgery'), 'and their organisation');
    assert.ok(page.html.includes('Their contact details were not shared with you: get in touch through'), 'the next step says how');
    assert.ok(!page.html.includes('07700 900777'), 'the person’s phone only when shared');
  });

  it('renders each state (and each reason for a decline) on the connector’s page, the provider’s inbox item, /my and the FHIR export', async () => {
    const connector = new TestBrowser(app, { 'x-forwarded-for': '192.0.2.10' });
    assert.equal((await connector.signIn(w.emails.connector, TEST_PASSWORD)).status, 303);
    const provider = new TestBrowser(app, { 'x-forwarded-for': '192.0.2.11' });
    assert.equal((await provider.signIn(w.emails.providerA, TEST_PASSWORD)).status, 303);
    const issued = await personAccessService(await accessFor(w.db, w.accounts.connector, clock.now)).issue(person);
    const me = new TestBrowser(app, { 'x-forwarded-for': '192.0.2.12' });
    assert.equal((await me.post('/my', { code: groupCode(issued.code), pin: issued.pin })).status, 303);

    const cases = ATTEMPT_STATES.flatMap<{ state: AttemptState; reason: string | null }>((state) =>
      state === 'declined' ? DECLINE_REASONS.map((reason) => ({ state, reason })) : [{ state, reason: null }],
    );
    for (const { state, reason } of cases) {
      await w.db
        .updateTable('referral_attempt')
        .set({ state, decline_reason: reason, paused_from: state === 'paused' ? 'accepted' : null })
        .where('id', '=', attempt)
        .execute();
      const fhir = await connector.get(`/staff/referrals/${referral}/fhir`);
      assert.equal(fhir.status, 200, `FHIR export in ${state}`);
      for (const locale of LOCALE_CODES) {
        const what = `${state}${reason ? ` (${reason})` : ''} in ${locale}`;
        await w.db.updateTable('person').set({ preferred_language: locale }).where('id', '=', person).execute();
        for (const [who, b, path] of [
          ['connector', connector, `/staff/referrals/${referral}?lang=${locale}`],
          ['provider', provider, `/staff/referrals/inbox/${attempt}?lang=${locale}`],
        ] as const) {
          const page = await b.get(path);
          const shown = page.status === 302 || page.status === 303 ? await b.get(page.location!) : page;
          assert.equal(shown.status, 200, `${who} page, ${what}: ${shown.html.slice(0, 300)}`);
          for (const type of HISTORY_EVENT_TYPES)
            assert.ok(shown.html.includes(escape(eventLabel(createI18n('en'), type))), `${who} page shows ${type}, ${what}`);
        }
        const my = await me.get('/my');
        assert.equal(my.status, 200, `/my, ${what}`);
        if (state !== 'entered_in_error')
          assert.ok(my.html.includes(escape(createI18n(locale).t(personStateKey(state, reason)))), `/my says where it stands, ${what}`);
      }
    }
  });

  it('never tells the person a group declined for language or fit that it “can’t take anyone new”', () => {
    for (const locale of LOCALE_CODES) {
      const t = createI18n(locale).t;
      const full = t(personStateKey('declined', 'full'));
      for (const reason of DECLINE_REASONS.filter((r) => r !== 'full'))
        assert.notEqual(t(personStateKey('declined', reason)), full, `${reason} in ${locale}`);
      assert.notEqual(t(personStateKey('in_touch', null)), t(personStateKey('contact_attempted', null)), locale);
    }
  });
});
