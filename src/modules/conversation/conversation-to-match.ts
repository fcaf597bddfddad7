/**
 * From a person's record and their conversation to what matching needs
 * (MatchRequest). Pure. Questions not answered are treated as "no limit"
 * except safety, where not knowing means the safer, vetted groups.
 */
import type { PersonAgeBand, PersonGender } from '../../platform/db/schema.ts';
import type { DayCode, MatchRequest, Preference, PreferenceMode, TimeOfDay } from '../matching/match-request.ts';
import { TRAVEL_METRES, type Answers } from './conversation-answers.ts';
import type { MustKind, Musts } from './conversation-musts.ts';
import { languagesSpoken } from '../people/person.ts';

/** What matching needs from the person's record. */
export interface PersonForMatch {
  origin: { latitude: number; longitude: number } | null;
  /** Their outward code ("BD8"), for service areas. */
  outcode?: string | null;
  gender: PersonGender | null;
  ageBand: PersonAgeBand | null;
  /** The page language (one of the catalogues'). */
  preferredLanguage: string;
  /** The language they speak when the pages have no translation for it (any ISO 639 code, e.g. 'yue'); absent or null otherwise. */
  spokenLanguage?: string | null;
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
  const { languages, englishOk } = languagesSpoken(person);
  const first = languages[0] ?? null;
  const marks = mustsToPreferences(answers.musts, answers, first && first !== 'en' ? first : null);
  const faith = wants?.faith ? 'faith_based' : avoid?.settings.includes('faith_setting') ? 'avoid' : 'any';
  return {
    origin: person.origin,
    maxDistanceMetres: answers.travel && !marks.looseDistance ? TRAVEL_METRES[answers.travel.distance] : null,
    gender: person.gender,
    ageBand: person.ageBand,
    languages,
    englishOk,
    interpreterNeeded: person.interpreterNeeded || needs.includes('interpreter'),
    costLimit: marks.looseCost ? 'any' : (answers.cost?.limit ?? 'any'),
    complexNeeds: answers.safety?.answer !== 'no_need',
    modes: answers.modes?.modes.length && !marks.looseModes ? answers.modes.modes : ['in_person', 'phone', 'online'],
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
    ...(marks.preferences.length ? { preferences: marks.preferences } : {}),
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

/** Whether the answers make this preference one worth asking about (cost and distance only when limited). */
export function mustApplies(kind: MustKind, answers: Answers, spokenLanguage: string | null): boolean {
  if (kind === 'cost') return answers.cost !== undefined && answers.cost.limit !== 'any';
  if (kind === 'distance') return answers.travel !== undefined && TRAVEL_METRES[answers.travel.distance] !== null;
  if (kind === 'mode') return (answers.modes?.modes.length ?? 0) > 0;
  if (kind === 'language') return spokenLanguage !== null;
  return true;
}

/**
 * The preferences matching gets from the marks, and what they loosen: a
 * nice-to-have cost, distance or way of taking part is no longer a hard
 * limit; a distance "unless transport or someone to go with" is enforced by
 * its preference (which allows the help) instead of the plain limit.
 */
export function mustsToPreferences(
  m: Musts | undefined,
  answers: Answers,
  spokenLanguage: string | null,
): { preferences: Preference[]; looseCost: boolean; looseDistance: boolean; looseModes: boolean } {
  const preferences: Preference[] = [];
  const none = { preferences, looseCost: false, looseDistance: false, looseModes: false };
  if (!m) return none;
  const imp = (k: MustKind) => (mustApplies(k, answers, spokenLanguage) ? m.importance[k] : undefined);
  const must = (k: MustKind) => imp(k) === 'must';
  if (imp('gender_setting') && m.gender) preferences.push({ kind: 'gender_setting', value: m.gender, must: must('gender_setting') });
  if (imp('creche')) preferences.push({ kind: 'creche', must: must('creche') });
  if (imp('access')) for (const feature of m.access) preferences.push({ kind: 'access', feature, must: must('access') });
  if (imp('no_id')) preferences.push({ kind: 'no_id', must: must('no_id') });
  const limit = answers.cost?.limit;
  if (imp('cost') && (limit === 'free' || limit === 'low_cost')) preferences.push({ kind: 'cost', limit, must: must('cost') });
  if (imp('times') && m.windows.length) preferences.push({ kind: 'times', windows: m.windows, must: must('times') });
  const metres = answers.travel ? TRAVEL_METRES[answers.travel.distance] : null;
  if (imp('distance') && metres !== null)
    preferences.push({ kind: 'distance', metres, unlessHelped: m.unlessHelped, must: must('distance') });
  const modes: PreferenceMode[] = [...(answers.modes?.modes ?? []), ...(m.homeVisit ? (['home_visit'] as const) : [])];
  if (imp('mode') && modes.length) preferences.push({ kind: 'mode', modes, must: must('mode') });
  if (imp('language') && spokenLanguage)
    preferences.push({ kind: 'language', code: spokenLanguage, interpreterOk: m.interpreterOk, must: must('language') });
  return {
    preferences,
    looseCost: imp('cost') === 'nice',
    looseDistance: imp('distance') === 'nice' || (must('distance') && m.unlessHelped),
    // Home visits need the in-person rule loosened; the preference keeps the person's ways.
    looseModes: imp('mode') === 'nice' || (must('mode') && m.homeVisit),
  };
}
