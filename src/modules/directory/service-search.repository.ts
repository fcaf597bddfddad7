/**
 * The one directory search query, shared by the Open Referral UK API, Belong's
 * pages and the search benchmark.
 *
 * `serviceSearchQuery` builds (but does not run) the Kysely queries for a
 * parsed search: the page of matching service ids in order, and their count.
 * Everything that decides which services match lives here, so the benchmark
 * can compile exactly what the application runs.
 *
 * Indexes it relies on (migrations 0001 and 0004): GIN `service.search_tsv`
 * (words), GIN trigram on `belong_fold(service.name)` (typos, via `<%`), GiST
 * `ll_to_earth(location.latitude, location.longitude)` (pairs of a service
 * and a location), GiST `belong_search_point (point)` (migration 0280: each
 * active service at each public location, kept by triggers; radius via
 * `earth_box @>`, nearest first via `<->`; the service's filter codes from
 * migration 0360), `service (name, id)` for active
 * services (name order), GIN on `belong_service` support_kinds, modes and
 * food (`@>`), and `attribute (taxonomy_term_id, link_id)`. How each kind of
 * search uses them is told at `serviceSearchQuery`; the plans are checked at
 * a few thousand services by service-search.plans.int.test.ts, and timed at
 * 100 000 by the search benchmark (bench/).
 *
 * Typo tolerance needs pg_trgm's word-similarity threshold lowered from its
 * default 0.6 to 0.3 ("ligal ayd" scores 0.31 against "legal aid"), and the
 * planner does better knowing the directory is in memory: every connection
 * starts with both settings (platform/db/query-settings.ts).
 */
import type { Executor } from '../../platform/db/executor.ts';
import {
  sql,
  type Expression,
  type ExpressionBuilder,
  type QueryCreator,
  type OrderByItemBuilder,
  type RawBuilder,
  type SelectQueryBuilder,
  type SqlBool,
} from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import type { SearchPlace, ServiceSearchParams } from './service-search.ts';
import { ACCESS_FEATURES, HELP_FLAGS, REQUIREMENTS, SAFEGUARDING_FLAGS } from './service-graph.ts';
import { dayFacts } from './schedule.ts';
import { FACET_NUMBERS } from './search-point-facets.ts';
import { BELONG_TAXONOMY, SAFEGUARDING_TERMS, vettingCutoff, vocabularyTermById } from './vocabulary.ts';
import { expandSearch, foldWords } from './search-vocabulary.ts';

type ServiceEB = ExpressionBuilder<DB, 'service'>;

// ---------------------------------------------------------------------------
// Pieces of SQL
// ---------------------------------------------------------------------------

const tsQuery = (q: string) => sql`websearch_to_tsquery('english', belong_fold(${q}))`;

/** Searches shorter than this (letters and digits) match words only: fuzzy matches of "art" are noise. */
export const MIN_FUZZY_LENGTH = 4;

const fuzzyAllowed = (q: string) => q.replace(/[^\p{L}\p{N}]/gu, '').length >= MIN_FUZZY_LENGTH;

/** The words of a search long enough to be matched on their own with typos (see `MIN_FUZZY_LENGTH`). */
export function longWords(q: string): string[] {
  const words = q.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= MIN_FUZZY_LENGTH);
  return [...new Set(words.map((w) => w.toLowerCase()))];
}

/**
 * How the words of a search are matched, in turn: each way is only tried
 * when the ones before it found nothing for this search (with its filters and
 * place). Names that only look like the search are a fallback for typos
 * ("ligal ayd"); tried alongside the words, a phrase of common words ("stay
 * and play") would look like a third of all names and swamp the services
 * that have them.
 * - `words`: the service has the words (name or description, stemmed; GIN
 *   `search_tsv`);
 * - `related`: the service has the English words of what the search names in
 *   the multilingual search vocabulary (search-vocabulary.ts: "خياطة",
 *   "szycie" → sewing; "quran" → qur'an), or, for a search with letters
 *   beyond plain ASCII, a translation of its text has the words (GIN on
 *   `belong_translation`, migration 0140); only when there is either;
 * - `eachWord`: every longer word of the search is within typo distance of
 *   a word of the name ("luch club": lunch clubs, not every club);
 * - `phrase`: the name is within typo distance of the search as a whole
 *   ("yuoth club", whose first word is too far from "youth" on its own).
 * Both typo ways use pg_trgm word similarity at the connection's threshold (TRIGRAM_WORD_THRESHOLD; GIN
 * trigram on `belong_fold(name)`), and only when the search is long enough
 * (MIN_FUZZY_LENGTH) for it to mean anything; the candidates it gives must
 * also be a few letter edits from a word of the name (`belong_typo_near`,
 * migration 0140), since trigrams alone take "quiz" for a typo of "quran".
 * The typo ways are only tried for words no active service has anywhere
 * (`searchServices`).
 */
type TextBranch = 'words' | 'related' | 'eachWord' | 'phrase';

/** Has letters beyond ASCII: may be in another language, so its translations are searched. */
const beyondAscii = (q: string) => /[^\x00-\x7f]/.test(q);

/** The ways to try for a search, in order. */
function textBranches(q: string): TextBranch[] {
  const branches: TextBranch[] = ['words'];
  if (expandSearch(q).length || beyondAscii(q)) branches.push('related');
  if (!fuzzyAllowed(q)) return branches;
  if (longWords(q).length) branches.push('eachWord');
  branches.push('phrase');
  return branches;
}

/** The English words of what the search names in the vocabulary, any one of them (never empty: matches nothing without any). */
function relatedTsQuery(q: string): RawBuilder<unknown> {
  const words = expandSearch(q);
  if (!words.length) return sql`''::tsquery`;
  return sql`(${sql.join(
    words.map((w) => sql`plainto_tsquery('english', belong_fold(${w}))`),
    sql` || `,
  )})`;
}

/** Services with a translated text that has the words (any language, unstemmed). */
const translatedHas = (q: string) =>
  sql<SqlBool>`service.id in (select bt.entity_id from belong_translation bt where bt.entity = 'service'
    and to_tsvector('simple', belong_fold(bt.text)) @@ websearch_to_tsquery('simple', belong_fold(${q})))`;

/** Some word of the name is a few edits from `word` (see `belong_typo_near`). */
const typoNear = (word: string) => sql<SqlBool>`belong_typo_near(${foldWords(word).join(' ')}, belong_fold(service.name))`;

function textCondition(q: string, branch: TextBranch): RawBuilder<SqlBool> {
  if (branch === 'words') return sql<SqlBool>`service.search_tsv @@ ${tsQuery(q)}`;
  if (branch === 'related') {
    const related = expandSearch(q).length ? [sql<SqlBool>`service.search_tsv @@ ${relatedTsQuery(q)}`] : [];
    if (beyondAscii(q)) related.push(translatedHas(q));
    return sql<SqlBool>`(${sql.join(related, sql` or `)})`;
  }
  const long = longWords(q);
  if (branch === 'phrase') {
    const near = long.length ? sql<SqlBool>` and (${sql.join(long.map(typoNear), sql` or `)})` : sql``;
    return sql<SqlBool>`(belong_fold(${q}) <% belong_fold(service.name)${near})`;
  }
  return sql<SqlBool>`(${sql.join(
    long.map((w) => sql`belong_fold(${w}) <% belong_fold(service.name) and ${typoNear(w)}`),
    sql` and `,
  )})`;
}

/**
 * Higher is better: word rank plus how closely the name matches the words
 * typed (for `related` rows, the rank of the vocabulary's words).
 */
