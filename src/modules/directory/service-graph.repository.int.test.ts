import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openTestDatabase, testEngine, type TestDatabase } from '../../../test/support/test-db.ts';
import { uuidV5 } from '../../platform/ids.ts';
import { parseServiceGraph, type ServiceGraph, type ServiceGraphInput } from './service-graph.ts';
import { saveServiceGraph } from './service-graph.repository.ts';

const id = (s: string) => uuidV5(`test:${s}`);

function graph(overrides: Partial<ServiceGraphInput['service']> = {}, belong: ServiceGraphInput['belong'] = {}): ServiceGraph {
  const input: ServiceGraphInput = {
    organization: { id: id('org'), name: 'Girlington Community Centre', description: 'A community centre.' },
    service: { id: id('svc'), name: 'Thursday chat and tea', description: 'Tea, biscuits and a chat.', ...overrides },
    belong: { gender: 'women_only', support_kinds: ['shared_identity_group'], childcare: true, ...belong },
    locations: [
      {
        id: id('loc'),
        name: 'Main hall',
        latitude: 53.8035,
        longitude: -1.77,
        addresses: [{ id: id('addr'), address_1: '12 Girlington Road', city: 'Bradford', postal_code: 'BD8 9NN' }],
        accessibility: [{ id: id('acc'), description: 'Step-free entrance' }],
      },
    ],
    schedules: [{ id: id('sch'), freq: 'WEEKLY', byday: 'TH', opens_at: '10:00', closes_at: '12:00', location_id: id('loc') }],
    languages: [
      { id: id('lang-bn'), code: 'bn', name: 'Bengali' },
      { id: id('lang-en'), code: 'en', name: 'English' },
    ],
    contacts: [{ id: id('contact'), name: 'Reception', phones: [{ id: id('contact-phone'), number: '01632 960123' }] }],
    cost_options: [{ id: id('cost'), option: 'Free', amount: 0 }],
  };
  const r = parseServiceGraph(input);
  if (!r.ok) throw new Error(r.errors.join('; '));
  return r.value;
}

async function counts(database: TestDatabase) {
  const out: Record<string, number> = {};
  for (const t of [
    'organization',
    'service',
    'belong_service',
    'location',
    'address',
    'service_at_location',
    'schedule',
    'language',
    'contact',
    'phone',
    'cost_option',
    'accessibility',
  ] as const) {
    const r = await database.db
      .selectFrom(t)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    out[t] = r.n;
  }
  return out;
}

describe(`saveServiceGraph [${testEngine}]`, () => {
  let database: TestDatabase;
  before(async () => {
    database = await openTestDatabase();
  });
  after(async () => {
    await database.dispose();
  });

  it('stores a new service with all its parts and logs its creation', async () => {
    const r = await saveServiceGraph(database.db, graph(), 'test');
    assert.equal(r.created, true);
    const c = await counts(database);
    assert.deepEqual(c, {
      organization: 1,
      service: 1,
      belong_service: 1,
      location: 1,
      address: 1,
      service_at_location: 1,
      schedule: 1,
      language: 2,
      contact: 1,
      phone: 1,
      cost_option: 1,
      accessibility: 1,
    });
    const sched = await database.db.selectFrom('schedule').selectAll().executeTakeFirstOrThrow();
    assert.equal(sched.opens_at, '10:00:00');
    assert.ok(sched.service_at_location_id, 'a schedule at a location is linked to the service-at-location');
    const log = await database.db.selectFrom('metadata').selectAll().where('resource_id', '=', r.serviceId).execute();
    assert.deepEqual(
      log.map((m) => [m.last_action_type, m.updated_by]),
      [['create', 'test']],
    );
  });

  it('saving the same graph again updates in place without duplicating anything', async () => {
    const before = await counts(database);
    const r = await saveServiceGraph(database.db, graph(), 'test');
    assert.equal(r.created, false);
    assert.deepEqual(r.changedFields, []);
    assert.deepEqual(await counts(database), before);
  });

  it('records each changed field with its old and new value', async () => {
    const r = await saveServiceGraph(
      database.db,
      graph({ name: 'Thursday chat, tea and sewing' }, { capacity_status: 'full' }),
      'provider:1',
    );
    assert.deepEqual(r.changedFields.sort(), ['capacity_status', 'name']);
    const log = await database.db
      .selectFrom('metadata')
      .select(['field_name', 'previous_value', 'replacement_value', 'updated_by'])
      .where('last_action_type', '=', 'update')
      .orderBy('field_name')
      .execute();
    assert.deepEqual(log, [
      // Not stated before: the log shows it as empty, never as a made-up "places available".
      { field_name: 'capacity_status', previous_value: '', replacement_value: 'full', updated_by: 'provider:1' },
      {
        field_name: 'name',
        previous_value: 'Thursday chat and tea',
        replacement_value: 'Thursday chat, tea and sewing',
        updated_by: 'provider:1',
      },
    ]);
  });

  it('leaves nothing behind when part of a save fails', async () => {
    const before = await counts(database);
    const bad = graph();
    bad.service.id = id('other-service');
    bad.languages = [
      { id: id('dup'), code: 'ar', name: 'Arabic', note: null },
      { id: id('dup'), code: 'ur', name: 'Urdu', note: null },
    ];
    await assert.rejects(saveServiceGraph(database.db, bad, 'test'));
    assert.deepEqual(await counts(database), before);
    const svc = await database.db.selectFrom('service').select('id').where('id', '=', id('other-service')).execute();
    assert.equal(svc.length, 0);
  });

  it('unlinks a location the service no longer uses but keeps the location', async () => {
    const g = graph();
    g.locations = [];
    g.schedules = [];
    await saveServiceGraph(database.db, g, 'test');
    const links = await database.db.selectFrom('service_at_location').select('id').execute();
    assert.equal(links.length, 0);
    const locs = await database.db.selectFrom('location').select('id').execute();
    assert.equal(locs.length, 1);
  });
});

