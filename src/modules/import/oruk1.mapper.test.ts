import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import { parseServiceGraph, type ServiceGraph } from '../directory/service-graph.ts';
import { detectFormat, readEnvelope } from './feed-source.ts';
import { mapOruk1Service } from './oruk1.mapper.ts';
import { newFeedContext } from './oruk3.mapper.ts';

const body = JSON.parse(fs.readFileSync(new URL('../../../test/fixtures/import/oruk1-feed.json', import.meta.url), 'utf8'));
const items = readEnvelope(body).items;
const mapAll = () => {
  const ctx = newFeedContext('old-api');
  return items.map((raw, i) => mapOruk1Service(raw, ctx, i + 1));
};
const graphOf = (r: ReturnType<typeof mapAll>[number]): ServiceGraph => {
  const p = parseServiceGraph(r.input);
  if (!p.ok) assert.fail(p.errors.join('; '));
  return p.value;
};

describe('mapping legacy ORUK 1.0 services', () => {
  it('reads the Spring-style page and recognises the old format', () => {
    assert.equal(items.length, 3);
    assert.equal(readEnvelope(body).totalPages, 1);
    assert.ok(items.every((i) => detectFormat(i) === 'oruk1'));
  });

  it('turns weekday schedules, holidays, physical addresses and string coordinates into the graph', () => {
    const g = graphOf(mapAll()[0]!);
    assert.equal(g.schedules[0]!.byday, 'WE');
    assert.equal(g.schedules[0]!.freq, 'WEEKLY');
    assert.equal(g.schedules[0]!.opens_at, '11:30:00');
    assert.equal(g.schedules[0]!.valid_from, '2023-01-01');
    assert.deepEqual(
      g.schedule_exceptions.map((e) => [e.starts_on, e.ends_on, e.closed]),
      [['2024-12-23', '2025-01-03', true]],
    );
    const loc = g.locations[0]!;
    assert.equal(loc.latitude, 53.8679);
    assert.equal(loc.addresses[0]!.postal_code, 'BD21 3JD');
    assert.equal(loc.addresses[0]!.country, 'GB');
    assert.equal(loc.accessibility[0]!.description, 'Wheelchair accessible');
    assert.equal(g.service.assured_date, '2023-11-20');
    assert.equal(g.funding[0]!.source, 'Bradford Council small grants');
  });

  it('maps language names to codes and reports the ones it does not know', () => {
    const r = mapAll()[0]!;
    assert.deepEqual(
      graphOf(r).languages.map((l) => l.code),
      ['ur', 'pa', 'phr'],
    );
    assert.ok(r.warnings.some((w) => w.includes('"Hindko"')));
  });

  it('reads ages, costs and how to get in', () => {
    const g = graphOf(mapAll()[0]!);
    assert.equal(g.service.minimum_age, 55);
    assert.equal(g.service.maximum_age, null, 'a maximum of 999 means no upper limit');
    assert.equal(g.service.eligibility_description, 'Older people');
    assert.equal(g.belong.entry, 'drop_in');
    assert.equal(g.belong.cost_band, 'low_cost');
    assert.equal(g.cost_options[0]!.amount, 3);
    assert.deepEqual(g.belong.support_kinds, ['advice']);
  });

  it('reads "Female" eligibility as women only and "appointment" as getting in touch yourself', () => {
    const g = graphOf(mapAll()[1]!);
    assert.equal(g.belong.gender, 'women_only');
    assert.equal(g.belong.entry, 'self_referral');
    assert.deepEqual(
      g.schedules.map((s) => s.byday),
      ['TH', 'FR'],
    );
    assert.deepEqual(
      g.languages.map((l) => l.code),
      ['en', 'ar'],
    );
  });

  it('imports service taxonomies grouped by vocabulary, with parents', () => {
    const r = mapAll()[0]!;
    assert.equal(r.taxonomies!.length, 1);
    assert.equal(r.taxonomies![0]!.name, 'BCC service types');
    const child = r.terms!.find((t) => t.code === 'bccsource:SocialGroups')!;
    const parent = r.terms!.find((t) => t.code === 'bccsource:Community')!;
    assert.equal(child.parent_id, parent.id);
    assert.equal(graphOf(r).attributes.length, 2);
  });

  it('leaves validation to report a status the standard does not have', () => {
    const r = mapAll()[2]!;
    const p = parseServiceGraph(r.input);
    assert.equal(p.ok, false);
    assert.match(!p.ok ? p.errors.join() : '', /service\.status/);
    assert.deepEqual(graphOf({ ...r, input: { ...r.input!, service: { ...r.input!.service, status: 'active' } } }).belong.modes, ['phone']);
  });

  it('leaves out a holiday without a start date with a warning', () => {
    const r = mapOruk1Service(
      {
        id: '9',
        name: 'Club',
        organization: { id: '1', name: 'Org' },
        holiday_schedules: [
          { closed: true, end_date: '2024-12-31' },
          { closed: true, start_date: '2024-08-01' },
        ],
      },
      newFeedContext('old'),
      1,
    );
    const g = graphOf(r);
    assert.deepEqual(
      g.schedule_exceptions.map((e) => [e.starts_on, e.ends_on]),
      [['2024-08-01', '2024-08-01']],
    );
    assert.deepEqual(r.warnings, ['a holiday schedule without a start date was left out']);
  });
});
