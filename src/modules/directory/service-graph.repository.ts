/**
 * Stores service graphs: the one write path of the directory (importers,
 * demo data and provider editing all come through here).
 *
 * Saving is an upsert by id: organisations, services and locations are
 * updated in place; a service's own child rows (schedules, languages, phones,
 * costs, …) are replaced. Locations can be shared by several services, so
 * removing one from a service unlinks it but keeps it; within one batch the
 * last graph's version of a shared organisation or location wins. Field
 * changes to the service and its Belong extension go to the HSDS `metadata`
 * log ("create" for new services, one row per changed field otherwise).
 *
 * Who set each field is kept in `belong_field_origin` (see field-origin.ts):
 * a person's save makes the fields they changed theirs; an import ("feed")
 * leaves those fields as they are, reports a conflict when the feed's value
 * for one changed, and never touches Belong's own curation fields. Services a
 * source stops listing are retired (`retireServices`), never deleted.
 *
 * Why batches: every statement costs about 0.4 ms on embedded PGlite and
 * 0.2 ms on PostgreSQL, and one service has some twenty kinds of rows; saving
 * a batch with a fixed number of multi-row statements made a 10,000-row import
 * take seconds instead of minutes.
 */
import type { Executor } from '../../platform/db/executor.ts';
import { saveRulesOf } from './schedule-rule.repository.ts';
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import { newId, uuidV5 } from '../../platform/ids.ts';
import {
  changedFields as changedFieldsOf,
  fieldsOf,
  fieldValue,
  heldFieldOutcome,
  LOCAL_FIELDS,
  valueHash,
  type FieldConflict,
  type FieldOrigin,
  type ListField,
  type StoredOrigin,
} from './field-origin.ts';
import type { ServiceGraph } from './service-graph.ts';

export interface SaveResult {
  serviceId: string;
  created: boolean;
  /** Service and extension fields whose value changed (empty when created). */
  changedFields: string[];
  /** An import: fields left as they were because someone in Belong set them. */
  kept: string[];
  /** An import: kept fields for which the feed now says something new. */
  conflicts: FieldConflict[];
}

/**
 * Who is saving. An import (`feed`) keeps what people set in Belong; a
 * person's save (`provider`, `administrator`: an administrator's edits and
 * approvals) makes the fields that differ from `before` theirs. Without an
 * origin (demo data, tests) nothing is recorded.
 */
export type SaveOptions =
  { origin: 'feed' } | { origin: Exclude<FieldOrigin, 'feed'>; before: ServiceGraph | null } | { origin?: undefined };

/** Run `fn` in a transaction, or inside the caller's transaction when given one. */
export function inTransaction<T>(db: Executor, fn: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db as Transaction<DB>) : db.transaction().execute(fn);
}

/** The id of the service-at-location link is derived, so re-saving keeps it stable. */
export const serviceAtLocationId = (serviceId: string, locationId: string): string =>
  uuidV5(`service_at_location:${serviceId}:${locationId}`);

type Row = Record<string, unknown>;
/** Keep statements well under PostgreSQL's 65,535 bind parameters. */
const MAX_PARAMS = 30_000;

