/**
 * Loading candidate services for matching, fast at 100 000 services.
 *
 * The SQL prefilter applies every hard rule it can (status, age, gender,
 * language, cost, safeguarding vetting, capacity, the avoid list, ways of
 * taking part, and distance for in-person services), then fetches a bounded
 * set of candidates:
 * - near a starting point: a nearest-first walk over public places (GiST
 *   index `location_earth`, KNN `<->`), at most `maxDistanceMetres` (or
 *   DEFAULT_REACH_METRES) away, up to CANDIDATE_ROWS places;
 * - for people who can take part by phone or online: services offering that,
 *   wherever they are, those of the person's interests first;
 * - without a starting point: services passing the rules, interests first.
 * The details of those candidates (languages, schedules, public places) are
 * then read by id, and the pure rules run again in JS (defence in depth)
 * before ranking (match-rank.ts).
 *
 * When nothing fits, `countRuledOut` counts, over the services within reach,
 * how many each rule excludes, for "nothing fits because…".
 */
import { SCHEDULE_COLUMNS } from '../directory/schedule.ts';
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
const here = (o: { latitude: number; longitude: number }) => sql`ll_to_earth(${o.latitude}::float8, ${o.longitude}::float8)`;
const pointOf = sql`ll_to_earth(l.latitude, l.longitude)`;
const publicPlace = sql<SqlBool>`l.latitude is not null and l.longitude is not null
  and not exists (select 1 from belong_location bl where bl.location_id = l.id and bl.confidential)`;

/** The service speaks one of the languages (any spelling of their codes: "ar", "ara", "arb"). */
function speaksSql(languages: readonly string[]): RawBuilder<SqlBool> {
  const codes = [...new Set(languages.map(languageKey).flatMap(languageSpellings))];
  return codes.length
    ? sql<SqlBool>`exists (select 1 from language lg where lg.service_id = s.id and split_part(lower(lg.code), '-', 1) in (${sql.join(codes)}))`
    : sql<SqlBool>`false`;
}

/** The person's languages, main parts, with 'en' when they are content with English. */
function languageCondition(r: MatchRequest): RawBuilder<SqlBool> {
  const speaks = speaksSql(r.languages);
  const parts = [speaks, sql<SqlBool>`bs.interpreter_available is true`];
  if (!r.interpreterNeeded && englishOk(r)) {
    parts.push(sql<SqlBool>`(not exists (select 1 from language lg where lg.service_id = s.id)
      or ${speaksSql(['en'])})`);
  }
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
  const parts = [sql<SqlBool>`bs.eligibility is distinct from 'only'`, sql<SqlBool>`cardinality(bs.audiences) = 0`];
  if (definite.length) parts.push(sql<SqlBool>`bs.audiences && array[${sql.join(definite)}]::text[]`);
  const communities = [...new Set(r.communities.map(fold))].filter(Boolean);
  if (communities.length)
    parts.push(sql<SqlBool>`('communities' = any(bs.audiences)
      and exists (select 1 from unnest(bs.communities) x where belong_fold(trim(x)) in (${sql.join(communities)})))`);
  return sql<SqlBool>`(${sql.join(parts, sql` or `)})`;
}

// The same reading of an extent as readServiceArea (match-eligibility.ts): a list of outward codes, or GeoJSON (checked in JS).
const OUTCODE_LIST_SQL = String.raw`^\s*[A-Z]{1,2}(\d[A-Z\d]?)?(\s*[,;\s]\s*[A-Z]{1,2}(\d[A-Z\d]?)?)*\s*$`;
const outcodeArea = sql<SqlBool>`(coalesce(lower(trim(sa.extent_type)), '') <> 'geojson' and sa.extent ~* ${OUTCODE_LIST_SQL})`;
const geojsonArea = sql<SqlBool>`(lower(trim(sa.extent_type)) = 'geojson' or ltrim(sa.extent) like '{%')`;

/** Service areas: none that can be read as outward codes, or a GeoJSON one (checked in JS), or one with the person's outward code or postcode area. */
function areaSql(r: MatchRequest): RawBuilder<SqlBool> {
  const outcode = r.outcode?.trim().toUpperCase() || null;
  const inside = outcode
    ? sql<SqlBool>`or exists (select 1 from service_area sa where sa.service_id = s.id and ${outcodeArea}
        and regexp_split_to_array(upper(trim(sa.extent)), '[\\s,;]+') && array[${outcode}, ${outcode.replace(/\d.*$/, '')}]::text[])`
    : sql``;
  return sql<SqlBool>`(not exists (select 1 from service_area sa where sa.service_id = s.id and ${outcodeArea})
    or exists (select 1 from service_area sa where sa.service_id = s.id and ${geojsonArea}) ${inside})`;
}

