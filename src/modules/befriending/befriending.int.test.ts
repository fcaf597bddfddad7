import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openTestDatabase, testEngine, type TestDatabase } from '../../../test/support/test-db.ts';
import { AccessDenied } from '../../platform/auth/access.ts';
import { makeAccount, makeOrganisation } from '../accounts/accounts.test-support.ts';
import { accessFor, RecordingNotifier } from '../referrals/referrals.test-support.ts';
import { befriendingService } from './befriending.service.ts';
import { makeBefriendee, makeVolunteer, TODAY } from './befriending.test-support.ts';
import { answerMyCheckIn, myMatches } from './my-befriending.service.ts';
import { pathwaysService } from './pathways.service.ts';
import { addDays } from './vetting.ts';
import { sendVettingReminders } from './vetting-reminders.ts';
import { volunteersService } from './volunteers.service.ts';

const woman = { wantedGender: 'woman' as const, mode: 'either' as const, times: [] };

describe(`befriending: vetting, agreement on both sides, contacts, concerns, endings [${testEngine}]`, () => {
  let database: TestDatabase;
  let org: string;
  let otherOrg: string;
  let coordinator: { id: string; email: string };
  let otherCoordinator: string;
  const notifier = new RecordingNotifier();
  const as = async (id: string) => befriendingService(await accessFor(database.db, id), { notifier });

  before(async () => {
    database = await openTestDatabase();
    org = await makeOrganisation(database.db, { name: 'Bradford Befriending', kind: 'both' });
    otherOrg = await makeOrganisation(database.db, { name: 'Another scheme', kind: 'both' });
    coordinator = await makeAccount(database.db, org, { role: 'connector', name: 'Carol Coordinator', password: false });
    otherCoordinator = (await makeAccount(database.db, otherOrg, { role: 'connector', password: false })).id;
  });
  after(() => database.dispose());

  it('never suggests or proposes a volunteer whose vetting ran out or is missing; says which rule ruled them out', async () => {
    const person = await makeBefriendee(database.db, org);
    const expired = await makeVolunteer(database.db, org, { name: 'Expired Ella', vetting: 'expired' });
    const missing = await makeVolunteer(database.db, org, { name: 'Missing Mona', vetting: 'missing' });
    const man = await makeVolunteer(database.db, org, { name: 'Omar', gender: 'man' });
    const polish = await makeVolunteer(database.db, org, { name: 'Ola', languages: ['pl'] });
    const fine = await makeVolunteer(database.db, org, { name: 'Samira' });
    const c = await as(coordinator.id);
    const found = await c.find(person, woman);
    assert.deepEqual(
      found.result.suggestions.map((s) => s.accountId),
      [fine.id],
    );
    const rules = Object.fromEntries(found.result.ruledOut.map((r) => [r.accountId, r.rules]));
    assert.deepEqual(rules[expired.id], ['vetting']);
    assert.deepEqual(rules[missing.id], ['vetting']);
    assert.deepEqual(rules[man.id], ['gender']);
    assert.deepEqual(rules[polish.id], ['language']);
    assert.ok(found.result.suggestions[0]!.reasons.includes('language:ar'));
    assert.ok(found.result.suggestions[0]!.reasons.includes('gender:woman'));
    // Even asked directly (a stale page, a hand-made request), the service refuses.
    for (const v of [expired, missing, man])
      assert.deepEqual(await c.propose(person, { ...woman, volunteerAccountId: v.id, goal: null }), { ok: false, error: 'not_suitable' });
    // A check that runs out after the list was shown: refused at the moment of proposing.
    await database.db
      .updateTable('volunteer_check')
      .set({ expires_on: addDays(TODAY, -2) })
      .where('account_id', '=', fine.id)
      .where('kind', '=', 'training')
      .execute();
    assert.deepEqual(await c.propose(person, { ...woman, volunteerAccountId: fine.id, goal: null }), { ok: false, error: 'not_suitable' });
    assert.equal((await database.db.selectFrom('befriending_match').select('id').where('person_id', '=', person).execute()).length, 0);
    // Recording a renewed check makes them suitable again.
    await volunteersService(await accessFor(database.db, coordinator.id)).recordCheck(fine.id, {
      kind: 'training',
      checkedOn: TODAY,
      expiresOn: addDays(TODAY, 365),
      note: null,
    });
    assert.equal((await c.propose(person, { ...woman, volunteerAccountId: fine.id, goal: null })).ok, true);
  });

  it('volunteers see nothing of the person until both agreed, and never another volunteer’s match', async () => {
    const person = await makeBefriendee(database.db, org, { name: 'Halima' });
    const samira = await makeVolunteer(database.db, org, { name: 'Samira Two', email: 'samira2@example.org' });
    const other = await makeVolunteer(database.db, org, { name: 'Other Volunteer' });
    const c = await as(coordinator.id);
    const r = await c.propose(person, { ...woman, volunteerAccountId: samira.id, goal: 'Practise English' });
    assert.ok(r.ok);
    const matchId = r.matchId;
    assert.equal(notifier.to('samira2@example.org').length, 1);
    assert.ok(!notifier.to('samira2@example.org')[0]!.text.includes('Halima'));

    const v = await as(samira.id);
    let seen = await v.forVolunteer(matchId);
    assert.equal(seen.person, null);
    assert.equal(seen.about.language, 'ar');
    assert.deepEqual(seen.contacts, []);
    assert.ok(!JSON.stringify(await v.mine()).includes('Halima'));

    // The volunteer accepts first: still nothing until the person agrees.
    assert.deepEqual(await v.respond(matchId, 'accept'), { ok: true });
    seen = await v.forVolunteer(matchId);
    assert.equal(seen.person, null);
    assert.equal(seen.state, 'proposed');

    // Another volunteer (same organisation) cannot see it, accept it, or log on it.
    const o = await as(other.id);
    await assert.rejects(o.forVolunteer(matchId), AccessDenied);
    await assert.rejects(o.respond(matchId, 'accept'), AccessDenied);
    await assert.rejects(o.logContact(matchId, { contactId: null, date: null, status: 'done', note: null, concern: null }), AccessDenied);
    assert.deepEqual(await o.mine(), []);
    // Nor can a coordinator of another organisation.
    await assert.rejects((await as(otherCoordinator)).detail(matchId), AccessDenied);

    // The person agrees: the match runs, and now the volunteer sees their name and phone.
    assert.deepEqual(await c.personAgreed(matchId), { ok: true });
    seen = await v.forVolunteer(matchId);
    assert.equal(seen.state, 'active');
    assert.equal(seen.person?.name, 'Halima');
    assert.equal(seen.person?.phone, '07700 900123');
    assert.equal(seen.coordinator.name, 'Carol Coordinator');
    const consent = await database.db
      .selectFrom('person_consent')
      .selectAll()
      .where('person_id', '=', person)
      .where('kind', '=', 'share')
      .executeTakeFirstOrThrow();
    assert.equal(consent.purpose, 'befriending');
    // Withdrawing that consent hides the person again.
    await database.db.updateTable('person_consent').set({ withdrawn_at: new Date() }).where('id', '=', consent.id).execute();
    assert.equal((await v.forVolunteer(matchId)).person, null);
    await database.db.updateTable('person_consent').set({ withdrawn_at: null }).where('id', '=', consent.id).execute();

    // Every read of the person by the volunteer is in the audit log under the person.
    const audited = await database.db
      .selectFrom('audit_event')
      .select(['action', 'outcome'])
      .where('subject_id', '=', person)
      .where('action', '=', 'befriending.view_own')
      .execute();
    assert.ok(audited.filter((a) => a.outcome === 'allowed').length >= 3);
    assert.ok(audited.some((a) => a.outcome === 'denied'));
  });

  it('runs over weeks: planned and logged contacts, a concern that reaches the coordinator at once, check-ins at /my, a kind ending', async () => {
    const person = await makeBefriendee(database.db, org, { name: 'Noor' });
    const vol = await makeVolunteer(database.db, org, { name: 'Layla Befriender' });
    const c = await as(coordinator.id);
    const r = await c.propose(person, { ...woman, volunteerAccountId: vol.id, goal: null });
    assert.ok(r.ok);
    const v = await as(vol.id);
    await v.respond(r.matchId, 'accept');
    await c.personAgreed(r.matchId);
    assert.deepEqual(await v.planContact(r.matchId, { date: addDays(TODAY, 7), time: '2pm, library' }), { ok: true });
    const planned = (await v.forVolunteer(r.matchId)).contacts[0]!;
    assert.equal(planned.status, 'planned');
    await v.logContact(r.matchId, { contactId: planned.id, date: null, status: 'done', note: 'Tea', concern: null });
    await v.logContact(r.matchId, { contactId: null, date: TODAY, status: 'missed', note: null, concern: null });
    const before = notifier.to(coordinator.email).length;
    await v.logContact(r.matchId, {
      contactId: null,
      date: TODAY,
      status: 'done',
      note: 'Walk',
      concern: 'She said her landlord shouts at her.',
    });
    assert.equal(notifier.to(coordinator.email).length, before + 1);
    assert.match(notifier.to(coordinator.email).at(-1)!.subject, /Safeguarding concern/);
    const d = await c.detail(r.matchId);
    assert.deepEqual(d.contacts.map((x) => x.status).sort(), ['done', 'done', 'missed']);
    assert.equal(d.concerns.length, 1);
    assert.equal(d.concerns[0]!.seen_at, null);
    assert.equal((await c.ofOrganisation()).find((m) => m.id === r.matchId)?.open_concerns, 1);
    assert.deepEqual(await c.concernSeen(r.matchId, d.concerns[0]!.id), { ok: true });

    // A contact that was already logged cannot be logged again.
    assert.deepEqual(await v.logContact(r.matchId, { contactId: planned.id, date: null, status: 'missed', note: null, concern: null }), {
      ok: false,
      error: 'no_contact',
    });

    // The person's check-in at /my: their own match only.
    const origin = { requestId: null, ipHash: null, now: new Date() };
    const mine = await myMatches(database.db, person);
    assert.deepEqual(
      mine.map((m) => m.volunteerName),
      ['Layla'],
    );
    assert.equal(await answerMyCheckIn(database.db, notifier, person, r.matchId, 'going_well', 'Nice to talk', origin), true);
    const stranger = await makeBefriendee(database.db, org, { name: 'Stranger' });
    assert.equal(await answerMyCheckIn(database.db, notifier, stranger, r.matchId, 'going_well', null, origin), false);
    assert.equal((await c.detail(r.matchId)).checkIns.length, 1);

    // A kind ending: moving on to a group, a goodbye contact, then ended; the pathway moves on.
    assert.deepEqual(await c.startEnding(r.matchId, { reason: 'group', goodbyeOn: addDays(TODAY, 14) }), { ok: true });
    assert.equal((await myMatches(database.db, person))[0]!.ending, true);
    assert.deepEqual(await c.finish(r.matchId, 'A lovely last walk'), { ok: true });
    const ended = await c.detail(r.matchId);
    assert.equal(ended.match.state, 'ended');
    assert.equal(ended.match.end_reason, 'group');
    assert.deepEqual(await myMatches(database.db, person), []);
    const p = await pathwaysService(await accessFor(database.db, coordinator.id)).overview(person);
    assert.equal(p.stage, 'groups');
    assert.equal(p.movingOnToGroup, true);
    assert.ok(p.suggestions.some((s) => s.kind === 'peer_mentor'));
    // Nothing is offered until the connector chooses to.
    assert.deepEqual(p.steps, []);
  });

  it('reminds a volunteer and their coordinators once before a check runs out, and not again after it is renewed', async () => {
    const vol = await makeVolunteer(database.db, otherOrg, { name: 'Rita Reminder', email: 'rita@example.org' });
    await database.db
      .updateTable('volunteer_check')
      .set({ expires_on: addDays(TODAY, 10) })
      .where('account_id', '=', vol.id)
      .where('kind', '=', 'dbs')
      .execute();
    const sent = new RecordingNotifier();
    const first = await sendVettingReminders(database.db, sent, new Date());
    assert.ok(first.reminded >= 1);
    assert.equal(sent.to('rita@example.org').length, 1);
    assert.match(sent.to('rita@example.org')[0]!.text, /runs out on/);
    const coordinatorEmail = (
      await database.db.selectFrom('staff_account').select('email').where('id', '=', otherCoordinator).executeTakeFirstOrThrow()
    ).email;
    assert.ok(sent.to(coordinatorEmail).some((m) => m.text.includes('Rita Reminder')));
    await sendVettingReminders(database.db, sent, new Date());
    assert.equal(sent.to('rita@example.org').length, 1);
    // A renewed check that is far off gets no reminder; the old one's reminder is not repeated.
    await volunteersService(await accessFor(database.db, otherCoordinator)).recordCheck(vol.id, {
      kind: 'dbs',
      checkedOn: TODAY,
      expiresOn: addDays(TODAY, 1000),
      note: null,
    });
    await sendVettingReminders(database.db, sent, new Date());
    assert.equal(sent.to('rita@example.org').length, 1);
  });
});
