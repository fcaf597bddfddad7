/**
 * Matching's own rows (migration 0300) follow the directory whatever writes
 * it: after each kind of change to each source table, made through Belong or
 * by plain SQL from another connection, the rows equal a rebuild from
 * scratch; and what they hold is what the rules need (language keys,
 * service-area codes, public places only, the phone and online services).
 * Both engines.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import pg from 'pg';
import { openTestDatabase, runElsewhere, testEngine, type TestDatabase } from '../../../test/support/test-db.ts';
import { bulkLoadServices } from '../demo/bulk-load.ts';
import { ensureVocabulary } from '../directory/vocabulary.repository.ts';
import { loadCandidates } from './match.repository.ts';
import { saveCandidates } from './match.test-graphs.ts';
import { candidate, idOf, north, TODAY } from './match.test-support.ts';

type Snapshot = { service: unknown[]; remote: unknown[]; place: unknown[] };

async function snapshot(db: TestDatabase['db']): Promise<Snapshot> {
  const service = await sql`select * from belong_match_service order by service_id`.execute(db);
  const remote = await sql`select * from belong_match_remote order by service_id`.execute(db);
  const place = await sql`select *, point::text as point from belong_match_place order by service_id, location_id`.execute(db);
  return { service: service.rows, remote: remote.rows, place: place.rows };
}

/** The rows as a rebuild from scratch makes them (rolled back, so the kept rows stay as the triggers left them). */
async function rebuilt(db: TestDatabase['db']): Promise<Snapshot> {
  let fresh: Snapshot | undefined;
  await db
    .transaction()
    .execute(async (trx) => {
      await sql`select belong_match_refresh_all()`.execute(trx);
      fresh = await snapshot(trx as unknown as TestDatabase['db']);
      throw new Error('roll back');
    })
    .catch((e: Error) => {
      if (e.message !== 'roll back') throw e;
    });
  return fresh!;
}

async function assertFollows(db: TestDatabase['db'], after: string): Promise<Snapshot> {
  const pending = await sql<{ n: number }>`select count(*)::int as n from belong_match_pending`.execute(db);
  assert.equal(pending.rows[0]!.n, 0, `after ${after}, nothing is left pending`);
  const kept = await snapshot(db);
  assert.deepEqual(kept, await rebuilt(db), `after ${after}, the kept rows equal a rebuild`);
  return kept;
}

const tea = idOf('rows:tea');
const phoneLine = idOf('rows:phone');
const secret = idOf('rows:refuge');

