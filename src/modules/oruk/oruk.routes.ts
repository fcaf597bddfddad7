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
import type { AppDeps } from '../../platform/http/app-deps.ts';
import { DomainError } from '../../platform/http/errors.ts';
import { isUuid } from '../../platform/ids.ts';
import { lookupPlace } from '../geo/postcodes.ts';
import { parseServiceSearch, QueryReader, type Parsed, type PlaceLookup } from '../directory/service-search.ts';
import {
  organizationById,
  organizationsPage,
  serviceAtLocationById,
  serviceAtLocationsPage,
  serviceById,
  servicesPage,
  taxonomiesPage,
  taxonomyById,
  taxonomyTermById,
  taxonomyTermsPage,
} from './oruk.service.ts';

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

  /** Answers the body, or 404 when the use case found nothing. */
  const found = <T>(c: Context, body: T | null, what: string, id: string) => {
    if (body === null) throw notFound(what, id);
    return c.json(body);
  };

  app.get('/services', async (c) => c.json(await servicesPage(db, ok(parseServiceSearch(c.req.query(), { lookupPlace: places })))));

  app.get('/services/:id', async (c) => {
    const id = idParam(c, 'service');
    return found(c, await serviceById(db, id), 'service', id);
  });

  app.get('/service_at_locations', async (c) =>
    c.json(await serviceAtLocationsPage(db, ok(parseServiceSearch(c.req.query(), { lookupPlace: places })))),
  );

  app.get('/service_at_locations/:id', async (c) => {
    const id = idParam(c, 'service_at_location');
    return found(c, await serviceAtLocationById(db, id), 'service_at_location', id);
  });

  app.get('/organizations', async (c) => c.json(await organizationsPage(db, ok(new QueryReader(c.req.query()).withPaging()))));

  app.get('/organizations/:id', async (c) => {
    const id = idParam(c, 'organization');
    return found(c, await organizationById(db, id), 'organization', id);
  });

  app.get('/taxonomies', async (c) => c.json(await taxonomiesPage(db, ok(new QueryReader(c.req.query()).withPaging()))));

  app.get('/taxonomies/:id', async (c) => {
    const id = idParam(c, 'taxonomy');
    return found(c, await taxonomyById(db, id), 'taxonomy', id);
  });

  app.get('/taxonomy_terms', async (c) => {
    const r = new QueryReader(c.req.query());
    const filter = { taxonomyId: r.uuid('taxonomy_id'), parentId: r.uuid('parent_id') };
    return c.json(await taxonomyTermsPage(db, ok(r.withPaging()), filter));
  });

  app.get('/taxonomy_terms/:id', async (c) => {
    const id = idParam(c, 'taxonomy_term');
    return found(c, await taxonomyTermById(db, id), 'taxonomy_term', id);
  });

  return app;
}
