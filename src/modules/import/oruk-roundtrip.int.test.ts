import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openTestDatabase, testEngine, type TestDatabase } from '../../../test/support/test-db.ts';
import { uuidV5 } from '../../platform/ids.ts';
import { loadServiceRecords } from '../directory/service-read.repository.ts';
import { saveServiceGraph } from '../directory/service-graph.repository.ts';
import { parseServiceGraph, type ServiceGraph } from '../directory/service-graph.ts';
import { ensureVocabulary } from '../directory/vocabulary.repository.ts';
import { orukService } from '../oruk/oruk.mapper.ts';
import { mapOruk3Service, newFeedContext } from './oruk3.mapper.ts';

const published = (g: ServiceGraph) => {
  const b = g.belong;
  return {
    gender: b.gender,
    entry: b.entry,
    cost_band: b.cost_band,
    capacity_status: b.capacity_status,
    faith: b.faith,
    childcare: b.childcare,
    transport_offered: b.transport_offered,
    accompany_first_visit: b.accompany_first_visit,
    interpreter_available: b.interpreter_available,
    modes: b.modes,
    food: b.food,
    support_kinds: b.support_kinds,
  };
};

describe(`a service published by Belong's ORUK feed and imported by another Belong [${testEngine}]`, () => {
  let database: TestDatabase;
  before(async () => {
    database = await openTestDatabase();
    await ensureVocabulary(database.db);
  });
  after(async () => {
    await database.dispose();
  });

  it('keeps its ids, schedules, languages and every published Belong field', async () => {
    const sid = uuidV5('roundtrip:service');
    const lid = uuidV5('roundtrip:location');
    const parsed = parseServiceGraph({
      organization: { id: uuidV5('roundtrip:org'), name: 'Sisters Together', description: 'A women’s group.' },
      service: { id: sid, name: 'Stitch and Chat', description: 'Sewing and conversation.', application_process: 'Ask your link worker.' },
      locations: [
        {
          id: lid,
          name: 'Carlisle Business Centre',
          latitude: 53.8,
          longitude: -1.77,
          addresses: [{ id: uuidV5('roundtrip:address'), address_1: '60 Carlisle Road', city: 'Bradford', postal_code: 'BD8 8BD' }],
        },
      ],
      schedules: [
        { id: uuidV5('roundtrip:schedule'), location_id: lid, freq: 'WEEKLY', byday: 'WE', opens_at: '13:00', closes_at: '15:00' },
      ],
      languages: [
        { id: uuidV5('roundtrip:lang:ur'), code: 'ur', name: 'Urdu' },
        { id: uuidV5('roundtrip:lang:ckb'), code: 'ckb', name: 'Kurdish (Sorani)' },
      ],
      cost_options: [{ id: uuidV5('roundtrip:cost'), amount: 1.5, currency: 'GBP', amount_description: 'for materials' }],
      belong: {
        gender: 'women_only',
        entry: 'professional_referral',
        cost_band: 'low_cost',
        capacity_status: 'waiting_list',
        faith: 'faith_friendly',
        childcare: true,
        transport_offered: true,
        accompany_first_visit: true,
        interpreter_available: true,
        modes: ['in_person', 'online'],
        food: ['halal', 'vegetarian'],
        support_kinds: ['arts', 'shared_identity_group'],
      },
    });
    if (!parsed.ok) assert.fail(parsed.errors.join('; '));
    const original = parsed.value;
    await saveServiceGraph(database.db, original, 'test');

    const [record] = await loadServiceRecords(database.db, [sid], '2025-01-01');
    const feedJson = JSON.parse(JSON.stringify(orukService(record!)));
    const mapped = mapOruk3Service(feedJson, newFeedContext('peer-belong'), 1);
    assert.deepEqual(mapped.problems, []);
    const again = parseServiceGraph(mapped.input);
    if (!again.ok) assert.fail(again.errors.join('; '));
    const g = again.value;

    assert.deepEqual(published(g), published(original));
    assert.equal(g.service.id, sid);
    assert.equal(g.organization.id, original.organization.id);
    assert.deepEqual(
      g.locations.map((l) => [l.id, l.addresses[0]!.postal_code]),
      [[lid, 'BD8 8BD']],
    );
    assert.deepEqual(
      g.schedules.map((s) => [s.id, s.byday, s.opens_at, s.location_id]),
      [[original.schedules[0]!.id, 'WE', '13:00:00', lid]],
    );
    assert.deepEqual(g.languages.map((l) => l.code).sort(), ['ckb', 'ur']);
    assert.equal(g.cost_options[0]!.amount, 1.5);
    assert.deepEqual(g.attributes, [], 'Belong’s own terms come back as fields, not attributes');
  });
});
