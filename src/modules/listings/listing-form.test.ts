import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { locationFixture, serviceFixture } from '../../../test/support/directory-fixtures.ts';
import { STAFF_KEYS } from '../../platform/i18n/staff-catalogue.ts';
import { parseServiceGraph, type ServiceGraph } from '../directory/service-graph.ts';
import { applyChanges, changedPaths, sensitiveChanges, staleChanges, withoutSensitive } from './listing-changes.ts';
import { formValues, optionsFor, parseSection, readField, submittedValues, type FormBody } from './listing-form.ts';
import { addMonths, applyQuickAction, reviewFlag } from './listing-quick.ts';
import { SECTIONS, sectionById } from './listing-sections.ts';

function fixture(): ServiceGraph {
  const r = parseServiceGraph(serviceFixture('knit', { locations: [locationFixture('knit')] }));
  assert.ok(r.ok);
  return r.value;
}

/** What the page posts when nothing is changed, plus `changes`. */
function body(section: string, g: ServiceGraph, changes: FormBody = {}): FormBody {
  const out: FormBody = {};
  for (const [k, v] of Object.entries(formValues(sectionById(section)!, g))) out[k] = typeof v === 'boolean' ? (v ? 'yes' : undefined) : v;
  return { ...out, ...changes };
}

