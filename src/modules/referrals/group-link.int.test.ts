/**
 * Referrals to groups with no account (ADR 8): the link sent to the group's
 * listed contact, the page behind it (only what the person agreed to share),
 * every step through the one life cycle and in the audit log as "group by
 * link", the links refused (expired, reused, replaced, stopped, tampered,
 * another referral's, closed), the connector recording steps by phone, the
 * opt-out, and the follow-ups chasing the connector.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { hashToken } from '../../platform/auth/tokens.ts';
import { createLogger } from '../../platform/log.ts';
import { organizationFixture, saveFixtures, serviceFixture } from '../../../test/support/directory-fixtures.ts';
import { openTestDatabase, testEngine, type TestDatabase } from '../../../test/support/test-db.ts';
import { TestBrowser, TestClock } from '../accounts/accounts.test-support.ts';
import { loadActor } from '../../platform/auth/actor.ts';
import { createI18n } from '../../platform/i18n/i18n.ts';
import { runFollowUps } from './referral-follow-ups.ts';
import { ReferralPage } from './referrals.views.tsx';
import { referralsService } from './referrals.service.ts';
import { accessFor, buildReferralWorld, makePerson, RecordingNotifier, type ReferralWorld } from './referrals.test-support.ts';

const input = {
  need: 'To meet other women and practise English',
  summary: 'Likes cooking; Tuesdays are best.',
  interpreterNeeded: true,
  interpreterLanguage: 'Arabic (Sudanese)',
  accompanyWanted: true,
  transportNeeded: false,
  childcareNeeded: false,
};
const LINK = /\/group-referral\/([A-Za-z0-9_-]{43})/;

describe(`referrals to groups with no account: links, the group's page, phone, opt-out [${testEngine}]`, () => {
  let database: TestDatabase;
  let w: ReferralWorld;
  let app: ReturnType<typeof createApp>;
  let landlineOnly: string;
  const clock = new TestClock(new Date('2026-03-02T09:00:00Z')); // a Monday
  const notifier = new RecordingNotifier();
  const connector = async () =>
    referralsService(await accessFor(w.db, w.accounts.connector, clock.now), { notifier, baseUrl: 'http://localhost' });

  /** A referral sent to the group with no account; returns its link's token. */
  async function sentToGroup(opts: { fields?: string[]; service?: string; need?: string; how?: 'link' | 'phone' } = {}) {
    const person = await makePerson(w.db, w.connectorOrg, { contact: ['call'] });
    const svc = await connector();
    const referral = await svc.create(person, { ...input, need: opts.need ?? input.need });
    const chosen = await svc.chooseService(referral, opts.service ?? w.services.unmanaged);
    assert.ok(chosen.ok, JSON.stringify(chosen));
    notifier.sent = [];
    const r = await svc.send(referral, chosen.attemptId, {
      fields: opts.fields ?? ['need', 'practical_support'],
      givenBy: 'verbal',
      expectedVersion: 0,
      groupContact: opts.how ?? 'link',
    });
    assert.ok(r.ok, JSON.stringify(r));
    const token = notifier.sent.map((m) => m.text.match(LINK)?.[1]).find(Boolean) ?? null;
    return { person, referral, attempt: chosen.attemptId, token, svc, messages: [...notifier.sent] };
  }
  const attemptRow = (id: string) => w.db.selectFrom('referral_attempt').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const group = () => new TestBrowser(app);

  before(async () => {
    database = await openTestDatabase();
    w = await buildReferralWorld(database.db, 'gl');
    const [saved] = await saveFixtures(database.db, [
      serviceFixture('gl-landline', {
        organization: organizationFixture('gl-landline', { email: null }),
        service: { name: 'Chess in the library', email: null },
        extra: { phones: [{ id: '6b1c6a4e-0000-4000-8000-00000000a001', number: '01274 000111', type: 'landline' }] },
      }),
    ]);
    landlineOnly = saved!.service.id;
    app = createApp({ config: loadConfig({ NODE_ENV: 'test' }), database, log: createLogger('silent'), now: clock.now, notifier });
  });
  after(async () => {
    await database.dispose();
  });

  it('sends the group a link by e-mail: only its hash is kept, it works for 30 days, and administrators cannot read the message', async () => {
    const person = await makePerson(w.db, w.connectorOrg, { contact: ['call'] });
    const svc = await connector();
    const referral = await svc.create(person, input);
    const chosen = await svc.chooseService(referral, w.services.unmanaged);
    assert.ok(chosen.ok);
    const detail = await svc.get(referral);
    assert.equal(detail.attempts[0]!.group?.canLink, true, 'the group has a listed e-mail');
    const unchosen = await svc.send(referral, chosen.attemptId, { fields: ['need'], givenBy: 'verbal', expectedVersion: 0 });
    assert.equal(!unchosen.ok && unchosen.error, 'group_contact_missing', 'how the group hears of it is the connector’s choice');

    const { attempt, token, messages } = await sentToGroup();
    assert.ok(token);
    assert.equal(messages.length, 1);
    const m = messages[0]!;
    assert.equal(m.to, 'glunmanaged@example.org.uk', 'the service’s listed e-mail');
    assert.equal(m.personalFor, w.connectorOrg);
    assert.match(m.text, /referred someone to Quiet reading group/);
    assert.match(m.text, /Stop these messages/);
    assert.doesNotMatch(m.text, /Amina|Tuesdays/, 'the message itself carries nothing personal');
    const link = await w.db.selectFrom('referral_group_link').selectAll().where('attempt_id', '=', attempt).executeTakeFirstOrThrow();
    assert.equal(link.token_hash, hashToken(token));
    assert.notEqual(link.token_hash, token);
    assert.equal(link.expires_at.getTime() - clock.now().getTime(), 30 * 24 * 3600 * 1000);
    const row = await attemptRow(attempt);
    assert.deepEqual([row.state, row.group_contact, row.recipient_organisation_id], ['sent', 'link', null]);
    assert.equal(row.next_owner, 'recipient', 'the group owns the next step');
  });

  it('shows the group only what the person agreed to share, and audits the look as "group by link"', async () => {
    const { referral, token } = await sentToGroup({ fields: ['need'] });
    const page = await group().get(`/group-referral/${token}`);
    assert.equal(page.status, 200);
    assert.match(page.html, /To meet other women and practise English/);
    for (const secret of ['Amina', '07700 900777', 'Tuesdays', 'Arabic (Sudanese)', 'Likes cooking'])
      assert.ok(!page.html.includes(secret), `the page does not show ${secret}`);
    assert.match(page.html, /Questions about this referral/);
    assert.equal(page.headers.get('cache-control'), 'no-store');
    const audit = await w.db
      .selectFrom('audit_event')
      .selectAll()
      .where('subject_id', '=', referral)
      .where('action', '=', 'referral.group_link.view')
      .execute();
    assert.equal(audit.length, 1);
    assert.equal(audit[0]!.actor_account_id, null);
    assert.equal((audit[0]!.details as { actor: string }).actor, 'group by link');
  });

  it('records each step through the one life cycle, with owners, due dates, history and audit, and tells the connector', async () => {
    const { referral, attempt, token } = await sentToGroup();
    const g = group();
    const steps: [string, Record<string, string>, string, string | null][] = [
      ['acknowledge', {}, 'acknowledged', 'respond'],
      ['accept', {}, 'accepted', 'make_contact'],
      ['book_first_visit', { date: '2026-03-10', companionKind: 'none' }, 'first_visit_booked', 'check_in_after_first_visit'],
      ['record_attendance', { date: '2026-03-10' }, 'attending', 'review_at_six_weeks'],
    ];
    for (const [event, fields, state, task] of steps) {
      notifier.sent = [];
      const before = await attemptRow(attempt);
      await g.get(`/group-referral/${token}`);
      const res = await g.post(`/group-referral/${token}/${event}`, { ...fields, version: String(before.version) });
      assert.equal(res.status, 303, `${event}: ${res.html.slice(0, 300)}`);
      assert.equal(res.location, `/group-referral/${token}?done=saved`);
      const after = await attemptRow(attempt);
      assert.equal(after.state, state);
      assert.equal(after.next_task, task);
      assert.ok(after.next_due, `${event} leaves a due date`);
      assert.ok(notifier.sent.some((m) => m.to === w.emails.connector && m.text.includes('answered through its link')));
    }
    const saved = await g.get(`/group-referral/${token}?done=saved`);
    assert.match(saved.html, /Thank you, that is saved/);
    const history = await w.db
      .selectFrom('referral_event')
      .selectAll()
      .where('attempt_id', '=', attempt)
      .where('side', '=', 'recipient')
      .orderBy('seq')
      .execute();
    assert.deepEqual(
      history.map((e) => [e.event_type, e.actor_account_id, (e.payload as { via?: string }).via]),
      steps.map(([e]) => [e, null, 'link']),
    );
    const audit = await w.db
      .selectFrom('audit_event')
      .selectAll()
      .where('subject_id', '=', referral)
      .where('action', 'like', 'referral.group_link.%')
      .execute();
    for (const [event] of steps) {
      const entry = audit.find((a) => a.action === `referral.group_link.${event}` && a.outcome === 'allowed');
      assert.ok(entry, `${event} is audited`);
      assert.equal((entry.details as { actor: string }).actor, 'group by link');
    }
    // The connector sees every step, marked as the group's.
    const detail = await (await connector()).get(referral);
    assert.equal(detail.events.filter((e) => e.via === 'link').length, 4);
    const page = String(
      await ReferralPage({
        i18n: createI18n('en'),
        csrf: 'x',
        actor: (await loadActor(w.db, w.accounts.connector))!,
        r: detail,
        query: '',
        results: null,
        rerouting: null,
      }),
    );
    assert.match(page, /the group, through its link/);
  });

  it('refuses a form sent twice or from an old page (409), and changes nothing', async () => {
    const { attempt, token } = await sentToGroup();
    const g = group();
    await g.get(`/group-referral/${token}`);
    const oldNonce = g.csrf;
    assert.equal((await g.post(`/group-referral/${token}/accept`, { version: '1' })).status, 303);
    const again = await g.post(`/group-referral/${token}/decline`, { version: '2', reason: 'full' }, { csrf: oldNonce });
    assert.equal(again.status, 409);
    assert.match(again.html, /That form was already sent/);
    assert.equal((await attemptRow(attempt)).state, 'accepted');
    const denied = await w.db
      .selectFrom('audit_event')
      .selectAll()
      .where('action', '=', 'referral.group_link.decline')
      .where('outcome', '=', 'denied')
      .execute();
    assert.ok(denied.length >= 1, 'the refused form is audited');
  });

  it('refuses a tampered or made-up link with a plain 404 page', async () => {
    const { token } = await sentToGroup();
    const tampered = `${token!.slice(0, -1)}${token!.endsWith('A') ? 'B' : 'A'}`;
    for (const path of [`/group-referral/${tampered}`, '/group-referral/not-a-token', `/group-referral/${tampered}/accept`]) {
      const res = path.endsWith('accept') ? await group().post(path, { version: '1' }, { csrf: 'x' }) : await group().get(path);
      assert.equal(res.status, 404, path);
      assert.match(res.html, /We could not find this link/);
    }
  });

  it('refuses an expired link (410), and a link replaced by a newer one; the newer one works', async () => {
    const a = await sentToGroup();
    const later = new TestClock(new Date(clock.now().getTime() + 31 * 24 * 3600 * 1000));
    const lateApp = createApp({
      config: loadConfig({ NODE_ENV: 'test' }),
      database,
      log: createLogger('silent'),
      now: later.now,
      notifier,
    });
    const expired = await new TestBrowser(lateApp).get(`/group-referral/${a.token}`);
    assert.equal(expired.status, 410);
    assert.match(expired.html, /This link has expired/);

    notifier.sent = [];
    assert.deepEqual(await a.svc.sendGroupLink(a.referral, a.attempt), { ok: true, changed: true, attemptId: a.attempt });
    const fresh = notifier.sent[0]!.text.match(LINK)![1]!;
    const replaced = await group().get(`/group-referral/${a.token}`);
    assert.equal(replaced.status, 410);
    assert.match(replaced.html, /A newer link has been sent/);
    assert.equal((await group().get(`/group-referral/${fresh}`)).status, 200);
  });

  it('keeps each link to its own referral: another referral’s page and nonce act on nothing here', async () => {
    const a = await sentToGroup({ need: 'A walk on Sundays', fields: ['need'] });
    const b = await sentToGroup({ need: 'Somewhere to cook with others', fields: ['need'] });
    const gb = group();
    const pageB = await gb.get(`/group-referral/${b.token}`);
    assert.match(pageB.html, /Somewhere to cook with others/);
    assert.doesNotMatch(pageB.html, /A walk on Sundays/);
    const crossed = await gb.post(`/group-referral/${a.token}/accept`, { version: '1' });
    assert.equal(crossed.status, 409, 'B’s form does not work on A’s link');
    assert.equal((await attemptRow(a.attempt)).state, 'sent');
    assert.equal((await attemptRow(b.attempt)).state, 'sent');
  });

  it('refuses a stopped link, and a link whose referral is closed (after thanking the group for its own last step)', async () => {
    const a = await sentToGroup();
    await a.svc.stopGroupLink(a.referral, a.attempt);
    const stopped = await group().get(`/group-referral/${a.token}`);
    assert.equal(stopped.status, 410);
    assert.match(stopped.html, /This link was stopped/);
    assert.equal((await attemptRow(a.attempt)).group_contact, 'phone');

    const b = await sentToGroup();
    const g = group();
    await g.get(`/group-referral/${b.token}`);
    const declined = await g.post(`/group-referral/${b.token}/decline`, { version: '1', reason: 'cannot_meet_language_need' });
    assert.equal(declined.status, 303);
    const thanks = await g.get(declined.location!);
    assert.equal(thanks.status, 200);
    assert.match(thanks.html, /This referral is now closed/);
    assert.doesNotMatch(thanks.html, /practise English/);
    const closed = await group().get(`/group-referral/${b.token}`);
    assert.equal(closed.status, 410);
    assert.match(closed.html, /This referral is closed/);
    assert.equal((await attemptRow(b.attempt)).decline_reason, 'cannot_meet_language_need');
  });

  it('lets a group stop these messages: the connector is told to phone, and no more links are sent', async () => {
    const a = await sentToGroup();
    const g = group();
    await g.get(`/group-referral/${a.token}`);
    notifier.sent = [];
    const res = await g.post(`/group-referral/${a.token}/opt-out`, {});
    assert.equal(res.status, 303);
    assert.match((await g.get(res.location!)).html, /You will not get any more of these messages/);
    assert.ok(notifier.sent.some((m) => m.to === w.emails.connector && /asked not to get messages/.test(m.text)));
    const detail = await a.svc.get(a.referral);
    assert.equal(detail.attempts[0]!.group?.optedOut, true);
    assert.equal(detail.attempts[0]!.group?.canLink, false);
    const resend = await a.svc.sendGroupLink(a.referral, a.attempt);
    assert.equal(!resend.ok && resend.error, 'group_unreachable');
    // A new referral to the same group goes by phone, without asking.
    const b = await sentToGroup({ how: 'link' });
    assert.equal(b.token, null);
    assert.equal((await attemptRow(b.attempt)).group_contact, 'phone');
    await w.db.deleteFrom('group_message_opt_out').execute();
  });

  it('the connector records the steps of a group with no e-mail or mobile, told by phone', async () => {
    const a = await sentToGroup({ service: landlineOnly });
    assert.equal(a.token, null);
    assert.equal(a.messages.length, 0, 'nothing is sent to a group Belong cannot reach');
    const row = await attemptRow(a.attempt);
    assert.equal(row.group_contact, 'phone');
    const detail = await a.svc.get(a.referral);
    assert.equal(detail.attempts[0]!.group?.phone, '01274 000111');
    const r = await a.svc.actForGroup(a.referral, a.attempt, 'accept', {}, row.version);
    assert.ok(r.ok && r.changed);
    const e = await w.db
      .selectFrom('referral_event')
      .selectAll()
      .where('attempt_id', '=', a.attempt)
      .where('event_type', '=', 'accept')
      .executeTakeFirstOrThrow();
    assert.deepEqual([e.side, e.actor_account_id, (e.payload as { via?: string }).via], ['recipient', w.accounts.connector, 'phone']);
    assert.equal((await attemptRow(a.attempt)).state, 'accepted');
    await assert.rejects(() => a.svc.actForGroup(a.referral, a.attempt, 'complete', {}, 2), /not something a group records/);
  });

  it('chases the connector, not the group, when the group’s step falls due', async () => {
    await w.db.updateTable('referral_attempt').set({ next_due: null }).execute();
    const a = await sentToGroup();
    notifier.sent = [];
    const due = new Date(clock.now().getTime() + 8 * 24 * 3600 * 1000);
    const ran = await runFollowUps(w.db, notifier, due);
    assert.equal(ran.nudged, 1);
    assert.deepEqual(
      notifier.sent.map((m) => m.to),
      [w.emails.connector],
    );
    assert.match(notifier.sent[0]!.text, /Phone the group/);
    assert.equal((await attemptRow(a.attempt)).nudge_count, 1);
  });
});