function chunks<T extends Row>(rows: T[]): T[][] {
  if (!rows.length) return [];
  const cols = Math.max(1, Object.keys(rows[0]!).length);
  const size = Math.max(1, Math.floor(MAX_PARAMS / cols));
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/** Last row per key wins, in first-seen order (what sequential upserts leave behind). */
function lastById<T>(rows: T[], key: (r: T) => string): T[] {
  const m = new Map<string, T>();
  for (const r of rows) {
    const k = key(r);
    m.delete(k);
    m.set(k, r);
  }
  return [...m.values()];
}

async function insertAll(trx: Transaction<DB>, table: keyof DB, rows: Row[]): Promise<void> {
  for (const part of chunks(rows))
    await trx
      .insertInto(table)
      .values(part as never)
      .execute();
}

/**
 * Inserts rows, or updates the ones there already. With `unlessOnly`, a row
 * whose other columns are as stored is left alone (`last_modified` does not
 * move when nothing else changed, and no trigger sees a change).
 */
async function upsertAll(trx: Transaction<DB>, table: keyof DB, rows: Row[], conflict: string[], unlessOnly: string[] = []): Promise<void> {
  for (const part of chunks(rows)) {
    const columns = Object.keys(part[0]!).filter((c) => !conflict.includes(c));
    const update = Object.fromEntries(columns.map((c) => [c, sql.ref(`excluded.${c}`)]));
    const compared = columns.filter((c) => !unlessOnly.includes(c));
    const changed = sql<boolean>`(${sql.join(compared.map((c) => sql.ref(`${table}.${c}`)))}) is distinct from (${sql.join(
      compared.map((c) => sql.ref(`excluded.${c}`)),
    )})`;
    await trx
      .insertInto(table)
      .values(part as never)
      .onConflict((oc) => {
        if (!columns.length) return oc.columns(conflict as never).doNothing();
        const set = oc.columns(conflict as never).doUpdateSet(update as never);
        return unlessOnly.length && compared.length ? set.where(changed) : set;
      })
      .execute();
  }
}

async function deleteWhereIn(trx: Transaction<DB>, table: keyof DB, column: string, ids: string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += MAX_PARAMS) {
    await trx
      .deleteFrom(table)
      .where(column as never, 'in', ids.slice(i, i + MAX_PARAMS) as never)
      .execute();
  }
}

const show = (v: unknown): string => {
  const x = fromRow(v);
  if (x == null) return '';
  if (Array.isArray(x)) return x.join(',');
  if (typeof x === 'object')
    return JSON.stringify(Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b))));
  return String(x);
};

/**
 * Saves `graphs` (distinct service ids) in one transaction (the caller's, if
 * given one) with a fixed number of multi-row statements, whatever the batch
 * size. Returns one result per graph, in order. Throws, leaving nothing
 * written, if any part is refused.
 */
export function saveServiceGraphs(
  db: Executor,
  graphs: ServiceGraph[],
  updatedBy: string,
  options: { origin: 'feed' } | { origin?: undefined } = {},
): Promise<SaveResult[]> {
  return inTransaction(db, (trx) => saveAll(trx, graphs, updatedBy, options));
}

/** Saves one service graph; see `saveServiceGraphs` and `SaveOptions`. */
export async function saveServiceGraph(
  db: Executor,
  graph: ServiceGraph,
  updatedBy: string,
  options: SaveOptions = {},
): Promise<SaveResult> {
  const [result] = await inTransaction(db, (trx) => saveAll(trx, [graph], updatedBy, options));
  return result!;
}

type OriginKey = `${string}\u0000${string}`;
const originKey = (entityId: string, field: string): OriginKey => `${entityId}\u0000${field}`;

async function loadOrigins(trx: Transaction<DB>, entityIds: string[]): Promise<Map<OriginKey, StoredOrigin>> {
  const out = new Map<OriginKey, StoredOrigin>();
  for (let i = 0; i < entityIds.length; i += MAX_PARAMS) {
    const rows = await trx
      .selectFrom('belong_field_origin')
      .selectAll()
      .where('entity_id', 'in', entityIds.slice(i, i + MAX_PARAMS))
      .execute();
    for (const r of rows) {
      out.set(originKey(r.entity_id, r.field), {
        origin: r.origin,
        source: r.source,
        valueHash: r.value_hash,
        feedHash: r.feed_hash,
        changedAt: r.changed_at instanceof Date ? r.changed_at : new Date(r.changed_at),
      });
    }
  }
  return out;
}

/** A stored value in the graph's shape (dates as 'YYYY-MM-DD', jsonb parsed). */
function fromRow(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'string' && /^\{.*\}$/s.test(v)) {
    try {
      return JSON.parse(v) as unknown;
    } catch {
      return v;
    }
  }
  return v;
}

const dateText = (v: unknown): string | null => (v == null ? null : String(fromRow(v)).slice(0, 10));

