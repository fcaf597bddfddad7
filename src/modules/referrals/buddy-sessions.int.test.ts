import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AccessDenied } from '../../platform/auth/access.ts';
import { DomainError } from '../../platform/http/errors.ts';
import { createI18n } from '../../platform/i18n/i18n.ts';
import { newId } from '../../platform/ids.ts';
import { openTestDatabase, testEngine, type TestDatabase } from '../../../test/support/test-db.ts';
import { createApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { createLogger } from '../../platform/log.ts';
import { makeAccount, TEST_PASSWORD, TestBrowser, TestClock } from '../accounts/accounts.test-support.ts';
import { makeVolunteer } from '../befriending/befriending.test-support.ts';
import { buddySessionsService } from './buddy-sessions.service.ts';
import { myVisitsSection } from './my-visits.section.tsx';
import { referralInboxService } from './referral-inbox.service.ts';
import { referralsService } from './referrals.service.ts';
import { accessFor, buildReferralWorld, makePerson, RecordingNotifier, type ReferralWorld } from './referrals.test-support.ts';
import { visitsService } from './visits.service.ts';

const input = {
  need: 'To meet other women and practise English',
  summary: 'Likes cooking; Tuesdays are best.',
  interpreterNeeded: true,
  interpreterLanguage: 'Arabic (Sudanese)',
  accompanyWanted: true,
  transportNeeded: false,
  childcareNeeded: false,
};

describe(`travel buddies: time, meeting point, whom to call and "how did it go" [${testEngine}]`, () => {
  let database: TestDatabase;
  let w: ReferralWorld;
  /** Vetted volunteers of provider A (buddy, other), one whose DBS ran out, one of the connector's organisation, one of provider B. */
  let buddy: { id: string; email: string };
  let other: { id: string; email: string };
  let expired: { id: string; email: string };
  let unvetted: string;
  let connectorBuddy: { id: string; email: string };
  let buddyB: { id: string; email: string };
  const clock = new TestClock(new Date('2026-03-02T09:00:00Z'));
  const notifier = new RecordingNotifier();
  const connector = async () => referralsService(await accessFor(w.db, w.accounts.connector, clock.now), { notifier });
  const provider = async () => referralInboxService(await accessFor(w.db, w.accounts.providerA, clock.now), { notifier });
  const buddiesAs = async (account: string) => buddySessionsService(await accessFor(w.db, account, clock.now), { notifier });
  const visitsOf = async (account: string) => visitsService(await accessFor(w.db, account, clock.now)).mine();
  const attemptRow = (id: string) => w.db.selectFrom('referral_attempt').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const sessionRows = (attempt: string) =>
    w.db.selectFrom('buddy_session').selectAll().where('attempt_id', '=', attempt).orderBy('number').execute();
  const session = (n: number, extra: Record<string, string> = {}) => ({
    buddyAccountId: buddy.id,
    date: '2026-03-02',
    time: '10:30',
    meetingPoint: `Outside the library (${n})`,
    ...extra,
  });

  /** A referral sent to A's tea service with `fields`, acknowledged and accepted (version 3). */
  async function accepted(fields: string[]) {
    const person = await makePerson(w.db, w.connectorOrg, { name: 'Amina', contact: ['call'] });
    const c = await connector();
    const referral = await c.create(person, input);
    const chosen = await c.chooseService(referral, w.services.tea);
    assert.ok(chosen.ok);
    const attempt = chosen.attemptId;
    assert.equal((await c.send(referral, attempt, { fields, givenBy: 'verbal', expectedVersion: 0 })).ok, true);
    const p = await provider();
    assert.equal((await p.respond(attempt, 'acknowledge', {}, 1)).ok, true);
    assert.equal((await p.respond(attempt, 'accept', {}, 2)).ok, true);
    return { person, referral, attempt, p, c };
  }

  before(async () => {
    database = await openTestDatabase();
    w = await buildReferralWorld(database.db, 'bud');
    buddy = await makeVolunteer(w.db, w.providerA, { name: 'Fatima Buddy', email: 'fatima.buddy@bud.example', offers: ['travel_buddy'] });
    other = await makeVolunteer(w.db, w.providerA, { name: 'Other Buddy', email: 'other.buddy@bud.example' });
    expired = await makeVolunteer(w.db, w.providerA, { name: 'Expired Volunteer', email: 'expired@bud.example' });
    // Its newest DBS check ran out the day before the test clock's today.
    await w.db
      .insertInto('volunteer_check')
      .values({
        id: newId(),
        account_id: expired.id,
        kind: 'dbs',
        checked_on: '2025-06-01',
        expires_on: '2026-03-01',
        recorded_at: new Date(),
      })
      .execute();
    unvetted = w.accounts.volunteerA;
    connectorBuddy = await makeVolunteer(w.db, w.connectorOrg, { name: 'Nadia Surgery', email: 'nadia@bud.example' });
    buddyB = await makeVolunteer(w.db, w.providerB, { name: 'Bea Provider B', email: 'bea@bud.example' });
  });
  after(async () => {
    await database.dispose();
  });

  it('the provider books the first visit with a vetted volunteer: the referral moves on, the buddy is told and sees time and meeting point', async () => {
    const { attempt } = await accepted(['name', 'language', 'contact']);
    const svc = await buddiesAs(w.accounts.providerA);
    const plan = await svc.plan(attempt);
    assert.deepEqual(
      plan.buddies.map((b) => b.id).sort(),
      [buddy.id, other.id].sort(),
      'only vetted volunteers of the organisation are offered',
    );
    assert.deepEqual(plan.next, { ok: true, number: 1 });
    const r = await svc.book(attempt, session(1, { time: '9:30' }));
    assert.ok(r.ok, JSON.stringify(r));
    const row = await attemptRow(attempt);
    assert.equal(row.state, 'first_visit_booked');
    assert.equal(row.first_visit_date, '2026-03-02');
    assert.equal(row.companion_account_id, buddy.id);
    const [s1] = await sessionRows(attempt);
    assert.equal(s1?.at_time, '09:30');
    assert.equal(s1?.booked_side, 'recipient');
    assert.equal(s1?.contact_shared, false);
    const event = await w.db
      .selectFrom('referral_event')
      .select(['event_type', 'side', 'to_state'])
      .where('attempt_id', '=', attempt)
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    assert.deepEqual(event, { event_type: 'book_first_visit', side: 'recipient', to_state: 'first_visit_booked' });
    assert.ok(notifier.to(buddy.email).some((m) => m.text.includes('09:30') && m.text.includes('Outside the library (1)')));

    const v = (await visitsOf(buddy.id)).find((x) => x.attemptId === attempt);
    assert.ok(v);
    assert.deepEqual(
      v.sessions.map((x) => [x.number, x.date, x.time, x.meetingPoint, x.outcome]),
      [[1, '2026-03-02', '09:30', 'Outside the library (1)', null]],
    );
    // Contact details were shared with the provider, but the person did not agree the buddy may have them.
    assert.equal(v.reach.who, 'coordinator');
    assert.ok(v.reach.who === 'coordinator' && v.reach.email === w.emails.providerA);
    assert.doesNotMatch(JSON.stringify(v), /07700|practise English|Likes cooking/);
  });

  it('a volunteer whose vetting ran out or was never recorded cannot be named, by the new form or the old one; nothing is saved', async () => {
    const { attempt, p } = await accepted(['name']);
    const svc = await buddiesAs(w.accounts.providerA);
    const before = await attemptRow(attempt);
    for (const id of [expired.id, unvetted, buddyB.id, w.accounts.providerA2, 'not-an-id']) {
      const r = await svc.book(attempt, session(1, { buddyAccountId: id }));
      assert.deepEqual(!r.ok && r.problems, ['buddy_not_vetted'], id);
    }
    assert.deepEqual(await sessionRows(attempt), []);
    assert.deepEqual(await attemptRow(attempt), before);
    for (const id of [expired.id, unvetted])
      await assert.rejects(
        () => p.respond(attempt, 'book_first_visit', { date: '2026-03-10', companionAccountId: id }, 3),
        (e: unknown) => e instanceof DomainError && e.status === 400,
      );
    assert.deepEqual(await attemptRow(attempt), before);
    const offered = (await p.get(attempt)).companions.map((o) => o.id);
    assert.ok(offered.includes(buddy.id) && !offered.includes(expired.id) && !offered.includes(unvetted));
    // Bad input: a clear problem per field, nothing saved.
    const bad = await svc.book(attempt, { buddyAccountId: buddy.id, date: '2026-02-30', time: '25:00', meetingPoint: '' });
    assert.deepEqual(!bad.ok && bad.problems, ['bad_date', 'bad_time', 'meeting_point_required']);
    assert.deepEqual(await sessionRows(attempt), []);
  });

  it('went together: the buddy says so, the referral becomes attending, audited under the person; saying it twice is refused', async () => {
    const { attempt, person, referral } = await accepted(['name']);
    const svc = await buddiesAs(w.accounts.providerA);
    assert.ok((await svc.book(attempt, session(1))).ok);
    const [s1] = await sessionRows(attempt);
    const mine = await buddiesAs(buddy.id);
    const r = await mine.recordOutcome(s1!.id, { outcome: 'went_together', note: 'She enjoyed it' });
    assert.deepEqual(r, { ok: true, from: 'first_visit_booked', to: 'attending' });
    const row = await attemptRow(attempt);
    assert.equal(row.state, 'attending');
    assert.equal(row.next_task, 'review_at_six_weeks');
    const e = await w.db
      .selectFrom('referral_event')
      .select(['event_type', 'side', 'actor_account_id', 'from_state', 'to_state', 'note'])
      .where('attempt_id', '=', attempt)
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    assert.deepEqual(e, {
      event_type: 'record_buddy_session',
      side: 'recipient',
      actor_account_id: buddy.id,
      from_state: 'first_visit_booked',
      to_state: 'attending',
      note: 'She enjoyed it',
    });
    const audit = await w.db
      .selectFrom('audit_event')
      .select(['action', 'subject_type', 'outcome'])
      .where('actor_account_id', '=', buddy.id)
      .where('subject_id', '=', person)
      .where('action', '=', 'visit.record_outcome')
      .execute();
    assert.deepEqual(audit, [{ action: 'visit.record_outcome', subject_type: 'person', outcome: 'allowed' }]);
    assert.deepEqual(await mine.recordOutcome(s1!.id, { outcome: 'person_did_not_come' }), { ok: false, problems: ['already_recorded'] });
    // The connector sees the referral moved on, with the buddy's answer in its history.
    const detail = await (await connector()).get(referral);
    assert.equal(detail.attempts.find((a) => a.id === attempt)?.state, 'attending');
    assert.ok(detail.events.some((x) => x.type === 'record_buddy_session'));
  });

  it('the person did not come: it stays attending and the connector is asked to follow up within 2 working days, and told', async () => {
    const { attempt, referral } = await accepted(['name']);
    const svc = await buddiesAs(w.accounts.providerA);
    assert.ok((await svc.book(attempt, session(1))).ok);
    const mine = await buddiesAs(buddy.id);
    assert.ok((await mine.recordOutcome((await sessionRows(attempt))[0]!.id, { outcome: 'went_together' })).ok);
    assert.ok((await svc.book(attempt, session(2))).ok);
    const s2 = (await sessionRows(attempt))[1]!;
    assert.equal(s2.number, 2);
    const beforeMessages = notifier.to(w.emails.connector).length;
    const r = await mine.recordOutcome(s2.id, { outcome: 'person_did_not_come', note: 'Waited 20 minutes' });
    assert.deepEqual(r, { ok: true, from: 'attending', to: 'attending' });
    const row = await attemptRow(attempt);
    assert.deepEqual(
      [row.state, row.next_task, row.next_owner, row.next_due],
      ['attending', 'follow_up_missed_visit', 'referrer', '2026-03-04'],
    );
    const told = notifier.to(w.emails.connector).slice(beforeMessages);
    assert.equal(told.length, 1);
    assert.match(told[0]!.text, /did not come.*by 2026-03-04/);
    const detail = await (await connector()).get(referral);
    assert.equal(detail.attempts.find((a) => a.id === attempt)?.next?.task, 'follow_up_missed_visit');
  });

  it('the buddy could not go, on a first visit: it stays booked and the connector follows up', async () => {
    const { attempt } = await accepted(['name']);
    assert.ok((await (await buddiesAs(w.accounts.providerA)).book(attempt, session(1))).ok);
    const r = await (await buddiesAs(buddy.id)).recordOutcome((await sessionRows(attempt))[0]!.id, { outcome: 'buddy_could_not_go' });
    assert.deepEqual(r, { ok: true, from: 'first_visit_booked', to: 'first_visit_booked' });
    assert.equal((await attemptRow(attempt)).next_task, 'follow_up_missed_visit');
  });

  it('at most four visits; none before the first is booked; not before the day; not once the referral is paused', async () => {
    const { attempt, p } = await accepted(['name']);
    const svc = await buddiesAs(w.accounts.providerA);
    for (let n = 1; n <= 4; n++)
      assert.ok((await svc.book(attempt, session(n, { date: n === 4 ? '2026-03-30' : '2026-03-02' }))).ok, `session ${n}`);
    const fifth = await svc.book(attempt, session(5));
    assert.deepEqual(!fifth.ok && fifth.problems, ['too_many_sessions']);
    assert.deepEqual((await svc.plan(attempt)).next, { ok: false, error: 'too_many_sessions' });
    const mine = await buddiesAs(buddy.id);
    const rows = await sessionRows(attempt);
    assert.deepEqual(await mine.recordOutcome(rows[3]!.id, { outcome: 'went_together' }), { ok: false, problems: ['not_yet'] });
    assert.deepEqual(await mine.recordOutcome(rows[0]!.id, {}), { ok: false, problems: ['outcome_required'] });
    const version = (await attemptRow(attempt)).version;
    assert.equal((await p.respond(attempt, 'pause', { reason: 'In hospital' }, version)).ok, true);
    assert.deepEqual(await mine.recordOutcome(rows[0]!.id, { outcome: 'went_together' }), { ok: false, problems: ['wrong_state'] });
    assert.equal((await sessionRows(attempt))[0]!.outcome, null, 'nothing saved');

    const fresh = await accepted(['name']);
    await w.db.updateTable('referral_attempt').set({ state: 'attending' }).where('id', '=', fresh.attempt).execute();
    const none = await svc.book(fresh.attempt, session(1));
    assert.deepEqual(!none.ok && none.problems, ['wrong_state'], 'attending without a first visit: nothing to book as session 1');
  });

  it('the person’s phone reaches the buddy only when they agreed and it is shared under a consent in force', async () => {
    const { attempt, referral, c } = await accepted(['name', 'contact']);
    assert.ok((await (await buddiesAs(w.accounts.providerA)).book(attempt, session(1, { contactShared: 'yes' }))).ok);
    const reach = async () => (await visitsOf(buddy.id)).find((v) => v.attemptId === attempt)!.reach;
    assert.deepEqual(await reach(), { who: 'person', phone: '07700 900777', safeToCall: true, safeToText: false });
    assert.equal((await c.withdrawShareConsent(referral, attempt)).ok, true);
    assert.equal((await reach()).who, 'coordinator');
  });

  it('the connector can book with a vetted volunteer of their own organisation (the referrer side); the buddy reaches the connector', async () => {
    const { attempt } = await accepted(['name']);
    const svc = await buddiesAs(w.accounts.connector);
    const plan = await svc.plan(attempt);
    assert.equal(plan.side, 'referrer');
    assert.deepEqual(
      plan.buddies.map((b) => b.id),
      [connectorBuddy.id],
    );
    const refused = await svc.book(attempt, session(1));
    assert.deepEqual(!refused.ok && refused.problems, ['buddy_not_vetted'], 'not the provider’s volunteer');
    assert.ok((await svc.book(attempt, session(1, { buddyAccountId: connectorBuddy.id }))).ok);
    assert.equal((await sessionRows(attempt))[0]!.booked_side, 'referrer');
    const v = (await visitsOf(connectorBuddy.id)).find((x) => x.attemptId === attempt)!;
    assert.ok(v.reach.who === 'coordinator' && v.reach.email === w.emails.connector);
    const r = await (await buddiesAs(connectorBuddy.id)).recordOutcome(v.sessions[0]!.id, { outcome: 'went_together' });
    assert.deepEqual(r, { ok: true, from: 'first_visit_booked', to: 'attending' });
  });

  it('nobody else sees or answers a buddy’s sessions, and only the two sides of a referral plan them', async () => {
    const { attempt } = await accepted(['name']);
    assert.ok((await (await buddiesAs(w.accounts.providerA)).book(attempt, session(1))).ok);
    const [s1] = await sessionRows(attempt);
    assert.equal(
      (await visitsOf(other.id)).some((v) => v.attemptId === attempt),
      false,
    );
    assert.equal(
      (await visitsOf(buddyB.id)).some((v) => v.attemptId === attempt),
      false,
    );
    for (const account of [other.id, buddyB.id, w.accounts.providerA, w.accounts.connector])
      await assert.rejects(
        () => buddiesAs(account).then((s) => s.recordOutcome(s1!.id, { outcome: 'went_together' })),
        AccessDenied,
        account,
      );
    for (const account of [w.accounts.providerB, w.accounts.otherConnector, buddy.id])
      await assert.rejects(() => buddiesAs(account).then((s) => s.plan(attempt)), AccessDenied, account);
    await assert.rejects(
      () => buddiesAs(w.accounts.providerA).then((s) => s.plan('00000000-0000-4000-8000-000000000000')),
      (e: unknown) => e instanceof DomainError && e.status === 404,
    );
    assert.equal((await sessionRows(attempt))[0]!.outcome, null);
  });

  it('the person sees who meets them, where, on which day and at what time, in their language at /my', async () => {
    const { person, attempt } = await accepted(['name']);
    assert.ok(
      (await (await buddiesAs(w.accounts.providerA)).book(attempt, session(1, { date: '2026-03-09', meetingPoint: 'Outside the library' })))
        .ok,
    );
    const ar = createI18n('ar');
    const section = await myVisitsSection(w.db)(person, ar);
    assert.ok(section);
    const html = String(section);
    assert.ok(html.includes('Outside the library'));
    assert.ok(html.includes('Fatima') && !html.includes('Buddy'), 'first name only');
    assert.ok(html.includes(ar.t('buddy.my.heading')));
    assert.ok(html.includes('10:30'));
  });

  it('in the browser: the booker plans a session, the buddy sees it at /staff/visits and says how it went; bad input is a 400 with a message', async () => {
    const { attempt } = await accepted(['name']);
    const providerStaff = await makeAccount(w.db, w.providerA, { role: 'provider_staff' });
    const volunteer = await makeVolunteer(w.db, w.providerA, { name: 'Leila Walker', password: true });
    const app = createApp({
      config: loadConfig({ LOG_LEVEL: 'silent', DEMO_DATA: 'off' }),
      database,
      log: createLogger('silent'),
      now: clock.now,
      notifier,
    });
    const staff = new TestBrowser(app);
    await staff.signIn(providerStaff.email, TEST_PASSWORD);
    assert.match((await staff.get(`/staff/referrals/inbox/${attempt}`)).html, new RegExp(`href="/staff/visits/plan/${attempt}"`));
    const form = await staff.get(`/staff/visits/plan/${attempt}`);
    assert.equal(form.status, 200);
    assert.match(form.html, /Leila Walker/);
    assert.doesNotMatch(form.html, /Expired Volunteer/);
    const bad = await staff.post(`/staff/visits/plan/${attempt}`, {
      buddyAccountId: volunteer.id,
      date: '2026-03-02',
      time: 'soon',
      meetingPoint: '',
    });
    assert.equal(bad.status, 400);
    assert.match(bad.html, /Enter a time like 10:30/);
    assert.match(bad.html, /Enter where to meet/);
    const ok = await staff.post(`/staff/visits/plan/${attempt}`, {
      buddyAccountId: volunteer.id,
      date: '2026-03-02',
      time: '14:15',
      meetingPoint: 'By the bus stop on Oak Lane',
    });
    assert.equal(ok.status, 303);
    assert.match((await staff.get(ok.location!)).html, /By the bus stop on Oak Lane/);

    const b = new TestBrowser(app);
    await b.signIn(volunteer.email, TEST_PASSWORD);
    const page = await b.get('/staff/visits');
    assert.match(page.html, /14:15/);
    assert.match(page.html, /By the bus stop on Oak Lane/);
    assert.match(page.html, /How did it go\?/);
    const sessionId = (await sessionRows(attempt))[0]!.id;
    const missing = await b.post(`/staff/visits/sessions/${sessionId}/outcome`, {});
    assert.equal(missing.status, 400);
    assert.match(missing.html, /Choose how it went/);
    const done = await b.post(`/staff/visits/sessions/${sessionId}/outcome`, { outcome: 'went_together', note: 'Good' });
    assert.equal(done.status, 303);
    assert.match((await b.get(done.location!)).html, /You went together/);
    assert.equal((await attemptRow(attempt)).state, 'attending');
    assert.equal((await staff.get('/staff/visits')).status, 403, 'provider staff have no Visits page');
    assert.equal((await b.get(`/staff/visits/plan/${attempt}`)).status, 403, 'a volunteer does not plan');
  });
});
