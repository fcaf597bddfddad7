/**
 * The one directory search query, shared by the Open Referral UK API, Belong's
 * pages and the search benchmark.
 *
 * `serviceSearchQuery` builds (but does not run) the Kysely queries for a
 * parsed search: the page of matching service ids in order, and their count.
 * Everything that decides which services match lives here, so the benchmark
 * can compile exactly what the application runs.
 *
 * Indexes it relies on (migration 0001): GIN `service.search_tsv` (words),
 * GIN trigram on `belong_fold(service.name)` (typos, via `<%`), GiST
 * `ll_to_earth(location.latitude, location.longitude)` (radius, via
 * `earth_box @>`), GIN `belong_service.support_kinds` (`@>`), and
 * `attribute (taxonomy_term_id, link_id)`.
 *
 * Typo tolerance needs pg_trgm's word-similarity threshold lowered from its
 * default 0.6 to 0.3 ("ligal ayd" scores 0.31 against "legal aid"). The
 * threshold is a setting, not part of the SQL, so `searchServices` runs the
 * queries in a read-only transaction after `SEARCH_SETTINGS_SQL`.
 */
import { sql, type Expression, type ExpressionBuilder, type Kysely, type RawBuilder, type SqlBool, type Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import type { ServiceSearchParams } from './service-search.ts';
import { BELONG_TAXONOMY, vocabularyTermById } from './vocabulary.ts';

export type Executor = Kysely<DB> | Transaction<DB>;

/** pg_trgm word-similarity threshold used for name matching (PostgreSQL's default is 0.6). */
export const TRIGRAM_WORD_THRESHOLD = 0.3;

/** Run before the search queries, in the same transaction (it is local to the transaction). */
export const SEARCH_SETTINGS_SQL = `SET LOCAL pg_trgm.word_similarity_threshold = ${TRIGRAM_WORD_THRESHOLD}`;

type ServiceEB = ExpressionBuilder<DB, 'service'>;

// ---------------------------------------------------------------------------
// Pieces of SQL
// ---------------------------------------------------------------------------

const tsQuery = (q: string) => sql`websearch_to_tsquery('english', belong_fold(${q}))`;

/** Searches shorter than this (letters and digits) match words only: fuzzy matches of "art" are noise. */
export const MIN_FUZZY_LENGTH = 4;

/** Words in name/description (stemmed, GIN search_tsv) or a name within typo distance (GIN trigram). */
function textMatch(q: string): RawBuilder<SqlBool> {
  const words = sql<SqlBool>`service.search_tsv @@ ${tsQuery(q)}`;
  if (q.replace(/[^\p{L}\p{N}]/gu, '').length < MIN_FUZZY_LENGTH) return words;
  return sql<SqlBool>`(${words} or belong_fold(${q}) <% belong_fold(service.name))`;
}

/** Higher is better: word rank plus how closely the name matches the words typed. */
const textRank = (q: string): RawBuilder<number> =>
  sql<number>`(ts_rank(service.search_tsv, ${tsQuery(q)}) + word_similarity(belong_fold(${q}), belong_fold(service.name)))`;

/**
 * Best matches first: services that have the words come before names that
 * only look alike ("legal" should not put "Dual-language club" first), then
 * by rank.
 */
function orderByText<Q extends { orderBy(e: RawBuilder<unknown>, d: 'desc'): Q }>(q: Q, search: string): Q {
  return q.orderBy(sql`(service.search_tsv @@ ${tsQuery(search)})`, 'desc').orderBy(textRank(search), 'desc');
}

const here = (near: { latitude: number; longitude: number }) =>
  sql`ll_to_earth(${near.latitude}::float8, ${near.longitude}::float8)`;

/** A location's point; matches the expression of the GiST index `location_earth`. */
const point = sql`ll_to_earth(l.latitude, l.longitude)`;

/** The location can be placed on a map (it has coordinates and is not confidential). */
const publicPoint = sql<SqlBool>`l.latitude is not null and l.longitude is not null
  and not exists (select 1 from belong_location bl where bl.location_id = l.id and bl.confidential)`;

const withinRadius = (near: { latitude: number; longitude: number }, radius: number) =>
  sql<SqlBool>`earth_box(${here(near)}, ${radius}::float8) @> ${point}
  and earth_distance(${here(near)}, ${point}) <= ${radius}::float8`;

/** One year before `today` ('YYYY-MM-DD'), as `isSafeguardingVetted` counts it. */
export function vettingCutoff(today: string): string {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() - 1);
  return d.toISOString().slice(0, 10);
}