const textRank = (q: string, branch?: TextBranch): RawBuilder<number> =>
  sql<number>`(ts_rank(service.search_tsv, ${branch === 'related' ? relatedTsQuery(q) : tsQuery(q)}) + word_similarity(belong_fold(${q}), belong_fold(service.name)))`;

/** `textRank` of the words' own way or their vocabulary's for a search point `sp`: the same number, from the point's copy of the words and its folded name (migration 0350). */
const pointRank = (q: string, branch: 'words' | 'related'): RawBuilder<number> =>
  sql<number>`(ts_rank(sp.search_tsv, ${branch === 'related' ? relatedTsQuery(q) : tsQuery(q)}) + word_similarity(belong_fold(${q}), sp.folded_name))`;

/**
 * Best matches first (for service-at-location lists): services that have the
 * words come before names that only look alike, then by rank.
 */
function orderByText<Q extends { orderBy(e: RawBuilder<unknown>, d: 'desc'): Q }>(q: Q, search: string): Q {
  return q.orderBy(sql`(service.search_tsv @@ ${tsQuery(search)})`, 'desc').orderBy(textRank(search), 'desc');
}

/**
 * The place's point, as `ll_to_earth` gives it: through `belong_ll_to_earth`
 * (migration 0340), which PostgreSQL works out in microseconds while planning
 * where `ll_to_earth` takes about 55 µs each time (the statement names the
 * point up to 21 times). The box around it is `belong_earth_box`, for the
 * same reason.
 */
const here = (near: { latitude: number; longitude: number }) =>
  sql`belong_ll_to_earth(${near.latitude}::float8, ${near.longitude}::float8)`;

type LocationAlias = 'l' | 'l2';

/** A location's point; matches the expression of the GiST index `location_earth`. */
const pointOf = (alias: LocationAlias) => sql`ll_to_earth(${sql.raw(alias)}.latitude, ${sql.raw(alias)}.longitude)`;
const point = pointOf('l');

/** earthdistance's earth() radius, in metres. */
const EARTH = 6378168;

/**
 * The same point as `ll_to_earth` gives (the same floating-point operations,
 * so the same numbers), as a plain cube: casting to the `earth` domain runs
 * its three CHECK constraints on every row, which costs more than the point.
 */
const plainPointOf = (alias: LocationAlias) => {
  const [lat, lon] = [sql.raw(`${alias}.latitude`), sql.raw(`${alias}.longitude`)];
  return sql`cube(cube(cube(${sql.lit(EARTH)}::float8 * cos(radians(${lat})) * cos(radians(${lon}))),
    ${sql.lit(EARTH)}::float8 * cos(radians(${lat})) * sin(radians(${lon}))), ${sql.lit(EARTH)}::float8 * sin(radians(${lat})))`;
};

/**
 * Metres from `near` to the location along the surface: exactly
 * `earth_distance(ll_to_earth(near), ll_to_earth(location))`, written out
 * (sec_to_gc of the chord) so that PostgreSQL inlines it. earth_distance
 * itself cannot be inlined (its argument is used three times), so each call
 * is a SQL function call. Measured over 40 000 locations on PostgreSQL 15:
 * 220–310 ms with earth_distance, 32 ms written out, and the same sum.
 */
const metresTo = (near: { latitude: number; longitude: number }, alias: LocationAlias = 'l') => metresFrom(near, plainPointOf(alias));

/** The earth's diameter, as the distance formulas below write it. */
const TWO_EARTHS = sql`${sql.lit(2 * EARTH)}::float8`;

/** The straight line (through the earth) from `near` to a point, in metres. */
const chordFrom = (near: { latitude: number; longitude: number }, to: RawBuilder<unknown>) =>
  sql<number>`cube_distance(${here(near)}, ${to})`;

/** Metres from `near` to a point (a cube as `ll_to_earth` gives it), as `metresTo`. */
const metresFrom = (near: { latitude: number; longitude: number }, to: RawBuilder<unknown>) => {
  const chord = chordFrom(near, to);
  return sql<number>`(case when ${chord} < 0 then 0::float8 when ${chord} / ${TWO_EARTHS} > 1 then pi() * ${sql.lit(EARTH)}::float8
    else ${TWO_EARTHS} * asin(${chord} / ${TWO_EARTHS}) end)`;
};

/**
 * `metresFrom(near, to) <= radius`, exactly, though mostly decided by the
 * chord alone. The distance grows with the chord, so a point whose chord is
 * at least a millimetre shorter than the radius's own chord is certainly
 * inside it (rounding is some 1e-12 m here); only the points beyond that
 * (the corners of the index box, and any within a millimetre of the edge)
 * are measured along the surface, with the same numbers as before. Measured
 * at 100,000 services on PostgreSQL, counting the 5,090 services within 3 km
 * of LS1: 2.1–2.4 → 1.8–2.0 ms; the box alone takes 1.3 ms.
 */
const metresWithin = (near: { latitude: number; longitude: number }, to: RawBuilder<unknown>, radius: Expression<number> | number) => {
  const surelyInside = sql`${TWO_EARTHS} * sin(${radius}::float8 / ${TWO_EARTHS}) - 0.001::float8`;
  return sql<SqlBool>`(${chordFrom(near, to)} <= ${surelyInside} or ${metresFrom(near, to)} <= ${radius}::float8)`;
};

/**
 * A row of `belong_search_point sp` (migration 0280): an active service at
 * one of its public locations, with the location's point as `ll_to_earth`
 * gives it (the same numbers as `plainPointOf`), under a GiST index.
 */
const searchPoint = sql`sp.point`;
const metresToSearchPoint = (near: { latitude: number; longitude: number }) => metresFrom(near, searchPoint);

/**
 * The location can be placed on a map (it has coordinates and is not
 * confidential). Implies the predicate of the partial index `location_earth`.
 */
const publicPointOf = (alias: LocationAlias) => {
  const a = sql.raw(alias);
  return sql<SqlBool>`${a}.latitude is not null and ${a}.longitude is not null
  and not exists (select 1 from belong_location bl where bl.location_id = ${a}.id and bl.confidential)`;
};
const publicPoint = publicPointOf('l');

/** Within `radius` metres (an expression); the box lets the GiST index find candidates. */
const withinRadius = (near: { latitude: number; longitude: number }, radius: Expression<number> | number, boxSlack = 0) => {
  const box = boxSlack ? sql`${radius}::float8 + ${boxSlack}::float8` : sql`${radius}::float8`;
  return sql<SqlBool>`belong_earth_box(${here(near)}, ${box}) @> ${point}
  and ${metresWithin(near, plainPointOf('l'), radius)}`;
};

/** `withinRadius` for a search point (`sp`); the box lets its GiST index find candidates. */
const searchPointWithin = (near: { latitude: number; longitude: number }, radius: Expression<number> | number, boxSlack = 0) => {
  const box = boxSlack ? sql`${radius}::float8 + ${boxSlack}::float8` : sql`${radius}::float8`;
  return sql<SqlBool>`belong_earth_box(${here(near)}, ${box}) @> ${searchPoint}
  and ${metresWithin(near, searchPoint, radius)}`;
};

