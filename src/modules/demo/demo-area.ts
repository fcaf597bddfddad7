/**
 * Builds Belong's demo area: about three hundred made-up services from about
 * a hundred and twenty made-up organisations in Manningham and Girlington
 * (BD8), Bradford Moor and Barkerend (BD3), Little Horton and West Bowling
 * (BD5), the city centre (BD1), Great Horton (BD7) and Heaton (BD9).
 *
 * Pure and deterministic: the same seed and `today` give the same graphs,
 * with ids derived from stable names, so loading it twice updates in place.
 * Dates (assurance, reviews, safeguarding) are relative to `today` so the demo
 * always shows a realistic mix of fresh and overdue listings.
 */
import { uuidV5 } from '../../platform/ids.ts';
import type { ServiceGraph } from '../directory/service-graph.ts';
import {
  ACCESSIBILITY_NOTES,
  ACTIVITIES,
  AREA_LANGUAGES,
  GENERAL_EXPECT,
  LANGUAGE_NAMES,
  ORG_KINDS,
  SLOT_TIMES,
  TRANSPORT_NOTES,
  type Activity,
  type ActivityKey,
  type Community,
  type Day,
  type Entry,
  type Food,
  type OrgKind,
} from './demo-catalogue.ts';
import { CITY, NEIGHBOURHOODS, REGION, postcodeIn, scatter, type Neighbourhood } from './demo-places.ts';
import { createRng, type Rng } from './prng.ts';

export const DEMO_SEED = 20_250_611;

/** The HSDS capacity unit every demo capacity counts in. */
export const PLACES_UNIT_ID = uuidV5('demo:unit:places');

/** Added to every demo organisation's description, so nobody mistakes it for a real one. */
export const FICTIONAL_NOTE = 'This organisation is made up, for Belong’s demo area.';

export interface DemoOptions {
  /** The date the demo is built for (YYYY-MM-DD); defaults to today. */
  today?: string;
}

type Graph = ServiceGraph;
type Location = Graph['locations'][number];
type Schedule = Graph['schedules'][number];

export const isoToday = (): string => new Date().toISOString().slice(0, 10);

export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const slugify = (s: string): string =>
  s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40)
    .replace(/-$/, '');

const DAY_NAMES: Record<Day, string> = {
  MO: 'Monday',
  TU: 'Tuesday',
  WE: 'Wednesday',
  TH: 'Thursday',
  FR: 'Friday',
  SA: 'Saturday',
  SU: 'Sunday',
};
const ORDINALS: Record<string, string> = { '1': 'First', '2': 'Second', '3': 'Third', '4': 'Fourth', '-1': 'Last' };
const WEEKDAY_WEIGHTS: [Day, number][] = [
  ['MO', 5],
  ['TU', 6],
  ['WE', 6],
  ['TH', 6],
  ['FR', 4],
  ['SA', 2],
  ['SU', 1],
];
/** A Monday, to anchor fortnightly schedules (dtstart must fall on the day). */
const ANCHOR_MONDAY = '2025-01-06';
const DAY_OFFSET: Record<Day, number> = { MO: 0, TU: 1, WE: 2, TH: 3, FR: 4, SA: 5, SU: 6 };

/** "10:00" → "10am", "13:30" → "1:30pm", "12:00" → "12 noon". */
export function spokenTime(t: string): string {
  const [h, m] = t.split(':').map(Number) as [number, number];
  if (h === 12 && m === 0) return '12 noon';
  const hour = h % 12 === 0 ? 12 : h % 12;
  return `${hour}${m ? `:${String(m).padStart(2, '0')}` : ''}${h < 12 ? 'am' : 'pm'}`;
}

const listDays = (days: Day[]): string => {
  const names = days.map((d) => `${DAY_NAMES[d]}s`);
  return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
};

/** Rough start dates of Ramadan, for the odd "different times" exception. */
const RAMADAN: Record<number, [string, string]> = {
  2025: ['2025-03-01', '2025-03-30'],
  2026: ['2026-02-18', '2026-03-19'],
  2027: ['2027-02-08', '2027-03-09'],
  2028: ['2028-01-28', '2028-02-26'],
};

