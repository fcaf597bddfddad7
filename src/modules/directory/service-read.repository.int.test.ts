import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { KyselyPlugin } from 'kysely';
import { openTestDatabase, testEngine, type TestDatabase } from '../../../test/support/test-db.ts';
import { fixtureId, locationFixture, organizationFixture, saveFixtures, serviceFixture } from '../../../test/support/directory-fixtures.ts';
import { loadServiceAtLocationSummaries, loadServiceRecords, loadServiceSummaries } from './service-read.repository.ts';
import { serviceAtLocationId } from './service-graph.repository.ts';
import { ensureVocabulary } from './vocabulary.repository.ts';

const KEYS = ['a', 'b', 'c', 'd', 'e', 'f'];

describe(`loading services for output [${testEngine}]`, () => {
  let database: TestDatabase;
  const shared = locationFixture('shared hall', { name: 'Shared Hall' });

  before(async () => {
    database = await openTestDatabase();
    await ensureVocabulary(database.db);
    const org = organizationFixture('hub');
    await saveFixtures(
      database.db,
      KEYS.map((k, i) =>
        serviceFixture(k, {
          organization: org,
          belong: { support_kinds: ['arts'] },
          locations: i < 2 ? [shared] : [locationFixture(k)],
          extra: {
            contacts: [
              {
                id: fixtureId(`contact:${k}`),
                name: `Contact ${k}`,
                phones: [{ id: fixtureId(`contact-phone:${k}`), number: `07700 90000${i}` }],
              },
            ],
            cost_options: [{ id: fixtureId(`cost:${k}`), amount: i }],
          },
        }),
      ),
    );
  });
  after(async () => {
    await database.dispose();
  });

  function counting() {
    let queries = 0;
    const plugin: KyselyPlugin = {
      transformQuery: (args) => {
        queries++;
        return args.node;
      },
      transformResult: async (args) => args.result,
    };
    return { db: database.db.withPlugin(plugin), count: () => queries };
  }

  it('loads one service or six with the same, fixed number of queries', async () => {
    const one = counting();
    await loadServiceRecords(one.db, [fixtureId('service:a')], '2025-01-01');
    const six = counting();
    const records = await loadServiceRecords(
      six.db,
      KEYS.map((k) => fixtureId(`service:${k}`)),
      '2025-01-01',
    );
    assert.equal(records.length, 6);
    assert.equal(six.count(), one.count());
    // Two waves: the services and places, then one query per child table (holiday closures and capacities included),
    // plus one read of the directory's change counter (Belong's vocabulary is kept until it moves).
    assert.ok(six.count() <= 19, `${six.count()} queries`);
  });

  it('returns services in the order asked, skipping unknown ids', async () => {
    const ids = [fixtureId('service:c'), fixtureId('service:nope'), fixtureId('service:a')];
    const records = await loadServiceRecords(database.db, ids, '2025-01-01');
    assert.deepEqual(
      records.map((r) => r.service.id),
      [fixtureId('service:c'), fixtureId('service:a')],
    );
    assert.deepEqual(await loadServiceRecords(database.db, [], '2025-01-01'), []);
  });

  it('attaches each child row to the right service, including a location two services share', async () => {
    const [a, b, c] = await loadServiceRecords(
      database.db,
      ['a', 'b', 'c'].map((k) => fixtureId(`service:${k}`)),
      '2025-01-01',
    );
    assert.equal(a!.locations[0]!.location.id, shared.id);
    assert.equal(b!.locations[0]!.location.id, shared.id);
    assert.equal(a!.locations[0]!.serviceAtLocationId, serviceAtLocationId(a!.service.id, shared.id));
    assert.equal(a!.locations[0]!.addresses.length, 1);
    assert.equal(a!.locations[0]!.phones[0]!.number, '01274 000111');
    assert.equal(c!.contacts[0]!.phones[0]!.number, '07700 900002');
    assert.equal(c!.costOptions[0]!.amount, 2);
    assert.equal(c!.organization.identifiers.length, 1);
    assert.ok(c!.belongTerms.some((t) => t.code === 'support:arts'));
    assert.equal(a!.phones[0]!.number, '07700 900123', 'service phones stay apart from location phones');
  });

  it('loads list summaries with their organisation, in order', async () => {
    const s = await loadServiceSummaries(database.db, [fixtureId('service:f'), fixtureId('service:e')]);
    assert.deepEqual(
      s.map((x) => x.service.id),
      [fixtureId('service:f'), fixtureId('service:e')],
    );
    assert.equal(s[0]!.organization.id, fixtureId('org:hub'));
    const salId = serviceAtLocationId(fixtureId('service:d'), fixtureId('location:d'));
    const [sal] = await loadServiceAtLocationSummaries(database.db, [salId]);
    assert.equal(sal!.service.id, fixtureId('service:d'));
    assert.equal(sal!.location.id, fixtureId('location:d'));
  });
});
