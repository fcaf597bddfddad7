/** Writes Belong's vocabulary into the taxonomy tables (idempotent; run at start-up). */
import type { Kysely } from 'kysely';
import type { DB, TaxonomyTermTable } from '../../platform/db/schema.ts';
import { BELONG_TAXONOMY, VOCABULARY, termId } from './vocabulary.ts';

/**
 * Makes the taxonomy tables hold Belong's vocabulary as this version of the code defines it.
 * Reads what is there first and writes only the rows that differ, usually none: a write to
 * these tables moves the directory's change counter (migration 0111), which would make every
 * app process compute its directory-wide figures and pages again after each start.
 */
export async function ensureVocabulary(db: Kysely<DB>): Promise<void> {
  const rows: TaxonomyTermTable[] = VOCABULARY.map((t) => ({
    id: t.id,
    code: t.code,
    name: t.name,
    description: t.description,
    parent_id: t.parentCode ? termId(t.parentCode) : null,
    taxonomy: BELONG_TAXONOMY.name,
    taxonomy_id: BELONG_TAXONOMY.id,
    language: 'en',
    term_uri: null,
  }));
  const taxonomy = await db.selectFrom('taxonomy').selectAll().where('id', '=', BELONG_TAXONOMY.id).executeTakeFirst();
  const stored = new Map(
    (
      await db
        .selectFrom('taxonomy_term')
        .selectAll()
        .where(
          'id',
          'in',
          rows.map((r) => r.id),
        )
        .execute()
    ).map((r) => [r.id, r]),
  );
  const taxonomyDiffers = !taxonomy || !sameFields(taxonomy, BELONG_TAXONOMY);
  const differing = rows.filter((r) => !sameFields(stored.get(r.id), r));
  if (!taxonomyDiffers && !differing.length) return;
  await db.transaction().execute(async (trx) => {
    if (taxonomyDiffers)
      await trx
        .insertInto('taxonomy')
        .values(BELONG_TAXONOMY)
        .onConflict((oc) => oc.column('id').doUpdateSet(BELONG_TAXONOMY))
        .execute();
    // Parents first, so parent_id references exist.
    const ordered = [...differing.filter((r) => !r.parent_id), ...differing.filter((r) => r.parent_id)];
    for (const row of ordered) {
      const { id: _id, ...update } = row;
      await trx
        .insertInto('taxonomy_term')
        .values(row)
        .onConflict((oc) => oc.column('id').doUpdateSet(update))
        .execute();
    }
  });
}

/** Whether `stored` has every field of `wanted` with the same value. */
function sameFields(stored: object | undefined, wanted: object): boolean {
  if (!stored) return false;
  return Object.entries(wanted).every(([k, v]) => (stored as Record<string, unknown>)[k] === v);
}
