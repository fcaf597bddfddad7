/**
 * Runs an import: validates every mapped record, skips the ones whose content
 * has not changed since the last import from the same source, and stores the
 * rest in batches.
 *
 * - Idempotent: ids are stable (see import-record.ts) and each stored record's
 *   content hash is kept in `belong_import_source`, so running the same import
 *   twice creates nothing the second time and reports the records "unchanged".
 * - A bad record never stops the import: it is reported with every reason
 *   (validation messages name the spreadsheet column when there is one) and
 *   the good records carry on.
 * - Nothing half-written: a batch is one transaction; if saving it fails, it
 *   is rolled back and saved again record by record, each in its own
 *   savepoint, so only the record at fault is left out, with a reason in
 *   plain words (`explainSaveError`), never the database's own message.
 * - People's work is kept: fields someone changed in Belong are not
 *   overwritten (see directory/field-origin.ts); when the feed now says
 *   something else for one, that is reported as a conflict.
 * - Services the source no longer lists are retired (made inactive, never
 *   deleted) and reported, once the whole source was read.
 * - The report counts, per Belong field, how many services got a stated
 *   value and how many stay unknown, and lists the source's terms no mapping
 *   used, so a mapping can be completed.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import {
  retireServices,
  saveServiceGraph,
  saveServiceGraphs,
  type FieldConflict,
  type SaveResult,
} from '../directory/directory.service.ts';
import { BELONG_FIELDS, isStated, parseServiceGraph, type BelongField, type ServiceGraph } from '../directory/service-graph.ts';

import type { MappedRecord, TaxonomyRow, TaxonomyTermRow } from './import-record.ts';
import {
  existingIds,
  loadKnownServices,
  markRetired,
  saveSourceRows,
  saveTaxonomies,
  type KnownRecord,
  type SourceRow,
} from './import-source.repository.ts';
import { termLabel } from './vocabulary-mapping.ts';

export interface RejectedRecord {
  ref: string;
  reasons: string[];
}

export interface RecordWarnings {
  ref: string;
  messages: string[];
}

/** Fields of one service a re-import did not overwrite although the feed changed them. */
export interface RecordConflicts {
  ref: string;
  serviceId: string;
  name: string;
  conflicts: FieldConflict[];
}

/** A service the source no longer lists. */
export interface RetiredService {
  externalId: string;
  serviceId: string;
}

/** How many services got a stated value for a Belong field, and how many stay unknown. */
export type FieldCoverage = Record<BelongField, { stated: number; unknown: number }>;

export interface ImportReport {
  source: string;
  dryRun: boolean;
  /** Records read from the source. */
  total: number;
  created: number;
  updated: number;
  /** Same content as the last import from this source: not written again. */
  unchanged: number;
  rejected: RejectedRecord[];
  /** Imported, but something was left out or guessed. */
  warnings: RecordWarnings[];
  /** Fields people set in Belong that were kept although the feed now says something else. */
  conflicts: RecordConflicts[];
  /** Fields kept because people set them in Belong (all services together). */
  kept: number;
  /** Services the source no longer lists: retired (inactive), or in a dry run, to be retired. */
  retired: RetiredService[];
  /** Per Belong field, over the services read without problems. */
  coverage: FieldCoverage;
  /** The source's terms no mapping used, with how many services have each, most used first. */
  unmappedTerms: { term: string; services: number }[];
  /** True when the import was stopped (signal) before the end of the source. */
  stopped: boolean;
  /** Set when the import could not finish (the source failed, or the database): what was read before is saved. */
  error?: string;
  ms: number;
}