describe(`matching's rows follow the directory [${testEngine}]`, () => {
  let database: TestDatabase;
  before(async () => {
    database = await openTestDatabase();
    await saveCandidates(database.db, [
      candidate('rows:tea', {
        serviceId: tea,
        languages: ['ar-SY', 'en'],
        points: [north(100), north(400)],
        serviceAreas: [{ name: 'Bradford west', outcodes: ['BD8', 'BD9'], polygons: null }],
      }),
      candidate('rows:phone', { serviceId: phoneLine, modes: ['phone'], points: [], languages: [] }),
      candidate('rows:refuge', { serviceId: secret, points: [north(50)] }),
    ]);
  });
  after(async () => {
    await database.dispose();
  });

  it('holds what the rules test, for services saved through Belong', async () => {
    const kept = await assertFollows(database.db, 'saving services');
    const row = kept.service.find((r) => (r as { service_id: string }).service_id === tea) as Record<string, unknown>;
    assert.deepEqual(row.language_keys, ['ar', 'en']);
    assert.equal(row.has_languages, true);
    assert.equal(row.has_outcode_area, true);
    assert.deepEqual([...(row.area_outcodes as string[])].sort(), ['BD8', 'BD9']);
    assert.equal(kept.place.filter((p) => (p as { service_id: string }).service_id === tea).length, 2);
    assert.deepEqual(
      kept.remote.map((r) => (r as { service_id: string }).service_id),
      [phoneLine],
      'only the phone service is among the remote ones',
    );
    const [c] = await loadCandidates(database.db, [tea], TODAY);
    assert.equal(c?.serviceId, tea);
    assert.equal(c?.points.length, 2);
    assert.deepEqual(c?.serviceAreas?.[0]?.outcodes, ['BD8', 'BD9']);
  });

  it('follows changes made by plain SQL from another connection, table by table', async () => {
    const steps: [string, string][] = [
      ['a language added', `insert into language (id, service_id, name, code) values ('${idOf('rows:lang')}', '${tea}', 'Urdu', 'ur')`],
      ['a language removed', `delete from language where id = '${idOf('rows:lang')}'`],
      ['capacity full', `update belong_service set capacity_status = 'full' where service_id = '${tea}'`],
      ['phone and online added', `update belong_service set modes = array['in_person', 'online'] where service_id = '${tea}'`],
      [
        'an organisation renamed',
        `update organization set name = 'Renamed group' where id = (select organization_id from service where id = '${tea}')`,
      ],
      ['a service renamed and closed', `update service set name = 'Tea, later', status = 'inactive' where id = '${tea}'`],
      ['a service area changed', `update service_area set extent = 'LS6' where service_id = '${tea}'`],
      [
        'a schedule added',
        `insert into schedule (id, service_id, freq, byday, opens_at, closes_at) values ('${idOf('rows:sched')}', '${tea}', 'WEEKLY', 'MO', '10:00', '12:00')`,
      ],
      [
        'a venue moved',
        `update location set latitude = latitude + 0.01 where id in (select location_id from service_at_location where service_id = '${tea}')`,
      ],
      [
        'a venue made confidential',
        `insert into belong_location (location_id, confidential) select location_id, true from service_at_location where service_id = '${secret}' on conflict (location_id) do update set confidential = true`,
      ],
      [
        'a service taken off a venue',
        `delete from service_at_location where service_id = '${tea}' and location_id = (select min(location_id::text)::uuid from service_at_location where service_id = '${tea}')`,
      ],
      ['a venue deleted', `delete from location where id in (select location_id from service_at_location where service_id = '${secret}')`],
      ['a service deleted', `delete from service where id = '${phoneLine}'`],
      ['every schedule truncated', `truncate schedule cascade`],
    ];
    for (const [what, statement] of steps) {
      await runElsewhere(database, statement);
      await assertFollows(database.db, what);
    }
    const kept = await snapshot(database.db);
    const row = kept.service.find((r) => (r as { service_id: string }).service_id === tea) as Record<string, unknown>;
    assert.equal((JSON.parse(row.card as string) as { organization_name: string }).organization_name, 'Renamed group');
    assert.equal(row.status, 'inactive');
    assert.equal(row.capacity_status, 'full');
    assert.deepEqual(row.area_outcodes, ['LS6']);
    assert.ok(
      kept.remote.some((r) => (r as { service_id: string }).service_id === tea),
      'online now, so among the remote ones',
    );
    assert.ok(!kept.service.some((r) => (r as { service_id: string }).service_id === phoneLine), 'a deleted service has no rows');
    assert.ok(!kept.place.some((p) => (p as { service_id: string }).service_id === secret), 'a confidential venue is never a place');
  });

  it('follow two transactions that change one service at the same time', { skip: testEngine !== 'postgres' }, async () => {
    const name = (await sql<{ db: string }>`select current_database() as db`.execute(database.db)).rows[0]!.db;
    const url = new URL(process.env.BELONG_TEST_PG_URL!);
    url.pathname = `/${name}`;
    const clients = [new pg.Client({ connectionString: url.toString() }), new pg.Client({ connectionString: url.toString() })];
    await Promise.all(clients.map((c) => c.connect()));
    try {
      const [a, b] = clients as [pg.Client, pg.Client];
      await a.query('begin');
      await b.query('begin');
      await a.query(`insert into language (id, service_id, name, code) values ($1, $2, 'Polish', 'pl')`, [idOf('rows:pl'), tea]);
      // The second change to the same service waits for the first transaction to end.
      let bWrote = false;
      const write = b.query(`update belong_service set childcare = true where service_id = $1`, [tea]).then(() => (bWrote = true));
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.equal(bWrote, false, 'the second waits');
      await a.query('commit');
      await write;
      await b.query('commit');
    } finally {
      await Promise.all(clients.map((c) => c.end()));
    }
    const kept = await assertFollows(database.db, 'two transactions at once');
    const row = kept.service.find((r) => (r as { service_id: string }).service_id === tea) as Record<string, unknown>;
    assert.ok((row.language_keys as string[]).includes('pl'), 'the one change');
    assert.equal((JSON.parse(row.card as string) as { childcare: boolean }).childcare, true, 'and the other');
  });

  it('are rebuilt once after a bulk load, which defers them', async () => {
    const own = await openTestDatabase();
    try {
      await ensureVocabulary(own.db);
      await bulkLoadServices(own.db, { services: 300, dropIndexes: true, today: TODAY });
      const kept = await assertFollows(own.db, 'a bulk load');
      assert.equal(kept.service.length, 300);
      assert.ok(kept.place.length > 100);
      assert.ok(kept.remote.length > 0);
    } finally {
      await own.dispose();
    }
  });
});
