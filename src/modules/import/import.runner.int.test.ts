import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openTestDatabase, testEngine, type TestDatabase } from '../../../test/support/test-db.ts';
import { newId, uuidV5 } from '../../platform/ids.ts';
import { saveServiceGraph, saveServiceGraphs } from '../directory/service-graph.repository.ts';
import { parseServiceGraph, type ServiceGraph, type ServiceGraphInput } from '../directory/service-graph.ts';
import { ensureVocabulary } from '../directory/vocabulary.repository.ts';
import { parseCsvMapping, type CsvContext } from './csv-mapping.ts';
import { csvRecords } from './csv-source.ts';
import { feedRecords } from './feed-source.ts';
import type { MappedRecord } from './import-record.ts';
import { importRecords } from './import.runner.ts';
import { tableCounts } from './import.test-support.ts';

const fixtures = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../../test/fixtures/import');
const mappingResult = parseCsvMapping(JSON.parse(fs.readFileSync(path.join(fixtures, 'council-mapping.json'), 'utf8')));
if (!mappingResult.ok) throw new Error(mappingResult.errors.join());
const csvContext: CsvContext = {
  source: 'council',
  mapping: mappingResult.mapping,
  geocode: () => ({ latitude: 53.79, longitude: -1.75 }),
};
const importCsv = (db: TestDatabase, file = path.join(fixtures, 'council-services.csv'), opts: { dryRun?: boolean } = {}) =>
  importRecords(db.db, csvRecords(file, csvContext), { source: 'council', ...opts });