interface FeedMerge {
  /** Per service: lists people own, left as they are. */
  heldLists: Map<string, Set<ListField>>;
  /** Organisations whose identifiers people own. */
  heldIdentifiers: Set<string>;
  kept: Map<string, string[]>;
  conflicts: Map<string, FieldConflict[]>;
  /** Origin rows to update (feed_hash) for kept fields. */
  seen: { entityId: string; field: string; feedHash: string }[];
}

/**
 * An import over services already in Belong: puts back every field people
 * own (and Belong's curation fields), keeps the later "last checked" date,
 * and notes conflicts. Changes `graphs` in place.
 */
async function mergeFeed(trx: Transaction<DB>, graphs: ServiceGraph[], previous: Map<string, Record<string, unknown>>): Promise<FeedMerge> {
  const merge: FeedMerge = { heldLists: new Map(), heldIdentifiers: new Set(), kept: new Map(), conflicts: new Map(), seen: [] };
  const existing = graphs.filter((g) => previous.has(g.service.id));
  if (!existing.length) return merge;
  const origins = await loadOrigins(trx, [...new Set(existing.flatMap((g) => [g.service.id, g.organization.id]))]);
  const heldOrgFields = existing.some((g) =>
    fieldsOf(g).some((f) => f.field.startsWith('organization.') && origins.get(originKey(f.entityId, f.field))?.origin !== undefined),
  );
  const orgRows = new Map<string, Record<string, unknown>>();
  if (heldOrgFields) {
    const ids = [...new Set(existing.map((g) => g.organization.id))];
    for (const r of await trx.selectFrom('organization').selectAll().where('id', 'in', ids).execute()) orgRows.set(r.id, r);
  }
  for (const g of existing) {
    const sid = g.service.id;
    const prev = previous.get(sid)!;
    const kept: string[] = [];
    const conflicts: FieldConflict[] = [];
    for (const local of LOCAL_FIELDS) {
      const name = local.slice('belong.'.length) as 'verified_by' | 'review_due';
      (g.belong as Record<string, unknown>)[name] = name === 'review_due' ? dateText(prev[name]) : (prev[name] ?? null);
    }
    // The later check wins: Belong's own verification is not undone by an older date in the feed.
    const storedChecked = dateText(prev.assured_date);
    if (storedChecked && (!g.service.assured_date || storedChecked > g.service.assured_date)) g.service.assured_date = storedChecked;
    for (const { entityId, field } of fieldsOf(g)) {
      const owner = origins.get(originKey(entityId, field));
      if (!owner || owner.origin === 'feed') continue;
      const incoming = valueHash(fieldValue(g, field));
      if (heldFieldOutcome(owner, incoming).conflict) conflicts.push({ field, origin: owner.origin, since: owner.changedAt });
      merge.seen.push({ entityId, field, feedHash: incoming });
      kept.push(field);
      const dot = field.indexOf('.');
      if (dot < 0) {
        const lists = merge.heldLists.get(sid) ?? new Set<ListField>();
        lists.add(field as ListField);
        merge.heldLists.set(sid, lists);
        continue;
      }
      const part = field.slice(0, dot);
      const name = field.slice(dot + 1);
      if (part === 'organization') {
        if (name === 'identifiers') merge.heldIdentifiers.add(entityId);
        else if (orgRows.has(entityId)) (g.organization as Record<string, unknown>)[name] = fromRow(orgRows.get(entityId)![name]) ?? null;
      } else if (part === 'service' || part === 'belong') {
        const value = fromRow(prev[name]);
        (g[part] as Record<string, unknown>)[name] = /_date$|review_due/.test(name) ? dateText(value) : (value ?? null);
      }
    }
    if (kept.length) merge.kept.set(sid, kept);
    if (conflicts.length) merge.conflicts.set(sid, conflicts);
  }
  return merge;
}

