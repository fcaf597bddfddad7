/**
 * fast-check generators for matching's property tests (pure and database),
 * and an independent statement of every hard rule, written apart from
 * match-rules.ts so a mistake there cannot hide itself.
 */
import fc from 'fast-check';
import { ACCESS_FEATURES, AUDIENCES, SUPPORT_KINDS } from '../directory/service-graph.ts';
import type { Preference } from './match-preferences.ts';
import { readServiceArea } from './match-eligibility.ts';
import type { PersonAgeBand } from '../../platform/db/schema.ts';
import type { MatchCandidate, Session } from './match-candidate.ts';
import type { DayCode, MatchRequest, Mode, TimeOfDay } from './match-request.ts';
import { idOf, north, ORIGIN } from './match.test-support.ts';

export const DAYS: DayCode[] = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
const LANGS = ['bn', 'so', 'ti', 'pl', 'en', 'ar', 'ur', 'en-GB', 'yue', 'ara'];
/** A square around the origin (about 2 km across), and one far away, as GeoJSON. */
const square = (lat: number, lon: number, d: number) =>
  JSON.stringify({
    type: 'Polygon',
    coordinates: [
      [
        [lon - d, lat - d],
        [lon + d, lat - d],
        [lon + d, lat + d],
        [lon - d, lat + d],
        [lon - d, lat - d],
      ],
    ],
  });
export const AREAS: { name: string | null; extent: string | null; extent_type: string | null }[] = [
  { name: 'Bradford district', extent: null, extent_type: null },
  { name: 'Manningham', extent: 'BD8, BD9', extent_type: 'text' },
  { name: 'BD postcodes', extent: 'BD', extent_type: 'text' },
  { name: 'Leeds', extent: 'LS1 LS2', extent_type: 'text' },
  { name: 'Near the origin', extent: square(ORIGIN.latitude, ORIGIN.longitude, 0.01), extent_type: 'geojson' },
  { name: 'Far away', extent: square(51.5, -0.12, 0.05), extent_type: 'geojson' },
];
const MODES: Mode[] = ['in_person', 'phone', 'online'];
const BANDS: PersonAgeBand[] = ['under_16', '16_17', '18_24', '25_49', '50_64', '65_plus'];
const COMMUNITIES = ['Bangladeshi', 'Somali', 'Eritrean', 'Polish'];
export const SERVICE_POOL = Array.from({ length: 24 }, (_, i) => idOf(`svc-${i}`));
export const ORG_POOL = Array.from({ length: 6 }, (_, i) => idOf(`org-${i}`));

/** One of the values, by weight. */
const weighted = <T>(entries: [T, number][]): fc.Arbitrary<T> =>
  fc.oneof(...entries.map(([v, weight]) => ({ arbitrary: fc.constant(v), weight })));

const hour = (h: number) => `${String(h).padStart(2, '0')}:00:00`;

const session: fc.Arbitrary<Session> = fc
  .record({
    day: fc.option(fc.constantFrom(...DAYS), { freq: 6 }),
    hours: fc.option(fc.tuple(fc.integer({ min: 6, max: 21 }), fc.integer({ min: 1, max: 4 })), { freq: 5 }),
  })
  .map(({ day, hours }) => ({
    day,
    opensAt: hours ? hour(hours[0]) : null,
    closesAt: hours ? hour(Math.min(23, hours[0] + hours[1])) : null,
  }));