const FIRST_NAMES = [
  'Samina',
  'Farzana',
  'Imran',
  'Tariq',
  'Nasreen',
  'Shabana',
  'Gurpreet',
  'Harjit',
  'Jas',
  'Mary',
  'Sue',
  'Dave',
  'Joanne',
  'Karen',
  'Ian',
  'Ahmed',
  'Fatima',
  'Amina',
  'Hodan',
  'Abdi',
  'Marek',
  'Ewa',
  'Ionela',
  'Miroslav',
  'Olena',
  'Dawit',
  'Saba',
  'Rojin',
  'Zana',
  'Parisa',
  'Abdullah',
  'Rukhsana',
  'Shahida',
  'Rubina',
  'Kamal',
  'Nurul',
];
const LEAD_TITLES = ['Group lead', 'Volunteer coordinator', 'Project worker', 'Community development worker', 'Session leader'];
const FUNDERS = [
  'Lottery community grant',
  'Council ward grant',
  'Donations from local people',
  'Charitable trust grant',
  'Health and care partnership grant',
];
const LEGAL = [
  'Registered charity',
  'Charitable incorporated organisation',
  'Community interest company',
  'Unincorporated community group',
];
const PUBLIC_KINDS = new Set(['library', 'leisure_centre', 'link_workers']);
/** Activities about a particular community, named after it in community groups. */
const COMMUNITY_ACTIVITIES = new Set<ActivityKey>(['community_evening', 'community_womens', 'mother_tongue']);

const HOW_TO_JOIN: Record<Entry, (phone: string) => string> = {
  drop_in: () => 'Just turn up. You do not need to book or fill in a form.',
  self_referral: (phone) => `Phone ${phone} or email us, and we will arrange a time to meet. You do not need anyone to refer you.`,
  professional_referral: (phone) =>
    `Ask your link worker, GP or support worker to refer you. You can also phone ${phone} to talk it through first.`,
  formal_assessment: (phone) =>
    `Phone ${phone} to book a first conversation. We will talk about what you would like help with and how long the wait is.`,
};

/** The demo area's service graphs (valid input for `parseServiceGraph`). */
export function buildDemoArea(seed: number = DEMO_SEED, opts: DemoOptions = {}): ServiceGraph[] {
  const ctx = createAreaContext(seed, opts.today ?? isoToday(), { uniqueNames: true, venueRadiusM: 800 });
  const graphs: ServiceGraph[] = [];
  for (const kind of ORG_KINDS) {
    for (let i = 0; i < kind.count; i++) {
      graphs.push(...organisationGraphs(ctx, kind, `demo:${kind.key}:${i}`, i, chooseNeighbourhood(ctx.rng, kind)));
    }
  }
  return graphs;
}

/** Shared state while generating an area: the random stream, the date and the phone numbers handed out. */
export interface AreaContext {
  rng: Rng;
  today: string;
  year: number;
  landline(): string;
  mobile(): string;
  /** Organisation names given so far (only tracked when names must be unique). */
  usedNames: Set<string> | null;
  venueRadiusM: number;
  /** The id for a stable name (name-based UUID by default). */
  id(name: string): string;
  /** Neighbourhoods a second venue may be in (default: the three main demo ones; empty: the first venue's). */
  secondVenueAreas: Neighbourhood[];
}

export function createAreaContext(
  seed: number,
  today: string,
  opts: { uniqueNames: boolean; venueRadiusM: number; secondVenueAreas?: Neighbourhood[]; id?: (name: string) => string },
): AreaContext {
  const phones = { landline: 1, mobile: 1 };
  return {
    rng: createRng(seed),
    today,
    year: Number(today.slice(0, 4)),
    landline: () => `01632 ${960000 + (phones.landline++ % 1000)}`,
    mobile: () => `07700 ${900000 + (phones.mobile++ % 1000)}`,
    usedNames: opts.uniqueNames ? new Set() : null,
    venueRadiusM: opts.venueRadiusM,
    id: opts.id ?? ((name) => uuidV5(name)),
    secondVenueAreas: opts.secondVenueAreas ?? NEIGHBOURHOODS.slice(0, 3),
  };
}

/**
 * One organisation of `kind` based in `nb`, with its venues and services.
 * `orgKey` names it for stable ids; `i` is its number within the kind (it
 * picks the community a community group serves).
 */
