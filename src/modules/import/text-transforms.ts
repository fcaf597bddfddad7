/**
 * Reading the free text people type into spreadsheets: yes/no cells, costs
 * ("£3 suggested donation"), days ("Mon, Wed", "Every Thursday",
 * "Monday-Friday", "1st Tuesday of the month"), times ("10am-12pm",
 * "1.30pm to 3pm"), how to get in ("self-referral"), dates ("12/03/2024").
 *
 * Every reader is pure and returns either a value or a plain sentence saying
 * what it could not understand, which the importer reports against the row.
 */
import { DAY_CODES, type BelongService } from '../directory/service-graph.ts';

export type Read<T> = { ok: true; value: T } | { ok: false; problem: string };
const ok = <T>(value: T): Read<T> => ({ ok: true, value });
const fail = <T>(problem: string): Read<T> => ({ ok: false, problem });

const blank = (s: string | null | undefined): s is null | undefined | '' => s == null || s.trim() === '';

// ---------------------------------------------------------------------------
// yes / no
// ---------------------------------------------------------------------------

const YES = new Set(['yes', 'y', 'true', 't', '1', 'x', '✓', '✔', 'available', 'offered', 'provided']);
const NO = new Set(['no', 'n', 'false', 'f', '0', '-', 'none', 'not available', 'n/a', 'na']);

/** "Yes", "Y", "true", "✓" → true; "No", "N", "false", "-" → false; blank → null. */
export function readYesNo(text: string | null | undefined): Read<boolean | null> {
  if (blank(text)) return ok(null);
  const t = text
    .trim()
    .toLowerCase()
    .replace(/[.!]+$/, '');
  if (YES.has(t) || /^yes\b/.test(t)) return ok(true);
  if (NO.has(t) || /^no\b/.test(t)) return ok(false);
  return fail(`"${text.trim()}" is not yes or no`);
}

// ---------------------------------------------------------------------------
// cost
// ---------------------------------------------------------------------------

export interface CostReading {
  band: BelongService['cost_band'];
  /** One cost option per amount found. */
  options: { option: string | null; amount: number; currency: 'GBP'; amount_description: string }[];
  /** The text as written, for fees_description. */
  description: string;
}

/** At or below this, a charge is "low cost". */
export const LOW_COST_LIMIT_GBP = 5;

/**
 * "Free" → free; "£2" → low cost, one option of £2; "£3 suggested donation"
 * or "donations welcome" → free (a donation is never a condition of taking
 * part), with the amount kept as an option; "£12 per class" → paid.
 */
export function readCost(text: string | null | undefined): Read<CostReading | null> {
  if (blank(text)) return ok(null);
  const description = text.trim();
  const t = description.toLowerCase();
  const donation = /donat|pay what you (can|feel)|optional|voluntary contribution|contribution welcome/.test(t);
  const amounts = [
    ...t.matchAll(/£\s*(\d+(?:\.\d{1,2})?)|(\d+(?:\.\d{1,2})?)\s*(?:p\b|pence)|(\d+(?:\.\d{1,2})?)\s*(?:gbp|pounds?)\b/g),
  ].map((m) => (m[1] ? Number(m[1]) : m[2] ? Number(m[2]) / 100 : Number(m[3])));
  if (!amounts.length) {
    if (/\bfree\b|no charge|no cost|nothing|£0\b/.test(t) || donation) {
      return ok({ band: 'free', options: [], description });
    }
    if (/low cost|small charge|subsidi[sz]ed|concession/.test(t)) return ok({ band: 'low_cost', options: [], description });
    if (/\bcharge|\bfee|\bpaid\b|\bcost/.test(t)) return ok({ band: 'paid', options: [], description });
    return fail(`could not read the cost "${description}" (write Free, £2, or £3 suggested donation)`);
  }
  const options = amounts.map((amount) => ({
    option: donation ? 'Suggested donation' : null,
    amount,
    currency: 'GBP' as const,
    amount_description: description,
  }));
  const highest = Math.max(...amounts);
  const band: CostReading['band'] = donation || highest === 0 ? 'free' : highest <= LOW_COST_LIMIT_GBP ? 'low_cost' : 'paid';
  return ok({ band, options, description });
}

/**
 * A cost band from a feed's cost options (their amounts: 0 is free) and its
 * fees text; null when neither says anything (not stated is not free).
 */
export function costBandFor(amounts: number[], text?: string | null): BelongService['cost_band'] {
  const positive = amounts.filter((a) => a > 0);
  if (positive.length) return Math.max(...positive) <= LOW_COST_LIMIT_GBP ? 'low_cost' : 'paid';
  if (text) {
    const r = readCost(text);
    if (r.ok && r.value) return r.value.band;
  }
  return amounts.length ? 'free' : null;
}