const SCALAR_GROUPS = {
  gender: 'gender',
  eligibility: 'eligibility',
  entry: 'entry',
  cost: 'cost_band',
  capacity: 'capacity_status',
  faith: 'faith',
} as const;
const ARRAY_GROUPS = { mode: 'modes', food: 'food', support: 'support_kinds', audience: 'audiences' } as const;
/** Yes/no groups on boolean columns: the value is the column ("help:childcare"; "help:no_childcare" for a stated no). */
const FLAG_GROUPS: Record<string, Record<string, string>> = {
  help: Object.fromEntries(HELP_FLAGS.map((f) => [f, f])),
  safeguarding: Object.fromEntries(SAFEGUARDING_FLAGS.map((f) => [SAFEGUARDING_TERMS[f], f])),
};
/** Yes/no groups kept as keys of a jsonb column ("access:step_free", "requires:no_id_documents"). */
const FACT_GROUPS: Record<string, { column: string; keys: readonly string[] }> = {
  access: { column: 'accessibility', keys: ACCESS_FEATURES },
  requires: { column: 'requirements', keys: REQUIREMENTS },
};
const DETAIL_COLUMNS: Record<string, RawBuilder<SqlBool>> = {
  how_to_join: sql<SqlBool>`bs.how_to_join is not null`,
  what_to_expect: sql<SqlBool>`bs.what_to_expect is not null`,
  community: sql<SqlBool>`cardinality(bs.communities) > 0`,
};

/** "no_step_free" → ["step_free", false]; "step_free" → ["step_free", true]. */
const yesNo = (value: string): [string, boolean] => (value.startsWith('no_') ? [value.slice(3), false] : [value, true]);

/**
 * The condition on `belong_service bs` that is true exactly when `termCodesFor`
 * would give the service this vocabulary code. A group code ("support") means
 * any value in the group. Null for a code Belong does not know. A value that
 * was not stated (NULL, an empty list, a missing key) never matches.
 */
export function belongTermCondition(code: string, today: string): RawBuilder<SqlBool> | null {
  const [group, value] = code.split(':') as [string, string | undefined];
  const vetted = sql<SqlBool>`coalesce(bs.safeguarding_policy and bs.safeguarding_checked_leads and bs.trauma_informed_training
    and bs.safeguarding_review_date >= ${vettingCutoff(today)}::date, false)`;
  const known = (values: readonly string[]) => value === undefined || values.includes(value);
  if (group in SCALAR_GROUPS) {
    const column = sql.ref(`bs.${SCALAR_GROUPS[group as keyof typeof SCALAR_GROUPS]}`);
    return value === undefined ? sql<SqlBool>`${column} is not null` : sql<SqlBool>`${column} = ${value}`;
  }
  if (group in ARRAY_GROUPS) {
    const column = sql.ref(`bs.${ARRAY_GROUPS[group as keyof typeof ARRAY_GROUPS]}`);
    return value === undefined ? sql<SqlBool>`cardinality(${column}) > 0` : sql<SqlBool>`${column} @> array[${value}]::text[]`;
  }
  if (group in FLAG_GROUPS) {
    const columns = FLAG_GROUPS[group]!;
    if (value === undefined)
      return sql<SqlBool>`(${sql.join(
        Object.values(columns).map((c) => sql`${sql.ref(`bs.${c}`)} is not null`),
        sql` or `,
      )})`;
    if (group === 'safeguarding' && value === 'reviewed') return sql<SqlBool>`bs.safeguarding_review_date is not null`;
    const [key, yes] = yesNo(value);
    const column = columns[key];
    return column ? sql<SqlBool>`${sql.ref(`bs.${column}`)} is ${sql.raw(yes ? 'true' : 'false')}` : null;
  }
  if (group in FACT_GROUPS) {
    const { column, keys } = FACT_GROUPS[group]!;
    const ref = sql.ref(`bs.${column}`);
    if (value === undefined) return sql<SqlBool>`${ref} <> '{}'::jsonb`;
    const [key, yes] = yesNo(value);
    if (!keys.includes(key)) return null;
    return sql<SqlBool>`${ref} @> ${JSON.stringify({ [key]: yes })}::jsonb`;
  }
  if (group === 'referrals') {
    if (value === undefined) return sql<SqlBool>`bs.accepting_referrals is not null`;
    if (!known(['accepting', 'paused'])) return null;
    return sql<SqlBool>`bs.accepting_referrals is ${sql.raw(value === 'accepting' ? 'true' : 'false')}`;
  }
  if (group === 'detail') {
    if (value === undefined) return sql<SqlBool>`(${sql.join(Object.values(DETAIL_COLUMNS), sql` or `)})`;
    return DETAIL_COLUMNS[value] ?? null;
  }
  if (group === 'vetting') return value === undefined || value === 'vetted' ? vetted : null;
  if (group === 'place') {
    // A service has a place term when one of its places has it.
    const of = (condition: string) =>
      sql<SqlBool>`exists (select 1 from service_at_location psal join belong_location pbl on pbl.location_id = psal.location_id
        where psal.service_id = bs.service_id and ${sql.raw(condition)})`;
    if (value === undefined) return of('(pbl.area_name is not null or pbl.confidential)');
    if (value === 'area') return of('pbl.area_name is not null');
    if (value === 'confidential') return of('pbl.confidential');
    return null;
  }
  return null;
}

/** Linked to the term, or to a term below it, through a stored `attribute`. */
const hasStoredTerm = (termId: string) =>
  sql<SqlBool>`exists (select 1 from attribute a
    where a.link_entity = 'service' and a.link_id = service.id
      and a.taxonomy_term_id in (
        with recursive t(id) as (
          select ${termId}::uuid
          union select tt.id from taxonomy_term tt join t on tt.parent_id = t.id
        ) select id from t))`;

/**
 * A Belong vocabulary term is a condition on the service's Belong extension
 * (Belong terms are derived, never stored as attributes): returned as `belong`
 * for the caller to combine. Any other term is looked up in the stored
 * attributes.
 */
function termCondition(termId: string, today: string): { belong: RawBuilder<SqlBool> } | { service: RawBuilder<SqlBool> } {
  const vocab = vocabularyTermById(termId);
  const belong = vocab ? belongTermCondition(vocab.code, today) : null;
  return belong ? { belong } : { service: hasStoredTerm(termId) };
}

/** RRULE BYDAY holds a list like "MO,WE" or monthly ordinals like "1TU,-1FR". */
const dayPattern = (day: string) => `(^|,)(-?[1-5])?${day}(,|$)`;

/**
 * The schedule runs on the day. The LIKE is implied by the pattern and only
 * there for speed: it is several times cheaper than the regular expression,
 * which then only looks at the rows that mention the day at all.
 */
const runsOn = (day: string) => sql<SqlBool>`(s.byday like ${`%${day}%`} and s.byday ~ ${dayPattern(day)})`;

function scheduleCondition(p: ServiceSearchParams): RawBuilder<SqlBool> | null {
  const days = p.days?.length ? p.days : null;
  const windows = p.timeWindows?.length ? p.timeWindows : null;
  if (!p.day && !p.startTime && !p.endTime && !days && !windows) return null;
  const parts = [sql`s.service_id = service.id`, sql`(s.valid_to is null or s.valid_to >= ${p.today}::date)`];
  if (p.day) parts.push(runsOn(p.day));
  if (days) parts.push(sql`(${sql.join(days.map(runsOn), sql` or `)})`);
  if (windows) {
    const overlaps = windows.map((w) => sql`(s.closes_at > ${w.start}::time and s.opens_at < ${w.end}::time)`);
    parts.push(sql`(${sql.join(overlaps, sql` or `)})`);
  }
  if (p.timeMatch === 'within') {
    if (p.startTime) parts.push(sql`s.opens_at >= ${p.startTime}::time`);
    if (p.endTime) parts.push(sql`s.closes_at <= ${p.endTime}::time`);
  } else {
    if (p.startTime) parts.push(sql`s.closes_at > ${p.startTime}::time`);
    if (p.endTime) parts.push(sql`s.opens_at < ${p.endTime}::time`);
  }
  return sql<SqlBool>`exists (select 1 from schedule s where ${sql.join(parts, sql` and `)})`;
}

