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
export const MODES = ['in_person', 'phone', 'online'] as const;
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

export const belongServiceSchema = z.object({
  gender: z.enum(GENDERS).default('mixed'),
  communities: z.array(text).default([]),
  faith: z
    .enum(FAITHS)
    .nullish()
    .transform((v) => v ?? null),
  entry: z.enum(ENTRIES).default('drop_in'),
  how_to_join: optText,
  what_to_expect: optText,
  cost_band: z.enum(COST_BANDS).default('free'),
  childcare: z.boolean().default(false),
  transport_offered: z.boolean().default(false),
  accompany_first_visit: z.boolean().default(false),
  interpreter_available: z.boolean().default(false),
  modes: z.array(z.enum(MODES)).min(1).default(['in_person']),
  food: z.array(z.enum(FOODS)).default([]),
  support_kinds: z.array(z.enum(SUPPORT_KINDS)).default([]),
  capacity_status: z.enum(CAPACITY_STATUSES).default('places_available'),
  accepting_referrals: z.boolean().default(true),
  safeguarding_policy: z.boolean().default(false),
  safeguarding_checked_leads: z.boolean().default(false),
  trauma_informed_training: z.boolean().default(false),
  safeguarding_review_date: optDate,
  verified_by: optText,
  review_due: optDate,
});

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
