/**
 * The search oracle: for each search the benchmark runs, the best SQL we
 * could write by hand for the same result (the total and the ids on the page,
 * in order), written here as plain text, independently of the application's
 * query builder (src/modules/directory/service-search.repository.ts).
 *
 * The benchmark times the application (over HTTP and in-process) against
 * this, and checks that both give the same total and the same page: a slow or
 * wrong application query shows as a high ratio or a mismatch. The oracle
 * covers what the benchmark's mixes ask (search-queries.ts): words (with the
 * same fallbacks for typos: vocabulary words, each long word, the whole
 * phrase, each tried only when the ways before found nothing, the typo ways
 * only for words no active service has), a place with
 * or without a radius, the Belong vocabulary filters of the mixes, days and
 * times (ORUK "within"), and paging; anything else throws, so the mixes
 * cannot drift from what the oracle knows.
 *
 * How each shape uses an index:
 * - words: GIN `search_tsv`; typos: GIN trigram on `belong_fold(name)` (`<%`);
 * - a radius (with or without words): the search points
 *   (`belong_search_point`, migration 0280: each active service at each of
 *   its public locations, with its name and words) through their GiST index
 *   and `earth_box @>`, the words and filters tested on the points inside;
 * - a place without a radius: a nearest-first (KNN `<->`) walk over the
 *   search points, taking twice as many rows as the page needs and doubling
 *   until the page is certain; the count is a separate count of the matches;
 *   with words, every match measured at its nearest point;
 * - filters only: the matches gathered and sorted by name (all are counted).
 *
 * The points are the fastest way to a place that we know. Before they were
 * used here (the locations' own GiST index, joined to their services), the
 * oracle took 29–71 ms for the /find searches with a place at 100,000
 * services on PostgreSQL, against 3–9 ms for the application: 10x slower,
 * so an application search could grow 30-fold before it was flagged SLOW.
 *
 * Pure helpers of the application that hold data, not SQL (the multilingual
 * search vocabulary, the vocabulary's term ids, the vetting cut-off) are used
 * as they are.
 */
import { CompiledQuery, type Kysely } from 'kysely';
import { expandSearch, foldWords } from '../src/modules/directory/search-vocabulary.ts';
import type { ServiceSearchParams } from '../src/modules/directory/service-search.ts';
import { vettingCutoff, vocabularyTermById } from '../src/modules/directory/vocabulary.ts';
import type { DB } from '../src/platform/db/schema.ts';

export interface OracleResult {
  total: number;
  ids: string[];
}

