/**
 * Finding volunteers for a person (pure). Hard rules are never broken:
 * the person's wish for a woman or a man, a shared language, an area the
 * volunteer covers (in person) or an offer of phone befriending, a time
 * both can make (when the person named times), vetting in date, room for
 * another match, not on a break. Every suggestion carries its reasons;
 * every volunteer ruled out carries the rules that ruled them out, so the
 * coordinator can see why nobody fits.
 */
import type { MatchMode, PersonGender, VolunteerOffer } from '../../platform/db/schema.ts';
import type { Slot } from './availability.ts';
import { vettingOf, type CheckRecord } from './vetting.ts';

export interface BefriendingRequest {
  /** Languages the person speaks, most comfortable first (ISO 639 codes). */
  languages: readonly string[];
  englishOk: boolean;
  /** The person's outward code (e.g. 'BD8'); null when not known. */
  outcode: string | null;
  /** Only a woman, only a man, or either (null). */
  wantedGender: 'woman' | 'man' | null;
  mode: MatchMode | 'either';
  /** Times that suit the person; empty when they did not say (then times are agreed later). */
  times: readonly Slot[];
}

export interface VolunteerCandidate {
  accountId: string;
  name: string;
  gender: PersonGender | null;
  languages: readonly string[];
  areas: readonly string[];
  availability: readonly string[];
  interests: readonly string[];
  offers: readonly VolunteerOffer[];
  livedExperience: boolean;
  maxMatches: number;
  paused: boolean;
  /** Matches proposed, running or ending now. */
  openMatches: number;
  checks: readonly CheckRecord[];
}

export const BEFRIENDING_RULES = ['paused', 'vetting', 'capacity', 'gender', 'language', 'mode', 'area', 'times'] as const;
export type BefriendingRule = (typeof BEFRIENDING_RULES)[number];

/** A reason, stored as '<code>' or '<code>:<value>' (e.g. 'language:ar'). */
export type ReasonCode = string;

export interface VolunteerSuggestion {
  accountId: string;
  name: string;
  mode: MatchMode;
  reasons: ReasonCode[];
  score: number;
}

export interface VolunteerRuledOut {
  accountId: string;
  name: string;
  rules: BefriendingRule[];
}

export interface VolunteerMatchResult {
  suggestions: VolunteerSuggestion[];
  ruledOut: VolunteerRuledOut[];
}

const norm = (s: string) => s.trim().toLowerCase();

function modeFor(r: BefriendingRequest, v: VolunteerCandidate): { mode: MatchMode | null; rule?: BefriendingRule } {
  const inPersonOffered = v.offers.includes('befriend_in_person');
  const phoneOffered = v.offers.includes('befriend_phone');
  const coversArea = r.outcode !== null && v.areas.some((a) => norm(a) === norm(r.outcode!));
  if (r.mode === 'phone') return phoneOffered ? { mode: 'phone' } : { mode: null, rule: 'mode' };
  if (r.mode === 'in_person') {
    if (!inPersonOffered) return { mode: null, rule: 'mode' };
    return coversArea ? { mode: 'in_person' } : { mode: null, rule: 'area' };
  }
  if (inPersonOffered && coversArea) return { mode: 'in_person' };
  if (phoneOffered) return { mode: 'phone' };
  return { mode: null, rule: inPersonOffered ? 'area' : 'mode' };
}

/** Ranks the volunteers who break no hard rule; the rest are listed with the rules that ruled them out. */
export function matchVolunteers(r: BefriendingRequest, volunteers: readonly VolunteerCandidate[], today: string): VolunteerMatchResult {
  const wanted = new Set(r.languages.map(norm));
  if (r.englishOk) wanted.add('en');
  const suggestions: VolunteerSuggestion[] = [];
  const ruledOut: VolunteerRuledOut[] = [];
  for (const v of volunteers) {
    const rules: BefriendingRule[] = [];
    const vetting = vettingOf(v.checks, today);
    if (v.paused) rules.push('paused');
    if (!vetting.ok) rules.push('vetting');
    if (v.openMatches >= v.maxMatches) rules.push('capacity');
    if (r.wantedGender && v.gender !== r.wantedGender) rules.push('gender');
    // The person's own languages first: the first one the volunteer speaks is the reason.
    const shared = [...r.languages.map(norm), ...(r.englishOk ? ['en'] : [])].find((l) => v.languages.some((x) => norm(x) === l));
    if (!shared) rules.push('language');
    const m = modeFor(r, v);
    if (m.rule) rules.push(m.rule);
    const commonTimes = r.times.filter((t) => v.availability.includes(t));
    if (r.times.length > 0 && commonTimes.length === 0) rules.push('times');
    if (rules.length || !m.mode || !shared) {
      ruledOut.push({ accountId: v.accountId, name: v.name, rules });
      continue;
    }
    const reasons: ReasonCode[] = [];
    if (r.wantedGender) reasons.push(`gender:${r.wantedGender}`);
    reasons.push(`language:${shared}`);
    reasons.push(m.mode === 'in_person' ? `area:${r.outcode!.toUpperCase()}` : 'phone');
    if (commonTimes.length) reasons.push(`times:${commonTimes.join(',')}`);
    reasons.push(`vetting:${vetting.validUntil}`);
    if (v.livedExperience) reasons.push('lived_experience');
    // Soft: the person's first language over another shared one, more shared times, room to spare.
    const score =
      (shared === norm(r.languages[0] ?? '') ? 10 : 0) +
      Math.min(commonTimes.length, 5) +
      (v.maxMatches - v.openMatches) +
      (v.livedExperience ? 1 : 0);
    suggestions.push({ accountId: v.accountId, name: v.name, mode: m.mode, reasons, score });
  }
  suggestions.sort((a, b) => b.score - a.score || a.name.localeCompare(b.name));
  return { suggestions, ruledOut };
}
