/**
 * Belong's published vocabulary: every extension value people filter on,
 * as an Open Referral UK taxonomy ("Belong"), with stable name-based ids.
 *
 * A term's code is `<group>:<value>`, e.g. `gender:women_only` or
 * `support:befriending`; groups are parent terms. The ORUK feed links each
 * service to the terms that describe it (attributes), so other systems can
 * filter on `taxonomy_term_id` exactly as Belong's own pages do.
 *
 * Only what was stated is published: a field nobody stated has no term. A
 * yes/no fact has a term for each answer ("help:childcare" and
 * "help:no_childcare", "requires:no_id_documents" for "no ID needed"), so a
 * stated "no" survives a trip through the feed and is never confused with
 * "not stated". Terms of the "detail" group, and "safeguarding:reviewed",
 * carry their text or date in the attribute's `value`.
 */
import { uuidV5 } from '../../platform/ids.ts';
import {
  ACCESS_FEATURES,
  AUDIENCES,
  CAPACITY_STATUSES,
  COST_BANDS,
  ELIGIBILITIES,
  ENTRIES,
  FAITHS,
  FOODS,
  GENDERS,
  HELP_FLAGS,
  MODES,
  REQUIREMENTS,
  SAFEGUARDING_FLAGS,
  SUPPORT_KINDS,
  type BelongService,
} from './service-graph.ts';

export const BELONG_TAXONOMY = {
  id: uuidV5('taxonomy:belong'),
  name: 'Belong',
  description:
    'What people need to know before they go: who may come, how to join, cost, languages, help to get there, and the kind of support. Published by Belong.',
  uri: 'https://belong.example.org/oruk/taxonomies/belong',
  version: '2',
} as const;

export interface VocabularyTerm {
  id: string;
  code: string;
  name: string;
  description: string;
  parentCode: string | null;
}

type Group = { code: string; name: string; description: string; values: Record<string, [name: string, description: string]> };

/** A yes/no fact: its "yes" term and its "no" term (code `no_<value>`). */
const yesNo = (value: string, yes: [string, string], no: [string, string]): Record<string, [string, string]> => ({
  [value]: yes,
  [`no_${value}`]: no,
});