export function organisationGraphs(ctx: AreaContext, kind: OrgKind, orgKey: string, i: number, nb: Neighbourhood): ServiceGraph[] {
  const { rng, today, year, mobile, usedNames } = ctx;
  const graphs: ServiceGraph[] = [];
  const community = kind.communities ? kind.communities[i % kind.communities.length]! : null;
  const place = rng.pick(nb.localities);
  let name = '';
  for (let attempt = 0; attempt < 8 && (!name || usedNames?.has(name)); attempt++) {
    const locality = attempt < 4 ? place : rng.pick(nb.localities);
    name = kind.name(rng.pick, locality, rng.pick(nb.streets), community?.communities.join(' and ') ?? '');
  }
  if (usedNames?.has(name)) name = `${name} (${nb.name} ${i + 1})`;
  usedNames?.add(name);
  const slug = slugify(name.split(',')[0]!);
  const website = `https://${slug}.example.org`;
  const orgEmail = `hello@${slug}.example.org`;
  const organization: Graph['organization'] = {
    id: ctx.id(orgKey),
    name,
    alternate_name: null,
    description: `${kind.description} ${FICTIONAL_NOTE}`,
    email: orgEmail,
    website,
    logo: null,
    uri: null,
    legal_status: PUBLIC_KINDS.has(kind.key) ? 'Public service' : rng.pick(LEGAL),
    parent_organization_id: null,
    identifiers: [],
  };

  const venues = makeVenues(ctx, kind, orgKey, name, nb, place);
  const vetting = makeVetting(rng, kind, today);
  const core = kind.core ?? [];
  const optional = kind.activities.filter((a) => !core.includes(a));
  const activities = [...core, ...rng.sample(optional, rng.int(kind.services[0], kind.services[1]) - core.length)];
  const usedServiceNames = new Set<string>();

  activities.forEach((key, j) => {
    const act: Activity = ACTIVITIES[key];
    const serviceKey = `${orgKey}:service:${j}`;
    const sid = ctx.id(serviceKey);
    const childId = (what: string, n = 0) => ctx.id(`${serviceKey}:${what}:${n}`);

    let serviceName = rng.pick(act.names);
    for (let a = 0; a < 5 && usedServiceNames.has(serviceName); a++) serviceName = rng.pick(act.names);
    if (usedServiceNames.has(serviceName)) serviceName = `${serviceName} (${j + 1})`;
    usedServiceNames.add(serviceName);
    const forCommunity = !!community?.communities.length && (COMMUNITY_ACTIVITIES.has(key) || rng.chance(0.4));
    if (forCommunity && COMMUNITY_ACTIVITIES.has(key) && community) {
      const keepCapital = Object.values(DAY_NAMES).some((d) => serviceName.startsWith(d));
      serviceName = `${community.communities.join(' and ')} ${keepCapital ? serviceName : serviceName.charAt(0).toLowerCase() + serviceName.slice(1)}`;
    }
    const communities = forCommunity ? community!.communities : [];

    const modes = [...(act.modes ?? ['in_person'])];
    if (key === 'conversation_cafe' && rng.chance(0.1)) modes.push('online');
    if (key === 'mental_health_peer' && rng.chance(0.2)) modes.push('online');
    const inPerson = modes.includes('in_person');
    const locations: Location[] = !inPerson
      ? []
      : key === 'refuge_outreach'
        ? []
        : venues.length > 1 && rng.chance(0.4)
          ? venues
          : [rng.pick(venues)];
    // the refuge's own house is the confidential venue; outreach has no address
    const serviceLocations = key === 'refuge' ? venues : locations;

    let entry: Entry = act.entry ?? 'drop_in';
    if (entry === 'drop_in' && rng.chance(0.08)) entry = 'self_referral';
    if (entry === 'self_referral' && rng.chance(key === 'befriending' || key === 'link_worker' ? 0.35 : 0.12))
      entry = 'professional_referral';
    if (entry === 'formal_assessment' && rng.chance(0.3)) entry = 'professional_referral';
    const contactPhone = mobile();
    const phoneForJoining = serviceLocations[0]?.phones[0]?.number ?? contactPhone;

    const charged = act.charge && rng.chance(act.charge.chance) ? act.charge : null;
    const food = new Set<Food>(act.food ?? []);
    if (food.has('food')) for (const f of kind.foodExtra ?? []) food.add(f);
    if (food.has('food') && !food.has('halal') && nb.key !== 'heaton' && rng.chance(0.35)) food.add('halal');

    const capacityRoll = rng.next();
    const capacity_status =
      capacityRoll < (act.waiting ?? 0.06)
        ? 'waiting_list'
        : capacityRoll < (act.waiting ?? 0.06) + (act.full ?? 0.05)
          ? 'full'
          : 'places_available';
    const accepting_referrals = !(capacity_status === 'full' && rng.chance(0.6)) && !rng.chance(0.03);
    const interpreter = rng.chance(act.interpreter ?? 0.05);

    const languages = chooseLanguages(rng, kind, nb, forCommunity ? community : null, key).map((code, n) => ({
      id: childId('language', n),
      code,
      name: LANGUAGE_NAMES[code] ?? null,
      note:
        code === 'en'
          ? null
          : rng.pick(['Spoken by staff', 'Spoken by volunteers', 'Spoken by the group lead', 'Some volunteers speak it']),
    }));

    const assured = rng.chance(0.85) ? addDays(today, -rng.int(20, 520)) : null;
    const schedules = makeSchedules(rng, act, key, serviceLocations, childId, modes);
    const exceptions = makeExceptions(rng, act, kind, schedules, childId, year, inPerson);
    const lead = rng.pick(FIRST_NAMES);
    const hasContact = rng.chance(0.6);

    const graph: ServiceGraph = {
      organization,
      service: {
        id: sid,
        name: serviceName,
        alternate_name: null,
        description: act.description,
        url: rng.chance(0.3) ? `${website}/${slugify(serviceName)}` : null,
        email: orgEmail,
        status: rng.chance(0.01) ? 'temporarily closed' : 'active',
        interpretation_services: interpreter
          ? 'We can book a telephone or face-to-face interpreter. Tell us your language when you get in touch.'
          : null,
        application_process: HOW_TO_JOIN[entry](phoneForJoining),
        fees_description: charged ? charged.description : 'Free.',
        accreditations:
          key === 'advice_immigration'
            ? 'Advice is given by an adviser regulated by the Office of the Immigration Services Commissioner.'
            : key === 'counselling'
              ? 'All counsellors are qualified and belong to a professional body.'
              : null,
        eligibility_description:
          act.eligibility ??
          (communities.length ? `Especially for the ${communities.join(' and ')} community; everyone is welcome.` : 'Everyone is welcome.'),
        minimum_age: act.ages?.[0] ?? null,
        maximum_age: act.ages?.[1] ?? null,
        assured_date: assured,
        assurer_email: assured ? 'directory@belong.example.org' : null,
        alert: null,
      },
      belong: {
        gender: act.gender ?? 'mixed',
        communities,
        faith: kind.faith ?? (rng.chance(kind.faithFriendly ?? 0.1) ? 'faith_friendly' : null),
        entry,
        how_to_join: HOW_TO_JOIN[entry](phoneForJoining),
        what_to_expect: rng.pick(act.expect ?? GENERAL_EXPECT),
        cost_band: charged ? charged.band : 'free',
        childcare: rng.chance(act.childcare ?? 0),
        transport_offered: rng.chance(act.transport ?? 0.03),
        accompany_first_visit: rng.chance(act.accompany ?? 0.08),
        interpreter_available: interpreter,
        // Befriending volunteers visit people at home too.
        modes: key === 'befriending' ? [...modes, 'home_visit'] : modes,
        food: [...food],
        support_kinds: [...new Set([...act.kinds, ...(communities.length ? (['shared_identity_group'] as const) : [])])],
        capacity_status,
        accepting_referrals,
        ...vetting,
        verified_by: assured ? rng.pick(['Belong demo team', 'Link worker team', 'Directory volunteer']) : null,
        review_due: assured ? addDays(assured, 365) : null,
        ...practicalities(sid, key, communities.length > 0, inPerson),
      },
      locations: serviceLocations,
      schedules,
      schedule_exceptions: exceptions,
      languages,
      phones:
        rng.chance(0.4) || !serviceLocations.length
          ? [
              {
                id: childId('phone'),
                number: contactPhone,
                extension: null,
                type: 'voice',
                description: rng.pick([null, 'Text or call', 'Calls answered on session days']),
              },
            ]
          : [],
      contacts: hasContact
        ? [
            {
              id: childId('contact'),
              name: lead,
              title: rng.pick(LEAD_TITLES),
              department: null,
              email: `${lead.toLowerCase()}@${slug}.example.org`,
              phones: [{ id: childId('contact-phone'), number: contactPhone, extension: null, type: 'cell', description: null }],
            },
          ]
        : [],
      cost_options: charged
        ? [
            {
              id: childId('cost'),
              option: charged.option,
              currency: 'GBP',
              amount: charged.amount,
              amount_description: charged.description,
              valid_from: null,
              valid_to: null,
            },
          ]
        : [],
      service_areas:
        serviceLocations.length && inPerson
          ? []
          : [
              {
                id: childId('area'),
                name: 'Bradford district',
                description: 'Anyone living in the Bradford district.',
                extent: null,
                extent_type: null,
                uri: null,
              },
            ],
      funding: rng.chance(0.3) ? [{ id: childId('funding'), source: rng.pick(FUNDERS) }] : [],
      capacities:
        act.kinds.includes('befriending') || act.kinds.includes('therapy')
          ? [
              {
                id: childId('capacity'),
                unit: { id: PLACES_UNIT_ID, name: 'places', scheme: null, identifier: null, uri: null },
                available: capacity_status === 'places_available' ? rng.int(1, 6) : 0,
                maximum: rng.int(8, 30),
                description: act.kinds.includes('therapy') ? 'Counselling places this month' : 'Volunteers free to be matched',
                updated: null,
              },
            ]
          : [],
      attributes: [],
    };
    if (graph.service.status === 'temporarily closed') {
      graph.service.alert = 'Closed for building work for a few weeks. Phone to check before you come.';
    }
    graphs.push(graph);
  });
  return graphs;
}