/**
 * Every condition on `service` except the words and where it is (the caller
 * adds those: the words as one or two branches, the place by any location for
 * services or by the row's own location for service-at-location).
 */
function serviceConditions(eb: ServiceEB, p: ServiceSearchParams): Expression<SqlBool>[] {
  const c: Expression<SqlBool>[] = [eb('service.status', '=', 'active')];
  if (p.organizationId) c.push(eb('service.organization_id', '=', p.organizationId));
  if (p.modifiedAfter) c.push(eb('service.last_modified', '>=', p.modifiedAfter));
  if (p.minimumAge !== undefined) c.push(sql<SqlBool>`coalesce(service.minimum_age, 0) >= ${p.minimumAge}`);
  if (p.maximumAge !== undefined) c.push(sql<SqlBool>`service.maximum_age <= ${p.maximumAge}`);
  if (p.age !== undefined) {
    c.push(sql<SqlBool>`coalesce(service.minimum_age, 0) <= ${p.age} and coalesce(service.maximum_age, 1000) >= ${p.age}`);
  }
  // Conditions on the service's Belong extension (one row per service), all
  // checked in one look: cheaper per service, and PostgreSQL estimates their
  // combined selectivity far better than several separate EXISTS.
  const belong: RawBuilder<SqlBool>[] = [];
  for (const id of p.taxonomyTermIds) {
    const t = termCondition(id, p.today);
    if ('belong' in t) belong.push(t.belong);
    else c.push(t.service);
  }
  if (p.taxonomyId === BELONG_TAXONOMY.id) belong.push(sql<SqlBool>`true`);
  else if (p.taxonomyId) {
    c.push(sql<SqlBool>`exists (select 1 from attribute a join taxonomy_term tt on tt.id = a.taxonomy_term_id
      where a.link_entity = 'service' and a.link_id = service.id and tt.taxonomy_id = ${p.taxonomyId}::uuid)`);
  }
  belong.push(...belongAnyOfConditions(p));
  if (belong.length) {
    c.push(sql<SqlBool>`exists (select 1 from belong_service bs where bs.service_id = service.id and ${sql.join(belong, sql` and `)})`);
  }
  const languages = languageCondition(p);
  if (languages) c.push(languages);
  const schedule = scheduleCondition(p);
  if (schedule) c.push(schedule);
  if (p.when?.onDay !== undefined) c.push(sessionCondition(p.when, p.when.onDay, false));
  if (p.when?.openAt !== undefined) c.push(sessionCondition(p.when, p.when.openAt, true));
  return c;
}

/**
 * The service has (`wanted` true) or has not a session on the date, or, with
 * `covering`, one with known hours running at the time: schedule.ts's rules
 * in SQL, over the compiled rows of belong_schedule_rule (migration 0112).
 * The exception that decides a schedule's day is picked as `decidingException`
 * picks it: one naming the schedule before a service-wide one, a closure
 * before changed hours, then the shortest range, then the earliest.
 */
function sessionCondition(when: { date: string; time: string }, wanted: boolean, covering: boolean): RawBuilder<SqlBool> {
  const f = dayFacts(when.date);
  const d = sql`${f.date}::date`;
  const wd = sql`${f.weekday}::int`;
  const occurs = sql`case r.kind
    when 'once' then r.once_on = ${d}
    when 'weekly' then ${wd} = any(r.weekdays)
      and (r.every = 1 or ((${d} - ((${wd} - r.wkst + 7) % 7)) - r.week_anchor) % (7 * r.every) = 0)
    when 'monthly' then (r.every = 1 or (${f.monthIndex}::int - r.month_anchor) % r.every = 0)
      and (cardinality(r.month_days) = 0 or ${f.monthDay}::int = any(r.month_days) or ${f.monthDay - f.daysInMonth - 1}::int = any(r.month_days))
      and ((cardinality(r.weekday_any) = 0 and cardinality(r.weekday_nth) = 0) or ${wd} = any(r.weekday_any)
        or ${f.weekday * 100 + f.fromStart}::int = any(r.weekday_nth) or ${f.weekday * 100 + f.fromEnd}::int = any(r.weekday_nth))
    else false end`;
  const opens = sql`(case when x.closed is null then r.opens_at else x.opens_at end)`;
  const closes = sql`(case when x.closed is null then r.closes_at else x.closes_at end)`;
  const t = sql`${when.time}::time`;
  const runs = covering
    ? sql`and ${opens} is not null and ${closes} is not null
        and (case when ${closes} <= ${opens} then ${t} >= ${opens} else ${opens} <= ${t} and ${t} < ${closes} end)`
    : sql``;
  const session = sql<SqlBool>`exists (select 1 from belong_schedule_rule r
    left join lateral (select e.closed, e.opens_at, e.closes_at from belong_schedule_exception e
      where e.service_id = r.service_id and (e.schedule_id is null or e.schedule_id = r.schedule_id)
        and e.starts_on <= ${d} and e.ends_on >= ${d} and (e.closed or (e.opens_at is not null and e.closes_at is not null))
      order by (case when e.schedule_id is null then 0 else 2 end + case when e.closed then 1 else 0 end) desc,
        e.ends_on - e.starts_on, e.starts_on, e.id
      limit 1) x on true
    where r.service_id = service.id and r.kind <> 'unknown'
      and (r.first_day is null or r.first_day <= ${d}) and (r.last_day is null or r.last_day >= ${d})
      and ${occurs} and x.closed is not true ${runs})`;
  return wanted ? session : sql<SqlBool>`not ${session}`;
}

/**
 * Belong's pages: every group of vocabulary codes must match at least one of
 * its codes (conditions on `belong_service bs`). An unknown code matches
 * nothing.
 */
function belongAnyOfConditions(p: ServiceSearchParams): RawBuilder<SqlBool>[] {
  const groups = (p.belongAnyOf ?? []).filter((g) => g.length > 0);
  return groups.map((codes) => {
    const conditions = codes.map((code) => belongTermCondition(code, p.today) ?? sql<SqlBool>`false`);
    return sql<SqlBool>`(${sql.join(conditions, sql` or `)})`;
  });
}

/**
 * A search point's `facets` has the code's number exactly when
 * `belongTermCondition` holds for its service. The codes with a number
 * (migration 0360, `FACET_NUMBERS`) are those of the service's own stated
 * fields (`belong_service_facets`), not those that depend on the date
 * (vetting), on its places, or on a group as a whole.
 */
export const isFacet = (code: string): boolean => FACET_NUMBERS.has(code);

/**
 * The search's filters that a search point can test itself, from its
 * `facets` (any of a group's codes; each vocabulary term), and whether they
 * are all its filters: then the points alone decide which services match.
 * They go before the words' condition: PostgreSQL tests conditions of the
 * same cost in the order written, and a point's codes are tested in a
 * fraction of the time its words are, so the words are only looked at on the
 * points that have the codes.
 */
