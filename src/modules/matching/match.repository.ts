/**
 * Loading candidate services for matching, fast at 100 000 services.
 *
 * Matching reads tables of its own, kept up to date from the directory by
 * triggers (migration 0300): `belong_match_service`, one row per service with
 * the columns its rules test (some derived so SQL needs no subquery: language
 * keys, folded communities, service-area outward codes) and a JSON card of the
 * rest; `belong_match_remote`, the same columns for the phone and online
 * services only; `belong_match_place`, one row per public place of a service
 * with its point and the service's rule columns. The rules below are written
 * over the alias `m`, which any of the three can take.
 *
 * The SQL prefilter applies every hard rule it can (status, age, gender,
 * language, cost, safeguarding vetting, capacity, the avoid list, ways of
 * taking part, and distance for in-person services), then fetches a bounded
 * set of candidates:
 * - near a starting point: a nearest-first walk over public places (GiST
 *   index `belong_match_place_point`, KNN `<->`), at most `maxDistanceMetres`
 *   (or DEFAULT_REACH_METRES) away, up to CANDIDATE_ROWS places (and any
 *   others exactly as near as the last);
 * - for people who can take part by phone or online: services offering that,
 *   wherever they are, those of the person's interests first;
 * - without a starting point: services passing the rules, interests first.
 * The candidates are then read by id in one lookup, and the pure rules run
 * again in JS (defence in depth) before ranking (match-rank.ts).
 *
 * When nothing fits, `countRuledOut` counts, over the services within reach,
 * how many each rule excludes, for "nothing fits because…".
 */
import type { ScheduleInput } from '../directory/schedule.ts';
import type { Executor } from '../../platform/db/executor.ts';
import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import { vettingCutoff } from '../directory/vocabulary.ts';
import type { MatchCandidate } from './match-candidate.ts';
import { sessionsOf } from './match-candidate.ts';
import type { MatchRequest, Mode } from './match-request.ts';
import {
  AGE_BANDS,
  DEFAULT_REACH_METRES,
  englishOk,
  languageKey,
  languageSpellings,
  noneRuledOut,
  type HardRule,
  type RuledOut,
} from './match-rules.ts';
import { fold, readServiceArea } from './match-eligibility.ts';
import { minutesOf, PHYSICAL_ACCESS, type Preference } from './match-preferences.ts';

/** Places read by the nearest-first walk (a service with several places counts once). */
export const CANDIDATE_ROWS = 300;
/** Services read for phone or online (or without a starting point). */
export const REMOTE_CANDIDATES = 120;

const all = (conditions: readonly RawBuilder<SqlBool>[]) => sql<SqlBool>`(${sql.join(conditions, sql` and `)})`;
/** The starting point, as `ll_to_earth` gives it, through `belong_ll_to_earth` (migration 0340: cheaper to plan, as is `belong_earth_box`). */
const here = (o: { latitude: number; longitude: number }) => sql`belong_ll_to_earth(${o.latitude}::float8, ${o.longitude}::float8)`;
const textArray = (values: readonly string[]) => sql`array[${sql.join(values)}]::text[]`;

/** The service speaks one of the languages (any spelling of their codes: "ar", "ara", "arb"). */
function speaksSql(languages: readonly string[]): RawBuilder<SqlBool> {
  const codes = [...new Set(languages.map(languageKey).flatMap(languageSpellings))];
  return codes.length ? sql<SqlBool>`m.language_keys && ${textArray(codes)}` : sql<SqlBool>`false`;
}

/** The person's languages, main parts, with 'en' when they are content with English. */
function languageCondition(r: MatchRequest): RawBuilder<SqlBool> {
  const speaks = speaksSql(r.languages);
  const parts = [speaks, sql<SqlBool>`m.interpreter_available is true`];
  if (!r.interpreterNeeded && englishOk(r)) parts.push(sql<SqlBool>`(not m.has_languages or ${speaksSql(['en'])})`);
  return sql<SqlBool>`(${sql.join(parts, sql` or `)})`;
}

const AGE_AUDIENCES = { children: ['under_16'], young_people: ['under_16', '16_17', '18_24'], older_people: ['50_64', '65_plus'] } as const;

