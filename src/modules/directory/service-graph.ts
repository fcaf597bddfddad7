/**
 * A service with everything that hangs off it, in Open Referral UK / HSDS 3
 * field names, plus Belong's extensions under `belong`.
 *
 * This is the shape every writer of the directory produces (importers, demo
 * data, provider editing) and `saveServiceGraph` stores. The zod schema is the
 * single source of both the type and the validation messages importers report.
 */
import { z } from 'zod';

const text = z.string().trim().min(1);
const optText = z
  .string()
  .trim()
  .min(1)
  .nullish()
  .transform((v) => v ?? null);
const uuid = z.string().uuid({ message: 'must be a UUID' });
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');
const optDate = isoDate.nullish().transform((v) => v ?? null);
const time = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/, 'must be a time HH:MM')
  .transform((t) => (t.length === 5 ? `${t}:00` : t));
const optTime = time.nullish().transform((v) => v ?? null);
const age = z
  .number()
  .int()
  .min(0)
  .max(130)
  .nullish()
  .transform((v) => v ?? null);

export const DAY_CODES = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
/** RRULE BYDAY list: "MO,WE" or ordinal forms for monthly rules ("1TU", "-1FR"). */
const byday = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^(-?[1-5]?(MO|TU|WE|TH|FR|SA|SU))(,(-?[1-5]?(MO|TU|WE|TH|FR|SA|SU)))*$/, 'must be days like MO,WE or 1TU')
  .nullish()
  .transform((v) => v ?? null);

export const phoneSchema = z.object({
  id: uuid,
  number: text,
  extension: optText,
  type: optText,
  description: optText,
});

export const languageSchema = z.object({
  id: uuid,
  /** ISO 639-1 where one exists, otherwise ISO 639-3 (e.g. "ckb" for Kurdish Sorani). */
  code: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z]{2,3}(-[a-z0-9]{2,8})*$/, 'must be an ISO 639 language code'),
  name: optText,
  note: optText,
});

export const scheduleSchema = z
  .object({
    id: uuid,
    /** Set when the schedule applies at one place only. */
    location_id: uuid.nullish().transform((v) => v ?? null),
    freq: z
      .enum(['WEEKLY', 'MONTHLY'])
      .nullish()
      .transform((v) => v ?? null),
    interval: z
      .number()
      .int()
      .min(1)
      .max(52)
      .nullish()
      .transform((v) => v ?? null),
    byday,
    bymonthday: z
      .string()
      .regex(/^-?\d{1,2}(,-?\d{1,2})*$/, 'must be days of the month like 1,15')
      .nullish()
      .transform((v) => v ?? null),
    dtstart: optDate,
    until: optDate,
    count: z
      .number()
      .int()
      .min(1)
      .nullish()
      .transform((v) => v ?? null),
    wkst: z
      .enum(DAY_CODES)
      .nullish()
      .transform((v) => v ?? null),
    valid_from: optDate,
    valid_to: optDate,
    opens_at: optTime,
    closes_at: optTime,
    description: optText,
    attending_type: optText,
    notes: optText,
    schedule_link: optText,
  })
  .refine((s) => !s.opens_at || !s.closes_at || s.opens_at < s.closes_at, {
    message: 'closes_at must be after opens_at',
    path: ['closes_at'],
  });

export const scheduleExceptionSchema = z
  .object({
    id: uuid,
    schedule_id: uuid.nullish().transform((v) => v ?? null),
    starts_on: isoDate,
    ends_on: isoDate,
    closed: z.boolean().default(true),
    opens_at: optTime,
    closes_at: optTime,
    description: optText,
  })
  .refine((e) => e.starts_on <= e.ends_on, { message: 'ends_on must not be before starts_on', path: ['ends_on'] });

export const addressSchema = z.object({
  id: uuid,
  attention: optText,
  address_1: text,
  address_2: optText,
  city: text,
  region: optText,
  state_province: z.string().trim().default(''),
  postal_code: text,
  country: z.string().trim().length(2).toUpperCase().default('GB'),
  address_type: z.enum(['physical', 'postal', 'virtual']).default('physical'),
});

export const accessibilitySchema = z.object({
  id: uuid,
  description: optText,
  details: optText,
  url: optText,
});

export const locationSchema = z.object({
  id: uuid,
  location_type: z.enum(['physical', 'postal', 'virtual']).default('physical'),
  name: optText,
  alternate_name: optText,
  description: optText,
  transportation: optText,
  url: optText,
  latitude: z
    .number()
    .min(-90)
    .max(90)
    .nullish()
    .transform((v) => v ?? null),
  longitude: z
    .number()
    .min(-180)
    .max(180)
    .nullish()
    .transform((v) => v ?? null),
  external_identifier: optText,
  external_identifier_type: optText,
  addresses: z.array(addressSchema).default([]),
  accessibility: z.array(accessibilitySchema).default([]),
  phones: z.array(phoneSchema).default([]),
  belong: z.object({ confidential: z.boolean().default(false), area_name: optText }).default({ confidential: false, area_name: null }),
});

