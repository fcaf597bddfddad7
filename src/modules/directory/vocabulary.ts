/**
 * Belong's published vocabulary: every extension value people filter on,
 * as an Open Referral UK taxonomy ("Belong"), with stable name-based ids.
 *
 * A term's code is `<group>:<value>`, e.g. `gender:women_only` or
 * `support:befriending`; groups are parent terms. The ORUK feed links each
 * service to the terms that describe it (attributes), so other systems can
 * filter on `taxonomy_term_id` exactly as Belong's own pages do.
 */
import { uuidV5 } from '../../platform/ids.ts';
import {
  CAPACITY_STATUSES,
  COST_BANDS,
  ENTRIES,
  FAITHS,
  FOODS,
  GENDERS,
  MODES,
  SUPPORT_KINDS,
  type BelongService,
} from './service-graph.ts';

export const BELONG_TAXONOMY = {
  id: uuidV5('taxonomy:belong'),
  name: 'Belong',
  description:
    'What people need to know before they go: who may come, how to join, cost, languages, help to get there, and the kind of support. Published by Belong.',
  uri: 'https://belong.example.org/oruk/taxonomies/belong',
  version: '1',
} as const;

export interface VocabularyTerm {
  id: string;
  code: string;
  name: string;
  description: string;
  parentCode: string | null;
}

type Group = { code: string; name: string; description: string; values: Record<string, [name: string, description: string]> };

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
    description: 'Practical help the service offers.',
    values: {
      childcare: ['Crèche or childcare', 'Children are looked after while you take part.'],
      transport_offered: ['Transport or fares', 'They can help with transport or pay fares.'],
      accompany_first_visit: ['Someone to go with you', 'Someone can meet you and go with you the first time.'],
      interpreter_available: ['Interpreter can be arranged', 'They can book an interpreter for your language.'],
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
    code: 'vetting',
    name: 'Safeguarding',
    description: 'Safeguarding arrangements checked by Belong.',
    values: {
      vetted: ['Safeguarding checked', 'Has a safeguarding policy, checked leads and trauma-informed training, reviewed in the last year.'],
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
  entry: ENTRIES,
  cost: COST_BANDS,
  mode: MODES,
  food: FOODS,
  faith: FAITHS,
  support: SUPPORT_KINDS,
  capacity: CAPACITY_STATUSES,
} as const;

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

/** The vocabulary codes that describe a service's Belong extension. */
export function termCodesFor(b: BelongService, today: string): string[] {
  const codes = [`gender:${b.gender}`, `entry:${b.entry}`, `cost:${b.cost_band}`, `capacity:${b.capacity_status}`];
  for (const h of ['childcare', 'transport_offered', 'accompany_first_visit', 'interpreter_available'] as const) {
    if (b[h]) codes.push(`help:${h}`);
  }
  for (const m of b.modes) codes.push(`mode:${m}`);
  for (const f of b.food) codes.push(`food:${f}`);
  if (b.faith) codes.push(`faith:${b.faith}`);
  for (const s of b.support_kinds) codes.push(`support:${s}`);
  if (isSafeguardingVetted(b, today)) codes.push('vetting:vetted');
  return codes;
}