/** "Only for" some people: the person is one of them (their age band, one of their communities, a group they said they belong to). */
function eligibilitySql(r: MatchRequest): RawBuilder<SqlBool> {
  const definite = [
    ...(r.belongsTo ?? []),
    ...Object.entries(AGE_AUDIENCES)
      .filter(([, bands]) => r.ageBand !== null && (bands as readonly string[]).includes(r.ageBand))
      .map(([a]) => a),
  ];
  const parts = [sql<SqlBool>`m.eligibility is distinct from 'only'`, sql<SqlBool>`cardinality(m.audiences) = 0`];
  if (definite.length) parts.push(sql<SqlBool>`m.audiences && ${textArray(definite)}`);
  const communities = [...new Set(r.communities.map(fold))].filter(Boolean);
  if (communities.length) parts.push(sql<SqlBool>`('communities' = any(m.audiences) and m.community_keys && ${textArray(communities)})`);
  return sql<SqlBool>`(${sql.join(parts, sql` or `)})`;
}

/**
 * Service areas (read as readServiceArea does, match-eligibility.ts, by the
 * SQL function belong_outcode_area): none that can be read as outward codes,
 * or a GeoJSON one (checked in JS), or one with the person's outward code or
 * postcode area.
 */
function areaSql(r: MatchRequest): RawBuilder<SqlBool> {
  const outcode = r.outcode?.trim().toUpperCase() || null;
  const inside = outcode ? sql<SqlBool>`or m.area_outcodes && ${textArray([outcode, outcode.replace(/\d.*$/, '')])}` : sql``;
  return sql<SqlBool>`(not m.has_outcode_area or m.has_geojson_area ${inside})`;
}

const jsonFact = (column: 'accessibility' | 'requirements', key: string, value: boolean) =>
  sql<SqlBool>`m.${sql.raw(column)} @> ${JSON.stringify({ [key]: value })}::jsonb`;

/**
 * A must as a condition SQL can check (true for every service that may meet
 * it; the pure rules decide exactly), or null when only JS can tell.
 * Distance is applied by the nearest-first walk (distanceSql).
 */
