/**
 * Spreadsheets of services, the way a council or a research team hands them
 * over, mapped onto Belong's service graph with a small JSON mapping file:
 * which column holds which field, constants and defaults, and cell values to
 * rename. Each target field knows how to read its cells (yes/no, cost, days,
 * times, languages, how to get in), so the mapping stays a plain list.
 *
 * A row is rejected, with every reason, when guessing would mislead someone
 * (days, times, cost, who may come, how to get in, a bad postcode);
 * it is imported with a warning when only something minor is left out (an
 * unknown language, an unreadable "last checked" date, no map position).
 *
 * See docs/importing.md for the format and an example.
 */
import { z } from 'zod';
import {
  AUDIENCES,
  FOODS,
  MODES,
  SUPPORT_KINDS,
  type BelongService,
  type REQUIREMENTS,
  type ServiceGraphInput,
} from '../directory/service-graph.ts';
import { VOCABULARY } from '../directory/vocabulary.ts';
import { parsePostcode } from '../geo/postcodes.ts';
import { childId, foldKey, importedId, type MappedRecord, type SourceLink } from './import-record.ts';
import { languageName, parseLanguageList } from './language-names.ts';
import { readCost, readDate, readDays, readEntry, readLink, readTimeRange, readTime, readYesNo, type Read } from './text-transforms.ts';
import {
  accessFromText,
  BelongStatements,
  patternRuleSchema,
  patternRulesFor,
  termRuleSchema,
  termRulesFor,
  type BelongSet,
  type SourceTerm,
} from './vocabulary-mapping.ts';

/** Every field a column can be mapped to, with what its cells should hold. */
export const CSV_TARGETS = {
  id: 'a row id that stays the same between exports (otherwise organisation + service name + postcode)',
  'organization.name': 'organisation name (required)',
  'organization.description': 'text',
  'organization.website': 'web address',
  'organization.email': 'email address',
  'service.name': 'service or activity name (required)',
  'service.description': 'text',
  'service.url': 'web address',
  'service.email': 'email address',
  'service.status': 'active, inactive, defunct or temporarily closed',
  'service.eligibility_description': 'who it is for, as text',
  'service.application_process': 'how to apply, as text',
  'service.alert': 'a notice such as "closed in August"',
  'service.minimum_age': 'a whole number',
  'service.maximum_age': 'a whole number',
  'service.assured_date': 'date the details were last checked (12/03/2024, 2024-03-12, March 2024)',
  'belong.entry': 'drop in, self-referral, professional referral or formal assessment (everyday words are understood)',
  'belong.gender': 'women only, men only, or everyone',
  'belong.women_only': 'yes/no',
  'belong.men_only': 'yes/no',
  'belong.childcare': 'yes/no (crèche)',
  'belong.transport_offered': 'yes/no',
  'belong.accompany_first_visit': 'yes/no',
  'belong.interpreter_available': 'yes/no',
  'belong.how_to_join': 'text',
  'belong.what_to_expect': 'text',
  'belong.communities': 'list of communities the group is for, separated by commas or semicolons',
  'belong.support_kinds': `list of kinds of support (${SUPPORT_KINDS.join(', ')}, or their names in Belong's vocabulary)`,
  'belong.modes': 'list: in person, phone, online, home visits',
  'belong.food': 'list: food, halal, vegetarian',
  'belong.audiences': `list of who it is for (${AUDIENCES.join(', ')}, or their names in Belong's vocabulary: "Older people", "Carers")`,
  'belong.eligibility': 'open to all / only / especially welcome (for the audiences)',
  'belong.accessibility':
    'list of access features (step-free, hearing loop, BSL, large print, quiet space); "no hearing loop" says there is none',
  'belong.requirements': 'list of what people need (ID, proof of address, GP registration); "no ID needed" says it is not needed',
  'belong.capacity_status': 'places available, full or waiting list',
  'belong.accepting_referrals': 'yes/no',
  'service_area.name': 'the area the service covers, such as "Bradford district"',
  cost: 'Free, £2, £3 suggested donation… (sets the cost band, cost options and fees text)',
  languages: 'language names, separated by commas or semicolons (Bengali; Urdu, Polish)',
  'location.name': 'name of the venue',
  'location.address_1': 'street address',
  'location.address_2': 'second address line',
  'location.city': 'town or city',
  'location.postal_code': 'UK postcode',
  'location.latitude': 'decimal degrees',
  'location.longitude': 'decimal degrees',
  'schedule.days': 'Mon, Wed / Tuesdays / Every Thursday / Monday-Friday / 1st Tuesday of the month',
  'schedule.times': '10am-12pm / 10:00-12:00 / 1.30pm to 3pm',
  'schedule.opens_at': 'a time (10am, 10:00)',
  'schedule.closes_at': 'a time',
  'schedule.description': 'text about when it runs',
  phone: 'phone number',
} as const;

