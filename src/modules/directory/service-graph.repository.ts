/**
 * Stores a whole service graph in one transaction.
 *
 * Saving is an upsert by id: the organisation, service and locations are
 * updated in place; the service's own child rows (schedules, languages,
 * phones, costs, …) are replaced. Locations can be shared by several services,
 * so removing one from a service unlinks it but keeps it. Field changes to the
 * service and its Belong extension are written to the HSDS `metadata` log.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import { newId, uuidV5 } from '../../platform/ids.ts';
import type { ServiceGraph } from './service-graph.ts';

export type Executor = Kysely<DB> | Transaction<DB>;

export interface SaveResult {
  serviceId: string;
  created: boolean;
  /** Service and extension fields whose value changed (empty when created). */
  changedFields: string[];
}

/** Run `fn` in a transaction, or inside the caller's transaction when given one. */
export function inTransaction<T>(db: Executor, fn: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db as Transaction<DB>) : db.transaction().execute(fn);
}

/** The id of the service-at-location link is derived, so re-saving keeps it stable. */
export const serviceAtLocationId = (serviceId: string, locationId: string): string =>
  uuidV5(`service_at_location:${serviceId}:${locationId}`);

const show = (v: unknown): string => (v == null ? '' : Array.isArray(v) ? v.join(',') : String(v));

export async function saveServiceGraph(db: Executor, g: ServiceGraph, updatedBy: string): Promise<SaveResult> {
  return inTransaction(db, async (trx) => {
    const { identifiers, ...org } = g.organization;
    await trx
      .insertInto('organization')
      .values({ ...org, last_modified: new Date() })
      .onConflict((oc) => oc.column('id').doUpdateSet({ ...org, last_modified: new Date() }))
      .execute();
    await trx.deleteFrom('organization_identifier').where('organization_id', '=', org.id).execute();
    if (identifiers.length) {
      await trx
        .insertInto('organization_identifier')
        .values(identifiers.map((i) => ({ ...i, organization_id: org.id })))
        .execute();
    }

    const sid = g.service.id;
    const before = await trx
      .selectFrom('service')
      .leftJoin('belong_service', 'belong_service.service_id', 'service.id')
      .selectAll('service')
      .select([
        'belong_service.gender', 'belong_service.communities', 'belong_service.faith', 'belong_service.entry',
        'belong_service.how_to_join', 'belong_service.what_to_expect', 'belong_service.cost_band',
        'belong_service.childcare', 'belong_service.transport_offered', 'belong_service.accompany_first_visit',
        'belong_service.interpreter_available', 'belong_service.modes', 'belong_service.food',
        'belong_service.support_kinds', 'belong_service.capacity_status', 'belong_service.accepting_referrals',
        'belong_service.safeguarding_policy', 'belong_service.safeguarding_checked_leads',
        'belong_service.trauma_informed_training', 'belong_service.safeguarding_review_date',
        'belong_service.verified_by', 'belong_service.review_due',
      ])
      .where('service.id', '=', sid)
      .forUpdate('service')
      .executeTakeFirst();

    const now = new Date();
    const serviceRow = { ...g.service, organization_id: org.id, last_modified: now };
    await trx
      .insertInto('service')
      .values(serviceRow)
      .onConflict((oc) => oc.column('id').doUpdateSet(serviceRow))
      .execute();
    const belongRow = { service_id: sid, ...g.belong };
    await trx
      .insertInto('belong_service')
      .values(belongRow)
      .onConflict((oc) => oc.column('service_id').doUpdateSet(g.belong))
      .execute();

    await saveLocations(trx, g, org.id);
    await replaceServiceChildren(trx, g);

    const changedFields: string[] = [];
    if (!before) {
      await trx
        .insertInto('metadata')
        .values({ id: newId(), resource_id: sid, resource_type: 'service', last_action_type: 'create', updated_by: updatedBy, last_action_date: now })
        .execute();
    } else {
      const prev = before as Record<string, unknown>;
      const next: Record<string, unknown> = { ...g.service, organization_id: org.id, ...g.belong };
      const rows = [];
      for (const [field, value] of Object.entries(next)) {
        if (field === 'id' || show(prev[field]) === show(value)) continue;
        changedFields.push(field);
        rows.push({
          id: newId(),
          resource_id: sid,
          resource_type: 'service',
          last_action_type: 'update',
          last_action_date: now,
          field_name: field,
          previous_value: show(prev[field]),
          replacement_value: show(value),
          updated_by: updatedBy,
        });
      }
      if (rows.length) await trx.insertInto('metadata').values(rows).execute();
    }
    return { serviceId: sid, created: !before, changedFields };
  });
}

