/**
 * Turning directory records into the short, plain phrases the public pages
 * show, in the person's language: a schedule as "Every Tuesday, 10:00 to
 * 12:00", a distance as "1.2 km · about 15 minutes' walk", a service as one
 * line of facts ("Speaks Bengali · Women only · Free · Crèche · …").
 *
 * Pure: everything comes in as arguments (the translation kit, the records,
 * today's date), so each phrase is unit-tested. Numbers, dates, day and
 * language names come from Intl in the language's own digits and words;
 * everything else from the message catalogues.
 */
import type { MessageKey } from '../../platform/i18n/catalogue.ts';
import type { I18n } from '../../platform/i18n/i18n.ts';
import { describeSchedule, type ScheduleInput, type ScheduleSummary } from '../directory/schedule.ts';
import type { DayCode } from '../directory/service-search.ts';
import type { FindQuery } from './find-query.ts';

// ---------------------------------------------------------------------------
// Days, times, dates

/** 1 January 2024 was a Monday. */
const DAY_INDEX: Record<DayCode, number> = { MO: 0, TU: 1, WE: 2, TH: 3, FR: 4, SA: 5, SU: 6 };

const WEEKDAY: Intl.DateTimeFormatOptions = { weekday: 'long' };
const CLOCK: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
const DAY_AND_DATE: Intl.DateTimeFormatOptions = { weekday: 'long', day: 'numeric', month: 'long' };

/**
 * Phrases that depend only on the language and a small input (a weekday, a
 * clock time, a language code), kept once made: a results page names the
 * same days, times and walks many times over. Cleared when it grows past `limit`,
 * as clock times come from other people's feeds.
 */
function phraseMemo(limit: number): (language: string, input: string | number, make: () => string) => string {
  let kept = new Map<string, string>();
  return (language, input, make) => {
    const key = `${language}|${input}`;
    let phrase = kept.get(key);
    if (phrase === undefined) {
      phrase = make();
      if (kept.size >= limit) kept = new Map();
      kept.set(key, phrase);
    }
    return phrase;
  };
}

const dayNames = phraseMemo(1_000);
const clockTimes = phraseMemo(10_000);
const walks = phraseMemo(1_000);

/** The weekday's name in the person's language ("Tuesday", "الثلاثاء"). */
export function dayName(i18n: I18n, day: DayCode): string {
  return dayNames(i18n.info.intl, day, () => i18n.formatDate(Date.UTC(2024, 0, 1 + DAY_INDEX[day], 12), WEEKDAY));
}

/** 'HH:MM:SS' as a 24-hour clock time in the language's digits ("10:00", "١٠:٠٠"). */
export function timeText(i18n: I18n, time: string): string {
  return clockTimes(i18n.info.intl, time, () => {
    const [h = 0, m = 0] = time.split(':').map(Number);
    // January, so London time is UTC and the hour is printed as given.
    return i18n.formatDate(Date.UTC(2024, 0, 1, h % 24, m), CLOCK);
  });
}

/** A 'YYYY-MM-DD' date, long style ("5 March 2026"). */
export function dateText(i18n: I18n, date: string): string {
  return i18n.formatDate(new Date(`${date}T12:00:00Z`));
}

/** A 'YYYY-MM-DD' date with its weekday, without the year ("Tuesday 25 November"). */
export function dayDateText(i18n: I18n, date: string): string {
  return i18n.formatDate(new Date(`${date}T12:00:00Z`), DAY_AND_DATE);
}

/** "10:00 to 12:00". */
export function hoursText(i18n: I18n, opensAt: string, closesAt: string): string {
  return i18n.t('when.hours', { from: timeText(i18n, opensAt), to: timeText(i18n, closesAt) });
}

// ---------------------------------------------------------------------------
// Schedules

function ordinalKey(n: number): string {
  return n === -1 ? 'last' : String(n);
}

