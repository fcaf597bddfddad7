import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { AccessDenied } from '../../platform/auth/access.ts';
import { createI18n } from '../../platform/i18n/i18n.ts';
import { createLogger } from '../../platform/log.ts';
import { openTestDatabase, testEngine, type TestDatabase } from '../../../test/support/test-db.ts';
import { TestBrowser, TestClock } from '../accounts/accounts.test-support.ts';
import { referralInboxService } from '../referrals/referral-inbox.service.ts';
import { referralsService } from '../referrals/referrals.service.ts';
import { accessFor, buildReferralWorld, makePerson, RecordingNotifier, type ReferralWorld } from '../referrals/referrals.test-support.ts';
import { groupCode, MAX_WRONG_PINS } from './access-code.ts';
import { feedbackService } from './feedback.service.ts';
import { personAccessService } from './person-access.service.ts';

const ar = createI18n('ar');
const input = {
  need: 'To meet people and practise English',
  summary: null,
  interpreterNeeded: true,
  interpreterLanguage: 'Arabic (Sudanese)',
  accompanyWanted: true,
  transportNeeded: true,
  childcareNeeded: false,
};

describe(`the person's own view at /my [${testEngine}]`, () => {
  let database: TestDatabase;
  let w: ReferralWorld;
  let app: ReturnType<typeof createApp>;
  const clock = new TestClock(new Date('2026-03-02T09:00:00Z'));
  const notifier = new RecordingNotifier();
  let addressN = 0;
  /** A browser from its own address (the per-address throttle is tested on its own). */
  const browser = () => new TestBrowser(app, { 'x-forwarded-for': `192.0.2.${++addressN}` });
  const connector = async () => referralsService(await accessFor(w.db, w.accounts.connector, clock.now), { notifier });
  const grants = async (key: keyof ReferralWorld['accounts'] = 'connector') =>
    personAccessService(await accessFor(w.db, w.accounts[key], clock.now));

  /** A person with a referral to the tea group whose first visit is booked. */
  async function booked(opts: { contact?: string[] } = { contact: ['call'] }) {
    const person = await makePerson(w.db, w.connectorOrg, opts);
    const svc = await connector();
    const referral = await svc.create(person, input);
    const chosen = await svc.chooseService(referral, w.services.tea);
    assert.ok(chosen.ok);
    const attempt = chosen.attemptId;
    assert.equal(
      (await svc.send(referral, attempt, { fields: ['need', 'practical_support'], givenBy: 'verbal', expectedVersion: 0 })).ok,
      true,
    );
    const provider = referralInboxService(await accessFor(w.db, w.accounts.providerA, clock.now), { notifier });
    assert.equal((await provider.respond(attempt, 'accept', {}, 1)).ok, true);
    assert.equal(
      (await provider.respond(attempt, 'book_first_visit', { date: '2026-03-05', companionKind: 'volunteer', companionName: 'Sara' }, 2))
        .ok,
      true,
    );
    return { person, referral, attempt };
  }

  async function signedIn(person: string) {
    const issued = await (await grants()).issue(person);
    const b = browser();
    const r = await b.post('/my', { code: groupCode(issued.code).toLowerCase(), pin: issued.pin });
    assert.equal(r.status, 303, r.html.slice(0, 500));
    return { b, issued, signIn: r };
  }

  const attemptRow = (id: string) => w.db.selectFrom('referral_attempt').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const lastEvent = (id: string) =>
    w.db.selectFrom('referral_event').selectAll().where('attempt_id', '=', id).orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();

  before(async () => {
    database = await openTestDatabase();
    w = await buildReferralWorld(database.db, 'pv');
    app = createApp({
      config: loadConfig({ LOG_LEVEL: 'silent', DEMO_DATA: 'off', TRUST_PROXY: 'on' }),
      database,
      log: createLogger('silent'),
      now: clock.now,
      notifier,
    });
  });
  after(() => database.dispose());

  it('issues a code and PIN only to connectors of the organisation holding the record, and keeps only hashes', async () => {
    const { person } = await booked();
    const issued = await (await grants()).issue(person);
    assert.match(issued.code, /^[A-Z0-9]{10}$/);
    assert.match(issued.pin, /^\d{6}$/);
    assert.equal(issued.language, 'ar');
    const row = await w.db.selectFrom('person_access').selectAll().where('person_id', '=', person).executeTakeFirstOrThrow();
    assert.notEqual(row.code_hash, issued.code);
    assert.equal(row.code_hash.includes(issued.code), false);
    assert.match(row.pin_hash, /^\$argon2id\$/);
    await assert.rejects(async () => (await grants('otherConnector')).issue(person), AccessDenied);
    await assert.rejects(async () => (await grants('providerA')).issue(person), AccessDenied);
    const audit = await w.db
      .selectFrom('audit_event')
      .select(['action', 'outcome'])
      .where('subject_id', '=', person)
      .where('action', 'like', 'person_access.issue%')
      .execute();
    assert.deepEqual(audit.map((a) => a.outcome).sort(), ['allowed']);
  });

  it('lets the person sign in with the code and PIN and shows their page in their language, right to left, audited as the person', async () => {
    const { person, attempt } = await booked();
    const { b, signIn } = await signedIn(person);
    const cookie = signIn.headers.getSetCookie().find((c) => c.startsWith('belong_my='))!;
    assert.match(cookie, /Path=\/my/);
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Lax/);
    const page = await b.get('/my');
    assert.equal(page.status, 200);
    assert.match(page.html, /<html lang="ar" dir="rtl"/);
    assert.ok(page.html.includes(ar.t('referrals.state.first_visit_booked')));
    assert.ok(page.html.includes(ar.t('personView.checkIn.question', { service: 'Tuesday tea and chat' })));
    assert.ok(page.html.includes(ar.t('personView.support.companion', { name: 'Sara' })));
    assert.ok(page.html.includes(`/my/check-in/${attempt}`));
    assert.equal(page.headers.get('cache-control'), 'no-store');
    const reads = await w.db
      .selectFrom('audit_event')
      .selectAll()
      .where('subject_id', '=', person)
      .where('action', '=', 'person_view.read')
      .execute();
    assert.equal(reads.length, 1);
    assert.equal(reads[0]!.actor_account_id, null);
    assert.deepEqual(reads[0]!.details, { by: 'person' });
  });

  it('records "yes, I went" as attendance with side person, and the connector sees it', async () => {
    const { person, referral, attempt } = await booked();
    const { b } = await signedIn(person);
    const r = await b.post(`/my/check-in/${attempt}`, { answer: 'went', words: 'Sara met me at the door' });
    assert.equal(r.location, '/my?done=checkIn');
    assert.equal((await attemptRow(attempt)).state, 'attending');
    const e = await lastEvent(attempt);
    assert.deepEqual([e.side, e.event_type, e.actor_account_id, e.to_state], ['person', 'record_attendance', null, 'attending']);
    assert.equal(e.note, 'Sara met me at the door', 'the comment is kept with the answer');
    const detail = await (await connector()).get(referral);
    assert.equal(detail.attempts[0]!.state, 'attending');
    assert.ok(
      detail.events.some((ev) => ev.note === 'Sara met me at the door'),
      'the connector sees the comment',
    );
    // Asked no more: a second answer changes nothing.
    await b.post(`/my/check-in/${attempt}`, { answer: 'not_going' });
    assert.equal((await attemptRow(attempt)).state, 'attending');
  });

  it('records "no, I don’t want to" as not taken up (the person chose not to) and a pause with their words', async () => {
    const one = await booked();
    const s1 = await signedIn(one.person);
    await s1.b.post(`/my/check-in/${one.attempt}`, { answer: 'not_going', words: 'It is too far' });
    const row = await attemptRow(one.attempt);
    assert.deepEqual([row.state, row.not_taken_up_reason, row.reason_note], ['not_taken_up', 'person_chose_not_to', 'It is too far']);
    assert.equal((await lastEvent(one.attempt)).side, 'person');

    const two = await booked();
    const s2 = await signedIn(two.person);
    await s2.b.post(`/my/check-in/${two.attempt}`, { answer: 'pause', words: 'I am unwell' });
    const paused = await attemptRow(two.attempt);
    assert.deepEqual([paused.state, paused.paused_from, paused.reason_note], ['paused', 'first_visit_booked', 'I am unwell']);
  });

  it('turns "I’d like help to go" into a note for the connector, due today, and tells them', async () => {
    const { person, attempt } = await booked();
    const { b } = await signedIn(person);
    const before = notifier.to(w.emails.connector).length;
    await b.post(`/my/check-in/${attempt}`, { answer: 'want_help', words: 'Can someone come with me?' });
    const row = await attemptRow(attempt);
    assert.equal(row.state, 'first_visit_booked');
    assert.equal(row.next_due, '2026-03-02');
    assert.equal(row.next_owner, 'referrer');
    const e = await lastEvent(attempt);
    assert.deepEqual([e.side, e.event_type, e.note], ['person', 'check_in_help_asked', 'Can someone come with me?']);
    assert.equal(notifier.to(w.emails.connector).length, before + 1);
  });

  it('never lets the person touch someone else’s referral', async () => {
    const mine = await booked();
    const theirs = await booked();
    const { b } = await signedIn(mine.person);
    await b.post(`/my/check-in/${theirs.attempt}`, { answer: 'went' });
    assert.equal((await attemptRow(theirs.attempt)).state, 'first_visit_booked');
    await b.post(`/my/feedback/${theirs.attempt}`, { rating: '1' });
    assert.equal((await w.db.selectFrom('service_feedback').select('id').where('attempt_id', '=', theirs.attempt).execute()).length, 0);
  });

  it('keeps anonymous feedback without the person or the attempt, and named feedback with them', async () => {
    const { person, attempt } = await booked();
    const { b } = await signedIn(person);
    const countBefore = (await w.db.selectFrom('service_feedback').select('id').execute()).length;
    await b.post(`/my/feedback/${attempt}`, { rating: '5', comment: 'Everyone was kind', anonymous: 'yes' });
    await b.post(`/my/feedback/${attempt}`, { rating: '4', comment: '' });
    const rows = await w.db
      .selectFrom('service_feedback')
      .selectAll()
      .where('service_id', '=', w.services.tea)
      .orderBy('rating', 'desc')
      .execute();
    assert.equal(rows.length, countBefore + 2);
    const anon = rows.find((r) => r.comment === 'Everyone was kind')!;
    assert.deepEqual([anon.person_id, anon.attempt_id, anon.anonymous, anon.rating, anon.given_on], [null, null, true, 5, '2026-03-02']);
    const named = rows.find((r) => r.person_id === person)!;
    assert.deepEqual([named.attempt_id, named.rating, named.comment], [attempt, 4, null]);
    const anonAudit = await w.db
      .selectFrom('audit_event')
      .selectAll()
      .where('action', '=', 'person_view.feedback')
      .where('subject_type', '=', 'service_feedback')
      .execute();
    assert.ok(anonAudit.length >= 1);
    for (const a of anonAudit) assert.equal(JSON.stringify(a.details).includes(person), false);
    // The provider managing the listing sees it (anonymous as such); another provider does not.
    const seen = await feedbackService(await accessFor(w.db, w.accounts.providerA, clock.now)).forMyServices();
    const shown = seen.find((f) => f.comment === 'Everyone was kind')!;
    assert.deepEqual([shown.anonymous, shown.rating, shown.serviceName], [true, 5, 'Tuesday tea and chat']);
    assert.equal(JSON.stringify(seen).includes(person), false);
    assert.equal(
      (await feedbackService(await accessFor(w.db, w.accounts.providerB, clock.now)).forMyServices()).some(
        (f) => f.comment === 'Everyone was kind',
      ),
      false,
    );
    await assert.rejects(async () => feedbackService(await accessFor(w.db, w.accounts.connector, clock.now)).forMyServices(), AccessDenied);
  });

  it('changes contact preferences as a new consent given by the person, withdrawing the old one', async () => {
    const { person } = await booked({ contact: ['call'] });
    const { b } = await signedIn(person);
    await b.post('/my/contact', { method: 'text', ways: 'text', safeToCall: 'no', safeToText: 'yes', safeToLeaveMessage: 'no' });
    const consents = await w.db
      .selectFrom('person_consent')
      .selectAll()
      .where('person_id', '=', person)
      .where('kind', '=', 'contact')
      .orderBy('granted_at')
      .execute();
    const live = consents.filter((c) => !c.withdrawn_at);
    assert.equal(live.length, 1);
    assert.deepEqual([live[0]!.scope, live[0]!.given_by, live[0]!.recorded_by], [['text'], 'self', null]);
    assert.equal(consents.filter((c) => c.withdrawn_at).length, 1);
    const p = await w.db.selectFrom('person').selectAll().where('id', '=', person).executeTakeFirstOrThrow();
    assert.deepEqual([p.contact_method, p.safe_to_call, p.safe_to_text, p.safe_to_leave_message], ['text', false, true, false]);
  });

  it('holds the wrong-PIN limit under a burst of concurrent guesses, from many addresses', async () => {
    const { person } = await booked();
    const issued = await (await grants()).issue(person);
    const wrong = issued.pin === '000000' ? '111111' : '000000';
    const burst = await Promise.all(
      Array.from({ length: 3 * MAX_WRONG_PINS }, () => browser().post('/my', { code: issued.code, pin: wrong })),
    );
    const en = createI18n('en');
    const invalid = burst.filter((r) => r.html.includes(en.t('personView.error.invalid'))).length;
    const locked = burst.filter((r) => r.html.includes(en.t('personView.error.locked'))).length;
    assert.equal(invalid, MAX_WRONG_PINS - 1, 'only the tries under the limit are answered "wrong PIN"');
    assert.equal(locked, 2 * MAX_WRONG_PINS + 1, 'every other guess is refused as locked');
    const row = await w.db.selectFrom('person_access').selectAll().where('person_id', '=', person).executeTakeFirstOrThrow();
    assert.equal(row.failed_attempts, MAX_WRONG_PINS, 'never more tries counted than the limit');
    assert.ok(row.locked_at);
    const checked = await w.db
      .selectFrom('audit_event')
      .select('details')
      .where('subject_id', '=', person)
      .where('action', '=', 'person_access.sign_in')
      .execute();
    const pinChecks = checked.filter((c) => (c.details as { pinChecked?: boolean }).pinChecked === true);
    assert.equal(pinChecks.length, MAX_WRONG_PINS, `${burst.length} guesses, but the PIN was checked only ${MAX_WRONG_PINS} times`);
    const right = await browser().post('/my', { code: issued.code, pin: issued.pin });
    assert.ok(right.html.includes(en.t('personView.error.locked')), 'the right PIN after the burst is refused too');
  });

  it('locks a code after too many wrong PINs, even for the right PIN afterwards', async () => {
    const { person } = await booked();
    const issued = await (await grants()).issue(person);
    const b = browser();
    const wrong = issued.pin === '000000' ? '111111' : '000000';
    for (let i = 1; i < MAX_WRONG_PINS; i++) {
      const r = await b.post('/my', { code: issued.code, pin: wrong });
      assert.equal(r.status, 400);
      assert.ok(r.html.includes(createI18n('en').t('personView.error.invalid')));
    }
    const locked = await b.post('/my', { code: issued.code, pin: wrong });
    assert.ok(locked.html.includes(createI18n('en').t('personView.error.locked')));
    const right = await b.post('/my', { code: issued.code, pin: issued.pin });
    assert.equal(right.status, 400);
    assert.equal(b.cookies.has('belong_my'), false);
    assert.ok((await (await grants()).status(person))!.locked);
    const denied = await w.db
      .selectFrom('audit_event')
      .select(['details'])
      .where('subject_id', '=', person)
      .where('action', '=', 'person_access.sign_in')
      .where('outcome', '=', 'denied')
      .execute();
    assert.equal(denied.length, MAX_WRONG_PINS + 1);
  });

  it('throttles many wrong tries from one address across codes', async () => {
    const b = browser();
    let last = 0;
    for (let i = 0; i < 12; i++) last = (await b.post('/my', { code: 'K7RX3-MH9QD', pin: '123456' })).status;
    assert.equal(last, 429);
  });

  it('refuses an expired code, a revoked one, and a session left idle', async () => {
    const { person } = await booked();
    const first = await (await grants()).issue(person);
    const second = await (await grants()).issue(person);
    const b = browser();
    assert.equal((await b.post('/my', { code: first.code, pin: first.pin })).status, 400);
    assert.equal((await b.post('/my', { code: second.code, pin: second.pin })).status, 303);
    assert.match((await b.get('/my')).html, /dir="rtl"/);
    clock.advance(21 * 60_000);
    assert.ok((await b.get('/my')).html.includes('name="pin"'));
    clock.advance(91 * 24 * 60 * 60_000);
    const old = await browser().post('/my', { code: second.code, pin: second.pin });
    assert.ok(old.html.includes(createI18n('en').t('personView.error.expired')));
    clock.at = new Date('2026-03-02T09:00:00Z');
  });

  it('signs out', async () => {
    const { person } = await booked();
    const { b } = await signedIn(person);
    const out = await b.post('/my/sign-out', {});
    assert.equal(out.location, '/my?done=signedOut');
    assert.ok((await b.get('/my')).html.includes('name="pin"'));
    const ended = await w.db
      .selectFrom('person_access_session')
      .select('ended_at')
      .where('person_id', '=', person)
      .executeTakeFirstOrThrow();
    assert.ok(ended.ended_at);
  });

  it('issues access from the person’s page and shows the slip once, in the person’s language', async () => {
    const { person } = await booked();
    const { makeAccount } = await import('../accounts/accounts.test-support.ts');
    const acct = await makeAccount(w.db, w.connectorOrg, { role: 'connector' });
    const staff = new TestBrowser(app);
    const signedIn = await staff.signIn(acct.email, 'correct horse battery');
    assert.equal(signedIn.status, 303, signedIn.html.slice(0, 300));
    const personPage = await staff.get(`/staff/people/${person}`);
    assert.equal(personPage.status, 200);
    assert.ok(personPage.html.includes(`/staff/people/${person}/my-access`));
    const slip = await staff.post(`/staff/people/${person}/my-access`, {});
    assert.equal(slip.status, 200);
    assert.match(slip.html, /<section class="slip" lang="ar" dir="rtl">/);
    const code = slip.html.match(/<code dir="ltr">([A-Z0-9]{5}-[A-Z0-9]{5})<\/code>/)![1]!;
    const pin = slip.html.match(/<code dir="ltr">(\d{6})<\/code>/)![1]!;
    assert.equal((await browser().post('/my', { code, pin })).status, 303);
    const after = await staff.get(`/staff/people/${person}`);
    assert.ok(after.html.includes('Give them a new code and PIN'));
    assert.ok(after.html.includes('A code is in use until'));
    assert.equal(after.html.includes(code), false);
    await staff.post(`/staff/people/${person}/my-access/revoke`, {});
    assert.equal((await browser().post('/my', { code, pin })).status, 400);
  });
});