/** Builds parameterised SQL text: `p(value)` gives the placeholder for a value. */
class Params {
  readonly values: unknown[] = [];
  p(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** The Belong vocabulary codes the mixes use, as a condition on `belong_service bs`. */
function belongCode(code: string, today: string, P: Params): string {
  const [group, value] = code.split(':') as [string, string];
  const scalar: Record<string, string> = {
    gender: 'gender',
    cost: 'cost_band',
    entry: 'entry',
    capacity: 'capacity_status',
    faith: 'faith',
  };
  const arrays: Record<string, string> = { support: 'support_kinds', mode: 'modes', food: 'food' };
  const flags = ['childcare', 'transport_offered', 'accompany_first_visit', 'interpreter_available'];
  if (scalar[group]) return `bs.${scalar[group]} = ${P.p(value)}`;
  if (arrays[group]) return `bs.${arrays[group]} @> array[${P.p(value)}]::text[]`;
  if (group === 'help' && flags.includes(value)) return `bs.${value} is true`;
  // "no_id_documents": the requirement stated as not there ({"id_documents": false}).
  if (group === 'requires')
    return `bs.requirements @> ${P.p(JSON.stringify(value.startsWith('no_') ? { [value.slice(3)]: false } : { [value]: true }))}::jsonb`;
  if (code === 'vetting:vetted')
    return `coalesce(bs.safeguarding_policy and bs.safeguarding_checked_leads and bs.trauma_informed_training
      and bs.safeguarding_review_date >= ${P.p(vettingCutoff(today))}::date, false)`;
  throw new Error(`The search oracle does not know the filter ${code}.`);
}

/**
 * Conditions besides the words and the place, on the service whose id is `id`: `service s` by
 * default, or a search point `sp` (whose service is active: no status condition), with `bs`
 * joined when a Belong code is asked.
 */
function filters(p: ServiceSearchParams, P: Params, id = 's.id'): { where: string[]; join: string } {
  const unsupported = [
    p.organizationId,
    p.modifiedAfter,
    p.minimumAge,
    p.maximumAge,
    p.age,
    p.taxonomyId,
    p.languages,
    p.days?.length ? p.days : undefined,
    p.timeWindows?.length ? p.timeWindows : undefined,
    p.when,
  ];
  if (unsupported.some((v) => v !== undefined))
    throw new Error('The search oracle covers words, place, Belong filters, day and time only.');
  const where = id === 's.id' ? [`s.status = 'active'`] : ['true'];
  const belong: string[] = [];
  for (const id of p.taxonomyTermIds) {
    const term = vocabularyTermById(id);
    if (!term) throw new Error(`The search oracle only knows Belong vocabulary terms (not ${id}).`);
    belong.push(belongCode(term.code, p.today, P));
  }
  for (const group of p.belongAnyOf ?? []) belong.push(`(${group.map((c) => belongCode(c, p.today, P)).join(' or ')})`);
  if (p.day || p.startTime || p.endTime) {
    const s = [`sc.service_id = ${id}`, `(sc.valid_to is null or sc.valid_to >= ${P.p(p.today)}::date)`];
    if (p.day) s.push(`sc.byday like ${P.p(`%${p.day}%`)} and sc.byday ~ ${P.p(`(^|,)(-?[1-5])?${p.day}(,|$)`)}`);
    const within = p.timeMatch === 'within';
    if (p.startTime) s.push(within ? `sc.opens_at >= ${P.p(p.startTime)}::time` : `sc.closes_at > ${P.p(p.startTime)}::time`);
    if (p.endTime) s.push(within ? `sc.closes_at <= ${P.p(p.endTime)}::time` : `sc.opens_at < ${P.p(p.endTime)}::time`);
    where.push(`exists (select 1 from schedule sc where ${s.join(' and ')})`);
  }
  where.push(...belong);
  return { where, join: belong.length ? `join belong_service bs on bs.service_id = ${id}` : '' };
}

type Way = 'words' | 'related' | 'eachWord' | 'phrase';

/** Some active service has the words, wherever it is and whatever else it offers. */
async function someServiceHas(run: Run, q: string): Promise<boolean> {
  const rows = await run(
    `select exists (select 1 from service s where s.status = 'active' and s.search_tsv @@ websearch_to_tsquery('english', belong_fold($1))) as found`,
    [q],
  );
  return rows[0]!.found === true;
}

/** The ways of matching words, in the order they are tried (the same rules as the application's). */
function ways(q: string): Way[] {
  const out: Way[] = ['words'];
  const beyondAscii = /[^\x00-\x7f]/.test(q);
  if (expandSearch(q).length || beyondAscii) out.push('related');
  if (q.replace(/[^\p{L}\p{N}]/gu, '').length < 4) return out;
  const long = q.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 4);
  if (long.length) out.push('eachWord');
  out.push('phrase');
  return out;
}

const longWords = (q: string) => [
  ...new Set(
    q
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w.length >= 4)
      .map((w) => w.toLowerCase()),
  ),
];

/** Where a match's words, folded name and service id are: on `service s`, or on a search point `sp`. */
interface WordColumns {
  tsv: string;
  name: string;
  id: string;
}
const ON_SERVICE: WordColumns = { tsv: 's.search_tsv', name: 'belong_fold(s.name)', id: 's.id' };
const ON_POINT: WordColumns = { tsv: 'sp.search_tsv', name: 'sp.folded_name', id: 'sp.service_id' };

/** The words' condition and rank for one way. */
function wordsSql(q: string, way: Way, P: Params, on: WordColumns = ON_SERVICE): { cond: string; rank: string } {
  const fq = P.p(q);
  const tsq = `websearch_to_tsquery('english', belong_fold(${fq}))`;
  const related = expandSearch(q);
  // Only built when used: every placeholder must appear in the statement.
  const relatedTsq =
    way === 'related' && related.length
      ? `(${related.map((w) => `plainto_tsquery('english', belong_fold(${P.p(w)}))`).join(' || ')})`
      : `''::tsquery`;
  const rank = `ts_rank(${on.tsv}, ${way === 'related' ? relatedTsq : tsq}) + word_similarity(belong_fold(${fq}), ${on.name})`;
  const near = (w: string) => `belong_typo_near(${P.p(foldWords(w).join(' '))}, ${on.name})`;
  if (way === 'words') return { cond: `${on.tsv} @@ ${tsq}`, rank };
  if (way === 'related') {
    const parts = related.length ? [`${on.tsv} @@ ${relatedTsq}`] : [];
    if (/[^\x00-\x7f]/.test(q))
      parts.push(`${on.id} in (select bt.entity_id from belong_translation bt where bt.entity = 'service'
        and to_tsvector('simple', belong_fold(bt.text)) @@ websearch_to_tsquery('simple', belong_fold(${fq})))`);
    return { cond: `(${parts.join(' or ')})`, rank };
  }
  const long = longWords(q);
  if (way === 'eachWord') return { cond: long.map((w) => `belong_fold(${P.p(w)}) <% ${on.name} and ${near(w)}`).join(' and '), rank };
  return { cond: `belong_fold(${fq}) <% ${on.name}${long.length ? ` and (${long.map(near).join(' or ')})` : ''}`, rank };
}

