/**
 * Loads services, with everything that hangs off them, for output (the Open
 * Referral UK feed and Belong's pages).
 *
 * A page of full records is one statement whatever its size (each child
 * table aggregated as json per service, migration 0240). Rows come back as
 * stored; deciding what may be published (confidential locations, empty
 * fields) is the caller's job.
 */
import { sql } from 'kysely';
import type { Executor } from '../../platform/db/executor.ts';
import type { BelongService } from './service-graph.ts';
import type {
  AccessibilityRow,
  AddressRow,
  AttributeRow,
  BelongServiceRow,
  CapacityRecord,
  ContactRow,
  CostOptionRow,
  FundingRow,
  IdentifierRow,
  LanguageRow,
  LocationRow,
  OrganizationRecord,
  OrganizationRow,
  PhoneRow,
  ScheduleExceptionRow,
  ScheduleRow,
  ServiceAreaRow,
  ServiceAtLocationSummary,
  ServiceRecord,
  ServiceRow,
  ServiceSummary,
  TermRow,
} from './service-record.ts';
import { cachedWhileDirectoryUnchanged } from './directory-cache.ts';
import { BELONG_TAXONOMY, locationTermCodesFor, termCodesFor, termValuesFor } from './vocabulary.ts';

const SERVICE_COLUMNS = [
  'service.id',
  'service.organization_id',
  'service.name',
  'service.alternate_name',
  'service.description',
  'service.url',
  'service.email',
  'service.status',
  'service.interpretation_services',
  'service.application_process',
  'service.fees_description',
  'service.accreditations',
  'service.eligibility_description',
  'service.minimum_age',
  'service.maximum_age',
  'service.assured_date',
  'service.assurer_email',
  'service.alert',
  'service.last_modified',
] as const;

const inOrder = <T>(ids: string[], byId: Map<string, T>): T[] => ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));

/** Stored attributes linked to any of `linkIds`, with their terms and taxonomy names. */
async function loadAttributes(db: Executor, linkIds: string[]): Promise<AttributeRow[]> {
  if (!linkIds.length) return [];
  const rows = await db
    .selectFrom('attribute as a')
    .innerJoin('taxonomy_term as t', 't.id', 'a.taxonomy_term_id')
    .leftJoin('taxonomy as x', 'x.id', 't.taxonomy_id')
    .select([
      'a.id',
      'a.link_id',
      'a.link_type',
      'a.link_entity',
      'a.taxonomy_term_id',
      'a.value',
      'a.label',
      't.id as t_id',
      't.code as t_code',
      't.name as t_name',
      't.description as t_description',
      't.parent_id as t_parent_id',
      't.taxonomy as t_taxonomy',
      't.taxonomy_id as t_taxonomy_id',
      't.language as t_language',
      't.term_uri as t_term_uri',
      'x.name as taxonomy_name',
    ])
    .where('a.link_id', 'in', linkIds)
    .orderBy('a.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    link_id: r.link_id,
    link_type: r.link_type,
    link_entity: r.link_entity,
    taxonomy_term_id: r.taxonomy_term_id,
    value: r.value,
    label: r.label,
    term: {
      id: r.t_id,
      code: r.t_code,
      name: r.t_name,
      description: r.t_description,
      parent_id: r.t_parent_id,
      taxonomy: r.t_taxonomy,
      taxonomy_id: r.t_taxonomy_id,
      language: r.t_language,
      term_uri: r.t_term_uri,
      taxonomy_name: r.taxonomy_name,
    },
  }));
}

/**
 * Belong's vocabulary as stored in the taxonomy tables (written by
 * `ensureVocabulary`), keyed by code.
 */
export async function loadBelongTerms(db: Executor): Promise<Map<string, TermRow>> {
  const rows = await db
    .selectFrom('taxonomy_term as t')
    .leftJoin('taxonomy as x', 'x.id', 't.taxonomy_id')
    .selectAll('t')
    .select('x.name as taxonomy_name')
    .where('t.taxonomy_id', '=', BELONG_TAXONOMY.id)
    .execute();
  return new Map(rows.filter((r) => r.code).map((r) => [r.code!, r]));
}

