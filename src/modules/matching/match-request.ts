/**
 * What matching needs to know about a person: the contract between the
 * "what matters to you" conversation (which fills it from the person's
 * answers) and the matcher (which ranks directory services against it).
 *
 * Hard rules (never broken by a suggestion): eligibility (age, gender),
 * language (spoken by staff, or a bookable interpreter, or the person is
 * content with English), cost, safeguarding vetting when the person has
 * complex needs, capacity (not full, accepting referrals; a waiting list is
 * shown as such), the avoid list, ways of taking part, and times they cannot
 * make. Everything else is a soft preference that only changes the order.
 */
import type { ACCESS_FEATURES, AUDIENCES, DAY_CODES, SUPPORT_KINDS } from '../directory/service-graph.ts';
import type { PersonAgeBand, PersonGender } from '../../platform/db/schema.ts';

export type DayCode = (typeof DAY_CODES)[number];
export type SupportKind = (typeof SUPPORT_KINDS)[number];
export type TimeOfDay = 'morning' | 'afternoon' | 'evening';
export type Mode = 'in_person' | 'phone' | 'online';
export type AvoidSettingCode = 'faith_setting' | 'support_groups' | 'forms';

export type AccessFeature = (typeof ACCESS_FEATURES)[number];
export type Audience = (typeof AUDIENCES)[number];
export type PreferenceMode = Mode | 'home_visit';

/** A time the person can make: one day, from and to ('HH:MM'). */
export interface TimeWindow {
  day: DayCode;
  from: string;
  to: string;
}

export const PREFERENCE_KINDS = [
  'gender_setting',
  'creche',
  'access',
  'no_id',
  'cost',
  'times',
  'distance',
  'mode',
  'language',
  'audience',
] as const;
export type PreferenceKind = (typeof PREFERENCE_KINDS)[number];

export type Preference = { must: boolean } & (
  | { kind: 'gender_setting'; value: 'women_only' | 'men_only' }
  | { kind: 'creche' }
  | { kind: 'access'; feature: AccessFeature }
  | { kind: 'no_id' }
  | { kind: 'cost'; limit: 'free' | 'low_cost' }
  | { kind: 'times'; windows: readonly TimeWindow[] }
  | { kind: 'distance'; metres: number; unlessHelped: boolean }
  | { kind: 'mode'; modes: readonly PreferenceMode[] }
  | { kind: 'language'; code: string; interpreterOk: boolean }
  | { kind: 'audience'; audience: Audience }
);

/** What the person said they would like (soft: shapes the order and the variety). */
export type Want =
  | 'shared_identity' // people who share their language, culture or faith
  | 'mixing' // mixing with people from other communities
  | 'one_to_one' // one-to-one first (befriending)
  | 'group'
  | 'practical' // English, skills, advice
  | 'volunteering';

export interface MatchRequest {
  /** Where they start from (their postcode or outward code's position); null when unknown. */
  origin: { latitude: number; longitude: number } | null;
  /** Furthest they can get to, in metres (null: no limit given). Hard rule for in-person services. */
  maxDistanceMetres: number | null;

  // --- hard rules -----------------------------------------------------------
  /** Only when the person chose to say; null rules out women-only and men-only groups. */
  gender: PersonGender | null;
  /** Only when the person chose to say; null leaves age limits unchecked. */
  ageBand: PersonAgeBand | null;
  /** Languages they speak, ISO 639 codes, most comfortable first. */
  languages: readonly string[];
  /** Content to take part in English. */
  englishOk: boolean;
  /** Needs an interpreter (then a service must speak their language or offer one). */
  interpreterNeeded: boolean;
  /** Most they can pay: 'free' (nothing), 'low_cost', or 'any'. */
  costLimit: 'free' | 'low_cost' | 'any';
  /** Complex needs or trauma: only services with safeguarding vetting. */
  complexNeeds: boolean;
  /** Ways they can take part (at least one). */
  modes: readonly Mode[];
  /** Services and organisations to keep away from (bad experiences). */
  avoidServiceIds: readonly string[];
  avoidOrganizationIds: readonly string[];
  /** Kinds of activity they will not go to (e.g. 'peer_support' for someone who will not join a "support group"). Optional: none when absent. */
  avoidKinds?: readonly SupportKind[];
  /**
   * Settings they will not go to (optional): a faith setting, a formal
   * support group (peer support or therapy), a place with forms first (a
   * referral or an assessment needed). Only a stated setting rules a service
   * out; an unknown one is said as "ask first".
   */
  avoidSettings?: readonly AvoidSettingCode[];
  /** Communities whose groups they will not go to (e.g. their community of origin's groups). */
  avoidCommunities?: readonly string[];
  /** Words: a service or organisation whose name has one of them is never suggested. */
  avoidWords?: readonly string[];
  /** Times they cannot make: a whole day (no `time`) or one part of a day. */
  unavailable: readonly { day: DayCode; time?: TimeOfDay }[];
  /** Their outward code ("BD8"), for service areas; null or absent when not known. */
  outcode?: string | null;
  /** Groups the person said they belong to, for services only for some people (eligibility). Optional: none when absent. */
  belongsTo?: readonly Audience[];
  /** What they need (musts) or would like (nice-to-haves), see match-preferences.ts. Optional: none when absent. */
  preferences?: readonly Preference[];

  // --- soft preferences ------------------------------------------------------
  /** Kinds of activity or support they are interested in. */
  interests: readonly SupportKind[];
  /** Free-text interests and things they are good at (matched against names and descriptions). */
  interestWords: readonly string[];
  wants: readonly Want[];
  /** Communities they would like to be among (matched against a service's communities). */
  communities: readonly string[];
  /** Would like a faith setting ('faith_based'), is fine with one ('any'), or prefers none ('avoid'). */
  faith: 'faith_based' | 'any' | 'avoid';
  /** Practical help that makes a service easier to reach. */
  needsAccompaniment: boolean;
  needsTransport: boolean;
  needsChildcare: boolean;
  /** Would rather just turn up than fill in forms. */
  prefersDropIn: boolean;
}

/** A request with nothing ruled in or out (for tests and the API's defaults). */
export const EMPTY_MATCH_REQUEST: MatchRequest = {
  origin: null,
  maxDistanceMetres: null,
  gender: null,
  ageBand: null,
  languages: [],
  englishOk: true,
  interpreterNeeded: false,
  costLimit: 'any',
  complexNeeds: false,
  modes: ['in_person', 'phone', 'online'],
  avoidServiceIds: [],
  avoidOrganizationIds: [],
  unavailable: [],
  interests: [],
  interestWords: [],
  wants: [],
  communities: [],
  faith: 'any',
  needsAccompaniment: false,
  needsTransport: false,
  needsChildcare: false,
  prefersDropIn: false,
};
