import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import { parseServiceGraph, type ServiceGraph } from '../directory/service-graph.ts';
import { mapCsvRow, missingColumns, parseCsvMapping, type CsvContext, type CsvMapping, type CsvRow } from './csv-mapping.ts';
import { explainErrors } from './import.runner.ts';

const mappingJson = JSON.parse(fs.readFileSync(new URL('../../../test/fixtures/import/council-mapping.json', import.meta.url), 'utf8'));
const parsed = parseCsvMapping(mappingJson);
if (!parsed.ok) throw new Error(parsed.errors.join());
const mapping: CsvMapping = parsed.mapping;
const geocode = (pc: string) => (pc.startsWith('BD') ? { latitude: 53.79, longitude: -1.75 } : null);
const ctx: CsvContext = { source: 'council', mapping, geocode };

const row = (over: Partial<Record<string, string>> = {}): CsvRow => ({
  'Service name': 'Coffee and Conversation',
  Organisation: "Manningham Women's Centre",
  Description: 'Practise English over coffee.',
  'How to access (self-referral / professional referral / formal assessment)': 'Drop in',
  Cost: 'Free',
  'Who is it for': 'Women new to Bradford',
  'Women only?': 'Yes',
  'Languages spoken': 'Urdu; Bengali, Pashto',
  'Interpreter?': 'Yes',
  'Crèche?': 'No',
  Address: '12 Lumb Lane',
  Postcode: 'bd87qt',
  'Day(s)': 'Tuesdays',
  Time: '10am-12pm',
  Phone: '01274 000101',
  Email: 'cafe@example.org',
  Website: 'example.org/cafe',
  'Last checked': '12/03/2024',
  ...over,
});
const graphOf = (r: CsvRow): ServiceGraph => {
  const m = mapCsvRow(r, 2, ctx);
  assert.deepEqual(m.problems, []);
  const p = parseServiceGraph(m.input);
  if (!p.ok) assert.fail(p.errors.join('; '));
  return p.value;
};

describe('reading the column mapping file', () => {
  it('accepts the documented example', () => {
    assert.equal(mapping.source, 'bradford-council-community-list');
  });
  it('names unknown fields and missing required ones', () => {
    const r = parseCsvMapping({ columns: { 'service.nmae': 'Name', cost: 'Cost' } });
    assert.equal(r.ok, false);
    const errors = !r.ok ? r.errors.join('\n') : '';
    assert.match(errors, /columns\.service\.nmae: not a field Belong knows/);
    assert.match(errors, /"organization\.name" must be mapped/);
    assert.match(errors, /"service\.name" must be mapped/);
  });
  it('lists mapped columns the file does not have, ignoring case and spacing', () => {
    assert.deepEqual(
      missingColumns(
        mapping,
        Object.keys(row()).map((h) => ` ${h.toUpperCase()} `),
      ),
      [],
    );
    assert.deepEqual(missingColumns(mapping, ['Service name', 'Organisation']).slice(0, 2), [
      'Description',
      'How to access (self-referral / professional referral / formal assessment)',
    ]);
  });
});