describe('listing forms', () => {
  it('leave a listing exactly as it was when posted unchanged, in every section', () => {
    const g = fixture();
    for (const s of SECTIONS) {
      const r = parseSection(s, g, body(s.id, g));
      assert.ok(r.ok, `${s.id}: ${JSON.stringify(!r.ok && r.problems)}`);
      assert.deepEqual(changedPaths(g, r.graph), [], s.id);
    }
  });

  it('change a session time and its days, and add a monthly session on the first Tuesday', () => {
    const g = fixture();
    const r = parseSection(
      sectionById('when')!,
      g,
      body('when', g, {
        'schedules.0.opens_at': '9.30',
        'schedules.0.days': ['MO', 'TH'],
        'schedules.1.freq': 'MONTHLY',
        'schedules.1.days': 'TU',
        'schedules.1.week': '1',
        'schedules.1.opens_at': '18:00',
        'schedules.1.closes_at': '20:00',
      }),
    );
    assert.ok(r.ok, JSON.stringify(!r.ok && r.problems));
    assert.equal(r.graph.schedules[0]!.opens_at, '09:30:00');
    assert.equal(r.graph.schedules[0]!.byday, 'MO,TH');
    assert.equal(r.graph.schedules[1]!.byday, '1TU');
    assert.equal(r.graph.schedules[1]!.freq, 'MONTHLY');
    assert.notEqual(r.graph.schedules[1]!.id, g.schedules[0]!.id);
    assert.deepEqual(changedPaths(g, r.graph), ['schedules']);
  });

  it('remove a row, and never take an id from outside the listing', () => {
    const g = fixture();
    const removed = parseSection(sectionById('languages')!, g, body('languages', g, { 'languages.0.remove': 'yes' }));
    assert.ok(removed.ok);
    assert.deepEqual(removed.graph.languages, []);
    const foreign = '11111111-1111-4111-8111-111111111111';
    const r = parseSection(sectionById('languages')!, g, body('languages', g, { 'languages.1.id': foreign, 'languages.1.code': 'ur' }));
    assert.ok(r.ok);
    assert.equal(r.graph.languages.length, 2);
    assert.ok(r.graph.languages.every((l) => l.id !== foreign));
  });

  it('say what is wrong, per field, and change nothing', () => {
    const g = fixture();
    const when = parseSection(
      sectionById('when')!,
      g,
      body('when', g, { 'schedules.0.opens_at': '25:00', 'schedules.0.closes_at': 'noon' }),
    );
    assert.deepEqual(!when.ok && when.problems, [
      { field: 'schedules.0.opens_at', code: 'time' },
      { field: 'schedules.0.closes_at', code: 'time' },
    ]);
    const order = parseSection(
      sectionById('when')!,
      g,
      body('when', g, { 'schedules.0.opens_at': '14:00', 'schedules.0.closes_at': '13:00' }),
    );
    assert.deepEqual(!order.ok && order.problems, [{ field: 'schedules.0.closes_at', code: 'closesBeforeOpens' }]);
    const ages = parseSection(sectionById('who')!, g, body('who', g, { minimum_age: '65', maximum_age: '18' }));
    assert.deepEqual(!ages.ok && ages.problems, [{ field: 'maximum_age', code: 'ageOrder' }]);
    const about = parseSection(sectionById('about')!, g, body('about', g, { name: '  ', status: 'gone' }));
    assert.deepEqual(!about.ok && about.problems, [
      { field: 'name', code: 'required' },
      { field: 'status', code: 'choice' },
    ]);
    const who = parseSection(sectionById('who')!, g, body('who', g, { eligibility: 'only', audiences: [] }));
    assert.deepEqual(!who.ok && who.problems, [{ field: 'audiences', code: 'invalid' }]);
    const tri = parseSection(sectionById('cost')!, g, body('cost', g, { childcare: 'maybe' }));
    assert.deepEqual(!tri.ok && tri.problems, [{ field: 'childcare', code: 'choice' }]);
    const lang = parseSection(sectionById('languages')!, g, body('languages', g, { 'languages.0.code': 'Urdu language' }));
    assert.deepEqual(!lang.ok && lang.problems, [{ field: 'languages.0.code', code: 'language' }]);
  });

  it('read each kind of field', () => {
    assert.deepEqual(readField({ kind: 'date' }, { d: '2026-02-30' }, 'd'), { problem: 'date' });
    assert.deepEqual(readField({ kind: 'date' }, { d: '2026-02-28' }, 'd'), { value: '2026-02-28' });
    assert.deepEqual(readField({ kind: 'number' }, { n: '£2.50' }, 'n'), { value: 2.5 });
    assert.deepEqual(readField({ kind: 'int' }, { n: '2.5' }, 'n'), { problem: 'wholeNumber' });
    assert.deepEqual(readField({ kind: 'list' }, { l: 'Kurdish, Somali,,Kurdish' }, 'l'), { value: ['Kurdish', 'Somali'] });
    assert.deepEqual(readField({ kind: 'yesno' }, {}, 'x'), { problem: 'choice' });
    assert.deepEqual(readField({ kind: 'choices', options: ['a', 'b'] }, { c: ['b', 'a'] }, 'c'), { value: ['a', 'b'] });
    assert.deepEqual(readField({ kind: 'choice', options: ['a'], optional: true }, { c: '' }, 'c'), { value: null });
    assert.deepEqual(readField({ kind: 'text', blank: '' }, { t: ' ' }, 't'), { value: '' });
    // Yes, no, or not stated.
    assert.deepEqual(readField({ kind: 'tri' }, { x: 'yes' }, 'x'), { value: true });
    assert.deepEqual(readField({ kind: 'tri' }, { x: 'no' }, 'x'), { value: false });
    assert.deepEqual(readField({ kind: 'tri' }, {}, 'x'), { value: null });
    assert.deepEqual(readField({ kind: 'tri' }, { x: 'maybe' }, 'x'), { problem: 'choice' });
  });

  it('edit who it is for, what people need and access, each of which can be left not stated', () => {
    const g = fixture();
    const who = parseSection(
      sectionById('who')!,
      g,
      body('who', g, {
        audiences: ['carers', 'older_people'],
        eligibility: 'only',
        requires_id_documents: 'no',
        requires_gp_registration: 'yes',
        gender: '',
        entry: '',
      }),
    );
    assert.ok(who.ok);
    assert.deepEqual(
      [who.graph.belong.audiences, who.graph.belong.eligibility, who.graph.belong.requirements],
      [['older_people', 'carers'], 'only', { id_documents: false, gp_registration: true }],
    );
    assert.deepEqual([who.graph.belong.gender, who.graph.belong.entry], [null, null], 'chosen "not stated"');
    const where = parseSection(sectionById('where')!, g, body('where', g, { access_step_free: 'no', access_hearing_loop: 'yes' }));
    assert.ok(where.ok);
    assert.deepEqual(where.graph.belong.accessibility, { step_free: false, hearing_loop: true });
    const back = parseSection(sectionById('where')!, where.graph, body('where', where.graph, { access_step_free: '' }));
    assert.ok(back.ok);
    assert.deepEqual(back.graph.belong.accessibility, { hearing_loop: true }, 'not stated again: the fact is gone');
    const shown = formValues(sectionById('where')!, where.graph);
    assert.deepEqual([shown.access_step_free, shown.access_hearing_loop, shown.access_bsl], ['no', 'yes', '']);
  });

  it('show a submitted form again as it was typed', () => {
    const v = submittedValues(sectionById('capacity')!, {
      capacity_status: 'full',
      accepting_referrals: 'no',
      'capacities.count': '1',
      'capacities.0.unit': 'places',
      'capacities.0.available': 'lots',
    });
    assert.equal(v.capacity_status, 'full');
    assert.equal(v['capacities.0.available'], 'lots');
  });

  it('have a label for every field, row and option in the staff catalogue', () => {
    const keys = new Set<string>(STAFF_KEYS);
    const g = fixture();
    const missing: string[] = [];
    const need = (key: string) => !keys.has(key) && missing.push(key);
    for (const s of SECTIONS) {
      need(`listings.section.${s.id}`);
      need(`listings.section.${s.id}.hint`);
      for (const f of s.fields) {
        need(`listings.f.${s.id}.${f.name}`);
        if (typeof f.options !== 'function') for (const o of optionsFor(f, g)) need(`listings.o.${f.name}.${o}`);
      }
      for (const r of s.rows) {
        for (const suffix of ['', '.one', '.add', '.remove']) need(`listings.rows.${r.key}${suffix}`);
        for (const f of r.fields) {
          need(`listings.f.${r.key}.${f.name}`);
          if (typeof f.options !== 'function') for (const o of optionsFor(f, g)) need(`listings.o.${f.name}.${o}`);
        }
      }
    }
    assert.deepEqual(missing, []);
  });
});

