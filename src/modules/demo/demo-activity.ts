/**
 * A simulated year of activity for the demo area (pure and deterministic:
 * the same seed and `today` give the same people, referrals, measures and
 * feedback). Everything it makes is made up and says so: people are named
 * "Made-up person …", referrals carry the made-up need (reports show a
 * notice when they find it), feedback says "Made-up feedback", and the
 * population baseline's source says it is not census data.
 *
 * Referrals go through every state a referral can end in or rest at (sent,
 * acknowledged, accepted, waiting list, contact attempted, in touch, first
 * visit booked, attending, paused, completed, not taken up, declined,
 * withdrawn, expired, redirected, moved area), so every report and every
 * list of states has something to show on first start.
 */
import { ETHNICITIES, type Ethnicity } from '../reports/categories.ts';
import { createRng, type Rng } from './prng.ts';

export const DEMO_ACTIVITY_SEED = 20_261_205;
/** The postcode districts of the demo area (demo-places.ts). */
export const DEMO_AREAS = ['BD1', 'BD3', 'BD5', 'BD7', 'BD8', 'BD9'] as const;
export const MADE_UP_POPULATION_SOURCE = 'Made-up figures for the demo area (not census data)';
export const MADE_UP_FEEDBACK = 'Made-up feedback (demo)';

export interface SimulatedPerson {
  label: string;
  language: string;
  ethnicity: string | null;
  ageBand: 'under_16' | '16_17' | '18_24' | '25_49' | '50_64' | '65_plus' | null;
  gender: 'woman' | 'man' | 'another' | null;
  outcode: string | null;
}

export interface SimulatedReferral {
  person: SimulatedPerson;
  route: string | null;
  serviceId: string;
  serviceName: string;
  sentAt: Date;
  /** The states the attempt went through after "sent", with when. The last is where it is now. */
  steps: { state: string; at: Date }[];
}

export interface DemoService {
  id: string;
  name: string;
}

export interface SimulatedMeasure {
  personLabel: string;
  measureId: string;
  version: string;
  occasion: 'baseline' | 'follow_up';
  date: string;
  scores: { id: string; value: number }[];
}

export interface SimulatedFeedback {
  serviceId: string;
  serviceName: string;
  rating: number;
  givenOn: string;
}

export interface SimulatedPopulation {
  area: string;
  dimension: 'ethnicity' | 'age_band' | 'gender' | 'language';
  value: string;
  population: number;
}

export interface DemoActivity {
  referrals: SimulatedReferral[];
  measures: SimulatedMeasure[];
  feedback: SimulatedFeedback[];
  population: SimulatedPopulation[];
}

/** The paths a referral attempt takes after "sent", each with its weight and the days each step takes. */
const PATHS: readonly (readonly [readonly (readonly [string, number])[], number])[] = [
  [
    [
      ['acknowledged', 2],
      ['accepted', 3],
      ['contact_attempted', 3],
      ['in_touch', 2],
      ['first_visit_booked', 4],
      ['attending', 7],
      ['completed', 120],
    ],
    14,
  ],
  [
    [
      ['acknowledged', 2],
      ['accepted', 2],
      ['contact_attempted', 2],
      ['in_touch', 3],
      ['first_visit_booked', 5],
      ['attending', 6],
    ],
    22,
  ],
  [
    [
      ['acknowledged', 1],
      ['accepted', 3],
      ['contact_attempted', 4],
      ['in_touch', 2],
      ['first_visit_booked', 6],
      ['attending', 7],
      ['paused', 40],
    ],
    4,
  ],
  [
    [
      ['acknowledged', 2],
      ['accepted', 3],
      ['contact_attempted', 3],
      ['in_touch', 2],
      ['first_visit_booked', 6],
      ['attending', 7],
      ['moved_area', 60],
    ],
    2,
  ],
  [
    [
      ['acknowledged', 2],
      ['accepted', 3],
      ['contact_attempted', 3],
      ['in_touch', 2],
      ['first_visit_booked', 5],
      ['attending', 7],
      ['not_taken_up', 30],
    ],
    4,
  ],
  [
    [
      ['acknowledged', 2],
      ['accepted', 2],
      ['contact_attempted', 3],
      ['in_touch', 2],
      ['first_visit_booked', 7],
    ],
    4,
  ],
  [
    [
      ['acknowledged', 2],
      ['accepted', 2],
      ['contact_attempted', 3],
      ['in_touch', 3],
    ],
    3,
  ],
  [
    [
      ['acknowledged', 2],
      ['accepted', 3],
      ['contact_attempted', 4],
    ],
    3,
  ],
  [
    [
      ['acknowledged', 2],
      ['accepted', 2],
      ['contact_attempted', 5],
      ['not_taken_up', 10],
    ],
    9,
  ],
  [
    [
      ['acknowledged', 2],
      ['accepted', 2],
      ['waiting_list', 3],
    ],
    5,
  ],
  [
    [
      ['acknowledged', 1],
      ['accepted', 2],
    ],
    2,
  ],
  [
    [
      ['acknowledged', 3],
      ['declined', 2],
    ],
    8,
  ],
  [
    [
      ['acknowledged', 3],
      ['redirected', 4],
    ],
    3,
  ],
  [[['withdrawn', 4]], 3],
  [[['expired', 11]], 6],
  [[['acknowledged', 2]], 2],
  [[], 2],
];