describe('mapping a spreadsheet row', () => {
  it('fills the service, organisation, location, schedule, languages and Belong fields', () => {
    const g = graphOf(row());
    assert.equal(g.service.name, 'Coffee and Conversation');
    assert.equal(g.organization.name, "Manningham Women's Centre");
    assert.equal(g.belong.gender, 'women_only');
    assert.equal(g.belong.entry, 'drop_in');
    assert.equal(g.belong.interpreter_available, true);
    assert.equal(g.belong.childcare, false);
    assert.equal(g.belong.cost_band, 'free');
    assert.deepEqual(
      g.languages.map((l) => l.code),
      ['ur', 'bn', 'ps'],
    );
    assert.equal(g.locations[0]!.addresses[0]!.postal_code, 'BD8 7QT');
    assert.equal(g.locations[0]!.addresses[0]!.city, 'Bradford');
    assert.equal(g.locations[0]!.latitude, 53.79, 'coordinates come from the postcode');
    assert.deepEqual(
      [g.schedules[0]!.freq, g.schedules[0]!.byday, g.schedules[0]!.opens_at, g.schedules[0]!.closes_at],
      ['WEEKLY', 'TU', '10:00:00', '12:00:00'],
    );
    assert.equal(g.schedules[0]!.description, 'Tuesdays, 10am-12pm');
    assert.equal(g.service.url, 'https://example.org/cafe');
    assert.equal(g.service.assured_date, '2024-03-12');
    assert.equal(g.phones[0]!.number, '01274 000101');
    assert.equal(g.service.eligibility_description, 'Women new to Bradford');
  });

  it('reads costs into a band, options and the fees text', () => {
    const g = graphOf(row({ Cost: '£3 suggested donation' }));
    assert.equal(g.belong.cost_band, 'free');
    assert.equal(g.cost_options[0]!.amount, 3);
    assert.equal(g.service.fees_description, '£3 suggested donation');
    assert.equal(graphOf(row({ Cost: '£2' })).belong.cost_band, 'low_cost');
  });

  it('gives the same ids for the same organisation, service and postcode, wherever the row is', () => {
    const a = mapCsvRow(row(), 2, ctx);
    const b = mapCsvRow(row({ Description: 'changed' }), 900, ctx);
    assert.equal(a.externalId, b.externalId);
    assert.equal(a.input!.service.id, b.input!.service.id);
    assert.equal(a.input!.organization.id, mapCsvRow(row({ 'Service name': 'Other' }), 3, ctx).input!.organization.id);
    assert.notEqual(a.input!.service.id, mapCsvRow(row({ Postcode: 'BD1 1AA' }), 3, ctx).input!.service.id);
  });

  it('uses a row id column when the mapping has one', () => {
    const withId: CsvContext = { ...ctx, mapping: { ...mapping, columns: { ...mapping.columns, id: 'Ref' } } };
    const a = mapCsvRow({ ...row(), Ref: 'R-7' }, 2, withId);
    const b = mapCsvRow({ ...row({ 'Service name': 'Renamed' }), Ref: 'R-7' }, 2, withId);
    assert.equal(a.externalId, 'R-7');
    assert.equal(a.input!.service.id, b.input!.service.id, 'renaming the service keeps its id');
  });

  it('reports every problem on a row, naming the column', () => {
    const m = mapCsvRow(
      row({ 'Day(s)': 'when it rains', Time: 'afternoons', 'Women only?': 'maybe', Postcode: 'QQ1 1QQ', Cost: 'ask' }),
      7,
      ctx,
    );
    assert.equal(m.ref, 'line 7');
    assert.equal(m.problems.length, 5);
    assert.ok(m.problems.some((p) => p.startsWith('Day(s):')));
    assert.ok(m.problems.some((p) => p.startsWith('Time:')));
    assert.ok(m.problems.some((p) => p.startsWith('Women only?:')));
    assert.ok(m.problems.some((p) => p.startsWith('Postcode: "QQ1 1QQ" is not a valid UK postcode')));
    assert.ok(m.problems.some((p) => p.startsWith('Cost:')));
  });

  it('explains validation failures in the spreadsheet’s own column names', () => {
    const missing = mapCsvRow(row({ 'Service name': '' }), 4, ctx);
    const p = parseServiceGraph(missing.input);
    assert.equal(p.ok, false);
    assert.deepEqual(explainErrors(!p.ok ? p.errors : [], missing.fieldLabels, missing.problems), ['Service name: is missing']);
    const backwards = mapCsvRow(row({ Time: '14:00-12:00' }), 5, ctx);
    const q = parseServiceGraph(backwards.input);
    assert.deepEqual(explainErrors(!q.ok ? q.errors : [], backwards.fieldLabels, backwards.problems), [
      'Time: the closing time must be after the opening time',
    ]);
  });

  it('needs a postcode for an address, and a full one', () => {
    assert.ok(mapCsvRow(row({ Postcode: '' }), 2, ctx).problems.some((p) => /an address needs a postcode/.test(p)));
    assert.ok(mapCsvRow(row({ Postcode: 'BD8' }), 2, ctx).problems.some((p) => /only the first half of a postcode/.test(p)));
    const areaOnly = mapCsvRow(row({ Address: '', Postcode: 'BD8' }), 2, ctx);
    assert.deepEqual(areaOnly.problems, []);
    assert.ok(areaOnly.warnings.some((w) => /district's centre/.test(w)));
  });

  it('warns, and still imports, when a postcode has no map position or a language is unknown', () => {
    const m = mapCsvRow(row({ Postcode: 'LS1 4AP', 'Languages spoken': 'Urdu, Klingon' }), 2, ctx);
    assert.deepEqual(m.problems, []);
    assert.ok(m.warnings.some((w) => /no map position for postcode LS1 4AP/.test(w)));
    assert.ok(m.warnings.some((w) => /"Klingon"/.test(w)));
  });

  it('applies constants, defaults and cell renames from the mapping', () => {
    const custom: CsvContext = {
      ...ctx,
      mapping: {
        ...mapping,
        columns: {
          ...mapping.columns,
          cost: { column: 'Cost', default: 'Free' },
          'belong.entry': {
            column: 'How to access (self-referral / professional referral / formal assessment)',
            values: { 'GP only': 'professional referral' },
          },
          'service.status': { value: 'active' },
        },
      },
    };
    const m = mapCsvRow(
      row({ Cost: '', 'How to access (self-referral / professional referral / formal assessment)': 'gp ONLY' }),
      2,
      custom,
    );
    assert.deepEqual(m.problems, []);
    assert.equal(m.input!.belong!.cost_band, 'free');
    assert.equal(m.input!.belong!.entry, 'professional_referral');
    assert.equal(m.input!.service.status, 'active');
  });

  it('takes the town from the end of the address when no town column or default is mapped', () => {
    const { 'location.city': _city, ...columns } = mapping.columns;
    const noCity: CsvContext = { ...ctx, mapping: { ...mapping, columns } };
    const m = mapCsvRow(row({ Address: '12 Lumb Lane, Bradford' }), 2, noCity);
    assert.deepEqual(m.problems, []);
    assert.equal(m.input!.locations![0]!.addresses![0]!.address_1, '12 Lumb Lane');
    assert.equal(m.input!.locations![0]!.addresses![0]!.city, 'Bradford');
    assert.ok(mapCsvRow(row({ Address: '12 Lumb Lane' }), 2, noCity).problems.some((p) => /no town or city/.test(p)));
  });
});

describe('a spreadsheet’s own words for who it is for and practicalities', () => {
  const sheet = parseCsvMapping({
    source: 'carers-network',
    columns: {
      'service.name': 'Name',
      'organization.name': 'Organisation',
      'belong.audiences': 'For',
      'belong.eligibility': 'Only?',
      'belong.accessibility': 'Access',
      'belong.requirements': 'Bring',
      'belong.modes': 'How',
      'belong.capacity_status': 'Places',
      'service_area.name': 'Area',
    },
    term_columns: ['Tags'],
    terms: [
      { taxonomy: 'Tags', name: 'Young carers', set: { audiences: ['carers', 'young_people'] } },
      { taxonomy: 'Tags', name: 'Crèche', set: { childcare: true } },
    ],
    patterns: [{ field: 'Notes', pattern: 'women only', set: { gender: 'women_only' } }],
  });
  if (!sheet.ok) throw new Error(sheet.errors.join());
  const c: CsvContext = { source: 'carers-network', mapping: sheet.mapping };
  const read = (over: Record<string, string>) => {
    const m = mapCsvRow({ Name: 'Carers café', Organisation: 'Carers Network', ...over }, 2, c);
    const p = parseServiceGraph(m.input);
    if (!p.ok) assert.fail(p.errors.join('; '));
    return { m, g: p.value };
  };

  it('reads who it is for, "only", access, needs, home visits, places and the area served', () => {
    const { m, g } = read({
      For: 'Older people; carers',
      'Only?': 'Especially welcome',
      Access: 'Step-free, no hearing loop',
      Bring: 'No ID needed; proof of address',
      How: 'in person, home visits',
      Places: 'Waiting list',
      Area: 'Bradford district',
    });
    assert.deepEqual(m.problems, []);
    assert.deepEqual([g.belong.audiences, g.belong.eligibility], [['older_people', 'carers'], 'especially_welcome']);
    assert.deepEqual(g.belong.accessibility, { step_free: true, hearing_loop: false });
    assert.deepEqual(g.belong.requirements, { id_documents: false, proof_of_address: true });
    assert.deepEqual([g.belong.modes, g.belong.capacity_status], [['in_person', 'home_visit'], 'waiting_list']);
    assert.equal(g.service_areas[0]!.name, 'Bradford district');
  });

  it('maps the sheet’s own tags and free text through the mapping, and lists tags no rule used', () => {
    const { m, g } = read({ Tags: 'Young carers; Crèche; Mindfulness', Notes: 'This group is women only.' });
    assert.deepEqual([g.belong.audiences, g.belong.childcare, g.belong.gender], [['carers', 'young_people'], true, 'women_only']);
    assert.deepEqual(m.unmappedTerms, [{ taxonomy: 'Tags', code: null, name: 'Mindfulness' }]);
  });

  it('leaves blank cells not stated: nothing becomes a fact', () => {
    const { g } = read({});
    assert.deepEqual(
      [g.belong.gender, g.belong.entry, g.belong.cost_band, g.belong.childcare, g.belong.capacity_status, g.belong.modes],
      [null, null, null, null, null, []],
    );
  });

  it('needs every column a tag list or pattern names', () => {
    assert.deepEqual(missingColumns(sheet.mapping, ['Name', 'Organisation', 'For', 'Only?', 'Access', 'Bring', 'How', 'Places', 'Area']), [
      'Tags',
      'Notes',
    ]);
  });
});
