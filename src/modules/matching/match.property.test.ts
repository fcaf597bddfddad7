/**
 * Property tests: for any person and any directory, no suggestion breaks a
 * hard rule (checked by an independent statement of each rule), the list has
 * no duplicates, respects the limit and the variety caps, and is empty only
 * when nothing fits.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { candidateArb, independentlyBroken, requestArb } from './match.arbitraries.ts';
import { primaryKind, rankCandidates } from './match-rank.ts';
import { assertVarietyKeepsBetterFits } from './match-variety.test-support.ts';
import { brokenRules } from './match-rules.ts';
import { TODAY } from './match.test-support.ts';

const RUNS = 800;

describe('matching properties', () => {
  it('no suggestion ever breaks a hard rule; no duplicates; limit kept; variety never drops a clearly better fit; empty only when nothing fits', () => {
    let withSuggestions = 0;
    fc.assert(
      fc.property(
        requestArb,
        fc.array(candidateArb(), { minLength: 5, maxLength: 40 }),
        fc.integer({ min: 1, max: 12 }),
        (request, candidates, limit) => {
          const result = rankCandidates(request, candidates, { today: TODAY, limit });
          const byId = new Map(candidates.map((c) => [c.serviceId, c]));
          const ids = result.suggestions.map((s) => s.serviceId);
          if (ids.length) withSuggestions++;
          assert.equal(new Set(ids).size, ids.length, 'no duplicates');
          assert.ok(ids.length <= limit, 'within the limit');
          const kinds = new Map<string, number>();
          const orgs = new Map<string, number>();
          for (const s of result.suggestions) {
            // The first candidate with this id is the one ranked (later duplicates are ignored).
            const c = candidates.find((x) => x.serviceId === s.serviceId)!;
            assert.deepEqual(independentlyBroken(request, c, TODAY), [], `${s.name} breaks a rule`);
            kinds.set(primaryKind(request, c), (kinds.get(primaryKind(request, c)) ?? 0) + 1);
            orgs.set(c.organizationId, (orgs.get(c.organizationId) ?? 0) + 1);
            assert.equal(s.waitingList, c.capacityStatus === 'waiting_list');
          }
          assertVarietyKeepsBetterFits(request, candidates, result.suggestions, kinds, orgs);
          const firstOfEach = [...byId.keys()].map((id) => candidates.find((c) => c.serviceId === id)!);
          const anyFits = firstOfEach.some((c) => independentlyBroken(request, c, TODAY).length === 0);
          assert.equal(result.suggestions.length > 0, anyFits, 'suggestions exist exactly when something fits');
        },
      ),
      { numRuns: RUNS },
    );
    // The generators are tuned so the property is tested on real shortlists, not mostly on empty ones:
    // about 38-40% of runs have suggestions, so a floor of a quarter holds for every seed (0.35 failed now and then).
    assert.ok(withSuggestions > RUNS * 0.25, `only ${withSuggestions} of ${RUNS} runs had suggestions`);
  });

  it('the rule engine and the independent statement agree on every candidate', () => {
    fc.assert(
      fc.property(requestArb, candidateArb(), (request, c) => {
        assert.equal(brokenRules(request, c, TODAY).length === 0, independentlyBroken(request, c, TODAY).length === 0);
      }),
      { numRuns: 3000 },
    );
  });
});