/** Belong's vocabulary, read once and kept until the directory changes (every page of services needs it). */
const belongTermsNow = cachedWhileDirectoryUnchanged(loadBelongTerms);

/** A stored extension row with its yes/no facts parsed (jsonb arrives parsed from both engines; text is tolerated). */
function belongOf(b: BelongServiceRow): BelongServiceRow {
  const parse = (v: unknown) =>
    typeof v === 'string' ? (JSON.parse(v) as Record<string, boolean>) : ((v ?? {}) as Record<string, boolean>);
  return { ...b, accessibility: parse(b.accessibility), requirements: parse(b.requirements) };
}

function belongTermsFor(b: BelongServiceRow | undefined, terms: Map<string, TermRow>, today: string): TermRow[] {
  if (!b) return [];
  return termCodesFor(b as unknown as BelongService, today).flatMap((code) => (terms.has(code) ? [terms.get(code)!] : []));
}

type Json<T> = T | string;

/** A record as belong_service_records gives it (migration 0240), one json object (kept as text by migration 0330). */
interface RecordJson {
  id: string;
  service: ServiceRow;
  organization: OrganizationRow;
  identifiers: IdentifierRow[];
  organization_attributes: AttributeRow[];
  belong: BelongServiceRow | null;
  schedules: ScheduleRow[];
  areas: ServiceAreaRow[];
  languages: LanguageRow[];
  phones: PhoneRow[];
  contacts: { contact: ContactRow; phones: PhoneRow[] }[];
  costs: CostOptionRow[];
  funding: FundingRow[];
  exceptions: ScheduleExceptionRow[];
  capacities: CapacityRecord[];
  locations: {
    sal_id: string;
    sal_description: string | null;
    location: LocationRow;
    confidential: boolean | null;
    area_name: string | null;
    addresses: AddressRow[];
    accessibility: AccessibilityRow[];
    phones: PhoneRow[];
    attributes: AttributeRow[];
  }[];
  attributes: AttributeRow[];
}

/** A json value as it arrives (parsed by the driver, or as text). */
const parsed = <T>(v: Json<T>): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);

/** timestamptz columns arrive in json as text: make them Dates, as a plain select gives them. */
const asDate = (v: Date | string): Date => (v instanceof Date ? v : new Date(v));

/**
 * Services (any status) with everything attached, in the order of `ids`;
 * unknown ids are skipped. `today` ('YYYY-MM-DD') dates the safeguarding check.
 * One statement, `belong_service_records_kept` (migration 0330: each record
 * kept as json text, rebuilt when a transaction that touched the service
 * commits; the services this transaction changed are built from the tables
 * by `belong_service_records`, 0240), besides Belong's vocabulary (kept while
 * the directory is unchanged).
 */
export async function loadServiceRecords(db: Executor, ids: string[], today: string): Promise<ServiceRecord[]> {
  const unique = [...new Set(ids)];
  if (!unique.length) return [];
  const [{ rows }, terms] = await Promise.all([
    sql<{ record: string }>`select record from belong_service_records_kept(${sql.val(unique)}::uuid[])`.execute(db),
    belongTermsNow(db),
  ]);
  const locationTerms = (confidential: boolean, area: string | null) =>
    locationTermCodesFor({ confidential, area_name: area }).flatMap((code) => (terms.has(code) ? [terms.get(code)!] : []));

  const records = new Map<string, ServiceRecord>();
  for (const { record } of rows) {
    const row = JSON.parse(record) as RecordJson;
    const { service, organization: org } = row;
    service.last_modified = asDate(service.last_modified);
    org.last_modified = asDate(org.last_modified);
    const belong = row.belong === null ? null : belongOf(row.belong);
    records.set(row.id, {
      service,
      organization: { ...org, identifiers: row.identifiers, attributes: row.organization_attributes },
      belong,
      schedules: row.schedules,
      serviceAreas: row.areas,
      languages: row.languages,
      phones: row.phones,
      contacts: row.contacts.map((c) => ({ ...c.contact, phones: c.phones })),
      costOptions: row.costs,
      funding: row.funding,
      scheduleExceptions: row.exceptions,
      capacities: row.capacities.map((c) => ({ ...c, updated: asDate(c.updated) })),
      locations: row.locations.map((l) => ({
        serviceAtLocationId: l.sal_id,
        serviceAtLocationDescription: l.sal_description,
        location: l.location,
        confidential: l.confidential === true,
        areaName: l.area_name,
        addresses: l.addresses,
        accessibility: l.accessibility,
        phones: l.phones,
        attributes: l.attributes,
        belongTerms: locationTerms(l.confidential === true, l.area_name),
      })),
      attributes: row.attributes,
      belongTerms: belongTermsFor(belong ?? undefined, terms, today),
      belongValues: belong ? termValuesFor(belong as unknown as BelongService) : {},
    });
  }
  return inOrder(unique, records);
}

