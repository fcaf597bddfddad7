/**
 * The public "find something near you" form, as plain data.
 *
 * One GET form feeds `/find`, so every search is a bookmarkable, shareable
 * address. This module reads that address into a `FindQuery` (unknown or
 * malformed choices are dropped, never fatal: a link typed by hand still
 * works), turns a query into the directory's `ServiceSearchParams`, and
 * writes queries back into addresses for paging, "remove this filter" and
 * "search a wider area" links. Pure: no HTTP, SQL or language here; problems
 * are message keys for the page to translate.
 *
 * Parameter names (short, because they are repeated in every link):
 *   q       words                    where  postcode, outward code or area name
 *   km      radius (1, 3, 5, 10, 25, 50; default 3 when a place is given)
 *   who     women_only | men_only    speaks language code  interp  1 = or an interpreter
 *   (not `lang`: that name switches the interface language, see i18n.middleware.ts)
 *   need    free | creche | fares | go_with | drop_in | no_id
 *   for     audiences (vocabulary)   access step_free | hearing_loop | bsl | large_print | quiet_space
 *   day     MO..SU                   time   morning | afternoon | evening
 *   when    today | now              faith  faith_based | faith_friendly
 *   kind    support kinds (vocabulary) mode in_person | phone | online
 *   sort    best | nearest | today | open                page  1, 2, …
 *   quick   today | women | free | english | meet  (start-page shortcuts, folded into the rest)
 * Several values of one name mean "any of them" (access: all of them); different names must all match.
 * A value a listing does not state never matches a filter.
 */
import type { MessageKey } from '../../platform/i18n/catalogue.ts';
import type { DayCode, SearchPlace, ServiceSearchParams } from '../directory/service-search.ts';
import { ACCESS_FEATURES, AUDIENCES, DAY_CODES, MODES, SUPPORT_KINDS } from '../directory/service-graph.ts';

export const GENDER_CHOICES = ['women_only', 'men_only'] as const;
export type GenderChoice = (typeof GENDER_CHOICES)[number];

/** Practical needs, each a Belong vocabulary code. */
export const NEED_CODES = {
  free: 'cost:free',
  creche: 'help:childcare',
  fares: 'help:transport_offered',
  go_with: 'help:accompany_first_visit',
  drop_in: 'entry:drop_in',
  no_id: 'requires:no_id_documents',
} as const;
export type NeedChoice = keyof typeof NEED_CODES;
export const NEED_CHOICES = Object.keys(NEED_CODES) as NeedChoice[];

/** Parts of the day, as windows a session must overlap. '24:00:00' is midnight. */
export const TIME_WINDOWS = {
  morning: { start: '00:00:00', end: '12:00:00' },
  afternoon: { start: '12:00:00', end: '17:00:00' },
  evening: { start: '17:00:00', end: '24:00:00' },
} as const;
export type TimeChoice = keyof typeof TIME_WINDOWS;
export const TIME_CHOICES = Object.keys(TIME_WINDOWS) as TimeChoice[];

export const WHEN_CHOICES = ['today', 'now'] as const;
export type WhenChoice = (typeof WHEN_CHOICES)[number];

export const FAITH_CHOICES = ['faith_based', 'faith_friendly'] as const;
export type FaithChoice = (typeof FAITH_CHOICES)[number];

export type KindChoice = (typeof SUPPORT_KINDS)[number];
export type AudienceChoice = (typeof AUDIENCES)[number];
export type AccessChoice = (typeof ACCESS_FEATURES)[number];
export type ModeChoice = (typeof MODES)[number];

export const SORTS = ['best', 'nearest', 'today', 'open'] as const;
export type Sort = (typeof SORTS)[number];

/** Radii offered, in km; "search a wider area" steps through them. */
export const RADII_KM = [1, 3, 5, 10, 25, 50] as const;
export const DEFAULT_RADIUS_KM = 3;

export const QUICK_CHOICES = ['today', 'women', 'free', 'english', 'meet'] as const;
export type QuickChoice = (typeof QUICK_CHOICES)[number];

export const MAX_WORDS_LENGTH = 100;
export const MAX_PLACE_LENGTH = 60;
const MAX_PAGE = 1000;

