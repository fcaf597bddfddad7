import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isValid as isValidPostcode } from 'postcode';
import { parseServiceGraph } from '../directory/service-graph.ts';
import { isSafeguardingVetted } from '../directory/vocabulary.ts';
import { addDays, buildDemoArea, DEMO_SEED, spokenTime } from './demo-area.ts';
import { metresBetween, NEIGHBOURHOODS } from './demo-places.ts';

const today = '2026-03-01';
const graphs = buildDemoArea(DEMO_SEED, { today });
const share = (pred: (g: (typeof graphs)[number]) => boolean) => graphs.filter(pred).length / graphs.length;

describe('demo area generator', () => {
  it('gives exactly the same area for the same seed and date', () => {
    assert.deepEqual(buildDemoArea(DEMO_SEED, { today }), graphs);
  });

  it('gives a different area for a different seed but keeps the same ids for the same positions', () => {
    const other = buildDemoArea(DEMO_SEED + 1, { today });
    assert.notDeepEqual(
      other.map((g) => g.service.name),
      graphs.map((g) => g.service.name),
    );
    assert.equal(other[0]!.organization.id, graphs[0]!.organization.id);
  });

  it('produces only graphs that pass the service-graph schema', () => {
    for (const g of graphs) {
      const r = parseServiceGraph(g);
      assert.ok(r.ok, `${g.service.name}: ${r.ok ? '' : r.errors.join('; ')}`);
    }
  });

  it('has about three hundred services from about a hundred and twenty organisations', () => {
    assert.ok(graphs.length >= 260 && graphs.length <= 340, `services: ${graphs.length}`);
    const orgs = new Set(graphs.map((g) => g.organization.id)).size;
    assert.ok(orgs >= 100 && orgs <= 130, `organisations: ${orgs}`);
    assert.equal(new Set(graphs.map((g) => g.organization.name)).size, orgs, 'organisation names are unique');
  });

  it('never reuses an id for two different records', () => {
    const owners = new Map<string, string>();
    const claim = (id: string, what: string) => {
      const prev = owners.get(id);
      assert.ok(prev === undefined || prev === what, `id ${id} used by ${prev} and ${what}`);
      owners.set(id, what);
    };
    for (const g of graphs) {
      claim(g.organization.id, `org ${g.organization.name}`);
      claim(g.service.id, `service ${g.service.id}`);
      for (const l of g.locations) claim(l.id, `location ${l.id}`);
      for (const s of g.schedules) claim(s.id, `schedule ${s.id}`);
      for (const l of g.languages) claim(l.id, `language ${l.id}`);
      for (const e of g.schedule_exceptions) claim(e.id, `exception ${e.id}`);
    }
  });

  it('places venues in all three neighbourhoods, the city centre and nearby districts, within 800 m of each centre', () => {
    const outwards = new Set<string>();
    for (const g of graphs) {
      for (const l of g.locations) {
        if (l.belong.confidential) continue;
        const a = l.addresses[0]!;
        assert.ok(isValidPostcode(a.postal_code), `postcode ${a.postal_code}`);
        const outward = a.postal_code.split(' ')[0]!;
        outwards.add(outward);
        const nb = NEIGHBOURHOODS.find((n) => n.outward === outward)!;
        const d = metresBetween(nb, { latitude: l.latitude!, longitude: l.longitude! });
        assert.ok(d <= 801, `${l.name} is ${Math.round(d)} m from the ${nb.name} centre`);
        assert.equal(a.city, 'Bradford');
      }
    }
    for (const o of ['BD8', 'BD3', 'BD5', 'BD1', 'BD7', 'BD9']) assert.ok(outwards.has(o), `no venue in ${o}`);
  });

  it('speaks many community languages, Urdu and Punjabi most of all after English', () => {
    const counts = new Map<string, number>();
    for (const g of graphs) for (const l of g.languages) counts.set(l.code, (counts.get(l.code) ?? 0) + 1);
    assert.ok(counts.size >= 8, `languages: ${[...counts.keys()].join(',')}`);
    for (const code of ['ur', 'pa', 'bn', 'ar', 'pl', 'ro', 'so', 'ti', 'ckb', 'uk']) assert.ok(counts.has(code), `no ${code}`);
    const ranked = [...counts]
      .filter(([c]) => c !== 'en')
      .sort((a, b) => b[1] - a[1])
      .map(([c]) => c);
    assert.deepEqual(new Set(ranked.slice(0, 2)), new Set(['ur', 'pa']));
  });

  it('has a realistic mix of who may come, cost and help to take part', () => {
    const women = share((g) => g.belong.gender === 'women_only');
    const men = share((g) => g.belong.gender === 'men_only');
    assert.ok(women >= 0.1 && women <= 0.2, `women only ${women}`);
    assert.ok(men >= 0.02 && men <= 0.1, `men only ${men}`);
    assert.ok(share((g) => g.belong.cost_band === 'free') >= 0.7);
    const lowCost = graphs.filter((g) => g.belong.cost_band === 'low_cost');
    assert.ok(lowCost.length >= 10 && lowCost.every((g) => g.cost_options.length === 1 && g.cost_options[0]!.currency === 'GBP'));
    assert.ok(
      graphs.some((g) => g.belong.gender === 'women_only' && g.belong.cost_band === 'free' && g.languages.some((l) => l.code === 'bn')),
      'a free women-only group where Bengali is spoken',
    );
    assert.ok(
      graphs.some((g) => g.belong.gender === 'women_only' && g.belong.childcare),
      'a women’s group with a crèche',
    );
    for (const flag of ['interpreter_available', 'transport_offered', 'accompany_first_visit'] as const) {
      const s = share((g) => g.belong[flag] === true);
      assert.ok(s > 0.03 && s < 0.5, `${flag} ${s}`);
    }
    for (const e of ['drop_in', 'self_referral', 'professional_referral', 'formal_assessment'] as const) {
      assert.ok(
        graphs.some((g) => g.belong.entry === e),
        `entry ${e}`,
      );
    }
    assert.ok(share((g) => g.belong.entry === 'drop_in') > 0.6);
    assert.ok(graphs.filter((g) => g.belong.entry === 'formal_assessment').every((g) => g.belong.support_kinds.includes('therapy')));
    for (const m of ['phone', 'online'] as const)
      assert.ok(
        graphs.some((g) => g.belong.modes.includes(m)),
        `mode ${m}`,
      );
    for (const f of ['food', 'halal', 'vegetarian'] as const)
      assert.ok(
        graphs.some((g) => g.belong.food.includes(f)),
        `food ${f}`,
      );
    for (const f of ['faith_based', 'faith_friendly'] as const)
      assert.ok(
        graphs.some((g) => g.belong.faith === f),
        `faith ${f}`,
      );
    for (const c of ['Somali', 'Roma', 'Kurdish'])
      assert.ok(
        graphs.some((g) => g.belong.communities.includes(c)),
        `community ${c}`,
      );
    assert.ok(share((g) => g.belong.communities.length === 0) > 0.8, 'most things are open to all');
  });

  it('states every value it always stated (nothing became "not stated"), and says who each service is for, what people need and access', () => {
    for (const g of graphs) {
      const b = g.belong;
      for (const f of [
        'gender',
        'entry',
        'cost_band',
        'childcare',
        'interpreter_available',
        'capacity_status',
        'accepting_referrals',
      ] as const)
        assert.notEqual(b[f], null, `${g.service.name}: ${f}`);
      assert.ok(b.modes.length > 0, g.service.name);
      assert.ok(b.eligibility !== null, `${g.service.name}: who may come`);
    }
    assert.ok(share((g) => g.belong.eligibility === 'only') > 0.05);
    assert.ok(share((g) => g.belong.eligibility === 'especially_welcome') > 0.05);
    assert.ok(share((g) => g.belong.eligibility === 'open_to_all') > 0.3);
    for (const a of [
      'older_people',
      'carers',
      'young_people',
      'families',
      'refugees_asylum',
      'mental_health',
      'bereaved',
      'communities',
    ] as const)
      assert.ok(
        graphs.some((g) => g.belong.audiences.includes(a)),
        a,
      );
    assert.ok(share((g) => g.belong.accessibility.step_free === true) > 0.3);
    assert.ok(
      graphs.some((g) => g.belong.accessibility.step_free === false) && graphs.some((g) => g.belong.accessibility.hearing_loop === true),
    );
    assert.ok(
      graphs.some((g) => g.belong.requirements.id_documents === false) &&
        graphs.some((g) => g.belong.requirements.gp_registration === true),
    );
    assert.ok(graphs.some((g) => g.belong.modes.includes('home_visit')));
    assert.ok(graphs.some((g) => g.service_areas.length > 0));
  });

  it('mostly has places, with some full or waiting lists and a few not taking referrals', () => {
    assert.ok(share((g) => g.belong.capacity_status === 'places_available') > 0.75);
    assert.ok(graphs.some((g) => g.belong.capacity_status === 'full'));
    assert.ok(graphs.some((g) => g.belong.capacity_status === 'waiting_list'));
    const closed = share((g) => !g.belong.accepting_referrals);
    assert.ok(closed > 0 && closed < 0.1, `not accepting ${closed}`);
  });

  it('has safeguarding complete and in date on roughly two in five services, and some listings overdue for review', () => {
    const vetted = share((g) => isSafeguardingVetted(g.belong, today));
    assert.ok(vetted >= 0.3 && vetted <= 0.55, `vetted ${vetted}`);
    assert.ok(
      graphs.some((g) => g.belong.safeguarding_policy && !isSafeguardingVetted(g.belong, today)),
      'partial vetting',
    );
    assert.ok(
      graphs.some((g) => !g.belong.safeguarding_policy),
      'no vetting',
    );
    const overdue = share((g) => !!g.belong.review_due && g.belong.review_due < today);
    assert.ok(overdue > 0.1 && overdue < 0.5, `overdue ${overdue}`);
    assert.ok(graphs.every((g) => !g.service.assured_date || g.service.assured_date <= today));
  });

  it('has weekly, fortnightly and monthly schedules, holiday closures and age ranges', () => {
    const all = graphs.flatMap((g) => g.schedules);
    assert.ok(all.some((s) => s.freq === 'WEEKLY' && !s.interval && /^[A-Z]{2}(,[A-Z]{2})*$/.test(s.byday ?? '')));
    const fortnightly = all.filter((s) => s.interval === 2);
    assert.ok(fortnightly.length > 0 && fortnightly.every((s) => s.dtstart), 'fortnightly schedules start on a date');
    for (const s of fortnightly) {
      const day = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'][new Date(`${s.dtstart}T00:00:00Z`).getUTCDay()];
      assert.equal(day, s.byday, 'dtstart falls on the schedule’s day');
    }
    assert.ok(all.some((s) => s.freq === 'MONTHLY' && /^1[A-Z]{2}$/.test(s.byday ?? '')));
    assert.ok(all.some((s) => s.freq === 'MONTHLY' && /^-1[A-Z]{2}$/.test(s.byday ?? '')));
    assert.ok(all.every((s) => s.opens_at && s.closes_at && s.description));
    const exceptions = graphs.flatMap((g) => g.schedule_exceptions);
    assert.ok(exceptions.some((e) => e.closed && /Christmas/.test(e.description ?? '')));
    assert.ok(exceptions.some((e) => e.closed && /Summer/.test(e.description ?? '')));
    assert.ok(
      graphs.some((g) => g.service.minimum_age === 11 && g.service.maximum_age === 18),
      'a youth group',
    );
    assert.ok(
      graphs.some((g) => (g.service.minimum_age ?? 0) >= 50 && g.service.maximum_age === null),
      'an older people’s group',
    );
  });

  it('publishes only a phone number for the refuge', () => {
    const confidential = graphs.flatMap((g) => g.locations).filter((l) => l.belong.confidential);
    assert.ok(confidential.length >= 1);
    for (const l of confidential) {
      assert.equal(l.latitude, null);
      assert.equal(l.longitude, null);
      assert.deepEqual(l.addresses, []);
      assert.ok(l.phones.length >= 1);
    }
  });

  it('uses only drama phone numbers and example.org email addresses', () => {
    const numbers = graphs
      .flatMap((g) => [...g.phones, ...g.contacts.flatMap((c) => c.phones), ...g.locations.flatMap((l) => l.phones)])
      .map((p) => p.number);
    assert.ok(numbers.length > 300);
    for (const n of numbers) assert.match(n, /^(01632 960\d{3}|07700 900\d{3})$/);
    const emails = graphs.flatMap((g) => [g.organization.email, g.service.email, ...g.contacts.map((c) => c.email)]).filter(Boolean);
    for (const e of emails) assert.match(e!, /@[a-z0-9-]+\.example\.org$/);
  });

  it('describes every service in plain words, never labelling people as lonely or isolated', () => {
    const text = JSON.stringify(graphs);
    assert.doesNotMatch(text, /lonel|isolat/i);
    for (const g of graphs) {
      assert.ok(g.service.description.length > 40, g.service.name);
      assert.ok(g.belong.what_to_expect && g.belong.how_to_join && g.service.eligibility_description, g.service.name);
    }
    assert.ok(graphs.some((g) => g.service.name === 'Walking football for over 50s'));
    assert.ok(graphs.some((g) => g.service.name === 'Conversation café'));
  });

  it('says times the way people do', () => {
    assert.equal(spokenTime('10:00'), '10am');
    assert.equal(spokenTime('13:30'), '1:30pm');
    assert.equal(spokenTime('12:00'), '12 noon');
    assert.equal(addDays('2026-02-27', 3), '2026-03-02');
  });
});