/** A person's save: the fields they changed become theirs. */
async function recordPersonOrigins(
  trx: Transaction<DB>,
  graph: ServiceGraph,
  before: ServiceGraph,
  origin: Exclude<FieldOrigin, 'feed'>,
  source: string,
  now: Date,
): Promise<void> {
  const fields = changedFieldsOf(before, graph);
  if (!fields.length) return;
  const entityOf = (field: string) => (field.startsWith('organization.') ? graph.organization.id : graph.service.id);
  const origins = await loadOrigins(trx, [graph.service.id, graph.organization.id]);
  const rows = fields.map((field) => {
    const entityId = entityOf(field);
    const was = origins.get(originKey(entityId, field));
    return {
      entity_id: entityId,
      field,
      origin,
      source,
      value_hash: valueHash(fieldValue(graph, field)),
      // While the feed owned the field, its value was the one being replaced.
      feed_hash: was && was.origin !== 'feed' ? was.feedHash : valueHash(fieldValue(before, field)),
      changed_at: now,
    };
  });
  await upsertAll(trx, 'belong_field_origin', rows, ['entity_id', 'field']);
}

/**
 * Records that someone in Belong set these fields outside a whole-listing
 * save (e.g. pausing referrals from the inbox): an import then leaves them alone.
 */
export async function recordFieldOrigins(
  db: Executor,
  entityId: string,
  fields: { field: string; value: unknown; before: unknown }[],
  origin: Exclude<FieldOrigin, 'feed'>,
  source: string,
): Promise<void> {
  await inTransaction(db, async (trx) => {
    const origins = await loadOrigins(trx, [entityId]);
    const now = new Date();
    await upsertAll(
      trx,
      'belong_field_origin',
      fields.map((f) => {
        const was = origins.get(originKey(entityId, f.field));
        return {
          entity_id: entityId,
          field: f.field,
          origin,
          source,
          value_hash: valueHash(f.value),
          feed_hash: was && was.origin !== 'feed' ? was.feedHash : valueHash(f.before),
          changed_at: now,
        };
      }),
      ['entity_id', 'field'],
    );
  });
}

/**
 * Retires services a source no longer lists: made inactive (never deleted),
 * with the change logged. Returns the ids that were active before.
 */
export async function retireServices(db: Executor, ids: string[], updatedBy: string): Promise<string[]> {
  if (!ids.length) return [];
  return inTransaction(db, async (trx) => {
    const now = new Date();
    const retired: string[] = [];
    for (let i = 0; i < ids.length; i += MAX_PARAMS) {
      const rows = await trx
        .updateTable('service')
        .set({ status: 'inactive', last_modified: now })
        .where('id', 'in', ids.slice(i, i + MAX_PARAMS))
        .where('status', '<>', 'inactive')
        .returning('id')
        .execute();
      retired.push(...rows.map((r) => r.id));
    }
    await insertAll(
      trx,
      'metadata',
      retired.map((id) => ({
        id: newId(),
        resource_id: id,
        resource_type: 'service',
        last_action_type: 'update',
        last_action_date: now,
        field_name: 'status',
        previous_value: 'active',
        replacement_value: 'inactive',
        updated_by: updatedBy,
      })),
    );
    return retired;
  });
}

/** A graph's Belong extension as a row (yes/no facts as JSON text). */
const belongRow = (g: ServiceGraph) => ({
  service_id: g.service.id,
  ...g.belong,
  accessibility: JSON.stringify(g.belong.accessibility),
  requirements: JSON.stringify(g.belong.requirements),
});