describe(`importing fixtures [${testEngine}]`, () => {
  let database: TestDatabase;
  let tmp: string;
  before(async () => {
    database = await openTestDatabase();
    await ensureVocabulary(database.db);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'belong-import-'));
  });
  after(async () => {
    await database.dispose();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('checks a spreadsheet in a dry run without writing anything', async () => {
    const before = await tableCounts(database.db);
    const r = await importCsv(database, undefined, { dryRun: true });
    assert.equal(r.dryRun, true);
    assert.equal(r.created, 4);
    assert.equal(r.rejected.length, 4);
    assert.deepEqual(await tableCounts(database.db), before);
  });

  it('imports an ORUK 3 file, an ORUK 1.0 file and a spreadsheet, reporting each rejected record with its reasons', async () => {
    const oruk3 = await importRecords(database.db, feedRecords(path.join(fixtures, 'oruk3-services.json'), 'feed3'), { source: 'feed3' });
    assert.deepEqual([oruk3.created, oruk3.updated, oruk3.unchanged], [3, 0, 0]);
    assert.deepEqual(
      oruk3.rejected.map((r) => r.ref),
      ['service svc-104', 'service svc-105'],
    );
    const oruk1 = await importRecords(database.db, feedRecords(path.join(fixtures, 'oruk1-feed.json'), 'feed1'), { source: 'feed1' });
    assert.deepEqual([oruk1.created, oruk1.rejected.length], [2, 1]);
    assert.match(oruk1.rejected[0]!.reasons[0]!, /service\.status/);
    const csv = await importCsv(database);
    assert.deepEqual([csv.created, csv.updated, csv.unchanged], [4, 0, 0]);
    assert.deepEqual(csv.rejected, [
      { ref: 'line 6', reasons: ['Service name: is missing'] },
      { ref: 'line 7', reasons: ['Postcode: "XX9 9ZZ" is not a valid UK postcode'] },
      { ref: 'line 8', reasons: ['Time: the closing time must be after the opening time'] },
      {
        ref: 'line 9',
        reasons: [
          'Day(s): could not read the days "When it rains"',
          'Time: could not read the time "afternoons" (write it like 10am-12pm or 10:00-12:00)',
          'How to access (self-referral / professional referral / formal assessment): could not tell how to get in from "Sometimes" (write drop in, self-referral, professional referral or formal assessment)',
          'Women only?: "Maybe" is not yes or no',
        ],
      },
    ]);
    assert.deepEqual(csv.warnings, [{ ref: 'line 5', messages: ['Languages spoken: "Klingon" is not a language we know; left out'] }]);

    const cafe = await database.db
      .selectFrom('service')
      .innerJoin('belong_service', 'belong_service.service_id', 'service.id')
      .select(['service.name', 'belong_service.gender', 'belong_service.entry', 'belong_service.childcare'])
      .where('service.id', '=', '31e82f2e-7c2d-42ea-95ef-19090b930bf9')
      .executeTakeFirstOrThrow();
    assert.deepEqual(cafe, { name: "Women's Conversation Café", gender: 'women_only', entry: 'drop_in', childcare: true });
    const meta = await database.db
      .selectFrom('metadata')
      .select(['last_action_type', 'updated_by'])
      .where('resource_id', '=', '31e82f2e-7c2d-42ea-95ef-19090b930bf9')
      .execute();
    assert.deepEqual(meta, [{ last_action_type: 'create', updated_by: 'import:feed3' }]);
  });

  it('stores imported taxonomy terms and links attributes to them, dropping a parent that does not exist', async () => {
    const term = await database.db
      .selectFrom('taxonomy_term')
      .selectAll()
      .where('id', '=', '53a2a6e7-62f0-47ab-92a8-503f053be46b')
      .executeTakeFirstOrThrow();
    assert.equal(term.name, 'Social activities');
    assert.equal(term.parent_id, null);
    const taxonomy = await database.db.selectFrom('taxonomy').select('name').where('id', '=', term.taxonomy_id!).executeTakeFirstOrThrow();
    assert.equal(taxonomy.name, 'Local service types');
    const attrs = await database.db
      .selectFrom('attribute')
      .select('taxonomy_term_id')
      .where('link_id', '=', '31e82f2e-7c2d-42ea-95ef-19090b930bf9')
      .execute();
    assert.deepEqual(attrs, [{ taxonomy_term_id: term.id }]);
    const oldTerms = await database.db
      .selectFrom('taxonomy_term')
      .select(['code', 'parent_id', 'id'])
      .where('taxonomy', '=', 'BCC service types')
      .orderBy('code')
      .execute();
    assert.deepEqual(
      oldTerms.map((t) => t.code),
      ['bccsource:Community', 'bccsource:SocialGroups'],
    );
    assert.equal(oldTerms[1]!.parent_id, oldTerms[0]!.id);
  });

  it('creates nothing when the same imports run again, and reports the records unchanged', async () => {
    const first = await tableCounts(database.db);
    const oruk3 = await importRecords(database.db, feedRecords(path.join(fixtures, 'oruk3-services.json'), 'feed3'), { source: 'feed3' });
    const oruk1 = await importRecords(database.db, feedRecords(path.join(fixtures, 'oruk1-feed.json'), 'feed1'), { source: 'feed1' });
    const csv = await importCsv(database);
    for (const [r, n] of [
      [oruk3, 3],
      [oruk1, 2],
      [csv, 4],
    ] as const) {
      assert.deepEqual([r.created, r.updated, r.unchanged], [0, 0, n]);
    }
    assert.equal(csv.rejected.length, 4, 'rejected rows are reported again');
    assert.deepEqual(await tableCounts(database.db), first);

    const forced = await importRecords(database.db, csvRecords(path.join(fixtures, 'council-services.csv'), csvContext), {
      source: 'council',
      force: true,
    });
    assert.deepEqual([forced.created, forced.updated, forced.unchanged], [0, 4, 0], '--force saves unchanged records again');
    assert.deepEqual(await tableCounts(database.db), first, 'saving identical content again adds no rows, not even to the change log');
  });

  it('puts back a service deleted from the directory since the last import, even though the source has not changed', async () => {
    const gone = await database.db.selectFrom('service').select('id').where('name', '=', 'Sewing Circle').executeTakeFirstOrThrow();
    await database.db.deleteFrom('service').where('id', '=', gone.id).execute();
    const r = await importCsv(database);
    assert.deepEqual([r.created, r.unchanged], [1, 3]);
    assert.ok(await database.db.selectFrom('service').select('id').where('id', '=', gone.id).executeTakeFirst());
  });

  it('updates a changed row in place and writes the change to the metadata log', async () => {
    const changed = path.join(tmp, 'changed.csv');
    fs.writeFileSync(
      changed,
      fs
        .readFileSync(path.join(fixtures, 'council-services.csv'), 'utf8')
        .replace('Gentle football for all fitness levels.', 'Gentle football for every fitness level.'),
    );
    const before = await tableCounts(database.db);
    const r = await importCsv(database, changed);
    assert.deepEqual([r.created, r.updated, r.unchanged], [0, 1, 3]);
    const after = await tableCounts(database.db);
    assert.deepEqual({ ...after, metadata: 0, belong_import_source: 0 }, { ...before, metadata: 0, belong_import_source: 0 });
    assert.equal(after.belong_import_source, before.belong_import_source);
    const football = await database.db
      .selectFrom('service')
      .select(['id', 'description'])
      .where('name', '=', 'Walking Football')
      .executeTakeFirstOrThrow();
    assert.equal(football.description, 'Gentle football for every fitness level.');
    const log = await database.db
      .selectFrom('metadata')
      .select(['last_action_type', 'field_name', 'previous_value', 'replacement_value', 'updated_by'])
      .where('resource_id', '=', football.id)
      .where('last_action_type', '=', 'update')
      .execute();
    assert.deepEqual(log, [
      {
        last_action_type: 'update',
        field_name: 'description',
        previous_value: 'Gentle football for all fitness levels.',
        replacement_value: 'Gentle football for every fitness level.',
        updated_by: 'import:council',
      },
    ]);
    assert.equal(after.metadata, before.metadata + 1);
  });

  it('reports a repeated spreadsheet row instead of importing it twice', async () => {
    const twice = path.join(tmp, 'twice.csv');
    const lines = fs.readFileSync(path.join(fixtures, 'council-services.csv'), 'utf8').trimEnd().split('\n');
    fs.writeFileSync(twice, [...lines.slice(0, 3), lines[1]].join('\n'));
    const r = await importCsv(database, twice);
    assert.deepEqual(r.rejected, [
      {
        ref: 'line 4',
        reasons: ['is the same service as line 2 (same organisation, service name and postcode): each service must appear once'],
      },
    ]);
  });
});