export const contactSchema = z.object({
  id: uuid,
  name: optText,
  title: optText,
  department: optText,
  email: optText,
  phones: z.array(phoneSchema).default([]),
});

export const costOptionSchema = z.object({
  id: uuid,
  option: optText,
  currency: z
    .string()
    .trim()
    .length(3)
    .toUpperCase()
    .nullish()
    .transform((v) => v ?? null),
  amount: z
    .number()
    .min(0)
    .nullish()
    .transform((v) => v ?? null),
  amount_description: optText,
  valid_from: optDate,
  valid_to: optDate,
});

export const serviceAreaSchema = z.object({
  id: uuid,
  name: optText,
  description: optText,
  extent: optText,
  extent_type: optText,
  uri: optText,
});

export const capacitySchema = z.object({
  id: uuid,
  unit: z.object({ id: uuid, name: text, scheme: optText, identifier: optText, uri: optText }),
  available: z.number().min(0),
  maximum: z
    .number()
    .min(0)
    .nullish()
    .transform((v) => v ?? null),
  description: optText,
  updated: z
    .string()
    .datetime({ offset: true })
    .nullish()
    .transform((v) => v ?? null),
});

export const organizationSchema = z.object({
  id: uuid,
  name: text,
  alternate_name: optText,
  description: z.string().trim().default(''),
  email: optText,
  website: optText,
  logo: optText,
  uri: optText,
  legal_status: optText,
  parent_organization_id: uuid.nullish().transform((v) => v ?? null),
  identifiers: z.array(z.object({ id: uuid, identifier_scheme: optText, identifier_type: text, identifier: text })).default([]),
});

export const GENDERS = ['women_only', 'men_only', 'mixed'] as const;
export const ENTRIES = ['drop_in', 'self_referral', 'professional_referral', 'formal_assessment'] as const;
export const COST_BANDS = ['free', 'low_cost', 'paid'] as const;
export const FAITHS = ['faith_based', 'faith_friendly'] as const;
export const MODES = ['in_person', 'phone', 'online', 'home_visit'] as const;
export const FOODS = ['food', 'halal', 'vegetarian'] as const;
export const CAPACITY_STATUSES = ['places_available', 'full', 'waiting_list'] as const;
export const SUPPORT_KINDS = [
  'befriending',
  'shared_identity_group',
  'intercultural',
  'informal_english',
  'skills',
  'arts',
  'gardening',
  'sport',
  'advice',
  'volunteering',
  'peer_support',
  'therapy',
] as const;
/**
 * Who a service is for, as the seed reports and real feeds describe it. Age
 * bands are rough ("older people" is about 50 and over in most UK feeds); the
 * exact ages, when known, are the service's minimum and maximum age.
 * `communities` means particular communities, named in `communities`.
 */
export const AUDIENCES = [
  'children',
  'young_people',
  'older_people',
  'families',
  'carers',
  'refugees_asylum',
  'communities',
  'lgbtq',
  'disabled_people',
  'mental_health',
  'bereaved',
] as const;
/** Whether the audiences are the only people who may come, are especially welcome, or that it is open to all. */
export const ELIGIBILITIES = ['open_to_all', 'only', 'especially_welcome'] as const;
export const ACCESS_FEATURES = ['step_free', 'hearing_loop', 'bsl', 'large_print', 'quiet_space'] as const;
/** What someone must bring or have to use the service ("referral needed" is `entry`). */
export const REQUIREMENTS = ['id_documents', 'proof_of_address', 'gp_registration'] as const;
/** Practical help: yes, no, or not stated. */
export const HELP_FLAGS = ['childcare', 'transport_offered', 'accompany_first_visit', 'interpreter_available'] as const;
export const SAFEGUARDING_FLAGS = ['safeguarding_policy', 'safeguarding_checked_leads', 'trauma_informed_training'] as const;

/** Yes, no, or not stated (null). */
const tri = z
  .boolean()
  .nullish()
  .transform((v) => v ?? null);
/** One of `values`, or not stated (null). */
const optEnum = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .enum(values)
    .nullish()
    .transform((v) => v ?? null);
/** A list without repeats; empty means nothing stated. */
const setOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .array(z.enum(values))
    .default([])
    .transform((v) => [...new Set(v)]);
/** Yes/no per key; a key that is absent is not stated. */
const facts = <T extends readonly [string, ...string[]]>(keys: T) => z.partialRecord(z.enum(keys), z.boolean()).default({});

/**
 * Belong's extension. Every field can be "not stated": null for a single
 * value, an empty list for a list, a missing key for the yes/no facts in
 * `accessibility` and `requirements`. Nothing defaults to a fact: a feed that
 * says nothing stays unknown, and the public pages say "not stated; ask
 * before you go" instead of guessing.
 */