const GROUPS: Group[] = [
  {
    code: 'gender',
    name: 'Who can come',
    description: 'Whether the activity is for women only, men only, or everyone.',
    values: {
      women_only: ['Women only', 'Only women attend and run the sessions.'],
      men_only: ['Men only', 'Only men attend.'],
      mixed: ['Everyone welcome', 'Open to people of any gender.'],
    },
  },
  {
    code: 'audience',
    name: 'Who it is for',
    description: 'The people a service is for. Whether it is only for them or especially welcomes them is in the "eligibility" group.',
    values: {
      children: ['Children', 'Children, roughly up to 12.'],
      young_people: ['Young people', 'Young people, roughly 11 to 25.'],
      older_people: ['Older people', 'Older people, roughly 50 and over.'],
      families: ['Families', 'Parents, children and families together.'],
      carers: ['Carers', 'People who look after a family member or friend.'],
      refugees_asylum: ['Refugees and people seeking asylum', 'People who have come to the UK for safety.'],
      communities: ['Particular communities', 'People of the communities the service names (in "detail:community").'],
      lgbtq: ['LGBT+ people', 'Lesbian, gay, bisexual, trans and queer people.'],
      disabled_people: ['Disabled people', 'People with a disability or long-term condition.'],
      mental_health: ['People with mental health needs', 'People living with mental health difficulties.'],
      bereaved: ['Bereaved people', 'People who have lost someone close.'],
    },
  },
  {
    code: 'eligibility',
    name: 'Who may come',
    description: 'Whether the people named in "audience" are the only ones who may come, or are especially welcome.',
    values: {
      open_to_all: ['Open to all', 'Anyone may come.'],
      only: ['Only for the people named', 'Only the people named in the audience terms may come.'],
      especially_welcome: ['Especially welcome', 'Everyone may come; the people named in the audience terms are especially welcome.'],
    },
  },
  {
    code: 'entry',
    name: 'How to join',
    description: 'Whether you can just turn up, or need someone to refer you.',
    values: {
      drop_in: ['Drop in', 'Just turn up: no referral, form or assessment.'],
      self_referral: ['Get in touch yourself', 'Contact them yourself to join; no professional referral needed.'],
      professional_referral: ['Referral needed', 'A worker such as a link worker, GP or caseworker refers you.'],
      formal_assessment: ['Assessment first', 'You have an assessment before you can join.'],
    },
  },
  {
    code: 'requires',
    name: 'What you need',
    description: 'Documents or registrations needed to use the service. A referral is in the "entry" group.',
    values: {
      ...yesNo(
        'id_documents',
        ['ID or documents needed', 'You need to show ID or immigration documents.'],
        ['No ID needed', 'You do not need to show ID or documents.'],
      ),
      ...yesNo(
        'proof_of_address',
        ['Proof of address needed', 'You need to show proof of address.'],
        ['No proof of address needed', 'You do not need to show proof of address.'],
      ),
      ...yesNo(
        'gp_registration',
        ['GP registration needed', 'You need to be registered with a GP.'],
        ['No GP registration needed', 'You do not need to be registered with a GP.'],
      ),
    },
  },
  {
    code: 'cost',
    name: 'Cost',
    description: 'What it costs to take part.',
    values: {
      free: ['Free', 'There is no charge.'],
      low_cost: ['Low cost', 'A small charge, often with help for people who cannot pay.'],
      paid: ['Paid', 'There is a charge.'],
    },
  },
  {
    code: 'help',
    name: 'Help to take part',
    description: 'Practical help the service offers, or says it does not offer.',
    values: {
      ...yesNo(
        'childcare',
        ['Crèche or childcare', 'Children are looked after while you take part.'],
        ['No crèche or childcare', 'There is no crèche or childcare.'],
      ),
      ...yesNo(
        'transport_offered',
        ['Transport or fares', 'They can help with transport or pay fares.'],
        ['No help with transport', 'They cannot help with transport or fares.'],
      ),
      ...yesNo(
        'accompany_first_visit',
        ['Someone to go with you', 'Someone can meet you and go with you the first time.'],
        ['Nobody to go with you', 'Nobody can go with you the first time.'],
      ),
      ...yesNo(
        'interpreter_available',
        ['Interpreter can be arranged', 'They can book an interpreter for your language.'],
        ['No interpreter', 'They cannot arrange an interpreter.'],
      ),
    },
  },
  {
    code: 'access',
    name: 'Access',
    description: 'Getting in and taking part: step-free access, hearing loop, British Sign Language, large print, a quiet space.',
    values: {
      ...yesNo('step_free', ['Step-free access', 'You can get in and around without steps.'], ['Not step-free', 'There are steps.']),
      ...yesNo('hearing_loop', ['Hearing loop', 'There is a hearing loop.'], ['No hearing loop', 'There is no hearing loop.']),
      ...yesNo('bsl', ['British Sign Language', 'Someone signs BSL, or a BSL interpreter can be booked.'], ['No BSL', 'There is no BSL.']),
      ...yesNo('large_print', ['Large print', 'Information in large print.'], ['No large print', 'There is no large print.']),
      ...yesNo('quiet_space', ['Quiet space', 'There is a quiet space to take a break.'], ['No quiet space', 'There is no quiet space.']),
    },
  },
  {
    code: 'mode',
    name: 'How it happens',
    description: 'Where the support takes place.',
    values: {
      in_person: ['In person', 'You meet in person.'],
      phone: ['By phone', 'Support by phone.'],
      online: ['Online', 'Support online, for example by video call.'],
      home_visit: ['Home visits', 'Someone visits you at home.'],
    },
  },
  {
    code: 'food',
    name: 'Food',
    description: 'Food offered at the activity.',
    values: {
      food: ['Food offered', 'Food or a meal is offered.'],
      halal: ['Halal food', 'Food offered is halal.'],
      vegetarian: ['Vegetarian food', 'Vegetarian food is offered.'],
    },
  },
  {
    code: 'faith',
    name: 'Faith',
    description: 'Whether the activity is run by a faith group.',
    values: {
      faith_based: ['Run by a faith group', 'Run by a faith group; people of any faith or none may be welcome.'],
      faith_friendly: ['Faith friendly', 'Not religious, but respects prayer times, dress and diet.'],
    },
  },
  {
    code: 'support',
    name: 'Kind of support',
    description: 'What kind of activity or support it is.',
    values: {
      befriending: ['Someone to meet one-to-one', 'Befriending: a volunteer who meets you one-to-one, for a chat or to go out.'],
      shared_identity_group: ['People who share your background', 'A group for people who share a language, culture or faith.'],
      intercultural: ['Meet people from many backgrounds', 'An activity that brings different communities together.'],
      informal_english: ['Practise English', 'Informal English conversation, not a formal class.'],
      skills: ['Learn a skill', 'Learn something practical, such as cooking, sewing or computers.'],
      arts: ['Arts and crafts', 'Art, music, crafts or creative writing.'],
      gardening: ['Gardening', 'Growing food or flowers together.'],
      sport: ['Sport and exercise', 'Walking, football, swimming and other ways to move.'],
      advice: ['Advice', 'Help with money, housing, benefits, forms or legal questions.'],
      volunteering: ['Volunteering', 'Give your time and skills to help others.'],
      peer_support: ['People who have been through it too', 'Peer support: people with similar experiences helping each other.'],
      therapy: ['Talking therapy', 'Counselling or therapy with a trained practitioner.'],
    },
  },
  {
    code: 'capacity',
    name: 'Places',
    description: 'Whether the activity has room for new people.',
    values: {
      places_available: ['Places available', 'New people can join.'],
      full: ['Full', 'No places at the moment.'],
      waiting_list: ['Waiting list', 'New people go on a waiting list.'],
    },
  },
  {
    code: 'referrals',
    name: 'Referrals',
    description: 'Whether the service is taking referrals from workers now.',
    values: {
      accepting: ['Taking referrals', 'Workers can refer people now.'],
      paused: ['Referrals paused', 'Not taking referrals at the moment.'],
    },
  },
  {
    code: 'safeguarding',
    name: 'Safeguarding record',
    description: 'The parts of the safeguarding record. The date of the last review is the value of "safeguarding:reviewed".',
    values: {
      ...yesNo('policy', ['Safeguarding policy', 'Has a safeguarding policy.'], ['No safeguarding policy', 'Has no safeguarding policy.']),
      ...yesNo(
        'checked_leads',
        ['Leads checked', 'The people who lead sessions have had safeguarding checks (DBS).'],
        ['Leads not checked', 'The people who lead sessions have not had safeguarding checks.'],
      ),
      ...yesNo(
        'trauma_informed_training',
        ['Trauma-informed training', 'Leads have trauma-informed training.'],
        ['No trauma-informed training', 'Leads do not have trauma-informed training.'],
      ),
      reviewed: ['Safeguarding reviewed', 'When the safeguarding record was last reviewed (the date is the value).'],
    },
  },
  {
    code: 'vetting',
    name: 'Safeguarding',
    description: 'Safeguarding arrangements checked by Belong.',
    values: {
      vetted: ['Safeguarding checked', 'Has a safeguarding policy, checked leads and trauma-informed training, reviewed in the last year.'],
    },
  },
  {
    code: 'place',
    name: 'Place',
    description: 'About one of the places a service is at (attributes of the location).',
    values: {
      area: ['Area', 'The area the place is in (the value); shown instead of the address when that is kept private.'],
      confidential: ['Address kept private', "The address of this place is kept private for people's safety: contact the service."],
    },
  },
  {
    code: 'detail',
    name: 'Details',
    description: 'Text about the service; the text is the value of the attribute.',
    values: {
      how_to_join: ['How to join', 'How to join, step by step.'],
      what_to_expect: ['What to expect', 'What happens on a first visit.'],
      community: ['Community', 'A community the service is especially for (one attribute per community).'],
    },
  },
];

