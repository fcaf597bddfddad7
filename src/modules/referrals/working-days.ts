/**
 * Working days in England and Wales: Monday to Friday except bank holidays
 * and the deployment's own closures. Deadlines such as "acknowledge within 5
 * working days" count these.
 *
 * Bank holidays come from GOV.UK's official list, vendored in
 * vendor/govuk-bank-holidays (working-days-list.ts; `npm run
 * bank-holidays:refresh` downloads a new one), which has the one-off holidays
 * (VE day 2020, the Platinum Jubilee and the State Funeral in 2022, the
 * coronation in 2023). Only for a year the list does not cover (before it
 * starts, or after it ends until it is refreshed) are they computed: New
 * Year's Day, Good Friday, Easter Monday, early May, spring and summer bank
 * holidays, Christmas Day and Boxing Day, with substitute days when they fall
 * at a weekend; a one-off holiday proclaimed for such a year is missing until
 * the list is refreshed (or it is added as a closure).
 *
 * A deployment adds days it is closed (e.g. Christmas Eve) with
 * BELONG_EXTRA_CLOSURES, passed to `configureClosures` at start-up. Callers
 * may also pass `extra` and `omit` (Scotland and Northern Ireland have other
 * lists).
 *
 * Dates are calendar dates ("YYYY-MM-DD"), UTC arithmetic, no time zones.
 */
import { datesByYear, loadVendoredList } from './working-days-list.ts';

export interface HolidayOptions {
  /** Extra holidays (YYYY-MM-DD). */
  extra?: readonly string[];
  /** Computed holidays that do not apply (YYYY-MM-DD). */
  omit?: readonly string[];
}

const iso = (d: Date): string => d.toISOString().slice(0, 10);
const utc = (y: number, m: number, d: number): Date => new Date(Date.UTC(y, m - 1, d));

/** Easter Sunday (Gregorian), by the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return iso(utc(year, month, day));
}

export function addCalendarDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return iso(d);
}

const weekday = (date: string): number => new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 Sunday … 6 Saturday

/** First (n > 0) or last (n = -1) given weekday of a month. */
function nthWeekday(year: number, month: number, dow: number, n: number): string {
  if (n > 0) {
    const first = utc(year, month, 1);
    const offset = (dow - first.getUTCDay() + 7) % 7;
    return iso(utc(year, month, 1 + offset + 7 * (n - 1)));
  }
  const last = utc(year, month + 1, 0);
  const offset = (last.getUTCDay() - dow + 7) % 7;
  return iso(utc(year, month, last.getUTCDate() - offset));
}

/** The bank holidays the rule gives for a year (no one-off holidays), sorted. Pure. */
export function computedBankHolidays(year: number): string[] {
  const days = new Set<string>();
  // New Year's Day: next Monday when it falls at a weekend.
  const ny = iso(utc(year, 1, 1));
  days.add(weekday(ny) === 6 ? addCalendarDays(ny, 2) : weekday(ny) === 0 ? addCalendarDays(ny, 1) : ny);
  const easter = easterSunday(year);
  days.add(addCalendarDays(easter, -2));
  days.add(addCalendarDays(easter, 1));
  days.add(nthWeekday(year, 5, 1, 1)); // early May: first Monday
  days.add(nthWeekday(year, 5, 1, -1)); // spring: last Monday in May
  days.add(nthWeekday(year, 8, 1, -1)); // summer: last Monday in August
  // Christmas and Boxing Day, with substitutes.
  const xmas = iso(utc(year, 12, 25));
  const wx = weekday(xmas);
  if (wx === 6)
    days.add(addCalendarDays(xmas, 2)).add(addCalendarDays(xmas, 3)); // Sat: Mon 27, Tue 28
  else if (wx === 0)
    days.add(addCalendarDays(xmas, 1)).add(addCalendarDays(xmas, 2)); // Sun: Mon 26, Tue 27
  else if (wx === 5)
    days.add(xmas).add(addCalendarDays(xmas, 3)); // Fri: Boxing Day on Monday 28
  else days.add(xmas).add(addCalendarDays(xmas, 1));
  return [...days].sort();
}

/** The official list, read once; its years are the ones it covers. */
const official = loadVendoredList();
const officialByYear = datesByYear(official);

/** Where the bank holidays come from: the years the official list covers and the date it reflects. */
export const BANK_HOLIDAY_LIST = {
  source: official.source,
  reflects: official.reflects,
  firstYear: Math.min(...officialByYear.keys()),
  lastYear: Math.max(...officialByYear.keys()),
} as const;

/** England and Wales bank holidays for a year, sorted: the official list, or the rule for a year it does not cover. */
export function bankHolidays(year: number, options: HolidayOptions = {}): string[] {
  const days = new Set(officialByYear.get(year) ?? computedBankHolidays(year));
  for (const d of options.omit ?? []) days.delete(d);
  for (const d of options.extra ?? []) if (d.startsWith(`${year}-`)) days.add(d);
  return [...days].sort();
}

let closures: ReadonlySet<string> = new Set();
let closuresKey = '';

/** Days this deployment is closed besides bank holidays (BELONG_EXTRA_CLOSURES): not working days. */
export function configureClosures(dates: readonly string[]): void {
  closures = new Set(dates);
  closuresKey = [...closures].sort().join();
  cache.clear();
}

/** The deployment's closures, sorted. */
export function extraClosures(): string[] {
  return [...closures].sort();
}

const cache = new Map<string, Set<string>>();
function holidaySet(year: number, options: HolidayOptions): Set<string> {
  const key = `${year}|${(options.extra ?? []).join()}|${(options.omit ?? []).join()}|${closuresKey}`;
  let set = cache.get(key);
  if (!set) {
    set = new Set(bankHolidays(year, options));
    for (const d of closures) if (d.startsWith(`${year}-`)) set.add(d);
    cache.set(key, set);
  }
  return set;
}

export function isWorkingDay(date: string, options: HolidayOptions = {}): boolean {
  const w = weekday(date);
  if (w === 0 || w === 6) return false;
  return !holidaySet(Number(date.slice(0, 4)), options).has(date);
}

/**
 * The date `n` working days after `date` (n ≥ 1): "within 5 working days" of
 * a Friday referral is the following Friday. With n = 0, the date itself if it
 * is a working day, otherwise the next working day.
 */
export function addWorkingDays(date: string, n: number, options: HolidayOptions = {}): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError('working days must be a whole number of 0 or more');
  let d = date;
  if (n === 0) {
    while (!isWorkingDay(d, options)) d = addCalendarDays(d, 1);
    return d;
  }
  let left = n;
  while (left > 0) {
    d = addCalendarDays(d, 1);
    if (isWorkingDay(d, options)) left -= 1;
  }
  return d;
}
