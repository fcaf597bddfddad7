import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import { parseServiceGraph, type ServiceGraph } from '../directory/service-graph.ts';
import { BELONG_TAXONOMY, termId, vocabularyTermById } from '../directory/vocabulary.ts';
import { uuidV5 } from '../../platform/ids.ts';
import { readEnvelope } from './feed-source.ts';
import { mapOruk3Service, newFeedContext } from './oruk3.mapper.ts';

const fixture = readEnvelope(
  JSON.parse(fs.readFileSync(new URL('../../../test/fixtures/import/oruk3-services.json', import.meta.url), 'utf8')),
).items;
const mapAll = (source = 'test-feed') => {
  const ctx = newFeedContext(source);
  return fixture.map((raw, i) => mapOruk3Service(raw, ctx, i + 1));
};
const graphOf = (r: ReturnType<typeof mapAll>[number]): ServiceGraph => {
  const p = parseServiceGraph(r.input);
  if (!p.ok) assert.fail(p.errors.join('; '));
  return p.value;
};

describe('mapping ORUK 3 services', () => {
  it('keeps the feed’s UUIDs and reads the organisation, location, address and schedule', () => {
    const [cafe] = mapAll();
    assert.deepEqual(cafe!.problems, []);
    const g = graphOf(cafe!);
    assert.equal(g.service.id, '31e82f2e-7c2d-42ea-95ef-19090b930bf9');
    assert.equal(g.organization.name, "Manningham Women's Centre");
    assert.equal(g.organization.identifiers[0]!.identifier, '1100001');
    assert.equal(g.locations[0]!.addresses[0]!.postal_code, 'BD8 7QT');
    assert.equal(g.locations[0]!.accessibility[0]!.description, 'Step-free entrance and an accessible toilet.');
    assert.equal(g.schedules[0]!.byday, 'TU');
    assert.equal(g.schedules[0]!.location_id, g.locations[0]!.id, 'the schedule belongs to the location of its service_at_location');
    assert.equal(g.contacts[0]!.phones[0]!.number, '01274 000101');
    assert.equal(g.service.fees_description, 'Free');
  });

  it('turns Belong vocabulary attributes back into Belong fields instead of storing them as attributes', () => {
    const g = graphOf(mapAll()[0]!);
    assert.equal(g.belong.gender, 'women_only');
    assert.equal(g.belong.entry, 'drop_in');
    assert.equal(g.belong.childcare, true);
    assert.equal(g.belong.cost_band, 'free');
    assert.deepEqual(g.belong.support_kinds, ['informal_english']);
    assert.deepEqual(g.belong.food, ['halal']);
    assert.deepEqual(g.belong.modes, ['in_person']);
    assert.ok(
      g.attributes.every((a) => !vocabularyTermById(a.taxonomy_term_id)),
      'no attribute points at a Belong term',
    );
    assert.equal(g.attributes.length, 1, 'only the other taxonomy’s attribute is kept');
  });

  it('imports terms of other taxonomies so attributes can point at them', () => {
    const cafe = mapAll()[0]!;
    assert.equal(cafe.terms!.length, 1);
    const term = cafe.terms![0]!;
    assert.equal(term.id, '53a2a6e7-62f0-47ab-92a8-503f053be46b');
    assert.equal(term.name, 'Social activities');
    assert.equal(term.taxonomy_id, '7fb1f1bd-04da-4785-bb92-ce55bc96b98b');
    assert.equal(cafe.taxonomies![0]!.name, 'Local service types');
    assert.equal(graphOf(cafe).attributes[0]!.taxonomy_term_id, term.id);
  });

  it('reads languages by code or name and warns about ones it cannot place', () => {
    const cafe = mapAll()[0]!;
    assert.deepEqual(
      graphOf(cafe).languages.map((l) => l.code),
      ['ur', 'bn'],
    );
    assert.ok(cafe.warnings.some((w) => /language without a code or name/.test(w)));
  });

  it('uses an organisation given with an earlier service when a service only names organization_id', () => {
    const walk = mapAll()[1]!;
    assert.deepEqual(walk.problems, []);
    const g = graphOf(walk);
    assert.equal(g.organization.id, '379ef309-79a6-495e-abd5-02fa68db27f7');
    assert.equal(g.organization.name, "Manningham Women's Centre");
  });

  it('guesses cost and access from feeds without Belong’s vocabulary', () => {
    const g = graphOf(mapAll()[1]!);
    assert.equal(g.belong.cost_band, 'low_cost', 'a £2 cost option is low cost');
    assert.equal(g.belong.entry, 'drop_in', '"Just turn up" in the application process');
    assert.equal(g.locations[0]!.addresses[0]!.country, 'GB', '"United Kingdom" becomes GB');
  });

  it('derives stable ids from the source name for ids that are not UUIDs', () => {
    const a = graphOf(mapAll('feed-a')[2]!);
    const again = graphOf(mapAll('feed-a')[2]!);
    const b = graphOf(mapAll('feed-b')[2]!);
    assert.equal(a.service.id, uuidV5('feed-a:service:svc-103'));
    assert.deepEqual(a, again, 'mapping the same record twice gives the same graph, ids included');
    assert.notEqual(a.service.id, b.service.id);
    assert.equal(a.service.status, 'active', '"Active" is read as active');
    assert.equal(a.organization.website, 'www.bradford-advice.example.org');
  });

  it('reports a service without an organisation, and values the standard does not allow', () => {
    const results = mapAll();
    assert.deepEqual(results[3]!.problems, ['the service has no organisation']);
    const badLatitude = parseServiceGraph(results[4]!.input);
    assert.equal(badLatitude.ok, false);
    assert.match(!badLatitude.ok ? badLatitude.errors.join() : '', /locations\.0\.latitude/);
  });

  it('names the organisation id it could not find', () => {
    const r = mapOruk3Service({ id: 'x1', name: 'Orphan', organization_id: 'org-404' }, newFeedContext('s'), 1);
    assert.match(r.problems[0]!, /organization_id org-404/);
  });

  it('does not repeat a schedule listed both under the service and its service_at_location', () => {
    const schedule = { id: '8f1c2b3a-1111-4a4a-9b9b-000000000001', service_at_location_id: 'sal-1', byday: 'MO', freq: 'WEEKLY' };
    const r = mapOruk3Service(
      {
        id: 's1',
        name: 'Repeat',
        organization: { id: 'o1', name: 'Org' },
        service_at_locations: [{ id: 'sal-1', location: { id: 'l1', name: 'Hall' }, schedules: [schedule] }],
        schedules: [schedule],
      },
      newFeedContext('s'),
      1,
    );
    const g = graphOf(r);
    assert.equal(g.schedules.length, 1);
    assert.equal(g.schedules[0]!.id, schedule.id);
    assert.equal(g.schedules[0]!.location_id, g.locations[0]!.id);
  });

  it('leaves out an incomplete address with a warning instead of rejecting the service', () => {
    const r = mapOruk3Service(
      {
        id: 's2',
        name: 'Partial address',
        organization: { id: 'o1', name: 'Org' },
        service_at_locations: [
          {
            id: 'sal',
            location: {
              id: 'l2',
              name: 'Hall',
              latitude: 53.8,
              longitude: -1.7,
              addresses: [{ address_1: 'Church Lane', city: 'Bradford' }],
            },
          },
        ],
      },
      newFeedContext('s'),
      1,
    );
    const g = graphOf(r);
    assert.deepEqual(g.locations[0]!.addresses, []);
    assert.equal(g.locations[0]!.latitude, 53.8);
    assert.deepEqual(r.warnings, ['an address without a postcode was left out']);
  });

  it('never adds an unknown term to Belong’s own vocabulary', () => {
    const r = mapOruk3Service(
      {
        id: 's3',
        name: 'Newer Belong',
        organization: { id: 'o1', name: 'Org' },
        attributes: [
          {
            id: 'a1',
            taxonomy_term: {
              id: '00000000-0000-4000-8000-000000000001',
              code: 'help:parking',
              name: 'Parking',
              taxonomy_id: BELONG_TAXONOMY.id,
            },
          },
        ],
      },
      newFeedContext('s'),
      1,
    );
    assert.deepEqual(r.terms, []);
    assert.deepEqual(graphOf(r).attributes, []);
    assert.deepEqual(r.warnings, ['the Belong term "help:parking" is not known here and was left out']);
  });
});