export const termId = (code: string): string => uuidV5(`term:belong:${code}`);

export const VOCABULARY: VocabularyTerm[] = GROUPS.flatMap((g) => [
  { id: termId(g.code), code: g.code, name: g.name, description: g.description, parentCode: null },
  ...Object.entries(g.values).map(([value, [name, description]]) => ({
    id: termId(`${g.code}:${value}`),
    code: `${g.code}:${value}`,
    name,
    description,
    parentCode: g.code,
  })),
]);

const BY_ID = new Map(VOCABULARY.map((t) => [t.id, t]));
export const vocabularyTermById = (id: string): VocabularyTerm | undefined => BY_ID.get(id);

// Keep the vocabulary and the stored enums in step (checked by vocabulary.test.ts).
export const VOCABULARY_SOURCES = {
  gender: GENDERS,
  audience: AUDIENCES,
  eligibility: ELIGIBILITIES,
  entry: ENTRIES,
  requires: REQUIREMENTS,
  cost: COST_BANDS,
  help: HELP_FLAGS,
  access: ACCESS_FEATURES,
  mode: MODES,
  food: FOODS,
  faith: FAITHS,
  support: SUPPORT_KINDS,
  capacity: CAPACITY_STATUSES,
} as const;

/** The safeguarding record's yes/no parts and their term values ("safeguarding:policy"). */
export const SAFEGUARDING_TERMS: Record<(typeof SAFEGUARDING_FLAGS)[number], string> = {
  safeguarding_policy: 'policy',
  safeguarding_checked_leads: 'checked_leads',
  trauma_informed_training: 'trauma_informed_training',
};