export type CsvTarget = keyof typeof CSV_TARGETS;
const TARGETS = Object.keys(CSV_TARGETS) as CsvTarget[];

const columnSpec = z.union([
  z.string().min(1),
  z
    .object({
      /** Header of the column to read. */
      column: z.string().min(1).optional(),
      /** A constant for every row (instead of a column). */
      value: z.string().optional(),
      /** Used when the cell is blank. */
      default: z.string().optional(),
      /** Whole-cell replacements before reading, matched ignoring case: { "Self": "self-referral" }. */
      values: z.record(z.string(), z.string()).optional(),
    })
    .refine((c) => c.column !== undefined || c.value !== undefined, { message: 'give a "column" or a "value"' }),
]);

export const csvMappingSchema = z.object({
  /** Name of the source; ids are derived from it, so keep it the same between imports. */
  source: z.string().trim().min(1).optional(),
  delimiter: z.string().min(1).max(2).optional(),
  encoding: z.enum(['utf8', 'utf-8', 'latin1', 'windows-1252']).optional(),
  columns: z.record(z.string(), columnSpec),
  /** Columns whose cells are lists of the sheet's own terms ("Older people; Carers"), matched by `terms` (taxonomy = the column). */
  term_columns: z.array(z.string().min(1)).default([]),
  /** The sheet's own terms → Belong values (see vocabulary-mapping.ts). */
  terms: z.array(termRuleSchema).default([]),
  /** Patterns on a column's text → Belong values. */
  patterns: z.array(patternRuleSchema).default([]),
});

export type CsvMapping = z.input<typeof csvMappingSchema>;

const headerKeys = new Map<string, string>();
/** Headers match ignoring case, surrounding spaces and runs of spaces. */
function headerKey(h: string): string {
  let k = headerKeys.get(h);
  if (k === undefined) {
    k = h.normalize('NFC').trim().toLowerCase().replace(/\s+/g, ' ');
    if (headerKeys.size < 10_000) headerKeys.set(h, k);
  }
  return k;
}

interface CompiledColumn {
  key: string | null;
  value: string | undefined;
  fallback: string | undefined;
  values: Map<string, string> | null;
  label: string;
}
interface CompiledMapping {
  columns: Map<CsvTarget, CompiledColumn>;
  labels: Record<string, string>;
}
const compiled = new WeakMap<CsvMapping, CompiledMapping>();

/** The mapping in the form rows are read with (worked out once per mapping). */
function compile(mapping: CsvMapping): CompiledMapping {
  let c = compiled.get(mapping);
  if (c) return c;
  const columns = new Map<CsvTarget, CompiledColumn>();
  for (const [target, spec] of Object.entries(mapping.columns)) {
    const s = typeof spec === 'string' ? { column: spec } : spec;
    columns.set(target as CsvTarget, {
      key: s.column !== undefined ? headerKey(s.column) : null,
      value: s.value,
      fallback: s.default?.trim(),
      values: s.values ? new Map(Object.entries(s.values).map(([from, to]) => [from.trim().toLowerCase(), to.trim()])) : null,
      label: s.column ?? target,
    });
  }
  c = { columns, labels: fieldLabels(mapping) };
  compiled.set(mapping, c);
  return c;
}