const EARTH_HERE = (P: Params, near: { latitude: number; longitude: number }) =>
  `ll_to_earth(${P.p(near.latitude)}::float8, ${P.p(near.longitude)}::float8)`;
/**
 * Metres along the surface from `here` to a search point: earth_distance's own formula
 * (sec_to_gc of the chord) on the point's cube. `belong_search_point` (migration 0280) holds
 * each active service at each of its public locations with coordinates, with the service's
 * name and words, under a GiST index on the point.
 */
const POINT_METRES = (here: string) => `sec_to_gc(cube_distance(${here}, sp.point))`;

const offsetOf = (p: ServiceSearchParams) => p.offset ?? (p.page - 1) * p.perPage;

type Run = (text: string, values: unknown[]) => Promise<Record<string, unknown>[]>;

/** One statement giving the total and the page: `m` holds the matches with `rank` and `d` (metres or null). */
async function totalAndPage(run: Run, P: Params, m: string, order: string, p: ServiceSearchParams): Promise<OracleResult> {
  const text = `with m as materialized (${m})
    select (select count(*) from m)::int as total,
      array(select m.id::text from m order by ${order} limit ${P.p(p.perPage)} offset ${P.p(offsetOf(p))}) as ids`;
  const [row] = await run(text, P.values);
  return { total: Number(row!.total), ids: (row!.ids as string[]) ?? [] };
}

/** The search with one way of matching words (or none). */
async function searchOnce(run: Run, p: ServiceSearchParams, way: Way | null): Promise<OracleResult> {
  const near = p.near;
  if (near?.radiusMetres !== undefined) return inRadius(run, p, way, near, near.radiusMetres);
  if (near && !(p.search && way)) return nearestFirst(run, p, near);
  const P = new Params();
  const f = filters(p, P);
  const words = p.search && way ? wordsSql(p.search, way, P) : null;
  const where = [...f.where, ...(words ? [words.cond] : [])].join(' and ');
  const rank = words ? words.rank : '0';
  if (!near) {
    const m = `select s.id, s.name, ${rank} as rank from service s ${f.join} where ${where}`;
    return totalAndPage(run, P, m, `${words ? 'm.rank desc, ' : ''}m.name, m.id`, p);
  }
  // Words around a place, words order first: every match is measured at its nearest point (there
  // are few); one with no point comes last.
  const m = `select x.*, (select min(${POINT_METRES(EARTH_HERE(P, near))}) from belong_search_point sp where sp.service_id = x.id) as d
    from (select s.id, s.name, ${rank} as rank from service s ${f.join} where ${where}) x`;
  const order = p.nearestFirst ? 'm.d nulls last, m.rank desc' : 'm.rank desc, m.d nulls last';
  return totalAndPage(run, P, m, `${order}, m.name, m.id`, p);
}

/** Inside a radius, on the points alone: their GiST index finds those inside it, and each carries the service's name and words. */
async function inRadius(
  run: Run,
  p: ServiceSearchParams,
  way: Way | null,
  near: { latitude: number; longitude: number },
  radius: number,
): Promise<OracleResult> {
  const P = new Params();
  const f = filters(p, P, 'sp.service_id');
  const words = p.search && way ? wordsSql(p.search, way, P, ON_POINT) : null;
  const here = EARTH_HERE(P, near);
  const r = P.p(radius);
  const m = `select sp.service_id as id, min(sp.name) as name, max(${words ? words.rank : '0'}) as rank, min(${POINT_METRES(here)}) as d
    from belong_search_point sp ${f.join}
    where earth_box(${here}, ${r}::float8) @> sp.point and ${POINT_METRES(here)} <= ${r}::float8
      and ${[...f.where, ...(words ? [words.cond] : [])].join(' and ')}
    group by sp.service_id`;
  const order = words ? (p.nearestFirst ? 'm.d, m.rank desc' : 'm.rank desc, m.d') : 'm.d';
  return totalAndPage(run, P, m, `${order}, m.name, m.id`, p);
}

