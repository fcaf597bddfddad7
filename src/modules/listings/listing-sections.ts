/**
 * The listing edit pages, one short section each (so each works on an old
 * phone without JavaScript), and the fields of the service graph each one
 * edits. Between them they cover every field of `serviceGraphSchema` a
 * person can sensibly type, except organisation hierarchy
 * (`parent_organization_id`) and imported taxonomy attributes, which
 * are kept as they are.
 */
import { newId } from '../../platform/ids.ts';
import {
  ACCESS_FEATURES,
  AUDIENCES,
  CAPACITY_STATUSES,
  COST_BANDS,
  DAY_CODES,
  ELIGIBILITIES,
  ENTRIES,
  FAITHS,
  FOODS,
  GENDERS,
  MODES,
  REQUIREMENTS,
  SUPPORT_KINDS,
  type ServiceGraph,
} from '../directory/service-graph.ts';
import type { FieldSpec, Kind, RowsSpec, SectionSpec, Value } from './listing-form.ts';

type G = ServiceGraph;
type Loc = G['locations'][number];
type Sched = G['schedules'][number];

type Extra = Partial<Pick<FieldSpec<unknown>, 'options' | 'optional' | 'required' | 'blank'>>;

function part<P extends 'service' | 'belong' | 'organization'>(
  p: P,
  name: string,
  key: string,
  kind: Kind,
  extra: Extra = {},
): FieldSpec<G> {
  return {
    name,
    kind,
    path: [p, key],
    ...extra,
    get: (g) => (g[p] as Record<string, unknown>)[key] as Value,
    set: (g, v) => ({ ...g, [p]: { ...g[p], [key]: v } }),
  } as FieldSpec<G>;
}
const svc = (key: string, kind: Kind = 'text', extra: Extra = {}) => part('service', key, key, kind, extra);
const bel = (key: string, kind: Kind = 'text', extra: Extra = {}) => part('belong', key, key, kind, extra);
const org = (key: string, kind: Kind = 'text', extra: Extra = {}) => part('organization', `organization_${key}`, key, kind, extra);
/** A not-stated-able choice of the Belong extension. */
const belChoice = (key: string, options: readonly string[]) => bel(key, 'choice', { options, optional: true });

/** One yes / no / not stated fact of `belong.<group>` (accessibility, requirements), as form field `<prefix>_<key>`. */
function fact(group: 'accessibility' | 'requirements', prefix: string, key: string): FieldSpec<G> {
  return {
    name: `${prefix}_${key}`,
    kind: 'tri',
    path: ['belong', group],
    get: (g) => (g.belong[group] as Record<string, boolean | undefined>)[key] ?? null,
    set: (g, v) => {
      const facts = { ...(g.belong[group] as Record<string, boolean>) };
      if (v === true || v === false) facts[key] = v;
      else delete facts[key];
      return { ...g, belong: { ...g.belong, [group]: facts } };
    },
  };
}

function item<T>(key: string, kind: Kind = 'text', extra: Extra = {}): FieldSpec<T> {
  return {
    name: key,
    kind,
    path: [key],
    ...extra,
    get: (x) => (x as Record<string, unknown>)[key] as Value,
    set: (x, v) => ({ ...x, [key]: v }),
  } as FieldSpec<T>;
}

/**
 * A field of the first record in an item's child list (a location's first
 * address, its first phone): made when a value is given, dropped when its
 * `drop` fields are all cleared.
 */
function first<T extends Record<string, unknown>>(
  list: string,
  key: string,
  name: string,
  blank: () => Record<string, unknown>,
  drop: string[],
  kind: Kind = 'text',
  extra: Extra = {},
): FieldSpec<T> {
  return {
    name,
    kind,
    path: [list, 0, key],
    ...extra,
    get: (x) => ((x[list] as Record<string, unknown>[])[0]?.[key] ?? null) as Value,
    set: (x, v) => {
      const items = x[list] as Record<string, unknown>[];
      const head = items[0];
      if (!head && (v === null || v === '')) return x;
      const updated = { ...(head ?? blank()), [key]: v };
      const empty = drop.every((k) => updated[k] == null || updated[k] === '');
      return { ...x, [list]: empty ? items.slice(1) : [updated, ...items.slice(1)] };
    },
  } as FieldSpec<T>;
}

