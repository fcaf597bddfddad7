/**
 * The kept service records (migration 0330) follow the directory whatever
 * writes it: after each kind of change to each table a record reads, made by
 * plain SQL from another connection, every kept record equals one built from
 * the tables; a transaction reads its own writes before they are kept; and
 * loadServiceRecords gives what the tables say. Both engines.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { openTestDatabase, runElsewhere, testEngine, type TestDatabase } from '../../../test/support/test-db.ts';
import { fixtureId, locationFixture, organizationFixture, saveFixtures, serviceFixture } from '../../../test/support/directory-fixtures.ts';
import { loadServiceRecords } from './service-read.repository.ts';
import { ensureVocabulary } from './vocabulary.repository.ts';

type Db = TestDatabase['db'];
type Records = Record<string, unknown>;

const TODAY = '2026-12-06';
const tea = fixtureId('service:kept-tea');
const art = fixtureId('service:kept-art');
const hall = fixtureId('location:kept-hall');
const org = fixtureId('org:kept-hub');

async function kept(db: Db): Promise<Records> {
  const { rows } = await sql<{ id: string; record: string }>`select service_id as id, record from belong_service_record`.execute(db);
  return Object.fromEntries(rows.map((r) => [r.id, JSON.parse(r.record) as unknown]));
}

async function fromTables(db: Db): Promise<Records> {
  const { rows } = await sql<{ id: string; record: string }>`
    select id, record from belong_service_records_json(array(select id from service))`.execute(db);
  return Object.fromEntries(rows.map((r) => [r.id, JSON.parse(r.record) as unknown]));
}

async function assertFollows(db: Db, what: string): Promise<Records> {
  const pending = await sql<{ n: number }>`select count(*)::int as n from belong_match_pending`.execute(db);
  assert.equal(pending.rows[0]!.n, 0, `after ${what}, nothing is left pending`);
  const now = await kept(db);
  assert.deepEqual(now, await fromTables(db), `after ${what}, the kept records equal records built from the tables`);
  return now;
}

const record = (records: Records, id: string) => records[id] as Record<string, unknown> & { [k: string]: unknown };

describe(`kept service records follow the directory [${testEngine}]`, () => {
  let database: TestDatabase;
  before(async () => {
    database = await openTestDatabase();
    await ensureVocabulary(database.db);
    const hub = organizationFixture('kept-hub');
    await saveFixtures(database.db, [
      serviceFixture('kept-tea', {
        organization: hub,
        belong: { support_kinds: ['arts'] },
        locations: [locationFixture('kept-hall')],
        extra: {
          contacts: [
            { id: fixtureId('contact:kept'), name: 'Amina', phones: [{ id: fixtureId('contact-phone:kept'), number: '07700 900001' }] },
          ],
          cost_options: [{ id: fixtureId('cost:kept'), amount: 2 }],
        },
      }),
      serviceFixture('kept-art', { organization: hub, locations: [locationFixture('kept-hall')] }),
    ]);
  });
  after(async () => {
    await database.dispose();
  });

  it('keeps a record for every service saved through Belong', async () => {
    const now = await assertFollows(database.db, 'saving services');
    assert.deepEqual(Object.keys(now).sort(), [tea, art].sort());
    const [r] = await loadServiceRecords(database.db, [tea], TODAY);
    assert.equal(r?.contacts[0]?.phones[0]?.number, '07700 900001');
    assert.equal(r?.costOptions[0]?.amount, 2);
  });

  it('follows changes made by plain SQL from another connection, to every table a record reads', async () => {
    const term = fixtureId('term:kept');
    const taxonomy = fixtureId('taxonomy:kept');
    const unit = fixtureId('unit:kept');
    const steps: [string, string][] = [
      [
        'a service phone added',
        `insert into phone (id, service_id, number) values ('${fixtureId('phone:kept')}', '${tea}', '0113 496 0000')`,
      ],
      ['a contact phone changed', `update phone set number = '07700 900999' where id = '${fixtureId('contact-phone:kept')}'`],
      ['a contact renamed', `update contact set name = 'Amina B' where id = '${fixtureId('contact:kept')}'`],
      [
        'a venue phone added',
        `insert into phone (id, location_id, number) values ('${fixtureId('phone:hall')}', '${hall}', '01274 000999')`,
      ],
      ['an address changed', `update address set postal_code = 'BD8 7AA' where location_id = '${hall}'`],
      [
        'access details added',
        `insert into accessibility (id, location_id, description) values ('${fixtureId('access:kept')}', '${hall}', 'Ramp at the side door')`,
      ],
      ['a cost changed', `update cost_option set amount = 3 where id = '${fixtureId('cost:kept')}'`],
      ['funding added', `insert into funding (id, service_id, source) values ('${fixtureId('funding:kept')}', '${tea}', 'Lottery')`],
      ['an organisation identifier changed', `update organization_identifier set identifier = 'CH-999' where organization_id = '${org}'`],
      [
        'a closure added',
        `insert into belong_schedule_exception (id, service_id, starts_on, ends_on, description) values ('${fixtureId('closure:kept')}', '${tea}', '2026-12-24', '2026-12-27', 'Christmas')`,
      ],
      ['a taxonomy added', `insert into taxonomy (id, name, description) values ('${taxonomy}', 'Local tags', 'Ours')`],
      [
        'a term added',
        `insert into taxonomy_term (id, code, name, description, taxonomy_id) values ('${term}', 'knit', 'Knitting', 'Yarn', '${taxonomy}')`,
      ],
      [
        'a service tagged',
        `insert into attribute (id, link_id, link_entity, taxonomy_term_id) values ('${fixtureId('attr:service')}', '${tea}', 'service', '${term}')`,
      ],
      [
        'an organisation tagged',
        `insert into attribute (id, link_id, link_entity, taxonomy_term_id) values ('${fixtureId('attr:org')}', '${org}', 'organization', '${term}')`,
      ],
      [
        'a venue tagged',
        `insert into attribute (id, link_id, link_entity, taxonomy_term_id) values ('${fixtureId('attr:hall')}', '${hall}', 'location', '${term}')`,
      ],
      ['a term renamed', `update taxonomy_term set name = 'Knitting and sewing' where id = '${term}'`],
      ['a taxonomy renamed', `update taxonomy set name = 'Our tags' where id = '${taxonomy}'`],
      ['a unit added', `insert into unit (id, name) values ('${unit}', 'places')`],
      [
        'a capacity added',
        `insert into service_capacity (id, service_id, unit_id, available, updated) values ('${fixtureId('capacity:kept')}', '${tea}', '${unit}', 4, now())`,
      ],
      ['a unit renamed', `update unit set name = 'seats' where id = '${unit}'`],
      ['a venue renamed', `update location set name = 'The Hall' where id = '${hall}'`],
      ['a service renamed', `update service set name = 'Tea, renamed' where id = '${tea}'`],
      ['an organisation renamed', `update organization set name = 'Renamed hub' where id = '${org}'`],
      ['a venue tag removed', `delete from attribute where id = '${fixtureId('attr:hall')}'`],
      ['a contact removed', `delete from contact where id = '${fixtureId('contact:kept')}'`],
      ['every access detail truncated', `truncate accessibility`],
    ];
    for (const [what, statement] of steps) {
      await runElsewhere(database, statement);
      await assertFollows(database.db, what);
    }
    const now = await kept(database.db);
    const teaRecord = record(now, tea);
    assert.equal((teaRecord.service as { name: string }).name, 'Tea, renamed');
    assert.equal((teaRecord.organization as { name: string }).name, 'Renamed hub');
    assert.equal((record(now, art).organization as { name: string }).name, 'Renamed hub', 'the other service of the organisation too');
    assert.deepEqual(teaRecord.contacts, [], 'the contact is gone');

    const [r] = await loadServiceRecords(database.db, [tea], TODAY);
    assert.equal(r?.attributes[0]?.term?.name, 'Knitting and sewing');
    assert.equal(r?.attributes[0]?.term?.taxonomy_name, 'Our tags');
    assert.equal(r?.organization.attributes.length, 1);
    assert.equal(r?.organization.identifiers[0]?.identifier, 'CH-999');
    assert.equal(r?.capacities[0]?.unit.name, 'seats');
    assert.equal(r?.scheduleExceptions[0]?.description, 'Christmas');
    assert.equal(r?.funding[0]?.source, 'Lottery');
    assert.equal(r?.costOptions[0]?.amount, 3);
    assert.ok(r?.phones.some((p) => p.number === '0113 496 0000'));
    assert.equal(r?.locations[0]?.location.name, 'The Hall');
    assert.equal(r?.locations[0]?.addresses[0]?.postal_code, 'BD8 7AA');
    assert.deepEqual(r?.locations[0]?.attributes, []);
    assert.deepEqual(r?.locations[0]?.accessibility, []);
    assert.ok(r?.locations[0]?.phones.some((p) => p.number === '01274 000999'));
  });

  it('shows a transaction its own writes before they are kept, and keeps them when it commits', async () => {
    await database.db.transaction().execute(async (trx) => {
      await sql`update service set name = 'Art, in this transaction' where id = ${art}`.execute(trx);
      const [r] = await loadServiceRecords(trx, [art, tea], TODAY);
      assert.equal(r?.service.name, 'Art, in this transaction');
      const stored = await sql<{ record: string }>`select record from belong_service_record where service_id = ${art}`.execute(trx);
      assert.notEqual((JSON.parse(stored.rows[0]!.record) as { service: { name: string } }).service.name, 'Art, in this transaction');
    });
    const now = await assertFollows(database.db, 'the transaction committed');
    assert.equal((record(now, art).service as { name: string }).name, 'Art, in this transaction');
  });

  it('builds records from the tables while a bulk load defers keeping them', async () => {
    await database.db.transaction().execute(async (trx) => {
      await sql`select set_config('belong.match_rows_deferred', 'on', true)`.execute(trx);
      await sql`update service set name = 'Art, loading' where id = ${art}`.execute(trx);
      const [r] = await loadServiceRecords(trx, [art], TODAY);
      assert.equal(r?.service.name, 'Art, loading');
      await sql`select belong_service_record_refresh_all()`.execute(trx);
    });
    await assertFollows(database.db, 'a deferred transaction rebuilt them all');
  });

  it('builds a record from the tables when a service has none kept', async () => {
    await runElsewhere(database, `delete from belong_service_record where service_id = '${tea}'`);
    const [r] = await loadServiceRecords(database.db, [tea], TODAY);
    assert.equal(r?.service.name, 'Tea, renamed');
    await runElsewhere(database, `select belong_service_record_refresh(array['${tea}'::uuid])`);
    await assertFollows(database.db, 'the record was rebuilt');
  });
});