const LANGUAGES: readonly (readonly [string, number])[] = [
  ['en', 40],
  ['ur', 14],
  ['bn', 6],
  ['pl', 7],
  ['ar', 6],
  ['ro', 5],
  ['so', 3],
  ['ps', 3],
  ['fa', 3],
  ['uk', 4],
  ['ti', 2],
  ['ckb', 2],
];
const AGE_BANDS = [
  ['18_24', 8],
  ['25_49', 18],
  ['50_64', 24],
  ['65_plus', 44],
  ['16_17', 2],
  [null, 4],
] as const satisfies readonly (readonly [SimulatedPerson['ageBand'], number])[];
const GENDERS = [
  ['woman', 56],
  ['man', 38],
  ['another', 2],
  [null, 4],
] as const satisfies readonly (readonly [SimulatedPerson['gender'], number])[];
/** The people referred (made-up shares, with the ethnic groups a Bradford service might see). */
const ETHNIC_WEIGHTS: Readonly<Partial<Record<Ethnicity, number>>> = {
  white_british: 40,
  asian_pakistani: 16,
  asian_bangladeshi: 4,
  asian_indian: 3,
  white_other: 8,
  black_african: 3,
  black_caribbean: 1,
  mixed_white_asian: 1,
  mixed_other: 1,
  other_arab: 3,
  other_any: 2,
  white_roma: 2,
  white_irish: 1,
  asian_other: 1,
  prefer_not_to_say: 4,
};
const ROUTES: readonly (readonly [string | null, number])[] = [
  ['gp', 38],
  ['pharmacy', 4],
  ['hospital_discharge', 8],
  ['jobcentre', 3],
  ['housing', 7],
  ['community_group', 12],
  ['self_referral', 18],
  ['other', 4],
  [null, 6],
];

const day = 86_400_000;
const iso = (d: Date) => d.toISOString().slice(0, 10);

/** The made-up activity, for referrals sent over the year before `today` (YYYY-MM-DD). */
export function buildDemoActivity(services: readonly DemoService[], today: string, seed = DEMO_ACTIVITY_SEED): DemoActivity {
  if (!services.length) return { referrals: [], measures: [], feedback: [], population: buildDemoPopulation() };
  const rng = createRng(seed);
  const end = Date.parse(`${today}T16:00:00Z`);
  const referrals: SimulatedReferral[] = [];
  const measures: SimulatedMeasure[] = [];
  const ethnicities = ETHNICITIES.map((e) => [e, ETHNIC_WEIGHTS[e] ?? 0] as const).filter(([, w]) => w > 0);
  const people: SimulatedPerson[] = [];
  for (let i = 1; i <= 300; i++) {
    people.push({
      label: String(i).padStart(3, '0'),
      language: rng.weighted(LANGUAGES),
      // About one in six were not asked (or did not agree to it being kept): "not stated"
      ethnicity: rng.chance(0.17) ? null : rng.weighted(ethnicities),
      ageBand: rng.weighted(AGE_BANDS),
      gender: rng.weighted(GENDERS),
      outcode: rng.chance(0.03) ? null : rng.pick(DEMO_AREAS),
    });
  }
  // Most services get a few referrals; some get many (the popular ones).
  const popular = rng.sample(services, Math.min(12, services.length));
  for (let i = 0; i < 380; i++) {
    const person = i < people.length ? people[i]! : rng.pick(people);
    const service = rng.chance(0.6) ? rng.pick(popular) : rng.pick(services);
    const sent = end - rng.int(1, 364) * day - rng.int(0, 6 * 60) * 60_000;
    const steps: { state: string; at: Date }[] = [];
    let at = sent;
    for (const [state, days] of rng.weighted(PATHS)) {
      at += Math.max(1, days + rng.int(-1, 2)) * day;
      if (at > end) break;
      steps.push({ state, at: new Date(at) });
    }
    referrals.push({
      person,
      route: rng.weighted(ROUTES),
      serviceId: service.id,
      serviceName: service.name,
      sentAt: new Date(sent),
      steps,
    });
    const started = steps.find((s) => s.state === 'attending');
    if (started && !measures.some((m) => m.personLabel === person.label)) measures.push(...personMeasures(rng, person.label, sent, end));
  }
  const feedback: SimulatedFeedback[] = [];
  for (const r of referrals) {
    const went = r.steps.find((s) => s.state === 'attending');
    if (!went || !rng.chance(0.55)) continue;
    const when = went.at.getTime() + rng.int(7, 40) * day;
    if (when > end) continue;
    feedback.push({
      serviceId: r.serviceId,
      serviceName: r.serviceName,
      rating: rng.weighted([
        [5, 45],
        [4, 33],
        [3, 13],
        [2, 6],
        [1, 3],
      ]),
      givenOn: iso(new Date(when)),
    });
  }
  return { referrals, measures, feedback, population: buildDemoPopulation() };
}

