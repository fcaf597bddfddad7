import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { createLogger } from '../../platform/log.ts';
import { openTestDatabase, testEngine, type TestDatabase } from '../../../test/support/test-db.ts';
import { AccessDenied } from '../../platform/auth/access.ts';
import { auditFor, makeAccount, makeOrganisation, TEST_PASSWORD, TestBrowser, TestClock } from '../accounts/accounts.test-support.ts';
import { makePerson } from '../people/people.access-rows.ts';
import { groupCode } from '../person-view/access-code.ts';
import { personAccessService } from '../person-view/person-access.service.ts';
import { accessFor, RecordingNotifier } from '../referrals/referrals.test-support.ts';
import { crisisService, escalateUnacknowledged } from './crisis.service.ts';

describe(`the crisis route: someone is at risk [${testEngine}]`, () => {
  let database: TestDatabase;
  let app: ReturnType<typeof createApp>;
  const clock = new TestClock(new Date('2026-03-02T09:00:00Z'));
  const notifier = new RecordingNotifier();
  let org: string;
  let otherOrg: string;
  let connector: { id: string; email: string };
  let lead: { id: string; email: string };
  let manager: { id: string; email: string };
  let admin: { id: string; email: string };
  let otherConnector: { id: string; email: string };
  let n = 0;
  const browser = () => new TestBrowser(app, { 'x-forwarded-for': `192.0.2.${++n}` });
  const signedIn = async (email: string) => {
    const b = browser();
    const r = await b.signIn(email, TEST_PASSWORD);
    assert.equal(r.status, 303, r.html.slice(0, 300));
    return b;
  };
  /** Earlier tests' concerns are taken as acknowledged, so a test sees only its own. */
  const settleEarlier = () =>
    database.db
      .updateTable('safeguarding_concern')
      .set({ acknowledged_at: clock.now(), acknowledged_by: lead.id })
      .where('acknowledged_at', 'is', null)
      .execute();
  const concernsOf = (person: string) =>
    database.db.selectFrom('safeguarding_concern').selectAll().where('person_id', '=', person).orderBy('raised_at').execute();

  before(async () => {
    database = await openTestDatabase();
    org = await makeOrganisation(database.db, { name: 'Oak Lane Surgery', kind: 'referrer' });
    otherOrg = await makeOrganisation(database.db, { name: 'Refugee Welcome', kind: 'referrer' });
    const operator = await makeOrganisation(database.db, { name: 'Belong team', kind: 'referrer', operator: true });
    connector = await makeAccount(database.db, org, { role: 'connector', name: 'Cora Connector' });
    lead = await makeAccount(database.db, org, { role: 'connector', name: 'Lena Lead' });
    manager = await makeAccount(database.db, org, { role: 'connector', name: 'Mo Manager', manager: true });
    admin = await makeAccount(database.db, operator, { role: 'administrator', name: 'Ada Admin' });
    otherConnector = await makeAccount(database.db, otherOrg, { role: 'connector', name: 'Olu Other' });
    app = createApp({
      config: loadConfig({ LOG_LEVEL: 'silent', DEMO_DATA: 'off', TRUST_PROXY: 'on' }),
      database,
      log: createLogger('silent'),
      now: clock.now,
      notifier,
    });
  });
  after(() => database.dispose());

  it('lets the organisation’s manager name a connector of theirs as safeguarding lead, and nobody else’s', async () => {
    const m = await signedIn(manager.email);
    const page = await m.get('/staff/safeguarding');
    assert.equal(page.status, 200);
    assert.match(page.html, /Safeguarding lead for Oak Lane Surgery/);
    assert.doesNotMatch(page.html, /Refugee Welcome/);
    // Someone of another organisation cannot be named.
    const refused = await m.post(`/staff/safeguarding/leads/${org}`, { lead: otherConnector.id });
    assert.equal(refused.location, '/staff/safeguarding?error=lead#leads');
    const saved = await m.post(`/staff/safeguarding/leads/${org}`, { lead: lead.id });
    assert.equal(saved.location, '/staff/safeguarding?done=lead#leads');
    const row = await database.db
      .selectFrom('organisation_safeguarding')
      .selectAll()
      .where('organisation_id', '=', org)
      .executeTakeFirstOrThrow();
    assert.equal(row.lead_account_id, lead.id);
    // A manager cannot name the lead of another organisation.
    const other = await m.post(`/staff/safeguarding/leads/${otherOrg}`, { lead: otherConnector.id });
    assert.equal(other.status, 403);
    const a = await signedIn(admin.email);
    assert.match((await a.get('/staff/safeguarding')).html, /Refugee Welcome/);
  });

  it('raised during the conversation: shows the urgent options in the person’s language, tells the lead, shows on the record, audited', async () => {
    const { person } = await makePerson(database.db, org, { name: 'Amina Test' });
    const b = await signedIn(connector.email);
    await b.get(`/staff/people/${person}`);
    assert.equal((await b.post(`/staff/people/${person}/conversation/start`, {})).status, 303);
    const step = await b.get((await b.get(`/staff/people/${person}/conversation`)).location!);
    assert.equal(step.status, 200);
    assert.ok(step.html.includes(`/staff/people/${person}/crisis?from=conversation`), 'every conversation page links to the crisis route');
    assert.ok(step.html.includes('شخص ما في خطر'), 'the link is in the person’s language');

    const options = await b.get(`/staff/people/${person}/crisis?from=conversation`);
    assert.equal(options.status, 200);
    for (const tel of ['tel:999', 'tel:111', 'tel:116123']) assert.ok(options.html.includes(tel), tel);
    assert.ok(options.html.includes('خدمات الطوارئ'), 'the options are in Arabic');
    assert.ok(options.html.includes('dir="rtl"'));

    const before = notifier.sent.length;
    const raised = await b.post(`/staff/people/${person}/crisis`, {
      from: 'conversation',
      note: 'Says she has nowhere safe to sleep tonight',
    });
    assert.equal(raised.status, 303);
    assert.match(raised.location!, new RegExp(`^/staff/people/${person}/crisis\\?from=conversation&raised=`));
    const shown = await b.get(raised.location!);
    assert.match(shown.html, /Lena Lead, the safeguarding lead, has been told/);

    const [concern] = await concernsOf(person);
    assert.equal(concern!.source, 'conversation');
    assert.equal(concern!.raised_by, connector.id);
    assert.equal(concern!.lead_account_id, lead.id);
    assert.equal(new Date(concern!.acknowledge_by).getTime() - new Date(concern!.raised_at).getTime(), 60 * 60_000);

    const told = notifier.sent.slice(before);
    assert.deepEqual(
      told.map((m) => m.to),
      [lead.email],
    );
    assert.match(told[0]!.text, new RegExp(`/staff/people/${person}#safeguarding`));
    assert.ok(!told[0]!.text.includes('Amina') && !told[0]!.text.includes('nowhere safe'), 'no name or note in the message');
    const outbox = await database.db.selectFrom('outbox').select('recipient').where('recipient', '=', lead.email).execute();
    assert.equal(outbox.length, 1, 'written to the outbox with the concern');

    const record = await b.get(`/staff/people/${person}`);
    assert.equal(record.status, 200);
    assert.ok(record.html.includes(`data-concern="${concern!.id}"`));
    assert.match(record.html, /Waiting for Lena Lead to acknowledge it by/);
    assert.match(record.html, /nowhere safe to sleep/);

    const audit = await auditFor(database.db, person);
    const raise = audit.find((e) => e.action === 'safeguarding.raise');
    assert.ok(raise, 'the raise is audited under the person');
    assert.equal(raise.actor_account_id, connector.id);
    assert.equal(raise.outcome, 'allowed');
    assert.ok(
      audit.some((e) => e.action === 'safeguarding.view' && e.actor_account_id === connector.id),
      'reading the record’s concerns is audited',
    );

    // Another organisation's connector can neither see nor raise one.
    const other = crisisService(await accessFor(database.db, otherConnector.id, clock.now), { notifier });
    await assert.rejects(() => other.raise(person, { source: 'record', note: null }), AccessDenied);
    await assert.rejects(() => other.ofPerson(person), AccessDenied);
  });

  it('escalates a concern not acknowledged in time to the managers and administrators, once; an acknowledged one never', async () => {
    await settleEarlier();
    const { person } = await makePerson(database.db, org, { name: 'Bilal Test' });
    const { person: second } = await makePerson(database.db, org, { name: 'Chen Test' });
    const c = crisisService(await accessFor(database.db, connector.id, clock.now), { notifier });
    const waiting = await c.raise(person, { source: 'record', note: null });
    const acknowledged = await c.raise(second, { source: 'record', note: null });

    // The lead acknowledges the second one from the record.
    const l = await signedIn(lead.email);
    await l.get(`/staff/people/${second}`);
    const ack = await l.post(`/staff/safeguarding/${acknowledged.concernId}/acknowledge`, {});
    assert.equal(ack.status, 303);
    assert.equal(ack.location, `/staff/people/${second}?done=acknowledged#safeguarding`);
    assert.match((await l.get(`/staff/people/${second}`)).html, /Acknowledged by Lena Lead/);
    assert.equal(
      (await l.post(`/staff/safeguarding/${acknowledged.concernId}/acknowledge`, {})).location,
      `/staff/people/${second}?done=already#safeguarding`,
    );

    // Not yet due: nothing happens.
    assert.deepEqual(await escalateUnacknowledged(database.db, notifier, new Date(clock.now().getTime() + 59 * 60_000)), {
      escalated: 0,
      told: 0,
    });
    const before = notifier.sent.length;
    const late = new Date(clock.now().getTime() + 61 * 60_000);
    const r = await escalateUnacknowledged(database.db, notifier, late, { baseUrl: 'https://belong.example.org' });
    assert.equal(r.escalated, 1);
    const told = notifier.sent.slice(before);
    assert.deepEqual(told.map((m) => m.to).sort(), [admin.email, manager.email].sort());
    assert.ok(told.every((m) => m.subject.startsWith('Urgent') && !m.text.includes('Bilal')));
    assert.match(told.find((m) => m.to === manager.email)!.text, /https:\/\/belong\.example\.org\/staff\/safeguarding/);
    const [row] = await concernsOf(person);
    assert.equal(row!.id, waiting.concernId);
    assert.ok(row!.escalated_at);
    assert.equal((await concernsOf(second))[0]!.escalated_at, null);
    assert.ok((await auditFor(database.db, person)).some((e) => e.action === 'safeguarding.escalate' && e.actor_account_id === null));
    // Once only.
    assert.deepEqual(await escalateUnacknowledged(database.db, notifier, new Date(late.getTime() + 3600_000)), { escalated: 0, told: 0 });
    // The record says so until someone acknowledges it.
    const m = await signedIn(manager.email);
    assert.match((await m.get(`/staff/people/${person}`)).html, /Not acknowledged in time: managers and administrators told/);
    assert.match((await m.get('/staff/safeguarding')).html, /Bilal Test/);
  });

  it('works in bounded batches and stops at the run’s limit, leaving the rest for the next run', async () => {
    await settleEarlier();
    const c = crisisService(await accessFor(database.db, connector.id, clock.now), { notifier });
    for (let i = 0; i < 5; i++) {
      const { person } = await makePerson(database.db, org, { name: `Batch ${i}` });
      await c.raise(person, { source: 'record', note: null });
    }
    const late = new Date(clock.now().getTime() + 2 * 3600_000);
    assert.equal((await escalateUnacknowledged(database.db, notifier, late, { batchSize: 2, maxBatches: 1 })).escalated, 2);
    assert.equal((await escalateUnacknowledged(database.db, notifier, late, { batchSize: 2, maxBatches: 10 })).escalated, 3);
    assert.equal((await escalateUnacknowledged(database.db, notifier, late, { batchSize: 2 })).escalated, 0);
  });

  it('from /my: the person sees the options in their language without signing in, and once signed in tells their organisation’s lead', async () => {
    const { person } = await makePerson(database.db, org, { name: 'Dalia Test' });
    const anyone = browser();
    const chosen = await anyone.get('/my/crisis?lang=ar');
    const open = chosen.status === 303 ? await anyone.get(chosen.location!) : chosen;
    assert.equal(open.status, 200);
    assert.ok(open.html.includes('dir="rtl"'));
    assert.ok(open.html.includes('tel:999'));
    assert.doesNotMatch(open.html, /action="\/my\/crisis"/);
    assert.equal((await anyone.post('/my/crisis', { note: 'x' })).location, '/my');

    const issued = await personAccessService(await accessFor(database.db, connector.id, clock.now)).issue(person);
    const b = browser();
    assert.equal((await b.post('/my', { code: groupCode(issued.code).toLowerCase(), pin: issued.pin })).status, 303);
    const home = await b.get('/my');
    assert.ok(home.html.includes('href="/my/crisis"'), '/my links to the crisis route');
    const page = await b.get('/my/crisis');
    assert.ok(page.html.includes('dir="rtl"') && page.html.includes('أخبر Oak Lane Surgery'));
    const before = notifier.sent.length;
    const sent = await b.post('/my/crisis', { note: 'I am scared to go home' });
    assert.equal(sent.location, '/my/crisis?sent=1');
    assert.ok((await b.get('/my/crisis?sent=1')).html.includes('لقد أخبرنا Oak Lane Surgery'));
    assert.deepEqual(
      notifier.sent.slice(before).map((m) => m.to),
      [lead.email],
    );
    const [concern] = await concernsOf(person);
    assert.equal(concern!.source, 'my');
    assert.equal(concern!.raised_by, null);
    assert.equal(concern!.note, 'I am scared to go home');
    const audit = (await auditFor(database.db, person)).find((e) => e.action === 'safeguarding.raise');
    assert.ok(audit && audit.actor_account_id === null);
  });

  it('with no lead named, tells every active connector of the organisation', async () => {
    const noLead = await makeOrganisation(database.db, { name: 'No Lead Yet', kind: 'referrer' });
    const a = await makeAccount(database.db, noLead, { role: 'connector', password: false });
    const b2 = await makeAccount(database.db, noLead, { role: 'connector', password: false });
    await makeAccount(database.db, noLead, { role: 'connector', password: false, disabled: true });
    const { person } = await makePerson(database.db, noLead);
    const before = notifier.sent.length;
    const r = await crisisService(await accessFor(database.db, a.id, clock.now), { notifier }).raise(person, {
      source: 'record',
      note: null,
    });
    assert.equal(r.leadName, null);
    assert.deepEqual(
      notifier.sent
        .slice(before)
        .map((m) => m.to)
        .sort(),
      [a.email, b2.email].sort(),
    );
  });
});
