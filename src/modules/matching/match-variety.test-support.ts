/**
 * The variety property, shared by the pure and the database property tests:
 * at most MAX_PER_KIND of a kind and MAX_PER_ORGANISATION from one
 * organisation, except for a service clearly better (by more than
 * CLEAR_FIT_MARGIN) than one it would otherwise have given way to; and no
 * fitting service left out scores clearly more than one on the list (among
 * one-to-one services, or among groups, when one-to-one comes first).
 */
import assert from 'node:assert/strict';
import type { MatchCandidate } from './match-candidate.ts';
import { CLEAR_FIT_MARGIN, isOneToOne, MAX_PER_KIND, MAX_PER_ORGANISATION, score, type Suggestion } from './match-rank.ts';
import type { MatchRequest } from './match-request.ts';
import { independentlyBroken } from './match.arbitraries.ts';
import { TODAY } from './match.test-support.ts';

export function assertVarietyKeepsBetterFits(
  request: MatchRequest,
  candidates: readonly MatchCandidate[],
  suggestions: readonly Suggestion[],
  kinds: Map<string, number>,
  orgs: Map<string, number>,
): void {
  const chosen = new Set(suggestions.map((s) => s.serviceId));
  const oneToOneFirst = request.wants.includes('one_to_one') && !request.wants.includes('group');
  const side = (c: MatchCandidate) => (oneToOneFirst ? isOneToOne(c) : true);
  const seen = new Set<string>();
  const leftOut = candidates.filter((c) => {
    if (seen.has(c.serviceId)) return false;
    seen.add(c.serviceId);
    return !chosen.has(c.serviceId) && independentlyBroken(request, c, TODAY).length === 0;
  });
  for (const s of suggestions) {
    const c = candidates.find((x) => x.serviceId === s.serviceId)!;
    for (const u of leftOut)
      if (side(u) === side(c))
        assert.ok(score(request, u) - s.score <= CLEAR_FIT_MARGIN + 1e-9, `${u.name} left out though clearly better than ${s.name}`);
  }
  const over = [...kinds.values(), ...orgs.values()].some((n, i) => n > (i < kinds.size ? MAX_PER_KIND : MAX_PER_ORGANISATION));
  if (over) {
    // Over a cap only because something clearly better would otherwise have been dropped.
    const lowest = Math.min(...suggestions.map((s) => s.score));
    assert.ok(
      suggestions.some((s) => s.score - lowest > CLEAR_FIT_MARGIN),
      'over a variety cap without a clearly better fit',
    );
  }
}