/** Who each kind of activity is for, and whether only for them; activities not listed are open to all. */
const AUDIENCE_OF: Partial<Record<ActivityKey, [ServiceGraph['belong']['audiences'], 'only' | 'especially_welcome']>> = {
  knit_natter: [['older_people'], 'especially_welcome'],
  walking_football: [['older_people'], 'only'],
  chair_exercise: [['older_people'], 'only'],
  lunch_club: [['older_people', 'carers'], 'only'],
  tea_dance: [['older_people'], 'especially_welcome'],
  faith_elders: [['older_people'], 'only'],
  carers_cuppa: [['carers'], 'only'],
  mental_health_peer: [['mental_health'], 'only'],
  online_peer: [['mental_health'], 'only'],
  bereavement: [['bereaved'], 'only'],
  mums_little_ones: [['families'], 'only'],
  new_mums: [['families'], 'only'],
  youth_club: [['young_people'], 'only'],
  girls_group: [['young_people'], 'only'],
  young_adults: [['young_people'], 'only'],
  welcome_cafe: [['refugees_asylum', 'families'], 'especially_welcome'],
  newcomers_football: [['refugees_asylum'], 'especially_welcome'],
  advice_immigration: [['refugees_asylum'], 'especially_welcome'],
  mother_tongue: [['children', 'families'], 'only'],
};