function pointFilters(p: ServiceSearchParams): { where: RawBuilder<SqlBool>[]; all: boolean } {
  // The codes' numbers, as one parameter: PostgreSQL plans with the list as a constant.
  const codes = (list: string[]) => sql`${[...new Set(list.map((code) => FACET_NUMBERS.get(code)!))].sort((a, b) => a - b)}::smallint[]`;
  const where: RawBuilder<SqlBool>[] = [];
  let all = !hasFilter({ ...p, belongAnyOf: [], taxonomyTermIds: [] });
  for (const group of p.belongAnyOf ?? []) {
    if (!group.length) continue;
    if (group.every(isFacet)) where.push(sql<SqlBool>`sp.facets && ${codes(group)}`);
    else all = false;
  }
  for (const id of p.taxonomyTermIds) {
    const code = vocabularyTermById(id)?.code;
    if (code && isFacet(code)) where.push(sql<SqlBool>`sp.facets @> ${codes([code])}`);
    else all = false;
  }
  return { where, all };
}

/** Belong's pages: speaks one of the languages, or can arrange an interpreter when asked. */
function languageCondition(p: ServiceSearchParams): RawBuilder<SqlBool> | null {
  const codes = p.languages?.codes ?? [];
  if (!codes.length) return null;
  const speaks = sql<SqlBool>`exists (select 1 from language lg where lg.service_id = service.id and lg.code in (${sql.join(codes)}))`;
  if (!p.languages?.orInterpreter) return speaks;
  return sql<SqlBool>`(${speaks} or exists (select 1 from belong_service bi where bi.service_id = service.id and bi.interpreter_available is true))`;
}

const offset = (p: ServiceSearchParams) => p.offset ?? (p.page - 1) * p.perPage;

// ---------------------------------------------------------------------------
// The queries
// ---------------------------------------------------------------------------

/**
 * Per active service, its name and the metres to its nearest public location
 * among those meeting `where` (a condition on the search point `sp`).
 */
function nearestPublicLocations(db: Executor, near: SearchPlace, where: RawBuilder<SqlBool>) {
  return db
    .selectFrom('belong_search_point as sp')
    .select(['sp.service_id', 'sp.name', sql<number>`min(${metresToSearchPoint(near)})`.as('distance_m')])
    .where(where)
    .groupBy(['sp.service_id', 'sp.name']);
}

/**
 * This search point (`sp`) is its service's nearest one: no other public
 * location of the service is nearer (ties go to the lower location id), so a
 * nearest-first walk over the points meets each service once.
 */
const nearestOfItsService = (near: SearchPlace) =>
  sql<SqlBool>`not exists (select 1 from belong_search_point sp2
    where sp2.service_id = sp.service_id and sp2.location_id <> sp.location_id
      and (sp2.point <-> ${here(near)}, sp2.location_id) < (sp.point <-> ${here(near)}, sp.location_id))`;

/** The columns every kind of search row has, in this order. */
type MatchRow = { id: string; name: string; word_hit: SqlBool; rank: number; distance_m: number | null };
/** Builds the rows for one text branch (none when the search has no words); `ranked` false leaves rank at 0 (for counting). */
type RowsFor = (branch: TextBranch | undefined, ranked: boolean) => SelectQueryBuilder<DB, 'service', MatchRow>;

/**
 * Each way as a materialized CTE named after it, in turn: a way after the
 * first only runs when those before it found nothing (PostgreSQL checks the
 * uncorrelated NOT EXISTS once, and skips the way's scan when it is false).
 * Gives the query creator holding the CTEs and the rows of all of them, in
 * order (only one way's can be non-empty).
 */
function waysInTurn<W extends string, D, TB extends keyof D, O>(
  db: Executor,
  ways: readonly W[],
  rowsOf: (way: W) => SelectQueryBuilder<D, TB, O>,
): { withWays: QueryCreator<DB>; all: RawBuilder<O> } {
  let withWays = db as unknown as QueryCreator<DB>;
  ways.forEach((way, i) => {
    const before = ways.slice(0, i).map((b) => sql`not exists (select 1 from ${sql.table(b)})`);
    const rows = before.length ? rowsOf(way).where(sql<SqlBool>`${sql.join(before, sql` and `)}`) : rowsOf(way);
    withWays = withWays.with(
      (cte) => cte(way as string).materialized(),
      () => rows as unknown as SelectQueryBuilder<DB, keyof DB, O & object>,
    ) as unknown as QueryCreator<DB>;
  });
  const all = sql<O>`(${sql.join(
    ways.map((w) => sql`select * from ${sql.table(w)}`),
    sql` union all `,
  )})`;
  return { withWays, all };
}

/**
 * The matching rows as subquery `m`. With words, each way of `TextBranch` is
 * a materialized CTE, read once for the results and once to decide whether
 * the next way is needed: a way's scan only runs (PostgreSQL checks the
 * uncorrelated NOT EXISTS once, and skips the scan when it is false) when the
 * ways before it found nothing.
 */
function matchesOf(db: Executor, search: string | undefined, rows: RowsFor, ranked: boolean, opts: SearchQueryOptions = {}) {
  if (!search) return rows(undefined, ranked).as('m');
  const branches = waysFor(search, opts);
  // No way left to try (`wordsFoundNothing` for words without a vocabulary): nothing matches.
  if (!branches.length)
    return rows('words', ranked)
      .where(sql<SqlBool>`false`)
      .as('m');
  if (branches.length === 1) return rows(branches[0], ranked).as('m');
  const { withWays, all } = waysInTurn(db, branches, (b) => rows(b, ranked));
  return withWays.selectFrom(all.as('u')).selectAll().as('m');
}

/** Services matching everything but the place, plus one text branch. */
function serviceRows(db: Executor, p: ServiceSearchParams): RowsFor {
  return (branch, ranked) =>
    db
      .selectFrom('service')
      .where((eb) => eb.and([...serviceConditions(eb, p), ...(p.search && branch ? [textCondition(p.search, branch)] : [])]))
      .select([
        'service.id',
        'service.name',
        sql<SqlBool>`${sql.raw(branch === 'words' ? 'true' : 'false')}`.as('word_hit'),
        (p.search && ranked ? textRank(p.search, branch) : sql<number>`0`).as('rank'),
        sql<number | null>`null::float8`.as('distance_m'),
      ]);
}

/** Something narrows the search besides being active (words and place aside). */
function hasFilter(p: ServiceSearchParams): boolean {
  const lists = [p.taxonomyTermIds, p.belongAnyOf, p.languages?.codes, p.days, p.timeWindows];
  const values = [
    p.organizationId,
    p.modifiedAfter,
    p.minimumAge,
    p.maximumAge,
    p.age,
    p.taxonomyId,
    p.day,
    p.startTime,
    p.endTime,
    p.when,
  ];
  return lists.some((l) => l?.length) || values.some((v) => v !== undefined);
}

export interface SearchQueryOptions {
  /**
   * Match the words only the first way (`TextBranch` 'words'), leaving out
   * the fallbacks: the same result whenever the words find something, and a
   * statement a fraction of the size for PostgreSQL to plan (see
   * `searchServices`).
   */
  firstWayOnly?: boolean;
  /**
   * Leave out the typo ways ('eachWord', 'phrase'): for words some active
   * service has, which are not a typo (see `searchServices`).
   */
  withoutTypos?: boolean;
  /**
   * The words' own way is known to find nothing for this very search (its
   * place and filters too): leave it out. The ways after it give what they
   * would have given, since each only runs when those before found nothing.
   */
  wordsFoundNothing?: boolean;
}

