/** Writes Belong's vocabulary into the taxonomy tables (idempotent; run at start-up). */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import { BELONG_TAXONOMY, VOCABULARY, termId } from './vocabulary.ts';

export async function ensureVocabulary(db: Kysely<DB>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('taxonomy')
      .values(BELONG_TAXONOMY)
      .onConflict((oc) => oc.column('id').doUpdateSet(BELONG_TAXONOMY))
      .execute();
    const rows = VOCABULARY.map((t) => ({
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
    // Parents first, so parent_id references exist.
    const ordered = [...rows.filter((r) => !r.parent_id), ...rows.filter((r) => r.parent_id)];
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