/** What people need to bring or have, where a real service of this kind would say. */
const REQUIREMENTS_OF: Partial<Record<ActivityKey, ServiceGraph['belong']['requirements']>> = {
  welcome_cafe: { id_documents: false, proof_of_address: false },
  newcomers_football: { id_documents: false },
  advice_immigration: { id_documents: true, gp_registration: false },
  advice_housing: { proof_of_address: true },
  advice_money: { id_documents: true },
  food_pantry: { proof_of_address: true, id_documents: false },
  link_worker: { gp_registration: true },
  counselling: { gp_registration: true },
  community_lunch: { id_documents: false },
  digital_help: { id_documents: false },
};

/** A number from a service id, so each service's extra details come from its own generator. */
const seedOf = (id: string): number => [...id].reduce((h, c) => (Math.imul(h, 31) + c.charCodeAt(0)) | 0, 7);

/**
 * Who a demo service is for, what people need, access and home visits.
 * Drawn from the service's own generator (seeded by its id), so adding them
 * left every other demo value as it was.
 */
function practicalities(
  sid: string,
  key: ActivityKey,
  forCommunity: boolean,
  inPerson: boolean,
): Pick<ServiceGraph['belong'], 'audiences' | 'eligibility' | 'accessibility' | 'requirements'> {
  const rng = createRng(seedOf(sid));
  const [audiences, rule] = AUDIENCE_OF[key] ?? [[], null];
  const all = forCommunity ? [...new Set([...audiences, 'communities' as const])] : audiences;
  const accessibility: ServiceGraph['belong']['accessibility'] = {};
  if (inPerson) {
    const stepFree = rng.weighted<boolean | null>([
      [true, 7],
      [false, 2],
      [null, 2],
    ]);
    if (stepFree !== null) accessibility.step_free = stepFree;
    if (rng.chance(0.3)) accessibility.hearing_loop = rng.chance(0.7);
    if (rng.chance(0.3)) accessibility.quiet_space = rng.chance(0.8);
    if (rng.chance(0.15)) accessibility.large_print = true;
  }
  if (rng.chance(key === 'advice_money' || key === 'advice_housing' ? 0.3 : 0.04)) accessibility.bsl = true;
  return {
    audiences: all,
    eligibility: all.length ? (rule ?? 'especially_welcome') : 'open_to_all',
    accessibility,
    requirements: { ...(REQUIREMENTS_OF[key] ?? {}) },
  };
}

