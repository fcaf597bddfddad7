/**
 * Loads services, with everything that hangs off them, for output (the Open
 * Referral UK feed and Belong's pages).
 *
 * A page of services costs a fixed number of queries whatever its size: one
 * wave for the services and their locations, then one query per child table
 * for all of them at once (`where service_id in (…)`). Rows come back as
 * stored; deciding what may be published (confidential locations, empty
 * fields) is the caller's job.
 */
import { sql } from 'kysely';
import type { Executor } from '../../platform/db/executor.ts';
import type { BelongService } from './service-graph.ts';
import type {
  AttributeRow,
  BelongServiceRow,
  OrganizationRecord,
  OrganizationRow,
  ServiceAtLocationSummary,
  ServiceRecord,
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

function groupBy<T, K>(rows: T[], key: (r: T) => K): Map<K, T[]> {
  const m = new Map<K, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
}

const inOrder = <T>(ids: string[], byId: Map<string, T>): T[] => ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));

async function loadOrganizationRows(db: Executor, ids: string[]): Promise<Map<string, OrganizationRow>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('organization').selectAll().where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r]));
}

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

/**
 * Services (any status) with everything attached, in the order of `ids`;
 * unknown ids are skipped. `today` ('YYYY-MM-DD') dates the safeguarding check.
 */