/** A place alone: a KNN walk over the search points, widened until the page is certain; the count apart. */
async function nearestFirst(run: Run, p: ServiceSearchParams, near: { latitude: number; longitude: number }): Promise<OracleResult> {
  const wanted = offsetOf(p) + p.perPage;
  // Each statement has its own placeholders (every one must be used): the filters' only in a statement that uses them.
  const statement = (id: string, build: (P: Params, f: { where: string; join: string }) => string, withFilters = true) => {
    const P = new Params();
    const f = withFilters ? filters(p, P, id) : { where: [], join: '' };
    return { text: build(P, { where: f.where.join(' and '), join: f.join }), values: P.values };
  };
  const count = statement('s.id', (_, f) => `select count(*)::int as total from service s ${f.join} where ${f.where}`);
  const [counted] = await run(count.text, count.values);
  const total = Number(counted!.total);
  for (let limit = Math.max(20, wanted * 2); ; limit *= 2) {
    const walk = statement('sp.service_id', (P, f) => {
      const here = EARTH_HERE(P, near);
      return `select sp.service_id::text as id, ${POINT_METRES(here)} as d from belong_search_point sp ${f.join}
       where ${f.where} order by sp.point <-> ${here} limit ${P.p(limit)}`;
    });
    const rows = await run(walk.text, walk.values);
    const best = new Map<string, number>();
    for (const r of rows) if (!best.has(r.id as string)) best.set(r.id as string, Number(r.d));
    const last = rows.length ? Number(rows[rows.length - 1]!.d) : -1;
    const exhausted = rows.length < limit;
    // Services nearer than the last row walked can have no nearer point unseen.
    const certain = [...best.values()].filter((d) => d < last).length;
    if (!exhausted && certain < wanted) continue;
    const ids = exhausted ? [...best.keys()] : [...best.keys()].filter((id) => best.get(id)! <= last);
    // The page, ordered exactly: the located services seen, then (when the walk ran out) those with no point.
    const page = statement(
      's.id',
      (P, f) => {
        const here = EARTH_HERE(P, near);
        return `select x.id::text as id from (
         select s.id, s.name, (select min(${POINT_METRES(here)}) from belong_search_point sp where sp.service_id = s.id) as d
         from service s where s.id = any(${P.p(ids)}::uuid[])
         ${
           exhausted
             ? `union all select s.id, s.name, null from service s ${f.join} where ${f.where}
                  and not exists (select 1 from belong_search_point sp where sp.service_id = s.id)`
             : ''
         }) x
       order by x.d nulls last, x.name, x.id limit ${P.p(p.perPage)} offset ${P.p(offsetOf(p))}`;
      },
      exhausted,
    );
    return { total, ids: (await run(page.text, page.values)).map((r) => r.id as string) };
  }
}

/**
 * The oracle's answer for a search: each way of matching words tried in
 * turn until one finds something, inside a read-only transaction with
 * pg_trgm's word-similarity threshold at 0.3 (as typo matching needs).
 */
export async function oracleSearch(db: Kysely<DB>, p: ServiceSearchParams): Promise<OracleResult> {
  return db
    .transaction()
    .setAccessMode('read only')
    .execute(async (trx) => {
      await trx.executeQuery(
        CompiledQuery.raw(
          `select set_config('pg_trgm.word_similarity_threshold', '0.3', true), set_config('random_page_cost', '1.1', true)`,
        ),
      );
      const run: Run = async (text, values) => {
        try {
          return (await trx.executeQuery<Record<string, unknown>>(CompiledQuery.raw(text, values))).rows;
        } catch (e) {
          throw new Error(`The search oracle's SQL failed: ${(e as Error).message}\n${text}\n${JSON.stringify(values)}`, { cause: e });
        }
      };
      if (!p.search) return searchOnce(run, p, null);
      let r: OracleResult = { total: 0, ids: [] };
      for (const way of ways(p.search)) {
        // Typo ways only for words no active service has anywhere (the place and filters aside).
        if ((way === 'eachWord' || way === 'phrase') && (await someServiceHas(run, p.search))) break;
        r = await searchOnce(run, p, way);
        if (r.total > 0) break;
      }
      return r;
    });
}