async function saveLocations(trx: Transaction<DB>, g: ServiceGraph, organizationId: string) {
  const sid = g.service.id;
  const keep = g.locations.map((l) => l.id);
  let unlink = trx.deleteFrom('service_at_location').where('service_id', '=', sid);
  if (keep.length) unlink = unlink.where('location_id', 'not in', keep);
  await unlink.execute();

  for (const loc of g.locations) {
    const { addresses, accessibility, phones, belong, ...row } = loc;
    const values = { ...row, organization_id: organizationId };
    await trx.insertInto('location').values(values).onConflict((oc) => oc.column('id').doUpdateSet(values)).execute();
    await trx
      .insertInto('belong_location')
      .values({ location_id: loc.id, ...belong })
      .onConflict((oc) => oc.column('location_id').doUpdateSet(belong))
      .execute();
    await trx.deleteFrom('address').where('location_id', '=', loc.id).execute();
    if (addresses.length) await trx.insertInto('address').values(addresses.map((a) => ({ ...a, location_id: loc.id }))).execute();
    await trx.deleteFrom('accessibility').where('location_id', '=', loc.id).execute();
    if (accessibility.length) {
      await trx.insertInto('accessibility').values(accessibility.map((a) => ({ ...a, location_id: loc.id }))).execute();
    }
    await trx.deleteFrom('phone').where('location_id', '=', loc.id).where('service_id', 'is', null).execute();
    if (phones.length) await trx.insertInto('phone').values(phones.map((p) => ({ ...p, location_id: loc.id }))).execute();
    await trx
      .insertInto('service_at_location')
      .values({ id: serviceAtLocationId(sid, loc.id), service_id: sid, location_id: loc.id })
      .onConflict((oc) => oc.columns(['service_id', 'location_id']).doNothing())
      .execute();
  }
}

async function replaceServiceChildren(trx: Transaction<DB>, g: ServiceGraph) {
  const sid = g.service.id;
  // Children of the service itself; ON DELETE CASCADE clears contact phones via contact ids below.
  const contactIds = (await trx.selectFrom('contact').select('id').where('service_id', '=', sid).execute()).map((c) => c.id);
  if (contactIds.length) await trx.deleteFrom('phone').where('contact_id', 'in', contactIds).execute();
  for (const table of ['schedule', 'language', 'contact', 'cost_option', 'service_area', 'funding', 'service_capacity', 'belong_schedule_exception'] as const) {
    await trx.deleteFrom(table).where('service_id', '=', sid).execute();
  }
  await trx.deleteFrom('phone').where('service_id', '=', sid).execute();
  await trx.deleteFrom('attribute').where('link_entity', '=', 'service').where('link_id', '=', sid).execute();

  if (g.schedules.length) {
    await trx
      .insertInto('schedule')
      .values(
        g.schedules.map((s) => ({
          ...s,
          service_id: sid,
          service_at_location_id: s.location_id ? serviceAtLocationId(sid, s.location_id) : null,
        })),
      )
      .execute();
  }
  if (g.schedule_exceptions.length) {
    await trx.insertInto('belong_schedule_exception').values(g.schedule_exceptions.map((e) => ({ ...e, service_id: sid }))).execute();
  }
  if (g.languages.length) await trx.insertInto('language').values(g.languages.map((l) => ({ ...l, service_id: sid }))).execute();
  if (g.phones.length) await trx.insertInto('phone').values(g.phones.map((p) => ({ ...p, service_id: sid }))).execute();
  for (const c of g.contacts) {
    const { phones, ...contact } = c;
    await trx.insertInto('contact').values({ ...contact, service_id: sid }).execute();
    if (phones.length) await trx.insertInto('phone').values(phones.map((p) => ({ ...p, contact_id: c.id }))).execute();
  }
  if (g.cost_options.length) await trx.insertInto('cost_option').values(g.cost_options.map((c) => ({ ...c, service_id: sid }))).execute();
  if (g.service_areas.length) await trx.insertInto('service_area').values(g.service_areas.map((a) => ({ ...a, service_id: sid }))).execute();
  if (g.funding.length) await trx.insertInto('funding').values(g.funding.map((f) => ({ ...f, service_id: sid }))).execute();
  for (const cap of g.capacities) {
    const { unit, ...c } = cap;
    await trx.insertInto('unit').values(unit).onConflict((oc) => oc.column('id').doUpdateSet(unit)).execute();
    await trx
      .insertInto('service_capacity')
      .values({ ...c, service_id: sid, unit_id: unit.id, updated: c.updated ?? new Date() })
      .execute();
  }
  if (g.attributes.length) {
    await trx
      .insertInto('attribute')
      .values(g.attributes.map((a) => ({ ...a, link_id: sid, link_entity: 'service', link_type: 'service' })))
      .execute();
  }
}