// ---------------------------------------------------------------------------
// days
// ---------------------------------------------------------------------------

type Day = (typeof DAY_CODES)[number];
const DAY_WORDS: Record<string, Day> = {
  mo: 'MO',
  mon: 'MO',
  monday: 'MO',
  mondays: 'MO',
  tu: 'TU',
  tue: 'TU',
  tues: 'TU',
  tuesday: 'TU',
  tuesdays: 'TU',
  we: 'WE',
  wed: 'WE',
  weds: 'WE',
  wednesday: 'WE',
  wednesdays: 'WE',
  th: 'TH',
  thu: 'TH',
  thur: 'TH',
  thurs: 'TH',
  thursday: 'TH',
  thursdays: 'TH',
  fr: 'FR',
  fri: 'FR',
  friday: 'FR',
  fridays: 'FR',
  sa: 'SA',
  sat: 'SA',
  saturday: 'SA',
  saturdays: 'SA',
  su: 'SU',
  sun: 'SU',
  sunday: 'SU',
  sundays: 'SU',
};
const ORDINALS: Record<string, number> = {
  '1st': 1,
  first: 1,
  '2nd': 2,
  second: 2,
  '3rd': 3,
  third: 3,
  '4th': 4,
  fourth: 4,
  '5th': 5,
  fifth: 5,
  last: -1,
};

/** Words around day names that carry no schedule ("every", "term time only"). */
const IGNORED_DAY_WORDS =
  /^(every|each|on|and|&|the|of|only|weekly|week|day|days|s|-|term|time|termtime|during|except|excluding|not|bank|holidays?|school|in|from)$/;

export interface DaysReading {
  freq: 'WEEKLY' | 'MONTHLY';
  interval: number | null;
  /** RRULE BYDAY: "MO,WE" or "1TU,3TU" for monthly rules. */
  byday: string;
}

function dayRange(from: Day, to: Day): Day[] {
  const a = DAY_CODES.indexOf(from);
  const b = DAY_CODES.indexOf(to);
  const out: Day[] = [];
  for (let i = a; ; i = (i + 1) % 7) {
    out.push(DAY_CODES[i]!);
    if (i === b || out.length === 7) break;
  }
  return out;
}

/**
 * "Mon, Wed" → WEEKLY MO,WE; "Tuesdays" / "Every Thursday" → WEEKLY;
 * "Monday-Friday", "Mon to Fri", "weekdays", "daily"; "every other Monday" /
 * "fortnightly on Mondays" → interval 2; "1st and 3rd Tuesday of the month",
 * "last Friday of each month" → MONTHLY 1TU,3TU / -1FR. Blank → null.
 */
export function readDays(text: string | null | undefined): Read<DaysReading | null> {
  if (blank(text)) return ok(null);
  const original = text.trim();
  let t = original
    .toLowerCase()
    .replace(/\([^)]*\)/g, ' ')
    .replace(/[–—]/g, '-')
    .replace(/\b(every|each|on|the|of|month|monthly|only|and|&|day|days|weekly|week)\b/g, (w) => ` ${w} `)
    .replace(/\s+/g, ' ')
    .trim();
  let interval: number | null = null;
  if (/\b(fortnightly|every other|alternate|every (2|two|second) weeks?)\b/.test(t)) {
    interval = 2;
    t = t.replace(/\b(fortnightly|every other|alternate|every (2|two|second) weeks?)\b/g, ' ');
  }
  if (/^(daily|every ?day|7 days( a week)?|all week|mon(day)?\s*-\s*sun(day)?)$/.test(t.trim())) {
    return ok({ freq: 'WEEKLY', interval, byday: DAY_CODES.join(',') });
  }

  // Monthly: ordinals before a day name.
  const monthly = [
    ...t.matchAll(/\b((?:(?:1st|2nd|3rd|4th|5th|first|second|third|fourth|fifth|last)(?:\s*(?:,|and|&)\s*)?)+)\s*([a-z]+)/g),
  ];
  if (monthly.length) {
    const parts: string[] = [];
    for (const m of monthly) {
      const day = DAY_WORDS[m[2]!];
      if (!day) return fail(`could not read the days "${original}"`);
      for (const o of m[1]!.split(/\s*(?:,|and|&)\s*|\s+/).filter(Boolean)) {
        const n = ORDINALS[o];
        if (n === undefined) return fail(`could not read the days "${original}"`);
        parts.push(`${n}${day}`);
      }
    }
    return ok({ freq: 'MONTHLY', interval, byday: [...new Set(parts)].join(',') });
  }

  const days = new Set<Day>();
  if (/\bweekdays?\b/.test(t)) {
    for (const d of ['MO', 'TU', 'WE', 'TH', 'FR'] as const) days.add(d);
    t = t.replace(/\bweekdays?\b/g, ' ');
  }
  if (/\bweekends?\b/.test(t)) {
    days.add('SA');
    days.add('SU');
    t = t.replace(/\bweekends?\b/g, ' ');
  }
  // Ranges: "monday-friday", "mon to fri", "tues - thurs".
  t = t.replace(/\b([a-z]+)(?:\s*-\s*|\s+(?:to|until|till|through)\s+)([a-z]+)\b/g, (whole, a: string, b: string) => {
    const from = DAY_WORDS[a];
    const to = DAY_WORDS[b];
    if (!from || !to) return whole;
    for (const d of dayRange(from, to)) days.add(d);
    return ' ';
  });
  const leftovers: string[] = [];
  for (const word of t.split(/[\s,;/+.]+/).filter(Boolean)) {
    const d = DAY_WORDS[word];
    if (d) days.add(d);
    else if (!IGNORED_DAY_WORDS.test(word)) leftovers.push(word);
  }
  if (!days.size || leftovers.length) return fail(`could not read the days "${original}"`);
  return ok({ freq: 'WEEKLY', interval, byday: DAY_CODES.filter((d) => days.has(d)).join(',') });
}

