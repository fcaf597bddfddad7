/**
 * Stored rows → Open Referral UK 3.0 JSON.
 *
 * Pure functions, so what is published can be tested without a database.
 * Rules applied here, for every endpoint:
 * - empty fields are left out (no nulls, blank strings or empty arrays);
 * - a confidential location keeps its id, phones and a neutral name, and never
 *   shows its address, coordinates, accessibility or free-text description;
 * - only public data: Belong's curation fields (who verified a listing, when
 *   its next review is due, the assurer's email) are not published; Belong's
 *   extensions appear as `attributes` linking the service to terms of the
 *   "Belong" taxonomy, and only for what was stated: a field nobody stated
 *   has no attribute at all (never a default);
 * - local properties carry what ORUK 3.0 has no place for: HSDS 3.1
 *   `capacities`, `belong_schedule_exceptions` (holiday closures), and
 *   `belong_taxonomy_version`, which tells another Belong that the service's
 *   Belong terms are complete (no term: not stated);
 * - values that would break the standard's formats (a URL without a scheme, an
 *   email that is not one) are repaired when obvious and dropped otherwise.
 */
import { uuidV5 } from '../../platform/ids.ts';
import { BELONG_TAXONOMY } from '../directory/vocabulary.ts';
import type {
  AttributeRow,
  LocationRecord,
  LocationRow,
  OrganizationRecord,
  OrganizationRow,
  PhoneRow,
  ServiceAtLocationSummary,
  ServiceRecord,
  ServiceRow,
  ServiceSummary,
  TermRow,
} from '../directory/service-record.ts';

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json | undefined };
export type JsonObject = { [key: string]: Json | undefined };

/** The name published for a location whose address must stay private. */
export const CONFIDENTIAL_LOCATION_NAME = 'Confidential location – contact the service';

/**
 * A copy without null/undefined, blank strings, empty arrays or objects left
 * empty by that. Numbers (including 0) and booleans are kept.
 */
export function omitEmpty<T>(value: T): T {
  const clean = (v: unknown): unknown => {
    if (v === null || v === undefined) return undefined;
    if (typeof v === 'string') return v.trim() === '' ? undefined : v;
    if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
    if (Array.isArray(v)) {
      const items = v.map(clean).filter((x) => x !== undefined);
      return items.length ? items : undefined;
    }
    if (v instanceof Date) return v.toISOString();
    if (typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) {
        const c = clean(x);
        if (c !== undefined) out[k] = c;
      }
      return Object.keys(out).length ? out : undefined;
    }
    return v;
  };
  return (clean(value) ?? {}) as T;
}

