import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { Executor } from '../../platform/db/executor.ts';
import { outboxNotifier, type Message, type Notifier } from '../../platform/notify/notifier.ts';
import { organizationFixture, saveFixtures, serviceFixture } from '../../../test/support/directory-fixtures.ts';
import { openTestDatabase, testEngine, type TestDatabase } from '../../../test/support/test-db.ts';
import { makeAccount, makeOrganisation } from '../accounts/accounts.test-support.ts';
import { ADMINISTRATORS_KEY, claimReviewReminders, findStaleListings, organisationKey, sendReviewReminders } from './reminders.ts';

const NOW = new Date('2026-03-02T09:00:00Z');
const DAY = 24 * 60 * 60 * 1000;

/** Writes to the outbox in the job's transaction, as the real notifier does, and remembers what it wrote. */
function collecting(): Notifier & { sent: Message[] } {
  const sent: Message[] = [];
  const outbox = outboxNotifier({ now: () => NOW });
  return {
    sent,
    enqueue: async (trx: Executor, m: Message | readonly Message[]) => {
      await outbox.enqueue(trx, m);
      sent.push(...[m].flat());
    },
  };
}

describe(`review reminders [${testEngine}]`, () => {
  let database: TestDatabase;
  let orgA: string;
  let orgB: string;
  const emails = { a: 'amina@hub.example.org', b: 'bob@sports.example.org', admin: 'ada@belong.example.org' };

  before(async () => {
    database = await openTestDatabase();
    const db = database.db;
    const hub = organizationFixture('heaton-hub', { name: 'Heaton Hub' });
    const sports = organizationFixture('park-sports', { name: 'Park Sports' });
    await saveFixtures(db, [
      serviceFixture('knit', {
        organization: hub,
        service: { name: 'Knit and natter', assured_date: '2025-06-01' },
        belong: { review_due: '2026-02-01' },
      }),
      serviceFixture('choir', {
        organization: hub,
        service: { name: 'Community choir', assured_date: '2026-01-05' },
        belong: { review_due: '2026-07-05' },
      }),
      serviceFixture('old-closed', {
        organization: hub,
        service: { name: 'Old lunch club', status: 'inactive' },
        belong: { review_due: '2024-01-01' },
      }),
      serviceFixture('football', { organization: sports, service: { name: 'Dads football', assured_date: '2024-11-01' } }),
      serviceFixture('unmanaged', {
        organization: organizationFixture('nobody', { name: 'Unclaimed group' }),
        service: { name: 'Coffee morning' },
      }),
    ]);
    const operator = await makeOrganisation(db, { name: 'Belong team', kind: 'referrer', operator: true });
    orgA = await makeOrganisation(db, { name: 'Heaton Hub staff', kind: 'provider', listings: [hub.id] });
    orgB = await makeOrganisation(db, { name: 'Park Sports staff', kind: 'provider', listings: [sports.id] });
    const paused = await makeOrganisation(db, { name: 'Paused', kind: 'provider', suspended: true, listings: [sports.id] });
    await makeAccount(db, operator, { role: 'administrator', email: emails.admin, password: false });
    await makeAccount(db, operator, { role: 'administrator', email: 'gone@belong.example.org', disabled: true, password: false });
    await makeAccount(db, orgA, { role: 'provider_staff', email: emails.a, password: false });
    await makeAccount(db, orgA, { role: 'provider_staff', email: 'left@hub.example.org', disabled: true, password: false });
    await makeAccount(db, orgA, { role: 'volunteer', email: 'vol@hub.example.org', password: false });
    await makeAccount(db, orgB, { role: 'provider_staff', email: emails.b, manager: true, password: false });
    await makeAccount(db, paused, { role: 'provider_staff', email: 'paused@example.org', password: false });
  });
  after(async () => {
    await database.dispose();
  });
  beforeEach(async () => {
    await database.db.deleteFrom('review_reminder').execute();
    await database.db.deleteFrom('outbox').execute();
  });

  it('sends each provider organisation one notice of its stale listings, and the administrators one summary', async () => {
    const notifier = collecting();
    const run = await sendReviewReminders(database.db, notifier, NOW, { baseUrl: 'https://belong.example.org/' });
    assert.equal(run.staleListings, 3, 'knit (review date passed), football (verified 16 months ago), coffee morning (never verified)');
    assert.deepEqual(
      notifier.sent.map((m) => m.to).sort(),
      [emails.admin, emails.a, emails.b].sort(),
      'active provider staff and administrators only',
    );
    const toA = notifier.sent.find((m) => m.to === emails.a)!;
    assert.equal(toA.subject, '1 listing needs checking on Belong');
    assert.match(toA.text, /Knit and natter \(review was due 1 February 2026\)/);
    assert.match(toA.text, /https:\/\/belong\.example\.org\/staff\/listings\//);
    assert.doesNotMatch(toA.text, /Community choir|Old lunch club|Dads football/);
    const toB = notifier.sent.find((m) => m.to === emails.b)!;
    assert.match(toB.text, /Dads football \(last verified 1 November 2024\)/);
    const summary = notifier.sent.find((m) => m.to === emails.admin)!;
    assert.equal(summary.subject, 'Belong: 3 listings are past the review date');
    assert.match(summary.text, /2 provider organisations were reminded; 1 has no provider organisation to remind/);
    const recorded = await database.db.selectFrom('review_reminder').selectAll().orderBy('recipient_key').execute();
    assert.deepEqual(
      recorded.map((r) => r.recipient_key).sort(),
      [ADMINISTRATORS_KEY, organisationKey(orgA), organisationKey(orgB)].sort(),
    );
    assert.equal(recorded.find((r) => r.recipient_key === ADMINISTRATORS_KEY)!.service_ids.length, 3);
    const audit = await database.db.selectFrom('audit_event').selectAll().where('action', '=', 'quality.send_reminders').execute();
    assert.ok(audit.some((e) => e.actor_account_id === null && e.details.notices === 3));
  });

  it('does not send the same reminder again within 7 days, then does', async () => {
    await sendReviewReminders(database.db, collecting(), NOW);
    const soon = collecting();
    const second = await sendReviewReminders(database.db, soon, new Date(NOW.getTime() + 6 * DAY));
    assert.deepEqual(soon.sent, []);
    assert.deepEqual(second.skipped.sort(), [ADMINISTRATORS_KEY, organisationKey(orgA), organisationKey(orgB)].sort());
    const week = collecting();
    await sendReviewReminders(database.db, week, new Date(NOW.getTime() + 7 * DAY + 1000));
    assert.equal(week.sent.length, 3);
  });

  it('sends one set of notices when two app processes run the job at the same moment', async () => {
    // Two runs at once, each with the real outbox notifier (as two processes would).
    const notifier = outboxNotifier({ now: () => NOW });
    const [one, two] = await Promise.all([
      sendReviewReminders(database.db, notifier, NOW),
      sendReviewReminders(database.db, notifier, NOW),
    ]);
    assert.equal(one.notices.length + two.notices.length, 3, 'one run sent, the other found them sent');
    assert.ok(one.notices.length === 0 || two.notices.length === 0);
    const outbox = await database.db.selectFrom('outbox').select('recipient').execute();
    assert.deepEqual(outbox.map((r) => r.recipient).sort(), [emails.admin, emails.a, emails.b].sort());
    assert.equal(
      Number(
        (
          await database.db
            .selectFrom('review_reminder')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
      3,
    );
  });

  it('makes a run that starts while another is deciding wait for it, then find its reminders recorded', async () => {
    // Hold the first run's transaction open after it has decided and recorded, but before it commits.
    let decided!: () => void;
    const hasDecided = new Promise<void>((r) => (decided = r));
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    const stale = await findStaleListings(database.db, '2026-03-02');
    const first = database.db.transaction().execute(async (trx) => {
      const run = await claimReviewReminders(trx, NOW, { stale, notifier: collecting() });
      decided();
      await released;
      return run;
    });
    await hasDecided;
    const second = collecting();
    let secondDone = false;
    const secondRun = sendReviewReminders(database.db, second, NOW).then((r) => {
      secondDone = true;
      return r;
    });
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(secondDone, false, 'the second run waits while the first holds the lock');
    release();
    assert.equal((await first).notices.length, 3);
    const r2 = await secondRun;
    assert.deepEqual(second.sent, [], 'the second run sent nothing');
    assert.equal(r2.skipped.length, 3);
  });

  it('reads the directory a page at a time and finds the same listings, in organisation and name order', async () => {
    const whole = await findStaleListings(database.db, '2026-03-02');
    let pages = 0;
    const paged = await findStaleListings(database.db, '2026-03-02', { pageSize: 2, onBatch: (n) => (pages = n) });
    assert.deepEqual(paged, whole);
    assert.deepEqual(
      whole.map((l) => l.name),
      ['Knit and natter', 'Dads football', 'Coffee morning'],
    );
    assert.ok(pages >= 3, 'five listings in pages of two');
  });

  it('sends nothing when stopped half-way through reading the directory (the job runs again later)', async () => {
    const stop = new AbortController();
    const notifier = collecting();
    const run = await sendReviewReminders(database.db, notifier, NOW, { pageSize: 1, signal: stop.signal, onBatch: () => stop.abort() });
    assert.deepEqual(run.notices, []);
    assert.deepEqual(notifier.sent, []);
    assert.equal((await database.db.selectFrom('review_reminder').select('id').execute()).length, 0);
  });

  it('sends nothing when nothing is stale', async () => {
    const notifier = collecting();
    const run = await sendReviewReminders(database.db, notifier, new Date('2024-06-01T09:00:00Z'));
    // In June 2024 only the never-verified coffee morning is stale, and it has no provider organisation.
    assert.equal(run.staleListings, 1);
    assert.deepEqual(
      notifier.sent.map((m) => m.to),
      [emails.admin],
    );
  });
});