/** Validates a mapping file's JSON; errors are sentences naming the bad part. */
export function parseCsvMapping(json: unknown): { ok: true; mapping: CsvMapping } | { ok: false; errors: string[] } {
  const r = csvMappingSchema.safeParse(json);
  if (!r.success) return { ok: false, errors: r.error.issues.map((i) => `${i.path.join('.') || '(mapping)'}: ${i.message}`) };
  const errors: string[] = [];
  for (const target of Object.keys(r.data.columns)) {
    if (!TARGETS.includes(target as CsvTarget)) errors.push(`columns.${target}: not a field Belong knows (one of: ${TARGETS.join(', ')})`);
  }
  for (const required of ['organization.name', 'service.name'] as const) {
    if (!r.data.columns[required]) errors.push(`columns: "${required}" must be mapped to a column`);
  }
  return errors.length ? { ok: false, errors } : { ok: true, mapping: r.data };
}

/** Columns the mapping names that the file's header lacks (a fatal error before any row is read). */
export function missingColumns(mapping: CsvMapping, header: string[]): string[] {
  const have = new Set(header.map(headerKey));
  const missing: string[] = [];
  for (const spec of Object.values(mapping.columns)) {
    const column = typeof spec === 'string' ? spec : spec.column;
    if (column !== undefined && !have.has(headerKey(column))) missing.push(column);
  }
  for (const column of [...(mapping.term_columns ?? []), ...(mapping.patterns ?? []).flatMap((p) => (p.field ? [p.field] : []))]) {
    if (!have.has(headerKey(column)) && !missing.includes(column)) missing.push(column);
  }
  return missing;
}

export interface CsvContext {
  source: string;
  mapping: CsvMapping;
  /** Coordinates for a postcode when the sheet has none (see geo/postcodes.ts). */
  geocode?: (postcode: string) => { latitude: number; longitude: number } | null;
}

/** A row as read: header → cell. */
export type CsvRow = Record<string, string>;

