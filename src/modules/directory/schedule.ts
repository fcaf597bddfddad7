/**
 * When is a service on? Evaluates HSDS 3 schedules plus Belong's closures.
 *
 * Pages need three plain answers — "on today", "open now", "next sessions" —
 * from the recurrence subset Belong stores (RFC 5545 RRULE parts on the HSDS
 * `schedule` table) and from `belong_schedule_exception` rows (bank holidays,
 * closures, changed hours). Everything here is pure: plain objects in, plain
 * objects out, calendar dates as 'YYYY-MM-DD' strings in Europe/London local
 * time, times as 'HH:MM:SS'. No English is produced: `describeSchedule`
 * returns structured data for the message catalogues to phrase.
 *
 * Rules, in the order they are applied to one schedule on one date:
 *
 * 1. Recurrence. `freq` WEEKLY or MONTHLY. With no `freq`, a schedule with
 *    `byday` is weekly, one with only `bymonthday` is monthly, and one with
 *    neither but a `dtstart` happens once, on `dtstart`.
 *    - WEEKLY: on the `byday` weekdays (default: the weekday of `dtstart`).
 *      `interval` N counts weeks from the week holding `dtstart`, weeks
 *      starting on `wkst` (default MO). Ordinals ("1TU") mean nothing weekly
 *      and are ignored (noted as 'ordinal_in_weekly').
 *    - MONTHLY: `byday` with ordinals ("1TU" first Tuesday, "-1FR" last Friday,
 *      "2SA,4SA"; a bare "TU" is every Tuesday) and/or `bymonthday`
 *      ("1,15"; "-1" is the last day). With both, a day must satisfy both
 *      (RFC 5545). With neither, the day of month of `dtstart`. A fifth
 *      weekday or a 31st simply does not happen in months without one.
 *      `interval` N counts calendar months from the month of `dtstart`.
 *    - An `interval` above 1 without `dtstart` cannot be anchored: it is
 *      treated as 1 (every week/month) and noted as 'interval_without_start'.
 * 2. Bounds. Nothing before `dtstart` or `valid_from`, nothing after `until`
 *    or `valid_to` (all inclusive). `count` limits the occurrences counted
 *    from `dtstart` (closures do not give occurrences back, as in RFC 5545);
 *    without `dtstart` it is ignored and noted as 'count_without_start'.
 * 3. Exceptions. An exception covers the dates `starts_on`..`ends_on`
 *    (inclusive) and applies to one schedule (`schedule_id`) or, when that is
 *    null, to the whole service. One naming the schedule beats a service-wide
 *    one; at the same level `closed` beats changed hours, then the shorter
 *    (more specific) range wins. `closed` removes the session; `closed` false
 *    with `opens_at`/`closes_at` replaces that day's hours. Exceptions never
 *    add a session on a day the schedule does not run: an extra opening is a
 *    schedule of its own (dtstart = until = that day).
 * 4. Times. A session without `opens_at` or `closes_at` is "on that day, time
 *    not given": it counts for "on today" and "next sessions" but never for
 *    "open now" (we do not claim a door is open when we do not know). Opening
 *    is inclusive and closing exclusive: open at 10:00:00 for 10:00–12:00, not
 *    at 12:00:00. A session closing at or before it opens (overnight) is open
 *    from its opening to midnight on its own date only.
 */
import { DAY_CODES } from './service-graph.ts';

export type DayCode = (typeof DAY_CODES)[number];

/** The schedule fields read here; ServiceGraph schedules and `schedule` table rows both fit. */
/** The columns of a stored schedule that the rules read (with the service it belongs to). */
export const SCHEDULE_COLUMNS = [
  'id',
  'service_id',
  'freq',
  'interval',
  'byday',
  'bymonthday',
  'dtstart',
  'until',
  'count',
  'wkst',
  'valid_from',
  'valid_to',
  'opens_at',
  'closes_at',
] as const;

export interface ScheduleInput {
  id: string;
  freq?: string | null;
  interval?: number | null;
  byday?: string | null;
  bymonthday?: string | null;
  dtstart?: string | null;
  until?: string | null;
  count?: number | null;
  wkst?: string | null;
  valid_from?: string | null;
  valid_to?: string | null;
  opens_at?: string | null;
  closes_at?: string | null;
}