export const candidateArb = (ids: readonly string[] = SERVICE_POOL): fc.Arbitrary<MatchCandidate> =>
  fc
    .record({
      serviceId: fc.constantFrom(...ids),
      organizationId: fc.constantFrom(...ORG_POOL),
      status: weighted<MatchCandidate['status']>([
        ['active', 12],
        ['inactive', 1],
        ['defunct', 1],
        ['temporarily closed', 1],
      ]),
      ages: fc.oneof(
        { arbitrary: fc.constant(null), weight: 4 },
        { arbitrary: fc.tuple(fc.integer({ min: 0, max: 70 }), fc.integer({ min: 0, max: 60 })), weight: 1 },
      ),
      gender: weighted<MatchCandidate['gender']>([
        ['mixed', 6],
        ['women_only', 1],
        ['men_only', 1],
        [null, 1],
      ]),
      languages: fc.subarray(LANGS, { maxLength: 3 }),
      interpreterAvailable: fc.constantFrom(false, true, null),
      costBand: weighted<MatchCandidate['costBand']>([
        ['free', 4],
        ['low_cost', 2],
        ['paid', 1],
        [null, 1],
      ]),
      vetting: fc.constantFrom('none', 'vetted', 'vetted', 'stale', 'partial'),
      capacityStatus: weighted<MatchCandidate['capacityStatus']>([
        ['places_available', 6],
        ['full', 1],
        ['waiting_list', 2],
        [null, 1],
      ]),
      acceptingReferrals: weighted<boolean | null>([
        [true, 8],
        [false, 1],
        [null, 1],
      ]),
      modes: fc.subarray(MODES, { minLength: 0 }),
      sessions: fc.array(session, { maxLength: 3 }),
      points: fc.array(fc.integer({ min: 0, max: 6000 }), { maxLength: 2 }),
      supportKinds: fc.subarray([...SUPPORT_KINDS], { maxLength: 3 }),
      communities: fc.subarray(COMMUNITIES, { maxLength: 2 }),
      faith: fc.constantFrom(null, 'faith_based', 'faith_friendly'),
      entry: fc.constantFrom('drop_in', 'self_referral', 'professional_referral', 'formal_assessment', null),
      childcare: fc.constantFrom(true, false, null),
      transportOffered: fc.constantFrom(true, false, null),
      accompanyFirstVisit: fc.constantFrom(true, false, null),
      name: fc.constantFrom('Chat and tea', 'Sewing circle', 'Football', 'English café', 'Allotment'),
      homeVisits: fc.constantFrom(false, false, false, true),
      audiences: fc.subarray([...AUDIENCES], { maxLength: 2 }),
      eligibility: weighted<string | null>([
        [null, 5],
        ['open_to_all', 2],
        ['especially_welcome', 1],
        ['only', 1],
      ]),
      accessibility: fc.dictionary(fc.constantFrom(...ACCESS_FEATURES), fc.boolean(), { maxKeys: 3 }),
      requirements: fc.dictionary(fc.constantFrom('id_documents', 'proof_of_address'), fc.boolean(), { maxKeys: 2 }),
      areas: fc.oneof(
        { arbitrary: fc.constant([] as number[]), weight: 4 },
        {
          arbitrary: fc.subarray(
            AREAS.map((_, i) => i),
            { maxLength: 2 },
          ),
          weight: 1,
        },
      ),
    })
    .map((x) => ({
      serviceId: x.serviceId,
      name: x.name,
      description: 'A friendly group.',
      organizationId: x.organizationId,
      organizationName: `Organisation ${ORG_POOL.indexOf(x.organizationId)}`,
      status: x.status as MatchCandidate['status'],
      minimumAge: x.ages ? x.ages[0] : null,
      maximumAge: x.ages ? x.ages[0] + x.ages[1] : null,
      gender: x.gender as MatchCandidate['gender'],
      languages: x.languages,
      interpreterAvailable: x.interpreterAvailable,
      costBand: x.costBand as MatchCandidate['costBand'],
      safeguarding: {
        safeguarding_policy: x.vetting !== 'none',
        safeguarding_checked_leads: x.vetting !== 'none',
        trauma_informed_training: x.vetting === 'vetted' || x.vetting === 'stale',
        safeguarding_review_date: x.vetting === 'stale' ? '2024-06-01' : x.vetting === 'none' ? null : '2026-01-15',
      },
      capacityStatus: x.capacityStatus as MatchCandidate['capacityStatus'],
      acceptingReferrals: x.acceptingReferrals,
      modes: x.modes,
      sessions: x.sessions,
      points: x.points.map((m) => north(m)),
      supportKinds: x.supportKinds,
      communities: x.communities,
      faith: x.faith as MatchCandidate['faith'],
      entry: x.entry as MatchCandidate['entry'],
      childcare: x.childcare,
      transportOffered: x.transportOffered,
      accompanyFirstVisit: x.accompanyFirstVisit,
      homeVisits: x.homeVisits,
      // The directory's own rules: "only" and "especially welcome" name audiences, "open to all" names none.
      audiences:
        x.eligibility === 'open_to_all' ? [] : x.eligibility === null ? x.audiences : x.audiences.length ? x.audiences : ['carers'],
      eligibility: x.eligibility as MatchCandidate['eligibility'],
      accessibility: x.accessibility,
      requirements: x.requirements,
      serviceAreas: x.areas.map((i) => readServiceArea(AREAS[i]!)),
    }));