/** Turns one spreadsheet row into a service graph, collecting every problem. */
export function mapCsvRow(row: CsvRow, line: number, ctx: CsvContext): MappedRecord {
  const ref = `line ${line}`;
  const problems: string[] = [];
  const warnings: string[] = [];
  const m = compile(ctx.mapping);
  const byHeader = new Map<string, string>();
  for (const h in row) byHeader.set(headerKey(h), row[h]!);
  const columnName = (t: CsvTarget): string => m.columns.get(t)?.label ?? t;
  /** The cell for a target after constants, defaults and renames; null when blank or unmapped. */
  const cell = (t: CsvTarget): string | null => {
    const c = m.columns.get(t);
    if (!c) return null;
    let v = (c.value ?? (c.key !== null ? (byHeader.get(c.key) ?? '') : '')).trim();
    if (!v && c.fallback !== undefined) v = c.fallback;
    if (v && c.values) v = c.values.get(v.toLowerCase()) ?? v;
    return v || null;
  };
  /** Reads a cell, recording a problem (or warning) that names the column. */
  const read = <T>(t: CsvTarget, reader: (s: string | null) => Read<T>, severity: 'problem' | 'warning' = 'problem'): T | null => {
    const r = reader(cell(t));
    if (r.ok) return r.value;
    (severity === 'problem' ? problems : warnings).push(`${columnName(t)}: ${r.problem}`);
    return null;
  };
  const whole = (t: CsvTarget): number | null => {
    const v = cell(t);
    if (v == null) return null;
    const n = Number(v);
    if (!Number.isInteger(n)) {
      problems.push(`${columnName(t)}: "${v}" is not a whole number`);
      return null;
    }
    return n;
  };
  const decimal = (t: CsvTarget): number | null => {
    const v = cell(t);
    if (v == null) return null;
    const n = Number(v);
    if (!Number.isFinite(n)) {
      problems.push(`${columnName(t)}: "${v}" is not a number`);
      return null;
    }
    return n;
  };

  const orgName = cell('organization.name');
  const serviceName = cell('service.name');

  // --- location ---------------------------------------------------------------
  let address1 = cell('location.address_1');
  let city = cell('location.city');
  const rawPostcode = cell('location.postal_code');
  let postcode: string | null = null;
  let outcodeOnly = false;
  if (rawPostcode) {
    const parsed = parsePostcode(rawPostcode);
    if (!parsed) problems.push(`${columnName('location.postal_code')}: "${rawPostcode}" is not a valid UK postcode`);
    else {
      postcode = parsed.formatted;
      outcodeOnly = parsed.incode === null;
    }
  }
  if (address1 && !city) {
    // "12 High Street, Bradford": the last part is the town when no town column or default is given.
    const parts = address1
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean);
    const last = parts.at(-1);
    if (parts.length >= 2 && last && !parsePostcode(last)) {
      city = last;
      address1 = parts.slice(0, -1).join(', ');
    }
  }
  if (address1 && !rawPostcode) problems.push(`${columnName('location.postal_code')}: an address needs a postcode`);
  if (address1 && outcodeOnly) {
    problems.push(
      `${columnName('location.postal_code')}: "${rawPostcode}" is only the first half of a postcode; a street address needs the full postcode`,
    );
  } else if (outcodeOnly) {
    warnings.push(`only the first half of the postcode (${postcode}) is given: the map position is the district's centre`);
  }
  if (address1 && !city) {
    problems.push(`${columnName('location.address_1')}: no town or city (map "location.city" to a column, or give it a default)`);
  }
  let latitude = decimal('location.latitude');
  let longitude = decimal('location.longitude');
  if ((latitude == null) !== (longitude == null)) problems.push('latitude and longitude must be given together');
  if (postcode && latitude == null && longitude == null) {
    const place = ctx.geocode?.(postcode) ?? null;
    if (place) {
      latitude = place.latitude;
      longitude = place.longitude;
    } else {
      warnings.push(`no map position for postcode ${postcode}: the service will not show in searches by distance`);
    }
  }

  const externalRowId = cell('id');
  const externalId = externalRowId ?? [foldKey(orgName ?? ''), foldKey(serviceName ?? ''), (postcode ?? '').replace(/\s+/g, '')].join('|');
  const sid = importedId(ctx.source, 'service', externalId);
  const orgExt = `name:${foldKey(orgName ?? '')}`;
  const orgId = importedId(ctx.source, 'organization', orgExt);
  const links: SourceLink[] = orgName ? [{ entity: 'organization', externalId: orgExt, entityId: orgId }] : [];

  const locations: NonNullable<ServiceGraphInput['locations']> = [];
  const locationName = cell('location.name');
  if (address1 || postcode || locationName || latitude != null) {
    const locExt = `${foldKey(address1 ?? locationName ?? '')}|${(postcode ?? '').replace(/\s+/g, '')}`;
    const locId = importedId(ctx.source, 'location', locExt);
    links.push({ entity: 'location', externalId: locExt, entityId: locId });
    locations.push({
      id: locId,
      name: locationName,
      latitude,
      longitude,
      addresses: address1
        ? [
            {
              id: childId(locId, 'address', 0),
              address_1: address1,
              address_2: cell('location.address_2'),
              city: city ?? '',
              postal_code: postcode ?? rawPostcode ?? '',
              country: 'GB',
            },
          ]
        : [],
    });
  }

  // --- when ---------------------------------------------------------------------
  const days = read('schedule.days', readDays);
  const range = read('schedule.times', readTimeRange);
  const opens = range?.opens_at ?? read('schedule.opens_at', readTime);
  const closes = range?.closes_at ?? read('schedule.closes_at', readTime);
  const scheduleText = [cell('schedule.days'), cell('schedule.times'), cell('schedule.description')].filter(Boolean).join(', ');
  const schedules: NonNullable<ServiceGraphInput['schedules']> =
    days || opens || closes || cell('schedule.description')
      ? [
          {
            id: childId(sid, 'schedule', 0),
            freq: days?.freq ?? null,
            interval: days?.interval ?? null,
            byday: days?.byday ?? null,
            opens_at: opens,
            closes_at: closes,
            description: scheduleText || null,
          },
        ]
      : [];

  // --- who, how, cost --------------------------------------------------------------
  // What the mapped columns say counts most; the sheet's own terms and patterns (mapping rules) fill the rest.
  const belong: BelongSet = {};
  const entry = read('belong.entry', readEntry);
  if (entry) belong.entry = entry;
  const gender = read('belong.gender', readGender);
  if (gender) belong.gender = gender;
  if (read('belong.women_only', readYesNo)) belong.gender = 'women_only';
  if (read('belong.men_only', readYesNo)) {
    if (belong.gender === 'women_only') problems.push(`${columnName('belong.men_only')}: a row cannot be for women only and men only`);
    else belong.gender = 'men_only';
  }
  for (const flag of ['childcare', 'transport_offered', 'accompany_first_visit', 'interpreter_available', 'accepting_referrals'] as const) {
    const v = read(`belong.${flag}`, readYesNo);
    if (v != null) belong[flag] = v;
  }
  const howToJoin = cell('belong.how_to_join');
  if (howToJoin) belong.how_to_join = howToJoin;
  const whatToExpect = cell('belong.what_to_expect');
  if (whatToExpect) belong.what_to_expect = whatToExpect;
  const communities = splitList(cell('belong.communities'));
  if (communities.length) belong.communities = communities;
  const support = readWords(cell('belong.support_kinds'), SUPPORT_WORDS);
  if (support.values.length) belong.support_kinds = support.values as BelongService['support_kinds'];
  for (const w of support.unknown)
    warnings.push(`${columnName('belong.support_kinds')}: "${w}" is not a kind of support Belong knows; left out`);
  const modes = readWords(cell('belong.modes'), MODE_WORDS);
  if (modes.values.length) belong.modes = modes.values as BelongService['modes'];
  for (const w of modes.unknown) problems.push(`${columnName('belong.modes')}: "${w}" is not in person, phone, online or home visits`);
  const food = readWords(cell('belong.food'), FOOD_WORDS);
  if (food.values.length) belong.food = food.values as BelongService['food'];
  for (const w of food.unknown) warnings.push(`${columnName('belong.food')}: "${w}" is not food, halal or vegetarian; left out`);
  const audiences = readWords(cell('belong.audiences'), AUDIENCE_WORDS);
  if (audiences.values.length) belong.audiences = audiences.values as BelongService['audiences'];
  for (const w of audiences.unknown)
    warnings.push(`${columnName('belong.audiences')}: "${w}" is not someone Belong's vocabulary names (map it with "terms"); left out`);
  const eligibility = read('belong.eligibility', readEligibility);
  if (eligibility) belong.eligibility = eligibility;
  const accessCell = cell('belong.accessibility');
  if (accessCell) {
    const facts = accessFromText(accessCell);
    if (Object.keys(facts ?? {}).length) belong.accessibility = facts;
    else warnings.push(`${columnName('belong.accessibility')}: "${accessCell}" names no access feature Belong knows; left out`);
  }
  const reqCell = cell('belong.requirements');
  if (reqCell) {
    const facts = readRequirements(reqCell);
    if (Object.keys(facts).length) belong.requirements = facts;
    else warnings.push(`${columnName('belong.requirements')}: "${reqCell}" names nothing Belong knows people may need; left out`);
  }
  const capacity = read('belong.capacity_status', readCapacity);
  if (capacity) belong.capacity_status = capacity;

  const cost = read('cost', readCost);
  if (cost?.band) belong.cost_band = cost.band;

  const statements = new BelongStatements();
  statements.add('belong', belong);
  const unmapped: SourceTerm[] = [];
  for (const column of ctx.mapping.term_columns ?? []) {
    for (const name of splitList(byHeader.get(headerKey(column)) ?? null)) {
      const term: SourceTerm = { taxonomy: column, code: null, name };
      const sets = termRulesFor({ terms: ctx.mapping.terms ?? [], patterns: [] }, term);
      for (const set of sets) statements.add('mapping', set);
      if (!sets.length) unmapped.push(term);
    }
  }
  const texts: Record<string, string> = {};
  for (const [h, v] of byHeader) texts[h] = v;
  for (const set of patternRulesFor({ terms: [], patterns: ctx.mapping.patterns ?? [] }, texts)) statements.add('mapping', set);
  const merged = statements.result(warnings);

  const costOptions = (cost?.options ?? []).map((o, i) => ({ id: childId(sid, 'cost_option', i), ...o }));

  const langs = parseLanguageList(cell('languages'));
  for (const w of langs.unknown) warnings.push(`${columnName('languages')}: "${w}" is not a language we know; left out`);
  const languages = langs.codes.map((code) => ({ id: childId(sid, 'language', code), code, name: languageName(code) }));

  const assured = read('service.assured_date', readDate, 'warning');
  const phone = cell('phone');

  const input: ServiceGraphInput = {
    organization: {
      id: orgId,
      name: orgName as string,
      description: cell('organization.description') ?? '',
      website: readLink(cell('organization.website')),
      email: cell('organization.email'),
    },
    service: {
      id: sid,
      name: serviceName as string,
      description: cell('service.description') ?? '',
      url: readLink(cell('service.url')),
      email: cell('service.email'),
      status: (cell('service.status')?.toLowerCase() ?? undefined) as 'active' | undefined,
      eligibility_description: cell('service.eligibility_description'),
      application_process: cell('service.application_process'),
      alert: cell('service.alert'),
      fees_description: cost?.description ?? null,
      minimum_age: whole('service.minimum_age') ?? merged.ages.minimum_age,
      maximum_age: whole('service.maximum_age') ?? merged.ages.maximum_age,
      assured_date: assured,
    },
    belong: merged.belong,
    locations,
    schedules,
    languages,
    phones: phone ? [{ id: childId(sid, 'phone', 0), number: phone }] : [],
    cost_options: costOptions,
    service_areas: cell('service_area.name') ? [{ id: childId(sid, 'service_area', 0), name: cell('service_area.name') }] : [],
  };

  return {
    ref,
    externalId,
    input,
    problems,
    warnings,
    links,
    identity: externalRowId ? `same ${columnName('id')}` : 'same organisation, service name and postcode',
    fieldLabels: m.labels,
    unmappedTerms: unmapped,
  };
}