// Days of a schedule: day boxes plus "which week of the month" for monthly rules ("1TU", "-1FR").
const WEEKS = ['1', '2', '3', '4', '-1'] as const;
const splitDays = (byday: string | null) =>
  (byday ?? '')
    .split(',')
    .filter(Boolean)
    .map((d) => ({ ord: d.slice(0, -2), day: d.slice(-2) }));
const joinDays = (days: string[], ord: string) => (days.length ? days.map((d) => `${ord}${d}`).join(',') : null);

const scheduleRows: RowsSpec<Sched> = {
  key: 'schedules',
  list: 'schedules',
  blank: (id) => ({
    id,
    location_id: null,
    freq: 'WEEKLY',
    interval: 1,
    byday: null,
    bymonthday: null,
    dtstart: null,
    until: null,
    count: null,
    wkst: null,
    valid_from: null,
    valid_to: null,
    opens_at: null,
    closes_at: null,
    description: null,
    attending_type: null,
    notes: null,
    schedule_link: null,
  }),
  fields: [
    item('freq', 'choice', { options: ['WEEKLY', 'MONTHLY'] }),
    {
      name: 'days',
      kind: 'choices',
      options: DAY_CODES,
      path: ['byday'],
      get: (s) => splitDays(s.byday).map((d) => d.day),
      set: (s, v) => ({ ...s, byday: joinDays(v as string[], splitDays(s.byday)[0]?.ord ?? '') }),
    },
    {
      name: 'week',
      kind: 'choice',
      options: WEEKS,
      optional: true,
      path: ['byday'],
      get: (s) => splitDays(s.byday)[0]?.ord || null,
      set: (s, v) => ({
        ...s,
        byday: joinDays(
          splitDays(s.byday).map((d) => d.day),
          (v as string | null) ?? '',
        ),
      }),
    },
    item('opens_at', 'time'),
    item('closes_at', 'time'),
    item('location_id', 'choice', { optional: true, options: (g) => g.locations.map((l) => l.id) }),
    item('description', 'textarea'),
    item('interval', 'int'),
    item('bymonthday'),
    item('dtstart', 'date'),
    item('until', 'date'),
    item('count', 'int'),
    item('wkst', 'choice', { optional: true, options: DAY_CODES }),
    item('valid_from', 'date'),
    item('valid_to', 'date'),
    item('attending_type'),
    item('notes', 'textarea'),
    item('schedule_link'),
  ],
};

const exceptionRows: RowsSpec<G['schedule_exceptions'][number]> = {
  key: 'exceptions',
  list: 'schedule_exceptions',
  blank: (id) => ({ id, schedule_id: null, starts_on: '', ends_on: '', closed: true, opens_at: null, closes_at: null, description: null }),
  fields: [
    item('starts_on', 'date', { required: true }),
    item('ends_on', 'date', { required: true }),
    item('closed', 'bool'),
    item('opens_at', 'time'),
    item('closes_at', 'time'),
    item('schedule_id', 'choice', { optional: true, options: (g) => g.schedules.map((s) => s.id) }),
    item('description'),
  ],
};

const blankAddress = () => ({
  id: newId(),
  attention: null,
  address_1: '',
  address_2: null,
  city: '',
  region: null,
  state_province: '',
  postal_code: '',
  country: 'GB',
  address_type: 'physical',
});
const addr = (key: string, extra: Extra = {}) =>
  first<Loc>('addresses', key, key, blankAddress, ['address_1', 'address_2', 'city', 'postal_code', 'attention', 'region'], 'text', extra);
const access = (key: string, name: string) =>
  first<Loc>(
    'accessibility',
    key,
    name,
    () => ({ id: newId(), description: null, details: null, url: null }),
    ['description', 'details', 'url'],
    key === 'details' ? 'textarea' : 'text',
  );

