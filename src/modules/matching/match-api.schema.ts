/**
 * The JSON body of POST /api/match: a MatchRequest with defaults for what is
 * left out, a starting point given as a postcode or as coordinates, and the
 * language the explanations should be written in. Validated with zod; every
 * problem comes back as "<field>: <message>".
 */
import { z } from 'zod';
import { LOCALE_CODES, type LocaleCode } from '../../platform/i18n/locales.ts';
import { ACCESS_FEATURES, AUDIENCES, DAY_CODES, SUPPORT_KINDS } from '../directory/service-graph.ts';
import { parsePostcode, type Place } from '../geo/postcodes.ts';
import type { Preference } from './match-preferences.ts';
import { MAX_LIMIT } from './match-rank.ts';
import { EMPTY_MATCH_REQUEST, type MatchRequest } from './match-request.ts';

const D = EMPTY_MATCH_REQUEST;
const uuid = z.string().uuid({ message: 'must be a UUID' });
const languageCode = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z]{2,3}(-[a-z0-9]{2,8})*$/, 'must be an ISO 639 language code, like "bn"');

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'must be a time, like "09:30"');
const must = z.boolean().default(false);

/** One preference, a must or a nice-to-have (match-preferences.ts). */
export const preferenceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('gender_setting'), must, value: z.enum(['women_only', 'men_only']) }).strict(),
  z.object({ kind: z.literal('creche'), must }).strict(),
  z.object({ kind: z.literal('access'), must, feature: z.enum(ACCESS_FEATURES) }).strict(),
  z.object({ kind: z.literal('no_id'), must }).strict(),
  z.object({ kind: z.literal('cost'), must, limit: z.enum(['free', 'low_cost']) }).strict(),
  z
    .object({
      kind: z.literal('times'),
      must,
      windows: z
        .array(
          z
            .object({ day: z.enum(DAY_CODES), from: hhmm, to: hhmm })
            .strict()
            .refine((w) => w.from < w.to, { message: '"from" must be before "to"' }),
        )
        .min(1)
        .max(21),
    })
    .strict(),
  z
    .object({ kind: z.literal('distance'), must, metres: z.number().int().min(100).max(200_000), unlessHelped: z.boolean().default(false) })
    .strict(),
  z.object({ kind: z.literal('mode'), must, modes: z.array(z.enum(['in_person', 'phone', 'online', 'home_visit'])).min(1) }).strict(),
  z.object({ kind: z.literal('language'), must, code: languageCode, interpreterOk: z.boolean().default(true) }).strict(),
  z.object({ kind: z.literal('audience'), must, audience: z.enum(AUDIENCES) }).strict(),
]);

export const matchBodySchema = z
  .object({
    postcode: z.string().trim().min(2).max(16).optional(),
    origin: z
      .object({ latitude: z.number().min(-90).max(90), longitude: z.number().min(-180).max(180) })
      .strict()
      .nullable()
      .optional(),
    maxDistanceMetres: z.number().int().min(100).max(200_000).nullable().default(D.maxDistanceMetres),
    gender: z.enum(['woman', 'man', 'another']).nullable().default(D.gender),
    ageBand: z.enum(['under_16', '16_17', '18_24', '25_49', '50_64', '65_plus']).nullable().default(D.ageBand),
    languages: z.array(languageCode).max(10).default([]),
    englishOk: z.boolean().default(D.englishOk),
    interpreterNeeded: z.boolean().default(D.interpreterNeeded),
    costLimit: z.enum(['free', 'low_cost', 'any']).default(D.costLimit),
    complexNeeds: z.boolean().default(D.complexNeeds),
    modes: z
      .array(z.enum(['in_person', 'phone', 'online']))
      .min(1, 'must list at least one way of taking part')
      .default([...D.modes]),
    avoidServiceIds: z.array(uuid).max(100).default([]),
    avoidOrganizationIds: z.array(uuid).max(100).default([]),
    avoidKinds: z.array(z.enum(SUPPORT_KINDS)).default([]),
    unavailable: z
      .array(z.object({ day: z.enum(DAY_CODES), time: z.enum(['morning', 'afternoon', 'evening']).optional() }).strict())
      .max(21)
      .default([]),
    interests: z.array(z.enum(SUPPORT_KINDS)).default([]),
    interestWords: z.array(z.string().trim().min(1).max(40)).max(10).default([]),
    wants: z.array(z.enum(['shared_identity', 'mixing', 'one_to_one', 'group', 'practical', 'volunteering'])).default([]),
    communities: z.array(z.string().trim().min(1).max(60)).max(10).default([]),
    faith: z.enum(['faith_based', 'any', 'avoid']).default(D.faith),
    needsAccompaniment: z.boolean().default(D.needsAccompaniment),
    needsTransport: z.boolean().default(D.needsTransport),
    needsChildcare: z.boolean().default(D.needsChildcare),
    prefersDropIn: z.boolean().default(D.prefersDropIn),
    belongsTo: z.array(z.enum(AUDIENCES)).max(AUDIENCES.length).default([]),
    preferences: z.array(preferenceSchema).max(30).default([]),
    limit: z.number().int().min(1).max(MAX_LIMIT).default(5),
    language: z.enum(LOCALE_CODES as [LocaleCode, ...LocaleCode[]]).default('en'),
  })
  .strict()
  .refine((b) => !(b.postcode && b.origin), { message: 'give either a postcode or an origin, not both', path: ['postcode'] })
  .refine((b) => b.maxDistanceMetres === null || b.postcode !== undefined || b.origin, {
    message: 'needs a postcode or an origin to measure from',
    path: ['maxDistanceMetres'],
  });

export type MatchBody = z.output<typeof matchBodySchema>;

export type ParsedMatchBody = { ok: true; request: MatchRequest; limit: number; language: LocaleCode } | { ok: false; problems: string[] };

/** Validate a body and turn it into a MatchRequest (a postcode is looked up to its centre). */
export function parseMatchBody(input: unknown, lookupPlace: (q: string) => Place | null): ParsedMatchBody {
  const r = matchBodySchema.safeParse(input);
  if (!r.success) return { ok: false, problems: r.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`) };
  const { postcode, origin, limit, language, ...rest } = r.data;
  let start = origin ?? null;
  let outcode: string | null = null;
  if (postcode) {
    const place = lookupPlace(postcode);
    if (!place) return { ok: false, problems: [`postcode: we do not know the postcode or area "${postcode}"`] };
    start = { latitude: place.latitude, longitude: place.longitude };
    outcode = parsePostcode(postcode)?.outcode ?? null;
  }
  const distanceMust = rest.preferences.some((p) => p.kind === 'distance') && !start;
  if (distanceMust) return { ok: false, problems: ['preferences: a distance needs a postcode or an origin to measure from'] };
  return {
    ok: true,
    request: { ...rest, preferences: rest.preferences as Preference[], origin: start, outcode },
    limit,
    language,
  };
}
