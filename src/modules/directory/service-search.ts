/**
 * What someone is looking for in the directory, as plain data.
 *
 * The Open Referral UK API and Belong's own pages take the same query
 * parameters (ORUK names: search, page, per_page, taxonomy_term_id, day, …).
 * This module turns raw query strings into a checked, normalised
 * `ServiceSearchParams`, or into plain-sentence errors for a 400. It knows
 * nothing about HTTP or SQL; the postcode lookup is passed in so tests can
 * give their own.
 */
import { isUuid } from '../../platform/ids.ts';
import { DAY_CODES } from './service-graph.ts';

export type DayCode = (typeof DAY_CODES)[number];

/** A point people search around, resolved from a postcode or outward code. */
export interface SearchPlace {
  /** What was asked for, normalised (e.g. "BD8 7AB" or "BD8"). */
  code: string;
  latitude: number;
  longitude: number;
}

/** Looks a postcode or outward code up; null when it is not known. */
export type PlaceLookup = (input: string) => SearchPlace | null;

/**
 * How opening times are compared with the asked-for window:
 * - `within` (ORUK): the session starts at or after `start_time` and ends at or before `end_time`;
 * - `overlap` (Belong's pages): the session is running at some point in the window.
 */
export type TimeMatch = 'within' | 'overlap';

export interface ServiceSearchParams {
  /** Words to look for in names and descriptions; typos tolerated in names. */
  search?: string;
  /** 1-based page number. */
  page: number;
  perPage: number;
  /** Every term must apply (ORUK takes one; Belong also accepts a comma-separated list). */
  taxonomyTermIds: string[];
  taxonomyId?: string;
  organizationId?: string;
  modifiedAfter?: Date;
  /** ORUK: services whose own minimum age is at least this (no minimum counts as 0). */
  minimumAge?: number;
  /** ORUK: services whose own maximum age is at most this (no maximum never qualifies). */
  maximumAge?: number;
  /** Belong: services open to someone of this age. */
  age?: number;
  day?: DayCode;
  /** 'HH:MM:SS' */
  startTime?: string;
  /** 'HH:MM:SS' */
  endTime?: string;
  timeMatch: TimeMatch;
  /** Where to measure from: orders by distance, and limits to `radiusMetres` when given. */
  near?: SearchPlace & { radiusMetres?: number };
  /**
   * Belong's pages: groups of Belong vocabulary codes (`gender:women_only`,
   * `support:sport`); every group must match at least one of its codes, so
   * `[['cost:free'], ['support:arts', 'support:sport']]` is "free, and arts or sport".
   */
  belongAnyOf?: string[][];
  /** Belong's pages: speaks one of these language codes, or (with `orInterpreter`) can arrange an interpreter. */
  languages?: { codes: string[]; orInterpreter: boolean };
  /** Belong's pages: one schedule runs on any of these days (and, with `timeWindows`, at a matching time). */
  days?: DayCode[];
  /**
   * Belong's pages: one schedule's session overlaps any of these windows
   * ('HH:MM:SS'; an end of '24:00:00' means midnight). Combined with `days`
   * on the same schedule.
   */
  timeWindows?: { start: string; end: string }[];
  /**
   * Belong's pages: "on today" and "open now", decided in SQL with closures
   * and changed hours (schedules compiled as belong_schedule_rule rows). On a
   * local date ('YYYY-MM-DD', Europe/London) and time ('HH:MM:SS'): `onDay`
   * true keeps services with a session that day, false those without;
   * `openAt` likewise for a session with known hours covering the time.
   */
  when?: { date: string; time: string; onDay?: boolean; openAt?: boolean };
  /** Rows to skip before the page (default `(page - 1) * perPage`). */
  offset?: number;
  /** With a place and words: nearest first (best match breaking ties) instead of best match first. */
  nearestFirst?: boolean;
  /** 'YYYY-MM-DD', the day "in date" checks (safeguarding review) are measured from. */
  today: string;
}

