import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import type { Kysely } from 'kysely';
import { openDatabase, type Database } from '../../platform/db/database.ts';
import type { DB } from '../../platform/db/schema.ts';
import { openTestDatabase, testEngine, type TestDatabase } from '../../../test/support/test-db.ts';
import { runFollowUps } from './referral-follow-ups.ts';
import { referralsService } from './referrals.service.ts';
import { accessFor, buildReferralWorld, makePerson, RecordingNotifier, type ReferralWorld } from './referrals.test-support.ts';

const run = promisify(execFile);
const SENT_AT = new Date('2026-03-02T09:00:00Z'); // Monday: acknowledge by Mon 9 March, expires after Mon 16 March
const at = (d: string) => new Date(`${d}T10:00:00Z`);
const input = {
  need: 'Company on weekday mornings',
  summary: null,
  interpreterNeeded: false,
  interpreterLanguage: null,
  accompanyWanted: false,
  transportNeeded: false,
  childcareNeeded: false,
};

async function sendSome(db: Kysely<DB>, w: ReferralWorld, n: number): Promise<string[]> {
  const notifier = new RecordingNotifier();
  const c = referralsService(await accessFor(db, w.accounts.connector, () => SENT_AT), { notifier });
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const person = await makePerson(db, w.connectorOrg, { name: `Person ${i}` });
    const referral = await c.create(person, input);
    const chosen = await c.chooseService(referral, w.services.tea);
    assert.ok(chosen.ok);
    const sent = await c.send(referral, chosen.attemptId, { fields: ['need'], givenBy: 'verbal', expectedVersion: 0 });
    assert.ok(sent.ok);
    ids.push(chosen.attemptId);
  }
  return ids;
}

const eventCount = async (db: Kysely<DB>, ids: string[], type: string) =>
  Number(
    (
      await db
        .selectFrom('referral_event')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('attempt_id', 'in', ids)
        .where('event_type', '=', type)
        .executeTakeFirstOrThrow()
    ).n,
  );

describe(`referral follow-ups: nudge, then expire and prompt re-routing [${testEngine}]`, () => {
  let database: TestDatabase;
  let w: ReferralWorld;
  let ids: string[];

  before(async () => {
    database = await openTestDatabase();
    w = await buildReferralWorld(database.db, 'fu');
    ids = await sendSome(database.db, w, 3);
  });
  after(async () => {
    await database.dispose();
  });

  it('does nothing before a step is due', async () => {
    const r = await runFollowUps(database.db, new RecordingNotifier(), at('2026-03-06'));
    assert.deepEqual(r, { nudged: 0, expired: 0, consentNotices: 0 });
  });

  it('nudges each owner once when due, even with two runs at the same moment', async () => {
    const notifier = new RecordingNotifier();
    const [a, b] = await Promise.all([
      runFollowUps(database.db, notifier, at('2026-03-09')),
      runFollowUps(database.db, notifier, at('2026-03-09')),
    ]);
    assert.equal(a.nudged + b.nudged, 3);
    assert.equal(await eventCount(database.db, ids, 'nudge'), 3);
    assert.equal(notifier.sent.length, 6, 'both provider staff of the recipient, once per attempt');
    assert.ok(
      notifier.sent.every(
        (m) => m.subject === 'Reminder: a referral step is due' && [w.emails.providerA, w.emails.providerA2].includes(m.to),
      ),
    );
    assert.equal((await runFollowUps(database.db, notifier, at('2026-03-10'))).nudged, 0, 'not again the next day');
  });

  it('nudges again no sooner than three working days later', async () => {
    assert.equal((await runFollowUps(database.db, new RecordingNotifier(), at('2026-03-11'))).nudged, 0);
    assert.equal((await runFollowUps(database.db, new RecordingNotifier(), at('2026-03-12'))).nudged, 3);
    const rows = await database.db.selectFrom('referral_attempt').select(['nudge_count', 'state']).where('id', 'in', ids).execute();
    assert.ok(rows.every((r) => r.nudge_count === 2 && r.state === 'sent'));
  });

  it('expires unanswered attempts after the deadline, telling the connector to find something else', async () => {
    const notifier = new RecordingNotifier();
    const [a, b] = await Promise.all([
      runFollowUps(database.db, notifier, at('2026-03-17')),
      runFollowUps(database.db, notifier, at('2026-03-17')),
    ]);
    assert.equal(a.expired + b.expired, 3);
    assert.equal(await eventCount(database.db, ids, 'expire'), 3);
    const rows = await database.db
      .selectFrom('referral_attempt')
      .select(['state', 'next_task', 'next_owner'])
      .where('id', 'in', ids)
      .execute();
    assert.ok(rows.every((r) => r.state === 'expired' && r.next_task === 'find_something_else' && r.next_owner === 'referrer'));
    assert.equal(notifier.to(w.emails.connector).length, 3);
    assert.ok(notifier.to(w.emails.connector).every((m) => /expired/.test(m.text)));
    const audits = await database.db.selectFrom('audit_event').select('actor_account_id').where('action', '=', 'referral.expire').execute();
    assert.equal(audits.length, 3);
    assert.ok(
      audits.every((x) => x.actor_account_id === null),
      'recorded as the system',
    );
    const today = await referralsService(await accessFor(database.db, w.accounts.connector, () => at('2026-03-17')), { notifier }).today();
    assert.deepEqual(
      today.filter((t) => ids.includes(t.id)).map((t) => t.next?.task),
      ['find_something_else', 'find_something_else', 'find_something_else'],
    );
  });
});

