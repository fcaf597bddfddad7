import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AccessDenied } from '../../platform/auth/access.ts';
import { newId } from '../../platform/ids.ts';
import { openTestDatabase, testEngine, type TestDatabase } from '../../../test/support/test-db.ts';
import { makeAccount, makeOrganisation, TestClock } from '../accounts/accounts.test-support.ts';
import { conversationService } from '../conversation/conversation.service.ts';
import { peopleService } from '../people/people.service.ts';
import { makePerson as makePersonWithConversation } from '../people/people.access-rows.ts';
import { referralsService } from '../referrals/referrals.service.ts';
import { accessFor, buildReferralWorld, RecordingNotifier, type ReferralWorld } from '../referrals/referrals.test-support.ts';
import { openPackage } from './handover-package.ts';
import { handoverService, type StartInput } from './handover.service.ts';

const PASS = 'tea towel lantern 9';
const referralInput = {
  need: 'To meet other women',
  summary: 'Tuesdays are best.',
  interpreterNeeded: true,
  interpreterLanguage: 'Arabic',
  accompanyWanted: false,
  transportNeeded: false,
  childcareNeeded: false,
};

describe(`moving area: hand-over within a deployment and between deployments [${testEngine}]`, () => {
  let database: TestDatabase;
  let w: ReferralWorld;
  let thirdOrg: string;
  let thirdConnector: string;
  const clock = new TestClock(new Date('2026-03-02T09:00:00Z'));
  const notifier = new RecordingNotifier();
  const as = async (account: string) => accessFor(w.db, account, clock.now);
  const handover = async (account: string) => handoverService(await as(account), { notifier });
  const everything: StartInput['scope'] = ['record', 'conversation', 'plan', 'measures', 'referrals'];

  /** A person the connector's organisation holds, with a finished conversation and plan, a measure, and a referral sent to provider A plus a draft. */
  async function fullRecord(name: string) {
    const { person, conversation } = await makePersonWithConversation(w.db, w.connectorOrg, { name, finished: true });
    await w.db
      .updateTable('conversation')
      .set({ chosen: JSON.stringify([{ serviceId: w.services.tea, name: 'Tuesday tea and chat' }]), next_steps: 'Ring on Monday' })
      .where('id', '=', conversation!)
      .execute();
    await w.db
      .insertInto('measure_administration')
      .values({
        id: newId(),
        person_id: person,
        measure_id: 'belonging',
        measure_version: '1',
        occasion: 'baseline',
        occasion_date: '2026-02-01',
        language: 'ar',
        translation_status: 'unvalidated',
        mode: 'self',
        explanation_shown: true,
        answers: JSON.stringify({ belonging: 'fairly_strongly' }),
        scores: JSON.stringify([{ id: 'belonging', value: 3 }]),
      })
      .execute();
    const refs = referralsService(await as(w.accounts.connector), { notifier });
    const referral = await refs.create(person, referralInput);
    const sent = await refs.chooseService(referral, w.services.tea);
    assert.ok(sent.ok);
    assert.ok((await refs.send(referral, sent.attemptId, { fields: ['name', 'need'], givenBy: 'verbal', expectedVersion: 0 })).ok);
    const draft = await refs.chooseService(referral, w.services.walk);
    assert.ok(draft.ok);
    return { person, conversation: conversation!, referral, sentAttempt: sent.attemptId, draftAttempt: draft.attemptId };
  }

  const start = (person: string, scope = everything, newArea: string | null = 'LS6') => ({
    toOrganisationId: w.otherConnectorOrg,
    scope,
    givenBy: 'verbal' as const,
    newArea,
    note: 'Prefers afternoons',
  });
  const audit = (person: string) =>
    w.db
      .selectFrom('audit_event')
      .select(['action', 'outcome', 'actor_account_id'])
      .where('subject_id', '=', person)
      .orderBy('at')
      .execute();

  before(async () => {
    database = await openTestDatabase();
    w = await buildReferralWorld(database.db, 'ho');
    thirdOrg = await makeOrganisation(w.db, { name: 'Third referrer', kind: 'referrer' });
    thirdConnector = (await makeAccount(w.db, thirdOrg, { role: 'connector', password: false })).id;
  });
  after(async () => {
    await database.dispose();
  });

  it('accepting moves the record, closes local referrals as moved area and keeps the history readable by the new connector', async () => {
    const r = await fullRecord('Amina');
    notifier.sent = [];
    const started = await (await handover(w.accounts.connector)).start(r.person, start(r.person));
    assert.ok(started.ok);
    assert.ok(notifier.to(w.emails.otherConnector).length === 1, 'the receiving connectors are told');
    const consent = await w.db
      .selectFrom('person_consent')
      .selectAll()
      .where('purpose', '=', `handover:${started.handoverId}`)
      .executeTakeFirstOrThrow();
    assert.equal(consent.kind, 'share');
    assert.equal(consent.recipient_organisation_id, w.otherConnectorOrg);
    assert.deepEqual(consent.scope, everything);

    const incoming = await (await handover(w.accounts.otherConnector)).incoming();
    assert.deepEqual(
      incoming.map((h) => [h.personName, h.status]),
      [['Amina', 'offered']],
    );
    assert.deepEqual(await (await handover(w.accounts.connector)).incoming(), [], 'the offering organisation does not see it as incoming');

    notifier.sent = [];
    const accepted = await (await handover(w.accounts.otherConnector)).accept(started.handoverId);
    assert.deepEqual(accepted, { ok: true, personId: r.person, closedAttempts: 2 });

    const attempts = await w.db
      .selectFrom('referral_attempt')
      .select(['id', 'state', 'next_due'])
      .where('referral_id', '=', r.referral)
      .orderBy('seq')
      .execute();
    assert.deepEqual(
      attempts.map((a) => [a.state, a.next_due]),
      [
        ['moved_area', null],
        ['moved_area', null],
      ],
    );
    const events = await w.db
      .selectFrom('referral_event')
      .selectAll()
      .where('attempt_id', '=', r.sentAttempt)
      .where('event_type', '=', 'move_area')
      .execute();
    assert.equal(events.length, 1);
    assert.equal(events[0]!.side, 'referrer');
    assert.equal(events[0]!.actor_account_id, w.accounts.connector);
    assert.deepEqual([events[0]!.from_state, events[0]!.to_state], ['sent', 'moved_area']);
    assert.equal(notifier.to(w.emails.providerA).length, 1, 'the provider of the sent attempt is told');
    assert.equal(notifier.to(w.emails.providerB).length, 0, 'nothing was ever sent to provider B');

    const person = await w.db.selectFrom('person').selectAll().where('id', '=', r.person).executeTakeFirstOrThrow();
    assert.equal(person.organisation_id, w.otherConnectorOrg);
    assert.equal(person.area, 'LS6');
    assert.equal(person.outcode, 'LS6');

    // The old organisation has lost access; the new one reads everything without re-asking.
    await assert.rejects(async () => peopleService(await as(w.accounts.connector)).get(r.person), AccessDenied);
    await assert.rejects(async () => referralsService(await as(w.accounts.connector), { notifier }).get(r.referral), AccessDenied);
    const now = await conversationService(await as(w.accounts.otherConnector)).current(r.person);
    assert.equal(now.conversation?.status, 'complete');
    assert.equal(now.conversation?.staffNotes, 'Ring on Monday');
    const detail = await referralsService(await as(w.accounts.otherConnector), { notifier }).get(r.referral);
    assert.deepEqual(
      detail.attempts.map((a) => a.state),
      ['moved_area', 'moved_area'],
    );
    const view = await (await handover(w.accounts.otherConnector)).get(started.handoverId);
    assert.equal(view.status, 'accepted');
    assert.deepEqual(
      view.referrals.map((x) => x.attempts.map((a) => a.state)),
      [['moved_area', 'moved_area']],
    );
    assert.equal((await w.db.selectFrom('measure_administration').select('id').where('person_id', '=', r.person).execute()).length, 1);

    const trail = await audit(r.person);
    assert.ok(trail.some((e) => e.action === 'handover.start' && e.outcome === 'allowed' && e.actor_account_id === w.accounts.connector));
    assert.ok(
      trail.some((e) => e.action === 'handover.accept' && e.outcome === 'allowed' && e.actor_account_id === w.accounts.otherConnector),
    );
    assert.ok(trail.some((e) => e.action === 'person.view' && e.outcome === 'denied' && e.actor_account_id === w.accounts.connector));

    assert.deepEqual(await (await handover(w.accounts.otherConnector)).accept(started.handoverId), { ok: false, error: 'already_decided' });
  });

  it('declining leaves everything as it was (and withdraws the consent to pass on)', async () => {
    const r = await fullRecord('Bilal');
    const started = await (await handover(w.accounts.connector)).start(r.person, start(r.person));
    assert.ok(started.ok);
    assert.deepEqual(await (await handover(w.accounts.connector)).start(r.person, start(r.person)), {
      ok: false,
      error: 'already_offered',
    });
    const before = await w.db
      .selectFrom('referral_attempt')
      .select(['state', 'version'])
      .where('referral_id', '=', r.referral)
      .orderBy('seq')
      .execute();
    const declined = await (await handover(w.accounts.otherConnector)).decline(started.handoverId, 'No capacity');
    assert.deepEqual(declined, { ok: true, personId: r.person, closedAttempts: 0 });
    assert.deepEqual(
      await w.db.selectFrom('referral_attempt').select(['state', 'version']).where('referral_id', '=', r.referral).orderBy('seq').execute(),
      before,
    );
    assert.equal(
      (await w.db.selectFrom('person').select('organisation_id').where('id', '=', r.person).executeTakeFirstOrThrow()).organisation_id,
      w.connectorOrg,
    );
    assert.equal((await peopleService(await as(w.accounts.connector)).get(r.person)).displayName, 'Bilal');
    const consent = await w.db
      .selectFrom('person_consent')
      .select('withdrawn_at')
      .where('purpose', '=', `handover:${started.handoverId}`)
      .executeTakeFirstOrThrow();
    assert.ok(consent.withdrawn_at);
    assert.deepEqual(await (await handover(w.accounts.otherConnector)).accept(started.handoverId), { ok: false, error: 'already_decided' });
    assert.ok((await audit(r.person)).some((e) => e.action === 'handover.decline' && e.outcome === 'allowed'));
    // A new offer can be made after a decline.
    assert.ok((await (await handover(w.accounts.connector)).start(r.person, start(r.person))).ok);
  });

  it('accepts once when two connectors accept at the same time', async () => {
    const r = await fullRecord('Hana');
    const started = await (await handover(w.accounts.connector)).start(r.person, start(r.person));
    assert.ok(started.ok);
    const second = (await makeAccount(w.db, w.otherConnectorOrg, { role: 'connector', password: false })).id;
    const results = await Promise.all([
      (await handover(w.accounts.otherConnector)).accept(started.handoverId),
      (await handover(second)).accept(started.handoverId),
    ]);
    assert.deepEqual(results.map((x) => x.ok).sort(), [false, true]);
    assert.deepEqual(
      results.find((x) => !x.ok),
      { ok: false, error: 'already_decided' },
    );
    const moves = await w.db
      .selectFrom('referral_event')
      .select('id')
      .where('referral_id', '=', r.referral)
      .where('event_type', '=', 'move_area')
      .execute();
    assert.equal(moves.length, 2, 'each open attempt closed exactly once');
  });

  it('cannot be accepted once the person has withdrawn their consent to pass it on', async () => {
    const r = await fullRecord('Ines');
    const started = await (await handover(w.accounts.connector)).start(r.person, start(r.person));
    assert.ok(started.ok);
    const consent = await w.db
      .selectFrom('person_consent')
      .select('id')
      .where('purpose', '=', `handover:${started.handoverId}`)
      .executeTakeFirstOrThrow();
    await peopleService(await as(w.accounts.connector)).withdrawConsent(r.person, consent.id);
    assert.deepEqual(await (await handover(w.accounts.otherConnector)).accept(started.handoverId), {
      ok: false,
      error: 'consent_withdrawn',
    });
    assert.equal(
      (await w.db.selectFrom('person').select('organisation_id').where('id', '=', r.person).executeTakeFirstOrThrow()).organisation_id,
      w.connectorOrg,
    );
    assert.equal(
      (await w.db.selectFrom('referral_attempt').select('state').where('id', '=', r.sentAttempt).executeTakeFirstOrThrow()).state,
      'sent',
    );
  });

  it('keeps only what the person agreed to pass on', async () => {
    const r = await fullRecord('Chen');
    const started = await (await handover(w.accounts.connector)).start(r.person, start(r.person, ['record', 'referrals'], null));
    assert.ok(started.ok);
    assert.ok((await (await handover(w.accounts.otherConnector)).accept(started.handoverId)).ok);
    const conv = await w.db.selectFrom('conversation').selectAll().where('id', '=', r.conversation).executeTakeFirstOrThrow();
    assert.equal(conv.status, 'erased');
    assert.deepEqual(conv.answers, {});
    assert.equal((await w.db.selectFrom('measure_administration').select('id').where('person_id', '=', r.person).execute()).length, 0);
    const p = await w.db.selectFrom('person').select(['area', 'organisation_id']).where('id', '=', r.person).executeTakeFirstOrThrow();
    assert.equal(p.area, null, 'no new area given: the area is left for the new connector to check');
  });

  it('referrals not passed on stay with the old organisation, closed', async () => {
    const r = await fullRecord('Dara');
    const started = await (await handover(w.accounts.connector)).start(r.person, start(r.person, ['record', 'conversation', 'plan'], null));
    assert.ok(started.ok);
    assert.ok((await (await handover(w.accounts.otherConnector)).accept(started.handoverId)).ok);
    const ref = await w.db
      .selectFrom('referral')
      .select(['organisation_id', 'closed_at'])
      .where('id', '=', r.referral)
      .executeTakeFirstOrThrow();
    assert.equal(ref.organisation_id, w.connectorOrg);
    assert.ok(ref.closed_at);
    await assert.rejects(async () => referralsService(await as(w.accounts.otherConnector), { notifier }).get(r.referral), AccessDenied);
    assert.deepEqual((await (await handover(w.accounts.otherConnector)).get(started.handoverId)).referrals, []);
  });

  it('refuses a connector of a third organisation, and an organisation that cannot take hand-overs', async () => {
    const r = await fullRecord('Esra');
    const started = await (await handover(w.accounts.connector)).start(r.person, start(r.person));
    assert.ok(started.ok);
    await assert.rejects(async () => (await handover(thirdConnector)).accept(started.handoverId), AccessDenied);
    await assert.rejects(async () => (await handover(thirdConnector)).start(r.person, start(r.person)), AccessDenied);
    assert.equal(
      (await w.db.selectFrom('handover').select('status').where('id', '=', started.handoverId).executeTakeFirstOrThrow()).status,
      'offered',
    );
    const r2 = await fullRecord('Farid');
    assert.deepEqual(
      await (await handover(w.accounts.connector)).start(r2.person, { ...start(r2.person), toOrganisationId: w.providerA }),
      { ok: false, error: 'no_such_organisation' },
    );
    assert.deepEqual(await (await handover(w.accounts.connector)).start(r2.person, { ...start(r2.person), newArea: 'ZZ99' }), {
      ok: false,
      error: 'area_unknown',
    });
  });

  it('exports only what was agreed, sealed, and imports it elsewhere as a new record with history only', async () => {
    const r = await fullRecord('Gul');
    const file = await (
      await handover(w.accounts.connector)
    ).exportPackage(r.person, ['record', 'conversation', 'plan', 'referrals'], 'written', PASS);
    // Sealed: no plain text outside the ciphertext, and none inside it. (Not `file.text.includes('Gul')`:
    // random base64 contains any three given letters now and then.)
    const sealed = JSON.parse(file.text) as { data: string };
    assert.ok(!JSON.stringify({ ...sealed, data: null }).includes('Gul'));
    assert.ok(!Buffer.from(sealed.data, 'base64').includes('Ring on Monday'));
    const opened = await openPackage(file.text, PASS);
    assert.ok(opened.ok);
    assert.equal(opened.contents.person.displayName, 'Gul');
    assert.deepEqual(opened.contents.measures, [], 'measures were not agreed, so they are not in the package');
    assert.equal(opened.contents.plan?.nextSteps, 'Ring on Monday');
    assert.deepEqual(
      opened.contents.referrals[0]!.attempts.map((a) => [a.serviceName, a.state, a.orukServiceId]),
      [
        ['Tuesday tea and chat', 'sent', w.services.tea],
        ['Women’s walking group', 'draft', w.services.walk],
      ],
    );
    assert.ok((await audit(r.person)).some((e) => e.action === 'handover.export' && e.outcome === 'allowed'));

    const importer = await handover(thirdConnector);
    const people = async () => (await w.db.selectFrom('person').select('id').where('organisation_id', '=', thirdOrg).execute()).length;
    const count = await people();
    assert.deepEqual(await importer.importPackage(file.text, 'not the passphrase', 'verbal'), { ok: false, error: 'wrong_passphrase' });
    const env = JSON.parse(file.text);
    const data = Buffer.from(env.data, 'base64');
    data[0] = data[0]! ^ 0xff;
    assert.deepEqual(await importer.importPackage(JSON.stringify({ ...env, data: data.toString('base64') }), PASS, 'verbal'), {
      ok: false,
      error: 'tampered',
    });
    assert.deepEqual(await importer.importPackage(JSON.stringify({ ...env, version: 7 }), PASS, 'verbal'), {
      ok: false,
      error: 'unsupported_version',
      detail: '7',
    });
    assert.equal(await people(), count, 'nothing was saved');
    const refused = await w.db
      .selectFrom('audit_event')
      .select('details')
      .where('action', '=', 'handover.import_refused')
      .where('actor_account_id', '=', thirdConnector)
      .execute();
    assert.equal(refused.length, 3);

    const imported = await importer.importPackage(file.text, PASS, 'verbal');
    assert.ok(imported.ok);
    const p = await w.db.selectFrom('person').selectAll().where('id', '=', imported.personId).executeTakeFirstOrThrow();
    assert.equal(p.organisation_id, thirdOrg);
    assert.equal(p.display_name, 'Gul');
    const conv = await conversationService(await as(thirdConnector)).current(imported.personId);
    assert.equal(conv.conversation?.status, 'complete');
    assert.equal(conv.conversation?.staffNotes, 'Ring on Monday');
    assert.equal(
      (await w.db.selectFrom('referral').select('id').where('person_id', '=', imported.personId).execute()).length,
      0,
      'referrals come as history only',
    );
    const overview = await importer.overview(imported.personId);
    assert.equal(overview.imported.length, 1);
    assert.equal(overview.imported[0]!.referrals[0]!.need, 'To meet other women');
    assert.ok((await audit(imported.personId)).some((e) => e.action === 'handover.import' && e.outcome === 'allowed'));
    assert.deepEqual(await importer.importPackage(file.text, PASS, 'verbal'), { ok: false, error: 'already_imported' });
    assert.equal(await people(), count + 1);
  });
});
