import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LocationRecord, ServiceRecord, TermRow } from '../directory/service-record.ts';
import { BELONG_TAXONOMY, termId } from '../directory/vocabulary.ts';
import {
  CONFIDENTIAL_LOCATION_NAME,
  omitEmpty,
  orukOrganization,
  orukService,
  orukServiceAtLocation,
  orukServiceAtLocationSummary,
  orukServiceSummary,
  orukTaxonomy,
  orukTerm,
  pageOf,
  safeEmail,
  safeUrl,
} from './oruk.mapper.ts';
import { loadOrukValidator } from './oruk-schema.validator.ts';

const validator = loadOrukValidator();
const assertValid = (shape: Parameters<typeof validator.check>[0], value: unknown) =>
  assert.deepEqual(validator.check(shape, value), [], `${shape} should match the ORUK 3.0 schema`);

const SID = '0b6b7a4e-2b0c-4c1e-9d53-4f6f0a1b2c3d';
const OID = '1c7c8b5f-3c1d-4d2f-8e64-5a7a1b2c3d4e';

const womenOnly: TermRow = {
  id: termId('gender:women_only'),
  code: 'gender:women_only',
  name: 'Women only',
  description: 'Only women attend and run the sessions.',
  parent_id: termId('gender'),
  taxonomy: 'Belong',
  taxonomy_id: BELONG_TAXONOMY.id,
  language: 'en',
  term_uri: null,
  taxonomy_name: 'Belong',
};

function location(id: string, confidential: boolean): LocationRecord {
  return {
    serviceAtLocationId: `${id.slice(0, 35)}9`,
    serviceAtLocationDescription: null,
    location: {
      id,
      location_type: 'physical',
      url: null,
      organization_id: OID,
      name: 'Refuge house',
      alternate_name: null,
      description: 'Behind the library on Hidden Lane',
      transportation: 'Bus 620 to the door',
      latitude: 53.771234,
      longitude: -1.761234,
      external_identifier: '100051234567',
      external_identifier_type: 'UPRN',
    },
    confidential,
    areaName: confidential ? 'Little Horton' : null,
    addresses: [
      {
        id: '2d8d9c6a-4d2e-4e3a-9f75-6b8b2c3d4e5f',
        location_id: id,
        attention: null,
        address_1: '7 Hidden Lane',
        address_2: null,
        city: 'Bradford',
        region: 'West Yorkshire',
        state_province: '',
        postal_code: 'BD5 9ZZ',
        country: 'GB',
        address_type: 'physical',
      },
    ],
    accessibility: [
      { id: '3e9e0d7b-5e3f-4f4b-8a86-7c9c3d4e5f60', location_id: id, description: 'Ramp at the back door', details: null, url: null },
    ],
    phones: [
      {
        id: '4f0f1e8c-6f40-4a5c-9b97-8d0d4e5f6071',
        location_id: id,
        service_id: null,
        organization_id: null,
        contact_id: null,
        service_at_location_id: null,
        number: '01274 000999',
        extension: null,
        type: null,
        description: 'Call first',
      },
    ],
    attributes: [],
    belongTerms: [],
  };
}