/** Services with their organisations, in the order of `ids` (one query). */
export async function loadServiceSummaries(db: Executor, ids: string[]): Promise<ServiceSummary[]> {
  if (!ids.length) return [];
  const rows = await db
    .selectFrom('service')
    .innerJoin('organization as o', 'o.id', 'service.organization_id')
    .select([...SERVICE_COLUMNS, sql<Json<OrganizationRow>>`row_to_json(o)`.as('organization_json')])
    .where('service.id', '=', sql<string>`any(${sql.val([...new Set(ids)])}::uuid[])`)
    .execute();
  const byId = new Map<string, ServiceSummary>();
  for (const { organization_json, ...service } of rows) {
    const organization = parsed(organization_json);
    organization.last_modified = asDate(organization.last_modified);
    byId.set(service.id, { service, organization });
  }
  return inOrder(ids, byId);
}

/** Service-at-location pairs with their location, service and organisation, in the order of `ids`. */
export async function loadServiceAtLocationSummaries(db: Executor, ids: string[]): Promise<ServiceAtLocationSummary[]> {
  if (!ids.length) return [];
  const rows = await db
    .selectFrom('service_at_location as sal')
    .innerJoin('location as l', 'l.id', 'sal.location_id')
    .leftJoin('belong_location as bl', 'bl.location_id', 'l.id')
    .selectAll('l')
    .select(['sal.id as sal_id', 'sal.service_id', 'sal.description as sal_description', 'bl.confidential', 'bl.area_name'])
    .where('sal.id', 'in', ids)
    .execute();
  const services = await loadServiceSummaries(db, [...new Set(rows.map((r) => r.service_id))]);
  const serviceBy = new Map(services.map((s) => [s.service.id, s]));
  const byId = new Map<string, ServiceAtLocationSummary>();
  for (const row of rows) {
    const { sal_id, service_id, sal_description, confidential, area_name, ...location } = row;
    const s = serviceBy.get(service_id);
    if (!s) continue;
    byId.set(sal_id, {
      id: sal_id,
      description: sal_description,
      location,
      confidential: confidential === true,
      areaName: area_name,
      service: s.service,
      organization: s.organization,
    });
  }
  return inOrder(ids, byId);
}

/** The service a service-at-location pair belongs to, or null for an unknown id. */
export async function serviceIdForServiceAtLocation(db: Executor, id: string): Promise<string | null> {
  const row = await db.selectFrom('service_at_location').select('service_id').where('id', '=', id).executeTakeFirst();
  return row?.service_id ?? null;
}

/** An organisation with its identifiers and attributes, or null. */
export async function loadOrganizationRecord(db: Executor, id: string): Promise<OrganizationRecord | null> {
  const [org, identifiers, attributes] = await Promise.all([
    db.selectFrom('organization').selectAll().where('id', '=', id).executeTakeFirst(),
    db.selectFrom('organization_identifier').selectAll().where('organization_id', '=', id).orderBy('id').execute(),
    loadAttributes(db, [id]),
  ]);
  if (!org) return null;
  return { ...org, identifiers, attributes: attributes.filter((a) => a.link_entity === 'organization') };
}

/** How many services the directory holds (any status). */
export async function countServices(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('service')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