/** True now and then, or most of the time. */
const rarely = fc.constantFrom(false, false, false, true);

const windowArb = fc.record({
  day: fc.constantFrom(...DAYS),
  from: fc.constantFrom('08:00', '09:00', '13:00'),
  to: fc.constantFrom('12:00', '17:00', '21:00'),
});
export const preferenceArb: fc.Arbitrary<Preference> = fc
  .tuple(
    fc.oneof(
      fc.record({ kind: fc.constant('gender_setting' as const), value: fc.constantFrom('women_only' as const, 'men_only' as const) }),
      fc.record({ kind: fc.constant('creche' as const) }),
      fc.record({ kind: fc.constant('access' as const), feature: fc.constantFrom(...ACCESS_FEATURES) }),
      fc.record({ kind: fc.constant('no_id' as const) }),
      fc.record({ kind: fc.constant('cost' as const), limit: fc.constantFrom('free' as const, 'low_cost' as const) }),
      fc.record({ kind: fc.constant('times' as const), windows: fc.array(windowArb, { minLength: 1, maxLength: 3 }) }),
      fc.record({ kind: fc.constant('distance' as const), metres: fc.integer({ min: 200, max: 5000 }), unlessHelped: fc.boolean() }),
      fc.record({
        kind: fc.constant('mode' as const),
        modes: fc.subarray(['in_person', 'phone', 'online', 'home_visit'] as const, { minLength: 1 }),
      }),
      fc.record({ kind: fc.constant('language' as const), code: fc.constantFrom('bn', 'ara', 'yue', 'so'), interpreterOk: fc.boolean() }),
      fc.record({ kind: fc.constant('audience' as const), audience: fc.constantFrom(...AUDIENCES) }),
    ),
    fc.constantFrom(false, false, false, true),
  )
  .map(([p, must]) => ({ ...p, must }) as Preference);
const often = fc.constantFrom(true, true, true, false);