function record(over: Partial<ServiceRecord> = {}): ServiceRecord {
  return {
    service: {
      id: SID,
      organization_id: OID,
      name: 'Women’s sewing circle',
      alternate_name: null,
      description: 'Sew, chat and share a meal.',
      url: 'www.sewing.example.org',
      email: 'not an email',
      status: 'active',
      interpretation_services: null,
      application_process: '',
      fees_description: null,
      accreditations: null,
      eligibility_description: null,
      minimum_age: 16,
      maximum_age: null,
      assured_date: '2025-01-10',
      assurer_email: 'officer@council.example.gov.uk',
      alert: null,
      last_modified: new Date('2025-02-01T10:00:00Z'),
    },
    organization: {
      id: OID,
      name: 'Manningham Women’s Centre',
      alternate_name: null,
      description: '',
      email: 'hello@mwc.example.org',
      website: 'https://mwc.example.org',
      tax_status: null,
      tax_id: null,
      year_incorporated: null,
      legal_status: null,
      logo: null,
      uri: null,
      parent_organization_id: null,
      last_modified: new Date('2025-02-01T10:00:00Z'),
      identifiers: [
        {
          id: '5a1a2f9d-7a51-4b6d-8ca8-9e1e5f607182',
          organization_id: OID,
          identifier_scheme: 'GB-CHC',
          identifier_type: 'Charity number',
          identifier: '1100000',
        },
      ],
      attributes: [],
    },
    belong: null,
    schedules: [
      {
        id: '6b2b3a0e-8b62-4c7e-9db9-af2f60718293',
        service_id: SID,
        location_id: null,
        service_at_location_id: null,
        valid_from: null,
        valid_to: null,
        dtstart: null,
        timezone: null,
        until: null,
        count: null,
        wkst: null,
        freq: 'WEEKLY',
        interval: 1,
        byday: 'TU',
        byweekno: null,
        bymonthday: null,
        byyearday: null,
        description: 'Tuesdays',
        opens_at: '10:00:00',
        closes_at: '12:00:00',
        schedule_link: null,
        attending_type: null,
        notes: null,
      },
    ],
    serviceAreas: [],
    languages: [
      {
        id: '7c3c4b1f-9c73-4d8f-8eca-b03071829304',
        service_id: SID,
        location_id: null,
        phone_id: null,
        name: 'Urdu',
        code: 'ur',
        note: null,
      },
    ],
    phones: [],
    contacts: [],
    costOptions: [
      {
        id: '8d4d5c20-ad84-4e90-9fdb-c14182930415',
        service_id: SID,
        valid_from: null,
        valid_to: null,
        option: 'Session',
        currency: 'GBP',
        amount: 0,
        amount_description: 'Free',
      },
    ],
    funding: [],
    locations: [],
    attributes: [],
    scheduleExceptions: [],
    capacities: [],
    belongTerms: [womenOnly],
    belongValues: {},
    ...over,
  };
}

describe('omitEmpty', () => {
  it('drops nulls, blank strings and empty arrays at any depth but keeps zero and false', () => {
    assert.deepEqual(omitEmpty({ a: null, b: '', c: '  ', d: [], e: { f: null, g: [] }, h: 0, i: false, j: [{ k: null }, { l: 'x' }] }), {
      h: 0,
      i: false,
      j: [{ l: 'x' }],
    });
  });
});

describe('safeUrl and safeEmail', () => {
  it('adds https to bare domains and drops what cannot be a web address', () => {
    assert.equal(safeUrl('www.example.org/path'), 'https://www.example.org/path');
    assert.equal(safeUrl('http://example.org'), 'http://example.org');
    assert.equal(safeUrl('see our facebook page'), undefined);
    assert.equal(safeUrl('javascript:alert(1)'), undefined);
    assert.equal(safeUrl(null), undefined);
  });

  it('keeps only addresses that look like email addresses', () => {
    assert.equal(safeEmail(' info@example.org '), 'info@example.org');
    assert.equal(safeEmail('info at example dot org'), undefined);
  });
});

describe('pageOf', () => {
  it('counts pages and marks the first and last', () => {
    const p = pageOf(['a', 'b'], 5, 1, 2);
    assert.deepEqual(
      { ...p, contents: undefined },
      {
        total_items: 5,
        total_pages: 3,
        page_number: 1,
        size: 2,
        first_page: true,
        last_page: false,
        empty: false,
        contents: undefined,
      },
    );
    const last = pageOf(['e'], 5, 3, 2);
    assert.equal(last.last_page, true);
    assert.equal(last.first_page, false);
    assert.equal(last.size, 1);
  });

  it('reports an empty result set as zero pages, on the first and last page', () => {
    const p = pageOf([], 0, 1, 50);
    assert.equal(p.total_pages, 0);
    assert.equal(p.empty, true);
    assert.equal(p.first_page, true);
    assert.equal(p.last_page, true);
  });

  it('marks a page past the end as empty', () => {
    const p = pageOf([], 5, 9, 2);
    assert.equal(p.empty, true);
    assert.equal(p.last_page, true);
  });
});