export interface ImportProgress {
  done: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

export interface ImportOptions {
  /** Name of the source; part of derived ids and of `belong_import_source`. */
  source: string;
  /** Validate and compare only; write nothing. */
  dryRun?: boolean;
  /** Save records even when their content hash is unchanged. */
  force?: boolean;
  /** Records per transaction (default 250). */
  batchSize?: number;
  /** Written to the HSDS metadata log (default `import:<source>`). */
  updatedBy?: string;
  onProgress?: (p: ImportProgress) => void;
  /** When aborted, stop reading after the current record; what was read is still saved. */
  signal?: AbortSignal;
  /** Retire services the source no longer lists (default true; only after reading the whole source). */
  retireMissing?: boolean;
}

interface Pending {
  record: MappedRecord;
  graph: ServiceGraph;
  hash: string;
  known: KnownRecord | undefined;
  warnings: string[];
}

/**
 * Hash of a record's content. Validated graphs have their keys in the
 * schema's order, so plain JSON is stable for a given version of Belong (a
 * new schema field changes every hash once, which re-saves each record once).
 */
export const contentHash = (graph: ServiceGraph, taxonomies: TaxonomyRow[] = [], terms: TaxonomyTermRow[] = []): string =>
  createHash('sha256')
    .update(JSON.stringify([graph, taxonomies, terms]))
    .digest('base64url');

/**
 * Validation messages ("service.name: Invalid input: expected string,
 * received undefined") in the source's words ("Service name: is missing"),
 * leaving out ones about a column that already has a problem reported.
 */
export function explainErrors(errors: string[], labels: Record<string, string> | undefined, problems: string[]): string[] {
  const out: string[] = [];
  for (const e of errors) {
    const cut = e.indexOf(': ');
    const path = cut > 0 ? e.slice(0, cut) : '';
    let message = cut > 0 ? e.slice(cut + 2) : e;
    if (/expected (string|number), received (undefined|null)|Too small: expected string to have >=1 characters/.test(message))
      message = 'is missing';
    else if (message === 'closes_at must be after opens_at') message = 'the closing time must be after the opening time';
    const key = labels
      ? Object.keys(labels)
          .filter((k) => path === k || path.startsWith(`${k}.`))
          .sort((a, b) => b.length - a.length)[0]
      : undefined;
    if (key && labels) {
      const label = labels[key]!;
      if (problems.some((p) => p.startsWith(`${label}:`))) continue;
      out.push(`${label}: ${message}`);
    } else {
      out.push(path ? `${path}: ${message}` : message);
    }
  }
  return [...new Set(out)];
}

/** The directory's tables, as a data officer would call them. */
const TABLE_NAMES: Record<string, string> = {
  organization: 'organisation',
  organization_identifier: "organisation's identifier",
  service: 'service',
  location: 'place',
  address: 'address',
  accessibility: 'access details of a place',
  service_at_location: 'place the service is at',
  schedule: 'opening time',
  belong_schedule_exception: 'closure or changed time',
  language: 'language',
  phone: 'phone number',
  contact: 'contact',
  cost_option: 'price',
  service_area: 'area served',
  funding: 'funder',
  service_capacity: 'capacity',
  unit: 'capacity unit',
  attribute: 'taxonomy term link',
  taxonomy_term: 'taxonomy term',
  taxonomy: 'taxonomy',
  belong_service: 'Belong details',
  belong_location: 'Belong details of a place',
};

/**
 * Why the database refused a record, in a sentence a data officer
 * understands (never the database's own message).
 */
export function explainSaveError(err: unknown): string {
  const e = (err ?? {}) as { code?: string; table?: string; constraint?: string; column?: string };
  const what = e.table ? (TABLE_NAMES[e.table] ?? e.table.replace(/_/g, ' ')) : 'part of the record';
  switch (e.code) {
    case '23505':
      return `could not be saved: its ${what} has the same id as one already in the directory from another record; give each its own id`;
    case '23503':
      return `could not be saved: its ${what} refers to something that is not in the feed or the directory (for example a place or a term it names)`;
    case '23514':
      return `could not be saved: a value of its ${what} is outside what the directory accepts${e.constraint ? ` (rule ${e.constraint})` : ''}`;
    case '23502':
      return `could not be saved: its ${what} is missing ${e.column ? `"${e.column.replace(/_/g, ' ')}"` : 'something it needs'}`;
    case '22001':
      return `could not be saved: a text of its ${what} is too long`;
    case '22P02':
    case '22007':
    case '22008':
      return `could not be saved: a value of its ${what} is not in a form the directory can store (a date, time or number?)`;
    default:
      return 'could not be saved: the directory refused it for a reason it did not give; try again, and report it if it keeps happening';
  }
}

function sourceRowsFor(p: Pending): SourceRow[] {
  return [
    ...(p.record.links ?? []).map((l) => ({ entity: l.entity, external_id: l.externalId, entity_id: l.entityId, content_hash: null })),
    { entity: 'service', external_id: p.record.externalId, entity_id: p.graph.service.id, content_hash: p.hash },
  ];
}

/**
 * Imports mapped records; see the module comment. Never throws for a failing
 * source or database: the report says what was done and carries `error`.
 */
export async function importRecords(
  db: Kysely<DB>,
  records: AsyncIterable<MappedRecord> | Iterable<MappedRecord>,
  options: ImportOptions,
): Promise<ImportReport> {
  const started = Date.now();
  const { source } = options;
  const updatedBy = options.updatedBy ?? `import:${source}`;
  const batchSize = Math.max(1, options.batchSize ?? 250);
  const report: ImportReport = {
    source,
    dryRun: !!options.dryRun,
    total: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    rejected: [],
    warnings: [],
    conflicts: [],
    kept: 0,
    retired: [],
    coverage: Object.fromEntries(BELONG_FIELDS.map((f) => [f, { stated: 0, unknown: 0 }])) as FieldCoverage,
    unmappedTerms: [],
    stopped: false,
    ms: 0,
  };
  /** Every external id the source listed (even rejected ones: they are not gone). */
  const seen = new Set<string>();
  const unmapped = new Map<string, number>();
  const cover = (g: ServiceGraph) => {
    for (const f of BELONG_FIELDS) report.coverage[f][isStated(g.belong as unknown as Record<string, unknown>, f) ? 'stated' : 'unknown']++;
  };
  const progress = () =>
    options.onProgress?.({
      done: report.created + report.updated + report.unchanged + report.rejected.length,
      created: report.created,
      updated: report.updated,
      unchanged: report.unchanged,
      rejected: report.rejected.length,
    });
  const warn = (ref: string, messages: string[]) => {
    if (messages.length) report.warnings.push({ ref, messages: [...new Set(messages)] });
  };

  const known = await loadKnownServices(db, source);
  const firstRefByExternalId = new Map<string, string>();
  const firstRefByServiceId = new Map<string, string>();
  const knownTermIds = new Set<string>();
  const knownOrgIds = new Set<string>();
  let batch: Pending[] = [];

  /** Drops references to terms and organisations that exist neither in the batch nor in the database. */
  async function fixReferences(items: Pending[]) {
    const batchTerms = new Set(items.flatMap((p) => (p.record.terms ?? []).map((t) => t.id)));
    const batchOrgs = new Set(items.map((p) => p.graph.organization.id));
    const wantTerms = items.flatMap((p) => [
      ...p.graph.attributes.map((a) => a.taxonomy_term_id),
      ...(p.record.terms ?? []).flatMap((t) => (t.parent_id ? [t.parent_id] : [])),
    ]);
    const wantOrgs = items.flatMap((p) =>
      p.graph.organization.parent_organization_id ? [p.graph.organization.parent_organization_id] : [],
    );
    const askTerms = wantTerms.filter((id) => !batchTerms.has(id) && !knownTermIds.has(id));
    const askOrgs = wantOrgs.filter((id) => !batchOrgs.has(id) && !knownOrgIds.has(id));
    if (askTerms.length) for (const id of await existingIds(db, 'taxonomy_term', askTerms)) knownTermIds.add(id);
    if (askOrgs.length) for (const id of await existingIds(db, 'organization', askOrgs)) knownOrgIds.add(id);
    const termOk = (id: string) => batchTerms.has(id) || knownTermIds.has(id);
    for (const p of items) {
      const before = p.graph.attributes.length;
      p.graph.attributes = p.graph.attributes.filter((a) => termOk(a.taxonomy_term_id));
      if (p.graph.attributes.length < before) {
        p.warnings.push(
          `${before - p.graph.attributes.length} attribute(s) name a taxonomy term that is neither in the feed nor in the directory; left out`,
        );
      }
      p.record.terms = (p.record.terms ?? []).map((t) => (t.parent_id && !termOk(t.parent_id) ? { ...t, parent_id: null } : t));
      const parent = p.graph.organization.parent_organization_id;
      if (parent && !batchOrgs.has(parent) && !knownOrgIds.has(parent)) {
        p.graph.organization.parent_organization_id = null;
        p.warnings.push('the parent organisation is not in the directory; the link to it was left out');
      }
    }
  }

  function count(p: Pending, result: SaveResult | Error) {
    if (result instanceof Error) {
      report.rejected.push({ ref: p.record.ref, reasons: [explainSaveError(result)] });
      return;
    }
    if (result.created) report.created++;
    else report.updated++;
    warn(p.record.ref, p.warnings);
    report.kept += result.kept.length;
    if (result.conflicts.length)
      report.conflicts.push({ ref: p.record.ref, serviceId: result.serviceId, name: p.graph.service.name, conflicts: result.conflicts });
    known.set(p.record.externalId, { entityId: p.graph.service.id, contentHash: p.hash, exists: true, retired: false });
  }

  /** Writes one batch: one transaction, or record by record when the batch as a whole is refused. */
  async function write(items: Pending[]) {
    if (options.dryRun) {
      for (const p of items) {
        if (p.known?.exists) report.updated++;
        else report.created++;
        warn(p.record.ref, p.warnings);
      }
      progress();
      return;
    }
    await fixReferences(items);
    const trx = await db.startTransaction().execute();
    let results: (SaveResult | Error)[];
    try {
      const whole = await trx.savepoint('batch').execute();
      try {
        await saveTaxonomies(
          whole,
          items.flatMap((p) => p.record.taxonomies ?? []),
          items.flatMap((p) => p.record.terms ?? []),
        );
        results = await saveServiceGraphs(
          whole,
          items.map((p) => p.graph),
          updatedBy,
          { origin: 'feed' },
        );
        await saveSourceRows(whole, source, items.flatMap(sourceRowsFor));
        await whole.releaseSavepoint('batch').execute();
      } catch {
        // Something in the batch cannot be saved: start again one record at a time to find it.
        await whole.rollbackToSavepoint('batch').execute();
        // Terms first, all together, so a term whose parent comes with a later record still saves.
        const terms = await trx.savepoint('terms').execute();
        let termsSaved = true;
        try {
          await saveTaxonomies(
            terms,
            items.flatMap((p) => p.record.taxonomies ?? []),
            items.flatMap((p) => p.record.terms ?? []),
          );
          await terms.releaseSavepoint('terms').execute();
        } catch {
          await terms.rollbackToSavepoint('terms').execute();
          termsSaved = false;
        }
        results = [];
        for (const p of items) {
          const one = await trx.savepoint('record').execute();
          try {
            if (!termsSaved) await saveTaxonomies(one, p.record.taxonomies ?? [], p.record.terms ?? []);
            const r = await saveServiceGraph(one, p.graph, updatedBy, { origin: 'feed' });
            await saveSourceRows(one, source, sourceRowsFor(p));
            await one.releaseSavepoint('record').execute();
            results.push(r);
          } catch (err) {
            await one.rollbackToSavepoint('record').execute();
            results.push(err instanceof Error ? err : new Error(String(err)));
          }
        }
      }
      await trx.commit().execute();
    } catch (err) {
      await trx
        .rollback()
        .execute()
        .catch(() => undefined);
      throw err;
    }
    items.forEach((p, i) => count(p, results[i]!));
    for (const p of items) for (const t of p.record.terms ?? []) knownTermIds.add(t.id);
    progress();
  }

  // One batch is written while the next is read and checked: on PGlite the
  // database works in its own thread, so reading and writing overlap.
  let writing: Promise<void> = Promise.resolve();
  let writeFailure: { error: unknown } | null = null;
  /** Waits for the batch being written; rethrows its failure. */
  async function settle() {
    await writing;
    if (writeFailure) {
      const { error } = writeFailure;
      writeFailure = null;
      throw error;
    }
  }
  /** Hands the current batch to the writer, once the previous one is written. */
  async function flush() {
    const items = batch;
    batch = [];
    await settle();
    if (!items.length) return;
    writing = write(items).catch((error: unknown) => {
      writeFailure = { error };
    });
  }

  try {
    for await (const record of records) {
      if (options.signal?.aborted) {
        report.stopped = true;
        break;
      }
      report.total++;
      const reject = (reasons: string[]) => {
        report.rejected.push({ ref: record.ref, reasons });
        progress();
      };
      seen.add(record.externalId);
      const firstRef = firstRefByExternalId.get(record.externalId);
      if (firstRef) {
        reject([`is the same service as ${firstRef} (${record.identity ?? 'same id'}): each service must appear once`]);
        continue;
      }
      firstRefByExternalId.set(record.externalId, record.ref);
      const parsed = record.input ? parseServiceGraph(record.input) : null;
      const validation = parsed && !parsed.ok ? explainErrors(parsed.errors, record.fieldLabels, record.problems) : [];
      if (record.problems.length || !parsed || !parsed.ok) {
        const reasons = [...record.problems, ...validation];
        reject(reasons.length ? reasons : ['nothing could be read from this record']);
        continue;
      }
      const graph = parsed.value;
      const sameId = firstRefByServiceId.get(graph.service.id);
      if (sameId) {
        reject([`has the same service id as ${sameId}: each service must appear once`]);
        continue;
      }
      firstRefByServiceId.set(graph.service.id, record.ref);
      cover(graph);
      for (const t of record.unmappedTerms ?? []) {
        const label = termLabel(t);
        unmapped.set(label, (unmapped.get(label) ?? 0) + 1);
      }
      const hash = contentHash(graph, record.taxonomies, record.terms);
      const prior = known.get(record.externalId);
      if (!options.force && prior?.exists && !prior.retired && prior.contentHash === hash && prior.entityId === graph.service.id) {
        report.unchanged++;
        warn(record.ref, record.warnings);
        progress();
        continue;
      }
      batch.push({ record, graph, hash, known: prior, warnings: [...record.warnings] });
      if (batch.length >= batchSize) await flush();
    }
    await flush();
    await settle();
  } catch (err) {
    report.error = err instanceof Error ? err.message : String(err);
    // Whatever was read before a failing source is still saved (each record whole).
    try {
      await settle();
      await flush();
      await settle();
    } catch {
      // The database failed: report.error already says the import did not finish.
    }
  }
  report.unmappedTerms = [...unmapped.entries()]
    .map(([term, services]) => ({ term, services }))
    .sort((a, b) => b.services - a.services || a.term.localeCompare(b.term));

  // Services the source no longer lists: only when it was read to the end and listed something.
  if (options.retireMissing !== false && !report.error && !report.stopped && seen.size > 0) {
    const gone = [...known.entries()]
      .filter(([ext, k]) => !seen.has(ext) && k.exists && !k.retired)
      .map(([externalId, k]) => ({ externalId, serviceId: k.entityId }));
    if (options.dryRun) report.retired = gone;
    else if (gone.length) {
      try {
        const retiredIds = new Set(
          await retireServices(
            db,
            gone.map((g) => g.serviceId),
            updatedBy,
          ),
        );
        await markRetired(
          db,
          source,
          gone.map((g) => g.externalId),
        );
        report.retired = gone.filter((g) => retiredIds.has(g.serviceId));
      } catch (err) {
        report.error = `could not retire the services the source no longer lists: ${explainSaveError(err)}`;
      }
    }
  }
  report.ms = Date.now() - started;
  return report;
}
