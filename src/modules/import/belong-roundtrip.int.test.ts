/**
 * Round trip (issue 10): the whole demo area, plus services that state every
 * Belong field or nothing at all, published by one Belong's `/oruk` and
 * imported into a fresh Belong, gives the same stored services, Belong
 * fields included.
 *
 * What is left out of the comparison, on purpose: Belong's own curation
 * (who verified a listing, when its next review is due, the assurer's email),
 * which is never published; the address, position and notes of a place whose
 * address is kept private (a refuge), which must never leave the first
 * Belong; the `state_province` the feed fills in because ORUK requires it;
 * and timestamps of when rows were written.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openTestDatabase, testEngine, type TestDatabase } from '../../../test/support/test-db.ts';
import { saveFixtures, serviceFixture, fixtureId, locationFixture } from '../../../test/support/directory-fixtures.ts';
import { seedDemoArea } from '../demo/demo.seed.ts';
import { loadServiceRecords } from '../directory/directory.service.ts';
import type { ServiceRecord } from '../directory/service-record.ts';
import { ensureVocabulary } from '../directory/vocabulary.repository.ts';
import { loadOrukValidator } from '../oruk/oruk-schema.validator.ts';
import { serviceById } from '../oruk/oruk.service.ts';
import { importRecords } from './import.runner.ts';
import { mapOruk3Service, newFeedContext } from './oruk3.mapper.ts';

const TODAY = '2026-03-02';
const validator = loadOrukValidator();

const byId = <T extends { id: string }>(xs: readonly T[]) => [...xs].sort((a, b) => a.id.localeCompare(b.id));
const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : v);
const without = <T extends object>(o: T, ...keys: string[]) =>
  Object.fromEntries(
    Object.entries(o)
      .filter(([k]) => !keys.includes(k))
      .map(([k, v]) => [k, iso(v)]),
  );
const sortKeys = (o: Record<string, unknown> | null | undefined) => Object.fromEntries(Object.entries(o ?? {}).sort());

/** A stored service as the comparison sees it (see the module comment for what is left out). */
function comparable(r: ServiceRecord) {
  return {
    service: without(r.service, 'last_modified', 'assurer_email'),
    organization: {
      ...without(r.organization, 'last_modified', 'attributes', 'identifiers'),
      identifiers: byId(r.organization.identifiers),
    },
    belong: {
      ...without(r.belong!, 'verified_by', 'review_due'),
      accessibility: sortKeys(r.belong!.accessibility),
      requirements: sortKeys(r.belong!.requirements),
    },
    schedules: byId(r.schedules),
    exceptions: byId(r.scheduleExceptions),
    areas: byId(r.serviceAreas),
    languages: byId(r.languages),
    phones: byId(r.phones),
    contacts: byId(r.contacts).map((c) => ({ ...c, phones: byId(c.phones) })),
    costs: byId(r.costOptions),
    funding: byId(r.funding),
    capacities: byId(r.capacities).map((c) => without(c, 'unit')),
    units: byId(r.capacities.map((c) => c.unit)),
    attributes: byId(r.attributes).map((a) => without(a, 'term')),
    locations: [...r.locations]
      .sort((a, b) => a.location.id.localeCompare(b.location.id))
      .map((l) =>
        l.confidential
          ? { id: l.location.id, confidential: true, areaName: l.areaName, phones: byId(l.phones) }
          : {
              location: l.location,
              confidential: false,
              areaName: l.areaName,
              addresses: byId(l.addresses).map((a) => without(a, 'state_province')),
              accessibility: byId(l.accessibility),
              phones: byId(l.phones),
            },
      ),
  };
}