/** Which column to name when validation complains about a graph field. */
function fieldLabels(mapping: CsvMapping): Record<string, string> {
  const label = (t: CsvTarget): string | undefined => {
    const spec = mapping.columns[t];
    return typeof spec === 'string' ? spec : spec?.column;
  };
  const out: Record<string, string> = {};
  const put = (path: string, t: CsvTarget) => {
    const l = label(t);
    if (l) out[path] = l;
  };
  put('organization.name', 'organization.name');
  put('organization.email', 'organization.email');
  put('organization.website', 'organization.website');
  put('service.name', 'service.name');
  put('service.email', 'service.email');
  put('service.url', 'service.url');
  put('service.status', 'service.status');
  put('service.minimum_age', 'service.minimum_age');
  put('service.maximum_age', 'service.maximum_age');
  put('locations', 'location.postal_code');
  put('locations.0.addresses', 'location.address_1');
  put('locations.0.latitude', 'location.latitude');
  put('locations.0.longitude', 'location.longitude');
  const when = label('schedule.times') ?? label('schedule.closes_at') ?? label('schedule.days');
  if (when) out.schedules = when;
  const days = label('schedule.days');
  if (days) out['schedules.0.byday'] = days;
  return out;
}

function readGender(text: string | null): Read<BelongService['gender'] | null> {
  if (!text) return { ok: true, value: null };
  const t = text.toLowerCase();
  if (/women|female|ladies|girls|\bwoman\b/.test(t)) return { ok: true, value: 'women_only' };
  if (/\bmen\b|\bmale\b|gents|\bboys\b|\bman\b/.test(t)) return { ok: true, value: 'men_only' };
  if (/every|mixed|\ball\b|\bany\b|anyone|open/.test(t)) return { ok: true, value: 'mixed' };
  return { ok: false, problem: `"${text}" is not women only, men only or everyone` };
}