describe('reading another Belong’s feed', () => {
  const belongTerm = (code: string, value?: string) => ({
    id: uuidV5(`attr:${code}:${value ?? ''}`),
    taxonomy_term_id: termId(code),
    ...(value ? { value } : {}),
    taxonomy_term: { id: termId(code), code, name: code, taxonomy_id: BELONG_TAXONOMY.id, taxonomy: 'Belong' },
  });
  const service = (attributes: unknown[], extra: Record<string, unknown> = {}) => ({
    id: '9d1c0b3a-2222-4a4a-9b9b-000000000001',
    name: 'Stitch and chat',
    organization: { id: '9d1c0b3a-2222-4a4a-9b9b-000000000002', name: 'Sisters Together' },
    attributes,
    ...extra,
  });

  it('takes "safeguarding checked" from an older Belong as a complete record, reviewed when the listing was checked, and says so', () => {
    const r = mapOruk3Service(
      service([belongTerm('vetting:vetted')], { assured_date: '2026-01-20' }),
      newFeedContext('peer', undefined, '2026-03-02'),
      1,
    );
    const g = graphOf(r);
    assert.deepEqual(
      [
        g.belong.safeguarding_policy,
        g.belong.safeguarding_checked_leads,
        g.belong.trauma_informed_training,
        g.belong.safeguarding_review_date,
      ],
      [true, true, true, '2026-01-20'],
    );
    assert.ok(r.warnings.some((w) => /safeguarding is checked but not when it was reviewed; recorded as reviewed on 2026-01-20/.test(w)));
  });

  it('reads the parts of a safeguarding record and the review date in the value', () => {
    const g = graphOf(
      mapOruk3Service(
        service([
          belongTerm('safeguarding:policy'),
          belongTerm('safeguarding:no_checked_leads'),
          belongTerm('safeguarding:reviewed', '2025-12-01'),
          belongTerm('vetting:vetted'),
        ]),
        newFeedContext('peer'),
        1,
      ),
    );
    assert.deepEqual(
      [
        g.belong.safeguarding_policy,
        g.belong.safeguarding_checked_leads,
        g.belong.trauma_informed_training,
        g.belong.safeguarding_review_date,
      ],
      [true, false, null, '2025-12-01'],
    );
  });

  it('reads nothing from plain fields of a service another Belong published, and leaves out Belong terms it does not know', () => {
    const raw = service([belongTerm('gender:women_only'), belongTerm('gender:aliens')], {
      belong_taxonomy_version: '2',
      application_process: 'Just turn up',
      cost_options: [{ amount: 0 }],
      service_at_locations: [
        {
          location: {
            id: '9d1c0b3a-2222-4a4a-9b9b-000000000003',
            name: 'Hall',
            latitude: 53.8,
            longitude: -1.75,
            accessibility: [{ description: 'Step-free entrance' }],
            attributes: [belongTerm('place:area', 'Manningham'), belongTerm('place:confidential')],
          },
        },
      ],
    });
    const r = mapOruk3Service(raw, newFeedContext('peer'), 1);
    const g = graphOf(r);
    assert.deepEqual(
      [g.belong.gender, g.belong.entry, g.belong.cost_band, g.belong.modes, g.belong.accessibility],
      ['women_only', null, null, [], {}],
    );
    assert.deepEqual(g.locations[0]!.belong, { confidential: true, area_name: 'Manningham' });
    assert.ok(r.warnings.includes('the Belong term "gender:aliens" is not known here and was left out'));
    assert.deepEqual(g.attributes, [], 'never added to our own vocabulary');
  });
});
