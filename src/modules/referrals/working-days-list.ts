/**
 * The official list of England and Wales bank holidays, vendored from GOV.UK
 * (vendor/govuk-bank-holidays/england-and-wales.json, refreshed with
 * `npm run bank-holidays:refresh`), and the checks a list must pass before
 * Belong uses it or replaces the file with a new download.
 *
 * The list is what counts: it has the one-off holidays no rule can compute
 * (VE day 2020, the Platinum Jubilee and the State Funeral in 2022, the
 * coronation in 2023). Years it does not cover fall back to the computed rule
 * in working-days.ts.
 */
import fs from 'node:fs';
import { z } from 'zod';

export const VENDORED_LIST_PATH = new URL('../../../vendor/govuk-bank-holidays/england-and-wales.json', import.meta.url);
export const OFFICIAL_URL = 'https://www.gov.uk/bank-holidays.json';
export const DIVISION = 'england-and-wales';

const isoDate = z.iso.date();

const Event = z.object({
  title: z.string().min(1),
  date: isoDate,
  notes: z.string(),
  bunting: z.boolean(),
});
export type BankHolidayEvent = z.infer<typeof Event>;

/** GOV.UK's published JSON: one entry per division (only England and Wales is read). */
export const OfficialFeed = z.looseObject({
  [DIVISION]: z.looseObject({ division: z.literal(DIVISION), events: z.array(Event).min(1) }),
});

/** The vendored file: the England and Wales events, with where they came from and when. */
export const VendoredList = z.object({
  _about: z.string(),
  source: z.string().url(),
  licence: z.string(),
  /** The date the list reflects (when it was downloaded or written). */
  reflects: isoDate,
  /** When `npm run bank-holidays:refresh` last downloaded it (null: written by hand). */
  fetched: z.string().nullable(),
  division: z.literal(DIVISION),
  events: z.array(Event).min(1),
});
export type VendoredList = z.infer<typeof VendoredList>;

/** Every problem with a list of events (none means it can be used). `today` adds "it covers this year". Pure. */
export function listProblems(events: readonly BankHolidayEvent[], today?: string): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  const perYear = new Map<number, number>();
  for (const e of events) {
    const d = new Date(`${e.date}T00:00:00Z`);
    if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== e.date) problems.push(`${e.date} is not a calendar date`);
    else if (d.getUTCDay() === 0 || d.getUTCDay() === 6) problems.push(`${e.date} (${e.title}) is a weekend day`);
    if (seen.has(e.date)) problems.push(`${e.date} is listed twice`);
    seen.add(e.date);
    const y = Number(e.date.slice(0, 4));
    perYear.set(y, (perYear.get(y) ?? 0) + 1);
  }
  const years = [...perYear.keys()].sort((a, b) => a - b);
  for (let y = years[0]!; y <= years.at(-1)!; y++) {
    const n = perYear.get(y) ?? 0;
    // Eight every year, and a few more in a year with one-off holidays (2022 had ten).
    if (n < 8 || n > 12) problems.push(`${y} has ${n} bank holidays (expected 8 to 12)`);
  }
  if (today && !perYear.has(Number(today.slice(0, 4)))) problems.push(`the list does not cover this year (${today.slice(0, 4)})`);
  return problems;
}

/** Reads and checks the vendored file; throws with every problem when it is not usable. */
export function loadVendoredList(path: URL | string = VENDORED_LIST_PATH): VendoredList {
  const parsed = VendoredList.safeParse(JSON.parse(fs.readFileSync(path, 'utf8')));
  if (!parsed.success) throw new Error(`The bank holiday list ${String(path)} is not valid: ${parsed.error.message}`);
  const problems = listProblems(parsed.data.events);
  if (problems.length) throw new Error(`The bank holiday list ${String(path)} is not valid: ${problems.join('; ')}`);
  return parsed.data;
}

/**
 * Checks a download of GOV.UK's JSON and turns it into the vendored file's content;
 * throws with every problem when it must not replace the file.
 */
export function vendoredFromFeed(feed: unknown, today: string, fetchedAt: Date): VendoredList {
  const parsed = OfficialFeed.safeParse(feed);
  if (!parsed.success)
    throw new Error(`Not GOV.UK's bank holiday list: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const events = [...parsed.data[DIVISION].events].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const problems = listProblems(events, today);
  if (problems.length) throw new Error(`The downloaded list was not used: ${problems.join('; ')}`);
  return {
    _about:
      "England and Wales bank holidays, vendored from GOV.UK (the 'england-and-wales' division of https://www.gov.uk/bank-holidays.json) " +
      'by `npm run bank-holidays:refresh`. Contains public sector information licensed under the Open Government Licence v3.0.',
    source: OFFICIAL_URL,
    licence: 'Open Government Licence v3.0 (https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/)',
    reflects: today,
    fetched: fetchedAt.toISOString(),
    division: DIVISION,
    events: events.map((e) => ({ title: e.title, date: e.date, notes: e.notes, bunting: e.bunting })),
  };
}

/** The list's dates by year. */
export function datesByYear(list: Pick<VendoredList, 'events'>): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const e of list.events) {
    const y = Number(e.date.slice(0, 4));
    out.set(y, [...(out.get(y) ?? []), e.date].sort());
  }
  return out;
}