describe(
  'referral follow-ups: two app processes on one PostgreSQL server',
  { skip: testEngine !== 'postgres' && 'needs the PostgreSQL server' },
  () => {
    const child = fileURLToPath(new URL('./referral-follow-ups.child.ts', import.meta.url));
    const name = `belong_t_fu_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    let url: string;
    let database: Database;
    let w: ReferralWorld;
    let ids: string[];

    before(async () => {
      const admin = new pg.Client({ connectionString: process.env.BELONG_TEST_PG_URL });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      const u = new URL(process.env.BELONG_TEST_PG_URL!);
      u.pathname = `/${name}`;
      url = u.toString();
      database = await openDatabase({ url, poolSize: 4 });
      w = await buildReferralWorld(database.db, 'fu2');
      ids = await sendSome(database.db, w, 25);
    });
    after(async () => {
      await database?.close();
      const admin = new pg.Client({ connectionString: process.env.BELONG_TEST_PG_URL });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    });

    async function twoProcesses(now: Date): Promise<{ nudged: number; expired: number }[]> {
      const startAt = String(Date.now() + 2500);
      const outs = await Promise.all(
        [1, 2].map(() =>
          run(process.execPath, ['--import', 'tsx', child, url, now.toISOString(), startAt], {
            cwd: fileURLToPath(new URL('../../../', import.meta.url)),
            timeout: 60_000,
          }),
        ),
      );
      return outs.map((o) => JSON.parse(o.stdout.trim().split('\n').at(-1)!));
    }

    it('nudges each due attempt exactly once between them', async () => {
      const results = await twoProcesses(at('2026-03-09'));
      assert.equal(results[0]!.nudged + results[1]!.nudged, 25);
      assert.equal(await eventCount(database.db, ids, 'nudge'), 25);
      const rows = await database.db.selectFrom('referral_attempt').select('nudge_count').where('id', 'in', ids).execute();
      assert.ok(rows.every((r) => r.nudge_count === 1));
      const outbox = await database.db
        .selectFrom('outbox')
        .select('recipient')
        .where('subject', '=', 'Reminder: a referral step is due')
        .execute();
      assert.equal(outbox.length, 50, 'two provider staff per attempt, once each');
    });

    it('expires each late attempt exactly once between them', async () => {
      const results = await twoProcesses(at('2026-03-17'));
      assert.equal(results[0]!.expired + results[1]!.expired, 25);
      assert.equal(await eventCount(database.db, ids, 'expire'), 25);
      const rows = await database.db.selectFrom('referral_attempt').select(['state', 'version']).where('id', 'in', ids).execute();
      assert.ok(
        rows.every((r) => r.state === 'expired' && r.version === 2),
        'sent (1), expired (2): no double transition',
      );
      const connectorNotices = await database.db
        .selectFrom('outbox')
        .select('id')
        .where('recipient', '=', w.emails.connector)
        .where('subject', '=', 'A referral expired: find something else')
        .execute();
      assert.equal(connectorNotices.length, 25);
    });
  },
);