const locationRows: RowsSpec<Loc> = {
  key: 'locations',
  list: 'locations',
  blank: (id) => ({
    id,
    location_type: 'physical',
    name: null,
    alternate_name: null,
    description: null,
    transportation: null,
    url: null,
    latitude: null,
    longitude: null,
    external_identifier: null,
    external_identifier_type: null,
    addresses: [],
    accessibility: [],
    phones: [],
    belong: { confidential: false, area_name: null },
  }),
  fields: [
    item('name'),
    item('location_type', 'choice', { options: ['physical', 'postal', 'virtual'] }),
    addr('address_1'),
    addr('address_2'),
    addr('city'),
    addr('region'),
    addr('postal_code'),
    addr('country'),
    addr('attention'),
    item('transportation', 'textarea'),
    item('description', 'textarea'),
    access('description', 'access'),
    access('details', 'access_details'),
    access('url', 'access_url'),
    first<Loc>('phones', 'number', 'phone', () => ({ id: newId(), number: '', extension: null, type: null, description: null }), [
      'number',
    ]),
    {
      name: 'area_name',
      kind: 'text',
      path: ['belong', 'area_name'],
      get: (l) => l.belong.area_name,
      set: (l, v) => ({ ...l, belong: { ...l.belong, area_name: v as string | null } }),
    },
    {
      name: 'confidential',
      kind: 'bool',
      path: ['belong', 'confidential'],
      get: (l) => l.belong.confidential,
      set: (l, v) => ({ ...l, belong: { ...l.belong, confidential: v === true } }),
    },
    item('alternate_name'),
    item('url'),
    item('latitude', 'number'),
    item('longitude', 'number'),
    item('external_identifier'),
    item('external_identifier_type'),
  ],
};

const areaRows: RowsSpec<G['service_areas'][number]> = {
  key: 'areas',
  list: 'service_areas',
  blank: (id) => ({ id, name: null, description: null, extent: null, extent_type: null, uri: null }),
  fields: [item('name'), item('description'), item('extent'), item('extent_type'), item('uri')],
};

const languageRows: RowsSpec<G['languages'][number]> = {
  key: 'languages',
  list: 'languages',
  blank: (id) => ({ id, code: '', name: null, note: null }),
  fields: [item('code', 'text', { required: true }), item('name'), item('note')],
};

const costRows: RowsSpec<G['cost_options'][number]> = {
  key: 'costs',
  list: 'cost_options',
  blank: (id) => ({ id, option: null, currency: 'GBP', amount: null, amount_description: null, valid_from: null, valid_to: null }),
  fields: [
    item('option'),
    item('amount', 'number'),
    item('currency'),
    item('amount_description'),
    item('valid_from', 'date'),
    item('valid_to', 'date'),
  ],
};

const fundingRows: RowsSpec<G['funding'][number]> = {
  key: 'funding',
  list: 'funding',
  blank: (id) => ({ id, source: null }),
  fields: [item('source')],
};

const capacityRows: RowsSpec<G['capacities'][number]> = {
  key: 'capacities',
  list: 'capacities',
  blank: (id) => ({
    id,
    unit: { id: newId(), name: '', scheme: null, identifier: null, uri: null },
    available: 0,
    maximum: null,
    description: null,
    updated: null,
  }),
  fields: [
    {
      name: 'unit',
      kind: 'text',
      required: true,
      path: ['unit', 'name'],
      get: (c) => c.unit.name,
      set: (c, v) => ({ ...c, unit: { ...c.unit, name: String(v ?? '') } }),
    },
    {
      ...item<G['capacities'][number]>('available', 'number', { required: true }),
      set: (c, v) => ({ ...c, available: v as number, updated: null }),
    },
    item('maximum', 'number'),
    item('description'),
  ],
};

const phoneRows: RowsSpec<G['phones'][number]> = {
  key: 'phones',
  list: 'phones',
  blank: (id) => ({ id, number: '', extension: null, type: null, description: null }),
  fields: [item('number', 'text', { required: true }), item('extension'), item('type'), item('description')],
};

const contactRows: RowsSpec<G['contacts'][number]> = {
  key: 'contacts',
  list: 'contacts',
  blank: (id) => ({ id, name: null, title: null, department: null, email: null, phones: [] }),
  fields: [
    item('name'),
    item('title'),
    item('department'),
    item('email'),
    first<G['contacts'][number]>(
      'phones',
      'number',
      'phone',
      () => ({ id: newId(), number: '', extension: null, type: null, description: null }),
      ['number'],
    ),
  ],
};

