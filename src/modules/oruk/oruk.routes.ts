/**
 * The Open Referral UK 3.0 read API (HSDS-UK-3.0), mounted at /oruk.
 *
 * Open to anyone (CORS `*`), read-only, JSON. Lists use the standard's `Page`
 * envelope and list only active services; single services are returned
 * whatever their status, so consumers can see one has closed. Bad parameters
 * give 400 with every problem listed; unknown ids give 404.
 * See vendor/oruk-3.0/schema/openapi.json for the contract.
 */
import { Hono, type Context } from 'hono';
import { cors } from 'hono/cors';
import type { AppDeps } from '../../app.ts';
import { DomainError } from '../../platform/http/errors.ts';
import { isUuid } from '../../platform/ids.ts';
import { lookupPlace } from '../geo/postcodes.ts';
import {
  loadOrganizationRecord,
  loadServiceAtLocationSummaries,
  loadServiceRecords,
  loadServiceSummaries,
  serviceIdForServiceAtLocation,
} from '../directory/service-read.repository.ts';
import { parseServiceSearch, QueryReader, todayUtc, type Parsed, type PlaceLookup } from '../directory/service-search.ts';
import { searchServiceAtLocations, searchServices } from '../directory/service-search.repository.ts';
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
} from './oruk.repository.ts';

export const ORUK_ROOT = {
  version: 'HSDS-UK-3.0',
  profile: 'https://github.com/openreferral/uk-profile',
  openapi_url: 'https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/openapi.json',
} as const;

export interface OrukOptions {
  /** Postcode lookup; defaults to Belong's postcode table. */
  lookupPlace?: PlaceLookup;
}

function ok<T>(parsed: Parsed<T>): T {
  if (!parsed.ok) throw new DomainError('BadRequest', parsed.errors.join(' '), parsed.errors);
  return parsed.value;
}

function idParam(c: Context, what: string): string {
  const id = c.req.param('id') ?? '';
  if (!isUuid(id)) throw new DomainError('BadRequest', `The ${what} id must be a UUID, like 3f7b145d-84af-42d7-8fae-eaca714b02b2.`);
  return id.toLowerCase();
}

const notFound = (what: string, id: string) => new DomainError('NotFound', `There is no ${what} with id ${id}.`);

export function orukRoutes({ database }: Pick<AppDeps, 'database'>, opts: OrukOptions = {}) {
  const db = database.db;
  const places: PlaceLookup = opts.lookupPlace ?? lookupPlace;
  const app = new Hono();
  app.use('*', cors({ origin: '*', allowMethods: ['GET', 'HEAD', 'OPTIONS'] }));

  const root = (c: Context) => c.json(ORUK_ROOT);
  app.get('/', root);
  // Mounted routes drop a trailing slash; this empty parameter matches "/oruk/" too.
  app.get('/:trailing{^$}', root);

  app.get('/services', async (c) => {
    const p = ok(parseServiceSearch(c.req.query(), { lookupPlace: places }));
    const found = await searchServices(db, p);
    const items = await loadServiceSummaries(db, found.ids);
    return c.json(pageOf(items.map(orukServiceSummary), found.total, p.page, p.perPage));
  });

  app.get('/services/:id', async (c) => {
    const id = idParam(c, 'service');
    const [record] = await loadServiceRecords(db, [id], todayUtc());
    if (!record) throw notFound('service', id);
    return c.json(orukService(record));
  });

  app.get('/service_at_locations', async (c) => {
    const p = ok(parseServiceSearch(c.req.query(), { lookupPlace: places }));
    const found = await searchServiceAtLocations(db, p);
    const items = await loadServiceAtLocationSummaries(db, found.ids);
    return c.json(pageOf(items.map(orukServiceAtLocationSummary), found.total, p.page, p.perPage));
  });

  app.get('/service_at_locations/:id', async (c) => {
    const id = idParam(c, 'service_at_location');
    const serviceId = await serviceIdForServiceAtLocation(db, id);
    const [record] = serviceId ? await loadServiceRecords(db, [serviceId], todayUtc()) : [];
    const body = record ? orukServiceAtLocation(record, id) : null;
    if (!body) throw notFound('service_at_location', id);
    return c.json(body);
  });

  app.get('/organizations', async (c) => {
    const paging = ok(new QueryReader(c.req.query()).withPaging());
    const { total, rows } = await listOrganizations(db, paging);
    return c.json(pageOf(rows.map(orukOrganizationSummary), total, paging.page, paging.perPage));
  });

  app.get('/organizations/:id', async (c) => {
    const id = idParam(c, 'organization');
    const [org, serviceIds] = await Promise.all([loadOrganizationRecord(db, id), activeServiceIdsOf(db, id)]);
    if (!org) throw notFound('organization', id);
    const services = await loadServiceRecords(db, serviceIds, todayUtc());
    return c.json(orukOrganization(org, services));
  });

  app.get('/taxonomies', async (c) => {
    const paging = ok(new QueryReader(c.req.query()).withPaging());
    const { total, rows } = await listTaxonomies(db, paging);
    return c.json(
      pageOf(
        rows.map((t) => orukTaxonomy(t)),
        total,
        paging.page,
        paging.perPage,
      ),
    );
  });

  app.get('/taxonomies/:id', async (c) => {
    const id = idParam(c, 'taxonomy');
    const [taxonomy, terms] = await Promise.all([getTaxonomy(db, id), termsOfTaxonomy(db, id)]);
    if (!taxonomy) throw notFound('taxonomy', id);
    return c.json(orukTaxonomy(taxonomy, terms));
  });

  app.get('/taxonomy_terms', async (c) => {
    const r = new QueryReader(c.req.query());
    const filter = { taxonomyId: r.uuid('taxonomy_id'), parentId: r.uuid('parent_id') };
    const paging = ok(r.withPaging());
    const { total, rows } = await listTaxonomyTerms(db, paging, filter);
    return c.json(pageOf(rows.map(orukTerm), total, paging.page, paging.perPage));
  });

  app.get('/taxonomy_terms/:id', async (c) => {
    const id = idParam(c, 'taxonomy_term');
    const term = await getTaxonomyTerm(db, id);
    if (!term) throw notFound('taxonomy_term', id);
    return c.json(orukTerm(term));
  });

  return app;
}