describe('parseServiceGraph', () => {
  it('explains every problem in plain field paths', () => {
    const r = parseServiceGraph({
      organization: { id: 'not-a-uuid', name: '' },
      service: { id: id('x'), name: 'Walk and talk', minimum_age: 70, maximum_age: 18 },
      schedules: [{ id: id('s'), opens_at: '14:00', closes_at: '13:00', byday: 'Tuesday' }],
    });
    assert.equal(r.ok, false);
    const errors = r.ok ? '' : r.errors.join('\n');
    assert.match(errors, /organization\.id: must be a UUID/);
    assert.match(errors, /organization\.name/);
    assert.match(errors, /schedules\.0\.byday: must be days like MO,WE/);
    assert.match(errors, /schedules\.0\.closes_at: closes_at must be after opens_at/);
  });

  it('leaves every Belong field of a bare service not stated: nothing becomes a fact by default', () => {
    const r = parseServiceGraph({ organization: { id: id('o'), name: 'Org' }, service: { id: id('s'), name: 'Coffee morning' } });
    assert.ok(r.ok);
    if (r.ok) {
      const b = r.value.belong;
      for (const f of [
        'gender',
        'eligibility',
        'faith',
        'entry',
        'cost_band',
        'childcare',
        'transport_offered',
        'accompany_first_visit',
        'interpreter_available',
        'capacity_status',
        'accepting_referrals',
        'safeguarding_policy',
        'safeguarding_checked_leads',
        'trauma_informed_training',
      ] as const)
        assert.equal(b[f], null, f);
      assert.deepEqual([b.modes, b.food, b.support_kinds, b.audiences, b.accessibility, b.requirements], [[], [], [], [], {}, {}]);
      assert.equal(r.value.service.status, 'active');
    }
  });
  it('refuses "only for" without saying for whom, and "open to all" that names audiences', () => {
    const base = { organization: { id: id('o'), name: 'Org' }, service: { id: id('s'), name: 'Coffee morning' } };
    const only = parseServiceGraph({ ...base, belong: { eligibility: 'only' } });
    assert.ok(!only.ok && only.errors.some((e) => e.startsWith('belong.audiences:')));
    const open = parseServiceGraph({ ...base, belong: { eligibility: 'open_to_all', audiences: ['carers'] } });
    assert.ok(!open.ok && open.errors.some((e) => e.startsWith('belong.eligibility:')));
    const ok = parseServiceGraph({
      ...base,
      belong: { eligibility: 'only', audiences: ['carers', 'carers'], accessibility: { step_free: false } },
    });
    assert.ok(ok.ok && ok.value.belong.audiences.length === 1 && ok.value.belong.accessibility.step_free === false);
  });
});