/** A small valid graph; `n` picks ids. */
function graphInput(n: number, over: Partial<ServiceGraphInput> = {}): ServiceGraphInput {
  const sid = uuidV5(`t:service:${n}`);
  return {
    organization: { id: uuidV5(`t:org:${n % 2}`), name: `Org ${n % 2}` },
    service: { id: sid, name: `Service ${n}`, description: `Description ${n}` },
    locations: [
      {
        id: uuidV5(`t:loc:${n % 3}`),
        name: `Hall ${n % 3}`,
        latitude: 53.79,
        longitude: -1.75,
        addresses: [{ id: uuidV5(`t:addr:${n % 3}:${n}`), address_1: `${n} High Street`, city: 'Bradford', postal_code: 'BD1 1AA' }],
        phones: [{ id: uuidV5(`t:lphone:${n % 3}:${n}`), number: `0100 ${n}` }],
      },
    ],
    schedules: [
      {
        id: uuidV5(`t:sched:${n}`),
        location_id: uuidV5(`t:loc:${n % 3}`),
        freq: 'WEEKLY',
        byday: 'MO',
        opens_at: '10:00',
        closes_at: '12:00',
      },
    ],
    schedule_exceptions: [{ id: uuidV5(`t:exc:${n}`), starts_on: '2024-12-24', ends_on: '2024-12-26' }],
    languages: [{ id: uuidV5(`t:lang:${n}`), code: 'ur' }],
    phones: [{ id: uuidV5(`t:phone:${n}`), number: `0200 ${n}` }],
    contacts: [{ id: uuidV5(`t:contact:${n}`), name: 'Sam', phones: [{ id: uuidV5(`t:cphone:${n}`), number: `0300 ${n}` }] }],
    cost_options: [{ id: uuidV5(`t:cost:${n}`), amount: 2, currency: 'GBP' }],
    service_areas: [{ id: uuidV5(`t:area:${n}`), name: 'Bradford' }],
    funding: [{ id: uuidV5(`t:fund:${n}`), source: 'Council' }],
    capacities: [
      { id: uuidV5(`t:cap:${n}`), unit: { id: uuidV5('t:unit:places'), name: 'places' }, available: n, updated: '2024-05-01T10:00:00Z' },
    ],
    belong: { gender: n % 2 ? 'women_only' : 'mixed', support_kinds: ['befriending'], modes: ['in_person', 'phone'] },
    ...over,
  };
}
const graph = (input: ServiceGraphInput): ServiceGraph => {
  const p = parseServiceGraph(input);
  if (!p.ok) throw new Error(p.errors.join('; '));
  return p.value;
};
const record = (n: number, input: ServiceGraphInput): MappedRecord => ({
  ref: `record ${n}`,
  externalId: `e${n}`,
  input,
  problems: [],
  warnings: [],
});

const DUMPED = [
  'organization',
  'organization_identifier',
  'service',
  'belong_service',
  'location',
  'belong_location',
  'address',
  'accessibility',
  'service_at_location',
  'schedule',
  'belong_schedule_exception',
  'language',
  'phone',
  'contact',
  'cost_option',
  'service_area',
  'funding',
  'unit',
  'service_capacity',
  'attribute',
  'metadata',
] as const;
const VOLATILE = new Set(['last_modified', 'search_tsv']);

/** Every row of the directory tables, without timestamps set at save time and metadata's random ids. */
async function dump(database: TestDatabase): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of DUMPED) {
    const rows = (await database.db.selectFrom(table).selectAll().execute()) as Record<string, unknown>[];
    const clean = rows.map((r) => {
      const c = Object.fromEntries(Object.entries(r).filter(([k]) => !VOLATILE.has(k)));
      if (table === 'metadata') {
        delete c.id;
        delete c.last_action_date;
      }
      return JSON.stringify(c);
    });
    out[table] = clean.sort();
  }
  return out;
}

