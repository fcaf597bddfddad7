import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  accessFromText,
  BelongStatements,
  modesFromText,
  parseVocabularyMapping,
  patternRulesFor,
  termLabel,
  termRulesFor,
  type VocabularyMapping,
} from './vocabulary-mapping.ts';

const mapping = (json: unknown): VocabularyMapping => {
  const m = parseVocabularyMapping(json);
  if (!m.ok) assert.fail(m.errors.join('\n'));
  return m.mapping;
};

describe('a mapping file for a feed', () => {
  it('matches terms by taxonomy and code, by name, and by a pattern on the name', () => {
    const m = mapping({
      terms: [
        { taxonomy: 'Audiences', code: 'old', set: { audiences: ['older_people'] } },
        { name: 'Carers!', set: { audiences: ['carers'] } },
        { taxonomy: 'Audiences', match: '^LGBT', set: { audiences: ['lgbtq'] } },
      ],
    });
    assert.deepEqual(termRulesFor(m, { taxonomy: 'audiences', code: 'OLD', name: 'Older people' }), [{ audiences: ['older_people'] }]);
    assert.deepEqual(termRulesFor(m, { taxonomy: 'Access', code: 'OLD', name: 'Old building' }), [], 'another taxonomy');
    assert.deepEqual(
      termRulesFor(m, { taxonomy: 'Anything', code: null, name: 'carers' }),
      [{ audiences: ['carers'] }],
      'name, ignoring case and punctuation',
    );
    assert.deepEqual(termRulesFor(m, { taxonomy: 'Audiences', code: 'X', name: 'LGBTQ+ social' }), [{ audiences: ['lgbtq'] }]);
    assert.deepEqual(
      termRulesFor(m, { taxonomy: null, taxonomyId: 'AUDIENCES', code: 'OLD', name: null }),
      [{ audiences: ['older_people'] }],
      'or the taxonomy id',
    );
  });

  it('matches patterns on one text field, or on every one', () => {
    const m = mapping({
      patterns: [
        { field: 'eligibility_description', pattern: '\\bwomen only\\b', set: { gender: 'women_only' } },
        { pattern: 'no (ID|documents) needed', set: { requirements: { id_documents: false } } },
      ],
    });
    assert.deepEqual(patternRulesFor(m, { eligibility_description: 'For WOMEN ONLY.', description: '' }), [{ gender: 'women_only' }]);
    assert.deepEqual(patternRulesFor(m, { description: 'Women only' }), [], 'only the field named');
    assert.deepEqual(patternRulesFor(m, { 'Who can come': 'Anyone; no ID needed' }), [{ requirements: { id_documents: false } }]);
  });

  it('says in plain words what is wrong with a mapping', () => {
    const r = parseVocabularyMapping({
      terms: [{ name: 'x', set: { gender: 'ladies' } }, { set: { gender: 'women_only' } }, { name: 'y', set: { colour: 'blue' } }],
      patterns: [{ pattern: '(', set: {} }],
      extra: true,
    });
    assert.ok(!r.ok);
    const text = !r.ok ? r.errors.join('\n') : '';
    assert.match(text, /terms\.0\.set\.gender: /);
    assert.match(text, /terms\.1: give the term's "code", "name" or a "match" pattern/);
    assert.match(text, /terms\.2\.set: "colour" is not a field a mapping can set or match on/);
    assert.match(text, /patterns\.0\.pattern: is not a regular expression/);
    assert.match(text, /\(mapping\): "extra" is not a field/);
  });

  it('labels a term for the list of terms nobody mapped', () => {
    assert.equal(termLabel({ taxonomy: 'CVCD Audiences', code: 'VET', name: 'Veterans' }), 'CVCD Audiences: [VET] "Veterans"');
    assert.equal(termLabel({ taxonomy: null, code: null, name: 'Hearing loop' }), '"Hearing loop"');
  });
});

describe('putting together what a source says', () => {
  it('lets Belong’s own terms count most, then the mapping, then the built-in readings', () => {
    const s = new BelongStatements();
    s.add('builtin', { entry: 'self_referral', cost_band: 'free' });
    s.add('mapping', { entry: 'professional_referral' });
    s.add('belong', { cost_band: 'low_cost' });
    const warnings: string[] = [];
    const { belong } = s.result(warnings);
    assert.deepEqual([belong.entry, belong.cost_band, warnings], ['professional_referral', 'low_cost', []]);
  });

  it('leaves a field not stated, with a warning, when one source says two different things', () => {
    const s = new BelongStatements();
    s.add('mapping', { gender: 'women_only', accessibility: { step_free: true } });
    s.add('mapping', { gender: 'mixed', accessibility: { step_free: false, hearing_loop: true } });
    const warnings: string[] = [];
    const { belong } = s.result(warnings);
    assert.equal(belong.gender, null);
    assert.deepEqual(belong.accessibility, { hearing_loop: true });
    assert.deepEqual(warnings, [
      'the source says both "women_only" and "mixed" for gender; left as not stated',
      'the source says both "true" and "false" for step free; left as not stated',
    ]);
  });

  it('adds lists up, except that another Belong’s list is complete', () => {
    const s = new BelongStatements();
    s.add('mapping', { audiences: ['carers'] });
    s.add('builtin', { audiences: ['older_people'], modes: ['in_person'] });
    s.add('belong', { modes: ['phone'] });
    const { belong } = s.result([]);
    assert.deepEqual([belong.audiences, belong.modes], [['carers', 'older_people'], ['phone']]);
  });

  it('reads "open to all" with audiences as "especially welcome", and drops "only" that names nobody', () => {
    const a = new BelongStatements();
    a.add('mapping', { eligibility: 'open_to_all', audiences: ['older_people'] });
    assert.equal(a.result([]).belong.eligibility, 'especially_welcome');
    const b = new BelongStatements();
    b.add('mapping', { eligibility: 'only' });
    const warnings: string[] = [];
    assert.equal(b.result(warnings).belong.eligibility, null);
    assert.match(warnings[0]!, /"only" without saying for whom/);
  });
});

describe('built-in readings of plain words', () => {
  it('reads access features, stated and denied', () => {
    assert.deepEqual(accessFromText('Wheelchair accessible entrance. Hearing loop in the main hall.'), {
      step_free: true,
      hearing_loop: true,
    });
    assert.deepEqual(accessFromText('No hearing loop; not wheelchair accessible'), { hearing_loop: false, step_free: false });
    assert.deepEqual(accessFromText('There are steps at the entrance, no lift.'), { step_free: false });
    assert.deepEqual(accessFromText('BSL interpreter on request, large print menus, quiet room upstairs'), {
      bsl: true,
      large_print: true,
      quiet_space: true,
    });
    assert.deepEqual(accessFromText('Free parking'), {});
  });

  it('reads ways of attending', () => {
    assert.deepEqual(modesFromText('Venue and home visits'), ['home_visit', 'in_person']);
    assert.deepEqual(modesFromText('Telephone or Zoom'), ['phone', 'online']);
    assert.deepEqual(modesFromText(null), []);
  });
});
