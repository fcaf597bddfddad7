import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type * as R4 from 'fhir/r4.d.ts';
import { createApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { AccessDenied } from '../../platform/auth/access.ts';
import { createLogger } from '../../platform/log.ts';
import { openTestDatabase, testEngine, type TestDatabase } from '../../../test/support/test-db.ts';
import { makeAccount, TEST_PASSWORD, TestBrowser, TestClock } from '../accounts/accounts.test-support.ts';
import { referralInboxService } from '../referrals/referral-inbox.service.ts';
import { referralsService } from '../referrals/referrals.service.ts';
import { accessFor, buildReferralWorld, makePerson, RecordingNotifier, type ReferralWorld } from '../referrals/referrals.test-support.ts';
import { fhirExportService } from './fhir-export.service.ts';

const input = {
  need: 'To meet people',
  summary: null,
  interpreterNeeded: true,
  interpreterLanguage: 'Arabic (Sudanese)',
  accompanyWanted: false,
  transportNeeded: false,
  childcareNeeded: false,
};

describe(`FHIR export of a stored referral [${testEngine}]`, () => {
  let database: TestDatabase;
  let w: ReferralWorld;
  let app: ReturnType<typeof createApp>;
  const clock = new TestClock(new Date('2026-03-02T09:00:00Z'));
  const notifier = new RecordingNotifier();
  const connector = async () => referralsService(await accessFor(w.db, w.accounts.connector, clock.now), { notifier });

  /** A referral sent to the tea group (declined as full) and re-routed to the walk, sharing `fields`. */
  async function referral(fields: string[]) {
    const person = await makePerson(w.db, w.connectorOrg, { name: 'Amina Y.' });
    const svc = await connector();
    const id = await svc.create(person, input);
    const a = await svc.chooseService(id, w.services.tea);
    assert.ok(a.ok);
    assert.equal((await svc.send(id, a.attemptId, { fields, givenBy: 'verbal', expectedVersion: 0 })).ok, true);
    const provider = referralInboxService(await accessFor(w.db, w.accounts.providerA, clock.now), { notifier });
    assert.equal((await provider.respond(a.attemptId, 'decline', { reason: 'full' }, 1)).ok, true);
    const b = await svc.reroute(id, a.attemptId, w.services.walk, 2);
    assert.ok(b.ok);
    return { id, person, first: a.attemptId, second: b.attemptId };
  }

  before(async () => {
    database = await openTestDatabase();
    w = await buildReferralWorld(database.db, 'fx');
    app = createApp({
      config: loadConfig({ LOG_LEVEL: 'silent', DEMO_DATA: 'off', PUBLIC_URL: 'https://belong.example.org' }),
      database,
      log: createLogger('silent'),
      now: clock.now,
      notifier,
    });
  });
  after(() => database.dispose());

  it('maps the referral and its attempts, with the name only when it was shared', async () => {
    const named = await referral(['name', 'need', 'language']);
    const svc = fhirExportService(await accessFor(w.db, w.accounts.connector, clock.now));
    const bundle = await svc.referralBundle(named.id, 'https://b.example/fhir');
    const byType = (t: string) => bundle.entry!.map((e) => e.resource!).filter((r) => r.resourceType === t);
    const patient = byType('Patient')[0] as R4.Patient;
    assert.equal(patient.name?.[0]?.text, 'Amina Y.');
    const tasks = byType('Task') as R4.Task[];
    assert.deepEqual(
      tasks.map((t) => t.id),
      [named.first, named.second],
    );
    assert.equal(tasks[0]!.status, 'rejected');
    assert.equal(bundle.entry![0]!.fullUrl, `https://b.example/fhir/ServiceRequest/${named.id}`);

    const unnamed = await referral(['need']);
    const plain = await svc.referralBundle(unnamed.id, 'https://b.example/fhir');
    const p2 = plain.entry!.map((e) => e.resource!).find((r) => r.resourceType === 'Patient') as R4.Patient;
    assert.equal(p2.name, undefined);
    assert.equal(JSON.stringify(plain).includes('Amina'), false);
    assert.equal(JSON.stringify(plain).includes('Sudanese'), false);

    await assert.rejects(
      async () => fhirExportService(await accessFor(w.db, w.accounts.otherConnector, clock.now)).referralBundle(named.id, 'x'),
      AccessDenied,
    );
    await assert.rejects(
      async () => fhirExportService(await accessFor(w.db, w.accounts.providerA, clock.now)).referralBundle(named.id, 'x'),
      AccessDenied,
    );
    const audit = await w.db
      .selectFrom('audit_event')
      .select(['outcome', 'actor_account_id'])
      .where('subject_id', '=', named.id)
      .where('action', 'in', ['referral.fhir_export', 'referral.view'])
      .execute();
    assert.ok(audit.some((a) => a.outcome === 'allowed' && a.actor_account_id === w.accounts.connector));
    assert.ok(audit.some((a) => a.outcome === 'denied' && a.actor_account_id === w.accounts.otherConnector));
  });

  it('serves GET /staff/referrals/:id/fhir as application/fhir+json to the referrer’s connectors only', async () => {
    const r = await referral(['name']);
    const mine = await makeAccount(w.db, w.connectorOrg, { role: 'connector' });
    const theirs = await makeAccount(w.db, w.otherConnectorOrg, { role: 'connector' });
    const b = new TestBrowser(app);
    await b.signIn(mine.email, TEST_PASSWORD);
    const res = await app.request(`/staff/referrals/${r.id}/fhir`, {
      headers: { cookie: [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; '), accept: 'application/fhir+json' },
    });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^application\/fhir\+json/);
    const bundle = (await res.json()) as R4.Bundle;
    assert.equal(bundle.resourceType, 'Bundle');
    assert.equal(bundle.type, 'collection');
    assert.ok(bundle.entry!.every((e) => e.fullUrl!.startsWith('https://belong.example.org/fhir/')));

    const other = new TestBrowser(app);
    await other.signIn(theirs.email, TEST_PASSWORD);
    const refused = await other.get(`/staff/referrals/${r.id}/fhir`);
    assert.equal(refused.status, 403);
    assert.equal(refused.html.includes('Amina'), false);
    assert.equal((await new TestBrowser(app).get(`/staff/referrals/${r.id}/fhir`)).location?.startsWith('/staff/sign-in'), true);
    assert.equal((await b.get('/staff/referrals/not-a-uuid/fhir')).status, 404);
  });
});
