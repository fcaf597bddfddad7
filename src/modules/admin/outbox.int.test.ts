import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { createLogger } from '../../platform/log.ts';
import { newId } from '../../platform/ids.ts';
import { openTestDatabase, testEngine, type TestDatabase } from '../../../test/support/test-db.ts';
import { makeAccount, makeOrganisation, TEST_PASSWORD, TestBrowser } from '../accounts/accounts.test-support.ts';

const AT = new Date('2026-03-02T09:00:00Z');

describe(`the outbox page: every message and how far it got [${testEngine}]`, () => {
  let database: TestDatabase;
  let admin: TestBrowser;
  let connector: TestBrowser;
  let otherConnector: TestBrowser;

  before(async () => {
    database = await openTestDatabase();
    const app = createApp({ config: loadConfig({ NODE_ENV: 'test' }), database, log: createLogger('silent') });
    const operator = await makeOrganisation(database.db, { name: 'Belong team', kind: 'referrer', operator: true });
    const gp = await makeOrganisation(database.db, { name: 'Practice', kind: 'referrer' });
    admin = new TestBrowser(app);
    connector = new TestBrowser(app);
    await admin.signIn((await makeAccount(database.db, operator, { role: 'administrator' })).email, TEST_PASSWORD);
    await connector.signIn((await makeAccount(database.db, gp, { role: 'connector' })).email, TEST_PASSWORD);
    const otherGp = await makeOrganisation(database.db, { name: 'Other practice', kind: 'referrer' });
    otherConnector = new TestBrowser(app);
    await otherConnector.signIn((await makeAccount(database.db, otherGp, { role: 'connector' })).email, TEST_PASSWORD);
    const later = (minutes: number) => new Date(AT.getTime() + minutes * 60_000);
    const row = (status: 'kept' | 'pending' | 'sending' | 'sent' | 'failed', extra: Record<string, unknown> = {}) => ({
      id: newId(),
      created_at: AT,
      recipient: `${status}@example.org`,
      subject: `A ${status} message`,
      body: `Body of the ${status} message`,
      status,
      ...extra,
    });
    await database.db
      .insertInto('outbox')
      .values([
        row('kept'),
        row('pending', { attempts: 2, last_error: 'GOV.UK Notify did not accept the message (HTTP 503)', next_attempt_at: later(4) }),
        row('sending', { attempts: 1, last_attempt_at: later(1), claimed_until: later(3), next_attempt_at: later(0) }),
        row('sent', { attempts: 1, sent_at: later(1) }),
        row('failed', { attempts: 10, last_error: 'GOV.UK Notify did not accept the message (HTTP 500)', failed_at: later(300) }),
        {
          ...row('kept'),
          recipient: 'amina@example.org',
          subject: 'Your plan',
          body: 'Amina, your plan: Tuesday tea at 2pm',
          holder_organisation_id: gp,
        },
      ])
      .execute();
  });
  after(async () => {
    await database.dispose();
  });

  it('shows each message’s status, tries, last error and next try, and the text only of those to pass on', async () => {
    const page = await admin.get('/admin/outbox');
    assert.equal(page.status, 200);
    for (const label of ['Waiting to be sent', 'Being sent', 'Sent', 'Not sent'])
      assert.match(page.html, new RegExp(`${label} \\(1\\)`), `the filter counts ${label}`);
    assert.match(page.html, /Kept for you to pass on \(2\)/);
    assert.match(page.html, /data-status="pending">Waiting to be sent · 2 tries · Next try/);
    assert.match(page.html, /Last error: GOV.UK Notify did not accept the message \(HTTP 503\)/);
    assert.match(page.html, /data-status="sending">Being sent · 1 try/);
    assert.match(page.html, /data-status="sent">Sent · 1 try · Sent /);
    assert.match(page.html, /data-status="failed">Not sent · 10 tries · Gave up /);
    assert.match(page.html, /data-status="kept">Kept for you to pass on · not tried yet/);
    assert.match(page.html, /To sent@example.org/, 'who it went to');
    assert.match(page.html, /Body of the kept message/);
    assert.match(page.html, /Body of the failed message/);
    assert.doesNotMatch(
      page.html,
      /Body of the sent message|Body of the pending message|Body of the sending message/,
      'what Belong sends is not shown again',
    );
  });

  it('shows one status at a time', async () => {
    const page = await admin.get('/admin/outbox?status=failed');
    assert.match(page.html, /A failed message/);
    assert.doesNotMatch(page.html, /A sent message|A kept message/);
    assert.match((await admin.get('/admin/outbox?status=nonsense')).html, /A sent message/, 'an unknown status shows all');
  });

  it('is for administrators only, and each look is recorded', async () => {
    assert.equal((await connector.get('/admin/outbox')).status, 403);
    const looks = await database.db.selectFrom('audit_event').select(['outcome', 'details']).where('action', '=', 'outbox.view').execute();
    assert.ok(looks.some((l) => l.outcome === 'allowed' && (l.details as { status?: string }).status === 'failed'));
    assert.ok(looks.some((l) => l.outcome === 'denied'));
  });

  it('shows administrators that a message about a person was sent, to whom and when, but never its text; that organisation’s connectors read it', async () => {
    const page = await admin.get('/admin/outbox');
    assert.match(page.html, /Your plan/);
    assert.match(page.html, /To amina@example.org/);
    assert.doesNotMatch(page.html, /Tuesday tea at 2pm/, 'no personal content for administrators');
    assert.match(page.html, /carries a person’s personal details/);
    const mine = await connector.get('/staff/messages');
    assert.equal(mine.status, 200);
    assert.match(mine.html, /Amina, your plan: Tuesday tea at 2pm/);
    assert.doesNotMatch(mine.html, /Body of the kept message/, 'only messages about people they hold');
    const theirs = await otherConnector.get('/staff/messages');
    assert.equal(theirs.status, 200);
    assert.doesNotMatch(theirs.html, /Tuesday tea/, 'another organisation’s connectors see nothing of it');
    assert.equal((await admin.get('/staff/messages')).status, 403);
  });
});
