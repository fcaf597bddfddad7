import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ACCESS_FEATURES, HELP_FLAGS, parseServiceGraph, REQUIREMENTS } from './service-graph.ts';
import {
  VOCABULARY,
  VOCABULARY_SOURCES,
  isSafeguardingVetted,
  termCodesFor,
  termId,
  termValuesFor,
  vocabularyTermById,
} from './vocabulary.ts';

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

  it('describes a service with the terms for what was stated, and nothing for what was not', () => {
    const g = parseServiceGraph({
      organization: { id: termId('o'), name: 'O' },
      service: { id: termId('s'), name: 'S' },
      belong: { gender: 'women_only', cost_band: 'free', childcare: true, support_kinds: ['arts'], food: ['halal'] },
    });
    assert.ok(g.ok);
    if (!g.ok) return;
    const codes = termCodesFor(g.value.belong, '2026-11-22');
    assert.deepEqual(codes.sort(), ['cost:free', 'food:halal', 'gender:women_only', 'help:childcare', 'support:arts'].sort());
  });

  it('gives a stated "no" its own term, so it is never confused with "not stated"', () => {
    const g = parseServiceGraph({
      organization: { id: termId('o'), name: 'O' },
      service: { id: termId('s'), name: 'S' },
      belong: {
        childcare: false,
        accepting_referrals: false,
        accessibility: { step_free: false, hearing_loop: true },
        requirements: { id_documents: false },
        audiences: ['refugees_asylum'],
        eligibility: 'only',
        modes: ['home_visit'],
        safeguarding_policy: false,
        how_to_join: 'Ring Amina.',
        communities: ['Kurdish', 'Somali'],
        safeguarding_review_date: '2026-02-01',
      },
    });
    assert.ok(g.ok);
    if (!g.ok) return;
    assert.deepEqual(
      termCodesFor(g.value.belong, '2026-11-22').sort(),
      [
        'access:hearing_loop',
        'access:no_step_free',
        'audience:refugees_asylum',
        'detail:community',
        'detail:how_to_join',
        'eligibility:only',
        'help:no_childcare',
        'mode:home_visit',
        'referrals:paused',
        'requires:no_id_documents',
        'safeguarding:no_policy',
        'safeguarding:reviewed',
      ].sort(),
    );
    assert.deepEqual(termValuesFor(g.value.belong), {
      'detail:how_to_join': ['Ring Amina.'],
      'detail:community': ['Kurdish', 'Somali'],
      'safeguarding:reviewed': ['2026-02-01'],
    });
    for (const code of termCodesFor(g.value.belong, '2026-11-22')) assert.ok(vocabularyTermById(termId(code)), `${code} is a term`);
  });

  it('has a "no" term for every yes/no fact', () => {
    const codes = new Set(VOCABULARY.map((t) => t.code));
    for (const [group, values] of [
      ['help', HELP_FLAGS],
      ['access', ACCESS_FEATURES],
      ['requires', REQUIREMENTS],
    ] as const)
      for (const v of values) assert.ok(codes.has(`${group}:no_${v}`), `${group}:no_${v}`);
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