/** Everything the person chose on the form. Lists are sorted and free of repeats. */
export interface FindQuery {
  q: string;
  where: string;
  radiusKm: number;
  who: GenderChoice[];
  /** A language code the service should speak ('bn'), or null. */
  lang: string | null;
  /** With `lang`: a service that can arrange an interpreter also matches. Alone: only services that can. */
  interpreter: boolean;
  needs: NeedChoice[];
  days: DayCode[];
  times: TimeChoice[];
  when: WhenChoice[];
  faith: FaithChoice[];
  kinds: KindChoice[];
  modes: ModeChoice[];
  /** Who it is for: any of these audiences. */
  audiences: AudienceChoice[];
  /** Access features: every one of them. */
  access: AccessChoice[];
  /** The sort asked for; null = the default for the search (see `effectiveSort`). */
  sort: Sort | null;
  page: number;
}

/** A problem with one field of the form, as a message for the page to translate. */
export interface FindProblem {
  field: 'q' | 'where';
  key: MessageKey;
  values?: Record<string, string | number>;
}

/** A raw query string: each name with all its values (as URLSearchParams gives). */
export interface QuerySource {
  getAll(name: string): string[];
  get(name: string): string | null;
}

export const EMPTY_QUERY: FindQuery = Object.freeze({
  q: '',
  where: '',
  radiusKm: DEFAULT_RADIUS_KM,
  who: [],
  lang: null,
  interpreter: false,
  needs: [],
  days: [],
  times: [],
  when: [],
  faith: [],
  kinds: [],
  modes: [],
  audiences: [],
  access: [],
  sort: null,
  page: 1,
}) as FindQuery;

/** The values of `name` that are in `allowed`, in the order of `allowed`, each once. */
function choices<T extends string>(src: QuerySource, name: string, allowed: readonly T[]): T[] {
  const given = new Set(
    src
      .getAll(name)
      .flatMap((v) => v.split(','))
      .map((v) => v.trim()),
  );
  return allowed.filter((a) => given.has(a));
}

const oneLine = (s: string) =>
  s
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** Folds the start page's shortcut buttons into ordinary choices. */
function applyQuick(q: FindQuery, quick: QuickChoice[]): void {
  const add = <T>(list: T[], ...values: T[]) => {
    for (const v of values) if (!list.includes(v)) list.push(v);
  };
  for (const k of quick) {
    if (k === 'today') add(q.when, 'today');
    if (k === 'women') add(q.who, 'women_only');
    if (k === 'free') add(q.needs, 'free');
    if (k === 'english') add(q.kinds, 'informal_english');
    if (k === 'meet') add(q.kinds, 'intercultural', 'shared_identity_group', 'befriending');
  }
  // Keep the canonical order, so the same choices always give the same address.
  q.who = GENDER_CHOICES.filter((c) => q.who.includes(c));
  q.needs = NEED_CHOICES.filter((c) => q.needs.includes(c));
  q.when = WHEN_CHOICES.filter((c) => q.when.includes(c));
  q.kinds = SUPPORT_KINDS.filter((c) => q.kinds.includes(c));
}

/**
 * Reads the form. Never fails: choices that are not on the form are ignored,
 * and the only problems reported are ones the person can fix (words or a
 * place name that is far too long). Whether the place exists is checked
 * later, by whoever looks it up.
 */