// ---------------------------------------------------------------------------
// times
// ---------------------------------------------------------------------------

interface ClockRead {
  h: number;
  m: number;
  suffix: 'am' | 'pm' | null;
}

function readClock(s: string): ClockRead | null {
  const t = s.trim().toLowerCase().replace(/\s+/g, '');
  if (/^(12)?(noon|midday)$/.test(t)) return { h: 12, m: 0, suffix: 'pm' };
  if (t === 'midnight') return { h: 0, m: 0, suffix: 'am' };
  const m = /^(\d{1,2})(?:[:.h](\d{2}))?(am|pm|a\.m\.|p\.m\.)?$/.exec(t);
  if (!m) return null;
  const h = Number(m[1]);
  const min = m[2] ? Number(m[2]) : 0;
  if (min > 59 || h > 24) return null;
  const suffix = m[3] ? (m[3].startsWith('a') ? 'am' : 'pm') : null;
  if (suffix && (h < 1 || h > 12)) return null;
  return { h, m: min, suffix };
}

const to24 = (c: ClockRead, suffix: 'am' | 'pm' | null): number => {
  const s = c.suffix ?? suffix;
  let h = c.h;
  if (s === 'pm' && h < 12) h += 12;
  if (s === 'am' && h === 12) h = 0;
  return h * 60 + c.m;
};
const hhmm = (mins: number): string => `${String(Math.floor(mins / 60) % 24).padStart(2, '0')}:${String(mins % 60).padStart(2, '0')}`;

/**
 * "10am-12pm", "10:00–12:00", "1.30pm to 3pm", "10-12", "2-4pm", "9 till 5"
 * → opens_at / closes_at as HH:MM. Without am/pm, a range that would end
 * before it starts is read as ending in the afternoon ("10-2" → 10:00–14:00),
 * and small hours are afternoon ("1-3" → 13:00–15:00). A range written in
 * 24-hour time is kept as written, so "14:00-12:00" stays wrong and is
 * reported by validation.
 */
export function readTimeRange(text: string | null | undefined): Read<{ opens_at: string; closes_at: string } | null> {
  if (blank(text)) return ok(null);
  const original = text.trim();
  const parts = original
    .toLowerCase()
    .replace(/[–—]/g, '-')
    .split(/\s*(?:-|\bto\b|\btill\b|\buntil\b|\btil\b)\s*/)
    .filter(Boolean);
  if (parts.length !== 2) return fail(`could not read the time "${original}" (write it like 10am-12pm or 10:00-12:00)`);
  const a = readClock(parts[0]!);
  const b = readClock(parts[1]!);
  if (!a || !b) return fail(`could not read the time "${original}" (write it like 10am-12pm or 10:00-12:00)`);
  // 24-hour clock when an hour is above 12, is 0, or has a leading zero ("09:00").
  const twentyFour = [a, b].some((c, i) => c.suffix === null && (c.h > 12 || c.h === 0 || /^0\d/.test(parts[i]!.trim())));
  const other = (s: 'am' | 'pm'): 'am' | 'pm' => (s === 'am' ? 'pm' : 'am');
  let start: number;
  let end: number;
  if (b.suffix) {
    // "10-12pm" is 10am to 12pm; "1-3pm" is 1pm to 3pm.
    end = to24(b, null);
    start = to24(a, b.suffix);
    if (!a.suffix && start > end) start = to24(a, other(b.suffix));
  } else if (a.suffix) {
    // "10am-12" is 10am to 12 noon.
    start = to24(a, null);
    end = to24(b, a.suffix);
    if (end <= start) end = to24(b, other(a.suffix));
  } else if (twentyFour) {
    start = to24(a, null);
    end = to24(b, null);
  } else {
    start = to24(a, null);
    end = to24(b, null);
    if (a.h >= 1 && a.h <= 7) {
      start += 12 * 60;
      if (b.h < 12) end += 12 * 60;
    } else if (end <= start && b.h < 12) {
      end += 12 * 60;
    }
  }
  if (end === 24 * 60) end = 23 * 60 + 59;
  if (start >= 24 * 60 || end > 24 * 60) return fail(`could not read the time "${original}"`);
  return ok({ opens_at: hhmm(start), closes_at: hhmm(end) });
}

