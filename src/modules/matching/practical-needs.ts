/**
 * Practical needs first: the urgent practical needs a person can name in the
 * conversation (housing or a move, food, money, immigration advice, phone
 * credit or data, registering with a GP), how each is found in the
 * directory, and the pick of advice services for them, shown before any
 * social activity and carried into the plan. Pure.
 *
 * A need is served by a service of one of its kinds of support (the
 * directory's `support_kinds`: advice, or skills for phones and data) that
 * names the need in its name or description ("housing", "tenancy", "food
 * bank", "asylum", "GP"…); a general advice service (one naming none of the
 * needs) is offered after those, as somewhere that helps with anything.
 * Every hard rule of the person still holds (language, cost, distance,
 * vetting…): only the ranking changes.
 */
import type { MatchCandidate } from './match-candidate.ts';
import { reasonsFor, score, type Suggestion } from './match-rank.ts';
import type { MatchRequest, SupportKind } from './match-request.ts';
import { brokenRules, distanceTo } from './match-rules.ts';

export const PRACTICAL_NEEDS = ['housing', 'food', 'money', 'immigration', 'phone', 'health'] as const;
export type PracticalNeed = (typeof PRACTICAL_NEEDS)[number];

/** Where each need is found in the directory: kinds of support, and words (English, as the directory's text is) that name it. */
export const PRACTICAL_DIRECTORY: Readonly<Record<PracticalNeed, { kinds: readonly SupportKind[]; words: readonly string[] }>> = {
  housing: {
    kinds: ['advice'],
    words: ['housing', 'tenancy', 'accommodation', 'homeless', 'eviction', 'landlord', 'renting', 'somewhere to live', 'move', 'moving'],
  },
  food: { kinds: ['advice'], words: ['food bank', 'foodbank', 'food parcel', 'pantry', 'food share', 'hot food', 'free meal', 'food'] },
  money: { kinds: ['advice'], words: ['money', 'benefit', 'debt', 'bills', 'cost of living', 'universal credit', 'grant'] },
  immigration: {
    kinds: ['advice'],
    words: ['immigration', 'asylum', 'visa', 'refugee', 'home office', 'leave to remain', 'family reunion', 'eu settlement'],
  },
  phone: { kinds: ['advice', 'skills'], words: ['phone', 'sim', 'mobile data', 'data', 'top up', 'digital', 'tablet', 'get online'] },
  health: { kinds: ['advice'], words: ['gp', 'doctor', 'nhs', 'register', 'health', 'surgery', 'dentist'] },
};

/** Services shown per need at most. */
export const PER_NEED = 2;

const fold = (s: string) =>
  ` ${s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .join(' ')} `;

/** Whether the folded text names the phrase: a short word (4 letters or fewer) whole, a longer one at a word's start ("benefit" in "benefits"; "sim" never in "simple"). */
function names(text: string, phrase: string): boolean {
  const p = fold(phrase);
  return text.includes(p.trim().length <= 4 ? p : p.trimEnd());
}

/** Whether the service names this need in its name or description. */
export function namesNeed(c: Pick<MatchCandidate, 'name' | 'description'>, need: PracticalNeed): boolean {
  const text = fold(`${c.name} ${c.description}`);
  return PRACTICAL_DIRECTORY[need].words.some((w) => names(text, w));
}

/** The kinds of support the needs call for (for the directory query). */
export function practicalKinds(needs: readonly PracticalNeed[]): SupportKind[] {
  return [...new Set(needs.flatMap((n) => PRACTICAL_DIRECTORY[n].kinds))];
}

/** The person's request, aimed at practical help: their hard rules unchanged, interests the needs' kinds. */
export function practicalRequest(base: MatchRequest, needs: readonly PracticalNeed[]): MatchRequest {
  return { ...base, interests: practicalKinds(needs), interestWords: [], wants: ['practical'] };
}

export interface PracticalHelp {
  need: PracticalNeed;
  /** Best first: services naming the need, then general advice; empty when nothing within the person's rules helps. */
  suggestions: Suggestion[];
}

/**
 * For each need, in the person's order, up to PER_NEED services that break
 * none of their hard rules: those naming the need first, then general
 * advice, each by the matcher's score, then nearness and name. A service is
 * shown under one need only (the first that takes it).
 */
export function pickPracticalHelp(
  r: MatchRequest,
  candidates: readonly MatchCandidate[],
  needs: readonly PracticalNeed[],
  today: string,
  perNeed = PER_NEED,
): PracticalHelp[] {
  const seen = new Set<string>();
  const fits = candidates.filter((c) => !seen.has(c.serviceId) && (seen.add(c.serviceId), brokenRules(r, c, today).length === 0));
  const general = (c: MatchCandidate) => c.supportKinds.includes('advice') && PRACTICAL_NEEDS.every((n) => !namesNeed(c, n));
  const used = new Set<string>();
  return needs.map((need) => {
    const kinds = PRACTICAL_DIRECTORY[need].kinds;
    const ranked = fits
      .filter((c) => !used.has(c.serviceId) && c.supportKinds.some((k) => kinds.includes(k)))
      .map((c) => ({ c, specific: namesNeed(c, need), score: score(r, c), distance: distanceTo(r, c) }))
      .filter((x) => x.specific || general(x.c))
      .sort(
        (a, b) =>
          Number(b.specific) - Number(a.specific) ||
          b.score - a.score ||
          (a.distance ?? Infinity) - (b.distance ?? Infinity) ||
          a.c.name.localeCompare(b.c.name) ||
          a.c.serviceId.localeCompare(b.c.serviceId),
      )
      .slice(0, perNeed);
    for (const x of ranked) used.add(x.c.serviceId);
    return {
      need,
      suggestions: ranked.map((x) => ({
        serviceId: x.c.serviceId,
        name: x.c.name,
        organizationName: x.c.organizationName,
        distanceMetres: x.distance === null ? null : Math.round(x.distance),
        waitingList: x.c.capacityStatus === 'waiting_list',
        reasons: reasonsFor(r, x.c),
        score: x.score,
      })),
    };
  });
}
