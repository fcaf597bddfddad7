import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createI18n } from '../../platform/i18n/i18n.ts';
import { openTestDatabase, testEngine, type TestDatabase } from '../../../test/support/test-db.ts';
import { TestClock } from '../accounts/accounts.test-support.ts';
import { referralInboxService } from '../referrals/referral-inbox.service.ts';
import { referralsService } from '../referrals/referrals.service.ts';
import { accessFor, buildReferralWorld, makePerson, RecordingNotifier, type ReferralWorld } from '../referrals/referrals.test-support.ts';
import { checkInChannel, sendCheckInMessages } from './check-in-messages.ts';

describe(`check-in messages to the person [${testEngine}]`, () => {
  let database: TestDatabase;
  let w: ReferralWorld;
  const clock = new TestClock(new Date('2026-03-02T09:00:00Z'));
  const notifier = new RecordingNotifier();

  async function booked(opts: { contact: string[]; safeToText?: boolean; email?: string }, date = '2026-03-05') {
    const person = await makePerson(w.db, w.connectorOrg, {
      contact: opts.contact,
      phone: `07700 9${String(Math.floor(Math.random() * 1e5)).padStart(5, '0')}`,
    });
    await w.db
      .updateTable('person')
      .set({ safe_to_text: opts.safeToText ?? false, email: opts.email ?? null })
      .where('id', '=', person)
      .execute();
    const svc = referralsService(await accessFor(w.db, w.accounts.connector, clock.now), { notifier });
    const referral = await svc.create(person, {
      need: 'Company',
      summary: null,
      interpreterNeeded: false,
      interpreterLanguage: null,
      accompanyWanted: false,
      transportNeeded: false,
      childcareNeeded: false,
    });
    const a = await svc.chooseService(referral, w.services.tea);
    assert.ok(a.ok);
    assert.equal((await svc.send(referral, a.attemptId, { fields: ['need'], givenBy: 'verbal', expectedVersion: 0 })).ok, true);
    const provider = referralInboxService(await accessFor(w.db, w.accounts.providerA, clock.now), { notifier });
    assert.equal((await provider.respond(a.attemptId, 'accept', {}, 1)).ok, true);
    assert.equal((await provider.respond(a.attemptId, 'book_first_visit', { date }, 2)).ok, true);
    const p = await w.db.selectFrom('person').select(['phone']).where('id', '=', person).executeTakeFirstOrThrow();
    return { person, attempt: a.attemptId, phone: p.phone!.replace(/\s+/g, '') };
  }

  before(async () => {
    database = await openTestDatabase();
    w = await buildReferralWorld(database.db, 'cim');
  });
  after(() => database.dispose());

  it('chooses a channel only when it is consented to and safe', () => {
    assert.deepEqual(checkInChannel({ ways: ['text'], safeToText: true, phone: '07700 900 123', email: null }), {
      channel: 'text',
      to: 'sms:07700900123',
    });
    assert.equal(checkInChannel({ ways: ['text'], safeToText: null, phone: '07700900123', email: null }), null);
    assert.equal(checkInChannel({ ways: ['call'], safeToText: true, phone: '07700900123', email: 'a@example.org' }), null);
    assert.deepEqual(checkInChannel({ ways: ['text', 'email'], safeToText: false, phone: '07700900123', email: 'a@example.org' }), {
      channel: 'email',
      to: 'a@example.org',
    });
  });

  it('sends one check-in per first visit, in the person’s language, only when it is allowed and safe', async () => {
    const texted = await booked({ contact: ['text'], safeToText: true });
    const unsafe = await booked({ contact: ['text'], safeToText: false });
    const callOnly = await booked({ contact: ['call'], safeToText: true });
    const later = await booked({ contact: ['text'], safeToText: true }, '2026-03-20');
    const base = { baseUrl: 'https://belong.example.org/' };

    // Before the check-in day: nothing.
    clock.at = new Date('2026-03-07T09:00:00Z');
    await sendCheckInMessages(w.db, notifier, clock.now(), base);
    assert.equal(notifier.to(`sms:${texted.phone}`).length, 0);

    clock.at = new Date('2026-03-08T09:00:00Z');
    const first = await sendCheckInMessages(w.db, notifier, clock.now(), base);
    const second = await sendCheckInMessages(w.db, notifier, clock.now(), base);
    const msgs = notifier.to(`sms:${texted.phone}`);
    assert.equal(msgs.length, 1);
    assert.equal(
      msgs[0]!.text,
      createI18n('ar').t('personView.message.checkIn', { service: 'Tuesday tea and chat', url: 'https://belong.example.org/my' }),
    );
    assert.ok(first.sent >= 1);
    assert.equal(second.sent, 0);
    assert.equal(notifier.to(`sms:${unsafe.phone}`).length, 0);
    assert.equal(notifier.to(`sms:${callOnly.phone}`).length, 0);
    assert.equal(notifier.to(`sms:${later.phone}`).length, 0);
    const audit = await w.db.selectFrom('audit_event').selectAll().where('action', '=', 'person_view.check_in_sent').execute();
    assert.equal(audit.filter((a) => (a.details as { attemptId?: string }).attemptId === texted.attempt).length, 1);
  });

  it('two runs at once still send once', async () => {
    const p = await booked({ contact: ['text'], safeToText: true }, '2026-03-10');
    clock.at = new Date('2026-03-14T09:00:00Z');
    await Promise.all([
      sendCheckInMessages(w.db, notifier, clock.now(), { baseUrl: 'https://b.example' }),
      sendCheckInMessages(w.db, notifier, clock.now(), { baseUrl: 'https://b.example' }),
    ]);
    assert.equal(notifier.to(`sms:${p.phone}`).length, 1);
  });
});