export const requestArb: fc.Arbitrary<MatchRequest> = fc.record({
  origin: fc.option(fc.constant(ORIGIN), { freq: 5 }),
  maxDistanceMetres: fc.option(fc.integer({ min: 100, max: 6000 })),
  gender: fc.constantFrom(null, 'woman', 'man', 'another'),
  ageBand: fc.option(fc.constantFrom(...BANDS), { freq: 2 }),
  languages: fc.subarray(LANGS, { maxLength: 3 }),
  englishOk: often,
  interpreterNeeded: rarely,
  costLimit: fc.constantFrom('free', 'low_cost', 'any', 'any'),
  complexNeeds: rarely,
  modes: fc.subarray(MODES, { minLength: 1 }),
  avoidServiceIds: fc.subarray(SERVICE_POOL, { maxLength: 4 }),
  avoidOrganizationIds: fc.subarray(ORG_POOL, { maxLength: 1 }),
  avoidKinds: fc.subarray([...SUPPORT_KINDS], { maxLength: 2 }),
  unavailable: fc
    .array(
      fc.record({
        day: fc.constantFrom(...DAYS),
        time: fc.option(fc.constantFrom<TimeOfDay>('morning', 'afternoon', 'evening'), { nil: undefined }),
      }),
      { maxLength: 8 },
    )
    .map((u) => u.map((x) => (x.time === undefined ? { day: x.day } : { day: x.day, time: x.time }))),
  interests: fc.subarray([...SUPPORT_KINDS], { maxLength: 3 }),
  interestWords: fc.subarray(['sewing', 'football', 'tea', 'english'], { maxLength: 2 }),
  wants: fc.subarray(['shared_identity', 'mixing', 'one_to_one', 'group', 'practical', 'volunteering'] as const, { maxLength: 3 }),
  communities: fc.subarray(COMMUNITIES, { maxLength: 2 }),
  faith: fc.constantFrom('faith_based', 'any', 'avoid'),
  needsAccompaniment: fc.boolean(),
  needsTransport: fc.boolean(),
  needsChildcare: fc.boolean(),
  prefersDropIn: fc.boolean(),
  outcode: fc.constantFrom(null, 'BD8', 'BD3', 'LS1'),
  avoidSettings: fc.oneof(
    { arbitrary: fc.constant([]), weight: 3 },
    { arbitrary: fc.subarray(['faith_setting', 'support_groups', 'forms'] as const, { maxLength: 1 }), weight: 1 },
  ),
  avoidCommunities: fc.oneof(
    { arbitrary: fc.constant([]), weight: 3 },
    { arbitrary: fc.subarray(COMMUNITIES, { maxLength: 1 }), weight: 1 },
  ),
  avoidWords: fc.oneof(
    { arbitrary: fc.constant([]), weight: 3 },
    { arbitrary: fc.subarray(['sewing', 'Football', 'organisation 3'], { maxLength: 1 }), weight: 1 },
  ),
  belongsTo: fc.subarray([...AUDIENCES], { maxLength: 2 }),
  preferences: fc.array(preferenceArb, { maxLength: 2 }),
}) as fc.Arbitrary<MatchRequest>;

// ---------------------------------------------------------------------------
// The hard rules again, stated independently.

const BAND_YEARS: Record<PersonAgeBand, [number, number]> = {
  under_16: [0, 15],
  '16_17': [16, 17],
  '18_24': [18, 24],
  '25_49': [25, 49],
  '50_64': [50, 64],
  '65_plus': [65, 130],
};
const LANGUAGE_SAME: Record<string, string> = { ara: 'ar', arb: 'ar' };
/** The language, whatever the spelling of its code ("ar-EG", "ara"). */
const base = (code: string) => {
  const main = code.toLowerCase().replace(/-.*$/, '');
  return LANGUAGE_SAME[main] ?? main;
};
const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));

function haversine(a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }): number {
  const r = Math.PI / 180;
  const x =
    Math.sin(((b.latitude - a.latitude) * r) / 2) ** 2 +
    Math.cos(a.latitude * r) * Math.cos(b.latitude * r) * Math.sin(((b.longitude - a.longitude) * r) / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.sqrt(x));
}

/** Can the person make this session? */
function canMake(r: MatchRequest, s: Session): boolean {
  const days = s.day ? [s.day] : DAYS;
  let parts: TimeOfDay[] = ['morning', 'afternoon', 'evening'];
  if (s.opensAt && s.closesAt) {
    const from = minutes(s.opensAt);
    const to = s.closesAt > s.opensAt ? minutes(s.closesAt) : 24 * 60;
    parts = parts.filter((p) => (p === 'morning' ? from < 720 : p === 'afternoon' ? from < 1020 && to > 720 : to > 1020));
  }
  // The session is out of reach only if, on every day it may fall, every part it touches is unavailable.
  return parts.some((p) => days.some((d) => !r.unavailable.some((u) => u.day === d && (u.time === undefined || u.time === p))));
}

