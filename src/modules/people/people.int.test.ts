/**
 * People's records, consents and conversations through the policy-checked
 * services, on the engine under test: every read is audited under the
 * person, another organisation's connector is refused, withdrawing consent
 * stops its use, and the plan is only sent when contact consent allows.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { makeAccount, makeOrganisation } from '../accounts/accounts.test-support.ts';
import { AccessDenied, createAccess, type Access } from '../../platform/auth/access.ts';
import { loadActor } from '../../platform/auth/actor.ts';
import type { Message } from '../../platform/notify/notifier.ts';
import { openTestDatabase, testEngine, type TestDatabase } from '../../../test/support/test-db.ts';
import { ConsentNeeded, conversationService } from '../conversation/conversation.service.ts';
import { peopleService } from './people.service.ts';
import type { PersonInput } from './person-form.ts';

const base: PersonInput = {
  displayName: 'Amina',
  preferredLanguage: 'ar',
  otherLanguages: [],
  englishOk: false,
  interpreterNeeded: false,
  interpreterLanguage: null,
  contactMethod: 'email',
  phone: null,
  email: 'amina@person.example.org',
  safeToCall: null,
  safeToText: null,
  safeToLeaveMessage: null,
  area: 'BD8',
  outcode: 'BD8',
  gender: 'woman',
  ageBand: '25_49',
};

describe(`people, consent and conversations [${testEngine}]`, () => {
  let database: TestDatabase;
  let mine: Access;
  let other: Access;
  let admin: Access;
  let gp: string;
  const sent: Message[] = [];
  const notifier = { enqueue: async (_trx: unknown, m: Message | readonly Message[]) => void sent.push(...[m].flat()) };

  before(async () => {
    database = await openTestDatabase();
    const db = database.db;
    gp = await makeOrganisation(db, { name: 'Oak Lane Surgery', kind: 'referrer' });
    const charity = await makeOrganisation(db, { name: 'Refugee Welcome', kind: 'referrer' });
    const operator = await makeOrganisation(db, { name: 'Belong team', kind: 'referrer', operator: true });
    const access = async (org: string, role: 'connector' | 'administrator') =>
      createAccess(db, { actor: await loadActor(db, (await makeAccount(db, org, { role, password: false })).id), now: () => new Date() });
    mine = await access(gp, 'connector');
    other = await access(charity, 'connector');
    admin = await access(operator, 'administrator');
  });
  after(async () => {
    await database.dispose();
  });

  const store = (scope: string[]) => ({ kind: 'store' as const, scope: ['record', ...scope], givenBy: 'verbal' as const, expiresOn: null });

  it('makes a record with its consent, and audits every read under the person', async () => {
    const id = await peopleService(mine).create(base, store(['conversation', 'contact_details']), null);
    const p = await peopleService(mine).get(id);
    assert.equal(p.displayName, 'Amina');
    assert.deepEqual(
      p.consents.map((c) => [c.kind, c.scope]),
      [['store', ['record', 'conversation', 'contact_details']]],
    );
    await conversationService(mine).current(id);
    const history = await peopleService(mine).history(id);
    assert.deepEqual(history.map((h) => h.action).reverse(), ['person.create', 'person.view', 'conversation.view']);
    assert.equal((await peopleService(mine).history(id))[0]?.action, 'person.history', 'looking at the history is itself recorded');
  });

  it('refuses another organisation’s connector and administrators, and records the refusal', async () => {
    const id = await peopleService(mine).create(base, store([]), null);
    for (const a of [other, admin]) {
      await assert.rejects(() => peopleService(a).get(id), AccessDenied);
      await assert.rejects(() => conversationService(a).current(id), AccessDenied);
      await assert.rejects(() => peopleService(a).history(id), AccessDenied);
    }
    assert.equal(
      (await peopleService(other).list()).some((p) => p.id === id),
      false,
    );
    const denied = (await peopleService(mine).history(id)).filter((h) => h.outcome === 'denied');
    assert.equal(denied.length, 6);
  });

  it('saves each page, resumes, finishes, and keeps finished versions unchanged', async () => {
    const id = await peopleService(mine).create(base, store(['conversation']), null);
    const svc = conversationService(mine);
    const c1 = await svc.start(id, 'ar');
    assert.equal(await svc.start(id, 'ar'), c1, 'starting again resumes the draft');
    await svc.saveStep(id, c1, 'cost', { limit: 'free' });
    assert.deepEqual(await svc.complete(id, c1), { ok: false, step: 'practical' });
    for (const [step, value] of [
      ['practical', { needs: [] }],
      ['interests', { kinds: ['sport'], words: '' }],
      ['strengths', { words: 'nurse' }],
      ['wants', { wants: ['group'], faith: false, communities: '' }],
      ['help', { needs: [] }],
      ['times', { unavailable: [] }],
      ['travel', { distance: 'any' }],
      ['modes', { modes: ['in_person'] }],
      ['avoid', { serviceIds: [], settings: [], words: '' }],
      ['safety', { answer: 'no_need' }],
    ] as const)
      await svc.saveStep(id, c1, step, value as never);
    assert.deepEqual(await svc.complete(id, c1), { ok: true });
    await assert.rejects(() => svc.saveStep(id, c1, 'cost', { limit: 'any' }), /finished/);
    const c2 = await svc.start(id, 'ar');
    assert.notEqual(c2, c1);
    const now = await svc.current(id);
    assert.equal(now.conversation?.status, 'draft');
    assert.deepEqual(now.conversation?.answers.cost, { limit: 'free' }, 'a new version starts from the last answers');
  });

  it('will not start a conversation without consent, and erases answers when consent is withdrawn', async () => {
    const noConsent = await peopleService(mine).create(base, store([]), null);
    await assert.rejects(() => conversationService(mine).start(noConsent, 'ar'), ConsentNeeded);

    const id = await peopleService(mine).create(base, store(['conversation', 'contact_details']), null);
    const c = await conversationService(mine).start(id, 'ar');
    await conversationService(mine).saveStep(id, c, 'strengths', { words: 'I was a tailor' });
    const consentId = (await peopleService(mine).get(id)).consents[0]!.id;
    await peopleService(mine).withdrawConsent(id, consentId);
    const after = await conversationService(mine).current(id);
    assert.equal(after.conversation?.status, 'erased');
    assert.deepEqual(after.conversation?.answers, {});
    assert.equal(after.person.email, null, 'contact details are no longer kept');
    await assert.rejects(() => conversationService(mine).saveStep(id, c, 'strengths', { words: 'again' }), ConsentNeeded);
    const row = await database.db.selectFrom('conversation').select(['answers', 'erased_at']).where('id', '=', c).executeTakeFirstOrThrow();
    assert.deepEqual(row.answers, {});
    assert.ok(row.erased_at);
  });

  it('keeps an ethnic group only with consent, and forgets it when that consent is withdrawn', async () => {
    await assert.rejects(() => peopleService(mine).create({ ...base, ethnicity: 'other_arab' }, store([]), null), /agreed/);
    const id = await peopleService(mine).create({ ...base, ethnicity: 'other_arab' }, store(['ethnicity']), null);
    assert.equal((await peopleService(mine).get(id)).ethnicity, 'other_arab');
    const asked = await database.db.selectFrom('person').select('ethnicity_asked_at').where('id', '=', id).executeTakeFirstOrThrow();
    assert.ok(asked.ethnicity_asked_at, 'when it was asked is kept');
    const consentId = (await peopleService(mine).get(id)).consents[0]!.id;
    await peopleService(mine).withdrawConsent(id, consentId);
    assert.equal((await peopleService(mine).get(id)).ethnicity, null);
    assert.deepEqual(await peopleService(mine).update(id, { ...base, email: null, ethnicity: 'white_roma' }), {
      ok: false,
      field: 'ethnicity',
    });
  });

  it('sends the plan only when the person agreed to e-mail, through the notifier', async () => {
    const id = await peopleService(mine).create(base, store(['conversation', 'contact_details']), null);
    const svc = conversationService(mine, { notifier });
    const c = await svc.start(id, 'ar');
    await database.db.updateTable('conversation').set({ status: 'complete', completed_at: new Date() }).where('id', '=', c).execute();
    assert.deepEqual(await svc.sendPlan(id, c, { subject: 'Your plan', text: 'Plan' }), { ok: false, why: 'noContactConsent' });
    assert.equal(sent.length, 0);
    await peopleService(mine).recordConsent(id, { kind: 'contact', scope: ['email'], givenBy: 'verbal', expiresOn: null });
    assert.deepEqual(await svc.sendPlan(id, c, { subject: 'Your plan', text: 'Plan' }), { ok: true });
    // Marked personal for the holding organisation: administrators see that it was sent, never its text.
    assert.deepEqual(sent, [{ to: 'amina@person.example.org', subject: 'Your plan', text: 'Plan', personalFor: gp }]);
  });

  it('says plainly when nothing fits, and records the unmet need once', async () => {
    const id = await peopleService(mine).create(base, store(['conversation']), null);
    const svc = conversationService(mine);
    const c = await svc.start(id, 'ar');
    await svc.saveStep(id, c, 'modes', { modes: ['in_person'] });
    await database.db.updateTable('conversation').set({ status: 'complete', completed_at: new Date() }).where('id', '=', c).execute();
    const first = await svc.suggest(id);
    assert.equal(first.result.unmet, true, 'an empty directory has nothing to offer');
    await svc.suggest(id);
    const needs = await database.db.selectFrom('unmet_need').select(['outcode', 'needs']).execute();
    assert.equal(needs.length, 1);
    assert.equal(needs[0]!.outcode, 'BD8');
  });
});
