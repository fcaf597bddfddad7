/**
 * Soft ranking, reasons and variety: what decides the order of the services
 * that pass every hard rule (match-rules.ts), and the one-line explanation
 * of each. Pure.
 *
 * The score adds up, for a service that fits:
 * - nearness (up to 4 points, falling away over a few kilometres) when they
 *   would go in person, 1 point when it is by phone or online instead, and
 *   help with transport or fares when they need it;
 * - their interests: the kinds of activity they chose, and their own words
 *   found in the name or description;
 * - what they would like: people who share their language, culture or faith
 *   (a shared-identity group, one of their communities, their first
 *   language spoken), mixing (intercultural), one-to-one first
 *   (befriending), a group, something practical, volunteering;
 * - a faith setting when they want one (and away from one when they do not);
 * - drop-in rather than forms, when they prefer that; someone to go with
 *   them, a crèche, when they need it;
 * - less for a waiting list.
 * Ties go to the nearer, then by name.
 *
 * Variety: the shortlist is picked greedily from the top, skipping a service
 * when two of the same kind (its main kind of activity) or two from the same
 * organisation are already in it. It is never padded with services that do
 * not fit.
 */
import { DAY_CODES } from '../directory/service-graph.ts';
import { PARTS_OF_DAY, partsOf, type MatchCandidate, type Session } from './match-candidate.ts';
import type { DayCode, MatchRequest, SupportKind, TimeOfDay } from './match-request.ts';
import { uncheckedAreas } from './match-eligibility.ts';
import { preferenceMet, type Preference, type PreferenceKind } from './match-preferences.ts';
import {
  brokenRules,
  distanceTo,
  englishOk,
  mainLanguage,
  noneRuledOut,
  sessionBlocked,
  usableModes,
  type RuledOut,
} from './match-rules.ts';

export const MAX_PER_KIND = 2;
export const MAX_PER_ORGANISATION = 2;
/** A service this many points ahead of the next one the variety caps allow is kept even past the caps. */
export const CLEAR_FIT_MARGIN = 1.5;
/** Points for a nice-to-have the service meets, and for one it does not (unknown: none). */
export const NICE_MET = 2;
export const NICE_NOT_MET = -1.5;
export const DEFAULT_LIMIT = 5;
export const MAX_LIMIT = 20;
/** Up to this far, the reason gives minutes on foot; beyond it, the distance. */
export const WALK_LIMIT_METRES = 2400;
export const WALK_METRES_PER_MINUTE = 80;

export type ReasonCode =
  | 'speaks'
  | 'interpreter'
  | 'womenOnly'
  | 'menOnly'
  | 'free'
  | 'lowCost'
  | 'kind'
  | 'community'
  | 'faithBased'
  | 'creche'
  | 'goWith'
  | 'fares'
  | 'dropIn'
  | 'vetted'
  | 'walk'
  | 'distance'
  | 'byPhone'
  | 'online'
  | 'when'
  | 'timesToArrange'
  | 'waitingList'
  | 'asked'
  | 'askFirst'
  | 'areaAskFirst';

/** Which of the person's preferences a reason is about, with the value that meets it (a mode, a language, an access feature…). */
export interface NeedRef {
  need: PreferenceKind;
  value?: string;
}

/** One part of a suggestion's explanation: a code and its values, phrased by the `matching.reason.*` messages. */
export type Reason =
  | { code: 'speaks'; params: { language: string } }
  | { code: 'kind'; params: { kind: SupportKind } }
  | { code: 'community'; params: { community: string } }
  | { code: 'walk'; params: { minutes: number } }
  | { code: 'distance'; params: { metres: number } }
  | { code: 'when'; params: { day: DayCode | 'any'; part: TimeOfDay | 'any' } }
  | { code: 'asked' | 'askFirst'; params: NeedRef }
  | { code: 'areaAskFirst'; params: { area: string } }
  | { code: Exclude<ReasonCode, 'speaks' | 'kind' | 'community' | 'walk' | 'distance' | 'when' | 'asked' | 'askFirst' | 'areaAskFirst'> };

export interface Suggestion {
  serviceId: string;
  name: string;
  organizationName: string;
  /** Metres to its nearest public place (null: no starting point, or no public place). */
  distanceMetres: number | null;
  waitingList: boolean;
  reasons: Reason[];
  score: number;
}