export async function loadServiceRecords(db: Executor, ids: string[], today: string): Promise<ServiceRecord[]> {
  const unique = [...new Set(ids)];
  if (!unique.length) return [];

  // Wave 1: the services and where they happen.
  const [services, sals] = await Promise.all([
    db.selectFrom('service').select(SERVICE_COLUMNS).where('service.id', 'in', unique).execute(),
    db
      .selectFrom('service_at_location as sal')
      .innerJoin('location as l', 'l.id', 'sal.location_id')
      .leftJoin('belong_location as bl', 'bl.location_id', 'l.id')
      .selectAll('l')
      .select(['sal.id as sal_id', 'sal.service_id', 'sal.description as sal_description', 'bl.confidential', 'bl.area_name'])
      .where('sal.service_id', 'in', unique)
      .orderBy('sal.service_id')
      .orderBy('l.name')
      .orderBy('l.id')
      .execute(),
  ]);
  if (!services.length) return [];
  const serviceIds = services.map((s) => s.id);
  const orgIds = [...new Set(services.map((s) => s.organization_id))];
  const locationIds = [...new Set(sals.map((s) => s.id))];
  const none = ['00000000-0000-0000-0000-000000000000'];
  const locIn = locationIds.length ? locationIds : none;

  // Wave 2: every child table, for all services at once.
  const [
    orgs,
    identifiers,
    belong,
    schedules,
    areas,
    languages,
    phones,
    contacts,
    costs,
    funding,
    addresses,
    access,
    attributes,
    terms,
    exceptions,
    capacities,
  ] = await Promise.all([
    loadOrganizationRows(db, orgIds),
    db.selectFrom('organization_identifier').selectAll().where('organization_id', 'in', orgIds).orderBy('id').execute(),
    db.selectFrom('belong_service').selectAll().where('service_id', 'in', serviceIds).execute(),
    db.selectFrom('schedule').selectAll().where('service_id', 'in', serviceIds).orderBy('id').execute(),
    db.selectFrom('service_area').selectAll().where('service_id', 'in', serviceIds).orderBy('id').execute(),
    db.selectFrom('language').selectAll().where('service_id', 'in', serviceIds).orderBy('code').orderBy('id').execute(),
    db
      .selectFrom('phone')
      .selectAll()
      .where((eb) =>
        eb.or([
          eb('service_id', 'in', serviceIds),
          eb('location_id', 'in', locIn),
          // `= any(array(…))`, not `in (select …)`: the planner then looks phones up by contact
          // (index phone_contact) instead of scanning the whole phone table.
          eb(
            'contact_id',
            '=',
            sql<string>`any(array(${eb.selectFrom('contact').select('contact.id').where('contact.service_id', 'in', serviceIds)}))`,
          ),
        ]),
      )
      .orderBy('id')
      .execute(),
    db.selectFrom('contact').selectAll().where('service_id', 'in', serviceIds).orderBy('name').orderBy('id').execute(),
    db.selectFrom('cost_option').selectAll().where('service_id', 'in', serviceIds).orderBy('id').execute(),
    db.selectFrom('funding').selectAll().where('service_id', 'in', serviceIds).orderBy('id').execute(),
    db.selectFrom('address').selectAll().where('location_id', 'in', locIn).orderBy('id').execute(),
    db.selectFrom('accessibility').selectAll().where('location_id', 'in', locIn).orderBy('id').execute(),
    loadAttributes(db, [...serviceIds, ...orgIds, ...locationIds]),
    belongTermsNow(db),
    db
      .selectFrom('belong_schedule_exception')
      .selectAll()
      .where('service_id', 'in', serviceIds)
      .orderBy('starts_on')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('service_capacity as c')
      .innerJoin('unit as u', 'u.id', 'c.unit_id')
      .select([
        'c.id',
        'c.service_id',
        'c.available',
        'c.maximum',
        'c.description',
        'c.updated',
        'u.id as unit_id',
        'u.name as unit_name',
        'u.scheme as unit_scheme',
        'u.identifier as unit_identifier',
        'u.uri as unit_uri',
      ])
      .where('c.service_id', 'in', serviceIds)
      .orderBy('c.id')
      .execute(),
  ]);

  const belongBy = new Map(belong.map((b) => [b.service_id, belongOf(b)]));
  const identifiersBy = groupBy(identifiers, (i) => i.organization_id);
  const attributesBy = groupBy(attributes, (a) => `${a.link_entity}:${a.link_id}`);
  const phonesByService = groupBy(
    phones.filter((p) => p.service_id),
    (p) => p.service_id!,
  );
  const phonesByLocation = groupBy(
    phones.filter((p) => p.location_id && !p.service_id),
    (p) => p.location_id!,
  );
  const phonesByContact = groupBy(
    phones.filter((p) => p.contact_id),
    (p) => p.contact_id!,
  );
  const schedulesBy = groupBy(schedules, (s) => s.service_id!);
  const areasBy = groupBy(areas, (a) => a.service_id!);
  const languagesBy = groupBy(languages, (l) => l.service_id!);
  const contactsBy = groupBy(contacts, (c) => c.service_id!);
  const costsBy = groupBy(costs, (c) => c.service_id);
  const fundingBy = groupBy(funding, (f) => f.service_id!);
  const addressesBy = groupBy(addresses, (a) => a.location_id);
  const accessBy = groupBy(access, (a) => a.location_id!);
  const salsBy = groupBy(sals, (s) => s.service_id);
  const exceptionsBy = groupBy(exceptions, (e) => e.service_id);
  const capacitiesBy = groupBy(capacities, (c) => c.service_id);
  const locationTerms = (confidential: boolean, area: string | null) =>
    locationTermCodesFor({ confidential, area_name: area }).flatMap((code) => (terms.has(code) ? [terms.get(code)!] : []));

  const records = new Map<string, ServiceRecord>();
  for (const s of services) {
    const org = orgs.get(s.organization_id)!;
    records.set(s.id, {
      service: s,
      organization: {
        ...org,
        identifiers: identifiersBy.get(org.id) ?? [],
        attributes: attributesBy.get(`organization:${org.id}`) ?? [],
      },
      belong: belongBy.get(s.id) ?? null,
      schedules: schedulesBy.get(s.id) ?? [],
      serviceAreas: areasBy.get(s.id) ?? [],
      languages: languagesBy.get(s.id) ?? [],
      phones: phonesByService.get(s.id) ?? [],
      contacts: (contactsBy.get(s.id) ?? []).map((c) => ({ ...c, phones: phonesByContact.get(c.id) ?? [] })),
      costOptions: costsBy.get(s.id) ?? [],
      funding: fundingBy.get(s.id) ?? [],
      scheduleExceptions: exceptionsBy.get(s.id) ?? [],
      capacities: (capacitiesBy.get(s.id) ?? []).map((c) => ({
        id: c.id,
        service_id: c.service_id,
        available: c.available,
        maximum: c.maximum,
        description: c.description,
        updated: c.updated,
        unit: { id: c.unit_id, name: c.unit_name, scheme: c.unit_scheme, identifier: c.unit_identifier, uri: c.unit_uri },
      })),
      locations: (salsBy.get(s.id) ?? []).map((row) => {
        const { sal_id, service_id: _sid, sal_description, confidential, area_name, ...location } = row;
        return {
          serviceAtLocationId: sal_id,
          serviceAtLocationDescription: sal_description,
          location,
          confidential: confidential === true,
          areaName: area_name,
          addresses: addressesBy.get(location.id) ?? [],
          accessibility: accessBy.get(location.id) ?? [],
          phones: phonesByLocation.get(location.id) ?? [],
          attributes: attributesBy.get(`location:${location.id}`) ?? [],
          belongTerms: locationTerms(confidential === true, area_name),
        };
      }),
      attributes: attributesBy.get(`service:${s.id}`) ?? [],
      belongTerms: belongTermsFor(belongBy.get(s.id), terms, today),
      belongValues: belongBy.has(s.id) ? termValuesFor(belongBy.get(s.id)! as unknown as BelongService) : {},
    });
  }
  return inOrder(unique, records);
}

/** Services with their organisations, in the order of `ids` (two queries). */
export async function loadServiceSummaries(db: Executor, ids: string[]): Promise<ServiceSummary[]> {
  if (!ids.length) return [];
  const services = await db.selectFrom('service').select(SERVICE_COLUMNS).where('service.id', 'in', ids).execute();
  const orgs = await loadOrganizationRows(db, [...new Set(services.map((s) => s.organization_id))]);
  const byId = new Map(services.map((s) => [s.id, { service: s, organization: orgs.get(s.organization_id)! }]));
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