export function parseFindQuery(src: QuerySource): { query: FindQuery; problems: FindProblem[] } {
  const problems: FindProblem[] = [];
  let q = oneLine(src.get('q') ?? '');
  if (q.length > MAX_WORDS_LENGTH) {
    problems.push({ field: 'q', key: 'find.error.wordsTooLong', values: { max: MAX_WORDS_LENGTH } });
    q = q.slice(0, MAX_WORDS_LENGTH);
  }
  let where = oneLine(src.get('where') ?? '');
  if (where.length > MAX_PLACE_LENGTH) {
    problems.push({ field: 'where', key: 'find.error.placeTooLong', values: { max: MAX_PLACE_LENGTH } });
    where = where.slice(0, MAX_PLACE_LENGTH);
  }
  const km = Number(src.get('km'));
  const radiusKm = (RADII_KM as readonly number[]).includes(km) ? km : DEFAULT_RADIUS_KM;
  const lang = (src.get('speaks') ?? '').trim().toLowerCase();
  const sort = (src.get('sort') ?? '').trim();
  const page = Number(src.get('page') ?? '1');

  const query: FindQuery = {
    q,
    where,
    radiusKm,
    who: choices(src, 'who', GENDER_CHOICES),
    lang: /^[a-z]{2,3}$/.test(lang) ? lang : null,
    interpreter: src.get('interp') === '1',
    needs: choices(src, 'need', NEED_CHOICES),
    days: choices(src, 'day', DAY_CODES),
    times: choices(src, 'time', TIME_CHOICES),
    when: choices(src, 'when', WHEN_CHOICES),
    faith: choices(src, 'faith', FAITH_CHOICES),
    kinds: choices(src, 'kind', SUPPORT_KINDS),
    modes: choices(src, 'mode', MODES),
    audiences: choices(src, 'for', AUDIENCES),
    access: choices(src, 'access', ACCESS_FEATURES),
    sort: (SORTS as readonly string[]).includes(sort) ? (sort as Sort) : null,
    page: Number.isInteger(page) && page >= 1 && page <= MAX_PAGE ? page : 1,
  };
  applyQuick(query, choices(src, 'quick', QUICK_CHOICES));
  return { query, problems };
}

/** Reads a query string such as `c.req.url`'s search part. */
export function parseFindUrl(search: string | URLSearchParams) {
  return parseFindQuery(typeof search === 'string' ? new URLSearchParams(search) : search);
}

/**
 * The sort actually used: the one asked for, else nearest first around a
 * place (when no words were typed), else best match. "Nearest" without a
 * place cannot be done; it falls back to best match and says so.
 */
export function effectiveSort(q: FindQuery, hasPlace: boolean): { sort: Sort; needsPlace: boolean } {
  if (q.sort === 'nearest' && !hasPlace) return { sort: 'best', needsPlace: true };
  if (q.sort) return { sort: q.sort, needsPlace: false };
  return { sort: hasPlace && !q.q ? 'nearest' : 'best', needsPlace: false };
}

/** How many filters are chosen (for "Filters (3 chosen)"). Words, place, sort and radius are not filters. */
export function filterCount(q: FindQuery): number {
  return (
    q.who.length +
    (q.lang ? 1 : 0) +
    (q.interpreter ? 1 : 0) +
    q.needs.length +
    q.days.length +
    q.times.length +
    q.when.length +
    q.faith.length +
    q.kinds.length +
    q.modes.length +
    q.audiences.length +
    q.access.length
  );
}

/** One chosen filter, for "remove this filter" links. */
export type ActiveFilter =
  | { group: 'who'; value: GenderChoice }
  | { group: 'lang'; value: string }
  | { group: 'interp'; value: '1' }
  | { group: 'need'; value: NeedChoice }
  | { group: 'day'; value: DayCode }
  | { group: 'time'; value: TimeChoice }
  | { group: 'when'; value: WhenChoice }
  | { group: 'faith'; value: FaithChoice }
  | { group: 'kind'; value: KindChoice }
  | { group: 'mode'; value: ModeChoice }
  | { group: 'for'; value: AudienceChoice }
  | { group: 'access'; value: AccessChoice };

/** Every chosen filter, in the order the form shows them. */
export function activeFilters(q: FindQuery): ActiveFilter[] {
  const out: ActiveFilter[] = [];
  for (const value of q.when) out.push({ group: 'when', value });
  for (const value of q.who) out.push({ group: 'who', value });
  for (const value of q.audiences) out.push({ group: 'for', value });
  if (q.lang) out.push({ group: 'lang', value: q.lang });
  if (q.interpreter) out.push({ group: 'interp', value: '1' });
  for (const value of q.needs) out.push({ group: 'need', value });
  for (const value of q.access) out.push({ group: 'access', value });
  for (const value of q.days) out.push({ group: 'day', value });
  for (const value of q.times) out.push({ group: 'time', value });
  for (const value of q.faith) out.push({ group: 'faith', value });
  for (const value of q.kinds) out.push({ group: 'kind', value });
  for (const value of q.modes) out.push({ group: 'mode', value });
  return out;
}