describe(`saving many services at once [${testEngine}]`, () => {
  let database: TestDatabase;
  before(async () => {
    database = await openTestDatabase();
  });
  after(async () => {
    await database.dispose();
  });
  const wipe = () => database.exec('TRUNCATE organization, location, unit, metadata, attribute, phone, belong_import_source CASCADE');

  it('a batch leaves exactly the rows that saving the services one by one leaves, on first save and on update', async () => {
    const first = [0, 1, 2, 3, 4, 5].map((n) => graph(graphInput(n)));
    // Second round: changed fields, a location dropped, children replaced, shared organisation renamed.
    const second = [0, 1, 2, 6].map((n) =>
      graph(
        graphInput(n, {
          organization: { id: uuidV5(`t:org:${n % 2}`), name: `Renamed org ${n % 2}` },
          service: { id: uuidV5(`t:service:${n}`), name: `Service ${n}`, description: `New description ${n}`, status: 'inactive' },
          locations: n === 1 ? [] : undefined,
          schedules: n === 1 ? [] : undefined,
          languages: [{ id: uuidV5(`t:lang2:${n}`), code: 'pl' }],
        }),
      ),
    );
    for (const g of first) await saveServiceGraph(database.db, g, 'one-by-one');
    for (const g of second) await saveServiceGraph(database.db, g, 'one-by-one');
    const sequential = await dump(database);
    await wipe();
    await database.db.transaction().execute((trx) => saveServiceGraphs(trx, first, 'one-by-one'));
    const results = await database.db.transaction().execute((trx) => saveServiceGraphs(trx, second, 'one-by-one'));
    const bulk = await dump(database);
    for (const table of DUMPED) assert.deepEqual(bulk[table], sequential[table], `table ${table}`);
    assert.deepEqual(
      results.map((r) => r.created),
      [false, false, false, true],
    );
    assert.ok(results[0]!.changedFields.includes('description') && results[0]!.changedFields.includes('status'));
    assert.ok(sequential.metadata!.length > 10, 'the comparison covers create and update log rows');
  });

  it('leaves out only the record the database refuses, whole, and saves the rest of its batch', async () => {
    await wipe();
    const shared = uuidV5('t:contact:clash');
    const good1 = graphInput(10, { contacts: [{ id: shared, name: 'First' }] });
    // Same contact id as another service: the database refuses it only when saving.
    const clash = graphInput(11, {
      organization: { id: uuidV5('t:org:only-clash'), name: 'Only here' },
      locations: [{ id: uuidV5('t:loc:only-clash'), name: 'Only here', addresses: [] }],
      schedules: [],
      contacts: [{ id: shared, name: 'Second' }],
    });
    const good2 = graphInput(12);
    const r = await importRecords(database.db, [record(10, good1), record(11, clash), record(12, good2)], { source: 'clash' });
    assert.deepEqual([r.created, r.rejected.length], [2, 1]);
    assert.equal(r.rejected[0]!.ref, 'record 11');
    // A sentence a data officer understands, never the database's own message.
    assert.equal(
      r.rejected[0]!.reasons[0]!,
      'could not be saved: its contact has the same id as one already in the directory from another record; give each its own id',
    );
    assert.doesNotMatch(r.rejected[0]!.reasons.join(' '), /duplicate key|violates|constraint/);
    const sid = uuidV5('t:service:11');
    assert.equal(await database.db.selectFrom('service').select('id').where('id', '=', sid).executeTakeFirst(), undefined);
    assert.equal(
      await database.db.selectFrom('organization').select('id').where('id', '=', uuidV5('t:org:only-clash')).executeTakeFirst(),
      undefined,
    );
    assert.equal(
      await database.db.selectFrom('location').select('id').where('id', '=', uuidV5('t:loc:only-clash')).executeTakeFirst(),
      undefined,
    );
    assert.equal(await database.db.selectFrom('language').select('id').where('service_id', '=', sid).executeTakeFirst(), undefined);
    const sources = await database.db
      .selectFrom('belong_import_source')
      .select('external_id')
      .where('source', '=', 'clash')
      .where('entity', '=', 'service')
      .orderBy('external_id')
      .execute();
    assert.deepEqual(
      sources.map((s) => s.external_id),
      ['e10', 'e12'],
    );
    // The refused record is not remembered as imported, so fixing it and running again saves it.
    const again = await importRecords(
      database.db,
      [record(10, good1), record(11, { ...clash, contacts: [{ id: newId(), name: 'Second' }] }), record(12, good2)],
      { source: 'clash' },
    );
    assert.deepEqual([again.created, again.unchanged, again.rejected.length], [1, 2, 0]);
  });
});
