/**
 * Test support (not a test): data for importer tests: a large council-style spreadsheet with a known
 * share of bad rows, and helpers to count rows in every directory table.
 */
import fs from 'node:fs';
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import type { CsvMapping } from './csv-mapping.ts';

export const BIG_CSV_HEADER = [
  'Ref',
  'Service name',
  'Organisation',
  'Description',
  'How to access',
  'Cost',
  'Who is it for',
  'Women only?',
  'Languages spoken',
  'Interpreter?',
  'Crèche?',
  'Address',
  'Postcode',
  'Day(s)',
  'Time',
  'Phone',
  'Email',
  'Website',
  'Last checked',
];

export const BIG_CSV_MAPPING: CsvMapping = {
  source: 'big-sheet',
  columns: {
    id: 'Ref',
    'service.name': 'Service name',
    'organization.name': 'Organisation',
    'service.description': 'Description',
    'belong.entry': 'How to access',
    cost: 'Cost',
    'service.eligibility_description': 'Who is it for',
    'belong.women_only': 'Women only?',
    languages: 'Languages spoken',
    'belong.interpreter_available': 'Interpreter?',
    'belong.childcare': 'Crèche?',
    'location.address_1': 'Address',
    'location.city': { value: 'Bradford' },
    'location.postal_code': 'Postcode',
    'schedule.days': 'Day(s)',
    'schedule.times': 'Time',
    phone: 'Phone',
    'service.email': 'Email',
    'service.url': 'Website',
    'service.assured_date': 'Last checked',
  },
};

const ACTIVITIES = [
  'Coffee morning',
  'Walking group',
  'Sewing circle',
  'Conversation café',
  'Lunch club',
  'Gardening club',
  'Art class',
  'Football',
  'Advice session',
  'Peer support',
];
const ACCESS = ['Drop in', 'Self-referral', 'Professional referral', 'Formal assessment', 'just turn up'];
const COSTS = ['Free', '£2', '£3 suggested donation', '£12 per term', 'Free'];
const LANGUAGES = [
  'English',
  'Urdu; Bengali',
  'Polish, Romanian',
  'Arabic, Kurdish Sorani',
  'Farsi / Dari',
  'Punjabi',
  'Tigrinya; Amharic',
  'BSL',
];
const DAYS = ['Mon, Wed', 'Tuesdays', 'Every Thursday', 'Monday-Friday', 'Saturdays', '1st Tuesday of the month'];
const TIMES = ['10am-12pm', '10:00–12:00', '1.30pm to 3pm', '6-8pm', '9:30-11:30'];
const OUTCODES = ['BD1', 'BD3', 'BD5', 'BD8'];

export type BadKind = 'missing name' | 'bad postcode' | 'closes before opens';

/** The kind of deliberate mistake on data row `i` (1-based), or null: one row in a hundred. */
export const badKindOf = (i: number): BadKind | null =>
  i % 100 === 50 ? (['missing name', 'bad postcode', 'closes before opens'] as const)[Math.floor(i / 100) % 3]! : null;

const cell = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** One data row of the big sheet; `version` changes a description, to test updates. */
export function bigCsvRow(i: number, version = 1): string[] {
  const bad = badKindOf(i);
  const org = `Community Group ${i % 300}`;
  const name = bad === 'missing name' ? '' : `${ACTIVITIES[i % ACTIVITIES.length]} ${i}`;
  const postcode =
    bad === 'bad postcode'
      ? 'QQ1 1QQ'
      : `${OUTCODES[i % 4]} ${1 + (i % 9)}${'ABDEFGHJLNPQRSTUWXYZ'[i % 20]}${'ABDEFGHJLNPQRSTUWXYZ'[(i * 7) % 20]}`;
  const time = bad === 'closes before opens' ? '14:00-12:00' : TIMES[i % TIMES.length]!;
  return [
    `R${i}`,
    name,
    org,
    `A friendly ${ACTIVITIES[i % ACTIVITIES.length]!.toLowerCase()} for neighbours, version ${version}.`,
    ACCESS[i % ACCESS.length]!,
    COSTS[i % COSTS.length]!,
    i % 3 ? 'Adults' : 'Everyone',
    i % 7 === 0 ? 'Yes' : 'No',
    LANGUAGES[i % LANGUAGES.length]!,
    i % 2 ? 'Yes' : 'No',
    i % 5 === 0 ? 'Y' : 'N',
    `${1 + (i % 200)} Example Street`,
    postcode,
    DAYS[i % DAYS.length]!,
    time,
    `01274 ${String(100000 + i).slice(-6)}`,
    `group${i % 300}@example.org`,
    `www.group${i % 300}.example.org`,
    `${1 + (i % 28)}/0${1 + (i % 9)}/2024`,
  ];
}

/** Writes a sheet of `rows` data rows; returns how many are deliberately bad. */
export function writeBigCsv(file: string, rows: number, version = 1): number {
  const lines: string[] = [BIG_CSV_HEADER.map(cell).join(',')];
  let bad = 0;
  for (let i = 1; i <= rows; i++) {
    if (badKindOf(i)) bad++;
    lines.push(bigCsvRow(i, version).map(cell).join(','));
  }
  fs.writeFileSync(file, `${lines.join('\r\n')}\r\n`);
  return bad;
}

const TABLES = [
  'organization',
  'organization_identifier',
  'service',
  'belong_service',
  'location',
  'belong_location',
  'address',
  'accessibility',
  'service_at_location',
  'schedule',
  'belong_schedule_exception',
  'language',
  'phone',
  'contact',
  'cost_option',
  'service_area',
  'funding',
  'taxonomy',
  'taxonomy_term',
  'attribute',
  'metadata',
  'belong_import_source',
] as const;

/** Row count of every directory table. */
export async function tableCounts(db: Kysely<DB>): Promise<Record<(typeof TABLES)[number], number>> {
  const out = {} as Record<(typeof TABLES)[number], number>;
  for (const t of TABLES) {
    const r = await db
      .selectFrom(t)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    out[t] = Number(r.n);
  }
  return out;
}