describe(`Belong's /oruk imported into a fresh Belong [${testEngine}]`, () => {
  let first: TestDatabase;
  let second: TestDatabase;
  let ids: string[];

  before(async () => {
    first = await openTestDatabase();
    second = await openTestDatabase();
    await ensureVocabulary(first.db);
    await ensureVocabulary(second.db);
    await seedDemoArea(first.db);
    await saveFixtures(first.db, [
      // Everything stated, stated "no"s included.
      serviceFixture('everything', {
        belong: {
          gender: 'women_only',
          audiences: ['refugees_asylum', 'families', 'communities'],
          eligibility: 'especially_welcome',
          communities: ['Kurdish', 'Eritrean'],
          faith: 'faith_friendly',
          entry: 'self_referral',
          how_to_join: 'Text Hana on the number below and she will meet you at the door.',
          what_to_expect: 'A warm room, tea, and a crèche next door.',
          cost_band: 'low_cost',
          childcare: true,
          transport_offered: false,
          accompany_first_visit: true,
          interpreter_available: false,
          modes: ['in_person', 'home_visit', 'phone'],
          food: ['food', 'halal'],
          support_kinds: ['shared_identity_group', 'informal_english'],
          accessibility: { step_free: false, hearing_loop: true, bsl: false, large_print: true, quiet_space: true },
          requirements: { id_documents: false, proof_of_address: false, gp_registration: true },
          capacity_status: 'waiting_list',
          accepting_referrals: false,
          safeguarding_policy: true,
          safeguarding_checked_leads: true,
          trauma_informed_training: false,
          safeguarding_review_date: '2025-11-03',
        },
        locations: [{ ...locationFixture('everything'), belong: { confidential: false, area_name: 'Little Horton' } }],
        extra: {
          schedule_exceptions: [
            { id: fixtureId('closure:everything'), starts_on: '2026-12-24', ends_on: '2027-01-02', description: 'Christmas' },
          ],
          capacities: [
            {
              id: fixtureId('capacity:everything'),
              unit: { id: fixtureId('unit:places'), name: 'places' },
              available: 2,
              maximum: 14,
              updated: '2026-02-01T10:00:00Z',
            },
          ],
          service_areas: [{ id: fixtureId('area:everything'), name: 'Bradford South', description: 'BD4, BD5 and BD6' }],
        },
      }),
      // Nothing stated at all.
      serviceFixture('nothing', {
        belong: {
          gender: null,
          entry: null,
          cost_band: null,
          childcare: null,
          transport_offered: null,
          accompany_first_visit: null,
          interpreter_available: null,
          modes: [],
          capacity_status: null,
          accepting_referrals: null,
          safeguarding_policy: null,
          safeguarding_checked_leads: null,
          trauma_informed_training: null,
        },
      }),
    ]);
    ids = (await first.db.selectFrom('service').select('id').orderBy('id').execute()).map((r) => r.id);
  });
  after(async () => {
    await first.dispose();
    await second.dispose();
  });

  it('gives the same stored services, Belong fields, holiday closures, capacities and private places included', async () => {
    const feed: unknown[] = [];
    for (const id of ids) {
      const json = JSON.parse(JSON.stringify(await serviceById(first.db, id)));
      assert.deepEqual(validator.check('service', json), [], `service ${id} is valid ORUK 3.0`);
      feed.push(json);
    }
    const ctx = newFeedContext('peer-belong', undefined, TODAY);
    const report = await importRecords(
      second.db,
      feed.map((raw, i) => mapOruk3Service(raw, ctx, i + 1)),
      { source: 'peer-belong' },
    );
    assert.deepEqual(report.rejected, []);
    assert.equal(report.created, ids.length);
    assert.deepEqual(report.unmappedTerms, []);

    const before = await loadServiceRecords(first.db, ids, TODAY);
    const after = await loadServiceRecords(second.db, ids, TODAY);
    assert.ok(before.length > 100, `${before.length} services`);
    assert.equal(after.length, before.length);
    const everything = after.find((r) => r.service.id === fixtureId('service:everything'))!;
    assert.deepEqual(
      [everything.belong!.requirements, everything.belong!.accepting_referrals, everything.locations[0]!.areaName],
      [{ id_documents: false, proof_of_address: false, gp_registration: true }, false, 'Little Horton'],
    );
    const nothing = after.find((r) => r.service.id === fixtureId('service:nothing'))!;
    assert.deepEqual([nothing.belong!.gender, nothing.belong!.cost_band, nothing.belong!.modes], [null, null, []]);
    for (let i = 0; i < before.length; i++) {
      assert.deepEqual(comparable(after[i]!), comparable(before[i]!), `service ${before[i]!.service.name} (${before[i]!.service.id})`);
    }
    // The demo area is realistic: it has every kind of Belong value the comparison relies on.
    const all = before.map((r) => r.belong!);
    assert.ok(all.some((b) => b.audiences.length && b.eligibility === 'only'));
    assert.ok(all.some((b) => Object.keys(b.accessibility).length && Object.keys(b.requirements).length));
    assert.ok(before.some((r) => r.locations.some((l) => l.confidential)) && before.some((r) => r.scheduleExceptions.length));
  });

  it('a second import of the same feed changes nothing', async () => {
    const ctx = newFeedContext('peer-belong', undefined, TODAY);
    const feed = [];
    for (const id of ids) feed.push(JSON.parse(JSON.stringify(await serviceById(first.db, id))));
    const again = await importRecords(
      second.db,
      feed.map((raw, i) => mapOruk3Service(raw, ctx, i + 1)),
      { source: 'peer-belong' },
    );
    assert.deepEqual([again.created, again.updated, again.unchanged, again.retired.length], [0, 0, ids.length, 0]);
  });
});