export const DEFAULT_PER_PAGE = 50;
export const MAX_PER_PAGE = 200;
/** Largest proximity accepted, in metres (the length of Great Britain is about 1 000 km). */
export const MAX_PROXIMITY_METRES = 1_000_000;
const MAX_SEARCH_LENGTH = 200;

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: string[] };

/** A raw query: each name maps to its first value (as Hono's `c.req.query()` gives). */
export type RawQuery = Record<string, string | undefined>;

const DAY_NAMES: Record<string, DayCode> = {
  monday: 'MO',
  tuesday: 'TU',
  wednesday: 'WE',
  thursday: 'TH',
  friday: 'FR',
  saturday: 'SA',
  sunday: 'SU',
  mon: 'MO',
  tue: 'TU',
  wed: 'WE',
  thu: 'TH',
  fri: 'FR',
  sat: 'SA',
  sun: 'SU',
};

/** MO..SU, or an English day name ("monday", "Mon"), to the RRULE code; null if it is neither. */
export function parseDay(input: string): DayCode | null {
  const t = input.trim();
  const upper = t.toUpperCase();
  if ((DAY_CODES as readonly string[]).includes(upper)) return upper as DayCode;
  return DAY_NAMES[t.toLowerCase()] ?? null;
}

/** "9:30", "09:30" or "09:30:00" to "09:30:00"; null when it is not a time of day. */
export function parseTime(input: string): string | null {
  const m = /^([01]?\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$/.exec(input.trim());
  if (!m) return null;
  return `${m[1]!.padStart(2, '0')}:${m[2]}:${m[3] ?? '00'}`;
}

/** An ISO 8601 date or date-time ("2024-05-01", "2024-05-01T10:00:00Z"); null otherwise. */
export function parseDateTime(input: string): Date | null {
  const t = input.trim();
  if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?)?$/i.test(t)) return null;
  const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(t) ? `${t}T00:00:00Z` : t.replace(' ', 'T'));
  return Number.isNaN(d.getTime()) ? null : d;
}

const INTEGER = /^\d+$/;
const NUMBER = /^\d+(\.\d+)?$/;

/** Collects errors while reading a raw query, so a 400 can list every problem at once. */
export class QueryReader {
  readonly errors: string[] = [];
  constructor(private readonly query: RawQuery) {}

  /** The trimmed value, or undefined when absent or blank. */
  text(name: string): string | undefined {
    const v = this.query[name]?.trim();
    return v ? v : undefined;
  }

  uuid(name: string): string | undefined {
    const v = this.text(name);
    if (v === undefined) return undefined;
    if (!isUuid(v)) {
      this.errors.push(`${name} must be a UUID, like 3f7b145d-84af-42d7-8fae-eaca714b02b2 (got "${clip(v)}").`);
      return undefined;
    }
    return v.toLowerCase();
  }

  uuidList(name: string): string[] {
    const v = this.text(name);
    if (v === undefined) return [];
    const parts = v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const bad = parts.filter((p) => !isUuid(p));
    if (bad.length || !parts.length) {
      this.errors.push(`${name} must be a UUID, or several separated by commas (got "${clip(bad[0] ?? v)}").`);
      return [];
    }
    return [...new Set(parts.map((p) => p.toLowerCase()))];
  }

  integer(name: string, min: number, max: number): number | undefined {
    const v = this.text(name);
    if (v === undefined) return undefined;
    const n = INTEGER.test(v) ? Number(v) : NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      this.errors.push(`${name} must be a whole number from ${min} to ${max} (got "${clip(v)}").`);
      return undefined;
    }
    return n;
  }

  number(name: string, min: number, max: number, unit = ''): number | undefined {
    const v = this.text(name);
    if (v === undefined) return undefined;
    const n = NUMBER.test(v) ? Number(v) : NaN;
    if (!Number.isFinite(n) || n < min || n > max) {
      this.errors.push(`${name} must be a number from ${min} to ${max}${unit} (got "${clip(v)}").`);
      return undefined;
    }
    return n;
  }

  /** page and per_page, with defaults. */
  paging(): { page: number; perPage: number } {
    return {
      page: this.integer('page', 1, 1_000_000) ?? 1,
      perPage: this.integer('per_page', 1, MAX_PER_PAGE) ?? DEFAULT_PER_PAGE,
    };
  }

  /** page and per_page, or every error read so far. */
  withPaging(): Parsed<{ page: number; perPage: number }> {
    return this.result(this.paging());
  }

  result<T>(value: T): Parsed<T> {
    return this.errors.length ? { ok: false, errors: this.errors } : { ok: true, value };
  }
}