/** The rhythm part of a schedule, without hours: "Every Tuesday", "First Saturday of the month". */
function rhythmText(i18n: I18n, s: ScheduleSummary): string {
  const days = i18n.formatList(s.days.map((d) => dayName(i18n, d)));
  switch (s.kind) {
    case 'weekly':
      if (s.interval === 1) return i18n.t('when.everyWeek', { days });
      if (s.interval === 2) return i18n.t('when.everyOtherWeek', { days });
      return i18n.t('when.everyNWeeks', { count: s.interval, days });
    case 'monthly': {
      const parts: string[] = [];
      for (const w of s.weekdays ?? []) {
        parts.push(
          i18n.t('when.monthlyWeekday', { ordinal: w.ordinal === null ? 'every' : ordinalKey(w.ordinal), day: dayName(i18n, w.day) }),
        );
      }
      if (s.monthDays?.length) {
        const dates = s.monthDays.filter((d) => d > 0).map((d) => i18n.formatNumber(d));
        if (dates.length) parts.push(i18n.t('when.monthDays', { days: i18n.formatList(dates) }));
        if (s.monthDays.includes(-1)) parts.push(i18n.t('when.lastDayOfMonth'));
      }
      const text = i18n.formatList(parts);
      return s.interval > 1 ? i18n.t('when.everyNMonths', { when: text, count: s.interval }) : text;
    }
    case 'once':
      return i18n.t('when.once', { date: dateText(i18n, s.date!) });
    default:
      return i18n.t('when.askForTimes');
  }
}

/**
 * A schedule in words: "Every Tuesday, 10:00 to 12:00", "First Saturday of
 * the month", "Every other Monday, 18:00 to 20:00, until 31 March 2026".
 * Start and end dates are only mentioned when they matter from `today` on.
 */
export function scheduleText(i18n: I18n, schedule: ScheduleInput, today: string): string {
  const s = describeSchedule(schedule);
  let text = rhythmText(i18n, s);
  if (s.kind === 'unknown') return text;
  if (s.opensAt && s.closesAt)
    text = i18n.t('when.withHours', { when: text, from: timeText(i18n, s.opensAt), to: timeText(i18n, s.closesAt) });
  if (s.kind !== 'once') {
    if (s.startsOn && s.startsOn > today) text = i18n.t('when.startingOn', { when: text, date: dateText(i18n, s.startsOn) });
    if (s.endsOn) text = i18n.t('when.until', { when: text, date: dateText(i18n, s.endsOn) });
  }
  return text;
}

/** Schedules that still apply on or after `today` (ended ones are left out). */
export function currentSchedules<T extends ScheduleInput>(schedules: readonly T[], today: string): T[] {
  return schedules.filter((s) => {
    const d = describeSchedule(s);
    return !(d.endsOn && d.endsOn < today);
  });
}

// ---------------------------------------------------------------------------
// Distance

/** Walking pace used for "minutes' walk": 4.8 km/h, a gentle pace. */
export const WALK_METRES_PER_MINUTE = 80;
/** Walks longer than this are not suggested. */
const MAX_WALK_MINUTES = 60;

const KM_TENTHS: Intl.NumberFormatOptions = { style: 'unit', unit: 'kilometer', unitDisplay: 'short', maximumFractionDigits: 1 };
const KM_WHOLE: Intl.NumberFormatOptions = { ...KM_TENTHS, maximumFractionDigits: 0 };

/** "1.2 km" in the language's digits and unit. */
export function kmText(i18n: I18n, metres: number): string {
  const km = metres / 1000;
  return i18n.formatNumber(km, km < 10 ? KM_TENTHS : KM_WHOLE);
}

/** Minutes on foot, rounded up to 5 (at least 5). */
export function walkMinutes(metres: number): number {
  return Math.max(5, Math.ceil(metres / WALK_METRES_PER_MINUTE / 5) * 5);
}

/** ["1.2 km", "about 15 minutes' walk"]; the walk is left out beyond an hour. */
export function distanceParts(i18n: I18n, metres: number): string[] {
  const parts = [kmText(i18n, metres)];
  const minutes = walkMinutes(metres);
  if (minutes <= MAX_WALK_MINUTES) parts.push(walks(i18n.locale, minutes, () => i18n.t('find.walk', { minutes })));
  return parts;
}