/** ONS loneliness and ONS4 at the first meeting, and again about three months later when that has come. */
function personMeasures(rng: Rng, label: string, sent: number, end: number): SimulatedMeasure[] {
  const out: SimulatedMeasure[] = [];
  const followAt = sent + rng.int(80, 110) * day;
  const ucla = rng.int(6, 9);
  const direct = rng.int(3, 5);
  const satisfied = rng.int(2, 6);
  const happy = rng.int(2, 6);
  const better = () =>
    rng.weighted([
      [0, 30],
      [1, 45],
      [2, 20],
      [-1, 5],
    ] as const);
  const base = (measureId: string, version: string, scores: { id: string; value: number }[]) =>
    out.push({ personLabel: label, measureId, version, occasion: 'baseline', date: iso(new Date(sent)), scores });
  const follow = (measureId: string, version: string, scores: { id: string; value: number }[]) =>
    out.push({ personLabel: label, measureId, version, occasion: 'follow_up', date: iso(new Date(followAt)), scores });
  base('ons_loneliness', 'ons-2018', [
    { id: 'ucla3_total', value: ucla },
    { id: 'direct', value: direct },
  ]);
  base('ons4', 'ons-2011', [
    { id: 'satisfied', value: satisfied },
    { id: 'happy', value: happy },
  ]);
  if (followAt <= end && rng.chance(0.8)) {
    follow('ons_loneliness', 'ons-2018', [
      { id: 'ucla3_total', value: Math.max(3, ucla - better()) },
      { id: 'direct', value: Math.min(5, Math.max(1, direct - better())) },
    ]);
    follow('ons4', 'ons-2011', [
      { id: 'satisfied', value: Math.min(10, satisfied + better()) },
      { id: 'happy', value: Math.min(10, happy + better()) },
    ]);
  }
  return out;
}

/**
 * A made-up population baseline for each demo district (round numbers, not
 * census data): what an administrator would upload (docs/reports.md).
 */
export function buildDemoPopulation(): SimulatedPopulation[] {
  const out: SimulatedPopulation[] = [];
  const rng = createRng(DEMO_ACTIVITY_SEED + 1);
  for (const area of DEMO_AREAS) {
    const adults = rng.int(14, 30) * 1000;
    const share = (dimension: SimulatedPopulation['dimension'], weights: readonly (readonly [string, number])[]) => {
      const total = weights.reduce((s, [, w]) => s + w, 0);
      for (const [value, w] of weights)
        if (w > 0) out.push({ area, dimension, value, population: Math.round((adults * w) / total / 10) * 10 });
    };
    const minority = rng.int(20, 55);
    share('ethnicity', [
      ['white_british', 100 - minority - 8],
      ['white_other', 5],
      ['white_irish', 1],
      ['white_roma', 2],
      ['asian_pakistani', Math.round(minority * 0.55)],
      ['asian_bangladeshi', Math.round(minority * 0.12)],
      ['asian_indian', Math.round(minority * 0.08)],
      ['asian_other', Math.round(minority * 0.04)],
      ['black_african', Math.round(minority * 0.07)],
      ['black_caribbean', Math.round(minority * 0.03)],
      ['mixed_white_asian', Math.round(minority * 0.03)],
      ['mixed_other', Math.round(minority * 0.02)],
      ['other_arab', Math.round(minority * 0.03)],
      ['other_any', Math.round(minority * 0.03)],
    ]);
    share('age_band', [
      ['16_17', 3],
      ['18_24', 13],
      ['25_49', 42],
      ['50_64', 23],
      ['65_plus', rng.int(15, 24)],
    ]);
    share('gender', [
      ['woman', 51],
      ['man', 49],
    ]);
    share('language', [
      ['en', 100 - minority / 2],
      ['ur', minority / 4],
      ['pl', 3],
      ['bn', minority / 20],
      ['ar', 1],
      ['ro', 1],
    ]);
  }
  return out;
}
