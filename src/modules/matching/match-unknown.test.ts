/**
 * Matching with values the directory does not know (issue 10): an unknown
 * never satisfies what the person needs, and is never taken for a stated
 * fact that rules a service out.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rankCandidates, score } from './match-rank.ts';
import { brokenRules } from './match-rules.ts';
import { candidate, person, TODAY } from './match.test-support.ts';

const UNKNOWN = candidate('Not much stated', {
  gender: null,
  costBand: null,
  entry: null,
  interpreterAvailable: null,
  capacityStatus: null,
  acceptingReferrals: null,
  childcare: null,
  transportOffered: null,
  accompanyFirstVisit: null,
  safeguarding: {
    safeguarding_policy: null,
    safeguarding_checked_leads: null,
    trauma_informed_training: null,
    safeguarding_review_date: null,
  },
});

describe('matching with unknown values', () => {
  it('never lets an unknown satisfy a need: free, low cost, vetted, an interpreter, a way of taking part', () => {
    assert.deepEqual(brokenRules(person({ costLimit: 'free' }), UNKNOWN, TODAY), ['cost']);
    assert.deepEqual(brokenRules(person({ costLimit: 'low_cost' }), UNKNOWN, TODAY), ['cost']);
    assert.deepEqual(brokenRules(person({ complexNeeds: true }), UNKNOWN, TODAY), ['safeguarding']);
    assert.deepEqual(brokenRules(person({ interpreterNeeded: true, languages: ['ti'] }), UNKNOWN, TODAY), ['language']);
    assert.deepEqual(brokenRules(person({}), { ...UNKNOWN, modes: [] }, TODAY), ['mode']);
  });

  it('never rules a service out on a guess: who can come, places and referrals not stated', () => {
    assert.deepEqual(brokenRules(person({ gender: 'man' }), UNKNOWN, TODAY), []);
    assert.deepEqual(brokenRules(person({ gender: null }), UNKNOWN, TODAY), []);
    // Stated facts still rule out.
    assert.deepEqual(brokenRules(person({ gender: 'man' }), { ...UNKNOWN, gender: 'women_only' }, TODAY), ['gender']);
    assert.deepEqual(brokenRules(person({}), { ...UNKNOWN, acceptingReferrals: false }, TODAY), ['capacity']);
    assert.deepEqual(brokenRules(person({}), { ...UNKNOWN, capacityStatus: 'full' }, TODAY), ['capacity']);
  });

  it('ranks unknowns as neither help nor hindrance, and never claims them as reasons', () => {
    const r = person({ prefersDropIn: true, needsChildcare: true, needsTransport: true, needsAccompaniment: true });
    assert.ok(Number.isFinite(score(r, UNKNOWN)));
    const [s] = rankCandidates(r, [UNKNOWN], { today: TODAY }).suggestions;
    const codes = s!.reasons.map((x) => x.code);
    for (const claim of ['free', 'lowCost', 'dropIn', 'creche', 'fares', 'goWith', 'womenOnly', 'menOnly', 'waitingList'] as const)
      assert.ok(!codes.includes(claim), claim);
  });
});
