import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AccessDenied } from '../../platform/auth/access.ts';
import { openTestDatabase, testEngine, type TestDatabase } from '../../../test/support/test-db.ts';
import { TestClock } from '../accounts/accounts.test-support.ts';
import { referralInboxService } from './referral-inbox.service.ts';
import { runFollowUps } from './referral-follow-ups.ts';
import { referralsService } from './referrals.service.ts';
import { accessFor, buildReferralWorld, makePerson, RecordingNotifier, type ReferralWorld } from './referrals.test-support.ts';

const input = {
  need: 'To meet other women and practise English',
  summary: 'Likes cooking; Tuesdays are best.',
  interpreterNeeded: true,
  interpreterLanguage: 'Arabic (Sudanese)',
  accompanyWanted: true,
  transportNeeded: true,
  childcareNeeded: false,
};

describe(`referrals: create, share, send, respond, re-route [${testEngine}]`, () => {
  let database: TestDatabase;
  let w: ReferralWorld;
  const clock = new TestClock(new Date('2026-03-02T09:00:00Z')); // a Monday
  const notifier = new RecordingNotifier();
  const connector = async (key: keyof ReferralWorld['accounts'] = 'connector') =>
    referralsService(await accessFor(w.db, w.accounts[key], clock.now), { notifier });
  const provider = async (key: keyof ReferralWorld['accounts'] = 'providerA') =>
    referralInboxService(await accessFor(w.db, w.accounts[key], clock.now), { notifier });

  /** A person, a referral and a draft attempt for `service`. */
  async function draft(service: string, opts: { contact?: string[] } = { contact: ['call'] }) {
    const person = await makePerson(w.db, w.connectorOrg, opts);
    const svc = await connector();
    const referral = await svc.create(person, input);
    const chosen = await svc.chooseService(referral, service);
    assert.ok(chosen.ok, JSON.stringify(chosen));
    return { person, referral, attempt: chosen.attemptId, svc };
  }

  async function sent(service = w.services.tea, fields = ['name', 'need', 'practical_support']) {
    const d = await draft(service);
    const r = await d.svc.send(d.referral, d.attempt, { fields, givenBy: 'verbal', expectedVersion: 0 });
    assert.deepEqual(r, { ok: true, changed: true, attemptId: d.attempt });
    return d;
  }

  before(async () => {
    database = await openTestDatabase();
    w = await buildReferralWorld(database.db);
  });
  after(async () => {
    await database.dispose();
  });

  it('sends a referral only with the person’s share consent, recorded for the recipient with the chosen fields', async () => {
    notifier.sent = [];
    const { person, referral, attempt } = await sent();
    const row = await w.db.selectFrom('referral_attempt').selectAll().where('id', '=', attempt).executeTakeFirstOrThrow();
    assert.equal(row.state, 'sent');
    assert.equal(row.recipient_organisation_id, w.providerA);
    assert.deepEqual(row.shared_fields, ['name', 'need', 'practical_support']);
    assert.equal(row.next_task, 'acknowledge');
    assert.equal(row.next_owner, 'recipient');
    assert.equal(row.next_due, '2026-03-09');
    assert.equal(row.next_late_after, '2026-03-16');
    const consent = await w.db.selectFrom('person_consent').selectAll().where('id', '=', row.share_consent_id!).executeTakeFirstOrThrow();
    assert.equal(consent.person_id, person);
    assert.equal(consent.kind, 'share');
    assert.equal(consent.recipient_organisation_id, w.providerA);
    assert.deepEqual(consent.scope, ['name', 'need', 'practical_support']);
    assert.equal(consent.given_by, 'verbal');
    const events = await w.db
      .selectFrom('referral_event')
      .select(['event_type', 'from_state', 'to_state', 'actor_account_id'])
      .where('attempt_id', '=', attempt)
      .orderBy('seq')
      .execute();
    assert.deepEqual(
      events.map((e) => `${e.event_type}:${e.from_state}->${e.to_state}`),
      ['choose_service:null->draft', 'send:draft->sent'],
    );
    assert.ok(events.every((e) => e.actor_account_id === w.accounts.connector));
    const audit = await w.db.selectFrom('audit_event').select('action').where('subject_id', '=', referral).execute();
    assert.deepEqual(audit.map((a) => a.action).sort(), ['referral.choose_service', 'referral.create', 'referral.send']);
    // Both provider staff of the recipient are told; nobody else.
    assert.deepEqual(notifier.sent.map((m) => m.to).sort(), [w.emails.providerA, w.emails.providerA2].sort());
    assert.ok(
      notifier.sent.every((m) => m.text.includes('Tuesday tea and chat') && !m.text.includes('Amina')),
      'no personal data in the message',
    );
  });

  it('refuses a service that is full, paused, not running or has nobody to receive it, with the reason', async () => {
    const person = await makePerson(w.db, w.connectorOrg);
    const svc = await connector();
    const referral = await svc.create(person, input);
    assert.deepEqual(await svc.chooseService(referral, w.services.full), { ok: false, error: 'full' });
    assert.deepEqual(await svc.chooseService(referral, w.services.paused), { ok: false, error: 'not_accepting' });
    assert.deepEqual(await svc.chooseService(referral, w.services.inactive), { ok: false, error: 'inactive' });
    assert.deepEqual(await svc.chooseService(referral, '00000000-0000-4000-8000-000000000000'), { ok: false, error: 'no_such_service' });
    assert.equal((await w.db.selectFrom('referral_attempt').select('id').where('referral_id', '=', referral).execute()).length, 0);
    // A group nobody on Belong receives for can be chosen all the same (group-link.int.test.ts).
    assert.equal((await svc.chooseService(referral, w.services.unmanaged)).ok, true);
    const found = await svc.findServices('sewing');
    assert.deepEqual(
      found.map((f) => [f.name, f.available, f.problem]),
      [['Sewing circle', false, 'full']],
    );
  });

  it('refuses to send to a service that became full after it was chosen, and records no consent', async () => {
    const d = await draft(w.services.walk);
    await w.db.updateTable('belong_service').set({ capacity_status: 'full' }).where('service_id', '=', w.services.walk).execute();
    try {
      const r = await d.svc.send(d.referral, d.attempt, { fields: ['name'], givenBy: 'verbal', expectedVersion: 0 });
      assert.equal(r.ok, false);
      assert.equal(!r.ok && r.error, 'full');
      const row = await w.db
        .selectFrom('referral_attempt')
        .select(['state', 'share_consent_id'])
        .where('id', '=', d.attempt)
        .executeTakeFirstOrThrow();
      assert.deepEqual(row, { state: 'draft', share_consent_id: null });
      assert.equal(
        (await w.db.selectFrom('person_consent').select('id').where('person_id', '=', d.person).where('kind', '=', 'share').execute())
          .length,
        0,
      );
    } finally {
      await w.db
        .updateTable('belong_service')
        .set({ capacity_status: 'places_available' })
        .where('service_id', '=', w.services.walk)
        .execute();
    }
  });

  it('shares contact details only when the person agreed how they may be contacted', async () => {
    const d = await draft(w.services.tea, { contact: [] });
    const r = await d.svc.send(d.referral, d.attempt, { fields: ['name', 'contact'], givenBy: 'verbal', expectedVersion: 0 });
    assert.equal(!r.ok && r.error, 'contact_not_allowed');
    const nothing = await d.svc.send(d.referral, d.attempt, { fields: [], givenBy: 'verbal', expectedVersion: 0 });
    assert.equal(!nothing.ok && nothing.error, 'nothing_chosen');
    assert.equal((await d.svc.get(d.referral)).shareable.includes('contact'), false);
  });

  it('shows a provider only the attempts sent to it, and of each only the fields that were shared', async () => {
    const { referral, attempt } = await sent(w.services.tea, ['name', 'need']);
    const withContact = await draft(w.services.tea);
    await withContact.svc.send(withContact.referral, withContact.attempt, {
      fields: ['contact', 'language'],
      givenBy: 'written',
      expectedVersion: 0,
    });
    const unsent = await draft(w.services.tea);

    const a = await provider('providerA');
    const list = await a.list();
    const mine = list.find((x) => x.id === attempt)!;
    assert.deepEqual(Object.keys(mine.shared).sort(), ['name', 'need']);
    assert.equal(mine.shared.name, 'Amina');
    const contact = list.find((x) => x.id === withContact.attempt)!;
    assert.deepEqual(Object.keys(contact.shared).sort(), ['contact', 'language']);
    assert.equal(contact.shared.contact!.phone, '07700 900777', 'call consent: the phone number');
    assert.equal(contact.shared.contact!.email, null, 'no e-mail consent: no e-mail');
    assert.equal(contact.shared.language!.interpreterLanguage, 'Arabic (Sudanese)');
    assert.ok(!list.some((x) => x.id === unsent.attempt), 'a draft is not shared with anyone');
    await assert.rejects(() => a.get(unsent.attempt), /no such referral/);
    const detail = await a.get(attempt);
    assert.deepEqual(Object.keys(detail.shared).sort(), ['name', 'need']);
    assert.ok(!JSON.stringify(detail).includes('Likes cooking'), 'the summary was not shared');
    assert.ok(!JSON.stringify(detail).includes('07700'), 'the phone number was not shared');

    // Another provider, another connector, a volunteer: nothing.
    const b = await provider('providerB');
    assert.ok(!(await b.list()).some((x) => x.id === attempt || x.id === withContact.attempt));
    await assert.rejects(() => b.get(attempt), AccessDenied);
    await assert.rejects(() => b.respond(attempt, 'accept', {}, 1), AccessDenied);
    await assert.rejects(async () => (await provider('volunteerA')).get(attempt), AccessDenied);
    await assert.rejects(async () => (await connector('otherConnector')).get(referral), AccessDenied);
    // The connector's colleague in the same organisation may follow it.
    assert.equal((await (await connector('connector2')).get(referral)).attempts.length, 1);
  });

  it('walks an attempt through the recipient’s steps, refusing stale forms and shrugging off double clicks', async () => {
    const { referral, attempt } = await sent();
    const a = await provider();
    assert.deepEqual(await a.respond(attempt, 'acknowledge', {}, 1), { ok: true, changed: true, attemptId: attempt });
    const twice = await a.respond(attempt, 'acknowledge', {}, 1);
    assert.deepEqual(twice, { ok: true, changed: false, attemptId: attempt }, 'a double click changes nothing');
    const stale = await a.respond(attempt, 'decline', { reason: 'full' }, 1);
    assert.equal(stale.ok, false);
    assert.equal(!stale.ok && stale.error, 'stale');
    assert.equal(!stale.ok && stale.current?.state, 'acknowledged', 'the refusal says what the referral says now');
    assert.equal((await a.respond(attempt, 'accept', {}, 2)).ok, true);
    const noName = await a.respond(attempt, 'book_first_visit', { date: '2026-03-10', companionKind: 'volunteer', companionName: ' ' }, 3);
    assert.equal(!noName.ok && noName.error, 'companion_name_required');
    const badDate = await a.respond(attempt, 'book_first_visit', { date: '2026-02-30', companionKind: 'none' }, 3);
    assert.equal(!badDate.ok && badDate.error, 'bad_date');
    assert.equal(
      (
        await a.respond(
          attempt,
          'book_first_visit',
          { date: '2026-03-10', companionKind: 'volunteer', companionName: 'Fatima (volunteer)' },
          3,
        )
      ).ok,
      true,
    );
    // The connector records the person's check-in answer.
    const c = await connector();
    assert.deepEqual(await c.act(referral, attempt, 'record_attendance', { interpreterMet: 'yes' }, 4, 'person'), {
      ok: true,
      changed: true,
      attemptId: attempt,
    });
    await assert.rejects(() => c.act(referral, attempt, 'accept', {}, 5), /not something the referrer records/);
    const detail = await c.get(referral);
    const at = detail.attempts[0]!;
    assert.equal(at.state, 'attending');
    assert.equal(at.firstVisitDate, '2026-03-10');
    assert.deepEqual(at.companion, { kind: 'volunteer', name: 'Fatima (volunteer)' });
    assert.equal(at.interpreterMet, true);
    assert.equal(at.next?.task, 'review_at_six_weeks');
    assert.deepEqual(
      detail.events.map((e) => `${e.type}/${e.side}`),
      [
        'choose_service/referrer',
        'send/referrer',
        'acknowledge/recipient',
        'accept/recipient',
        'book_first_visit/recipient',
        'record_attendance/person',
      ],
    );
  });

  it('declined as full: the connector is told, finds something else and re-routes; the old attempt is closed and linked', async () => {
    notifier.sent = [];
    const { referral, attempt } = await sent();
    const declined = await (await provider()).respond(attempt, 'decline', { reason: 'full' }, 1);
    assert.deepEqual(declined, { ok: true, changed: true, attemptId: attempt });
    assert.ok(notifier.to(w.emails.connector).some((m) => /declined/.test(m.text)));
    const c = await connector();
    const today = await c.today();
    const item = today.find((x) => x.id === attempt)!;
    assert.equal(item.next?.task, 'find_something_else');
    assert.equal(item.declineReason, 'full');
    const full = await c.reroute(referral, attempt, w.services.full, 2);
    assert.equal(!full.ok && full.error, 'full', 'cannot re-route to a full service');
    const r = await c.reroute(referral, attempt, w.services.walk, 2);
    assert.ok(r.ok);
    const again = await c.reroute(referral, attempt, w.services.walk, 2);
    assert.equal(!again.ok && again.error, 'stale', 'a second click does not open a second attempt');
    const detail = await c.get(referral);
    assert.equal(detail.attempts.length, 2);
    const [old, fresh] = detail.attempts;
    assert.equal(old!.state, 'declined');
    assert.equal(old!.redirectedTo, fresh!.id);
    assert.equal(old!.next, null, 'the “find something else” step is done');
    assert.equal(fresh!.state, 'draft');
    assert.equal(fresh!.recipientOrganisationId, w.providerB);
    assert.ok(!(await c.today()).some((x) => x.id === attempt));
  });

  it('re-routing an open attempt closes it as redirected and tells its recipient', async () => {
    notifier.sent = [];
    const { referral, attempt } = await sent();
    const r = await (await connector()).reroute(referral, attempt, w.services.walk, 1);
    assert.ok(r.ok);
    const old = await w.db
      .selectFrom('referral_attempt')
      .select(['state', 'redirected_to'])
      .where('id', '=', attempt)
      .executeTakeFirstOrThrow();
    assert.deepEqual(old, { state: 'redirected', redirected_to: r.ok ? r.attemptId : null });
    assert.ok(notifier.to(w.emails.providerA).some((m) => /withdrawn/.test(m.text)));
  });

  it('withdrawing the share consent hides what was shared from the provider at once, and tells them', async () => {
    notifier.sent = [];
    const { referral, attempt } = await sent();
    const c = await connector();
    assert.deepEqual(await c.withdrawShareConsent(referral, attempt), { ok: true, changed: true, attemptId: attempt });
    const seen = await (await provider()).get(attempt);
    assert.equal(seen.consentWithdrawn, true);
    assert.deepEqual(seen.shared, {});
    assert.deepEqual(seen.sharedFields, []);
    assert.deepEqual(
      notifier.sent
        .filter((m) => m.subject === 'Consent to share withdrawn')
        .map((m) => m.to)
        .sort(),
      [w.emails.providerA, w.emails.providerA2].sort(),
    );
    // Nothing more can be sent on that consent, and the follow-up job does not tell them twice.
    assert.equal((await runFollowUps(w.db, notifier, clock.now())).consentNotices, 0);
  });

  it('a share consent withdrawn on the person’s record (not here) is also enforced, and the recipients are told once by the job', async () => {
    const { attempt } = await sent();
    const row = await w.db.selectFrom('referral_attempt').select('share_consent_id').where('id', '=', attempt).executeTakeFirstOrThrow();
    await w.db.updateTable('person_consent').set({ withdrawn_at: clock.now() }).where('id', '=', row.share_consent_id!).execute();
    assert.equal((await (await provider()).get(attempt)).consentWithdrawn, true);
    notifier.sent = [];
    const first = await runFollowUps(w.db, notifier, clock.now());
    assert.equal(first.consentNotices, 1);
    assert.equal(notifier.sent.filter((m) => m.subject === 'Consent to share withdrawn').length, 2);
    assert.equal((await runFollowUps(w.db, notifier, clock.now())).consentNotices, 0);
  });

  it('a paused service cannot be sent a referral; the provider pauses and restarts it', async () => {
    const d = await draft(w.services.tea);
    await (await provider()).setAccepting(w.services.tea, false);
    try {
      const r = await d.svc.send(d.referral, d.attempt, { fields: ['name'], givenBy: 'verbal', expectedVersion: 0 });
      assert.equal(!r.ok && r.error, 'not_accepting');
      await assert.rejects(async () => (await provider('providerB')).setAccepting(w.services.tea, true), AccessDenied);
      const change = await w.db
        .selectFrom('metadata')
        .select(['previous_value', 'replacement_value'])
        .where('resource_id', '=', w.services.tea)
        .where('field_name', '=', 'accepting_referrals')
        .executeTakeFirstOrThrow();
      assert.deepEqual(change, { previous_value: 'true', replacement_value: 'false' });
    } finally {
      await (await provider()).setAccepting(w.services.tea, true);
    }
    assert.equal((await d.svc.send(d.referral, d.attempt, { fields: ['name'], givenBy: 'verbal', expectedVersion: 0 })).ok, true);
  });
});

