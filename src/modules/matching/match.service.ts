/**
 * Matching: rank directory services for a person and explain each one.
 *
 * `matchServices` reads candidates through the SQL prefilter
 * (match.repository.ts), applies every hard rule again in JS and ranks the
 * ones that fit (match-rank.ts). Nothing is padded: when nothing fits, the
 * result says so (`unmet`) and counts, per hard rule, how many services
 * within reach it ruled out, so the caller can say why and record the unmet
 * need (unmet-needs.repository.ts). It reads only the public directory and
 * stores nothing.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import { withSearchSettings } from '../directory/directory.service.ts';
import { rankCandidates, type Reason, type Suggestion } from './match-rank.ts';
import type { MatchRequest } from './match-request.ts';
import { candidateIds, countRuledOut, loadCandidates } from './match.repository.ts';
import type { HardRule, RuledOut } from './match-rules.ts';

export type { Reason, Suggestion, HardRule, RuledOut };

export interface MatchResult {
  suggestions: Suggestion[];
  /** Nothing fits. */
  unmet: boolean;
  /**
   * Per hard rule, how many services it ruled out (one service can be ruled
   * out by several rules). When nothing fits: among every service within
   * reach; otherwise among the candidates examined.
   */
  ruledOut: RuledOut;
}

/** 'YYYY-MM-DD' in UK time. */
export function londonDate(d: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}

export async function matchServices(
  db: Kysely<DB> | Transaction<DB>,
  request: MatchRequest,
  options: { limit?: number; now?: Date } = {},
): Promise<MatchResult> {
  const today = londonDate(options.now ?? new Date());
  return withSearchSettings(db, async (trx) => {
    const ids = await candidateIds(trx, request, today);
    const candidates = await loadCandidates(trx, ids, today);
    const ranked = rankCandidates(request, candidates, { today, ...(options.limit !== undefined ? { limit: options.limit } : {}) });
    if (ranked.suggestions.length) return { suggestions: ranked.suggestions, unmet: false, ruledOut: ranked.ruledOut };
    // Nothing fits: count what each rule ruled out within reach. Times and
    // distance for mixed ways of taking part are only known in JS.
    const counted = await countRuledOut(trx, request, today);
    const ruledOut = counted.ruledOut;
    for (const rule of ['times', 'distance'] as const) ruledOut[rule] = Math.max(ruledOut[rule], ranked.ruledOut[rule]);
    return { suggestions: [], unmet: true, ruledOut };
  });
}