const clip = (s: string) => (s.length > 60 ? `${s.slice(0, 57)}…` : s);

/** Today's date in UTC as 'YYYY-MM-DD'. */
export const todayUtc = (now: Date = new Date()): string => now.toISOString().slice(0, 10);

export interface ParseOptions {
  lookupPlace: PlaceLookup;
  timeMatch?: TimeMatch;
  today?: string;
}

/**
 * Read the ORUK query parameters (plus Belong's `age`) into search params.
 * Unknown parameters are ignored; every bad one is reported.
 */
export function parseServiceSearch(query: RawQuery, opts: ParseOptions): Parsed<ServiceSearchParams> {
  const r = new QueryReader(query);
  const { page, perPage } = r.paging();
  const params: ServiceSearchParams = {
    page,
    perPage,
    taxonomyTermIds: r.uuidList('taxonomy_term_id'),
    timeMatch: opts.timeMatch ?? 'within',
    today: opts.today ?? todayUtc(),
  };

  const search = r.text('search');
  if (search !== undefined) {
    if (search.length > MAX_SEARCH_LENGTH) r.errors.push(`search must be at most ${MAX_SEARCH_LENGTH} characters.`);
    else params.search = search.replace(/\s+/g, ' ');
  }
  const taxonomyId = r.uuid('taxonomy_id');
  if (taxonomyId) params.taxonomyId = taxonomyId;
  const organizationId = r.uuid('organization_id');
  if (organizationId) params.organizationId = organizationId;

  const modified = r.text('modified_after');
  if (modified !== undefined) {
    const d = parseDateTime(modified);
    if (d) params.modifiedAfter = d;
    else r.errors.push(`modified_after must be a date or date-time like 2024-05-01 or 2024-05-01T09:00:00Z (got "${clip(modified)}").`);
  }

  const minimumAge = r.integer('minimum_age', 0, 130);
  if (minimumAge !== undefined) params.minimumAge = minimumAge;
  const maximumAge = r.integer('maximum_age', 0, 130);
  if (maximumAge !== undefined) params.maximumAge = maximumAge;
  const age = r.integer('age', 0, 130);
  if (age !== undefined) params.age = age;

  const day = r.text('day');
  if (day !== undefined) {
    const code = parseDay(day);
    if (code) params.day = code;
    else r.errors.push(`day must be one of MO, TU, WE, TH, FR, SA, SU (or a day name like Monday) (got "${clip(day)}").`);
  }
  for (const [name, key] of [
    ['start_time', 'startTime'],
    ['end_time', 'endTime'],
  ] as const) {
    const v = r.text(name);
    if (v === undefined) continue;
    const t = parseTime(v);
    if (t) params[key] = t;
    else r.errors.push(`${name} must be a time of day like 09:30 (got "${clip(v)}").`);
  }
  if (params.startTime && params.endTime && params.startTime >= params.endTime) {
    r.errors.push('start_time must be before end_time.');
  }

  const postcode = r.text('postcode');
  const proximity = r.number('proximity', 1, MAX_PROXIMITY_METRES, ' metres');
  if (postcode !== undefined) {
    const place = opts.lookupPlace(postcode);
    if (!place) r.errors.push(`postcode "${clip(postcode)}" is not a postcode or postcode district we know.`);
    else
      params.near = {
        code: place.code,
        latitude: place.latitude,
        longitude: place.longitude,
        ...(proximity !== undefined ? { radiusMetres: proximity } : {}),
      };
  } else if (query.proximity !== undefined && query.proximity.trim() !== '') {
    r.errors.push('proximity needs a postcode to measure from.');
  }

  return r.result(params);
}