/** The exception fields read here; ServiceGraph schedule_exceptions and `belong_schedule_exception` rows both fit. */
export interface ScheduleExceptionInput {
  id?: string | null;
  schedule_id?: string | null;
  starts_on: string;
  ends_on: string;
  closed?: boolean | null;
  opens_at?: string | null;
  closes_at?: string | null;
}

/** One session of a service on one local date. */
export interface Session {
  date: string;
  /** 'HH:MM:SS', or null when the schedule gives no time. */
  opensAt: string | null;
  closesAt: string | null;
  scheduleId: string;
  /** The exception that changed this session's hours, if any. */
  changedBy: string | null;
}

/** Caveats found in a schedule, as codes for translation or data-quality reports. */
export type ScheduleIssue =
  | 'interval_without_start'
  | 'count_without_start'
  | 'frequency_inferred'
  | 'ordinal_in_weekly'
  | 'monthday_in_weekly'
  | 'unknown_frequency'
  | 'bad_byday'
  | 'bad_bymonthday'
  | 'bad_date'
  | 'bad_time'
  | 'no_recurrence'
  | 'empty_validity';

/** Structured, language-free summary of a schedule for the UI to phrase. */
export interface ScheduleSummary {
  /** 'once' = a single date; 'unknown' = no usable recurrence. */
  kind: 'weekly' | 'monthly' | 'once' | 'unknown';
  /** Weekdays involved, Monday first. */
  days: DayCode[];
  /** Monthly by weekday: which occurrences in the month (1..5, -1 = last), sorted; present when every listed day uses the same ones. */
  ordinals?: number[];
  /** Monthly by weekday, exactly as stored: day and ordinal (null = every such weekday). */
  weekdays?: { day: DayCode; ordinal: number | null }[];
  /** Monthly by date: days of the month, -1 = last day. */
  monthDays?: number[];
  /** Every `interval` weeks or months (1 = every). */
  interval: number;
  opensAt: string | null;
  closesAt: string | null;
  /** The single date for kind 'once'. */
  date?: string;
  /** First and last dates the schedule can apply (from dtstart/valid_from and until/valid_to). */
  startsOn: string | null;
  endsOn: string | null;
  count: number | null;
  issues: ScheduleIssue[];
}

// ---------------------------------------------------------------------------
// Calendar arithmetic on day numbers (days since 1970-01-01, proleptic Gregorian, no time zone).

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function dayNumberOf(date: string): number | null {
  const m = DATE_RE.exec(date);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  return Date.UTC(y, mo - 1, d) / 86_400_000;
}

function requireDay(date: string, what = 'date'): number {
  const n = typeof date === 'string' ? dayNumberOf(date) : null;
  if (n === null) throw new RangeError(`${what} must be a calendar date YYYY-MM-DD, got ${JSON.stringify(date)}`);
  return n;
}

