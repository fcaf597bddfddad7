/**
 * Editing listings (the write path for provider self-service), policy-checked
 * as `listing.edit`: `saveServiceGraph` wrapped so that provider staff can
 * only save services of the directory organisations their organisation
 * manages, and every save is audited (with the fields that changed).
 *
 * A save can touch more than the service: it upserts the graph's
 * organisation and its locations, and a service or location may already
 * belong to someone else. So the resource is every directory organisation the
 * save would touch — the graph's organisation, the organisation that owns the
 * service now, and the owners of any existing locations it names — and each
 * must be managed by the actor's organisation. The set is worked out again
 * inside the transaction and the save refused if it changed meanwhile.
 */
import type { Kysely, Transaction } from 'kysely';
import { AccessDenied, type Access } from '../../platform/auth/access.ts';
import type { DB } from '../../platform/db/schema.ts';
import { saveServiceGraph, type SaveResult } from '../directory/service-graph.repository.ts';
import type { ServiceGraph } from '../directory/service-graph.ts';

/** Stands for "no organisation" (a location without one): nobody but an administrator manages it. */
const UNOWNED = '(no organisation)';

/** Every directory organisation a save of this graph would touch. */
export async function organisationsTouched(db: Kysely<DB> | Transaction<DB>, graph: ServiceGraph): Promise<string[]> {
  const ids = new Set<string>([graph.organization.id]);
  const service = await db.selectFrom('service').select('organization_id').where('id', '=', graph.service.id).executeTakeFirst();
  if (service) ids.add(service.organization_id);
  const locationIds = graph.locations.map((l) => l.id);
  if (locationIds.length) {
    const rows = await db.selectFrom('location').select('organization_id').where('id', 'in', locationIds).execute();
    for (const r of rows) ids.add(r.organization_id ?? UNOWNED);
  }
  return [...ids].sort();
}

export function listingsService(access: Access) {
  return {
    /** Saves a whole service (validated by the caller with parseServiceGraph). */
    async save(graph: ServiceGraph, reason?: string): Promise<SaveResult> {
      const touched = await access.lookup((db) => organisationsTouched(db, graph));
      return access.run(
        'listing.edit',
        { listingOrganizationIds: touched },
        (r: SaveResult) => ({
          subjectType: 'service',
          subjectId: graph.service.id,
          reason: reason?.trim() || null,
          details: { created: r.created, changedFields: r.changedFields, organizationId: graph.organization.id },
        }),
        async (trx, actor) => {
          const again = await organisationsTouched(trx, graph);
          if (again.join() !== touched.join()) throw new AccessDenied('listing.edit', 'noGrant');
          return saveServiceGraph(trx, graph, `staff:${actor.accountId}`);
        },
      );
    },
  };
}

export type ListingsService = ReturnType<typeof listingsService>;
