/**
 * The Open Referral UK API's use cases: each takes checked parameters and
 * returns the response body in the standard's shape (or null for an unknown
 * id). The routes parse and answer; the SQL is in oruk.repository.ts and the
 * directory's service; the shapes are in oruk.mapper.ts.
 */
import type { Executor } from '../../platform/db/executor.ts';
import {
  loadOrganizationRecord,
  loadServiceAtLocationSummaries,
  loadServiceRecords,
  loadServiceSummaries,
  searchServiceAtLocations,
  searchServices,
  serviceIdForServiceAtLocation,
} from '../directory/directory.service.ts';
import { todayUtc, type ServiceSearchParams } from '../directory/service-search.ts';
import {
  orukOrganization,
  orukOrganizationSummary,
  orukService,
  orukServiceAtLocation,
  orukServiceAtLocationSummary,
  orukServiceSummary,
  orukTaxonomy,
  orukTerm,
  pageOf,
} from './oruk.mapper.ts';
import {
  activeServiceIdsOf,
  getTaxonomy,
  getTaxonomyTerm,
  listOrganizations,
  listTaxonomies,
  listTaxonomyTerms,
  termsOfTaxonomy,
  type PageRequest,
  type TermFilter,
} from './oruk.repository.ts';

export type { PageRequest, TermFilter };

export async function servicesPage(db: Executor, p: ServiceSearchParams) {
  const found = await searchServices(db, p);
  const items = await loadServiceSummaries(db, found.ids);
  return pageOf(items.map(orukServiceSummary), found.total, p.page, p.perPage);
}

export async function serviceById(db: Executor, id: string) {
  const [record] = await loadServiceRecords(db, [id], todayUtc());
  return record ? orukService(record) : null;
}

export async function serviceAtLocationsPage(db: Executor, p: ServiceSearchParams) {
  const found = await searchServiceAtLocations(db, p);
  const items = await loadServiceAtLocationSummaries(db, found.ids);
  return pageOf(items.map(orukServiceAtLocationSummary), found.total, p.page, p.perPage);
}

export async function serviceAtLocationById(db: Executor, id: string) {
  const serviceId = await serviceIdForServiceAtLocation(db, id);
  const [record] = serviceId ? await loadServiceRecords(db, [serviceId], todayUtc()) : [];
  return record ? orukServiceAtLocation(record, id) : null;
}

export async function organizationsPage(db: Executor, paging: PageRequest) {
  const { total, rows } = await listOrganizations(db, paging);
  return pageOf(rows.map(orukOrganizationSummary), total, paging.page, paging.perPage);
}

export async function organizationById(db: Executor, id: string) {
  const [org, serviceIds] = await Promise.all([loadOrganizationRecord(db, id), activeServiceIdsOf(db, id)]);
  if (!org) return null;
  return orukOrganization(org, await loadServiceRecords(db, serviceIds, todayUtc()));
}

export async function taxonomiesPage(db: Executor, paging: PageRequest) {
  const { total, rows } = await listTaxonomies(db, paging);
  return pageOf(
    rows.map((t) => orukTaxonomy(t)),
    total,
    paging.page,
    paging.perPage,
  );
}

export async function taxonomyById(db: Executor, id: string) {
  const [taxonomy, terms] = await Promise.all([getTaxonomy(db, id), termsOfTaxonomy(db, id)]);
  return taxonomy ? orukTaxonomy(taxonomy, terms) : null;
}

export async function taxonomyTermsPage(db: Executor, paging: PageRequest, filter: TermFilter) {
  const { total, rows } = await listTaxonomyTerms(db, paging, filter);
  return pageOf(rows.map(orukTerm), total, paging.page, paging.perPage);
}

export async function taxonomyTermById(db: Executor, id: string) {
  const term = await getTaxonomyTerm(db, id);
  return term ? orukTerm(term) : null;
}
