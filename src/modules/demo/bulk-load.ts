/**
 * Writes a large synthetic directory fast, for the search benchmark.
 *
 * The services come from the demo generator (same activities, names,
 * descriptions, schedules and Belong fields), spread over postcode districts
 * of several UK cities, so word, filter and proximity searches meet realistic
 * data. Instead of saving graph by graph (about 20 statements per service),
 * rows are gathered per table and written 1000 rows per INSERT, a few
 * thousand services per transaction, in foreign-key order; then ANALYZE.
 * Each INSERT sends its rows as one JSON parameter expanded by
 * `json_populate_recordset` (measured: about a third less CPU on PGlite than
 * a 1000-row VALUES list with one parameter per value). The HSDS change log
 * (`metadata`) is not written.
 *
 * Meant for an empty database: ids are sequential UUIDs (cheaper than
 * name-based ones, and kinder to B-tree indexes). With `dropIndexes`, the
 * secondary indexes of the loaded tables are dropped first and rebuilt at the
 * end, which is quicker than maintaining them row by row.
 */
import type { Insertable, Kysely, Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import type { ServiceGraph } from '../directory/service-graph.ts';
import { compileMissingScheduleRules } from '../directory/directory.service.ts';
import { ORG_KINDS } from './demo-catalogue.ts';
import { createAreaContext, isoToday, organisationGraphs, PLACES_UNIT_ID } from './demo-area.ts';
import { bulkNeighbourhoods } from './bulk-places.ts';
import {
  analyze,
  deferMatchRows,
  dropIndex,
  ensureUnit,
  insertRowsAsJson,
  pauseSearchPoints,
  rebuildServiceRows,
  restoreIndex,
  resumeSearchPoints,
  secondaryIndexes,
} from './bulk-load.repository.ts';

export interface BulkLoadOptions {
  services: number;
  seed?: number;
  /** Date the data is generated for (assurance and safeguarding dates are relative to it). */
  today?: string;
  /** Services written per transaction. */
  servicesPerTransaction?: number;
  /** Drop the loaded tables' secondary indexes during the load and rebuild them after. */
  dropIndexes?: boolean;
  /** Called after each transaction with the services written so far. */
  onProgress?: (done: number, total: number) => void;
}

export interface BulkLoadResult {
  services: number;
  organizations: number;
  locations: number;
  /** Rows written across all tables. */
  rows: number;
  rowsByTable: Partial<Record<keyof DB, number>>;
  /** Time spent generating and inserting, rebuilding indexes (when dropped), and in ANALYZE (with rebuilding matching's rows). */
  loadMs: number;
  indexMs: number;
  analyzeMs: number;
}

/** Tables in the order they must be written (parents before children). */
const TABLE_ORDER = [
  'organization',
  'location',
  'belong_location',
  'address',
  'accessibility',
  'service',
  'belong_service',
  'service_at_location',
  'schedule',
  'belong_schedule_exception',
  'language',
  'contact',
  'phone',
  'cost_option',
  'service_area',
  'funding',
  'service_capacity',
] as const satisfies readonly (keyof DB)[];
type LoadTable = (typeof TABLE_ORDER)[number];
type Buffers = { [T in LoadTable]: Insertable<DB[T]>[] };

const emptyBuffers = (): Buffers => Object.fromEntries(TABLE_ORDER.map((t) => [t, []])) as unknown as Buffers;

/** Flatten one graph into table rows; `seen` skips organisations and locations already added. */
function addGraph(buf: Buffers, g: ServiceGraph, seen: Set<string>, now: Date, newId: () => string): void {
  const { identifiers: _ids, ...org } = g.organization;
  if (!seen.has(org.id)) {
    seen.add(org.id);
    buf.organization.push({ ...org, last_modified: now });
  }
  const sid = g.service.id;
  for (const loc of g.locations) {
    if (seen.has(loc.id)) continue;
    seen.add(loc.id);
    const { addresses, accessibility, phones, belong, ...row } = loc;
    buf.location.push({ ...row, organization_id: org.id });
    buf.belong_location.push({ location_id: loc.id, ...belong });
    for (const a of addresses) buf.address.push({ ...a, location_id: loc.id });
    for (const a of accessibility) buf.accessibility.push({ ...a, location_id: loc.id });
    for (const p of phones) buf.phone.push({ ...p, location_id: loc.id });
  }
  buf.service.push({ ...g.service, organization_id: org.id, last_modified: now });
  // Rows travel as one JSON document (writeBuffers), so the jsonb facts go in as objects.
  buf.belong_service.push({
    service_id: sid,
    ...g.belong,
    accessibility: g.belong.accessibility as never,
    requirements: g.belong.requirements as never,
  });
  const salIds = new Map<string, string>();
  for (const loc of g.locations) {
    const id = newId();
    salIds.set(loc.id, id);
    buf.service_at_location.push({ id, service_id: sid, location_id: loc.id, description: null });
  }
  for (const s of g.schedules) {
    buf.schedule.push({ ...s, service_id: sid, service_at_location_id: s.location_id ? (salIds.get(s.location_id) ?? null) : null });
  }
  for (const e of g.schedule_exceptions) buf.belong_schedule_exception.push({ ...e, service_id: sid });
  for (const l of g.languages) buf.language.push({ ...l, service_id: sid });
  for (const p of g.phones) buf.phone.push({ ...p, service_id: sid });
  for (const c of g.contacts) {
    const { phones, ...contact } = c;
    buf.contact.push({ ...contact, service_id: sid });
    for (const p of phones) buf.phone.push({ ...p, contact_id: c.id });
  }
  for (const c of g.cost_options) buf.cost_option.push({ ...c, service_id: sid });
  for (const a of g.service_areas) buf.service_area.push({ ...a, service_id: sid });
  for (const f of g.funding) buf.funding.push({ ...f, service_id: sid });
  for (const cap of g.capacities) {
    const { unit, ...c } = cap;
    buf.service_capacity.push({ ...c, service_id: sid, unit_id: unit.id, updated: c.updated ?? now });
  }
}

async function writeBuffers(trx: Transaction<DB>, buf: Buffers, counts: Partial<Record<keyof DB, number>>): Promise<void> {
  // Matching's rows are rebuilt once at the end, not after every statement.
  await deferMatchRows(trx);
  for (const table of TABLE_ORDER) {
    const rows = buf[table] as Record<string, unknown>[];
    if (!rows.length) continue;
    await insertRowsAsJson(trx, table, rows);
    counts[table] = (counts[table] ?? 0) + rows.length;
  }
}

/** Sequential version-4-shaped UUIDs: unique within one load, ordered, and cheap. */
export function sequentialIds(seed: number): () => string {
  const head = (seed >>> 0).toString(16).padStart(8, '0');
  let n = 0;
  return () => `${head}-0000-4000-8000-${(++n).toString(16).padStart(12, '0')}`;
}

/**
 * Write `services` synthetic services (with their organisations, venues,
 * schedules, languages, …) into an empty directory, then ANALYZE.
 */
export async function bulkLoadServices(db: Kysely<DB>, opts: BulkLoadOptions): Promise<BulkLoadResult> {
  const started = performance.now();
  const total = opts.services;
  const perTransaction = opts.servicesPerTransaction ?? 5000;
  const seed = opts.seed ?? 1;
  const newId = sequentialIds(seed);
  const ctx = createAreaContext(seed, opts.today ?? isoToday(), {
    uniqueNames: false,
    venueRadiusM: 1500,
    secondVenueAreas: [],
    id: newId,
  });
  const places = bulkNeighbourhoods();
  const placeWeights = places.map((p) => [p, p.weight] as const);
  const kindWeights = ORG_KINDS.map((k) => [k, k.count] as const);
  const kindCounters = new Map<string, number>();
  const now = new Date();

  // Capacity rows point at a shared unit.
  const unit = { id: PLACES_UNIT_ID, name: 'places', scheme: null, identifier: null, uri: null };
  await ensureUnit(db, unit);

  const dropped = opts.dropIndexes ? await secondaryIndexes(db, TABLE_ORDER) : [];
  for (const ix of dropped) await dropIndex(db, ix);
  await pauseSearchPoints(db);

  const counts: Partial<Record<keyof DB, number>> = {};
  let written = 0;
  let orgNumber = 0;
  try {
    while (written < total) {
      const target = Math.min(perTransaction, total - written);
      const buf = emptyBuffers();
      const seen = new Set<string>();
      let inChunk = 0;
      while (inChunk < target) {
        const kind = ctx.rng.weighted(kindWeights);
        const i = kindCounters.get(kind.key) ?? 0;
        kindCounters.set(kind.key, i + 1);
        const graphs = organisationGraphs(ctx, kind, `bench:${orgNumber++}`, i, ctx.rng.weighted(placeWeights));
        for (const g of graphs.slice(0, target - inChunk)) addGraph(buf, g, seen, now, newId);
        inChunk += Math.min(graphs.length, target - inChunk);
      }
      await db.transaction().execute((trx) => writeBuffers(trx, buf, counts));
      written += inChunk;
      opts.onProgress?.(written, total);
    }
  } catch (err) {
    // Leave the schema whole even when the load fails part-way.
    for (const ix of dropped) await restoreIndex(db, ix, { ifMissing: true }).catch(() => undefined);
    await resumeSearchPoints(db).catch(() => undefined);
    // The transactions already committed deferred matching's rows and the kept records.
    await rebuildServiceRows(db).catch(() => undefined);
    throw err;
  }
  const loadMs = performance.now() - started;
  const indexStarted = performance.now();
  for (const ix of dropped) await restoreIndex(db, ix);
  await resumeSearchPoints(db);
  // "On today" and "open now" test schedules compiled as rows (the directory's schedule rules).
  await compileMissingScheduleRules(db);
  const indexMs = performance.now() - indexStarted;
  const analyzeStarted = performance.now();
  await analyze(db);
  // Matching's rows and the kept records, deferred during the load (their plans need the statistics just gathered).
  await rebuildServiceRows(db);
  return {
    services: written,
    organizations: counts.organization ?? 0,
    locations: counts.location ?? 0,
    rows: Object.values(counts).reduce((s, n) => s + (n ?? 0), 0),
    rowsByTable: counts,
    loadMs,
    indexMs,
    analyzeMs: performance.now() - analyzeStarted,
  };
}
