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
import { rankCandidates, type Reason, type Suggestion } from './match-rank.ts';
import type { MatchRequest } from './match-request.ts';
import { candidateIds, countRuledOut, loadCandidates } from './match.repository.ts';
import { brokenRules, type HardRule, type RuledOut } from './match-rules.ts';
import { unmetMusts, type Preference } from './match-preferences.ts';

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
  const ids = await candidateIds(db, request, today);
  const candidates = await loadCandidates(db, ids, today);
  const ranked = rankCandidates(request, candidates, { today, ...(options.limit !== undefined ? { limit: options.limit } : {}) });
  if (ranked.suggestions.length) return { suggestions: ranked.suggestions, unmet: false, ruledOut: ranked.ruledOut };
  // Nothing fits: count what each rule ruled out within reach. Times and
  // distance for mixed ways of taking part are only known in JS.
  const counted = await countRuledOut(db, request, today);
  const ruledOut = counted.ruledOut;
  for (const rule of ['times', 'distance'] as const) ruledOut[rule] = Math.max(ruledOut[rule], ranked.ruledOut[rule]);
  return { suggestions: [], unmet: true, ruledOut };
}

/** How a service the connector picked by hand fits the person: the hard rules it breaks and the musts it does not meet. */
export interface Fit {
  /** The service is not in the directory (or not one matching can read). */
  found: boolean;
  broken: HardRule[];
  musts: Preference[];
}

/** The fit of one service, by the same rules as the suggestions (reads only the public directory). */
export async function fitOf(
  db: Kysely<DB> | Transaction<DB>,
  request: MatchRequest,
  serviceId: string,
  options: { now?: Date } = {},
): Promise<Fit> {
  const today = londonDate(options.now ?? new Date());
  const [c] = await loadCandidates(db, [serviceId], today);
  if (!c) return { found: false, broken: [], musts: [] };
  return { found: true, broken: brokenRules(request, c, today), musts: unmetMusts(request, c) };
}