function chooseNeighbourhood(rng: Rng, kind: OrgKind): Neighbourhood {
  const options = kind.areas ? NEIGHBOURHOODS.filter((n) => kind.areas!.includes(n.key)) : NEIGHBOURHOODS;
  return rng.weighted(options.map((n) => [n, n.weight] as const));
}

function makeVenues(ctx: AreaContext, kind: OrgKind, orgKey: string, orgName: string, nb: Neighbourhood, place: string): Location[] {
  const { rng, landline } = ctx;
  if (kind.key === 'refuge') {
    // Publish a phone number only: no address, no coordinates.
    return [
      {
        id: ctx.id(`${orgKey}:location:0`),
        location_type: 'physical',
        name: 'Refuge (address not published)',
        alternate_name: null,
        description: 'The refuge address is kept private for the safety of the women and children who live there.',
        transportation: null,
        url: null,
        latitude: null,
        longitude: null,
        external_identifier: null,
        external_identifier_type: null,
        addresses: [],
        accessibility: [],
        phones: [
          {
            id: ctx.id(`${orgKey}:location:0:phone`),
            number: landline(),
            extension: null,
            type: 'voice',
            description: 'Answered day and night',
          },
        ],
        belong: { confidential: true, area_name: 'Bradford district' },
      },
    ];
  }
  const count = rng.chance(kind.secondVenue ?? 0.05) ? 2 : 1;
  const venues: Location[] = [];
  for (let v = 0; v < count; v++) {
    const area = v === 0 || !ctx.secondVenueAreas.length ? nb : rng.pick(ctx.secondVenueAreas);
    const locality = v === 0 ? place : rng.pick(area.localities);
    const street = rng.pick(area.streets);
    const point = scatter(rng, area.latitude, area.longitude, ctx.venueRadiusM);
    const baseName = kind.venue ? kind.venue(orgName, locality) : orgName.split(',')[0]!;
    venues.push({
      id: ctx.id(`${orgKey}:location:${v}`),
      location_type: 'physical',
      name: v === 0 ? baseName : `${baseName}, ${locality} rooms`,
      alternate_name: null,
      description: null,
      transportation: rng.pick(TRANSPORT_NOTES),
      url: null,
      latitude: point.latitude,
      longitude: point.longitude,
      external_identifier: null,
      external_identifier_type: null,
      addresses: [
        {
          id: ctx.id(`${orgKey}:location:${v}:address`),
          attention: null,
          address_1: `${rng.int(1, 240)} ${street}`,
          address_2: locality === area.name && area.key === 'city-centre' ? null : locality,
          city: area.city ?? CITY,
          region: area.city ? (area.region ?? null) : REGION,
          state_province: '',
          postal_code: postcodeIn(rng, area.outward, area.sectors),
          country: 'GB',
          address_type: 'physical',
        },
      ],
      accessibility: rng.sample(ACCESSIBILITY_NOTES, rng.int(0, 2)).map((description, n) => ({
        id: ctx.id(`${orgKey}:location:${v}:access:${n}`),
        description,
        details: null,
        url: null,
      })),
      phones: [{ id: ctx.id(`${orgKey}:location:${v}:phone`), number: landline(), extension: null, type: 'voice', description: null }],
      belong: { confidential: false, area_name: locality },
    });
  }
  return venues;
}

