import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { createLogger } from '../../platform/log.ts';
import { openTestDatabase, testEngine, type TestDatabase } from '../../../test/support/test-db.ts';
import {
  fixtureId,
  locationFixture,
  offsetPoint,
  organizationFixture,
  saveFixtures,
  scheduleFixture,
  serviceFixture,
} from '../../../test/support/directory-fixtures.ts';
import { serviceAtLocationId } from '../directory/service-graph.repository.ts';
import { BELONG_TAXONOMY, termId } from '../directory/vocabulary.ts';
import { ensureVocabulary } from '../directory/vocabulary.repository.ts';
import { CONFIDENTIAL_LOCATION_NAME } from './oruk.mapper.ts';
import { lookupPlace } from '../geo/postcodes.ts';
import { loadOrukValidator, type OrukShape } from './oruk-schema.validator.ts';

const validator = loadOrukValidator();

// An imported taxonomy with a parent and a child term.
const LGSL = fixtureId('taxonomy:lgsl');
const ADVICE_TERM = fixtureId('term:lgsl:advice');
const LEGAL_TERM = fixtureId('term:lgsl:legal');

const id = {
  sewing: fixtureId('service:sewing'),
  legal: fixtureId('service:legal'),
  walking: fixtureId('service:walking'),
  safe: fixtureId('service:safe'),
  lunch: fixtureId('service:lunch'),
  phone: fixtureId('service:phone'),
};
const ACTIVE = [id.sewing, id.legal, id.walking, id.safe, id.phone];

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

function place(code: string) {
  const p = lookupPlace(code);
  assert.ok(p, `the postcode table should know ${code}`);
  return p;
}