function dateOf(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

function ymd(day: number): { y: number; m: number; d: number } {
  const dt = new Date(day * 86_400_000);
  return { y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() };
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday). */
function weekdayIndex(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

/** Weekday code of a 'YYYY-MM-DD' date. */
export function weekdayOf(date: string): DayCode {
  return DAY_CODES[weekdayIndex(requireDay(date))]!;
}

/** Add days to a 'YYYY-MM-DD' date. */
export function addDays(date: string, days: number): string {
  return dateOf(requireDay(date) + days);
}

const TIME_RE = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/;

/** 'H:MM', 'HH:MM' or 'HH:MM:SS' to 'HH:MM:SS'; null when missing or not a time of day ('24:00' allowed). */
export function normaliseTime(t: string | null | undefined): string | null {
  if (t == null) return null;
  const m = TIME_RE.exec(String(t).trim());
  if (!m) return null;
  const h = Number(m[1]);
  const mi = Number(m[2]);
  const s = Number(m[3] ?? 0);
  if (h > 24 || mi > 59 || s > 59 || (h === 24 && (mi > 0 || s > 0))) return null;
  return `${String(h).padStart(2, '0')}:${String(mi).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}

// ---------------------------------------------------------------------------
// Compiling a schedule into a rule

interface Rule {
  id: string;
  kind: 'weekly' | 'monthly' | 'once' | 'unknown';
  interval: number;
  /** Weekly: weekday indexes. Monthly: weekday + ordinal (null = every). */
  weekdays: { day: number; ordinal: number | null }[];
  monthDays: number[];
  start: number | null; // dtstart
  anchored: boolean; // interval/count counted from start
  first: number | null; // max(dtstart, valid_from)
  last: number | null; // min(until, valid_to, count-th occurrence)
  wkst: number;
  opensAt: string | null;
  closesAt: string | null;
  count: number | null;
  issues: ScheduleIssue[];
}

const BYDAY_RE = /^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$/;

function compile(s: ScheduleInput): Rule {
  const issues: ScheduleIssue[] = [];
  const date = (v: string | null | undefined): number | null => {
    if (v == null || v === '') return null;
    const n = dayNumberOf(String(v).slice(0, 10));
    if (n === null) issues.push('bad_date');
    return n;
  };
  const start = date(s.dtstart);
  const until = date(s.until);
  const validFrom = date(s.valid_from);
  const validTo = date(s.valid_to);

  const weekdays: { day: number; ordinal: number | null }[] = [];
  for (const part of (s.byday ?? '')
    .split(',')
    .map((p) => p.trim().toUpperCase())
    .filter(Boolean)) {
    const m = BYDAY_RE.exec(part);
    const ordinal = m?.[1] ? Number(m[1]) : null;
    if (!m || ordinal === 0 || (ordinal !== null && Math.abs(ordinal) > 5)) {
      issues.push('bad_byday');
      continue;
    }
    weekdays.push({ day: DAY_CODES.indexOf(m[2] as DayCode), ordinal });
  }
  const monthDays: number[] = [];
  for (const part of (s.bymonthday ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const n = Number(part);
    if (!Number.isInteger(n) || n === 0 || Math.abs(n) > 31) {
      issues.push('bad_bymonthday');
      continue;
    }
    monthDays.push(n);
  }

  const freq = (s.freq ?? '').toString().trim().toUpperCase();
  let kind: Rule['kind'];
  if (freq === 'WEEKLY') kind = 'weekly';
  else if (freq === 'MONTHLY') kind = 'monthly';
  else {
    if (freq !== '') issues.push('unknown_frequency');
    if (weekdays.length) kind = 'weekly';
    else if (monthDays.length) kind = 'monthly';
    else kind = start !== null ? 'once' : 'unknown';
    if (kind === 'weekly' || kind === 'monthly') issues.push('frequency_inferred');
  }

  if (kind === 'weekly') {
    if (weekdays.some((w) => w.ordinal !== null)) issues.push('ordinal_in_weekly');
    if (monthDays.length) issues.push('monthday_in_weekly');
    if (!weekdays.length && start !== null) weekdays.push({ day: weekdayIndex(start), ordinal: null });
    if (!weekdays.length) kind = 'unknown';
  } else if (kind === 'monthly' && !weekdays.length && !monthDays.length) {
    if (start !== null) monthDays.push(ymd(start).d);
    else kind = 'unknown';
  }
  if (kind === 'unknown') issues.push('no_recurrence');

  let interval = Number.isInteger(s.interval) && (s.interval as number) > 0 ? (s.interval as number) : 1;
  if (interval > 1 && start === null && (kind === 'weekly' || kind === 'monthly')) {
    issues.push('interval_without_start');
    interval = 1;
  }
  const count = Number.isInteger(s.count) && (s.count as number) > 0 ? (s.count as number) : null;
  if (count !== null && start === null && kind !== 'unknown') issues.push('count_without_start');

  const wkstCode = (s.wkst ?? 'MO').toString().trim().toUpperCase();
  const wkst = DAY_CODES.includes(wkstCode as DayCode) ? DAY_CODES.indexOf(wkstCode as DayCode) : 0;

  let opensAt = normaliseTime(s.opens_at);
  let closesAt = normaliseTime(s.closes_at);
  if ((s.opens_at && !opensAt) || (s.closes_at && !closesAt)) issues.push('bad_time');
  if (!opensAt || !closesAt) opensAt = closesAt = null;

  const first = maxDay(start, validFrom);
  let last = minDay(until, validTo);
  if (kind === 'once') last = minDay(last, start);
  if (validFrom !== null && validTo !== null && validFrom > validTo) issues.push('empty_validity');

  const rule: Rule = {
    id: s.id,
    kind,
    interval,
    weekdays,
    monthDays,
    start,
    anchored: start !== null,
    first,
    last,
    wkst,
    opensAt,
    closesAt,
    count,
    issues,
  };
  if (count !== null && start !== null && kind !== 'unknown') rule.last = minDay(rule.last, nthOccurrence(rule, count, until));
  return rule;
}

function maxDay(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : Math.max(a, b);
}
function minDay(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : Math.min(a, b);
}

/** Whether the recurrence pattern (without bounds or count) produces `day`. */
function patternMatches(r: Rule, day: number): boolean {
  switch (r.kind) {
    case 'once':
      return day === r.start;
    case 'weekly': {
      const wd = weekdayIndex(day);
      if (!r.weekdays.some((w) => w.day === wd)) return false;
      if (r.interval > 1 && r.start !== null) {
        const weekStart = (d: number): number => d - ((weekdayIndex(d) - r.wkst + 7) % 7);
        const weeks = Math.round((weekStart(day) - weekStart(r.start)) / 7);
        if (weeks < 0 || weeks % r.interval !== 0) return false;
      }
      return true;
    }
    case 'monthly': {
      const { y, m, d } = ymd(day);
      if (r.interval > 1 && r.start !== null) {
        const s = ymd(r.start);
        const months = (y - s.y) * 12 + (m - s.m);
        if (months < 0 || months % r.interval !== 0) return false;
      }
      const dim = daysInMonth(y, m);
      if (r.monthDays.length && !r.monthDays.some((md) => (md > 0 ? md === d : dim + md + 1 === d))) return false;
      if (r.weekdays.length) {
        const wd = weekdayIndex(day);
        const fromStart = Math.floor((d - 1) / 7) + 1;
        const fromEnd = -(Math.floor((dim - d) / 7) + 1);
        return r.weekdays.some((w) => w.day === wd && (w.ordinal === null || w.ordinal === fromStart || w.ordinal === fromEnd));
      }
      return true;
    }
    default:
      return false;
  }
}

/** Date of the n-th occurrence counted from dtstart (or null when there are fewer before `until`). */
function nthOccurrence(r: Rule, n: number, until: number | null): number | null {
  if (r.start === null) return null;
  // Occurrences are at least once per `interval` months, so this bound is never reached by a valid rule.
  const limit = r.start + 372 * r.interval * (n + 1);
  let seen = 0;
  for (let day = r.start; day <= limit && (until === null || day <= until); day++) {
    if (patternMatches(r, day) && ++seen === n) return day;
  }
  // Fewer than n occurrences exist (within `until`): the count does not cut anything off.
  return until ?? Number.POSITIVE_INFINITY;
}

function ruleOccursOn(r: Rule, day: number): boolean {
  if (r.kind === 'unknown') return false;
  if (r.first !== null && day < r.first) return false;
  if (r.last !== null && day > r.last) return false;
  return patternMatches(r, day);
}

// ---------------------------------------------------------------------------
// The same rules as rows SQL can test (table belong_schedule_rule, migration 0112)

/** One schedule compiled for SQL: see the migration for what each column means. */
export interface ScheduleRuleRow {
  schedule_id: string;
  service_id: string | null;
  kind: 'weekly' | 'monthly' | 'once' | 'unknown';
  weekdays: number[];
  weekday_any: number[];
  weekday_nth: number[];
  month_days: number[];
  every: number;
  wkst: number;
  week_anchor: string | null;
  month_anchor: number | null;
  once_on: string | null;
  first_day: string | null;
  last_day: string | null;
  opens_at: string | null;
  closes_at: string | null;
}

/** The row that lets SQL decide, for any date, what `sessionsOn` decides for this schedule (before exceptions). */
export function scheduleRuleRow(s: ScheduleInput & { service_id?: string | null }): ScheduleRuleRow {
  const r = compile(s);
  const day = (n: number | null) => (n === null || !Number.isFinite(n) ? null : dateOf(n));
  const start = r.start !== null ? ymd(r.start) : null;
  const monthly = r.kind === 'monthly';
  return {
    schedule_id: s.id,
    service_id: s.service_id ?? null,
    kind: r.kind,
    weekdays: r.kind === 'weekly' ? [...new Set(r.weekdays.map((w) => w.day))] : [],
    weekday_any: monthly ? [...new Set(r.weekdays.filter((w) => w.ordinal === null).map((w) => w.day))] : [],
    weekday_nth: monthly ? [...new Set(r.weekdays.filter((w) => w.ordinal !== null).map((w) => w.day * 100 + w.ordinal!))] : [],
    month_days: monthly ? [...new Set(r.monthDays)] : [],
    every: r.interval,
    wkst: r.wkst,
    week_anchor: r.start !== null ? dateOf(r.start - ((weekdayIndex(r.start) - r.wkst + 7) % 7)) : null,
    month_anchor: start ? start.y * 12 + start.m : null,
    once_on: r.kind === 'once' ? day(r.start) : null,
    first_day: day(r.first),
    last_day: r.last !== null && !Number.isFinite(r.last) ? null : day(r.last),
    opens_at: r.opensAt,
    closes_at: r.closesAt,
  };
}

/** What the SQL test needs to know about a date: weekday (0 = Monday), day of month, and so on. */
export interface DayFacts {
  date: string;
  weekday: number;
  monthDay: number;
  daysInMonth: number;
  /** Which such weekday of the month: 1..5 from the start, -1..-5 from the end. */
  fromStart: number;
  fromEnd: number;
  /** year * 12 + month, as month_anchor. */
  monthIndex: number;
}

export function dayFacts(date: string): DayFacts {
  const n = requireDay(date);
  const { y, m, d } = ymd(n);
  const dim = daysInMonth(y, m);
  return {
    date: dateOf(n),
    weekday: weekdayIndex(n),
    monthDay: d,
    daysInMonth: dim,
    fromStart: Math.floor((d - 1) / 7) + 1,
    fromEnd: -(Math.floor((dim - d) / 7) + 1),
    monthIndex: y * 12 + m,
  };
}

// ---------------------------------------------------------------------------
// Exceptions

interface CompiledException {
  id: string | null;
  scheduleId: string | null;
  from: number;
  to: number;
  closed: boolean;
  opensAt: string | null;
  closesAt: string | null;
}

function compileExceptions(exceptions: readonly ScheduleExceptionInput[]): CompiledException[] {
  const out: CompiledException[] = [];
  for (const e of exceptions) {
    const from = dayNumberOf(String(e.starts_on ?? '').slice(0, 10));
    const to = dayNumberOf(String(e.ends_on ?? '').slice(0, 10));
    if (from === null || to === null || to < from) continue; // unusable rows change nothing
    const opensAt = normaliseTime(e.opens_at);
    const closesAt = normaliseTime(e.closes_at);
    const closed = e.closed !== false; // the column defaults to true
    if (!closed && (!opensAt || !closesAt)) continue; // "not closed" without hours changes nothing
    out.push({ id: e.id ?? null, scheduleId: e.schedule_id ?? null, from, to, closed, opensAt, closesAt });
  }
  return out;
}

/** The exception that decides `day` for schedule `scheduleId`, if any (see rule 3 in the header). */
function decidingException(exceptions: readonly CompiledException[], scheduleId: string, day: number): CompiledException | null {
  let best: CompiledException | null = null;
  const rank = (e: CompiledException): number => (e.scheduleId === scheduleId ? 2 : 0) + (e.closed ? 1 : 0);
  for (const e of exceptions) {
    if (day < e.from || day > e.to) continue;
    if (e.scheduleId !== null && e.scheduleId !== scheduleId) continue;
    if (!best || rank(e) > rank(best) || (rank(e) === rank(best) && e.to - e.from < best.to - best.from)) best = e;
  }
  return best;
}

// ---------------------------------------------------------------------------
// Public questions

function sessionsForDay(rules: readonly Rule[], exceptions: readonly CompiledException[], day: number): Session[] {
  const date = dateOf(day);
  const sessions: Session[] = [];
  for (const r of rules) {
    if (!ruleOccursOn(r, day)) continue;
    const e = decidingException(exceptions, r.id, day);
    if (e?.closed) continue;
    if (e) sessions.push({ date, opensAt: e.opensAt, closesAt: e.closesAt, scheduleId: r.id, changedBy: e.id });
    else sessions.push({ date, opensAt: r.opensAt, closesAt: r.closesAt, scheduleId: r.id, changedBy: null });
  }
  return sessions.sort(compareSessions);
}

/** Sessions on a day: time not given first, then by opening, closing and schedule id. */
function compareSessions(a: Session, b: Session): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  const ka = a.opensAt ?? '';
  const kb = b.opensAt ?? '';
  if (ka !== kb) return ka < kb ? -1 : 1;
  const ca = a.closesAt ?? '';
  const cb = b.closesAt ?? '';
  if (ca !== cb) return ca < cb ? -1 : 1;
  return a.scheduleId < b.scheduleId ? -1 : a.scheduleId > b.scheduleId ? 1 : 0;
}

/** The sessions of a service on one local date ('YYYY-MM-DD'), sorted. */
export function sessionsOn(schedules: readonly ScheduleInput[], exceptions: readonly ScheduleExceptionInput[], date: string): Session[] {
  const day = requireDay(date);
  return sessionsForDay(schedules.map(compile), compileExceptions(exceptions), day);
}

/** "On today": at least one session on that date (with or without a time). */
export function isOnDay(schedules: readonly ScheduleInput[], exceptions: readonly ScheduleExceptionInput[], date: string): boolean {
  return sessionsOn(schedules, exceptions, date).length > 0;
}

/** Whether a session with known hours covers a local time: opens ≤ time < closes. */
export function sessionCovers(session: Pick<Session, 'opensAt' | 'closesAt'>, time: string): boolean {
  const t = normaliseTime(time);
  if (!t || !session.opensAt || !session.closesAt) return false;
  if (session.closesAt <= session.opensAt) return t >= session.opensAt; // overnight: to midnight only
  return session.opensAt <= t && t < session.closesAt;
}

/** "Open now": a session with known hours covers `localTime` ('HH:MM' or 'HH:MM:SS') on `localDate`. */
export function isOpenAt(
  schedules: readonly ScheduleInput[],
  exceptions: readonly ScheduleExceptionInput[],
  localDate: string,
  localTime: string,
): boolean {
  if (!normaliseTime(localTime)) throw new RangeError(`localTime must be HH:MM or HH:MM:SS, got ${JSON.stringify(localTime)}`);
  return sessionsOn(schedules, exceptions, localDate).some((s) => sessionCovers(s, localTime));
}

/** "Open now" for an instant, judged in Europe/London local time. */
export function isOpenAtInstant(schedules: readonly ScheduleInput[], exceptions: readonly ScheduleExceptionInput[], when: Date): boolean {
  const local = londonLocal(when);
  return isOpenAt(schedules, exceptions, local.date, local.time);
}

/**
 * The next `n` sessions from `fromDate` (inclusive), looking at most
 * `horizonDays` days ahead (fromDate counts as the first). With
 * `options.afterTime`, sessions on `fromDate` that have already closed by then
 * are left out (sessions without a time are kept: they may still be on).
 */
export function nextSessions(
  schedules: readonly ScheduleInput[],
  exceptions: readonly ScheduleExceptionInput[],
  fromDate: string,
  n: number,
  horizonDays = 90,
  options: { afterTime?: string } = {},
): Session[] {
  const from = requireDay(fromDate, 'fromDate');
  if (!Number.isInteger(n) || n < 0) throw new RangeError('n must be a whole number of sessions');
  if (!Number.isInteger(horizonDays) || horizonDays < 0 || horizonDays > 3660) throw new RangeError('horizonDays must be 0..3660');
  const after = options.afterTime === undefined ? null : normaliseTime(options.afterTime);
  if (options.afterTime !== undefined && !after) throw new RangeError('afterTime must be HH:MM or HH:MM:SS');
  const rules = schedules.map(compile).filter((r) => r.kind !== 'unknown');
  const ex = compileExceptions(exceptions);
  const out: Session[] = [];
  for (let day = from; day < from + horizonDays && out.length < n; day++) {
    for (const s of sessionsForDay(rules, ex, day)) {
      if (day === from && after && s.closesAt && s.opensAt && s.closesAt > s.opensAt && s.closesAt <= after) continue;
      out.push(s);
      if (out.length === n) break;
    }
  }
  return out;
}

/** Language-free summary of one schedule for the UI (see ScheduleSummary). */
export function describeSchedule(schedule: ScheduleInput): ScheduleSummary {
  const r = compile(schedule);
  const days = [...new Set(r.weekdays.map((w) => w.day))].sort((a, b) => a - b).map((d) => DAY_CODES[d]!);
  const summary: ScheduleSummary = {
    kind: r.kind,
    days: r.kind === 'once' && r.start !== null ? [DAY_CODES[weekdayIndex(r.start)]!] : days,
    interval: r.interval,
    opensAt: r.opensAt,
    closesAt: r.closesAt,
    startsOn: r.first === null ? null : dateOf(r.first),
    endsOn: r.last === null || !Number.isFinite(r.last) ? null : dateOf(r.last),
    count: r.count,
    issues: [...new Set(r.issues)],
  };
  if (r.kind === 'once' && r.start !== null) summary.date = dateOf(r.start);
  if (r.kind === 'monthly') {
    if (r.weekdays.length) {
      summary.weekdays = r.weekdays.map((w) => ({ day: DAY_CODES[w.day]!, ordinal: w.ordinal }));
      const perDay = new Map<number, string>();
      for (const d of new Set(r.weekdays.map((w) => w.day))) {
        const ords = r.weekdays.filter((w) => w.day === d).map((w) => w.ordinal);
        perDay.set(d, ords.includes(null) ? 'all' : JSON.stringify([...new Set(ords)].sort(byOrdinal)));
      }
      const shapes = new Set(perDay.values());
      if (shapes.size === 1) {
        const only = [...shapes][0]!;
        if (only !== 'all') summary.ordinals = JSON.parse(only) as number[];
      }
    }
    if (r.monthDays.length) summary.monthDays = [...new Set(r.monthDays)].sort(byOrdinal);
  }
  return summary;
}

/** 1, 2, … 5, then -5 … -1 (last): the order people read "first, second, last". */
function byOrdinal(a: number | null, b: number | null): number {
  const key = (x: number | null): number => (x === null ? 0 : x > 0 ? x : 100 + x);
  return key(a) - key(b);
}

// ---------------------------------------------------------------------------
// Europe/London local time

const LONDON = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
  weekday: 'short',
});
const SHORT_DAYS: Record<string, DayCode> = { Mon: 'MO', Tue: 'TU', Wed: 'WE', Thu: 'TH', Fri: 'FR', Sat: 'SA', Sun: 'SU' };

let lastLocal: { at: number; local: { date: string; time: string; weekday: DayCode } } | null = null;

/** The Europe/London wall-clock date, time and weekday of an instant (follows GMT/BST changes). */
export function londonLocal(date: Date): { date: string; time: string; weekday: DayCode } {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) throw new RangeError('londonLocal needs a valid Date');
  // A page asks for the same instant once per service it shows: the last answer is kept.
  const at = date.getTime();
  if (lastLocal?.at === at) return { ...lastLocal.local };
  const local = londonLocalNow(date);
  lastLocal = { at, local };
  return { ...local };
}

function londonLocalNow(date: Date): { date: string; time: string; weekday: DayCode } {
  const parts: Record<string, string> = {};
  for (const p of LONDON.formatToParts(date)) parts[p.type] = p.value;
  const weekday = SHORT_DAYS[parts.weekday ?? ''];
  if (!weekday) throw new Error(`unexpected weekday ${parts.weekday} from Intl`);
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    time: `${parts.hour}:${parts.minute}:${parts.second}`,
    weekday,
  };
}