type Vetting = Pick<
  ServiceGraph['belong'],
  'safeguarding_policy' | 'safeguarding_checked_leads' | 'trauma_informed_training' | 'safeguarding_review_date'
>;

/** Safeguarding belongs to the organisation: complete and in date, partial, or missing. */
function makeVetting(rng: Rng, kind: OrgKind, today: string): Vetting {
  if (rng.chance(kind.vetting ?? 0.35)) {
    return {
      safeguarding_policy: true,
      safeguarding_checked_leads: true,
      trauma_informed_training: true,
      safeguarding_review_date: addDays(today, -rng.int(5, 330)),
    };
  }
  return rng.weighted<Vetting>([
    // everything in place but the review is out of date
    [
      {
        safeguarding_policy: true,
        safeguarding_checked_leads: true,
        trauma_informed_training: true,
        safeguarding_review_date: addDays(today, -rng.int(400, 900)),
      },
      2,
    ],
    [
      {
        safeguarding_policy: true,
        safeguarding_checked_leads: true,
        trauma_informed_training: false,
        safeguarding_review_date: addDays(today, -rng.int(30, 300)),
      },
      3,
    ],
    [{ safeguarding_policy: true, safeguarding_checked_leads: false, trauma_informed_training: false, safeguarding_review_date: null }, 3],
    [{ safeguarding_policy: false, safeguarding_checked_leads: false, trauma_informed_training: false, safeguarding_review_date: null }, 3],
  ]);
}

function chooseLanguages(rng: Rng, kind: OrgKind, nb: Neighbourhood, community: Community | null, key: ActivityKey): string[] {
  const codes: string[] = [];
  const add = (c: string) => {
    if (!codes.includes(c)) codes.push(c);
  };
  // Community-language groups sometimes run entirely in that language.
  if (!(community && COMMUNITY_ACTIVITIES.has(key) && rng.chance(0.3))) add('en');
  for (const c of community?.languages ?? []) add(c);
  if (kind.languages && rng.chance(0.7)) for (const c of rng.sample(kind.languages, rng.int(1, 2))) add(c);
  const local = AREA_LANGUAGES[nb.key] ?? AREA_LANGUAGES['city-centre']!;
  const extra = rng.weighted([
    [0, 3],
    [1, 5],
    [2, 3],
  ] as const);
  for (let n = 0; n < extra; n++) add(rng.weighted(local));
  return codes;
}