function readEligibility(text: string | null): Read<BelongService['eligibility'] | null> {
  if (!text) return { ok: true, value: null };
  const t = text.toLowerCase();
  if (/especially|welcome|priority/.test(t)) return { ok: true, value: 'especially_welcome' };
  if (/\bonly\b|exclusively|must be/.test(t)) return { ok: true, value: 'only' };
  if (/open to (all|everyone)|anyone|everyone|all welcome/.test(t)) return { ok: true, value: 'open_to_all' };
  return { ok: false, problem: `"${text}" is not open to all, only, or especially welcome` };
}

function readCapacity(text: string | null): Read<BelongService['capacity_status'] | null> {
  if (!text) return { ok: true, value: null };
  const t = text.toLowerCase();
  if (/wait/.test(t)) return { ok: true, value: 'waiting_list' };
  if (/full|no (places|spaces)/.test(t)) return { ok: true, value: 'full' };
  if (/available|open|spaces?|places?|yes/.test(t)) return { ok: true, value: 'places_available' };
  return { ok: false, problem: `"${text}" is not places available, full or waiting list` };
}

const REQUIREMENT_PHRASES: [(typeof REQUIREMENTS)[number], RegExp][] = [
  ['id_documents', /\bid\b|identification|documents?|passport|brp|papers/i],
  ['proof_of_address', /proof of address|address proof|utility bill/i],
  ['gp_registration', /\bgp\b|registered with a (doctor|surgery)|gp registration/i],
];

