import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { AccessDenied, createAccess, type Access } from '../../platform/auth/access.ts';
import { loadActor } from '../../platform/auth/actor.ts';
import { newId } from '../../platform/ids.ts';
import { createLogger } from '../../platform/log.ts';
import { openTestDatabase, type TestDatabase } from '../../../test/support/test-db.ts';
import { makeAccount, makeOrganisation, TEST_PASSWORD, TestBrowser } from '../accounts/accounts.test-support.ts';
import { measureRegistry } from './measure-registry.ts';
import { measuresService } from './measures.service.ts';
import type { RawAdministration } from './measure-answers.ts';

const registry = measureRegistry();

describe('connection measures (service and pages)', () => {
  let database: TestDatabase;
  let gp: string;
  let charity: string;
  let connectorId: string;
  let connectorEmail: string;
  let otherConnectorId: string;
  let commissionerId: string;
  let personId: string;
  let now = new Date('2025-05-01T10:00:00Z');

  const accessFor = async (accountId: string): Promise<Access> =>
    createAccess(database.db, { actor: await loadActor(database.db, accountId), now: () => now });
  const raw = (over: Partial<RawAdministration>): RawAdministration => ({
    occasion: 'baseline',
    occasionDate: '2025-01-10',
    mode: 'self',
    language: 'en',
    explanation: 'yes',
    declined: false,
    answers: {},
    ...over,
  });
  const audit = (action: string, subject: string) =>
    database.db
      .selectFrom('audit_event')
      .select(['outcome', 'actor_account_id'])
      .where('action', '=', action)
      .where('subject_id', '=', subject)
      .execute();

  before(async () => {
    database = await openTestDatabase();
    const db = database.db;
    gp = await makeOrganisation(db, { name: 'Oak Lane Surgery', kind: 'referrer' });
    charity = await makeOrganisation(db, { name: 'Refugee Welcome', kind: 'referrer' });
    const council = await makeOrganisation(db, { name: 'Council', kind: 'referrer' });
    ({ id: connectorId, email: connectorEmail } = await makeAccount(db, gp, { role: 'connector', name: 'Nadia Connector' }));
    otherConnectorId = (await makeAccount(db, charity, { role: 'connector', password: false })).id;
    commissionerId = (await makeAccount(db, council, { role: 'commissioner', password: false })).id;
    personId = newId();
    await db.insertInto('person').values({ id: personId, organisation_id: gp, display_name: 'Amal', preferred_language: 'ar' }).execute();
    await db
      .insertInto('person_consent')
      .values({
        id: newId(),
        person_id: personId,
        kind: 'store',
        scope: ['record', 'measures'],
        given_by: 'verbal',
        granted_at: new Date(),
      })
      .execute();
  });
  after(async () => {
    await database.dispose();
  });

  it('records a baseline and a follow-up, scores them on the server, and shows the change', async () => {
    const svc = measuresService(await accessFor(connectorId), registry);
    const first = await svc.record(
      personId,
      'cel3',
      raw({ language: 'ar', mode: 'interpreter_read', answers: { content: 'disagree', help: 'strongly_disagree', satisfying: 'neutral' } }),
    );
    assert.ok(first.ok);
    const second = await svc.record(
      personId,
      'cel3',
      raw({ occasion: 'follow_up', occasionDate: '2025-04-10', answers: { content: 'agree', help: 'neutral', satisfying: 'agree' } }),
    );
    assert.ok(second.ok);
    const row = await database.db
      .selectFrom('measure_administration')
      .selectAll()
      .where('id', '=', first.value.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.language, 'ar');
    assert.equal(row.translation_status, 'unvalidated');
    assert.equal(row.mode, 'interpreter_read');
    assert.equal(row.explanation_shown, true);
    assert.equal(row.recorded_by, connectorId);
    assert.deepEqual(row.answers, { content: 'disagree', help: 'strongly_disagree', satisfying: 'neutral' });
    assert.equal(row.scores.find((s) => s.id === 'cel_total')?.value, 9);
    const { records } = await svc.history(personId);
    assert.deepEqual(
      records.map((r) => [r.occasion, r.occasionDate]),
      [
        ['baseline', '2025-01-10'],
        ['follow_up', '2025-04-10'],
      ],
    );
  });

  it('records a declined measure with no answers and no scores', async () => {
    const svc = measuresService(await accessFor(connectorId), registry);
    const r = await svc.record(personId, 'ons_loneliness', raw({ declined: true, explanation: 'no', answers: { direct: 'often_always' } }));
    assert.ok(r.ok && r.value.declined);
    const row = await database.db.selectFrom('measure_administration').selectAll().where('id', '=', r.value.id).executeTakeFirstOrThrow();
    assert.equal(row.declined, true);
    assert.deepEqual(row.answers, {});
    assert.deepEqual(row.scores, []);
  });

  it('keeps answers only while the person’s consent to keep measures is in force', async () => {
    const svc = measuresService(await accessFor(connectorId), registry);
    const noConsent = newId();
    await database.db
      .insertInto('person')
      .values({ id: noConsent, organisation_id: gp, display_name: 'Samir', preferred_language: 'en' })
      .execute();
    const kept = () => database.db.selectFrom('measure_administration').select('declined').where('person_id', '=', noConsent).execute();
    const r = await svc.record(noConsent, 'groups', raw({ answers: { groups: '2' } }));
    assert.deepEqual(r, { ok: false, problems: [], noConsent: true });
    assert.deepEqual(await kept(), [], 'nothing stored without consent');
    assert.equal((await svc.history(noConsent)).person.measuresConsent, false);
    const declined = await svc.record(noConsent, 'groups', raw({ declined: true, explanation: 'no' }));
    assert.ok(declined.ok, 'an offer they declined keeps no answers, so it is recorded');
    const consent = newId();
    await database.db
      .insertInto('person_consent')
      .values({ id: consent, person_id: noConsent, kind: 'store', scope: ['record', 'measures'], given_by: 'verbal', granted_at: now })
      .execute();
    assert.ok((await svc.record(noConsent, 'groups', raw({ answers: { groups: '2' } }))).ok);
    await database.db.updateTable('person_consent').set({ withdrawn_at: now }).where('id', '=', consent).execute();
    assert.equal((await svc.record(noConsent, 'groups', raw({ answers: { groups: '3' } }))).ok, false, 'withdrawn: no longer kept');
    assert.deepEqual((await kept()).map((k) => k.declined).sort(), [false, true]);
  });

  it('refuses answers that are not the measure’s own codes, saving nothing', async () => {
    const svc = measuresService(await accessFor(connectorId), registry);
    const before = await database.db
      .selectFrom('measure_administration')
      .select((e) => e.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const r = await svc.record(personId, 'ons4', raw({ answers: { satisfied: '12', worthwhile: '5', happy: '', anxious: 'lots' } }));
    assert.ok(!r.ok);
    assert.deepEqual(
      r.problems.map((p) => p.field),
      ['satisfied', 'happy', 'anxious'],
    );
    const afterCount = await database.db
      .selectFrom('measure_administration')
      .select((e) => e.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(afterCount.n), Number(before.n));
  });

  it('audits every look at a person’s measures', async () => {
    const svc = measuresService(await accessFor(connectorId), registry);
    const before = (await audit('measure.view', personId)).length;
    await svc.history(personId);
    const entries = await audit('measure.view', personId);
    assert.equal(entries.length, before + 1);
    assert.deepEqual(entries.at(-1), { outcome: 'allowed', actor_account_id: connectorId });
  });

  it('refuses a connector of another organisation, a commissioner and an administrator-less view, and records the refusal', async () => {
    for (const who of [otherConnectorId, commissionerId]) {
      const svc = measuresService(await accessFor(who), registry);
      await assert.rejects(svc.history(personId), AccessDenied);
      await assert.rejects(svc.record(personId, 'groups', raw({ answers: { groups: '2' } })), AccessDenied);
      await assert.rejects(svc.record(personId, 'groups', raw({ answers: {} })), AccessDenied, 'no form checks before the policy');
      const denied = (await audit('measure.view', personId)).filter((e) => e.outcome === 'denied' && e.actor_account_id === who);
      assert.equal(denied.length, 1);
    }
  });

  it('gives commissioners figures with small numbers hidden, and never names or answers', async () => {
    const summary = await measuresService(await accessFor(commissionerId), registry).summary();
    const cel = summary.find((m) => m.measureId === 'cel3')!;
    assert.deepEqual(cel.pairs, { shown: false });
    assert.deepEqual(cel.lines[0]!.meanChange, { shown: false });
    assert.ok(!JSON.stringify(summary).includes(personId));
    await assert.rejects(measuresService(await accessFor(connectorId), registry).summary(), AccessDenied);
  });

  it('walks the pages without JavaScript: setup, 400 with an error summary, save, change over time', async () => {
    now = new Date();
    const app = createApp({ config: loadConfig({ NODE_ENV: 'test' }), database, log: createLogger('silent') });
    const b = new TestBrowser(app);
    await b.signIn(connectorEmail, TEST_PASSWORD);
    const setup = await b.get(`/staff/people/${personId}/measures/ons4/new`);
    assert.equal(setup.status, 200);
    assert.match(setup.html, /value="ar" checked/, 'the person’s preferred language is chosen');
    const badSetup = await b.get(
      `/staff/people/${personId}/measures/ons4/questions?occasion=&occasionDate=2025-13-01&mode=self&language=ar`,
    );
    assert.equal(badSetup.status, 400);
    assert.match(badSetup.html, /class="err-summary"/);
    const q = await b.get(
      `/staff/people/${personId}/measures/ons4/questions?occasion=baseline&occasionDate=2025-02-01&mode=interpreter_read&language=ar`,
    );
    assert.equal(q.status, 200);
    assert.match(q.html, /<section class="person-words" lang="ar" dir="rtl"/);
    assert.match(q.html, /<legend>بشكل عام، ما مدى رضاك عن حياتك هذه الأيام؟<\/legend>/);
    const personWords = [...q.html.matchAll(/<section class="person-words"[\s\S]*?<\/section>/g)].map((m) => m[0]).join(' ');
    assert.doesNotMatch(personWords, /lonely|score|total|band/i, 'the person’s part of the page shows no score or label');
    const path = `/staff/people/${personId}/measures/ons4`;
    const fields = { occasion: 'baseline', occasionDate: '2025-02-01', mode: 'interpreter_read', language: 'ar' };
    const bad = await b.post(path, { ...fields, explanation: 'yes', 'item-satisfied': '3' });
    assert.equal(bad.status, 400);
    assert.match(bad.html, /Question 2: choose an answer/);
    assert.match(bad.html, /اختر إجابة/);
    assert.match(bad.html, /value="3" checked/, 'answers already given are kept');
    const ok = await b.post(path, {
      ...fields,
      explanation: 'yes',
      'item-satisfied': '3',
      'item-worthwhile': '4',
      'item-happy': 'prefer_not',
      'item-anxious': '8',
    });
    assert.equal(ok.status, 303);
    const follow = await b.post(path, {
      ...fields,
      occasion: 'follow_up',
      occasionDate: '2025-04-01',
      language: 'en',
      explanation: 'no',
      'item-satisfied': '6',
      'item-worthwhile': '4',
      'item-happy': '7',
      'item-anxious': '5',
    });
    assert.equal(follow.status, 303);
    const page = await b.get(`/staff/people/${personId}/measures`);
    assert.equal(page.status, 200);
    assert.match(page.html, /Life satisfaction \(0 to 10\)<\/th><td>3 · low<\/td><td>6 · medium<\/td><td>↑ higher by 3<\/td>/);
    assert.match(page.html, /Anxious yesterday[^<]*<\/th><td>8 · high<\/td><td>5 · medium<\/td><td>↓ lower by 3<\/td>/);
    assert.match(page.html, /Things done are worthwhile[^<]*<\/th><td>4 · low<\/td><td>4 · low<\/td><td>→ no change<\/td>/);
    assert.doesNotMatch(page.html, /\blonely\b/i);
    const decline = await b.post(`/staff/people/${personId}/measures/belonging`, { ...fields, explanation: 'yes', decline: 'yes' });
    assert.equal(decline.status, 303);
    assert.match(decline.location ?? '', /done=declined/);
  });

  it('stops start-up with a clear message when a content pack is bad', () => {
    const dir = fileURLToPath(new URL('./test-fixtures/', import.meta.url));
    assert.doesNotThrow(() =>
      createApp({ config: loadConfig({ NODE_ENV: 'test', BELONG_MEASURE_PACKS_DIR: dir }), database, log: createLogger('silent') }),
    );
    assert.throws(
      () =>
        createApp({
          config: loadConfig({ NODE_ENV: 'test', BELONG_MEASURE_PACKS_DIR: `${dir}missing` }),
          database,
          log: createLogger('silent'),
        }),
      /BELONG_MEASURE_PACKS_DIR: cannot read/,
    );
  });
});
