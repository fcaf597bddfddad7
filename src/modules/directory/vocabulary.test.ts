import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseServiceGraph } from './service-graph.ts';
import { VOCABULARY, VOCABULARY_SOURCES, isSafeguardingVetted, termCodesFor, termId, vocabularyTermById } from './vocabulary.ts';

describe('Belong vocabulary', () => {
  it('has a term for every stored extension value', () => {
    const codes = new Set(VOCABULARY.map((t) => t.code));
    for (const [group, values] of Object.entries(VOCABULARY_SOURCES)) {
      for (const v of values) assert.ok(codes.has(`${group}:${v}`), `missing term ${group}:${v}`);
    }
  });

  it('gives every term a stable, unique id and a parent group', () => {
    const ids = new Set(VOCABULARY.map((t) => t.id));
    assert.equal(ids.size, VOCABULARY.length);
    assert.equal(termId('gender:women_only'), termId('gender:women_only'));
    for (const t of VOCABULARY.filter((t) => t.parentCode)) assert.ok(vocabularyTermById(termId(t.parentCode!)));
  });

  it('uses plain words and never labels people as lonely or isolated', () => {
    for (const t of VOCABULARY) assert.doesNotMatch(`${t.name} ${t.description}`, /lonel|isolat/i);
  });

  it('describes a service with the terms that apply to it', () => {
    const g = parseServiceGraph({
      organization: { id: termId('o'), name: 'O' },
      service: { id: termId('s'), name: 'S' },
      belong: { gender: 'women_only', cost_band: 'free', childcare: true, support_kinds: ['arts'], food: ['halal'] },
    });
    assert.ok(g.ok);
    if (!g.ok) return;
    const codes = termCodesFor(g.value.belong, '2026-11-22');
    assert.deepEqual(
      codes.sort(),
      [
        'capacity:places_available',
        'cost:free',
        'entry:drop_in',
        'food:halal',
        'gender:women_only',
        'help:childcare',
        'mode:in_person',
        'support:arts',
      ].sort(),
    );
  });

  it('counts safeguarding as vetted only when complete and reviewed within a year', () => {
    const full = {
      safeguarding_policy: true,
      safeguarding_checked_leads: true,
      trauma_informed_training: true,
      safeguarding_review_date: '2026-01-10',
    };
    assert.equal(isSafeguardingVetted(full, '2026-11-22'), true);
    assert.equal(isSafeguardingVetted({ ...full, safeguarding_review_date: '2025-11-21' }, '2026-11-22'), false);
    assert.equal(isSafeguardingVetted({ ...full, trauma_informed_training: false }, '2026-11-22'), false);
    assert.equal(isSafeguardingVetted({ ...full, safeguarding_review_date: null }, '2026-11-22'), false);
  });
});