describe('ORUK mapping', () => {
  it('publishes a full service that matches the ORUK 3.0 service schema', () => {
    const json = orukService(record({ locations: [location('9e5e6d31-be95-4fa1-8aec-d25293a41526', false)] }));
    assertValid('service', json);
    assert.equal(json.url, 'https://www.sewing.example.org');
    assert.equal(json.email, undefined, 'an invalid email is left out rather than published');
    assert.equal(json.assurer_email, undefined, "the assurer's email is not published");
    assert.equal((json.organization as { description: string }).description, 'Manningham Women’s Centre');
  });

  it('publishes languages with their code and name', () => {
    const json = orukService(record());
    assert.deepEqual(json.languages, [{ id: '7c3c4b1f-9c73-4d8f-8eca-b03071829304', service_id: SID, name: 'Urdu', code: 'ur' }]);
  });

  it('links Belong terms to the service as attributes with stable ids', () => {
    const a = orukService(record()).attributes as Record<string, unknown>[];
    const b = orukService(record()).attributes as Record<string, unknown>[];
    assert.equal(a.length, 1);
    assert.equal(a[0]!.taxonomy_term_id, womenOnly.id);
    assert.equal(a[0]!.link_id, SID);
    assert.equal((a[0]!.taxonomy_term as { taxonomy_id: string }).taxonomy_id, BELONG_TAXONOMY.id);
    assert.equal(a[0]!.id, b[0]!.id);
  });

  it('keeps zero amounts and leaves out empty fields', () => {
    const json = orukService(record());
    assert.equal((json.cost_options as { amount: number }[])[0]!.amount, 0);
    assert.ok(!('application_process' in json));
    assert.ok(!('service_areas' in json));
    assert.doesNotMatch(JSON.stringify(json), /null|""|\[\]/);
  });

  it('never publishes the address, coordinates or accessibility of a confidential location', () => {
    const loc = location('9e5e6d31-be95-4fa1-8aec-d25293a41526', true);
    const r = record({ locations: [loc] });
    const outputs = [
      orukService(r),
      orukServiceAtLocation(r, loc.serviceAtLocationId),
      orukOrganization(r.organization, [r]),
      orukServiceAtLocationSummary({
        id: loc.serviceAtLocationId,
        description: null,
        location: loc.location,
        confidential: true,
        areaName: 'Little Horton',
        service: r.service,
        organization: r.organization,
      }),
    ];
    for (const out of outputs) {
      const text = JSON.stringify(out);
      for (const secret of [
        'Hidden Lane',
        'BD5 9ZZ',
        '53.771234',
        '1.761234',
        'Ramp at the back',
        'Bus 620',
        '100051234567',
        'Refuge house',
      ]) {
        assert.ok(!text.includes(secret), `"${secret}" leaked in ${text.slice(0, 120)}…`);
      }
      assert.ok(text.includes(CONFIDENTIAL_LOCATION_NAME));
    }
    const sal = orukServiceAtLocation(r, loc.serviceAtLocationId)!;
    assertValid('service_at_location', sal);
    assert.match(JSON.stringify(sal), /01274 000999/, 'the location phone stays so people can get in touch');
    assert.match(JSON.stringify(sal), /Little Horton/);
  });

  it('publishes a public location with its address, using the region when there is no state or province', () => {
    const loc = location('9e5e6d31-be95-4fa1-8aec-d25293a41526', false);
    const sal = orukServiceAtLocation(record({ locations: [loc] }), loc.serviceAtLocationId)!;
    assertValid('service_at_location', sal);
    const l = sal.location as { latitude: number; addresses: { state_province: string; postal_code: string }[] };
    assert.equal(l.latitude, 53.771234);
    assert.equal(l.addresses[0]!.state_province, 'West Yorkshire');
    assert.equal(l.addresses[0]!.postal_code, 'BD5 9ZZ');
  });

  it('publishes list items, organisations and taxonomies that match their schemas', () => {
    const r = record();
    assertValid('service_page', pageOf([orukServiceSummary(r)], 1, 1, 50));
    assertValid('organization', orukOrganization(r.organization, [r]));
    assertValid('taxonomy', orukTaxonomy(BELONG_TAXONOMY, [womenOnly]));
    assertValid('taxonomy_term', orukTerm(womenOnly));
    assert.equal(orukTerm(womenOnly).term, 'Women only');
  });
});