type Ident = G['organization']['identifiers'][number];
const identifierRows: RowsSpec<Ident> = {
  key: 'identifiers',
  list: 'organization',
  get: (g) => g.organization.identifiers,
  set: (g, items) => ({ ...g, organization: { ...g.organization, identifiers: items } }),
  blank: (id) => ({ id, identifier_scheme: null, identifier_type: '', identifier: '' }),
  fields: [item('identifier_type', 'text', { required: true }), item('identifier', 'text', { required: true }), item('identifier_scheme')],
};

export const SECTIONS: readonly SectionSpec[] = [
  {
    id: 'about',
    fields: [
      svc('name', 'text', { required: true }),
      svc('description', 'textarea', { blank: '' }),
      bel('what_to_expect', 'textarea'),
      svc('status', 'choice', { options: ['active', 'temporarily closed', 'inactive', 'defunct'] }),
      svc('alert', 'textarea'),
      svc('alternate_name'),
      svc('url'),
      svc('email'),
      svc('accreditations'),
    ],
    rows: [],
  },
  { id: 'when', fields: [], rows: [scheduleRows, exceptionRows] },
  { id: 'where', fields: ACCESS_FEATURES.map((k) => fact('accessibility', 'access', k)), rows: [locationRows] },
  {
    id: 'who',
    fields: [
      belChoice('gender', GENDERS),
      bel('audiences', 'choices', { options: AUDIENCES }),
      belChoice('eligibility', ELIGIBILITIES),
      bel('communities', 'list'),
      svc('minimum_age', 'int'),
      svc('maximum_age', 'int'),
      svc('eligibility_description', 'textarea'),
      belChoice('faith', FAITHS),
      belChoice('entry', ENTRIES),
      ...REQUIREMENTS.map((k) => fact('requirements', 'requires', k)),
      bel('how_to_join', 'textarea'),
      svc('application_process', 'textarea'),
    ],
    rows: [areaRows],
  },
  { id: 'languages', fields: [bel('interpreter_available', 'tri'), svc('interpretation_services', 'textarea')], rows: [languageRows] },
  {
    id: 'cost',
    fields: [
      belChoice('cost_band', COST_BANDS),
      svc('fees_description', 'textarea'),
      bel('childcare', 'tri'),
      bel('transport_offered', 'tri'),
      bel('accompany_first_visit', 'tri'),
      bel('food', 'choices', { options: FOODS }),
    ],
    rows: [costRows, fundingRows],
  },
  {
    id: 'support',
    fields: [bel('support_kinds', 'choices', { options: SUPPORT_KINDS }), bel('modes', 'choices', { options: MODES })],
    rows: [],
  },
  {
    id: 'capacity',
    fields: [belChoice('capacity_status', CAPACITY_STATUSES), bel('accepting_referrals', 'tri')],
    rows: [capacityRows],
  },
  { id: 'contact', fields: [], rows: [phoneRows, contactRows] },
  {
    id: 'safeguarding',
    fields: [
      bel('safeguarding_policy', 'tri'),
      bel('safeguarding_checked_leads', 'tri'),
      bel('trauma_informed_training', 'tri'),
      bel('safeguarding_review_date', 'date'),
      bel('review_due', 'date'),
      bel('verified_by'),
      svc('assured_date', 'date'),
      svc('assurer_email'),
    ],
    rows: [],
  },
  {
    id: 'organisation',
    fields: [
      org('name', 'text', { required: true }),
      org('description', 'textarea', { blank: '' }),
      org('alternate_name'),
      org('email'),
      org('website'),
      org('logo'),
      org('uri'),
      org('legal_status'),
    ],
    rows: [identifierRows],
  },
];

export type SectionId =
  'about' | 'when' | 'where' | 'who' | 'languages' | 'cost' | 'support' | 'capacity' | 'contact' | 'safeguarding' | 'organisation';

export function sectionById(id: string): SectionSpec | null {
  return SECTIONS.find((s) => s.id === id) ?? null;
}