export interface RankResult {
  suggestions: Suggestion[];
  /** How many of the candidates each hard rule ruled out (a service can be ruled out by several). */
  ruledOut: RuledOut;
  /** Candidates looked at. */
  examined: number;
}

const fold = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

/** The kind of activity a service counts as for variety: its first kind the person asked for, else its first kind. */
export function primaryKind(r: MatchRequest, c: MatchCandidate): SupportKind | 'none' {
  return c.supportKinds.find((k) => r.interests.includes(k)) ?? c.supportKinds[0] ?? 'none';
}

const sharedCommunities = (r: MatchRequest, c: MatchCandidate): string[] => {
  const wanted = new Set(r.communities.map(fold));
  return c.communities.filter((x) => wanted.has(fold(x)));
};

/** The first language of theirs the service speaks, most comfortable first. */
function spokenLanguage(r: MatchRequest, c: MatchCandidate): string | null {
  const theirs = new Set(c.languages.map(mainLanguage));
  return r.languages.map(mainLanguage).find((l) => theirs.has(l)) ?? null;
}

function wordScore(r: MatchRequest, c: MatchCandidate): number {
  const name = fold(c.name);
  const description = fold(c.description);
  let s = 0;
  for (const raw of r.interestWords) {
    const w = fold(raw.trim());
    if (w.length < 3) continue;
    if (name.includes(w)) s += 1.5;
    else if (description.includes(w)) s += 0.75;
  }
  return Math.min(s, 3);
}

export function score(r: MatchRequest, c: MatchCandidate): number {
  let s = 0;
  const modes = usableModes(r, c);
  const d = distanceTo(r, c);
  if (modes.includes('in_person')) {
    if (d !== null) s += 4 * Math.exp(-d / 3000);
    if (r.needsTransport && c.transportOffered) s += 1.5;
  } else s += 1;
  const kinds = c.supportKinds.filter((k) => r.interests.includes(k)).length;
  if (kinds) s += 3 + (kinds - 1) * 0.5;
  s += wordScore(r, c);
  const has = (k: SupportKind) => c.supportKinds.includes(k);
  const communities = sharedCommunities(r, c).length > 0;
  const first = r.languages[0] ? mainLanguage(r.languages[0]) : null;
  const speaksFirst = first !== null && first !== 'en' && c.languages.some((l) => mainLanguage(l) === first);
  for (const want of r.wants) {
    // Shared background means the person's own communities or first language, not any community's group.
    if (want === 'shared_identity' && (communities || speaksFirst)) s += 2;
    if (want === 'mixing' && has('intercultural')) s += 2;
    if (want === 'one_to_one' && has('befriending')) s += 2;
    if (want === 'group' && !has('befriending') && !has('therapy')) s += 0.5;
    if (want === 'practical' && (has('informal_english') || has('skills') || has('advice'))) s += 2;
    if (want === 'volunteering' && has('volunteering')) s += 2;
  }
  if (communities) s += 2;
  if (speaksFirst) s += 1;
  if (r.faith === 'faith_based') s += c.faith === 'faith_based' ? 2 : c.faith === 'faith_friendly' ? 0.5 : 0;
  if (r.faith === 'avoid' && c.faith === 'faith_based') s -= 3;
  if (r.prefersDropIn && c.entry) s += { drop_in: 1.5, self_referral: 0.5, professional_referral: -0.5, formal_assessment: -1 }[c.entry];
  if (r.needsAccompaniment && c.accompanyFirstVisit) s += 1.5;
  if (r.needsChildcare && c.childcare) s += 2;
  if (c.capacityStatus === 'waiting_list') s -= 2;
  for (const p of r.preferences ?? []) {
    if (p.must) continue;
    const met = preferenceMet(r, p, c);
    s += met === 'yes' ? NICE_MET : met === 'no' ? NICE_NOT_MET : 0;
  }
  return Math.round(s * 100) / 100;
}

/** One-to-one rather than a group: befriending, or a service that only visits at home or calls. */
export const isOneToOne = (c: MatchCandidate): boolean => c.supportKinds.includes('befriending');