function makeSchedules(
  rng: Rng,
  act: Activity,
  key: ActivityKey,
  locations: Location[],
  childId: (what: string, n?: number) => string,
  modes: string[],
): Schedule[] {
  const slot = rng.pick(act.slots);
  const [opens, closes] = SLOT_TIMES[slot];
  const allowed = act.days ?? WEEKDAY_WEIGHTS.map(([d]) => d);
  const weightedDay = (): Day => rng.weighted(WEEKDAY_WEIGHTS.filter(([d]) => allowed.includes(d)));
  const attending = modes.includes('in_person') ? 'in_person' : modes[0]!;
  const base = {
    freq: 'WEEKLY' as const,
    interval: null as number | null,
    byday: null as string | null,
    bymonthday: null,
    dtstart: null as string | null,
    until: null,
    count: null,
    wkst: null as Day | null,
    valid_from: null,
    valid_to: null,
    opens_at: `${opens}:00`,
    closes_at: `${closes}:00`,
    description: null as string | null,
    attending_type: attending,
    notes: null as string | null,
    schedule_link: null,
  };
  const hours = `${spokenTime(opens)} to ${spokenTime(closes)}`;
  let rhythm = act.rhythm ?? 'weekly';
  if (rhythm === 'weekly') {
    const r = rng.next();
    if (r < 0.12) rhythm = 'occasional';
    else if (r < 0.3) rhythm = 'often';
  }

  const one = (): Omit<Schedule, 'id' | 'location_id'> => {
    switch (rhythm) {
      case 'always':
        return { ...base, byday: 'MO,TU,WE,TH,FR,SA,SU', description: 'Every day, day and night' };
      case 'office': {
        const days: Day[] = rng.chance(0.6)
          ? ['MO', 'TU', 'WE', 'TH', 'FR']
          : sortDays(rng.sample(['MO', 'TU', 'WE', 'TH', 'FR'], rng.int(1, 3)) as Day[]);
        const what = days.length === 5 ? 'Monday to Friday' : listDays(days);
        return {
          ...base,
          byday: days.join(','),
          description: `${what}, ${hours}${key.startsWith('advice') || key === 'counselling' ? ', by appointment or drop in' : ''}`,
        };
      }
      case 'often': {
        const days = sortDays([...new Set([weightedDay(), weightedDay(), weightedDay()])].slice(0, rng.int(2, 3)));
        return { ...base, byday: days.join(','), description: `${listDays(days)}, ${hours}` };
      }
      case 'occasional': {
        const day = weightedDay();
        if (rng.chance(0.5)) {
          const dtstart = addDays(ANCHOR_MONDAY, DAY_OFFSET[day] + 7 * rng.int(0, 1));
          return { ...base, interval: 2, byday: day, dtstart, wkst: 'MO', description: `Every other ${DAY_NAMES[day]}, ${hours}` };
        }
        const ordinal = rng.weighted([
          ['1', 4],
          ['2', 2],
          ['3', 2],
          ['-1', 3],
        ] as const);
        return {
          ...base,
          freq: 'MONTHLY',
          byday: `${ordinal}${day}`,
          description: `${ORDINALS[ordinal]} ${DAY_NAMES[day]} of the month, ${hours}`,
        };
      }
      default: {
        const day = weightedDay();
        return { ...base, byday: day, description: `Every ${DAY_NAMES[day]}, ${hours}` };
      }
    }
  };

  if (locations.length > 1) {
    return locations.map((loc, n) => ({ id: childId('schedule', n), location_id: loc.id, ...one(), notes: `At ${loc.name}` }));
  }
  return [{ id: childId('schedule'), location_id: null, ...one() }];
}

const sortDays = (days: Day[]): Day[] => [...days].sort((a, b) => DAY_OFFSET[a] - DAY_OFFSET[b]);

function makeExceptions(
  rng: Rng,
  act: Activity,
  kind: OrgKind,
  schedules: Schedule[],
  childId: (what: string, n?: number) => string,
  year: number,
  inPerson: boolean,
): ServiceGraph['schedule_exceptions'] {
  const out: ServiceGraph['schedule_exceptions'] = [];
  const scheduleId = schedules[0]?.id ?? null;
  if (!inPerson || act.rhythm === 'always') return out;
  if (rng.chance(0.4)) {
    out.push({
      id: childId('exception', 0),
      schedule_id: scheduleId,
      starts_on: `${year}-12-22`,
      ends_on: `${year + 1}-01-02`,
      closed: true,
      opens_at: null,
      closes_at: null,
      description: 'Closed over Christmas and New Year',
    });
  }
  if (act.summerBreak || rng.chance(0.08)) {
    out.push({
      id: childId('exception', 1),
      schedule_id: scheduleId,
      starts_on: `${year}-07-24`,
      ends_on: `${year}-08-31`,
      closed: true,
      opens_at: null,
      closes_at: null,
      description: 'Summer break: back in September',
    });
  }
  const ramadan = RAMADAN[year];
  if (ramadan && kind.key === 'mosque' && rng.chance(0.3)) {
    out.push({
      id: childId('exception', 2),
      schedule_id: scheduleId,
      starts_on: ramadan[0],
      ends_on: ramadan[1],
      closed: false,
      opens_at: '20:30:00',
      closes_at: '22:00:00',
      description: 'During Ramadan we meet in the evening, after prayers',
    });
  }
  return out;
}
