/**
 * From a person's record and their conversation to what matching needs
 * (MatchRequest). Pure. Questions not answered are treated as "no limit"
 * except safety, where not knowing means the safer, vetted groups.
 */
import type { PersonAgeBand, PersonGender } from '../../platform/db/schema.ts';
import type { DayCode, MatchRequest, TimeOfDay } from '../matching/match-request.ts';
import { TRAVEL_METRES, type Answers } from './conversation-answers.ts';

/** What matching needs from the person's record. */
export interface PersonForMatch {
  origin: { latitude: number; longitude: number } | null;
  /** Their outward code ("BD8"), for service areas. */
  outcode?: string | null;
  gender: PersonGender | null;
  ageBand: PersonAgeBand | null;
  preferredLanguage: string;
  otherLanguages: readonly string[];
  englishOk: boolean;
  interpreterNeeded: boolean;
}

const MAX_WORDS = 20;
const STOP_WORDS = new Set(['and', 'the', 'for', 'with', 'used', 'was', 'were', 'like', 'some', 'also', 'that', 'this', 'very', 'good']);

/** Words worth matching against names and descriptions: 3+ letters, no common filler, each once. */
export function interestWordsOf(...texts: string[]): string[] {
  const out: string[] = [];
  for (const t of texts) {
    for (const w of t.toLocaleLowerCase().split(/[^\p{L}\p{N}]+/u)) {
      if (w.length >= 3 && !STOP_WORDS.has(w) && !out.includes(w)) out.push(w);
    }
  }
  return out.slice(0, MAX_WORDS);
}

/** Communities as the person named them ("Bengali, Muslim women" → ["Bengali", "Muslim women"]). */
export function communitiesOf(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[,،;、\n]+/)
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ].slice(0, 10);
}

export function conversationToMatchRequest(person: PersonForMatch, answers: Answers): MatchRequest {
  const needs = answers.help?.needs ?? [];
  const wants = answers.wants;
  const avoid = answers.avoid;
  const languages = [person.preferredLanguage, ...person.otherLanguages].filter((l, i, all) => l && all.indexOf(l) === i);
  const faith = wants?.faith ? 'faith_based' : avoid?.settings.includes('faith_setting') ? 'avoid' : 'any';
  return {
    origin: person.origin,
    maxDistanceMetres: answers.travel ? TRAVEL_METRES[answers.travel.distance] : null,
    gender: person.gender,
    ageBand: person.ageBand,
    languages,
    englishOk: person.englishOk || person.preferredLanguage === 'en',
    interpreterNeeded: person.interpreterNeeded || needs.includes('interpreter'),
    costLimit: answers.cost?.limit ?? 'any',
    complexNeeds: answers.safety?.answer !== 'no_need',
    modes: answers.modes?.modes.length ? answers.modes.modes : ['in_person', 'phone', 'online'],
    avoidServiceIds: avoid?.serviceIds ?? [],
    avoidOrganizationIds: [],
    // Someone who will not join a "support group" keeps away from peer support and therapy groups.
    avoidKinds: avoid?.settings.includes('support_groups') ? ['peer_support', 'therapy'] : [],
    avoidSettings: avoid?.settings ?? [],
    // What they wrote is kept as phrases ("the mosque on Oak Lane"): a service or organisation named with one is not suggested.
    avoidWords: communitiesOf(avoid?.words ?? ''),
    outcode: person.outcode ?? null,
    unavailable: unavailableTimes(answers.times?.unavailable ?? []),
    interests: answers.interests?.kinds ?? [],
    interestWords: interestWordsOf(answers.interests?.words ?? '', answers.strengths?.words ?? ''),
    wants: wants?.wants ?? [],
    communities: communitiesOf(wants?.communities ?? ''),
    faith,
    needsAccompaniment: needs.includes('go_with'),
    needsTransport: needs.includes('transport'),
    needsChildcare: needs.includes('childcare'),
    prefersDropIn: avoid?.settings.includes('forms') ?? false,
  };
}

/** Slots as matching wants them: a day whose three parts are all ruled out becomes the whole day. */
export function unavailableTimes(slots: readonly string[]): { day: DayCode; time?: TimeOfDay }[] {
  const byDay = new Map<DayCode, TimeOfDay[]>();
  for (const slot of slots) {
    const [day, time] = slot.split('.') as [DayCode, TimeOfDay];
    byDay.set(day, [...(byDay.get(day) ?? []), time]);
  }
  return [...byDay].flatMap(([day, times]) => (new Set(times).size === 3 ? [{ day }] : times.map((time) => ({ day, time }))));
}