/** "1.2 km · about 15 minutes' walk". */
export function distanceText(i18n: I18n, metres: number): string {
  return distanceParts(i18n, metres).join(' · ');
}

// ---------------------------------------------------------------------------
// Languages

/** Names people know better than CLDR's, in English. */
const ENGLISH_NAMES: Record<string, string> = {
  bn: 'Bengali',
  ckb: 'Kurdish Sorani',
  kmr: 'Kurdish Kurmanji',
  fa: 'Farsi',
  prs: 'Dari',
  pa: 'Punjabi',
};
const displayNames = new Map<string, Intl.DisplayNames>();
/** CLDR's name of a code in a language, '' when it has none (codes come from other people's feeds). */
const cldrNames = phraseMemo(10_000);

/** A language's name in the person's language ("Bengali", "البنغالية"), else the stored name, else the code. */
export function languageName(i18n: I18n, code: string, stored?: string | null): string {
  if (i18n.locale === 'en' && ENGLISH_NAMES[code]) return ENGLISH_NAMES[code];
  const name = cldrNames(i18n.info.intl, code, () => {
    let names = displayNames.get(i18n.info.intl);
    if (!names) {
      names = new Intl.DisplayNames(i18n.info.intl, { type: 'language', fallback: 'none' });
      displayNames.set(i18n.info.intl, names);
    }
    try {
      const of = names.of(code);
      return of && of !== code ? of : '';
    } catch {
      return '';
    }
  });
  return name || (stored ?? ENGLISH_NAMES[code] ?? code);
}

const sortedNames = new WeakMap<readonly string[], Map<string, readonly { code: string; name: string }[]>>();

/**
 * Orders language names for display: the alphabet of the person's language.
 * Kept per list of codes (the directory's list is the same array until the
 * directory changes) and language, so a page does not name and sort every
 * language again: the answer is shared, not to be changed.
 */
export function sortedLanguageNames(i18n: I18n, codes: readonly string[]): readonly { code: string; name: string }[] {
  let byLocale = sortedNames.get(codes);
  if (!byLocale) {
    byLocale = new Map();
    sortedNames.set(codes, byLocale);
  }
  let sorted = byLocale.get(i18n.locale);
  if (!sorted) {
    const collator = new Intl.Collator(i18n.info.intl);
    sorted = codes.map((code) => ({ code, name: languageName(i18n, code) })).sort((a, b) => collator.compare(a.name, b.name));
    byLocale.set(i18n.locale, sorted);
  }
  return sorted;
}

// ---------------------------------------------------------------------------
// Facts about a service

/** What the facts line needs to know about a service. */
export interface FactsInput {
  gender: string | null;
  costBand: string | null;
  childcare: boolean;
  transport: boolean;
  accompany: boolean;
  interpreter: boolean;
  entry: string | null;
  modes: readonly string[];
  languages: readonly { code: string; name?: string | null }[];
  schedules: readonly ScheduleInput[];
  distanceMetres?: number | null;
}

const MAX_LANGUAGES_IN_LINE = 3;

/**
 * The languages worth mentioning in one line: the one asked for (or the
 * person's own) first, then others besides English; English alone only when
 * it is the only one and the person reads another language.
 */
function languagesFact(i18n: I18n, f: FactsInput, asked: string | null): string | null {
  const codes = f.languages.map((l) => l.code);
  const preferred = asked ?? (i18n.locale !== 'en' ? i18n.locale : null);
  const chosen: string[] = [];
  if (preferred && codes.includes(preferred)) chosen.push(preferred);
  for (const c of codes) if (c !== 'en' && !chosen.includes(c) && chosen.length < MAX_LANGUAGES_IN_LINE) chosen.push(c);
  if (!chosen.length && codes.includes('en') && i18n.locale !== 'en') chosen.push('en');
  if (!chosen.length) return null;
  const stored = new Map(f.languages.map((l) => [l.code, l.name ?? null]));
  return i18n.t('facts.speaks', { languages: i18n.formatList(chosen.map((c) => languageName(i18n, c, stored.get(c)))) });
}