export const INDEPENDENT_RULES: Record<string, (r: MatchRequest, c: MatchCandidate, today: string) => boolean> = {
  status: (_r, c) => c.status === 'active',
  age: (r, c) => !r.ageBand || (BAND_YEARS[r.ageBand][0] >= (c.minimumAge ?? 0) && BAND_YEARS[r.ageBand][1] <= (c.maximumAge ?? 999)),
  // A stated women-only or men-only group needs the person to be a woman or a man; mixed or not stated: anyone.
  gender: (r, c) => c.gender === null || c.gender === 'mixed' || (c.gender === 'women_only' ? r.gender === 'woman' : r.gender === 'man'),
  language: (r, c) => {
    const theirs = r.languages.map(base);
    const spoken = c.languages.map(base);
    if (c.interpreterAvailable === true || spoken.some((l) => theirs.includes(l))) return true;
    if (r.interpreterNeeded) return false;
    return (r.englishOk || theirs.includes('en')) && (spoken.length === 0 || spoken.includes('en'));
  },
  // A cost that is not stated never fits a limit.
  cost: (r, c) =>
    r.costLimit === 'any' || (c.costBand !== null && { free: ['free'], low_cost: ['free', 'low_cost'] }[r.costLimit].includes(c.costBand)),
  safeguarding: (r, c, today) => {
    if (!r.complexNeeds) return true;
    const s = c.safeguarding;
    const yearAgo = `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`;
    return (
      s.safeguarding_policy === true &&
      s.safeguarding_checked_leads === true &&
      s.trauma_informed_training === true &&
      !!s.safeguarding_review_date &&
      s.safeguarding_review_date >= yearAgo
    );
  },
  // Only a stated "full" or "not taking referrals" rules a service out.
  capacity: (_r, c) => c.capacityStatus !== 'full' && c.acceptingReferrals !== false,
  avoided: (r, c) =>
    !r.avoidServiceIds.includes(c.serviceId) &&
    !r.avoidOrganizationIds.includes(c.organizationId) &&
    !c.supportKinds.some((k) => (r.avoidKinds ?? []).includes(k)) &&
    !(r.avoidSettings?.includes('faith_setting') && c.faith === 'faith_based') &&
    !(r.avoidSettings?.includes('support_groups') && (c.supportKinds.includes('peer_support') || c.supportKinds.includes('therapy'))) &&
    !(r.avoidSettings?.includes('forms') && ['professional_referral', 'formal_assessment'].includes(c.entry ?? '')) &&
    !c.communities.some((x) => (r.avoidCommunities ?? []).some((y) => x.toLowerCase() === y.toLowerCase())) &&
    !(r.avoidWords ?? []).some((w) => `${c.name} ${c.organizationName}`.toLowerCase().includes(w.toLowerCase())),
  reachable: (r, c) =>
    c.modes.some(
      (m) =>
        r.modes.includes(m) &&
        (m !== 'in_person' || !r.origin || c.points.some((p) => haversine(r.origin!, p) <= (r.maxDistanceMetres ?? 30_000))),
    ),
  times: (r, c) => c.sessions.length === 0 || c.sessions.some((s) => canMake(r, s)),
  eligibility: (r, c) => {
    if (c.eligibility !== 'only' || !(c.audiences ?? []).length) return true;
    return (c.audiences ?? []).some((a) => {
      if (a === 'children') return r.ageBand === 'under_16';
      if (a === 'young_people') return r.ageBand === 'under_16' || r.ageBand === '16_17' || r.ageBand === '18_24';
      if (a === 'older_people') return r.ageBand === '50_64' || r.ageBand === '65_plus';
      if (a === 'communities') return c.communities.some((x) => r.communities.some((y) => x.toLowerCase() === y.toLowerCase()));
      return (r.belongsTo ?? []).includes(a as never);
    });
  },
  area: (r, c) => {
    const checkable = (c.serviceAreas ?? []).filter((a) => a.outcodes || a.polygons);
    if (!checkable.length) return true;
    return checkable.some((a) => {
      const oc = r.outcode ?? '';
      if (a.outcodes && oc && (a.outcodes.includes(oc) || a.outcodes.includes(oc.match(/^[A-Z]+/)![0]))) return true;
      // The test polygons are squares: inside is between their corners.
      return !!a.polygons && !!r.origin && a.polygons.some((ring) => inBox(ring, r.origin!));
    });
  },
  must: (r, c) => (r.preferences ?? []).every((p) => !p.must || independentlyMet(r, p, c)),
};