/**
 * What the search points inside a radius must have for a search's words:
 * when every way tried is the words' own or their vocabulary's (no typo
 * ways, no translations), the point's service has the words or one of the
 * vocabulary's (the ways themselves then tell them apart); otherwise
 * nothing, as a typo way looks at names and a translation at other tables.
 */
function pointWords(search: string | undefined, opts: SearchQueryOptions): RawBuilder<SqlBool>[] {
  const ways = search ? pointWays(search, opts) : null;
  if (!search || !ways) return [];
  const queries = [
    ...(ways.includes('words') ? [tsQuery(search)] : []),
    ...(ways.includes('related') && expandSearch(search).length ? [relatedTsQuery(search)] : []),
  ];
  return [sql<SqlBool>`sp.search_tsv @@ (${sql.join(queries, sql` || `)})`];
}

/** The ways a search's words are tried in, as the options narrow them. */
function waysFor(search: string, opts: SearchQueryOptions): TextBranch[] {
  const all = textBranches(search);
  if (opts.firstWayOnly) return all.slice(0, 1);
  const ways = opts.withoutTypos ? all.filter((b) => b === 'words' || b === 'related') : all;
  return opts.wordsFoundNothing ? ways.filter((b) => b !== 'words') : ways;
}

/** The ways a search point can test itself: the words' own and their vocabulary's (not typos; not translations, another table's). */
type PointWay = 'words' | 'related';

/** The ways the search's words are tried in, when the search points can try them all themselves; otherwise null. */
function pointWays(search: string, opts: SearchQueryOptions): PointWay[] | null {
  const ways = waysFor(search, opts);
  if (!ways.length || !ways.every((b): b is PointWay => b === 'words' || b === 'related')) return null;
  return ways.includes('related') && beyondAscii(search) ? null : (ways as PointWay[]);
}

/**
 * The search is answered by the search points alone (`placeInRadius`,
 * `wordsInRadius`): a radius, no filter but those the points' codes answer,
 * and words (if any) matched only in ways the points can try.
 */
function answeredByPoints(p: ServiceSearchParams, opts: SearchQueryOptions): boolean {
  if (p.near?.radiusMetres === undefined || !pointFilters(p).all) return false;
  return !p.search || pointWays(p.search, opts) !== null;
}

/** The total as a column of every page row (`count(*) over ()`), for pages that must see every match anyway. */
const totalOver = sql<string | null>`count(*) over ()`.as('total');
const noTotal = sql<string | null>`null::bigint`.as('total');

/**
 * The queries for one search of services: `page` gives the ids on the
 * requested page in order (best match first; nearest first when searching
 * around a place without words; otherwise by name), with `distance_m` to the
 * nearest public location when a place was given, and (when `pageCounts`)
 * the total on every row; `count` gives the total on its own, and is only
 * needed when the page does not carry it (or came back empty). Only active
 * services match. With a radius, only services with a non-confidential
 * location inside it match. Words match as `TextBranch` describes: look-alike
 * names only when the words find nothing.
 *
 * How each shape stays fast at 100 000 services:
 * - words: the GIN indexes find the matches; they must all be ranked, so the
 *   same pass counts them (`pageCounts`);
 * - no words, no place, no filter: the index `service_active_name` gives
 *   services in name order, so the page stops early (counted apart);
 * - no words, no place, filters: the matches are gathered, sorted and counted
 *   in one pass. Walking the name index instead is a little quicker when the
 *   filters keep most services, but reads much or all of it when they keep
 *   few, and PostgreSQL misjudges which (a combination of filters, or one
 *   that goes with the names, like "by phone" with "Telephone …"): measured
 *   at 100 000 services on PGlite, gathering costs the count plus 40 ms for a
 *   filter keeping 80 % of services, and saves 100 to 250 ms on selective ones.
 * - a radius: the GiST index finds the search points inside it, distances
 *   are worked out once (CTE `near`) and joined to the matching services;
 *   with words (their own way only, see `TextBranch`), only the points whose
 *   service has them; filters on the service's own fields are tested on the
 *   points' codes (`pointFilters`, migration 0360). When those are all the
 *   filters, the points are the matches and no service is read
 *   (`placeInRadius`, and `wordsInRadius` for words matched one way, ranked
 *   from the points);
 * - a place and words, no radius: the matching services first (a
 *   materialized CTE), then distances for those only, since words order first;
 * - a place alone (with filters, no words, no radius): a nearest-first GiST
 *   (KNN) walk over the search points finds the first `page × per_page`
 *   matching services; the page is then the services within the distance of
 *   the farthest of those, ordered exactly (distance, name, id). Services with
 *   no public location come last, and are only looked for when the walk ran
 *   out of located ones. The count is just the matching services.
 * Counting still visits every match, so a broad filter costs a pass over the
 * services it keeps.
 */
