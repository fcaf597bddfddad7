import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { createLogger } from '../../platform/log.ts';
import { openTestDatabase, testEngine, type TestDatabase } from '../../../test/support/test-db.ts';
import { auditFor, makeAccount, makeOrganisation, TEST_PASSWORD, TestBrowser, TestClock } from './accounts.test-support.ts';

const MIN = 60_000;

describe(`login protection: lockout and throttling [${testEngine}]`, () => {
  let database: TestDatabase;
  let app: ReturnType<typeof createApp>;
  const clock = new TestClock();
  let orgId: string;
  let n = 0;
  /** A browser from its own client address (TRUST_PROXY=on reads X-Forwarded-For). */
  const from = (address = `192.0.2.${++n}`) => new TestBrowser(app, { 'x-forwarded-for': address });

  before(async () => {
    database = await openTestDatabase();
    app = createApp({ config: loadConfig({ NODE_ENV: 'test', TRUST_PROXY: 'on' }), database, log: createLogger('silent'), now: clock.now });
    orgId = await makeOrganisation(database.db);
  });
  after(async () => {
    await database.dispose();
  });

  it('locks an account after five wrong passwords: even the right one is refused for 15 minutes', async () => {
    const { email, id } = await makeAccount(database.db, orgId);
    for (let i = 0; i < 5; i++) assert.equal((await from().signIn(email, `wrong guess number ${i}`)).status, 401);
    const locked = await from().signIn(email, TEST_PASSWORD);
    assert.equal(locked.status, 401, 'the right password is refused while locked');
    assert.match(locked.html, /paused for at least 15 minutes/);
    clock.advance(14 * MIN);
    assert.equal((await from().signIn(email, TEST_PASSWORD)).status, 401);
    clock.advance(1 * MIN);
    assert.equal((await from().signIn(email, TEST_PASSWORD)).status, 303, 'after 15 minutes the right password works');
    const events = await auditFor(database.db, id);
    assert.ok(
      events.some((e) => e.outcome === 'denied' && typeof e.details.lockedUntil === 'string'),
      'the lockout is audited',
    );
    assert.ok(events.some((e) => e.outcome === 'denied' && e.details.why === 'locked'));
  });

  it('makes each further lockout twice as long, until a successful sign-in', async () => {
    const { email } = await makeAccount(database.db, orgId);
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 5; i++) await from().signIn(email, `wrong ${round} ${i}`);
      clock.advance(15 * MIN);
    }
    // Second lockout: 30 minutes, so 15 are not enough.
    assert.equal((await from().signIn(email, TEST_PASSWORD)).status, 401);
    clock.advance(15 * MIN);
    assert.equal((await from().signIn(email, TEST_PASSWORD)).status, 303);
    const row = await database.db
      .selectFrom('staff_account')
      .select(['lockouts', 'failed_logins', 'locked_until'])
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, { lockouts: 0, failed_logins: 0, locked_until: null }, 'success clears the record');
  });

  it('lets a burst of simultaneous guesses check at most five passwords', async () => {
    const { email, id } = await makeAccount(database.db, orgId);
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => from().signIn(email, `parallel guess ${i}`)));
    assert.ok(results.every((r) => r.status === 401));
    const events = await auditFor(database.db, id);
    const checked = events.filter((e) => e.action === 'account.sign_in' && e.details.why === 'password');
    assert.ok(checked.length <= 5, `${checked.length} passwords were checked`);
    assert.equal((await from().signIn(email, TEST_PASSWORD)).status, 401, 'and the account is locked');
  });

  it('slows one address that keeps failing, across accounts, with a growing wait and Retry-After', async () => {
    const address = '203.0.113.50';
    for (let i = 0; i < 10; i++)
      assert.equal((await from(address).signIn(`nobody${i}@example.org`, 'some guess or other')).status, 401, `failure ${i + 1} is free`);
    assert.equal((await from(address).signIn('nobody10@example.org', 'some guess or other')).status, 401, 'the 11th still gets an answer');
    const slowed = await from(address).signIn('nobody11@example.org', 'some guess or other');
    assert.equal(slowed.status, 429);
    assert.equal(slowed.headers.get('retry-after'), '2');
    assert.match(slowed.html, /Wait 2 seconds/);
    // Even the right password of a real account must wait.
    const { email } = await makeAccount(database.db, orgId);
    assert.equal((await from(address).signIn(email, TEST_PASSWORD)).status, 429);
    // Another address is not affected.
    assert.equal((await from('203.0.113.51').signIn(email, TEST_PASSWORD)).status, 303);
    clock.advance(2000);
    assert.equal((await from(address).signIn('nobody12@example.org', 'some guess or other')).status, 401);
    const longer = await from(address).signIn('nobody13@example.org', 'some guess or other');
    assert.equal(longer.status, 429);
    assert.equal(longer.headers.get('retry-after'), '4', 'the wait doubles');
    clock.advance(4000);
    assert.equal((await from(address).signIn(email, TEST_PASSWORD)).status, 303, 'after waiting, the right password works');
  });

  it('stores client addresses only as keyed hashes', async () => {
    const rows = await database.db.selectFrom('staff_login_throttle').select('key').execute();
    assert.ok(rows.length > 0);
    for (const r of rows) {
      assert.match(r.key, /^[0-9a-f]{32}$/);
      assert.doesNotMatch(r.key, /203\.0\.113/);
    }
  });
});