async function saveAll(trx: Transaction<DB>, graphs: ServiceGraph[], updatedBy: string, options: SaveOptions): Promise<SaveResult[]> {
  if (!graphs.length) return [];
  const sids = graphs.map((g) => g.service.id);
  if (new Set(sids).size !== sids.length) throw new Error('saveServiceGraphs: the same service twice in one batch');
  const now = new Date();

  // Previous values, for the change log.
  const before = await trx
    .selectFrom('service')
    .leftJoin('belong_service', 'belong_service.service_id', 'service.id')
    .selectAll('service')
    .select([
      'belong_service.gender',
      'belong_service.communities',
      'belong_service.faith',
      'belong_service.entry',
      'belong_service.how_to_join',
      'belong_service.what_to_expect',
      'belong_service.cost_band',
      'belong_service.childcare',
      'belong_service.transport_offered',
      'belong_service.accompany_first_visit',
      'belong_service.interpreter_available',
      'belong_service.modes',
      'belong_service.food',
      'belong_service.support_kinds',
      'belong_service.capacity_status',
      'belong_service.accepting_referrals',
      'belong_service.safeguarding_policy',
      'belong_service.safeguarding_checked_leads',
      'belong_service.trauma_informed_training',
      'belong_service.safeguarding_review_date',
      'belong_service.verified_by',
      'belong_service.review_due',
      'belong_service.audiences',
      'belong_service.eligibility',
      'belong_service.accessibility',
      'belong_service.requirements',
    ])
    .where('service.id', 'in', sids)
    .forUpdate('service')
    .execute();
  const previous = new Map(before.map((r) => [r.id, r as Record<string, unknown>]));
  const merge = options.origin === 'feed' ? await mergeFeed(trx, graphs, previous) : null;
  const holds = (sid: string, list: ListField) => merge?.heldLists.get(sid)?.has(list) ?? false;
  /** The services whose `list` is replaced by this save. */
  const replacing = (list: ListField) => graphs.filter((g) => !holds(g.service.id, list));

  // Organisations (shared ones: the last graph's version wins) and their identifiers.
  const orgs = lastById(
    graphs.map((g) => g.organization),
    (o) => o.id,
  );
  // An organisation is saved with each of its services; it is modified only when its own fields change.
  await upsertAll(
    trx,
    'organization',
    orgs.map(({ identifiers: _i, ...org }) => ({ ...org, last_modified: now })),
    ['id'],
    ['last_modified'],
  );
  const identifierOrgs = orgs.filter((o) => !merge?.heldIdentifiers.has(o.id));
  await deleteWhereIn(
    trx,
    'organization_identifier',
    'organization_id',
    identifierOrgs.map((o) => o.id),
  );
  await insertAll(
    trx,
    'organization_identifier',
    identifierOrgs.flatMap((o) => o.identifiers.map((i) => ({ ...i, organization_id: o.id }))),
  );

  await upsertAll(
    trx,
    'service',
    graphs.map((g) => ({ ...g.service, organization_id: g.organization.id, last_modified: now })),
    ['id'],
  );
  await upsertAll(trx, 'belong_service', graphs.map(belongRow), ['service_id']);

  // Locations: unlink the ones a service no longer has, then save the rest.
  const linked = await trx
    .selectFrom('service_at_location')
    .select(['id', 'service_id', 'location_id'])
    .where('service_id', 'in', sids)
    .execute();
  const keep = new Map(graphs.map((g) => [g.service.id, new Set(g.locations.map((l) => l.id))]));
  const stale = linked.filter((l) => !holds(l.service_id, 'locations') && !keep.get(l.service_id)!.has(l.location_id)).map((l) => l.id);
  await deleteWhereIn(trx, 'service_at_location', 'id', stale);
  // Where a service's places are kept, its schedules may only name the places it still has.
  const linkedNow = new Map<string, Set<string>>();
  for (const l of linked) {
    if (!holds(l.service_id, 'locations')) continue;
    const set = linkedNow.get(l.service_id) ?? new Set<string>();
    set.add(l.location_id);
    linkedNow.set(l.service_id, set);
  }
  for (const g of graphs) {
    const places = linkedNow.get(g.service.id);
    if (!places && holds(g.service.id, 'locations')) g.schedules = g.schedules.map((sc) => ({ ...sc, location_id: null }));
    else if (places)
      g.schedules = g.schedules.map((sc) => (sc.location_id && !places.has(sc.location_id) ? { ...sc, location_id: null } : sc));
  }

  const locations = lastById(
    replacing('locations').flatMap((g) => g.locations.map((loc) => ({ loc, organizationId: g.organization.id }))),
    (x) => x.loc.id,
  );
  const locationIds = locations.map((x) => x.loc.id);
  await upsertAll(
    trx,
    'location',
    locations.map(({ loc, organizationId }) => {
      const { addresses: _a, accessibility: _c, phones: _p, belong: _b, ...row } = loc;
      return { ...row, organization_id: organizationId };
    }),
    ['id'],
  );
  await upsertAll(
    trx,
    'belong_location',
    locations.map(({ loc }) => ({ location_id: loc.id, ...loc.belong })),
    ['location_id'],
  );
  await deleteWhereIn(trx, 'address', 'location_id', locationIds);
  await insertAll(
    trx,
    'address',
    locations.flatMap(({ loc }) => loc.addresses.map((a) => ({ ...a, location_id: loc.id }))),
  );
  await deleteWhereIn(trx, 'accessibility', 'location_id', locationIds);
  await insertAll(
    trx,
    'accessibility',
    locations.flatMap(({ loc }) => loc.accessibility.map((a) => ({ ...a, location_id: loc.id }))),
  );
  for (let i = 0; i < locationIds.length; i += MAX_PARAMS) {
    await trx
      .deleteFrom('phone')
      .where('location_id', 'in', locationIds.slice(i, i + MAX_PARAMS))
      .where('service_id', 'is', null)
      .execute();
  }
  await insertAll(
    trx,
    'phone',
    locations.flatMap(({ loc }) => loc.phones.map((p) => ({ ...p, location_id: loc.id }))),
  );
  const links = replacing('locations').flatMap((g) =>
    g.locations.map((l) => ({ id: serviceAtLocationId(g.service.id, l.id), service_id: g.service.id, location_id: l.id })),
  );
  for (const part of chunks(links)) {
    await trx
      .insertInto('service_at_location')
      .values(part)
      .onConflict((oc) => oc.columns(['service_id', 'location_id']).doNothing())
      .execute();
  }

  // The service's own children are replaced (except lists people own, on an import).
  const ids = (list: ListField) => replacing(list).map((g) => g.service.id);
  const contacts = await trx.selectFrom('contact').select(['id', 'service_id']).where('service_id', 'in', sids).execute();
  await deleteWhereIn(
    trx,
    'phone',
    'contact_id',
    contacts.filter((c) => !holds(c.service_id!, 'contacts')).map((c) => c.id),
  );
  const childTables: [ListField, keyof DB][] = [
    ['schedules', 'schedule'],
    ['languages', 'language'],
    ['contacts', 'contact'],
    ['cost_options', 'cost_option'],
    ['service_areas', 'service_area'],
    ['funding', 'funding'],
    ['capacities', 'service_capacity'],
    ['schedule_exceptions', 'belong_schedule_exception'],
  ];
  // Exceptions may name a schedule: both go when either is replaced.
  for (const [list, table] of childTables) {
    if (list === 'schedules') continue;
    await deleteWhereIn(trx, table, 'service_id', ids(list));
  }
  await deleteWhereIn(trx, 'schedule', 'service_id', ids('schedules'));
  await deleteWhereIn(trx, 'phone', 'service_id', ids('phones'));
  const attributeIds = ids('attributes');
  for (let i = 0; i < attributeIds.length; i += MAX_PARAMS) {
    await trx
      .deleteFrom('attribute')
      .where('link_entity', '=', 'service')
      .where('link_id', 'in', attributeIds.slice(i, i + MAX_PARAMS))
      .execute();
  }

  await insertAll(
    trx,
    'schedule',
    replacing('schedules').flatMap((g) =>
      g.schedules.map((s) => ({
        ...s,
        service_id: g.service.id,
        service_at_location_id: s.location_id ? serviceAtLocationId(g.service.id, s.location_id) : null,
      })),
    ),
  );
  await saveRulesOf(
    trx,
    replacing('schedules').flatMap((g) => g.schedules.map((s) => ({ ...s, service_id: g.service.id }))),
  );
  const scheduleIds = new Set((await trx.selectFrom('schedule').select('id').where('service_id', 'in', sids).execute()).map((r) => r.id));
  await insertAll(
    trx,
    'belong_schedule_exception',
    replacing('schedule_exceptions').flatMap((g) =>
      g.schedule_exceptions.map((e) => ({
        ...e,
        schedule_id: e.schedule_id && scheduleIds.has(e.schedule_id) ? e.schedule_id : null,
        service_id: g.service.id,
      })),
    ),
  );
  await insertAll(
    trx,
    'language',
    replacing('languages').flatMap((g) => g.languages.map((l) => ({ ...l, service_id: g.service.id }))),
  );
  await insertAll(
    trx,
    'phone',
    replacing('phones').flatMap((g) => g.phones.map((p) => ({ ...p, service_id: g.service.id }))),
  );
  await insertAll(
    trx,
    'contact',
    replacing('contacts').flatMap((g) => g.contacts.map(({ phones: _p, ...c }) => ({ ...c, service_id: g.service.id }))),
  );
  await insertAll(
    trx,
    'phone',
    replacing('contacts').flatMap((g) => g.contacts.flatMap((c) => c.phones.map((p) => ({ ...p, contact_id: c.id })))),
  );
  await insertAll(
    trx,
    'cost_option',
    replacing('cost_options').flatMap((g) => g.cost_options.map((c) => ({ ...c, service_id: g.service.id }))),
  );
  await insertAll(
    trx,
    'service_area',
    replacing('service_areas').flatMap((g) => g.service_areas.map((a) => ({ ...a, service_id: g.service.id }))),
  );
  await insertAll(
    trx,
    'funding',
    replacing('funding').flatMap((g) => g.funding.map((f) => ({ ...f, service_id: g.service.id }))),
  );
  const capacities = replacing('capacities').flatMap((g) => g.capacities.map((c) => ({ c, sid: g.service.id })));
  await upsertAll(
    trx,
    'unit',
    lastById(
      capacities.map((x) => x.c.unit),
      (u) => u.id,
    ),
    ['id'],
  );
  await insertAll(
    trx,
    'service_capacity',
    capacities.map(({ c: { unit, ...c }, sid }) => ({ ...c, service_id: sid, unit_id: unit.id, updated: c.updated ?? now })),
  );
  await insertAll(
    trx,
    'attribute',
    replacing('attributes').flatMap((g) =>
      g.attributes.map((a) => ({ ...a, link_id: g.service.id, link_entity: 'service', link_type: 'service' })),
    ),
  );

  // Who set what.
  if (merge?.seen.length) {
    // The feed's latest value of each kept field: a later change there is the next conflict.
    for (const x of merge.seen) {
      await trx
        .updateTable('belong_field_origin')
        .set({ feed_hash: x.feedHash })
        .where('entity_id', '=', x.entityId)
        .where('field', '=', x.field)
        .execute();
    }
  }
  if (options.origin === 'provider' || options.origin === 'administrator') {
    if (options.before) await recordPersonOrigins(trx, graphs[0]!, options.before, options.origin, updatedBy, now);
  }

  // The HSDS change log: "create" for new services, one row per changed field otherwise.
  const results: SaveResult[] = [];
  const log: Row[] = [];
  for (const g of graphs) {
    const sid = g.service.id;
    const prev = previous.get(sid);
    if (!prev) {
      log.push({
        id: newId(),
        resource_id: sid,
        resource_type: 'service',
        last_action_type: 'create',
        updated_by: updatedBy,
        last_action_date: now,
      });
      results.push({ serviceId: sid, created: true, changedFields: [], kept: [], conflicts: [] });
      continue;
    }
    const next: Record<string, unknown> = { ...g.service, organization_id: g.organization.id, ...g.belong };
    const changedFields: string[] = [];
    for (const [field, value] of Object.entries(next)) {
      if (field === 'id' || show(prev[field]) === show(value)) continue;
      changedFields.push(field);
      log.push({
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
    results.push({
      serviceId: sid,
      created: false,
      changedFields,
      kept: merge?.kept.get(sid) ?? [],
      conflicts: merge?.conflicts.get(sid) ?? [],
    });
  }
  await insertAll(trx, 'metadata', log);
  return results;
}