/** The session to mention: the first (Monday first) the person can make. */
function sessionToShow(r: MatchRequest, c: MatchCandidate): Session | null {
  const order = (s: Session) => (s.day ? DAY_CODES.indexOf(s.day) : 7);
  const open = c.sessions
    .filter((s) => !sessionBlocked(r, s))
    .sort((a, b) => order(a) - order(b) || String(a.opensAt).localeCompare(String(b.opensAt)));
  return open[0] ?? null;
}

/** What in the preference the service meets (the mode, the language…), for the reason. */
function needRef(r: MatchRequest, p: Preference, c: MatchCandidate): NeedRef {
  switch (p.kind) {
    case 'gender_setting':
      return { need: p.kind, value: p.value };
    case 'access':
      return { need: p.kind, value: p.feature };
    case 'cost':
      return { need: p.kind, value: c.costBand === 'free' ? 'free' : p.limit };
    case 'mode': {
      const m = p.modes.find((x) =>
        x === 'home_visit' ? c.homeVisits : c.modes.includes(x) && usableModes({ ...r, modes: [x] }, c).length,
      );
      return { need: p.kind, value: m ?? p.modes[0]! };
    }
    case 'language':
      return {
        need: p.kind,
        value: c.languages.some((l) => mainLanguage(l) === mainLanguage(p.code)) || !p.interpreterOk ? p.code : 'interpreter',
      };
    case 'audience':
      return { need: p.kind, value: p.audience };
    default:
      return { need: p.kind };
  }
}

/** Plain reasons a "because you asked" reason replaces. */
const SAID_BY: Partial<Record<PreferenceKind, readonly ReasonCode[]>> = {
  gender_setting: ['womenOnly', 'menOnly'],
  creche: ['creche'],
  cost: ['free', 'lowCost'],
  language: ['speaks', 'interpreter'],
};

/** "Because you said…" first (musts, then nice-to-haves met), then "ask first" for nice-to-haves not known, then the rest. */
export function reasonsFor(r: MatchRequest, c: MatchCandidate): Reason[] {
  const asked: Reason[] = [];
  const askFirst: Reason[] = [];
  const replaced = new Set<ReasonCode>();
  const prefs = [...(r.preferences ?? [])].sort((a, b) => Number(b.must) - Number(a.must));
  for (const p of prefs) {
    const met = preferenceMet(r, p, c);
    if (met === 'yes') {
      asked.push({ code: 'asked', params: needRef(r, p, c) });
      for (const code of SAID_BY[p.kind] ?? []) replaced.add(code);
    } else if (met === 'unknown') askFirst.push({ code: 'askFirst', params: needRef(r, p, c) });
  }
  for (const area of uncheckedAreas(c)) askFirst.push({ code: 'areaAskFirst', params: { area } });
  return [...asked, ...plainReasons(r, c).filter((x) => !replaced.has(x.code)), ...askFirst];
}

function plainReasons(r: MatchRequest, c: MatchCandidate): Reason[] {
  const out: Reason[] = [];
  const spoken = spokenLanguage(r, c);
  if (spoken && !(spoken === 'en' && englishOk(r))) out.push({ code: 'speaks', params: { language: spoken } });
  else if (!spoken && c.interpreterAvailable === true && (r.interpreterNeeded || !englishOk(r))) out.push({ code: 'interpreter' });
  if (c.gender === 'women_only') out.push({ code: 'womenOnly' });
  if (c.gender === 'men_only') out.push({ code: 'menOnly' });
  if (c.costBand === 'free') out.push({ code: 'free' });
  if (c.costBand === 'low_cost') out.push({ code: 'lowCost' });
  const kind = c.supportKinds.find((k) => r.interests.includes(k));
  if (kind) out.push({ code: 'kind', params: { kind } });
  const community = sharedCommunities(r, c)[0];
  if (community) out.push({ code: 'community', params: { community } });
  if (r.faith === 'faith_based' && c.faith === 'faith_based') out.push({ code: 'faithBased' });
  if (c.childcare && r.needsChildcare) out.push({ code: 'creche' });
  if (c.accompanyFirstVisit && r.needsAccompaniment) out.push({ code: 'goWith' });
  if (c.transportOffered && r.needsTransport) out.push({ code: 'fares' });
  if (c.entry === 'drop_in' && r.prefersDropIn) out.push({ code: 'dropIn' });
  if (r.complexNeeds) out.push({ code: 'vetted' });
  const modes = usableModes(r, c);
  const d = distanceTo(r, c);
  if (modes.includes('in_person') && d !== null) {
    if (d <= WALK_LIMIT_METRES) out.push({ code: 'walk', params: { minutes: Math.max(5, Math.ceil(d / WALK_METRES_PER_MINUTE / 5) * 5) } });
    else out.push({ code: 'distance', params: { metres: Math.round(d / 100) * 100 } });
  } else if (!modes.includes('in_person')) out.push(modes.includes('phone') ? { code: 'byPhone' } : { code: 'online' });
  const session = sessionToShow(r, c);
  if (session) {
    const parts = partsOf(session);
    const part = session.opensAt && parts.length === 1 ? parts[0]! : session.opensAt ? PARTS_OF_DAY.find((p) => parts.includes(p))! : 'any';
    out.push({ code: 'when', params: { day: session.day ?? 'any', part } });
  } else out.push({ code: 'timesToArrange' });
  if (c.capacityStatus === 'waiting_list') out.push({ code: 'waitingList' });
  return out;
}