function inBox(ring: readonly (readonly [number, number])[], o: { latitude: number; longitude: number }): boolean {
  const lons = ring.map((p) => p[0]);
  const lats = ring.map((p) => p[1]);
  return (
    o.longitude > Math.min(...lons) && o.longitude < Math.max(...lons) && o.latitude > Math.min(...lats) && o.latitude < Math.max(...lats)
  );
}

const sameLanguage = (a: string, b: string) => base(a) === base(b);

/** Can they take part without going there (phone or online, both sides)? */
const remotely = (r: MatchRequest, c: MatchCandidate) => c.modes.some((m) => m !== 'in_person' && r.modes.includes(m));

/** The must is met for sure (unknown is never met). */
function independentlyMet(r: MatchRequest, p: Preference, c: MatchCandidate): boolean {
  const near = (metres: number) => !!r.origin && c.points.some((pt) => haversine(r.origin!, pt) <= metres);
  switch (p.kind) {
    case 'gender_setting':
      return c.gender === p.value;
    case 'creche':
      return c.childcare === true;
    case 'access':
      return c.accessibility?.[p.feature] === true || (['step_free', 'hearing_loop', 'quiet_space'].includes(p.feature) && remotely(r, c));
    case 'no_id':
      return c.requirements?.id_documents === false;
    case 'cost':
      return c.costBand === 'free' || (p.limit === 'low_cost' && c.costBand === 'low_cost');
    case 'times':
      return c.sessions.some(
        (s) =>
          !!s.day &&
          !!s.opensAt &&
          !!s.closesAt &&
          s.closesAt > s.opensAt &&
          p.windows.some((w) => w.day === s.day && minutes(s.opensAt!) >= minutes(w.from) && minutes(s.closesAt!) <= minutes(w.to)),
      );
    case 'distance':
      return (
        remotely(r, c) ||
        near(p.metres) ||
        (p.unlessHelped && near(30_000) && (c.transportOffered === true || c.accompanyFirstVisit === true))
      );
    case 'mode':
      return p.modes.some((m) =>
        m === 'home_visit'
          ? c.homeVisits === true
          : c.modes.includes(m) && (m !== 'in_person' || !r.origin || near(r.maxDistanceMetres ?? 30_000)),
      );
    case 'language':
      return c.languages.some((l) => sameLanguage(l, p.code)) || (p.interpreterOk && c.interpreterAvailable === true);
    case 'audience': {
      const a = p.audience;
      if ((c.audiences ?? []).includes(a) && c.eligibility !== 'open_to_all') return true;
      if (a === 'young_people') return c.maximumAge !== null && c.maximumAge <= 30 && (c.minimumAge ?? 0) >= 11;
      if (a === 'older_people') return c.minimumAge !== null && c.minimumAge >= 50;
      if (a === 'children') return c.maximumAge !== null && c.maximumAge <= 16;
      return false;
    }
  }
}

/** The rules the candidate breaks, by the independent statement. */
export const independentlyBroken = (r: MatchRequest, c: MatchCandidate, today: string): string[] =>
  Object.entries(INDEPENDENT_RULES)
    .filter(([, ok]) => !ok(r, c, today))
    .map(([name]) => name);