/** One year before `today` ('YYYY-MM-DD'): a safeguarding review on or after it is in date. */
export function vettingCutoff(today: string): string {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() - 1);
  return d.toISOString().slice(0, 10);
}

/** Is the safeguarding record complete and in date (reviewed within a year of `today`)? */
export function isSafeguardingVetted(
  b: Pick<BelongService, 'safeguarding_policy' | 'safeguarding_checked_leads' | 'trauma_informed_training' | 'safeguarding_review_date'>,
  today: string,
): boolean {
  if (!b.safeguarding_policy || !b.safeguarding_checked_leads || !b.trauma_informed_training || !b.safeguarding_review_date) return false;
  return b.safeguarding_review_date >= vettingCutoff(today);
}

type Describable = Omit<BelongService, 'verified_by' | 'review_due'>;

/** `<group>:<value>` for a stated yes, `<group>:no_<value>` for a stated no, nothing when not stated. */
const yesNoCode = (group: string, value: string, v: boolean | null | undefined): string[] =>
  v === true ? [`${group}:${value}`] : v === false ? [`${group}:no_${value}`] : [];

/**
 * The vocabulary codes that describe a service's Belong extension: one for
 * each stated value, none for what was not stated.
 */
export function termCodesFor(b: Describable, today: string): string[] {
  const codes: string[] = [];
  if (b.gender) codes.push(`gender:${b.gender}`);
  for (const a of b.audiences ?? []) codes.push(`audience:${a}`);
  if (b.eligibility) codes.push(`eligibility:${b.eligibility}`);
  if (b.entry) codes.push(`entry:${b.entry}`);
  for (const r of REQUIREMENTS) codes.push(...yesNoCode('requires', r, b.requirements?.[r]));
  if (b.cost_band) codes.push(`cost:${b.cost_band}`);
  for (const h of HELP_FLAGS) codes.push(...yesNoCode('help', h, b[h]));
  for (const a of ACCESS_FEATURES) codes.push(...yesNoCode('access', a, b.accessibility?.[a]));
  for (const m of b.modes) codes.push(`mode:${m}`);
  for (const f of b.food) codes.push(`food:${f}`);
  if (b.faith) codes.push(`faith:${b.faith}`);
  for (const s of b.support_kinds) codes.push(`support:${s}`);
  if (b.capacity_status) codes.push(`capacity:${b.capacity_status}`);
  if (b.accepting_referrals != null) codes.push(b.accepting_referrals ? 'referrals:accepting' : 'referrals:paused');
  for (const f of SAFEGUARDING_FLAGS) codes.push(...yesNoCode('safeguarding', SAFEGUARDING_TERMS[f], b[f]));
  if (b.safeguarding_review_date) codes.push('safeguarding:reviewed');
  if (isSafeguardingVetted(b, today)) codes.push('vetting:vetted');
  if (b.how_to_join) codes.push('detail:how_to_join');
  if (b.what_to_expect) codes.push('detail:what_to_expect');
  if (b.communities.length) codes.push('detail:community');
  return codes;
}

/** The vocabulary codes of one of a service's places: its area, and whether its address is kept private. */
export function locationTermCodesFor(l: { confidential: boolean; area_name: string | null }): string[] {
  return [...(l.area_name ? ['place:area'] : []), ...(l.confidential ? ['place:confidential'] : [])];
}

/** The values carried by a service's valued terms (texts, community names, the review date), by code. */
export function termValuesFor(b: Describable): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  if (b.how_to_join) out['detail:how_to_join'] = [b.how_to_join];
  if (b.what_to_expect) out['detail:what_to_expect'] = [b.what_to_expect];
  if (b.communities.length) out['detail:community'] = [...b.communities];
  if (b.safeguarding_review_date) out['safeguarding:reviewed'] = [String(b.safeguarding_review_date).slice(0, 10)];
  return out;
}
