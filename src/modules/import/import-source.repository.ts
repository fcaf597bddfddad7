/**
 * Storage the importer needs besides the service graph itself: where each
 * record came from (`belong_import_source`, which makes re-imports update
 * instead of duplicate and lets unchanged records be skipped by their content
 * hash), imported taxonomies and terms, and checks that references to rows
 * outside the batch (parent organisations, taxonomy terms) exist.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import { BELONG_TAXONOMY } from '../directory/vocabulary.ts';
import type { TaxonomyRow, TaxonomyTermRow } from './import-record.ts';

type Executor = Kysely<DB> | Transaction<DB>;

export interface KnownRecord {
  entityId: string;
  contentHash: string | null;
  /** Whether the service is still in the directory (it may have been deleted since). */
  exists: boolean;
  /** Whether it was retired because the source stopped listing it. */
  retired: boolean;
}

/** Services imported before from `source`, by their id in the source. */
export async function loadKnownServices(db: Executor, source: string): Promise<Map<string, KnownRecord>> {
  const rows = await db
    .selectFrom('belong_import_source as s')
    .leftJoin('service', 'service.id', 's.entity_id')
    .select(['s.external_id', 's.entity_id', 's.content_hash', 's.retired_at', 'service.id as present'])
    .where('s.source', '=', source)
    .where('s.entity', '=', 'service')
    .execute();
  return new Map(
    rows.map((r) => [
      r.external_id,
      { entityId: r.entity_id, contentHash: r.content_hash, exists: r.present != null, retired: r.retired_at != null },
    ]),
  );
}

/** Notes that the source no longer lists these services. */
export async function markRetired(db: Executor, source: string, externalIds: string[]): Promise<void> {
  for (let i = 0; i < externalIds.length; i += 5000) {
    await db
      .updateTable('belong_import_source')
      .set({ retired_at: new Date() })
      .where('source', '=', source)
      .where('entity', '=', 'service')
      .where('external_id', 'in', externalIds.slice(i, i + 5000))
      .execute();
  }
}

export interface SourceRow {
  entity: string;
  external_id: string;
  entity_id: string;
  content_hash: string | null;
}

/** Records where rows came from; the last row for a key wins. */
export async function saveSourceRows(trx: Executor, source: string, rows: SourceRow[]): Promise<void> {
  const unique = new Map<string, SourceRow>();
  for (const r of rows) unique.set(`${r.entity}\u0000${r.external_id}`, r);
  const values = [...unique.values()].map((r) => ({ ...r, source, imported_at: new Date(), retired_at: null }));
  for (let i = 0; i < values.length; i += 4000) {
    await trx
      .insertInto('belong_import_source')
      .values(values.slice(i, i + 4000))
      .onConflict((oc) =>
        oc.columns(['source', 'entity', 'external_id']).doUpdateSet({
          entity_id: sql.ref('excluded.entity_id'),
          content_hash: sql.ref('excluded.content_hash'),
          imported_at: sql.ref('excluded.imported_at'),
          retired_at: null,
        }),
      )
      .execute();
  }
}

/**
 * Imported taxonomies (kept as they are when already present; Belong's own is
 * never touched) and terms (updated in place).
 */
export async function saveTaxonomies(trx: Executor, taxonomies: TaxonomyRow[], terms: TaxonomyTermRow[]): Promise<void> {
  const tax = [...new Map(taxonomies.filter((t) => t.id !== BELONG_TAXONOMY.id).map((t) => [t.id, t])).values()];
  if (tax.length) {
    await trx
      .insertInto('taxonomy')
      .values(tax)
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  }
  const unique = [...new Map(terms.map((t) => [t.id, t])).values()];
  for (let i = 0; i < unique.length; i += 3000) {
    await trx
      .insertInto('taxonomy_term')
      .values(unique.slice(i, i + 3000))
      .onConflict((oc) =>
        oc.column('id').doUpdateSet({
          code: sql.ref('excluded.code'),
          name: sql.ref('excluded.name'),
          description: sql.ref('excluded.description'),
          parent_id: sql.ref('excluded.parent_id'),
          taxonomy: sql.ref('excluded.taxonomy'),
          taxonomy_id: sql.ref('excluded.taxonomy_id'),
          language: sql.ref('excluded.language'),
          term_uri: sql.ref('excluded.term_uri'),
        }),
      )
      .execute();
  }
}

/** Which of `ids` are rows of `table` (organization or taxonomy_term). */
export async function existingIds(db: Executor, table: 'organization' | 'taxonomy_term', ids: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += 5000) {
    const rows = await db
      .selectFrom(table)
      .select('id')
      .where('id', 'in', unique.slice(i, i + 5000))
      .execute();
    for (const r of rows) found.add(r.id);
  }
  return found;
}
