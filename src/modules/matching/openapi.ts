/**
 * The OpenAPI 3.1 document for matching's JSON API (served at
 * GET /api/openapi.json). Its schemas are JSON Schema 2020-12; the tests
 * check the examples against them and real responses against both.
 */
import { z } from 'zod';
import { AUDIENCES, DAY_CODES, SUPPORT_KINDS } from '../directory/service-graph.ts';
import { preferenceSchema } from './match-api.schema.ts';
import { LOCALE_CODES } from '../../platform/i18n/locales.ts';
import { MAX_LIMIT } from './match-rank.ts';
import { HARD_RULES } from './match-rules.ts';

const REASON_CODES = [
  'speaks',
  'interpreter',
  'womenOnly',
  'menOnly',
  'free',
  'lowCost',
  'kind',
  'community',
  'faithBased',
  'creche',
  'goWith',
  'fares',
  'dropIn',
  'vetted',
  'walk',
  'distance',
  'byPhone',
  'online',
  'when',
  'timesToArrange',
  'waitingList',
  'asked',
  'askFirst',
  'areaAskFirst',
];
const bool = (description: string, d: boolean) => ({ type: 'boolean', default: d, description });
const kinds = { type: 'array', items: { type: 'string', enum: [...SUPPORT_KINDS] }, default: [] };

export const REQUEST_EXAMPLE = {
  postcode: 'BD8',
  maxDistanceMetres: 1500,
  gender: 'woman',
  languages: ['bn'],
  englishOk: false,
  costLimit: 'free',
  modes: ['in_person'],
  needsChildcare: true,
  interests: ['skills'],
  unavailable: [{ day: 'FR' }],
  limit: 5,
  language: 'en',
};

export const RESPONSE_EXAMPLE = {
  suggestions: [
    {
      serviceId: '6d1f1a0e-8a53-5d2b-9c41-0b6f3e2a9d17',
      name: 'Bengali women’s sewing circle',
      organizationName: 'Oak Lane Community Association',
      distanceMetres: 700,
      waitingList: false,
      score: 11.9,
      explanation: 'Speaks Bengali · Women only · Free · Learn a skill · Crèche · about 10 minutes’ walk · Tuesday mornings',
      reasons: [
        { code: 'speaks', params: { language: 'bn' }, text: 'Speaks Bengali' },
        { code: 'womenOnly', text: 'Women only' },
        { code: 'free', text: 'Free' },
        { code: 'kind', params: { kind: 'skills' }, text: 'Learn a skill' },
        { code: 'creche', text: 'Crèche' },
        { code: 'walk', params: { minutes: 10 }, text: 'about 10 minutes’ walk' },
        { code: 'when', params: { day: 'TU', part: 'morning' }, text: 'Tuesday mornings' },
      ],
    },
  ],
  unmet: false,
  because: null,
  ruledOut: {
    status: 0,
    age: 0,
    gender: 0,
    language: 4,
    cost: 1,
    safeguarding: 0,
    capacity: 1,
    avoided: 0,
    mode: 0,
    distance: 2,
    times: 0,
    eligibility: 0,
    area: 0,
    must: 3,
  },
};

export const TOO_LARGE_EXAMPLE = { error: 'PayloadTooLarge', message: 'The request body is larger than this address accepts.' };
export const UNAVAILABLE_EXAMPLE = {
  error: 'ServiceUnavailable',
  message: 'The database is not available just now. Please try again in a minute.',
};

export const ERROR_EXAMPLE = {
  error: 'BadRequest',
  message: 'The request has problems; see details.',
  details: [
    'costLimit: Invalid option: expected one of "free"|"low_cost"|"any"',
    'maxDistanceMetres: needs a postcode or an origin to measure from',
  ],
};