function mustSql(r: MatchRequest, p: Preference): RawBuilder<SqlBool> | null {
  const remote = r.modes.filter((m) => m !== 'in_person');
  const withoutGoing = remote.length ? sql<SqlBool>`m.modes && ${textArray(remote)}` : sql<SqlBool>`false`;
  switch (p.kind) {
    case 'gender_setting':
      return sql<SqlBool>`m.gender = ${p.value}`;
    case 'creche':
      return sql<SqlBool>`m.childcare is true`;
    case 'access': {
      const has = jsonFact('accessibility', p.feature, true);
      return PHYSICAL_ACCESS.includes(p.feature) ? sql<SqlBool>`(${has} or ${withoutGoing})` : has;
    }
    case 'no_id':
      return jsonFact('requirements', 'id_documents', false);
    case 'cost':
      return sql<SqlBool>`m.cost_band in (${sql.join(p.limit === 'free' ? ['free'] : ['free', 'low_cost'])})`;
    case 'times': {
      if (!p.windows.length) return sql<SqlBool>`false`;
      const from = Math.min(...p.windows.map((w) => minutesOf(w.from)));
      const to = Math.max(...p.windows.map((w) => minutesOf(w.to)));
      const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}:00`;
      return sql<SqlBool>`exists (select 1 from schedule sc where sc.service_id = m.service_id and sc.opens_at >= ${hhmm(from)}::time
        and sc.closes_at <= ${to >= 24 * 60 ? '23:59:59' : hhmm(to)}::time)`;
    }
    case 'mode':
      return sql<SqlBool>`m.modes && ${textArray([...p.modes])}`;
    case 'language': {
      const speaks = speaksSql([p.code]);
      return p.interpreterOk ? sql<SqlBool>`(${speaks} or m.interpreter_available is true)` : speaks;
    }
    case 'audience':
      return null;
    case 'distance':
      return null;
  }
}

/** A distance must, in the nearest-first walk over places (`m.point`): near enough, or transport or someone to go with them offered. */
function distanceSql(r: MatchRequest): RawBuilder<SqlBool> {
  const conditions = (r.preferences ?? []).flatMap((p) => {
    if (p.kind !== 'distance' || !p.must || !r.origin) return [];
    const near = sql<SqlBool>`earth_distance(${here(r.origin)}, m.point) <= ${p.metres + 1}::float8`;
    return [p.unlessHelped ? sql<SqlBool>`(${near} or m.transport_offered is true or m.accompany_first_visit is true)` : near];
  });
  return conditions.length ? sql<SqlBool>`(${sql.join(conditions, sql` and `)})` : sql<SqlBool>`true`;
}

/** Each hard rule that SQL can decide, as a condition on `belong_match_service m` (true: the rule is met). */
export function sqlRules(r: MatchRequest, today: string): Partial<Record<HardRule, RawBuilder<SqlBool>>> {
  const rules: Partial<Record<HardRule, RawBuilder<SqlBool>>> = {};
  rules.status = sql<SqlBool>`m.status = 'active'`;
  rules.eligibility = eligibilitySql(r);
  rules.area = areaSql(r);
  const musts = (r.preferences ?? []).filter((p) => p.must).flatMap((p) => mustSql(r, p) ?? []);
  if (musts.length) rules.must = all(musts);
  if (r.ageBand) {
    const [min, max] = AGE_BANDS[r.ageBand];
    rules.age = sql<SqlBool>`(m.minimum_age is null or m.minimum_age <= ${min}) and (m.maximum_age is null or m.maximum_age >= ${max})`;
  }
  const genders = ['mixed', ...(r.gender === 'woman' ? ['women_only'] : r.gender === 'man' ? ['men_only'] : [])];
  rules.gender = sql<SqlBool>`(m.gender is null or m.gender in (${sql.join(genders)}))`;
  rules.language = languageCondition(r);
  if (r.costLimit !== 'any')
    rules.cost = sql<SqlBool>`m.cost_band in (${sql.join(r.costLimit === 'free' ? ['free'] : ['free', 'low_cost'])})`;
  if (r.complexNeeds) {
    rules.safeguarding = sql<SqlBool>`(m.safeguarding_policy and m.safeguarding_checked_leads and m.trauma_informed_training
      and m.safeguarding_review_date >= ${vettingCutoff(today)}::date)`;
  }
  rules.capacity = sql<SqlBool>`m.capacity_status is distinct from 'full' and m.accepting_referrals is not false`;
  const avoid: RawBuilder<SqlBool>[] = [];
  if (r.avoidServiceIds.length)
    avoid.push(sql<SqlBool>`m.service_id not in (${sql.join(r.avoidServiceIds.map((id) => sql`${id}::uuid`))})`);
  if (r.avoidOrganizationIds.length)
    avoid.push(sql<SqlBool>`m.organization_id not in (${sql.join(r.avoidOrganizationIds.map((id) => sql`${id}::uuid`))})`);
  if (r.avoidKinds?.length) avoid.push(sql<SqlBool>`not (m.support_kinds && ${textArray(r.avoidKinds)})`);
  const settings = r.avoidSettings ?? [];
  if (settings.includes('faith_setting')) avoid.push(sql<SqlBool>`m.faith is distinct from 'faith_based'`);
  if (settings.includes('support_groups')) avoid.push(sql<SqlBool>`not (m.support_kinds && array['peer_support', 'therapy']::text[])`);
  if (settings.includes('forms'))
    avoid.push(sql<SqlBool>`m.entry is distinct from 'professional_referral' and m.entry is distinct from 'formal_assessment'`);
  const avoidCommunities = [...new Set((r.avoidCommunities ?? []).map(fold))].filter(Boolean);
  if (avoidCommunities.length) avoid.push(sql<SqlBool>`not (m.community_keys && ${textArray(avoidCommunities)})`);
  // Avoided words are checked in JS (names with accents fold differently), so SQL lets them through.
  if (avoid.length) rules.avoided = sql<SqlBool>`(${sql.join(avoid, sql` and `)})`;
  rules.mode = sql<SqlBool>`m.modes && ${textArray([...r.modes])}`;
  return rules;
}

/** Ids of the candidate services, nearest first then the rest (no duplicates). */
export async function candidateIds(db: Executor, r: MatchRequest, today: string): Promise<string[]> {
  const rules = Object.values(sqlRules(r, today));
  const ids: string[] = [];
  const remoteModes = r.modes.filter((m): m is Exclude<Mode, 'in_person'> => m !== 'in_person');
  if (r.origin && r.modes.includes('in_person')) {
    const reach = r.maxDistanceMetres ?? DEFAULT_REACH_METRES;
    // The walk only meets services held in person; the 1 m of slack keeps rounding from losing the farthest.
    // Places as near as the last one taken are all taken (WITH TIES), and the
    // places are put in order of distance then service id, so which services
    // are candidates, and in what order, never depends on how the index
    // happened to order equal distances (several services at one venue).
    // Each place carries its service's rule columns (alias m, as in the rules): no lookup per place.
    const rows = await sql<{ service_id: string; d: number }>`
      select m.service_id, m.point <-> ${here(r.origin)} as d from belong_match_place m
      where m.described
        and belong_earth_box(${here(r.origin)}, ${reach + 1}::float8) @> m.point
        and 'in_person' = any(m.modes)
        and ${all(rules)}
        and ${distanceSql(r)}
      order by m.point <-> ${here(r.origin)}
      fetch first ${CANDIDATE_ROWS} rows with ties`.execute(db);
    const nearest = rows.rows.map((row) => ({ id: row.service_id, d: Number(row.d) }));
    nearest.sort((a, b) => a.d - b.d || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    for (const row of nearest) ids.push(row.id);
  }
  if (!r.origin || remoteModes.length) ids.push(...(await remoteCandidateIds(db, r, today)));
  return [...new Set(ids)];
}

/**
 * Phone and online services wherever they are (or, with no starting point,
 * any service that passes): those of the person's interests first, then
 * others, each in id order, up to REMOTE_CANDIDATES.
 *
 * With a starting point, only phone and online services can be reached this
 * way: they are read from `belong_match_remote`, which holds only those (a
 * few per cent of the directory), with every rule column, so finding them
 * reads a few hundred pages instead of thousands of rows scattered across
 * `belong_match_service`. `how: 'plain'` runs the same query over every
 * service; it gives the same ids (match-candidates.int.test.ts checks it).
 */
export async function remoteCandidateIds(
  db: Executor,
  r: MatchRequest,
  today: string,
  how: 'remote' | 'plain' = r.origin ? 'remote' : 'plain',
): Promise<string[]> {
  const rules = Object.values(sqlRules(r, today));
  const remoteModes = r.modes.filter((m) => m !== 'in_person');
  const modeRule = r.origin ? sql<SqlBool>`m.modes && ${textArray(remoteModes)}` : sql<SqlBool>`true`;
  const interested = r.interests.length ? sql<SqlBool>`m.support_kinds && ${textArray([...r.interests])}` : null;
  const table = how === 'remote' ? sql`belong_match_remote` : sql`belong_match_service`;
  const remote = (extra: RawBuilder<SqlBool>, limit: number) =>
    sql<{ id: string }>`
      select m.service_id as id from ${table} m
      where m.described and ${all(rules)} and ${modeRule} and ${extra}
      order by m.service_id
      limit ${limit}`.execute(db);
  const first = interested ? (await remote(interested, REMOTE_CANDIDATES)).rows : [];
  const rest =
    first.length < REMOTE_CANDIDATES
      ? (await remote(interested ? sql<SqlBool>`not (${interested})` : sql<SqlBool>`true`, REMOTE_CANDIDATES - first.length)).rows
      : [];
  return [...first, ...rest].map((row) => row.id);
}

/** A service's card (belong_match_service.card): the directory's fields matching needs, as the migration writes them. */
interface Card {
  service_id: string;
  name: string;
  description: string;
  status: string;
  minimum_age: number | null;
  maximum_age: number | null;
  organization_id: string;
  organization_name: string;
  gender: MatchCandidate['gender'];
  communities: string[];
  faith: MatchCandidate['faith'];
  entry: MatchCandidate['entry'];
  cost_band: MatchCandidate['costBand'];
  childcare: boolean | null;
  transport_offered: boolean | null;
  accompany_first_visit: boolean | null;
  interpreter_available: boolean | null;
  modes: string[];
  support_kinds: string[];
  capacity_status: MatchCandidate['capacityStatus'];
  accepting_referrals: boolean | null;
  safeguarding_policy: boolean | null;
  safeguarding_checked_leads: boolean | null;
  trauma_informed_training: boolean | null;
  safeguarding_review_date: string | null;
  audiences: string[];
  eligibility: MatchCandidate['eligibility'];
  accessibility: MatchCandidate['accessibility'];
  requirements: MatchCandidate['requirements'];
  language_codes: string[];
  areas: { name: string | null; extent: string | null; extent_type: string | null }[];
  schedules: ScheduleInput[];
  points: [number, number][];
}

function candidateOf(b: Card, today: string): MatchCandidate {
  return {
    serviceId: b.service_id,
    name: b.name,
    description: b.description,
    organizationId: b.organization_id,
    organizationName: b.organization_name,
    status: b.status as MatchCandidate['status'],
    minimumAge: b.minimum_age,
    maximumAge: b.maximum_age,
    gender: b.gender ?? null,
    languages: b.language_codes.filter(Boolean),
    interpreterAvailable: b.interpreter_available ?? null,
    costBand: b.cost_band ?? null,
    safeguarding: {
      safeguarding_policy: b.safeguarding_policy ?? null,
      safeguarding_checked_leads: b.safeguarding_checked_leads ?? null,
      trauma_informed_training: b.trauma_informed_training ?? null,
      safeguarding_review_date: b.safeguarding_review_date ?? null,
    },
    capacityStatus: b.capacity_status ?? null,
    acceptingReferrals: b.accepting_referrals ?? null,
    modes: b.modes.filter((m): m is Mode => m === 'in_person' || m === 'phone' || m === 'online'),
    homeVisits: b.modes.includes('home_visit'),
    serviceAreas: b.areas.map(readServiceArea),
    sessions: sessionsOf(b.schedules, today),
    points: b.points.map(([latitude, longitude]) => ({ latitude: Number(latitude), longitude: Number(longitude) })),
    supportKinds: b.support_kinds as MatchCandidate['supportKinds'],
    communities: b.communities,
    faith: b.faith ?? null,
    entry: b.entry ?? null,
    childcare: b.childcare ?? null,
    transportOffered: b.transport_offered ?? null,
    accompanyFirstVisit: b.accompany_first_visit ?? null,
    audiences: b.audiences,
    eligibility: b.eligibility ?? null,
    accessibility: b.accessibility ?? {},
    requirements: b.requirements ?? {},
  };
}

/**
 * The candidates' details, for the pure rules and the ranking, in the order
 * of `ids`: one lookup of their cards. A card is one JSON text, parsed here at
 * once: both engines' drivers take far longer to parse thirty columns of
 * arrays and JSON per row (PGlite: 31-44 ms against 15-22 ms for 277
 * candidates).
 */
export async function loadCandidates(db: Executor, ids: readonly string[], today: string): Promise<MatchCandidate[]> {
  if (!ids.length) return [];
  const list = [...ids];
  // One array parameter rather than an IN list of hundreds of parameters (cheaper to send and plan).
  const rows = await db
    .selectFrom('belong_match_service')
    .select('card')
    .where('service_id', '=', sql<string>`any(${sql.val(list)}::uuid[])`)
    .execute();
  const byId = new Map<string, MatchCandidate>();
  for (const row of rows) {
    const card = JSON.parse(row.card) as Card;
    byId.set(card.service_id, candidateOf(card, today));
  }
  return list.map((id) => byId.get(id)).filter((c): c is MatchCandidate => c !== undefined);
}

/**
 * For each rule SQL can decide, how many services within reach it rules out
 * (reach: public places within the distance limit, or DEFAULT_REACH_METRES,
 * of the starting point, plus phone and online services the person could
 * use; every service when there is no starting point).
 */
export async function countRuledOut(db: Executor, r: MatchRequest, today: string): Promise<{ examined: number; ruledOut: RuledOut }> {
  const rules = sqlRules(r, today);
  const names = Object.keys(rules) as HardRule[];
  const counts = names.map((n) => sql`count(*) filter (where not coalesce(${rules[n]!}, false))`.as(n));
  let pool: Expression<SqlBool> = sql<SqlBool>`m.described`;
  if (r.origin) {
    const reach = r.maxDistanceMetres ?? DEFAULT_REACH_METRES;
    const remote = r.modes.filter((m) => m !== 'in_person');
    const near = sql<SqlBool>`exists (select 1 from belong_match_place p
      where p.service_id = m.service_id and belong_earth_box(${here(r.origin)}, ${reach}::float8) @> p.point
        and earth_distance(${here(r.origin)}, p.point) <= ${reach}::float8)`;
    pool = sql<SqlBool>`m.described and ${remote.length ? sql<SqlBool>`(${near} or m.modes && ${textArray(remote)})` : near}`;
  }
  const row = await db
    .selectFrom(sql`belong_match_service`.as('m'))
    .select([sql<string>`count(*)`.as('examined'), ...counts])
    .where(pool)
    .executeTakeFirstOrThrow();
  const ruledOut = noneRuledOut();
  const values = row as unknown as Record<string, string | number>;
  for (const n of names) ruledOut[n] = Number(values[n] ?? 0);
  return { examined: Number(values.examined ?? 0), ruledOut };
}