export function serviceSearchQuery(db: Executor, p: ServiceSearchParams, opts: SearchQueryOptions = {}) {
  const matches = (d: Executor, s: string | undefined, rows: RowsFor, ranked: boolean) => matchesOf(d, s, rows, ranked, opts);
  const near = p.near;
  const search = p.search;
  const byText = <Q extends { orderBy(e: 'm.word_hit' | 'm.rank', d: 'desc'): Q }>(q: Q): Q =>
    search ? q.orderBy('m.word_hit', 'desc').orderBy('m.rank', 'desc') : q;
  const countOf = (rows: RowsFor) => db.selectFrom(matches(db, search, rows, false)).select((eb) => eb.fn.countAll<number>().as('total'));

  if (!near) {
    const rows = serviceRows(db, p);
    if (!search && hasFilter(p)) {
      // Gathered first (a materialized CTE, so PostgreSQL cannot choose to walk
      // the name index instead), then sorted and counted together.
      const page = db
        .with(
          (cte) => cte('matched').materialized(),
          () => db.selectFrom(rows(undefined, false).as('r')).select(['r.id', 'r.name']),
        )
        .selectFrom('matched as m')
        .select(['m.id', sql<number | null>`null::float8`.as('distance_m'), sql<string | null>`(select count(*) from matched)`.as('total')])
        .orderBy('m.name')
        .orderBy('m.id')
        .limit(p.perPage)
        .offset(offset(p));
      return { page, count: countOf(rows), pageCounts: true };
    }
    const page = byText(db.selectFrom(matches(db, search, rows, true)).select(['m.id', 'm.distance_m', search ? totalOver : noTotal]))
      .orderBy('m.name')
      .orderBy('m.id')
      .limit(p.perPage)
      .offset(offset(p));
    return { page, count: countOf(rows), pageCounts: !!search };
  }

  const radius = near.radiusMetres;
  if (radius !== undefined) {
    // Distances to every public location inside the radius, worked out once
    // (CTE `near`) and joined to the services of each branch.
    const facets = pointFilters(p);
    const withNear = db.with(
      (cte) => cte('near').materialized(),
      () =>
        nearestPublicLocations(
          db,
          near,
          sql.join([searchPointWithin(near, radius), ...facets.where, ...pointWords(search, opts)], sql` and `),
        ),
    );
    if (!search && facets.all) return placeInRadius(db, p, near, radius, facets.where);
    const ways = search ? pointWays(search, opts) : null;
    if (search && ways && facets.all) return wordsInRadius(db, p, near, radius, { search, ways }, facets.where);
    const n = sql<{ service_id: string; distance_m: number }>`near`.as('n');
    const rows: RowsFor = (branch, ranked) =>
      db
        .selectFrom('service')
        .innerJoin(n, 'n.service_id', 'service.id')
        .where((eb) => eb.and([...serviceConditions(eb, p), ...(search && branch ? [textCondition(search, branch)] : [])]))
        .select([
          'service.id',
          'service.name',
          sql<SqlBool>`${sql.raw(branch === 'words' ? 'true' : 'false')}`.as('word_hit'),
          (search && ranked ? textRank(search, branch) : sql<number>`0`).as('rank'),
          sql<number | null>`n.distance_m`.as('distance_m'),
        ]) as unknown as SelectQueryBuilder<DB, 'service', MatchRow>;
    const selected = withNear.selectFrom(matches(db, search, rows, true)).select(['m.id', 'm.distance_m', totalOver]);
    const page = (p.nearestFirst ? byText(selected.orderBy('m.distance_m')) : byText(selected).orderBy('m.distance_m'))
      .orderBy('m.name')
      .orderBy('m.id')
      .limit(p.perPage)
      .offset(offset(p));
    const count = withNear.selectFrom(matches(db, search, rows, false)).select((eb) => eb.fn.countAll<number>().as('total'));
    return { page, count, pageCounts: true };
  }

  const rows = serviceRows(db, p);
  if (search) {
    // Words order first, so every match needs its distance: find the matches,
    // then measure only those.
    const measured = db
      .with(
        (cte) => cte('matched').materialized(),
        (qc) => qc.selectFrom(matches(db, search, rows, true)).selectAll(),
      )
      .selectFrom('matched as m')
      .leftJoin(
        (eb) =>
          eb
            .selectFrom('belong_search_point as sp')
            .select(['sp.service_id', sql<number>`min(${metresToSearchPoint(near)})`.as('distance_m')])
            .where('sp.service_id', 'in', eb.selectFrom('matched').select('matched.id'))
            .groupBy('sp.service_id')
            .as('n'),
        (join) => join.onRef('n.service_id', '=', 'm.id'),
      )
      .select(['m.id', sql<number | null>`n.distance_m`.as('distance_m'), totalOver]);
    const byDistance = <Q extends { orderBy(e: RawBuilder<unknown>, m: (ob: OrderByItemBuilder) => OrderByItemBuilder): Q }>(q: Q) =>
      q.orderBy(sql`n.distance_m`, (ob) => ob.asc().nullsLast());
    const page = (p.nearestFirst ? byText(byDistance(measured)) : byDistance(byText(measured)))
      .orderBy('m.name')
      .orderBy('m.id')
      .limit(p.perPage)
      .offset(offset(p));
    return { page, count: countOf(rows), pageCounts: true };
  }

  // A place alone: nearest first.
  const wanted = offset(p) + p.perPage;
  const located = db
    .selectFrom('belong_search_point as sp')
    .innerJoin('service', 'service.id', 'sp.service_id')
    .where((eb) => eb.and([...serviceConditions(eb as unknown as ServiceEB, p), nearestOfItsService(near)]))
    .select(metresToSearchPoint(near).as('d'))
    .orderBy(sql`${searchPoint} <-> ${here(near)}`)
    .limit(wanted);
  const reach = sql<number>`(select max(located.d) from located)`;
  // 1 m of slack on the index box only: earth_box is computed differently from
  // the distance, and must not drop the farthest service through rounding.
  const n = nearestPublicLocations(db, near, searchPointWithin(near, reach, 1)).as('n');
  const m = rows(undefined, false).as('m');
  const page = db
    .with(
      (cte) => cte('located').materialized(),
      () => located,
    )
    .selectFrom(
      db
        .selectFrom(m)
        .innerJoin(n, 'n.service_id', 'm.id')
        .select(['m.id', 'm.name', sql<number | null>`n.distance_m`.as('distance_m')])
        .unionAll(
          db
            .selectFrom(m)
            .where(sql<SqlBool>`not exists (select 1 from belong_search_point sp where sp.service_id = m.id)`)
            .where(sql<SqlBool>`(select count(*) from located) < ${wanted}`)
            .select(['m.id', 'm.name', 'm.distance_m']),
        )
        .as('x'),
    )
    .select(['x.id', 'x.distance_m', noTotal])
    .orderBy('x.distance_m', (ob) => ob.asc().nullsLast())
    .orderBy('x.name')
    .orderBy('x.id')
    .limit(p.perPage)
    .offset(offset(p));
  return { page, count: countOf(rows), pageCounts: false };
}

/**
 * A place and a radius, and no filter but those the points' codes answer
 * (`facets`, from `pointFilters`): being active is the only other condition,
 * and every search point is an active service's, so the services with a
 * point inside the radius that has the codes are the matches (a service's
 * points all have the same codes). The page comes from a nearest-first
 * walk (GiST KNN) that meets each service once, at its nearest point, and
 * stops after `page × per_page` services; the services within the distance of
 * the farthest of those are then ordered exactly (distance, name, id). The
 * total counts the points inside the radius, telling apart by service only
 * the points of services with more than one (`alone`, migration 0310).
 */
function placeInRadius(db: Executor, p: ServiceSearchParams, near: SearchPlace, radius: number, facets: RawBuilder<SqlBool>[]) {
  const wanted = offset(p) + p.perPage;
  const filtered = (within: RawBuilder<SqlBool>) => sql.join([within, ...facets], sql` and `) as RawBuilder<SqlBool>;
  const inside = filtered(searchPointWithin(near, radius));
  const counted = db
    .selectFrom('belong_search_point as sp')
    .where(inside)
    .select(sql<string>`count(*) filter (where sp.alone) + count(distinct sp.service_id) filter (where not sp.alone)`.as('total'));
  const located = db
    .selectFrom('belong_search_point as sp')
    .where((eb) => eb.and([inside, nearestOfItsService(near)]))
    .select(metresToSearchPoint(near).as('d'))
    .orderBy(sql`${searchPoint} <-> ${here(near)}`)
    .limit(wanted);
  const reach = sql<number>`(select max(located.d) from located)`;
  // 1 m of slack on the index box only, as for a place alone (below).
  const n = nearestPublicLocations(db, near, filtered(searchPointWithin(near, reach, 1))).as('n');
  const page = db
    .with(
      (cte) => cte('located').materialized(),
      () => located,
    )
    .with(
      (cte) => cte('counted').materialized(),
      () => counted,
    )
    .selectFrom(n)
    .select(['n.service_id as id', 'n.distance_m', sql<string | null>`(select total from counted)`.as('total')])
    .orderBy('n.distance_m')
    .orderBy('n.name')
    .orderBy('n.service_id')
    .limit(p.perPage)
    .offset(offset(p));
  return { page, count: counted, pageCounts: true };
}

/**
 * Words around a place and a radius, with no filter but those the points'
 * codes answer (`facets`), matched in ways the points can try: the words'
 * own and their vocabulary's (`TextBranch` 'words', 'related'; not
 * translations, which are another table's), each only when those before it
 * found nothing, as `matchesOf` does. Every search point is an active
 * service's and carries the service's name and words, so the points inside
 * the radius that have the words and the codes are the matches, ranked from
 * the points themselves (the same numbers as from `service`) without reading
 * `service` at all. The order is
 * `serviceSearchQuery`'s: rank, then distance (distance first when nearest
 * first), name and id.
 */