/**
 * One line of facts, most important first: languages, who can come, cost,
 * practical help, how to join, when, how far. Empty facts are left out.
 */
export function factsLine(i18n: I18n, f: FactsInput, opts: { today: string; askedLanguage?: string | null }): string[] {
  const out: string[] = [];
  const lang = languagesFact(i18n, f, opts.askedLanguage ?? null);
  if (lang) out.push(lang);
  if (opts.askedLanguage && f.interpreter && !f.languages.some((l) => l.code === opts.askedLanguage)) out.push(i18n.t('facts.interpreter'));
  if (f.gender === 'women_only' || f.gender === 'men_only') out.push(i18n.t(`term.gender.${f.gender}` as MessageKey));
  if (f.costBand === 'free' || f.costBand === 'low_cost') out.push(i18n.t(`term.cost.${f.costBand}` as MessageKey));
  if (f.childcare) out.push(i18n.t('facts.creche'));
  if (f.transport) out.push(i18n.t('facts.fares'));
  if (f.accompany) out.push(i18n.t('facts.goWith'));
  if (f.entry === 'drop_in') out.push(i18n.t('facts.dropIn'));
  for (const m of ['phone', 'online', 'home_visit'] as const) if (f.modes.includes(m)) out.push(i18n.t(`term.mode.${m}`));
  const current = currentSchedules(f.schedules, opts.today);
  if (current.length) {
    const first = scheduleText(i18n, current[0]!, opts.today);
    out.push(current.length > 1 ? i18n.t('facts.moreTimes', { when: first }) : first);
  }
  if (f.distanceMetres != null) out.push(...distanceParts(i18n, f.distanceMetres));
  return out;
}

// ---------------------------------------------------------------------------
// Other service facts

/** How fresh a listing's check is. */
export type Checked = { kind: 'recent'; date: string } | { kind: 'old'; date: string } | { kind: 'never' };

/** A check older than this many days is "not recent". */
export const CHECK_FRESH_DAYS = 365;

export function lastChecked(assuredDate: string | null | undefined, today: string): Checked {
  if (!assuredDate) return { kind: 'never' };
  const date = String(assuredDate).slice(0, 10);
  const age = (Date.parse(`${today}T00:00:00Z`) - Date.parse(`${date}T00:00:00Z`)) / 86_400_000;
  return age > CHECK_FRESH_DAYS ? { kind: 'old', date } : { kind: 'recent', date };
}

/** "Ages 18 and over", "Ages 5 to 11", "Up to age 25"; null when open to all ages. */
export function agesText(i18n: I18n, min: number | null, max: number | null): string | null {
  if (min != null && max != null) return i18n.t('service.agesBetween', { min, max });
  if (min != null && min > 0) return i18n.t('service.agesFrom', { min });
  if (max != null) return i18n.t('service.agesUpTo', { max });
  return null;
}

/** "£2.50" in the language's digits; whole pounds without pence. */
export function moneyText(i18n: I18n, amount: number, currency: string | null): string {
  const whole = Number.isInteger(amount);
  return i18n.formatNumber(amount, {
    style: 'currency',
    currency: currency ?? 'GBP',
    minimumFractionDigits: whole ? 0 : 2,
    maximumFractionDigits: 2,
  });
}

/** What the person asked for, for a facts line: the language they filtered on. */
export const askedLanguage = (q: Pick<FindQuery, 'lang'>): string | null => q.lang;

/** A phone number as a `tel:` address (digits and a leading +; a "(0)" after +44 is dropped, as it is not dialled). */
export function telHref(number: string): string {
  const digits = number.replace(/\(0\)/g, '').replace(/[^\d+]/g, '');
  return `tel:${digits}`;
}