export const belongServiceSchema = z
  .object({
    gender: optEnum(GENDERS),
    communities: z.array(text).default([]),
    faith: optEnum(FAITHS),
    entry: optEnum(ENTRIES),
    how_to_join: optText,
    what_to_expect: optText,
    cost_band: optEnum(COST_BANDS),
    childcare: tri,
    transport_offered: tri,
    accompany_first_visit: tri,
    interpreter_available: tri,
    modes: setOf(MODES),
    food: setOf(FOODS),
    support_kinds: setOf(SUPPORT_KINDS),
    audiences: setOf(AUDIENCES),
    eligibility: optEnum(ELIGIBILITIES),
    accessibility: facts(ACCESS_FEATURES),
    requirements: facts(REQUIREMENTS),
    capacity_status: optEnum(CAPACITY_STATUSES),
    accepting_referrals: tri,
    safeguarding_policy: tri,
    safeguarding_checked_leads: tri,
    trauma_informed_training: tri,
    safeguarding_review_date: optDate,
    verified_by: optText,
    review_due: optDate,
  })
  .refine((b) => !(b.eligibility === 'only' || b.eligibility === 'especially_welcome') || b.audiences.length > 0, {
    message: 'say who it is for (audiences) when it is only for, or especially welcomes, some people',
    path: ['audiences'],
  })
  .refine((b) => !(b.eligibility === 'open_to_all' && b.audiences.length > 0), {
    message: 'open to all cannot name audiences: use "especially welcome" for people it especially welcomes',
    path: ['eligibility'],
  });

/** The Belong fields a source can state or leave unknown, in the order reports list them. */
export const BELONG_FIELDS = [
  'gender',
  'audiences',
  'eligibility',
  'communities',
  'faith',
  'entry',
  'how_to_join',
  'what_to_expect',
  'cost_band',
  'childcare',
  'transport_offered',
  'accompany_first_visit',
  'interpreter_available',
  'modes',
  'food',
  'support_kinds',
  'accessibility',
  'requirements',
  'capacity_status',
  'accepting_referrals',
  'safeguarding_policy',
  'safeguarding_checked_leads',
  'trauma_informed_training',
  'safeguarding_review_date',
] as const;
export type BelongField = (typeof BELONG_FIELDS)[number];

/** Whether a Belong field has a stated value (a list or a set of facts with at least one entry). */
export function isStated(b: Record<string, unknown>, field: string): boolean {
  const v = b[field];
  if (v == null) return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v).length > 0;
  return typeof v !== 'string' || v.trim() !== '';
}

export const serviceGraphSchema = z
  .object({
    organization: organizationSchema,
    service: z.object({
      id: uuid,
      name: text,
      alternate_name: optText,
      description: z.string().trim().default(''),
      url: optText,
      email: optText,
      status: z.enum(['active', 'inactive', 'defunct', 'temporarily closed']).default('active'),
      interpretation_services: optText,
      application_process: optText,
      fees_description: optText,
      accreditations: optText,
      eligibility_description: optText,
      minimum_age: age,
      maximum_age: age,
      assured_date: optDate,
      assurer_email: optText,
      alert: optText,
    }),
    belong: belongServiceSchema.default(belongServiceSchema.parse({})),
    locations: z.array(locationSchema).default([]),
    schedules: z.array(scheduleSchema).default([]),
    schedule_exceptions: z.array(scheduleExceptionSchema).default([]),
    languages: z.array(languageSchema).default([]),
    phones: z.array(phoneSchema).default([]),
    contacts: z.array(contactSchema).default([]),
    cost_options: z.array(costOptionSchema).default([]),
    service_areas: z.array(serviceAreaSchema).default([]),
    funding: z.array(z.object({ id: uuid, source: optText })).default([]),
    capacities: z.array(capacitySchema).default([]),
    /** Taxonomy terms (by id) from any taxonomy, e.g. an imported one. */
    attributes: z.array(z.object({ id: uuid, taxonomy_term_id: uuid, value: optText })).default([]),
  })
  .refine((g) => g.service.minimum_age == null || g.service.maximum_age == null || g.service.minimum_age <= g.service.maximum_age, {
    message: 'minimum_age must not be above maximum_age',
    path: ['service', 'maximum_age'],
  })
  .refine((g) => g.schedules.every((s) => !s.location_id || g.locations.some((l) => l.id === s.location_id)), {
    message: 'a schedule names a location the service is not at',
    path: ['schedules'],
  });

export type ServiceGraphInput = z.input<typeof serviceGraphSchema>;
export type ServiceGraph = z.output<typeof serviceGraphSchema>;
export type BelongService = z.output<typeof belongServiceSchema>;

/** Validation failure as plain sentences ("service.name: Required"), for import reports and forms. */
export function describeGraphErrors(error: z.ZodError): string[] {
  return error.issues.map((i) => `${i.path.join('.') || '(record)'}: ${i.message}`);
}

export type ParseResult = { ok: true; value: ServiceGraph } | { ok: false; errors: string[] };

export function parseServiceGraph(input: unknown): ParseResult {
  const r = serviceGraphSchema.safeParse(input);
  return r.success ? { ok: true, value: r.data } : { ok: false, errors: describeGraphErrors(r.error) };
}