/** A single time "10am", "13:30", "9.15" → "HH:MM". */
export function readTime(text: string | null | undefined): Read<string | null> {
  if (blank(text)) return ok(null);
  const c = readClock(text);
  if (!c) return fail(`could not read the time "${text.trim()}"`);
  return ok(hhmm(to24(c, null)));
}

// ---------------------------------------------------------------------------
// how to get in
// ---------------------------------------------------------------------------

/**
 * "Drop in" / "just turn up" → drop_in; "self-referral" / "contact us" →
 * self_referral; "professional referral" / "GP referral" / "referral needed"
 * → professional_referral; "formal assessment" → formal_assessment.
 */
export function readEntry(text: string | null | undefined): Read<BelongService['entry'] | null> {
  if (blank(text)) return ok(null);
  const t = text.trim().toLowerCase();
  if (/assess/.test(t)) return ok('formal_assessment');
  // "No referral needed" says nothing about referrals being needed.
  const rest = t.replace(/\bno (referrals?|need to (book|refer))( (is )?(needed|required|necessary))?/g, ' ');
  if (
    /self[\s-]*refer|refer (your|them)sel|contact (us|them)|get in touch|call (us )?first|phone (us )?first|\bbook|appointment|register/.test(
      rest,
    )
  ) {
    return ok('self_referral');
  }
  if (/refer/.test(rest)) return ok('professional_referral');
  if (rest !== t || /drop[\s-]*in|turn up|just come|walk[\s-]*in|come along|open to (all|everyone)/.test(t)) return ok('drop_in');
  return fail(
    `could not tell how to get in from "${text.trim()}" (write drop in, self-referral, professional referral or formal assessment)`,
  );
}

// ---------------------------------------------------------------------------
// dates, links
// ---------------------------------------------------------------------------

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function isoDate(y: number, m: number, d: number): string | null {
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * UK-style dates → YYYY-MM-DD: "12/03/2024", "12-3-24", "2024-03-12",
 * "2024-03-12T10:00:00Z", "12 March 2024", "March 2024" (first of the month).
 */
export function readDate(text: string | null | undefined): Read<string | null> {
  if (blank(text)) return ok(null);
  const t = text.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(t);
  if (m) {
    const d = isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
    return d ? ok(d) : fail(`"${t}" is not a date`);
  }
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(t);
  if (m) {
    const y = m[3]!.length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
    const d = isoDate(y, Number(m[2]), Number(m[1]));
    return d ? ok(d) : fail(`"${t}" is not a date (write it as day/month/year)`);
  }
  m = /^(?:(\d{1,2})(?:st|nd|rd|th)?\s+)?([a-z]{3,})\.?,?\s+(\d{4})$/i.exec(t);
  if (m) {
    const month = MONTHS.indexOf(m[2]!.slice(0, 3).toLowerCase()) + 1;
    const d = month ? isoDate(Number(m[3]), month, m[1] ? Number(m[1]) : 1) : null;
    return d ? ok(d) : fail(`"${t}" is not a date`);
  }
  return fail(`"${t}" is not a date (write it as day/month/year)`);
}

/** "www.example.org" → "https://www.example.org"; keeps http(s) links; blank → null. */
export function readLink(text: string | null | undefined): string | null {
  if (blank(text)) return null;
  const t = text.trim();
  if (/^https?:\/\//i.test(t)) return t;
  if (/^[\w-]+(\.[\w-]+)+(\/\S*)?$/.test(t)) return `https://${t}`;
  return t;
}
