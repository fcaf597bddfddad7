import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AccessDenied } from '../../platform/auth/access.ts';
import { DomainError } from '../../platform/http/errors.ts';
import { openTestDatabase, testEngine, type TestDatabase } from '../../../test/support/test-db.ts';
import { createApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { createLogger } from '../../platform/log.ts';
import { makeAccount, TEST_PASSWORD, TestBrowser, TestClock } from '../accounts/accounts.test-support.ts';
import { referralInboxService } from './referral-inbox.service.ts';
import { referralsService } from './referrals.service.ts';
import { accessFor, buildReferralWorld, makePerson, RecordingNotifier, type ReferralWorld } from './referrals.test-support.ts';
import { vetAccount } from './buddy-sessions.test-support.ts';
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

describe(`visits you are going with: a volunteer companion sees only what was shared [${testEngine}]`, () => {
  let database: TestDatabase;
  let w: ReferralWorld;
  let volunteer2: string;
  let volunteerB: string;
  const clock = new TestClock(new Date('2026-03-02T09:00:00Z'));
  const notifier = new RecordingNotifier();
  const connector = async () => referralsService(await accessFor(w.db, w.accounts.connector, clock.now), { notifier });
  const provider = async () => referralInboxService(await accessFor(w.db, w.accounts.providerA, clock.now), { notifier });
  const visitsOf = async (account: string) => visitsService(await accessFor(w.db, account, clock.now)).mine();

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
    w = await buildReferralWorld(database.db, 'vis');
    volunteer2 = (await makeAccount(w.db, w.providerA, { role: 'volunteer', password: false })).id;
    volunteerB = (await makeAccount(w.db, w.providerB, { role: 'volunteer', password: false })).id;
    // Only vetted volunteers can be named as someone's companion.
    await vetAccount(w.db, w.accounts.volunteerA);
  });
  after(async () => {
    await database.dispose();
  });

  it('a volunteer named as companion sees the visit with exactly the shared name and language, audited under the person', async () => {
    const { person, attempt, p } = await accepted(['name', 'language', 'contact', 'need', 'practical_support', 'summary']);
    const incoming = await p.get(attempt);
    assert.ok(
      incoming.companions.some((o) => o.id === w.accounts.volunteerA && o.kind === 'volunteer'),
      'the form offers the organisation’s volunteers',
    );
    assert.ok(!incoming.companions.some((o) => o.id === volunteerB), 'and nobody from another organisation');
    assert.equal(
      (await p.respond(attempt, 'book_first_visit', { date: '2026-03-10', companionAccountId: w.accounts.volunteerA }, 3)).ok,
      true,
    );
    const row = await w.db
      .selectFrom('referral_attempt')
      .select(['companion_account_id', 'companion_name', 'companion_kind'])
      .where('id', '=', attempt)
      .executeTakeFirstOrThrow();
    const account = await w.db.selectFrom('staff_account').select('name').where('id', '=', w.accounts.volunteerA).executeTakeFirstOrThrow();
    assert.deepEqual(row, { companion_account_id: w.accounts.volunteerA, companion_name: account.name, companion_kind: 'volunteer' });

    const visits = (await visitsOf(w.accounts.volunteerA)).filter((v) => v.attemptId === attempt);
    assert.equal(visits.length, 1);
    const [v] = visits;
    assert.deepEqual(Object.keys(v!).sort(), [
      'attemptId',
      'firstVisitDate',
      'person',
      'place',
      'reach',
      'serviceName',
      'sessions',
      'state',
    ]);
    assert.deepEqual(v!.sessions, [], 'booked with the first-visit form: no sessions with a time yet');
    assert.equal(v!.reach.who, 'coordinator', 'contact details were shared with the provider, not agreed for the buddy');
    assert.equal(v!.serviceName, 'Tuesday tea and chat');
    assert.equal(v!.firstVisitDate, '2026-03-10');
    assert.deepEqual(v!.person, {
      name: 'Amina',
      language: { preferred: 'ar', interpreterNeeded: true, interpreterLanguage: 'Arabic (Sudanese)' },
    });
    const text = JSON.stringify(v);
    for (const secret of ['07700', 'practise English', 'Likes cooking']) assert.ok(!text.includes(secret), `no ${secret}`);
    const audit = await w.db
      .selectFrom('audit_event')
      .select(['action', 'subject_type'])
      .where('actor_account_id', '=', w.accounts.volunteerA)
      .where('subject_id', '=', person)
      .execute();
    assert.deepEqual(audit, [{ action: 'visit.view_own', subject_type: 'person' }]);
  });

  it('shows the service’s public place: its name and town, and for a confidential location only the area, never the address', async () => {
    const { attempt, p } = await accepted(['name']);
    assert.equal(
      (await p.respond(attempt, 'book_first_visit', { date: '2026-03-16', companionAccountId: w.accounts.volunteerA }, 3)).ok,
      true,
    );
    const loc = await w.db
      .selectFrom('service_at_location as sal')
      .innerJoin('location as l', 'l.id', 'sal.location_id')
      .leftJoin('address as ad', 'ad.location_id', 'l.id')
      .select(['l.id', 'l.name', 'ad.address_1', 'ad.postal_code'])
      .where('sal.service_id', '=', w.services.tea)
      .executeTakeFirstOrThrow();
    const placeNow = async () => (await visitsOf(w.accounts.volunteerA)).find((v) => v.attemptId === attempt)!.place;
    const open = await placeNow();
    assert.ok(open && loc.name && open.startsWith(loc.name), String(open));
    const known = await w.db.selectFrom('belong_location').select('location_id').where('location_id', '=', loc.id).executeTakeFirst();
    if (known)
      await w.db
        .updateTable('belong_location')
        .set({ confidential: true, area_name: 'Manningham' })
        .where('location_id', '=', loc.id)
        .execute();
    else await w.db.insertInto('belong_location').values({ location_id: loc.id, confidential: true, area_name: 'Manningham' }).execute();
    try {
      const hidden = await placeNow();
      assert.equal(hidden, 'Manningham');
      for (const secret of [loc.address_1, loc.postal_code, loc.name]) if (secret) assert.ok(!hidden?.includes(secret), `no ${secret}`);
    } finally {
      await w.db.updateTable('belong_location').set({ confidential: false, area_name: null }).where('location_id', '=', loc.id).execute();
    }
  });

  it('in the browser: the provider picks a volunteer from their organisation; the volunteer’s Visits page shows the visit and no more', async () => {
    const volunteer = await makeAccount(w.db, w.providerA, { role: 'volunteer', name: 'Fatima Volunteer' });
    await vetAccount(w.db, volunteer.id);
    const providerStaff = await makeAccount(w.db, w.providerA, { role: 'provider_staff' });
    const { attempt, p } = await accepted(['name', 'language']);
    const app = createApp({
      config: loadConfig({ LOG_LEVEL: 'silent', DEMO_DATA: 'off' }),
      database,
      log: createLogger('silent'),
      now: clock.now,
    });
    const staff = new TestBrowser(app);
    await staff.signIn(providerStaff.email, TEST_PASSWORD);
    const form = await staff.get(`/staff/referrals/inbox/${attempt}`);
    assert.match(form.html, new RegExp(`<option value="${volunteer.id}">Fatima Volunteer`));
    assert.equal((await staff.get('/staff/visits')).status, 403, 'provider staff have no Visits page');
    assert.equal((await p.respond(attempt, 'book_first_visit', { date: '2026-03-17', companionAccountId: volunteer.id }, 3)).ok, true);
    const b = new TestBrowser(app);
    await b.signIn(volunteer.email, TEST_PASSWORD);
    const page = await b.get('/staff/visits');
    assert.equal(page.status, 200);
    assert.match(page.html, /Visits you are going with/);
    assert.match(page.html, /Tuesday tea and chat/);
    assert.match(page.html, /Amina/);
    assert.doesNotMatch(page.html, /07700|practise English|Likes cooking/);
    assert.match((await b.get('/staff')).html, /href="\/staff\/visits"/);
  });

  it('a field that was not shared is absent, and nothing at all when only other fields were shared', async () => {
    const named = await accepted(['name', 'need']);
    assert.equal(
      (await named.p.respond(named.attempt, 'book_first_visit', { date: '2026-03-11', companionAccountId: w.accounts.volunteerA }, 3)).ok,
      true,
    );
    const other = await accepted(['need', 'contact']);
    assert.equal(
      (await other.p.respond(other.attempt, 'book_first_visit', { date: '2026-03-12', companionAccountId: w.accounts.volunteerA }, 3)).ok,
      true,
    );
    const mine = await visitsOf(w.accounts.volunteerA);
    assert.deepEqual(mine.find((v) => v.attemptId === named.attempt)?.person, { name: 'Amina' });
    assert.deepEqual(mine.find((v) => v.attemptId === other.attempt)?.person, {});
  });

  it('after the share consent is withdrawn the name and language disappear; the visit itself stays', async () => {
    const { referral, attempt, p, c } = await accepted(['name', 'language']);
    assert.equal(
      (await p.respond(attempt, 'book_first_visit', { date: '2026-03-13', companionAccountId: w.accounts.volunteerA }, 3)).ok,
      true,
    );
    assert.deepEqual(Object.keys((await visitsOf(w.accounts.volunteerA)).find((v) => v.attemptId === attempt)!.person).sort(), [
      'language',
      'name',
    ]);
    assert.equal((await c.withdrawShareConsent(referral, attempt)).ok, true);
    const after = (await visitsOf(w.accounts.volunteerA)).find((v) => v.attemptId === attempt);
    assert.deepEqual(after?.person, {});
    assert.equal(after?.firstVisitDate, '2026-03-13');
  });

  it('another volunteer sees nothing; staff who are not volunteers are refused', async () => {
    const { attempt, p } = await accepted(['name']);
    assert.equal(
      (await p.respond(attempt, 'book_first_visit', { date: '2026-03-14', companionAccountId: w.accounts.volunteerA }, 3)).ok,
      true,
    );
    assert.deepEqual(await visitsOf(volunteer2), []);
    assert.deepEqual(await visitsOf(volunteerB), []);
    await assert.rejects(() => visitsOf(w.accounts.providerA), AccessDenied);
    await assert.rejects(() => visitsOf(w.accounts.connector), AccessDenied);
  });

  it('choosing an account from another organisation (or a made-up one) is refused and nothing is saved', async () => {
    const { referral, attempt, p, c } = await accepted(['name']);
    const before = await w.db.selectFrom('referral_attempt').selectAll().where('id', '=', attempt).executeTakeFirstOrThrow();
    const events = async () => (await w.db.selectFrom('referral_event').select('id').where('attempt_id', '=', attempt).execute()).length;
    const eventsBefore = await events();
    for (const bad of [volunteerB, w.accounts.connector, 'not-an-id', '00000000-0000-4000-8000-000000000000']) {
      await assert.rejects(
        () => p.respond(attempt, 'book_first_visit', { date: '2026-03-15', companionAccountId: bad }, 3),
        (e: unknown) => e instanceof DomainError && e.status === 400,
      );
    }
    // The connector may name only their own organisation's people, not the provider's volunteer.
    await assert.rejects(
      () => c.act(referral, attempt, 'book_first_visit', { date: '2026-03-15', companionAccountId: w.accounts.volunteerA }, 3),
      (e: unknown) => e instanceof DomainError && e.status === 400,
    );
    assert.deepEqual(await w.db.selectFrom('referral_attempt').selectAll().where('id', '=', attempt).executeTakeFirstOrThrow(), before);
    assert.equal(await events(), eventsBefore);
    // A free-text name keeps working.
    assert.equal(
      (await p.respond(attempt, 'book_first_visit', { date: '2026-03-15', companionKind: 'volunteer', companionName: 'Fatima' }, 3)).ok,
      true,
    );
    const row = await w.db
      .selectFrom('referral_attempt')
      .select(['companion_account_id', 'companion_name'])
      .where('id', '=', attempt)
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, { companion_account_id: null, companion_name: 'Fatima' });
  });
});