describe(`referrals: concurrent changes [${testEngine}]`, () => {
  let database: TestDatabase;
  let w: ReferralWorld;
  const notifier = new RecordingNotifier();
  const now = () => new Date('2026-03-02T09:00:00Z');

  before(async () => {
    database = await openTestDatabase();
    w = await buildReferralWorld(database.db, 'cc');
  });
  after(async () => {
    await database.dispose();
  });

  async function sentAttempt() {
    const person = await makePerson(w.db, w.connectorOrg);
    const c = referralsService(await accessFor(w.db, w.accounts.connector, now), { notifier });
    const referral = await c.create(person, input);
    const chosen = await c.chooseService(referral, w.services.tea);
    assert.ok(chosen.ok);
    return { c, referral, attempt: chosen.attemptId };
  }
  const eventsOf = async (attempt: string, type: string) =>
    (await w.db.selectFrom('referral_event').select('id').where('attempt_id', '=', attempt).where('event_type', '=', type).execute())
      .length;

  it('a double-clicked send sends once and records one consent', async () => {
    const { c, referral, attempt } = await sentAttempt();
    const results = await Promise.all(
      [1, 2].map(() => c.send(referral, attempt, { fields: ['name'], givenBy: 'verbal', expectedVersion: 0 })),
    );
    assert.deepEqual(results.map((r) => r.ok && r.changed).sort(), [false, true]);
    assert.equal(await eventsOf(attempt, 'send'), 1);
    const shares = await w.db
      .selectFrom('person_consent as c')
      .innerJoin('referral as r', 'r.person_id', 'c.person_id')
      .select('c.id')
      .where('r.id', '=', referral)
      .where('c.kind', '=', 'share')
      .execute();
    assert.equal(shares.length, 1);
  });

  it('two provider staff accepting at once: one change, the other is told nothing changed', async () => {
    const { c, referral, attempt } = await sentAttempt();
    await c.send(referral, attempt, { fields: ['name'], givenBy: 'verbal', expectedVersion: 0 });
    const one = referralInboxService(await accessFor(w.db, w.accounts.providerA, now), { notifier });
    const two = referralInboxService(await accessFor(w.db, w.accounts.providerA2, now), { notifier });
    const results = await Promise.all([one.respond(attempt, 'accept', {}, 1), two.respond(attempt, 'accept', {}, 1)]);
    assert.deepEqual(results.map((r) => r.ok && r.changed).sort(), [false, true]);
    assert.equal(await eventsOf(attempt, 'accept'), 1);
    const row = await w.db.selectFrom('referral_attempt').select(['state', 'version']).where('id', '=', attempt).executeTakeFirstOrThrow();
    assert.deepEqual(row, { state: 'accepted', version: 2 });
  });

  it('accept and decline at once: exactly one wins; the other gets the stale-version message', async () => {
    for (let i = 0; i < 5; i++) {
      const { c, referral, attempt } = await sentAttempt();
      await c.send(referral, attempt, { fields: ['name'], givenBy: 'verbal', expectedVersion: 0 });
      const one = referralInboxService(await accessFor(w.db, w.accounts.providerA, now), { notifier });
      const two = referralInboxService(await accessFor(w.db, w.accounts.providerA2, now), { notifier });
      const [x, y] = await Promise.all([one.respond(attempt, 'accept', {}, 1), two.respond(attempt, 'decline', { reason: 'full' }, 1)]);
      const winners = [x, y].filter((r) => r.ok && r.changed);
      const stale = [x, y].filter((r) => !r.ok && r.error === 'stale');
      assert.equal(winners.length, 1);
      assert.equal(stale.length, 1);
      const row = await w.db
        .selectFrom('referral_attempt')
        .select(['state', 'version'])
        .where('id', '=', attempt)
        .executeTakeFirstOrThrow();
      assert.equal(row.version, 2);
      assert.equal(row.state, x.ok ? 'accepted' : 'declined');
      assert.equal((await eventsOf(attempt, 'accept')) + (await eventsOf(attempt, 'decline')), 1);
    }
  });
});
