/**
 * Practical help for a finished conversation: the advice services for the
 * urgent needs the person named, read from the directory and picked by the
 * pure rules (practical-needs.ts), and the shortlist with those services
 * taken out of the social suggestions (so nothing is offered twice).
 */
import type { Executor } from '../../platform/db/executor.ts';
import type { MatchRequest } from '../matching/match-request.ts';
import { londonDate, type MatchResult } from '../matching/match.service.ts';
import { loadCandidates } from '../matching/match.repository.ts';
import { practicalCandidateIds } from '../matching/practical-help.repository.ts';
import type { Answers } from './conversation-answers.ts';
import { pickPracticalHelp, practicalKinds, practicalRequest, type PracticalHelp } from './practical-needs.ts';

export async function practicalHelpFor(db: Executor, request: MatchRequest, answers: Answers, now: Date): Promise<PracticalHelp[]> {
  const needs = answers.practical?.needs ?? [];
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