const HELP_COLUMNS = ['childcare', 'transport_offered', 'accompany_first_visit', 'interpreter_available'] as const;
const SCALAR_GROUPS = { gender: 'gender', entry: 'entry', cost: 'cost_band', capacity: 'capacity_status', faith: 'faith' } as const;
const ARRAY_GROUPS = { mode: 'modes', food: 'food', support: 'support_kinds' } as const;

/**
 * The condition on `belong_service bs` that is true exactly when `termCodesFor`
 * would give the service this vocabulary code. A group code ("support") means
 * any value in the group. Null for a code Belong does not know.
 */
export function belongTermCondition(code: string, today: string): RawBuilder<SqlBool> | null {
  const [group, value] = code.split(':') as [string, string | undefined];
  const vetted = sql<SqlBool>`(bs.safeguarding_policy and bs.safeguarding_checked_leads and bs.trauma_informed_training
    and bs.safeguarding_review_date >= ${vettingCutoff(today)}::date)`;
  if (group in SCALAR_GROUPS) {
    const column = sql.ref(`bs.${SCALAR_GROUPS[group as keyof typeof SCALAR_GROUPS]}`);
    return value === undefined ? sql<SqlBool>`${column} is not null` : sql<SqlBool>`${column} = ${value}`;
  }
  if (group in ARRAY_GROUPS) {
    const column = sql.ref(`bs.${ARRAY_GROUPS[group as keyof typeof ARRAY_GROUPS]}`);
    return value === undefined ? sql<SqlBool>`cardinality(${column}) > 0` : sql<SqlBool>`${column} @> array[${value}]::text[]`;
  }
  if (group === 'help') {
    if (value === undefined) return sql<SqlBool>`(${sql.join(HELP_COLUMNS.map((c) => sql.ref(`bs.${c}`)), sql` or `)})`;
    return (HELP_COLUMNS as readonly string[]).includes(value) ? sql<SqlBool>`${sql.ref(`bs.${value}`)}` : null;
  }
  if (group === 'vetting') return value === undefined || value === 'vetted' ? vetted : null;
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
 * (Belong terms are derived, never stored as attributes); any other term is
 * looked up in the stored attributes.
 */
function termCondition(termId: string, today: string): RawBuilder<SqlBool> {
  const vocab = vocabularyTermById(termId);
  const belong = vocab ? belongTermCondition(vocab.code, today) : null;
  if (!belong) return hasStoredTerm(termId);
  return sql<SqlBool>`exists (select 1 from belong_service bs where bs.service_id = service.id and ${belong})`;
}

/** RRULE BYDAY holds a list like "MO,WE" or monthly ordinals like "1TU,-1FR". */
const dayPattern = (day: string) => `(^|,)(-?[1-5])?${day}(,|$)`;

function scheduleCondition(p: ServiceSearchParams): RawBuilder<SqlBool> | null {
  const days = p.days ?? [];
  const windows = p.timeWindows ?? [];
  if (!p.day && !p.startTime && !p.endTime && !days.length && !windows.length) return null;
  const parts = [sql`s.service_id = service.id`, sql`(s.valid_to is null or s.valid_to >= ${p.today}::date)`];
  if (p.day) parts.push(sql`s.byday ~ ${dayPattern(p.day)}`);
  // Belong's pages: any of several days, and a session overlapping any of several windows, on the same schedule.
  if (days.length) parts.push(sql`s.byday ~ ${dayPattern(`(${days.join('|')})`)}`);
  if (windows.length) {
    parts.push(sql`(${sql.join(windows.map((w) => sql`(s.opens_at < ${w.end}::time and s.closes_at > ${w.start}::time)`), sql` or `)})`);
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
 * Every condition on `service` except where it is (the caller adds that: by
 * any location for services, by the row's own location for service-at-location).
 */
function serviceConditions(eb: ServiceEB, p: ServiceSearchParams): Expression<SqlBool>[] {
  const c: Expression<SqlBool>[] = [eb('service.status', '=', 'active')];
  if (p.search) c.push(textMatch(p.search));
  if (p.organizationId) c.push(eb('service.organization_id', '=', p.organizationId));
  if (p.modifiedAfter) c.push(eb('service.last_modified', '>=', p.modifiedAfter));
  if (p.minimumAge !== undefined) c.push(sql<SqlBool>`coalesce(service.minimum_age, 0) >= ${p.minimumAge}`);
  if (p.maximumAge !== undefined) c.push(sql<SqlBool>`service.maximum_age <= ${p.maximumAge}`);
  if (p.age !== undefined) {
    c.push(sql<SqlBool>`coalesce(service.minimum_age, 0) <= ${p.age} and coalesce(service.maximum_age, 1000) >= ${p.age}`);
  }
  for (const id of p.taxonomyTermIds) c.push(termCondition(id, p.today));
  if (p.taxonomyId) {
    c.push(
      p.taxonomyId === BELONG_TAXONOMY.id
        ? sql<SqlBool>`exists (select 1 from belong_service bs where bs.service_id = service.id)`
        : sql<SqlBool>`exists (select 1 from attribute a join taxonomy_term tt on tt.id = a.taxonomy_term_id
            where a.link_entity = 'service' and a.link_id = service.id and tt.taxonomy_id = ${p.taxonomyId}::uuid)`,
    );
  }
  // Belong's pages: every group of vocabulary codes must match one of its codes.
  for (const group of p.belongAnyOf ?? []) {
    const any = group.map((code) => belongTermCondition(code, p.today)).filter((x): x is RawBuilder<SqlBool> => x !== null);
    if (any.length) {
      c.push(sql<SqlBool>`exists (select 1 from belong_service bs where bs.service_id = service.id and (${sql.join(any, sql` or `)}))`);
    }
  }
  if (p.languages && (p.languages.codes.length || p.languages.orInterpreter)) {
    const either: RawBuilder<SqlBool>[] = [];
    if (p.languages.codes.length) {
      either.push(sql<SqlBool>`exists (select 1 from language lg where lg.service_id = service.id and lg.code in (${sql.join(p.languages.codes)}))`);
    }
    if (p.languages.orInterpreter) {
      either.push(sql<SqlBool>`exists (select 1 from belong_service bs where bs.service_id = service.id and bs.interpreter_available)`);
    }
    c.push(sql<SqlBool>`(${sql.join(either, sql` or `)})`);
  }
  const schedule = scheduleCondition(p);
  if (schedule) c.push(schedule);
  return c;
}

const offset = (p: ServiceSearchParams) => (p.page - 1) * p.perPage;

// ---------------------------------------------------------------------------
// The queries
// ---------------------------------------------------------------------------

/**
 * The queries for one search of services: `page` gives the ids on the
 * requested page in order (best match first; nearest first when searching
 * around a place without words; otherwise by name), with `distance_m` to the
 * nearest public location when a place was given; `count` gives the total.
 * Only active services match. With a radius, only services with a
 * non-confidential location inside it match.
 *
 * Around a place, distances are worked out in one pass over public
 * locations (derived table `n`, using the GiST index when there is a radius)
 * and joined to the services; a per-service subquery was several times
 * slower on 20 000 services.
 */
export function serviceSearchQuery(db: Executor, p: ServiceSearchParams) {
  const near = p.near;
  const matching = db.selectFrom('service').where((eb) => eb.and(serviceConditions(eb, p)));

  if (!near) {
    let page = matching.select(['service.id', sql<number | null>`null::float8`.as('distance_m')]);
    if (p.search) page = orderByText(page, p.search);
    page = page.orderBy('service.name').orderBy('service.id').limit(p.perPage).offset(offset(p));
    const count = matching.select((eb) => eb.fn.countAll<number>().as('total'));
    return { page, count };
  }

  const radius = near.radiusMetres;
  const nearest = db
    .selectFrom('service_at_location as sal')
    .innerJoin('location as l', 'l.id', 'sal.location_id')
    .select(['sal.service_id', sql<number>`min(earth_distance(${here(near)}, ${point}))`.as('distance_m')])
    .where(publicPoint)
    .$if(radius !== undefined, (q) => q.where(withinRadius(near, radius!)))
    .groupBy('sal.service_id')
    .as('n');
  const joined = (
    radius === undefined
      ? db.selectFrom('service').leftJoin(nearest, 'n.service_id', 'service.id')
      : db.selectFrom('service').innerJoin(nearest, 'n.service_id', 'service.id')
  ).where((eb) => eb.and(serviceConditions(eb as unknown as ServiceEB, p)));

  let page = joined.select(['service.id', sql<number | null>`n.distance_m`.as('distance_m')]);
  if (p.search) page = orderByText(page, p.search);
  page = page
    .orderBy(sql`n.distance_m`, (ob) => ob.asc().nullsLast())
    .orderBy('service.name')
    .orderBy('service.id')
    .limit(p.perPage)
    .offset(offset(p));
  const count = joined.select((eb) => eb.fn.countAll<number>().as('total'));
  return { page, count };
}

/**
 * The same search listing each (service, location) pair: `page` gives
 * service_at_location ids. A radius applies to each pair's own location, and
 * confidential locations never match one.
 */
export function serviceAtLocationSearchQuery(db: Executor, p: ServiceSearchParams) {
  const near = p.near;
  const base = db
    .selectFrom('service_at_location as sal')
    .innerJoin('service', 'service.id', 'sal.service_id')
    .innerJoin('location as l', 'l.id', 'sal.location_id')
    .where((eb) => {
      const c = serviceConditions(eb as unknown as ServiceEB, p);
      if (near?.radiusMetres !== undefined) c.push(sql<SqlBool>`${publicPoint} and ${withinRadius(near, near.radiusMetres)}`);
      return eb.and(c);
    });

  let page = base.select([
    'sal.id',
    (near
      ? sql<number | null>`case when ${publicPoint} then earth_distance(${here(near)}, ${point}) end`
      : sql<number | null>`null::float8`
    ).as('distance_m'),
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

interface SearchQueries {
  page: { execute(): Promise<{ id: string; distance_m: number | null }[]> };
  count: { executeTakeFirstOrThrow(): Promise<{ total: number }> };
}

/**
 * Run `fn` with the search settings in force: in a read-only transaction, or
 * inside the caller's transaction when given one (the settings then last until
 * it ends).
 */
export async function withSearchSettings<T>(db: Executor, fn: (trx: Executor) => Promise<T>): Promise<T> {
  if (db.isTransaction) {
    await sql.raw(SEARCH_SETTINGS_SQL).execute(db);
    return fn(db);
  }
  return (db as Kysely<DB>)
    .transaction()
    .setAccessMode('read only')
    .execute(async (trx) => {
      await sql.raw(SEARCH_SETTINGS_SQL).execute(trx);
      return fn(trx);
    });
}

/** Count and page in parallel on a pool; one after the other inside a transaction (one connection). */
async function run(db: Executor, queries: SearchQueries): Promise<SearchResult> {
  const [count, rows] = db.isTransaction
    ? [await queries.count.executeTakeFirstOrThrow(), await queries.page.execute()]
    : await Promise.all([queries.count.executeTakeFirstOrThrow(), queries.page.execute()]);
  const distanceMetres = new Map<string, number>();
  for (const r of rows) if (r.distance_m != null) distanceMetres.set(r.id, Number(r.distance_m));
  return { total: Number(count.total), ids: rows.map((r) => r.id), distanceMetres };
}

/** Find active services: the total that match and the ids on the requested page. */
export function searchServices(db: Executor, p: ServiceSearchParams): Promise<SearchResult> {
  if (!p.search) return run(db, serviceSearchQuery(db, p));
  return withSearchSettings(db, (trx) => run(trx, serviceSearchQuery(trx, p)));
}

/** Find service-at-location pairs for active services: the total and the page of ids. */
export function searchServiceAtLocations(db: Executor, p: ServiceSearchParams): Promise<SearchResult> {
  if (!p.search) return run(db, serviceAtLocationSearchQuery(db, p));
  return withSearchSettings(db, (trx) => run(trx, serviceAtLocationSearchQuery(trx, p)));
}