export const OPENAPI_DOCUMENT = {
  openapi: '3.1.0',
  info: {
    title: 'Belong matching API',
    version: '1',
    description:
      'Rank the activities and services in Belong’s directory for a person, with a one-line explanation of each. ' +
      'Hard rules are never broken (age and gender eligibility, language, cost, safeguarding vetting for complex needs, capacity, ' +
      'the avoid list, ways of taking part and distance, times they cannot make); soft preferences only change the order; the ' +
      'shortlist is varied (at most two of one kind or from one organisation) and never padded. A pure query over the public ' +
      'directory: nothing about the person is stored. Also: the commissioners’ reports as JSON (/api/reports/{report}), read-only, ' +
      'with an API token or a staff session. See docs/api.md.',
    license: { name: 'AGPL-3.0-or-later', identifier: 'AGPL-3.0-or-later' },
  },
  paths: {
    '/api/match': {
      post: {
        operationId: 'match',
        summary: 'Suggest services that fit a person',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: { $ref: '#/components/schemas/MatchRequest' },
              examples: { youngMother: { summary: 'A young mother who speaks Bengali', value: REQUEST_EXAMPLE } },
            },
          },
        },
        responses: {
          '200': {
            description: 'The shortlist (empty when nothing fits; then `unmet` is true and `because` says which rules ruled services out).',
            content: {
              'application/json': {
                schema: { $ref: '#/components/schemas/MatchResponse' },
                examples: { shortlist: { value: RESPONSE_EXAMPLE } },
              },
            },
          },
          '400': {
            description: 'The body is not JSON, or breaks the schema: one line per problem in `details`.',
            content: {
              'application/json': { schema: { $ref: '#/components/schemas/Error' }, examples: { problems: { value: ERROR_EXAMPLE } } },
            },
          },
          '413': {
            description: 'The body is larger than this API accepts (128 KB); the connection is closed without reading the rest.',
            content: {
              'application/json': { schema: { $ref: '#/components/schemas/Error' }, examples: { tooLarge: { value: TOO_LARGE_EXAMPLE } } },
            },
          },
          '503': {
            description: 'The database is not available just now (a restart, a lost connection). Try again after `Retry-After` seconds.',
            headers: { 'Retry-After': { schema: { type: 'integer' }, description: 'Seconds to wait before trying again' } },
            content: {
              'application/json': {
                schema: { $ref: '#/components/schemas/Error' },
                examples: { unavailable: { value: UNAVAILABLE_EXAMPLE } },
              },
            },
          },
        },
      },
    },
    '/api/reports/{report}': {
      get: {
        operationId: 'report',
        summary: 'A commissioners’ report as JSON: coverage and gaps, the referral funnel, or outcomes',
        description:
          'The same figures as the report pages at /staff/evidence, aggregates only: groups of fewer than 5 are hidden (null), with ' +
          'secondary suppression so totals cannot reveal them; "not stated" is its own value (null key). Never a person. Read-only. ' +
          'For administrators and commissioners: send a read-only API token made at /staff/evidence/tokens as ' +
          '`Authorization: Bearer belong_rpt_…` (each use is audited), or a signed-in staff session. See docs/api.md.',
        security: [{ reportToken: [] }, { staffSession: [] }],
        parameters: [
          {
            name: 'report',
            in: 'path',
            required: true,
            schema: { type: 'string', enum: ['coverage', 'funnel', 'outcomes'] },
          },
          {
            name: 'from',
            in: 'query',
            required: false,
            description: 'First day (YYYY-MM-DD, UK), funnel and outcomes; default a year before today.',
            schema: { type: 'string', format: 'date' },
          },
          {
            name: 'to',
            in: 'query',
            required: false,
            description: 'Last day, included (YYYY-MM-DD); default today.',
            schema: { type: 'string', format: 'date' },
          },
          {
            name: 'area',
            in: 'query',
            required: false,
            description: 'A postcode district (BD8) or named area, coverage and funnel; default every area.',
            schema: { type: 'string', maxLength: 60 },
          },
        ],
        responses: {
          '200': {
            description: 'The report: `report`, `from`, `to` (null for coverage) and its tables.',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Report' } } },
          },
          '400': {
            description: 'A date or area that cannot be read.',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
          },
          '401': {
            description: 'No session and no token, or a token that is not valid (revoked, mistyped). `WWW-Authenticate: Bearer` says so.',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
          },
          '403': {
            description: 'The account may not see reports (only administrators and commissioners may).',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
          },
          '404': {
            description: 'There is no such report.',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
          },
        },
      },
    },
    '/api/openapi.json': {
      get: {
        operationId: 'openapi',
        summary: 'This document',
        responses: { '200': { description: 'The OpenAPI document', content: { 'application/json': { schema: { type: 'object' } } } } },
      },
    },
  },
  components: {
    securitySchemes: {
      reportToken: {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'belong_rpt_ followed by 43 base64url characters',
        description:
          'A read-only token an administrator or commissioner makes at /staff/evidence/tokens (shown once, stored hashed, revocable). ' +
          'Accepted on /api/reports/* only; every use is audited.',
      },
      staffSession: {
        type: 'apiKey',
        in: 'cookie',
        name: 'belong_session',
        description: 'A signed-in staff session (`__Host-belong_session` over https).',
      },
    },
    schemas: {
      Report: {
        type: 'object',
        required: ['report', 'from', 'to'],
        additionalProperties: true,
        properties: {
          report: { type: 'string', enum: ['coverage', 'funnel', 'outcomes'] },
          from: { type: ['string', 'null'], format: 'date' },
          to: { type: ['string', 'null'], format: 'date' },
          madeUp: { type: 'boolean', description: 'True when the figures include the demo’s made-up activity.' },
        },
      },
      MatchRequest: {
        type: 'object',
        additionalProperties: false,
        description: 'Everything is optional; what is left out rules nothing in or out.',
        properties: {
          postcode: {
            type: 'string',
            minLength: 2,
            maxLength: 16,
            description: 'Where they start: a UK postcode or outward code (not with `origin`).',
          },
          origin: {
            type: ['object', 'null'],
            additionalProperties: false,
            required: ['latitude', 'longitude'],
            properties: {
              latitude: { type: 'number', minimum: -90, maximum: 90 },
              longitude: { type: 'number', minimum: -180, maximum: 180 },
            },
            description: 'Where they start, as coordinates (not with `postcode`).',
          },
          maxDistanceMetres: {
            type: ['integer', 'null'],
            minimum: 100,
            maximum: 200000,
            default: null,
            description: 'Furthest they can get to in person; needs `postcode` or `origin`.',
          },
          gender: {
            enum: ['woman', 'man', 'another', null],
            default: null,
            description: 'Only when the person chose to say; otherwise women-only and men-only groups are not offered.',
          },
          ageBand: { enum: ['under_16', '16_17', '18_24', '25_49', '50_64', '65_plus', null], default: null },
          languages: {
            type: 'array',
            items: { type: 'string', pattern: '^[a-z]{2,3}(-[a-z0-9]{2,8})*$' },
            maxItems: 10,
            default: [],
            description: 'ISO 639 codes, most comfortable first.',
          },
          englishOk: bool('Content to take part in English.', true),
          interpreterNeeded: bool('Needs an interpreter: a service must speak one of their languages or book one.', false),
          costLimit: { enum: ['free', 'low_cost', 'any'], default: 'any' },
          complexNeeds: bool('Complex needs or trauma: only services with complete, in-date safeguarding vetting.', false),
          modes: {
            type: 'array',
            items: { enum: ['in_person', 'phone', 'online'] },
            minItems: 1,
            default: ['in_person', 'phone', 'online'],
          },
          avoidServiceIds: { type: 'array', items: { type: 'string', format: 'uuid' }, maxItems: 100, default: [] },
          avoidOrganizationIds: { type: 'array', items: { type: 'string', format: 'uuid' }, maxItems: 100, default: [] },
          avoidKinds: { ...kinds, description: 'Kinds of activity they will not go to.' },
          unavailable: {
            type: 'array',
            maxItems: 21,
            default: [],
            description:
              'Times they cannot make: a whole day, or one part of it (morning before 12:00, afternoon 12:00–17:00, evening from 17:00).',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['day'],
              properties: { day: { enum: [...DAY_CODES] }, time: { enum: ['morning', 'afternoon', 'evening'] } },
            },
          },
          interests: kinds,
          interestWords: { type: 'array', items: { type: 'string', minLength: 1, maxLength: 40 }, maxItems: 10, default: [] },
          wants: {
            type: 'array',
            items: { enum: ['shared_identity', 'mixing', 'one_to_one', 'group', 'practical', 'volunteering'] },
            default: [],
          },
          communities: { type: 'array', items: { type: 'string', minLength: 1, maxLength: 60 }, maxItems: 10, default: [] },
          faith: { enum: ['faith_based', 'any', 'avoid'], default: 'any' },
          needsAccompaniment: bool('Would like someone to go with them the first time.', false),
          needsTransport: bool('Needs help with transport or fares.', false),
          needsChildcare: bool('Needs a crèche or childcare.', false),
          prefersDropIn: bool('Would rather just turn up than fill in forms.', false),
          belongsTo: {
            type: 'array',
            items: { enum: [...AUDIENCES] },
            default: [],
            description: 'Groups the person said they belong to, for services only for some people (nothing is assumed).',
          },
          preferences: {
            type: 'array',
            maxItems: 30,
            default: [],
            description:
              'What they need (`must: true`: never broken; a value the directory does not know never meets it) or would like (ranks first when met, lower with an "ask first" reason when not known). See docs/api.md.',
            items: z.toJSONSchema(preferenceSchema, { io: 'input' }),
          },
          limit: { type: 'integer', minimum: 1, maximum: MAX_LIMIT, default: 5 },
          language: { enum: [...LOCALE_CODES], default: 'en', description: 'Language of `explanation`, `text` and `because`.' },
        },
      },
      Reason: {
        type: 'object',
        required: ['code', 'text'],
        additionalProperties: false,
        properties: {
          code: { enum: REASON_CODES },
          params: {
            type: 'object',
            description:
              'speaks: {language}; kind: {kind}; community: {community}; walk: {minutes}; distance: {metres}; when: {day (MO…SU or "any"), part (morning, afternoon, evening or "any")}; asked and askFirst: {need (the preference kind), value (what meets it: a mode, a language code, an access feature…)}; areaAskFirst: {area}.',
            additionalProperties: { type: ['string', 'number'] },
          },
          text: { type: 'string' },
        },
      },
      Suggestion: {
        type: 'object',
        required: ['serviceId', 'name', 'organizationName', 'distanceMetres', 'waitingList', 'score', 'explanation', 'reasons'],
        additionalProperties: false,
        properties: {
          serviceId: { type: 'string', format: 'uuid', description: 'The service in /oruk/services/{id}.' },
          name: { type: 'string' },
          organizationName: { type: 'string' },
          distanceMetres: {
            type: ['integer', 'null'],
            description: 'To its nearest public place; null without a starting point or a public place.',
          },
          waitingList: { type: 'boolean' },
          score: { type: 'number', description: 'Higher is a better fit; only the order is meaningful.' },
          explanation: { type: 'string', description: 'The reasons as one line.' },
          reasons: { type: 'array', items: { $ref: '#/components/schemas/Reason' } },
        },
      },
      MatchResponse: {
        type: 'object',
        required: ['suggestions', 'unmet', 'because', 'ruledOut'],
        additionalProperties: false,
        properties: {
          suggestions: { type: 'array', items: { $ref: '#/components/schemas/Suggestion' } },
          unmet: { type: 'boolean', description: 'Nothing fits.' },
          because: { type: ['string', 'null'], description: 'When nothing fits: the rules that ruled services out, in words.' },
          ruledOut: {
            type: 'object',
            description:
              'Per hard rule, how many services it ruled out (one can be ruled out by several). When nothing fits, among the services within reach; otherwise among the candidates examined.',
            required: [...HARD_RULES],
            additionalProperties: false,
            properties: Object.fromEntries(HARD_RULES.map((r) => [r, { type: 'integer', minimum: 0 }])),
          },
        },
      },
      Error: {
        type: 'object',
        required: ['error', 'message'],
        properties: {
          error: { enum: ['BadRequest', 'PayloadTooLarge', 'ServiceUnavailable'] },
          message: { type: 'string' },
          details: { type: 'array', items: { type: 'string' } },
        },
      },
    },
  },
} as const;