describe(`Open Referral UK API [${testEngine}]`, () => {
  let database: TestDatabase;
  let app: ReturnType<typeof createApp>;
  /** Coordinates of the confidential location, as they would appear in JSON. */
  let secretPoint: { latitude: number; longitude: number };

  before(async () => {
    database = await openTestDatabase();
    const db = database.db;
    await ensureVocabulary(db);
    await db
      .insertInto('taxonomy')
      .values({
        id: LGSL,
        name: 'Local Government Service List',
        description: 'Services councils provide.',
        uri: 'https://standards.esd.org.uk/?uri=list/englishAndWelshServices',
        version: '4.11',
      })
      .execute();
    await db
      .insertInto('taxonomy_term')
      .values([
        {
          id: ADVICE_TERM,
          code: '1',
          name: 'Advice and benefits',
          description: 'Advice services.',
          taxonomy: 'LGSL',
          taxonomy_id: LGSL,
          parent_id: null,
        },
        {
          id: LEGAL_TERM,
          code: '1.1',
          name: 'Legal advice',
          description: 'Free legal advice.',
          taxonomy: 'LGSL',
          taxonomy_id: LGSL,
          parent_id: ADVICE_TERM,
        },
      ])
      .execute();

    const mwc = organizationFixture('mwc', { name: "Manningham Women's Centre" });
    secretPoint = offsetPoint(place('BD5'), 0, 0);
    await saveFixtures(db, [
      serviceFixture('sewing', {
        organization: mwc,
        service: {
          name: "Women's Sewing Circle",
          description: 'Learn to sew and make friends over tea.',
          minimum_age: 16,
          url: 'https://mwc.example.org/sewing',
        },
        belong: {
          gender: 'women_only',
          support_kinds: ['skills', 'shared_identity_group'],
          food: ['halal'],
          childcare: true,
          safeguarding_policy: true,
          safeguarding_checked_leads: true,
          trauma_informed_training: true,
          safeguarding_review_date: daysAgo(30),
        },
        locations: [locationFixture('sewing', { ...offsetPoint(place('BD8'), 300, 0), street: '20 Lumb Lane', postcode: 'BD8 7RP' })],
        schedules: [scheduleFixture('sewing', { byday: 'TU', opens_at: '10:00', closes_at: '12:00' })],
        extra: {
          languages: [
            { id: fixtureId('language:sewing:ur'), code: 'ur', name: 'Urdu' },
            { id: fixtureId('language:sewing:pa'), code: 'pa', name: 'Punjabi', note: 'Some volunteers' },
            { id: fixtureId('language:sewing:en'), code: 'en', name: 'English' },
          ],
          contacts: [
            {
              id: fixtureId('contact:sewing'),
              name: 'Shazia',
              title: 'Group leader',
              phones: [{ id: fixtureId('contact-phone:sewing'), number: '07700 900456' }],
            },
          ],
          cost_options: [
            {
              id: fixtureId('cost:sewing'),
              option: 'Each session',
              amount: 0,
              currency: 'GBP',
              amount_description: 'Free, materials provided',
            },
          ],
          funding: [{ id: fixtureId('funding:sewing'), source: 'National Lottery Community Fund' }],
          service_areas: [{ id: fixtureId('area:sewing'), name: 'Bradford district', extent_type: 'text' }],
        },
      }),
      serviceFixture('legal', {
        organization: organizationFixture('advice', { name: 'Bradford Advice Network' }),
        service: { name: 'Legal Aid Drop-in', description: 'Free legal advice on housing, debt and immigration.', minimum_age: 18 },
        belong: { support_kinds: ['advice'], entry: 'self_referral' },
        locations: [locationFixture('legal', { ...offsetPoint(place('BD1'), 0, 200), street: '1 Market Street', postcode: 'BD1 1HY' })],
        schedules: [scheduleFixture('legal', { byday: 'MO,WE', opens_at: '09:30', closes_at: '16:00' })],
        extra: { attributes: [{ id: fixtureId('attribute:legal'), taxonomy_term_id: LEGAL_TERM }] },
      }),
      serviceFixture('walking', {
        service: { name: 'Walking Football for Over-50s', minimum_age: 50, maximum_age: 90 },
        belong: { gender: 'men_only', support_kinds: ['sport'] },
        locations: [locationFixture('walking', { ...offsetPoint(place('BD3'), 200, 0), street: 'Barkerend Road', postcode: 'BD3 9AA' })],
        schedules: [scheduleFixture('walking', { byday: 'SA', opens_at: '10:00', closes_at: '11:30' })],
      }),
      serviceFixture('safe', {
        service: { name: "Safe Space Women's Group", description: 'Peer support for women who have left an abusive relationship.' },
        belong: { gender: 'women_only', support_kinds: ['peer_support'], entry: 'self_referral' },
        locations: [
          locationFixture('safe', {
            ...secretPoint,
            name: 'Rose House refuge',
            description: 'Blue door next to the Hidden Lane chip shop',
            street: '7 Hidden Lane',
            postcode: 'BD5 9ZZ',
            belong: { confidential: true, area_name: 'Little Horton' },
          }),
        ],
        schedules: [
          scheduleFixture('safe', { byday: 'TH', opens_at: '13:00', closes_at: '15:00', location_id: fixtureId('location:safe') }),
        ],
      }),
      serviceFixture('lunch', {
        service: { name: 'Old Lunch Club', status: 'inactive' },
        belong: { support_kinds: ['befriending'], gender: 'women_only' },
        locations: [locationFixture('lunch', { ...offsetPoint(place('BD8'), 100, 0) })],
      }),
      serviceFixture('phone', {
        organization: mwc,
        service: { name: 'Telephone Befriending', description: 'A weekly phone call with a friendly volunteer.' },
        belong: { support_kinds: ['befriending'], modes: ['phone'] },
        locations: [],
        schedules: [scheduleFixture('phone', { byday: 'FR', opens_at: '14:00', closes_at: '16:00' })],
      }),
    ]);
    await sql`update service set last_modified = '2020-01-01T00:00:00Z' where id = ${id.walking}`.execute(db);
    app = createApp({ config: loadConfig({}), database, log: createLogger('silent') });
  });
  after(async () => {
    await database.dispose();
  });

  async function get(path: string) {
    const res = await app.request(path);
    const text = await res.text();
    return { res, text, body: JSON.parse(text) as Record<string, any> };
  }
  /** GET that must succeed with JSON matching the ORUK 3.0 schema for `shape`. */
  async function getValid(path: string, shape: OrukShape) {
    const r = await get(path);
    assert.equal(r.res.status, 200, `${path}: ${r.text.slice(0, 300)}`);
    assert.deepEqual(validator.check(shape, r.body), [], `${path} should match the ORUK 3.0 ${shape} schema`);
    return r;
  }
  const ids = (page: { contents: { id: string }[] }) => page.contents.map((s) => s.id);
  const serviceIds = (page: { contents: { service: { id: string } }[] }) => page.contents.map((s) => s.service.id);
  const sameSet = (a: string[], b: string[]) => assert.deepEqual([...a].sort(), [...b].sort());

  it('describes itself at the root as HSDS-UK-3.0', async () => {
    const { body } = await getValid('/oruk/', 'root');
    assert.equal(body.version, 'HSDS-UK-3.0');
  });

  it('lists only active services, in pages that match the standard', async () => {
    const { body } = await getValid('/oruk/services', 'service_page');
    assert.equal(body.total_items, 5);
    sameSet(ids(body as never), ACTIVE);
    assert.deepEqual(
      {
        total_pages: body.total_pages,
        page_number: body.page_number,
        size: body.size,
        first: body.first_page,
        last: body.last_page,
        empty: body.empty,
      },
      { total_pages: 1, page_number: 1, size: 5, first: true, last: true, empty: false },
    );
    assert.equal(body.contents[0].organization.name !== undefined, true);
  });

  it('counts pages and returns each page once', async () => {
    const seen: string[] = [];
    for (const page of [1, 2, 3]) {
      const { body } = await getValid(`/oruk/services?per_page=2&page=${page}`, 'service_page');
      assert.equal(body.total_items, 5);
      assert.equal(body.total_pages, 3);
      assert.equal(body.page_number, page);
      assert.equal(body.size, page === 3 ? 1 : 2);
      assert.equal(body.first_page, page === 1);
      assert.equal(body.last_page, page === 3);
      seen.push(...ids(body as never));
    }
    sameSet(seen, ACTIVE);
    const beyond = await getValid('/oruk/services?per_page=2&page=4', 'service_page');
    assert.equal(beyond.body.empty, true);
    assert.deepEqual(beyond.body.contents, []);
  });

  it('returns a fully nested service that matches the standard, with Belong terms as attributes', async () => {
    const { body } = await getValid(`/oruk/services/${id.sewing}`, 'service');
    assert.equal(body.name, "Women's Sewing Circle");
    assert.equal(body.organization.name, "Manningham Women's Centre");
    assert.equal(body.schedules[0].byday, 'TU');
    assert.equal(body.schedules[0].opens_at, '10:00:00');
    assert.deepEqual(body.languages.map((l: { code: string; name: string }) => `${l.code}:${l.name}`).sort(), [
      'en:English',
      'pa:Punjabi',
      'ur:Urdu',
    ]);
    assert.equal(body.languages.find((l: { code: string }) => l.code === 'pa').note, 'Some volunteers');
    assert.equal(body.contacts[0].phones[0].number, '07700 900456');
    assert.equal(body.cost_options[0].amount, 0);
    assert.equal(body.funding[0].source, 'National Lottery Community Fund');
    assert.equal(body.service_areas[0].name, 'Bradford district');
    const sal = body.service_at_locations[0];
    assert.equal(sal.location.addresses[0].address_1, '20 Lumb Lane');
    assert.ok(sal.location.accessibility[0].description);
    const terms = body.attributes.map((a: { taxonomy_term: { code: string } }) => a.taxonomy_term.code);
    for (const code of [
      'gender:women_only',
      'support:skills',
      'support:shared_identity_group',
      'food:halal',
      'help:childcare',
      'vetting:vetted',
      'cost:free',
    ]) {
      assert.ok(terms.includes(code), `expected the Belong term ${code} among ${terms.join(', ')}`);
    }
    assert.ok(body.attributes.every((a: { taxonomy_term: { taxonomy_id: string } }) => a.taxonomy_term.taxonomy_id === BELONG_TAXONOMY.id));
    assert.doesNotMatch(JSON.stringify(body), /null|""|\[\]/, 'empty fields are left out');
  });

  it('publishes imported attributes with their own taxonomy', async () => {
    const { body } = await getValid(`/oruk/services/${id.legal}`, 'service');
    const imported = body.attributes.find((a: { taxonomy_term_id: string }) => a.taxonomy_term_id === LEGAL_TERM);
    assert.ok(imported, 'the imported LGSL term is published');
    assert.equal(imported.taxonomy_term.name, 'Legal advice');
    assert.equal(imported.taxonomy_term.taxonomy_id, LGSL);
  });

  it('still returns an inactive service by id, showing its status', async () => {
    const { body } = await getValid(`/oruk/services/${id.lunch}`, 'service');
    assert.equal(body.status, 'inactive');
  });

  it('finds services by words, and by a name typed with typos', async () => {
    const words = await getValid('/oruk/services?search=sewing', 'service_page');
    assert.deepEqual(ids(words.body as never), [id.sewing]);
    const typo = await getValid('/oruk/services?search=ligal%20ayd', 'service_page');
    assert.equal(typo.body.contents[0]?.id, id.legal, `"ligal ayd" should find Legal Aid Drop-in first, got ${typo.text.slice(0, 200)}`);
    const description = await getValid('/oruk/services?search=immigration', 'service_page');
    assert.deepEqual(ids(description.body as never), [id.legal]);
  });

  it('filters by a Belong term, a Belong group, and an imported term or its parent', async () => {
    const women = await getValid(`/oruk/services?taxonomy_term_id=${termId('gender:women_only')}`, 'service_page');
    sameSet(ids(women.body as never), [id.sewing, id.safe]);
    const befriending = await getValid(`/oruk/services?taxonomy_term_id=${termId('support:befriending')}`, 'service_page');
    assert.deepEqual(ids(befriending.body as never), [id.phone], 'the inactive lunch club is not listed');
    const food = await getValid(`/oruk/services?taxonomy_term_id=${termId('food')}`, 'service_page');
    assert.deepEqual(ids(food.body as never), [id.sewing]);
    const vetted = await getValid(`/oruk/services?taxonomy_term_id=${termId('vetting:vetted')}`, 'service_page');
    assert.deepEqual(ids(vetted.body as never), [id.sewing]);
    const both = await getValid(
      `/oruk/services?taxonomy_term_id=${termId('gender:women_only')},${termId('support:skills')}`,
      'service_page',
    );
    assert.deepEqual(ids(both.body as never), [id.sewing]);
    const legal = await getValid(`/oruk/services?taxonomy_term_id=${LEGAL_TERM}`, 'service_page');
    assert.deepEqual(ids(legal.body as never), [id.legal]);
    const parent = await getValid(`/oruk/services?taxonomy_term_id=${ADVICE_TERM}`, 'service_page');
    assert.deepEqual(ids(parent.body as never), [id.legal]);
  });

  it('filters by taxonomy: any term of an imported one, every service for Belong’s', async () => {
    const lgsl = await getValid(`/oruk/services?taxonomy_id=${LGSL}`, 'service_page');
    assert.deepEqual(ids(lgsl.body as never), [id.legal]);
    const belong = await getValid(`/oruk/services?taxonomy_id=${BELONG_TAXONOMY.id}`, 'service_page');
    assert.equal(belong.body.total_items, 5);
  });

  it('filters by organisation and by modification date', async () => {
    const org = await getValid(`/oruk/services?organization_id=${fixtureId('org:mwc')}`, 'service_page');
    sameSet(ids(org.body as never), [id.sewing, id.phone]);
    const recent = await getValid('/oruk/services?modified_after=2024-01-01', 'service_page');
    sameSet(
      ids(recent.body as never),
      ACTIVE.filter((s) => s !== id.walking),
    );
  });

  it('filters by the ages the standard describes', async () => {
    const min = await getValid('/oruk/services?minimum_age=16', 'service_page');
    sameSet(ids(min.body as never), [id.sewing, id.legal, id.walking]);
    const max = await getValid('/oruk/services?maximum_age=90', 'service_page');
    assert.deepEqual(ids(max.body as never), [id.walking]);
    const age = await getValid('/oruk/services?age=17', 'service_page');
    sameSet(ids(age.body as never), [id.sewing, id.safe, id.phone]);
  });

  it('filters by day and by a time window the session falls within', async () => {
    const tuesday = await getValid('/oruk/services?day=TU', 'service_page');
    assert.deepEqual(ids(tuesday.body as never), [id.sewing]);
    const mondayDay = await getValid('/oruk/services?day=MO&start_time=09:00&end_time=17:00', 'service_page');
    assert.deepEqual(ids(mondayDay.body as never), [id.legal]);
    const tooLate = await getValid('/oruk/services?day=MO&start_time=10:00', 'service_page');
    assert.deepEqual(ids(tooLate.body as never), []);
    const saturday = await getValid('/oruk/services?day=saturday&end_time=12:00', 'service_page');
    assert.deepEqual(ids(saturday.body as never), [id.walking]);
  });

  it('orders by distance from a postcode, with services that cannot be placed last', async () => {
    const { body } = await getValid('/oruk/services?postcode=BD8', 'service_page');
    const order = ids(body as never);
    assert.equal(order[0], id.sewing);
    assert.deepEqual(order.slice(-2), [id.safe, id.phone], 'confidential and phone-only services come last');
    assert.equal(body.total_items, 5);
  });

  it('limits to services within the proximity, in metres, of a postcode', async () => {
    const near = await getValid('/oruk/services?postcode=BD8&proximity=1000', 'service_page');
    assert.deepEqual(ids(near.body as never), [id.sewing]);
    const wider = await getValid('/oruk/services?postcode=BD8&proximity=5000', 'service_page');
    assert.deepEqual(ids(wider.body as never).slice(0, 1), [id.sewing]);
    assert.ok(ids(wider.body as never).includes(id.legal));
    const confidential = await getValid('/oruk/services?postcode=BD5&proximity=500', 'service_page');
    assert.ok(!ids(confidential.body as never).includes(id.safe), 'a confidential location is never found by distance');
  });

  it('lists service-at-locations with the same filters, measured from each location', async () => {
    const all = await getValid('/oruk/service_at_locations', 'service_at_location_page');
    assert.equal(all.body.total_items, 4, 'four active services have a location');
    const near = await getValid('/oruk/service_at_locations?postcode=BD8&proximity=1000', 'service_at_location_page');
    assert.deepEqual(ids(near.body as never), [serviceAtLocationId(id.sewing, fixtureId('location:sewing'))]);
    const typo = await getValid('/oruk/service_at_locations?search=ligal%20ayd', 'service_at_location_page');
    assert.equal(serviceIds(typo.body as never)[0], id.legal);
    const women = await getValid(
      `/oruk/service_at_locations?taxonomy_term_id=${termId('gender:women_only')}&per_page=1`,
      'service_at_location_page',
    );
    assert.equal(women.body.total_items, 2);
    assert.equal(women.body.total_pages, 2);
  });

  it('returns a fully nested service-at-location that matches the standard', async () => {
    const salId = serviceAtLocationId(id.legal, fixtureId('location:legal'));
    const { body } = await getValid(`/oruk/service_at_locations/${salId}`, 'service_at_location');
    assert.equal(body.service.id, id.legal);
    assert.equal(body.location.addresses[0].postal_code, 'BD1 1HY');
  });

  it('never publishes the address or coordinates of a confidential location', async () => {
    const safeSal = serviceAtLocationId(id.safe, fixtureId('location:safe'));
    const paths = [
      '/oruk/services',
      `/oruk/services/${id.safe}`,
      '/oruk/services?postcode=BD5',
      '/oruk/service_at_locations',
      '/oruk/service_at_locations?postcode=BD5',
      `/oruk/service_at_locations/${safeSal}`,
      `/oruk/organizations/${fixtureId('org:safe')}`,
      '/oruk/organizations',
    ];
    const secrets = ['Hidden Lane', 'BD5 9ZZ', 'Rose House', String(secretPoint.latitude), String(secretPoint.longitude)];
    for (const path of paths) {
      const { res, text } = await get(path);
      assert.equal(res.status, 200, path);
      for (const s of secrets) assert.ok(!text.includes(s), `${path} leaked "${s}"`);
    }
    const { body } = await getValid(`/oruk/service_at_locations/${safeSal}`, 'service_at_location');
    assert.equal(body.location.name, CONFIDENTIAL_LOCATION_NAME);
    assert.equal(body.location.phones[0].number, '01274 000111', 'the location phone is kept');
    assert.equal(body.location.latitude, undefined);
    assert.equal(body.location.addresses, undefined);
    assert.equal(body.location.accessibility, undefined);
  });

  it('lists organisations and returns one with its active services', async () => {
    const list = await getValid('/oruk/organizations', 'organization_page');
    assert.equal(list.body.total_items, 5);
    const { body } = await getValid(`/oruk/organizations/${fixtureId('org:mwc')}`, 'organization');
    sameSet(
      body.services.map((s: { id: string }) => s.id),
      [id.sewing, id.phone],
    );
    assert.equal(body.organization_identifiers[0].identifier, '1100000');
  });

  it('lists taxonomies and their terms', async () => {
    const list = await getValid('/oruk/taxonomies', 'taxonomy_page');
    sameSet(ids(list.body as never), [BELONG_TAXONOMY.id, LGSL]);
    const belong = await getValid(`/oruk/taxonomies/${BELONG_TAXONOMY.id}`, 'taxonomy');
    assert.ok(belong.body.taxonomy_terms.some((t: { id: string }) => t.id === termId('gender:women_only')));
    const terms = await getValid(`/oruk/taxonomy_terms?taxonomy_id=${LGSL}`, 'taxonomy_term_page');
    sameSet(ids(terms.body as never), [ADVICE_TERM, LEGAL_TERM]);
    const all = await getValid('/oruk/taxonomy_terms?per_page=10', 'taxonomy_term_page');
    assert.ok(all.body.total_items > 40);
    assert.equal(all.body.size, 10);
    const term = await getValid(`/oruk/taxonomy_terms/${LEGAL_TERM}`, 'taxonomy_term');
    assert.equal(term.body.parent_id, ADVICE_TERM);
  });

  it('answers 404 with a message for ids that do not exist', async () => {
    const unknown = '6f1c7a52-8d0e-4b7e-9a51-6c2d0f4e8b19';
    for (const path of ['services', 'service_at_locations', 'organizations', 'taxonomies', 'taxonomy_terms']) {
      const { res, body } = await get(`/oruk/${path}/${unknown}`);
      assert.equal(res.status, 404, path);
      assert.equal(body.error, 'NotFound');
      assert.match(body.message, new RegExp(unknown));
    }
  });

  it('answers 400 with a clear message for bad parameters', async () => {
    const cases: [string, RegExp][] = [
      ['/oruk/services/not-a-uuid', /must be a UUID/],
      ['/oruk/services?page=0', /page must be a whole number from 1/],
      ['/oruk/services?per_page=1000', /per_page must be a whole number from 1 to 200/],
      ['/oruk/services?taxonomy_term_id=women', /taxonomy_term_id must be a UUID/],
      ['/oruk/services?day=XX', /day must be one of/],
      ['/oruk/services?start_time=25:00', /start_time must be a time of day/],
      ['/oruk/services?postcode=BD8&proximity=far', /proximity must be a number/],
      ['/oruk/services?postcode=ZZ99%209ZZ', /is not a postcode or postcode district we know/],
      ['/oruk/service_at_locations?proximity=100', /proximity needs a postcode/],
      ['/oruk/organizations?per_page=0', /per_page/],
      ['/oruk/taxonomy_terms?taxonomy_id=abc', /taxonomy_id must be a UUID/],
    ];
    for (const [path, message] of cases) {
      const { res, body } = await get(path);
      assert.equal(res.status, 400, path);
      assert.equal(body.error, 'BadRequest');
      assert.match(body.message, message, path);
    }
  });

  it('lets any web page read it (CORS), including errors', async () => {
    for (const path of ['/oruk/', '/oruk/services?page=0', `/oruk/services/${fixtureId('nothing')}`, '/oruk/nothing-here']) {
      const res = await app.request(path, { headers: { Origin: 'https://example.net' } });
      assert.equal(res.headers.get('access-control-allow-origin'), '*', path);
    }
  });
});