/** An absolute http(s) URL, adding "https://" to a bare domain; undefined when it cannot be one. */
export function safeUrl(v: string | null | undefined): string | undefined {
  const t = v?.trim();
  if (!t || /\s/.test(t)) return undefined;
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(t) ? t : /^[\w-]+(\.[\w-]+)+([/?#].*)?$/.test(t) ? `https://${t}` : null;
  if (!withScheme) return undefined;
  try {
    const u = new URL(withScheme);
    return u.protocol === 'http:' || u.protocol === 'https:' ? withScheme : undefined;
  } catch {
    return undefined;
  }
}

/** The email address when it looks like one; undefined otherwise. */
export function safeEmail(v: string | null | undefined): string | undefined {
  const t = v?.trim();
  return t && /^[^\s@"(),:;<>[\\\]]+@[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(t) ? t : undefined;
}

const iso = (d: Date | string | null | undefined): string | undefined =>
  d == null ? undefined : d instanceof Date ? d.toISOString() : new Date(d).toISOString();

// ---------------------------------------------------------------------------
// Paging
// ---------------------------------------------------------------------------

export interface Page<T> {
  total_items: number;
  total_pages: number;
  page_number: number;
  size: number;
  first_page: boolean;
  last_page: boolean;
  empty: boolean;
  contents: T[];
}

/** The ORUK `Page` envelope; `size` is the number of items on this page. */
export function pageOf<T>(contents: T[], total: number, page: number, perPage: number): Page<T> {
  const totalPages = Math.ceil(total / perPage);
  return {
    total_items: total,
    total_pages: totalPages,
    page_number: page,
    size: contents.length,
    first_page: page === 1,
    last_page: page >= totalPages,
    empty: contents.length === 0,
    contents,
  };
}

// ---------------------------------------------------------------------------
// Taxonomies
// ---------------------------------------------------------------------------

export interface TaxonomyRowLike {
  id: string;
  name: string;
  description: string;
  uri: string | null;
  version: string | null;
}

export function orukTaxonomy(t: TaxonomyRowLike, terms?: TermRow[]): JsonObject {
  return omitEmpty({
    id: t.id,
    name: t.name,
    description: t.description.trim() || t.name,
    uri: safeUrl(t.uri),
    version: t.version,
    ...(terms ? { taxonomy_terms: terms.map(orukTerm) } : {}),
  });
}

export function orukTerm(t: TermRow): JsonObject {
  return omitEmpty({
    id: t.id,
    code: t.code,
    name: t.name,
    term: t.name,
    description: t.description.trim() || t.name,
    parent_id: t.parent_id,
    taxonomy: t.taxonomy ?? t.taxonomy_name,
    taxonomy_id: t.taxonomy_id,
    language: t.language,
    term_uri: safeUrl(t.term_uri),
  });
}

function orukAttribute(a: AttributeRow): JsonObject {
  return {
    id: a.id,
    link_id: a.link_id,
    link_type: a.link_type,
    link_entity: a.link_entity,
    taxonomy_term_id: a.taxonomy_term_id,
    value: a.value,
    label: a.label,
    taxonomy_term: orukTerm(a.term),
  };
}

/**
 * A Belong vocabulary term as attributes of the service, with stable ids: one
 * attribute, or one per value for a valued term (texts, community names, the
 * safeguarding review date), the value in the attribute's `value`.
 */
function belongAttributes(serviceId: string, t: TermRow, values: string[] | undefined): JsonObject[] {
  return (values?.length ? values : [null]).map((value, i) => ({
    id: uuidV5(`attribute:service:${serviceId}:${t.id}${i ? `:${i}` : ''}`),
    link_id: serviceId,
    link_type: t.code?.split(':')[0],
    link_entity: 'service',
    taxonomy_term_id: t.id,
    value,
    taxonomy_term: orukTerm(t),
  }));
}

// ---------------------------------------------------------------------------
// Organizations
// ---------------------------------------------------------------------------

/** One-to-one fields only (lists, and inside services). */
export function orukOrganizationSummary(o: OrganizationRow): JsonObject {
  return omitEmpty({
    id: o.id,
    name: o.name,
    alternate_name: o.alternate_name,
    // Required by the standard; fall back to the name rather than publish nothing.
    description: o.description.trim() || o.name,
    email: safeEmail(o.email),
    website: safeUrl(o.website),
    logo: safeUrl(o.logo),
    uri: safeUrl(o.uri),
    legal_status: o.legal_status,
    year_incorporated: o.year_incorporated,
    parent_organization_id: o.parent_organization_id,
    last_modified: iso(o.last_modified),
  });
}

function orukOrganizationDetail(o: OrganizationRecord): JsonObject {
  return omitEmpty({
    ...orukOrganizationSummary(o),
    organization_identifiers: o.identifiers.map((i) => ({
      id: i.id,
      organization_id: i.organization_id,
      identifier_scheme: i.identifier_scheme,
      identifier_type: i.identifier_type,
      identifier: i.identifier,
    })),
    attributes: o.attributes.map(orukAttribute),
  });
}

/** A fully nested organisation with its services. */
export function orukOrganization(o: OrganizationRecord, services: ServiceRecord[]): JsonObject {
  return omitEmpty({ ...orukOrganizationDetail(o), services: services.map((s) => orukService(s, { organization: false })) });
}

// ---------------------------------------------------------------------------
// Locations
// ---------------------------------------------------------------------------

function orukPhone(p: PhoneRow): JsonObject {
  return { id: p.id, number: p.number, extension: p.extension, type: p.type, description: p.description };
}

/** One-to-one location fields; a confidential location is reduced to its id, type and neutral name. */
function orukLocationSummary(l: LocationRow, confidential: boolean, areaName: string | null): JsonObject {
  if (confidential) {
    return omitEmpty({
      id: l.id,
      location_type: l.location_type,
      name: CONFIDENTIAL_LOCATION_NAME,
      description: areaName
        ? `Somewhere in ${areaName}. The address is kept private for people's safety: contact the service to find out more.`
        : "The address is kept private for people's safety: contact the service to find out more.",
    });
  }
  return omitEmpty({
    id: l.id,
    location_type: l.location_type,
    url: safeUrl(l.url),
    name: l.name,
    alternate_name: l.alternate_name,
    description: l.description,
    transportation: l.transportation,
    latitude: l.latitude,
    longitude: l.longitude,
    external_identifier: l.external_identifier,
    external_identifier_type: l.external_identifier_type,
  });
}

/** Belong's terms for a place: "place:area" (the area in `value`) and "place:confidential". */
function belongLocationAttributes(r: LocationRecord): JsonObject[] {
  return r.belongTerms.map((t) => ({
    id: uuidV5(`attribute:location:${r.location.id}:${t.id}`),
    link_id: r.location.id,
    link_type: 'place',
    link_entity: 'location',
    taxonomy_term_id: t.id,
    value: t.code === 'place:area' ? r.areaName : null,
    taxonomy_term: orukTerm(t),
  }));
}

function orukLocation(r: LocationRecord): JsonObject {
  const summary = orukLocationSummary(r.location, r.confidential, r.areaName);
  if (r.confidential) return omitEmpty({ ...summary, phones: r.phones.map(orukPhone), attributes: belongLocationAttributes(r) });
  return omitEmpty({
    ...summary,
    addresses: r.addresses.map((a) => ({
      id: a.id,
      location_id: a.location_id,
      attention: a.attention,
      address_1: a.address_1,
      address_2: a.address_2,
      city: a.city,
      region: a.region,
      // Required by the standard; UK addresses often have none, so use the region or town.
      state_province: a.state_province.trim() || a.region || a.city,
      postal_code: a.postal_code,
      country: a.country,
      address_type: a.address_type,
    })),
    accessibility: r.accessibility.map((a) => ({
      id: a.id,
      location_id: a.location_id,
      description: a.description,
      accessibility: a.description,
      details: a.details,
      url: safeUrl(a.url),
    })),
    phones: r.phones.map(orukPhone),
    attributes: [...r.attributes.map(orukAttribute), ...belongLocationAttributes(r)],
  });
}

// ---------------------------------------------------------------------------
// Services
// ---------------------------------------------------------------------------

/** One-to-one service fields. */
function serviceFields(s: ServiceRow): JsonObject {
  return {
    id: s.id,
    organization_id: s.organization_id,
    name: s.name,
    alternate_name: s.alternate_name,
    description: s.description,
    url: safeUrl(s.url),
    email: safeEmail(s.email),
    status: s.status,
    interpretation_services: s.interpretation_services,
    application_process: s.application_process,
    fees: s.fees_description,
    fees_description: s.fees_description,
    accreditations: s.accreditations,
    eligibility_description: s.eligibility_description,
    minimum_age: s.minimum_age,
    maximum_age: s.maximum_age,
    assured_date: s.assured_date,
    alert: s.alert,
    last_modified: iso(s.last_modified),
  };
}

/** A service in a list: one-to-one fields and its organisation. */
export function orukServiceSummary(s: ServiceSummary): JsonObject {
  return omitEmpty({ ...serviceFields(s.service), organization: orukOrganizationSummary(s.organization) });
}

function orukServiceAtLocationIn(r: ServiceRecord, l: LocationRecord): JsonObject {
  return {
    id: l.serviceAtLocationId,
    service_id: r.service.id,
    location_id: l.location.id,
    description: l.serviceAtLocationDescription,
    location: orukLocation(l),
    schedules: r.schedules.filter((s) => s.service_at_location_id === l.serviceAtLocationId).map(orukSchedule),
  };
}

function orukSchedule(s: ServiceRecord['schedules'][number]): JsonObject {
  return {
    id: s.id,
    service_id: s.service_id,
    service_at_location_id: s.service_at_location_id,
    valid_from: s.valid_from,
    valid_to: s.valid_to,
    dtstart: s.dtstart,
    timezone: s.timezone,
    until: s.until,
    count: s.count,
    wkst: s.wkst,
    freq: s.freq,
    interval: s.interval,
    byday: s.byday,
    byweekno: s.byweekno,
    bymonthday: s.bymonthday,
    byyearday: s.byyearday,
    description: s.description,
    opens_at: s.opens_at,
    closes_at: s.closes_at,
    schedule_link: safeUrl(s.schedule_link),
    attending_type: s.attending_type,
    notes: s.notes,
  };
}

/** A fully nested service. `organization: false` leaves the organisation out (inside an organisation). */
export function orukService(r: ServiceRecord, opts: { organization?: boolean } = {}): JsonObject {
  const sid = r.service.id;
  return omitEmpty({
    ...serviceFields(r.service),
    ...(opts.organization === false ? {} : { organization: orukOrganizationDetail(r.organization) }),
    schedules: r.schedules.map(orukSchedule),
    service_areas: r.serviceAreas.map((a) => ({
      id: a.id,
      service_id: a.service_id,
      name: a.name,
      description: a.description,
      extent: a.extent,
      extent_type: a.extent_type,
      uri: a.uri,
    })),
    service_at_locations: r.locations.map((l) => orukServiceAtLocationIn(r, l)),
    languages: r.languages.map((l) => ({ id: l.id, service_id: sid, name: l.name, code: l.code, note: l.note })),
    phones: r.phones.map(orukPhone),
    contacts: r.contacts.map((c) => ({
      id: c.id,
      service_id: sid,
      name: c.name,
      title: c.title,
      department: c.department,
      email: safeEmail(c.email),
      phones: c.phones.map(orukPhone),
    })),
    cost_options: r.costOptions.map((c) => ({
      id: c.id,
      service_id: sid,
      valid_from: c.valid_from,
      valid_to: c.valid_to,
      option: c.option,
      currency: c.currency,
      amount: c.amount,
      amount_description: c.amount_description,
    })),
    funding: r.funding.map((f) => ({ id: f.id, service_id: sid, source: f.source })),
    // Says the Belong terms below are the whole story: what has no term was not stated (another Belong reads it so).
    belong_taxonomy_version: BELONG_TAXONOMY.version,
    // HSDS 3.1 capacities (places, volunteers free), which ORUK 3.0 does not have yet.
    capacities: r.capacities.map((c) => ({
      id: c.id,
      service_id: sid,
      unit: { id: c.unit.id, name: c.unit.name, scheme: c.unit.scheme, identifier: c.unit.identifier, uri: safeUrl(c.unit.uri) },
      available: c.available,
      maximum: c.maximum,
      description: c.description,
      updated: iso(c.updated),
    })),
    // Belong's extension: dates a schedule does not run as usual (holiday closures, changed hours), which HSDS 3 dropped.
    belong_schedule_exceptions: r.scheduleExceptions.map((e) => ({
      id: e.id,
      schedule_id: e.schedule_id,
      starts_on: e.starts_on,
      ends_on: e.ends_on,
      closed: e.closed,
      opens_at: e.opens_at,
      closes_at: e.closes_at,
      description: e.description,
    })),
    attributes: [
      ...r.attributes.map(orukAttribute),
      ...r.belongTerms.flatMap((t) => belongAttributes(sid, t, r.belongValues[t.code ?? ''])),
    ],
  });
}

// ---------------------------------------------------------------------------
// Service at location
// ---------------------------------------------------------------------------

/** A service-at-location in a list: one-to-one fields of the location and of the service. */
export function orukServiceAtLocationSummary(s: ServiceAtLocationSummary): JsonObject {
  return omitEmpty({
    id: s.id,
    service_id: s.service.id,
    location_id: s.location.id,
    description: s.description,
    location: orukLocationSummary(s.location, s.confidential, s.areaName),
    service: orukServiceSummary({ service: s.service, organization: s.organization }),
  });
}

/** A fully nested service-at-location: the location in full and the service in full. */
export function orukServiceAtLocation(r: ServiceRecord, serviceAtLocationId: string): JsonObject | null {
  const l = r.locations.find((x) => x.serviceAtLocationId === serviceAtLocationId);
  if (!l) return null;
  return omitEmpty({ ...orukServiceAtLocationIn(r, l), service: orukService(r) });
}