/** The query without one filter (and back on page 1). */
export function withoutFilter(q: FindQuery, f: ActiveFilter): FindQuery {
  const next: FindQuery = { ...q, page: 1 };
  switch (f.group) {
    case 'who':
      next.who = q.who.filter((v) => v !== f.value);
      break;
    case 'lang':
      next.lang = null;
      break;
    case 'interp':
      next.interpreter = false;
      break;
    case 'need':
      next.needs = q.needs.filter((v) => v !== f.value);
      break;
    case 'day':
      next.days = q.days.filter((v) => v !== f.value);
      break;
    case 'time':
      next.times = q.times.filter((v) => v !== f.value);
      break;
    case 'when':
      next.when = q.when.filter((v) => v !== f.value);
      break;
    case 'faith':
      next.faith = q.faith.filter((v) => v !== f.value);
      break;
    case 'kind':
      next.kinds = q.kinds.filter((v) => v !== f.value);
      break;
    case 'mode':
      next.modes = q.modes.filter((v) => v !== f.value);
      break;
    case 'for':
      next.audiences = q.audiences.filter((v) => v !== f.value);
      break;
    case 'access':
      next.access = q.access.filter((v) => v !== f.value);
      break;
  }
  return next;
}

/** The next radius up, or null at the largest. */
export function widerRadius(km: number): number | null {
  return RADII_KM.find((r) => r > km) ?? null;
}

/**
 * The address of a query: `/find?…` with parameters in a fixed order and
 * defaults left out, so equal searches have equal addresses.
 */
export function findHref(q: FindQuery): string {
  const p = new URLSearchParams();
  if (q.q) p.set('q', q.q);
  if (q.where) p.set('where', q.where);
  if (q.where && q.radiusKm !== DEFAULT_RADIUS_KM) p.set('km', String(q.radiusKm));
  for (const v of q.when) p.append('when', v);
  for (const v of q.who) p.append('who', v);
  for (const v of q.audiences) p.append('for', v);
  if (q.lang) p.set('speaks', q.lang);
  if (q.interpreter) p.set('interp', '1');
  for (const v of q.needs) p.append('need', v);
  for (const v of q.access) p.append('access', v);
  for (const v of q.days) p.append('day', v);
  for (const v of q.times) p.append('time', v);
  for (const v of q.faith) p.append('faith', v);
  for (const v of q.kinds) p.append('kind', v);
  for (const v of q.modes) p.append('mode', v);
  if (q.sort) p.set('sort', q.sort);
  if (q.page > 1) p.set('page', String(q.page));
  const s = p.toString();
  return s ? `/find?${s}` : '/find';
}

export interface SearchParamsOptions {
  /** 'YYYY-MM-DD' in Europe/London. */
  today: string;
  page: number;
  perPage: number;
}

/**
 * The directory search for a query, around `place` when given (within the
 * chosen radius). "On today" and "open now" are not here: they need the
 * schedules evaluated with exceptions, which happens after the search.
 */
export function toSearchParams(q: FindQuery, place: SearchPlace | null, opts: SearchParamsOptions): ServiceSearchParams {
  const groups: string[][] = [];
  if (q.who.length) groups.push(q.who.map((v) => `gender:${v}`));
  if (q.audiences.length) groups.push(q.audiences.map((v) => `audience:${v}`));
  for (const n of q.needs) groups.push([NEED_CODES[n]]);
  for (const a of q.access) groups.push([`access:${a}`]);
  if (q.faith.length) groups.push(q.faith.map((v) => `faith:${v}`));
  if (q.kinds.length) groups.push(q.kinds.map((v) => `support:${v}`));
  if (q.modes.length) groups.push(q.modes.map((v) => `mode:${v}`));
  if (q.interpreter && !q.lang) groups.push(['help:interpreter_available']);

  const params: ServiceSearchParams = {
    page: opts.page,
    perPage: opts.perPage,
    taxonomyTermIds: [],
    timeMatch: 'overlap',
    today: opts.today,
  };
  if (q.q) params.search = q.q;
  if (groups.length) params.belongAnyOf = groups;
  if (q.lang) params.languages = { codes: [q.lang], orInterpreter: q.interpreter };
  if (q.days.length) params.days = [...q.days];
  if (q.times.length) params.timeWindows = q.times.map((t) => ({ ...TIME_WINDOWS[t] }));
  if (place) params.near = { ...place, radiusMetres: q.radiusKm * 1000 };
  return params;
}
