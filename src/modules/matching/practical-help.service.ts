/**
 * Practical help for the urgent needs a person named: the advice services
 * read from the directory (practical-help.repository.ts) and picked by the
 * pure rules (practical-needs.ts), and the social shortlist with those
 * services taken out (so nothing is offered twice).
 */
import type { Executor } from '../../platform/db/executor.ts';
import type { MatchRequest } from './match-request.ts';
import { londonDate, type MatchResult } from './match.service.ts';
import { loadCandidates } from './match.repository.ts';
import { practicalCandidateIds } from './practical-help.repository.ts';
import { pickPracticalHelp, practicalKinds, practicalRequest, type PracticalHelp, type PracticalNeed } from './practical-needs.ts';

export async function practicalHelpFor(
  db: Executor,
  request: MatchRequest,
  needs: readonly PracticalNeed[],
  now: Date,
): Promise<PracticalHelp[]> {
  if (!needs.length) return [];
  const r = practicalRequest(request, needs);
  const today = londonDate(now);
  const candidates = await loadCandidates(db, await practicalCandidateIds(db, r, today, practicalKinds(needs)), today);
  return pickPracticalHelp(r, candidates, needs, today);
}

/** The social shortlist without the services already offered as practical help. */
export function withoutPractical(result: MatchResult, practical: readonly PracticalHelp[]): MatchResult {
  const shown = new Set(practical.flatMap((p) => p.suggestions.map((s) => s.serviceId)));
  return shown.size ? { ...result, suggestions: result.suggestions.filter((s) => !shown.has(s.serviceId)) } : result;
}