describe('sensitive listing changes', () => {
  it('are found, held back, applied, and refused once stale', () => {
    const g = fixture();
    const loc = g.locations[0]!.id;
    const after: ServiceGraph = {
      ...g,
      service: { ...g.service, name: 'Knit and natter' },
      belong: { ...g.belong, safeguarding_policy: true, safeguarding_review_date: '2026-09-01' },
      locations: [{ ...g.locations[0]!, belong: { confidential: true, area_name: 'Manningham' } }],
    };
    const changes = sensitiveChanges(g, after);
    assert.deepEqual(changes, [
      { field: 'belong.safeguarding_policy', before: false, after: true },
      { field: 'belong.safeguarding_review_date', before: null, after: '2026-09-01' },
      { field: `location.${loc}.confidential`, before: false, after: true },
    ]);
    const held = withoutSensitive(after, changes);
    assert.deepEqual(sensitiveChanges(g, held), []);
    assert.deepEqual(changedPaths(g, held), ['service.name', 'locations'], 'the area name still applies');
    assert.deepEqual(staleChanges(held, changes), []);
    const applied = applyChanges(held, changes);
    assert.deepEqual(sensitiveChanges(after, applied), []);
    assert.deepEqual(
      staleChanges(applied, changes).map((c) => c.field),
      changes.map((c) => c.field),
    );
    assert.deepEqual(
      staleChanges({ ...held, locations: [] }, changes).map((c) => c.field),
      [`location.${loc}.confidential`],
    );
  });

  it('include a new location made confidential', () => {
    const g = fixture();
    const extra = { ...g.locations[0]!, id: '22222222-2222-4222-8222-222222222222', belong: { confidential: true, area_name: null } };
    assert.deepEqual(sensitiveChanges(g, { ...g, locations: [...g.locations, extra] }), [
      { field: `location.${extra.id}.confidential`, before: false, after: true },
    ]);
  });
});

describe('quick actions and review flags', () => {
  it('mark full, stop referrals and still correct', () => {
    const g = fixture();
    assert.equal(applyQuickAction(g, 'full', '2026-03-02', 'A').belong.capacity_status, 'full');
    assert.equal(applyQuickAction(g, 'stop_referrals', '2026-03-02', 'A').belong.accepting_referrals, false);
    const ok = applyQuickAction(g, 'still_correct', '2026-08-31', 'Aisha (Sisters)');
    assert.deepEqual(
      [ok.service.assured_date, ok.belong.review_due, ok.belong.verified_by],
      ['2026-08-31', '2027-02-28', 'Aisha (Sisters)'],
    );
  });

  it('flag overdue, due soon and missing review dates', () => {
    assert.equal(reviewFlag(null, '2026-03-02'), 'unset');
    assert.equal(reviewFlag('2026-03-01', '2026-03-02'), 'overdue');
    assert.equal(reviewFlag('2026-04-01', '2026-03-02'), 'dueSoon');
    assert.equal(reviewFlag('2026-04-02', '2026-03-02'), null);
    assert.equal(addMonths('2026-01-31', 1), '2026-02-28');
  });
});