/** "ID needed; no proof of address needed" → { id_documents: true, proof_of_address: false }. */
function readRequirements(text: string): Partial<Record<(typeof REQUIREMENTS)[number], boolean>> {
  const out: Partial<Record<(typeof REQUIREMENTS)[number], boolean>> = {};
  for (const part of text.split(/[;,\n]/)) {
    for (const [key, pattern] of REQUIREMENT_PHRASES) {
      const m = pattern.exec(part);
      if (!m) continue;
      out[key] = !/\b(no|not|without|don'?t|doesn'?t)\b/i.test(part);
    }
  }
  return out;
}

const splitList = (text: string | null): string[] =>
  text
    ? [
        ...new Set(
          text
            .split(/[,;\n]/)
            .map((s) => s.trim())
            .filter(Boolean),
        ),
      ]
    : [];

/** Folded word or vocabulary name → enum value. */
function wordsFor(group: string, values: readonly string[]): Map<string, string> {
  const m = new Map<string, string>();
  for (const v of values) {
    m.set(foldKey(v), v);
    m.set(foldKey(v.replace(/_/g, ' ')), v);
  }
  for (const t of VOCABULARY) if (t.parentCode === group) m.set(foldKey(t.name), t.code.split(':')[1]!);
  return m;
}
const SUPPORT_WORDS = wordsFor('support', SUPPORT_KINDS);
const MODE_WORDS = new Map([
  ...wordsFor('mode', MODES),
  ['face to face', 'in_person'],
  ['telephone', 'phone'],
  ['video', 'online'],
  ['home visit', 'home_visit'],
  ['home visiting', 'home_visit'],
]);
const AUDIENCE_WORDS = new Map([
  ...wordsFor('audience', AUDIENCES),
  ['older', 'older_people'],
  ['elderly', 'older_people'],
  ['over 50s', 'older_people'],
  ['young', 'young_people'],
  ['youth', 'young_people'],
  ['refugees', 'refugees_asylum'],
  ['asylum seekers', 'refugees_asylum'],
  ['lgbt', 'lgbtq'],
  ['lgbtq', 'lgbtq'],
  ['lgbt+', 'lgbtq'],
  ['disabled', 'disabled_people'],
  ['mental health', 'mental_health'],
  ['bereavement', 'bereaved'],
]);
const FOOD_WORDS = new Map([...wordsFor('food', FOODS), ['meal', 'food'], ['lunch', 'food'], ['refreshments', 'food']]);

function readWords(text: string | null, words: Map<string, string>): { values: string[]; unknown: string[] } {
  const values: string[] = [];
  const unknown: string[] = [];
  for (const part of splitList(text)) {
    const v = words.get(foldKey(part));
    if (v) {
      if (!values.includes(v)) values.push(v);
    } else unknown.push(part);
  }
  return { values, unknown };
}