function wordsInRadius(
  db: Executor,
  p: ServiceSearchParams,
  near: SearchPlace,
  radius: number,
  words: { search: string; ways: PointWay[] },
  facets: RawBuilder<SqlBool>[],
) {
  const { search, ways } = words;
  const inWay = (way: PointWay) => {
    const has = way === 'related' ? relatedTsQuery(search) : tsQuery(search);
    return nearestPublicLocations(
      db,
      near,
      sql.join([searchPointWithin(near, radius), ...facets, sql<SqlBool>`sp.search_tsv @@ ${has}`], sql` and `),
    ).select(sql<number>`max(${pointRank(search, way)})`.as('rank'));
  };
  const { withWays, all: found } = waysInTurn(db, ways, inWay);
  const selected = withWays.selectFrom(found.as('m')).select(['m.service_id as id', 'm.distance_m', totalOver]);
  const page = (
    p.nearestFirst ? selected.orderBy('m.distance_m').orderBy('m.rank', 'desc') : selected.orderBy('m.rank', 'desc').orderBy('m.distance_m')
  )
    .orderBy('m.name')
    .orderBy('m.service_id')
    .limit(p.perPage)
    .offset(offset(p));
  const count = withWays.selectFrom(found.as('f')).select((eb) => eb.fn.countAll<number>().as('total'));
  return { page, count, pageCounts: true };
}

/**
 * The same search listing each (service, location) pair: `page` gives
 * service_at_location ids. A radius applies to each pair's own location, and
 * confidential locations never match one.
 */
export function serviceAtLocationSearchQuery(db: Executor, p: ServiceSearchParams) {
  const near = p.near;
  const search = p.search;
  const pairs = (text: RawBuilder<SqlBool>[]) =>
    db
      .selectFrom('service_at_location as sal')
      .innerJoin('service', 'service.id', 'sal.service_id')
      .innerJoin('location as l', 'l.id', 'sal.location_id')
      .where((eb) => {
        const c = [...serviceConditions(eb as unknown as ServiceEB, p), ...text];
        if (near?.radiusMetres !== undefined) c.push(sql<SqlBool>`${publicPoint} and ${withinRadius(near, near.radiusMetres)}`);
        return eb.and(c);
      });
  // The ways of `TextBranch`, each only when the ones before found no pair,
  // and the typo ways only for words no active service has (as `searchServices`).
  const text: RawBuilder<SqlBool>[] = [];
  if (search) {
    const branches = textBranches(search);
    const noPairs = (b: TextBranch) => sql<SqlBool>`not exists (${pairs([textCondition(search, b)]).select(sql`1`.as('one'))})`;
    const unknownWords = sql<SqlBool>`not ${knownWords(search)}`;
    const ways = branches.map((b, i) =>
      sql.join(
        [textCondition(search, b), ...branches.slice(0, i).map(noPairs), ...(b === 'eachWord' || b === 'phrase' ? [unknownWords] : [])],
        sql` and `,
      ),
    );
    text.push(sql<SqlBool>`((${sql.join(ways, sql`) or (`)}))`);
  }
  const base = pairs(text);

  let page = base.select([
    'sal.id',
    (near ? sql<number | null>`case when ${publicPoint} then ${metresTo(near)} end` : sql<number | null>`null::float8`).as('distance_m'),
  ]);
  if (p.search) page = orderByText(page, p.search);
  if (near) page = page.orderBy(sql`distance_m`, (ob) => ob.asc().nullsLast());
  page = page.orderBy('service.name').orderBy('sal.id').limit(p.perPage).offset(offset(p));

  const count = base.select((eb) => eb.fn.countAll<number>().as('total'));
  return { page, count };
}

export interface SearchResult {
  total: number;
  /** The page of ids, in order. */
  ids: string[];
  /** Metres to the nearest public location, for ids that have one (only when searching around a place). */
  distanceMetres: Map<string, number>;
}

/** A search's queries as `serviceSearchQuery` (or the service-at-location one) builds them, ready to run. */
export interface SearchQueries {
  page: { execute(): Promise<{ id: string; distance_m: number | null; total?: string | number | null }[]> };
  count: { executeTakeFirstOrThrow(): Promise<{ total: number | string }> };
  /** The page rows carry the total (when there are any). */
  pageCounts?: boolean;
}

/**
 * Run a search's queries: the page alone when it carries the total (the
 * count only when the page came back empty past the first page); otherwise
 * count and page, in parallel on a pool, one after the other inside a
 * transaction (one connection).
 */
export async function runSearch(db: Executor, queries: SearchQueries, page = 1): Promise<SearchResult> {
  let total: number;
  let rows: Awaited<ReturnType<SearchQueries['page']['execute']>>;
  if (queries.pageCounts) {
    rows = await queries.page.execute();
    if (rows.length) total = Number(rows[0]!.total);
    else total = page > 1 ? Number((await queries.count.executeTakeFirstOrThrow()).total) : 0;
  } else {
    const [count, found] = db.isTransaction
      ? [await queries.count.executeTakeFirstOrThrow(), await queries.page.execute()]
      : await Promise.all([queries.count.executeTakeFirstOrThrow(), queries.page.execute()]);
    total = Number(count.total);
    rows = found;
  }
  const distanceMetres = new Map<string, number>();
  for (const r of rows) if (r.distance_m != null) distanceMetres.set(r.id, Number(r.distance_m));
  return { total, ids: rows.map((r) => r.id), distanceMetres };
}

/** Some active service has the words (anywhere, whatever else was asked): they are not a typo. */
const knownWords = (search: string) =>
  sql<SqlBool>`exists (select 1 from service known where known.status = 'active' and known.search_tsv @@ ${tsQuery(search)})`;

async function someServiceHas(db: Executor, search: string): Promise<boolean> {
  const r = await sql<{ found: boolean }>`select ${knownWords(search)} as found`.execute(db);
  return r.rows[0]!.found;
}

/**
 * Find active services: the total that match and the ids on the requested
 * page. Words are first looked for the first way alone: planning the
 * statement with every fallback way (four branches, each with the place and
 * filters) cost several times its running in the search benchmark, and the
 * fallbacks only matter when the words find nothing; then the whole search
 * runs (its first way again finds nothing, cheaply). A search the points
 * answer alone (`answeredByPoints`) tries the words and their vocabulary in
 * the first statement: both are as cheap as the words alone there, and a
 * search that finds nothing then costs one statement less. When some active
 * service has the words, they are not a typo, and the place or the filters
 * are what left nothing: the typo ways are then left out (names that only
 * look like the words would be noise, and matching them is the slowest kind
 * of search: a trigram pass over every name inside the radius).
 */
export async function searchServices(db: Executor, p: ServiceSearchParams): Promise<SearchResult> {
  const page = offset(p) > 0 ? 2 : 1;
  if (p.search && textBranches(p.search).length > 1) {
    // The points try the words and their vocabulary in one statement as cheaply as the words alone.
    const both = answeredByPoints(p, { withoutTypos: true });
    const first = await runSearch(db, serviceSearchQuery(db, p, both ? { withoutTypos: true } : { firstWayOnly: true }), page);
    if (first.total > 0) return first;
    if (await someServiceHas(db, p.search)) {
      if (both || waysFor(p.search, { withoutTypos: true }).length === 1) return first;
      return runSearch(db, serviceSearchQuery(db, p, { withoutTypos: true, wordsFoundNothing: true }), page);
    }
  }
  return runSearch(db, serviceSearchQuery(db, p), page);
}

/** Find service-at-location pairs for active services: the total and the page of ids. */
export function searchServiceAtLocations(db: Executor, p: ServiceSearchParams): Promise<SearchResult> {
  return runSearch(db, serviceAtLocationSearchQuery(db, p), offset(p) > 0 ? 2 : 1);
}