/**
 * Apply the hard rules to every candidate, rank the ones that fit and pick a
 * varied shortlist of at most `limit`.
 */
export function rankCandidates(
  r: MatchRequest,
  candidates: readonly MatchCandidate[],
  opts: { limit?: number; today: string },
): RankResult {
  const limit = Math.max(1, Math.min(MAX_LIMIT, opts.limit ?? DEFAULT_LIMIT));
  const ruledOut = noneRuledOut();
  const seen = new Set<string>();
  const fits: { c: MatchCandidate; score: number; distance: number | null }[] = [];
  for (const c of candidates) {
    if (seen.has(c.serviceId)) continue;
    seen.add(c.serviceId);
    const broken = brokenRules(r, c, opts.today);
    for (const rule of broken) ruledOut[rule]++;
    if (broken.length) continue;
    fits.push({ c, score: score(r, c), distance: distanceTo(r, c) });
  }
  const oneToOneFirst = r.wants.includes('one_to_one') && !r.wants.includes('group');
  const group = (c: MatchCandidate) => (oneToOneFirst && !isOneToOne(c) ? 1 : 0);
  fits.sort(
    (a, b) =>
      group(a.c) - group(b.c) ||
      b.score - a.score ||
      (a.distance ?? Infinity) - (b.distance ?? Infinity) ||
      a.c.name.localeCompare(b.c.name) ||
      a.c.serviceId.localeCompare(b.c.serviceId),
  );
  const perKind = new Map<string, number>();
  const perOrg = new Map<string, number>();
  const suggestions: Suggestion[] = [];
  const capped = (c: MatchCandidate) =>
    (perKind.get(primaryKind(r, c)) ?? 0) >= MAX_PER_KIND || (perOrg.get(c.organizationId) ?? 0) >= MAX_PER_ORGANISATION;
  type Fit = (typeof fits)[number];
  const take = (f: Fit) => {
    const kind = primaryKind(r, f.c);
    perKind.set(kind, (perKind.get(kind) ?? 0) + 1);
    perOrg.set(f.c.organizationId, (perOrg.get(f.c.organizationId) ?? 0) + 1);
    suggestions.push({
      serviceId: f.c.serviceId,
      name: f.c.name,
      organizationName: f.c.organizationName,
      distanceMetres: f.distance === null ? null : Math.round(f.distance),
      waitingList: f.c.capacityStatus === 'waiting_list',
      reasons: reasonsFor(r, f.c),
      score: f.score,
    });
  };
  // Variety: a service over the caps waits; it is taken after all before anything it is clearly better than.
  const waiting: Fit[] = [];
  for (const f of fits) {
    while (
      suggestions.length < limit &&
      waiting.length &&
      waiting[0]!.score - f.score > CLEAR_FIT_MARGIN &&
      group(waiting[0]!.c) === group(f.c)
    )
      take(waiting.shift()!);
    if (suggestions.length >= limit) break;
    if (capped(f.c)) waiting.push(f);
    else take(f);
  }
  return { suggestions, ruledOut, examined: seen.size };
}