const jsonFact = (column: 'accessibility' | 'requirements', key: string, value: boolean) =>
  sql<SqlBool>`bs.${sql.raw(column)} @> ${JSON.stringify({ [key]: value })}::jsonb`;

/**
 * A must as a condition SQL can check (true for every service that may meet
 * it; the pure rules decide exactly), or null when only JS can tell.
 * Distance is applied by the nearest-first walk (distanceSql).
 */
function mustSql(r: MatchRequest, p: Preference): RawBuilder<SqlBool> | null {
  const remote = r.modes.filter((m) => m !== 'in_person');
  const withoutGoing = remote.length ? sql<SqlBool>`bs.modes && array[${sql.join(remote)}]::text[]` : sql<SqlBool>`false`;
  switch (p.kind) {
    case 'gender_setting':
      return sql<SqlBool>`bs.gender = ${p.value}`;
    case 'creche':
      return sql<SqlBool>`bs.childcare is true`;
    case 'access': {
      const has = jsonFact('accessibility', p.feature, true);
      return PHYSICAL_ACCESS.includes(p.feature) ? sql<SqlBool>`(${has} or ${withoutGoing})` : has;
    }
    case 'no_id':
      return jsonFact('requirements', 'id_documents', false);
    case 'cost':
      return sql<SqlBool>`bs.cost_band in (${sql.join(p.limit === 'free' ? ['free'] : ['free', 'low_cost'])})`;
    case 'times': {
      if (!p.windows.length) return sql<SqlBool>`false`;
      const from = Math.min(...p.windows.map((w) => minutesOf(w.from)));
      const to = Math.max(...p.windows.map((w) => minutesOf(w.to)));
      const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}:00`;
      return sql<SqlBool>`exists (select 1 from schedule sc where sc.service_id = s.id and sc.opens_at >= ${hhmm(from)}::time
        and sc.closes_at <= ${to >= 24 * 60 ? '23:59:59' : hhmm(to)}::time)`;
    }
    case 'mode': {
      const modes = [...p.modes];
      return sql<SqlBool>`bs.modes && array[${sql.join(modes)}]::text[]`;
    }
    case 'language': {
      const speaks = speaksSql([p.code]);
      return p.interpreterOk ? sql<SqlBool>`(${speaks} or bs.interpreter_available is true)` : speaks;
    }
    case 'audience':
      return null;
    case 'distance':
      return null;
  }
}

/** A distance must, in the nearest-first walk: near enough, or transport or someone to go with them offered. */
function distanceSql(r: MatchRequest): RawBuilder<SqlBool> {
  const conditions = (r.preferences ?? []).flatMap((p) => {
    if (p.kind !== 'distance' || !p.must || !r.origin) return [];
    const near = sql<SqlBool>`earth_distance(${here(r.origin)}, ${pointOf}) <= ${p.metres + 1}::float8`;
    return [p.unlessHelped ? sql<SqlBool>`(${near} or bs.transport_offered is true or bs.accompany_first_visit is true)` : near];
  });
  return conditions.length ? sql<SqlBool>`(${sql.join(conditions, sql` and `)})` : sql<SqlBool>`true`;
}

/** Each hard rule that SQL can decide, as a condition on `service s` joined to `belong_service bs` (true: the rule is met). */
export function sqlRules(r: MatchRequest, today: string): Partial<Record<HardRule, RawBuilder<SqlBool>>> {
  const rules: Partial<Record<HardRule, RawBuilder<SqlBool>>> = {};
  rules.status = sql<SqlBool>`s.status = 'active'`;
  rules.eligibility = eligibilitySql(r);
  rules.area = areaSql(r);
  const musts = (r.preferences ?? []).filter((p) => p.must).flatMap((p) => mustSql(r, p) ?? []);
  if (musts.length) rules.must = all(musts);
  if (r.ageBand) {
    const [min, max] = AGE_BANDS[r.ageBand];
    rules.age = sql<SqlBool>`(s.minimum_age is null or s.minimum_age <= ${min}) and (s.maximum_age is null or s.maximum_age >= ${max})`;
  }
  const genders = ['mixed', ...(r.gender === 'woman' ? ['women_only'] : r.gender === 'man' ? ['men_only'] : [])];
  rules.gender = sql<SqlBool>`(bs.gender is null or bs.gender in (${sql.join(genders)}))`;
  rules.language = languageCondition(r);
  if (r.costLimit !== 'any')
    rules.cost = sql<SqlBool>`bs.cost_band in (${sql.join(r.costLimit === 'free' ? ['free'] : ['free', 'low_cost'])})`;
  if (r.complexNeeds) {
    rules.safeguarding = sql<SqlBool>`(bs.safeguarding_policy and bs.safeguarding_checked_leads and bs.trauma_informed_training
      and bs.safeguarding_review_date >= ${vettingCutoff(today)}::date)`;
  }
  rules.capacity = sql<SqlBool>`bs.capacity_status is distinct from 'full' and bs.accepting_referrals is not false`;
  const avoid: RawBuilder<SqlBool>[] = [];
  if (r.avoidServiceIds.length) avoid.push(sql<SqlBool>`s.id not in (${sql.join(r.avoidServiceIds.map((id) => sql`${id}::uuid`))})`);
  if (r.avoidOrganizationIds.length)
    avoid.push(sql<SqlBool>`s.organization_id not in (${sql.join(r.avoidOrganizationIds.map((id) => sql`${id}::uuid`))})`);
  if (r.avoidKinds?.length) avoid.push(sql<SqlBool>`not (bs.support_kinds && array[${sql.join(r.avoidKinds)}]::text[])`);
  const settings = r.avoidSettings ?? [];
  if (settings.includes('faith_setting')) avoid.push(sql<SqlBool>`bs.faith is distinct from 'faith_based'`);
  if (settings.includes('support_groups')) avoid.push(sql<SqlBool>`not (bs.support_kinds && array['peer_support', 'therapy']::text[])`);
  if (settings.includes('forms'))
    avoid.push(sql<SqlBool>`bs.entry is distinct from 'professional_referral' and bs.entry is distinct from 'formal_assessment'`);
  const avoidCommunities = [...new Set((r.avoidCommunities ?? []).map(fold))].filter(Boolean);
  if (avoidCommunities.length)
    avoid.push(
      sql<SqlBool>`not exists (select 1 from unnest(bs.communities) x where belong_fold(trim(x)) in (${sql.join(avoidCommunities)}))`,
    );
  // Avoided words are checked in JS (names with accents fold differently), so SQL lets them through.
  if (avoid.length) rules.avoided = sql<SqlBool>`(${sql.join(avoid, sql` and `)})`;
  rules.mode = sql<SqlBool>`bs.modes && array[${sql.join([...r.modes])}]::text[]`;
  return rules;
}

/** The rules that belong_service alone decides (no subquery), a first cut for the phone and online services. */
function bsOnly(rules: Partial<Record<HardRule, RawBuilder<SqlBool>>>): RawBuilder<SqlBool>[] {
  return (['eligibility', 'gender', 'cost', 'safeguarding', 'capacity', 'mode'] as const).flatMap((k) => rules[k] ?? []);
}

/** Ids of the candidate services, nearest first then the rest (no duplicates). */
export async function candidateIds(db: Executor, r: MatchRequest, today: string): Promise<string[]> {
  const rules = Object.values(sqlRules(r, today));
  const ids: string[] = [];
  const remoteModes = r.modes.filter((m): m is Exclude<Mode, 'in_person'> => m !== 'in_person');
  if (r.origin && r.modes.includes('in_person')) {
    const reach = r.maxDistanceMetres ?? DEFAULT_REACH_METRES;
    // The walk only meets services held in person; the 1 m of slack keeps rounding from losing the farthest.
    const rows = await sql<{ service_id: string }>`
      select sal.service_id from location l
        join service_at_location sal on sal.location_id = l.id
        join service s on s.id = sal.service_id
        join belong_service bs on bs.service_id = s.id
      where ${publicPlace}
        and earth_box(${here(r.origin)}, ${reach + 1}::float8) @> ${pointOf}
        and 'in_person' = any(bs.modes)
        and ${all(rules)}
        and ${distanceSql(r)}
      order by ${pointOf} <-> ${here(r.origin)}
      limit ${CANDIDATE_ROWS}`.execute(db);
    for (const row of rows.rows) ids.push(row.service_id);
  }
  if (!r.origin || remoteModes.length) ids.push(...(await remoteCandidateIds(db, r, today)));
  return [...new Set(ids)];
}

/**
 * Phone and online services wherever they are (or, with no starting point,
 * any service that passes): those of the person's interests first (found
 * through the support_kinds index), then others, each in id order, up to
 * REMOTE_CANDIDATES.
 *
 * With a starting point, only phone and online services are read: a small
 * part of the directory, found through the modes index. They are gathered
 * first by what belong_service alone can tell (no subqueries), sorted by id,
 * and only then checked against every rule (languages, areas, times: an
 * index probe each) until enough pass. Left to itself, the planner either
 * probed and sorted every phone service, or walked all services in id order
 * when none passed (it cannot estimate overlapping array conditions): up to
 * 160 ms at 100 000 services. `how: 'plain'` runs the one-query form, which
 * gives the same ids (match-candidates.int.test.ts checks it).
 */
export async function remoteCandidateIds(
  db: Executor,
  r: MatchRequest,
  today: string,
  how: 'gathered' | 'plain' = r.origin ? 'gathered' : 'plain',
): Promise<string[]> {
  const byRule = sqlRules(r, today);
  const rules = Object.values(byRule);
  const remoteModes = r.modes.filter((m) => m !== 'in_person');
  const modeRule = r.origin ? sql<SqlBool>`bs.modes && array[${sql.join(remoteModes)}]::text[]` : sql<SqlBool>`true`;
  const interested = r.interests.length ? sql<SqlBool>`bs.support_kinds && array[${sql.join([...r.interests])}]::text[]` : null;
  const cheap = sql<SqlBool>`(${sql.join([modeRule, ...bsOnly(byRule)], sql` and `)})`;
  const remote = (extra: RawBuilder<SqlBool>, limit: number) =>
    how === 'gathered'
      ? sql<{ id: string }>`
        with gathered as materialized (
          select bs.service_id from belong_service bs where ${cheap} and ${extra})
        select g.service_id as id from (select service_id from gathered order by service_id offset 0) g
          cross join lateral (
            select 1 from service s join belong_service bs on bs.service_id = s.id
            where s.id = g.service_id and ${all(rules)} and ${modeRule} and ${extra}
            limit 1) passes
        order by g.service_id
        limit ${limit}`.execute(db)
      : sql<{ id: string }>`
        select s.id from service s join belong_service bs on bs.service_id = s.id
        where ${all(rules)} and ${modeRule} and ${extra}
        order by s.id
        limit ${limit}`.execute(db);
  const first = interested ? (await remote(interested, REMOTE_CANDIDATES)).rows : [];
  const rest =
    first.length < REMOTE_CANDIDATES
      ? (await remote(interested ? sql<SqlBool>`not (${interested})` : sql<SqlBool>`true`, REMOTE_CANDIDATES - first.length)).rows
      : [];
  return [...first, ...rest].map((row) => row.id);
}

/** The candidates' details, for the pure rules and the ranking. */
export async function loadCandidates(db: Executor, ids: readonly string[], today: string): Promise<MatchCandidate[]> {
  if (!ids.length) return [];
  const list = [...ids];
  // One array parameter rather than an IN list of hundreds of parameters (cheaper to send and plan).
  const listed = sql<string>`any(${sql.val(list)}::uuid[])`;
  const [base, languages, areas, schedules, points] = await Promise.all([
    db
      .selectFrom('service as s')
      .innerJoin('organization as o', 'o.id', 's.organization_id')
      .leftJoin('belong_service as bs', 'bs.service_id', 's.id')
      .select([
        's.id',
        's.name',
        's.description',
        's.status',
        's.minimum_age',
        's.maximum_age',
        's.organization_id',
        'o.name as organization_name',
        'bs.gender',
        'bs.communities',
        'bs.faith',
        'bs.entry',
        'bs.cost_band',
        'bs.childcare',
        'bs.transport_offered',
        'bs.accompany_first_visit',
        'bs.interpreter_available',
        'bs.modes',
        'bs.support_kinds',
        'bs.capacity_status',
        'bs.accepting_referrals',
        'bs.safeguarding_policy',
        'bs.safeguarding_checked_leads',
        'bs.trauma_informed_training',
        'bs.safeguarding_review_date',
        'bs.audiences',
        'bs.eligibility',
        'bs.accessibility',
        'bs.requirements',
      ])
      .where('s.id', '=', listed)
      .execute(),
    db.selectFrom('language').select(['service_id', 'code']).where('service_id', '=', listed).execute(),
    db.selectFrom('service_area').select(['service_id', 'name', 'extent', 'extent_type']).where('service_id', '=', listed).execute(),
    db
      .selectFrom('schedule')
      .select([...SCHEDULE_COLUMNS])
      .where('service_id', '=', listed)
      .execute(),
    db
      .selectFrom('service_at_location as sal')
      .innerJoin('location as l', 'l.id', 'sal.location_id')
      .leftJoin('belong_location as bl', 'bl.location_id', 'l.id')
      .select(['sal.service_id', 'l.latitude', 'l.longitude'])
      .where('sal.service_id', '=', listed)
      .where('l.latitude', 'is not', null)
      .where('l.longitude', 'is not', null)
      .where((eb) => eb.or([eb('bl.confidential', 'is', null), eb('bl.confidential', '=', false)]))
      .execute(),
  ]);
  const group = <T extends { service_id: string | null }>(rows: T[]) => {
    const m = new Map<string, T[]>();
    for (const row of rows) if (row.service_id) m.set(row.service_id, [...(m.get(row.service_id) ?? []), row]);
    return m;
  };
  const langs = group(languages);
  const scheds = group(schedules);
  const places = group(points);
  const areasOf = group(areas);
  const byId = new Map<string, MatchCandidate>();
  for (const b of base) {
    byId.set(b.id, {
      serviceId: b.id,
      name: b.name,
      description: b.description,
      organizationId: b.organization_id,
      organizationName: b.organization_name,
      status: b.status as MatchCandidate['status'],
      minimumAge: b.minimum_age,
      maximumAge: b.maximum_age,
      gender: b.gender ?? null,
      languages: (langs.get(b.id) ?? []).map((l) => l.code ?? '').filter(Boolean),
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
      modes: (b.modes ?? []).filter((m): m is Mode => m === 'in_person' || m === 'phone' || m === 'online'),
      homeVisits: (b.modes ?? []).includes('home_visit'),
      serviceAreas: (areasOf.get(b.id) ?? []).map(readServiceArea),
      sessions: sessionsOf(scheds.get(b.id) ?? [], today),
      points: (places.get(b.id) ?? []).map((p) => ({ latitude: Number(p.latitude), longitude: Number(p.longitude) })),
      supportKinds: (b.support_kinds ?? []) as MatchCandidate['supportKinds'],
      communities: b.communities ?? [],
      faith: b.faith ?? null,
      entry: b.entry ?? null,
      childcare: b.childcare ?? null,
      transportOffered: b.transport_offered ?? null,
      accompanyFirstVisit: b.accompany_first_visit ?? null,
      audiences: b.audiences ?? [],
      eligibility: b.eligibility ?? null,
      accessibility: (typeof b.accessibility === 'string'
        ? JSON.parse(b.accessibility)
        : (b.accessibility ?? {})) as MatchCandidate['accessibility'],
      requirements: (typeof b.requirements === 'string'
        ? JSON.parse(b.requirements)
        : (b.requirements ?? {})) as MatchCandidate['requirements'],
    });
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
  let pool: Expression<SqlBool> = sql<SqlBool>`true`;
  if (r.origin) {
    const reach = r.maxDistanceMetres ?? DEFAULT_REACH_METRES;
    const remote = r.modes.filter((m) => m !== 'in_person');
    const near = sql<SqlBool>`exists (select 1 from service_at_location sal join location l on l.id = sal.location_id
      where sal.service_id = s.id and ${publicPlace} and earth_box(${here(r.origin)}, ${reach}::float8) @> ${pointOf}
        and earth_distance(${here(r.origin)}, ${pointOf}) <= ${reach}::float8)`;
    pool = remote.length ? sql<SqlBool>`(${near} or bs.modes && array[${sql.join(remote)}]::text[])` : near;
  }
  const row = await db
    .selectFrom(sql`service`.as('s'))
    .innerJoin(sql`belong_service`.as('bs'), (j) => j.on(sql<SqlBool>`bs.service_id = s.id`))
    .select([sql<string>`count(*)`.as('examined'), ...counts])
    .where(pool)
    .executeTakeFirstOrThrow();
  const ruledOut = noneRuledOut();
  const values = row as unknown as Record<string, string | number>;
  for (const n of names) ruledOut[n] = Number(values[n] ?? 0);
  return { examined: Number(values.examined ?? 0), ruledOut };
}
