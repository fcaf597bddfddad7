/**
 * Translations of the directory's own texts (`belong_translation`, migration
 * 0002): a service's description, what to expect, how to join, …, in the
 * interface languages. The original stays where HSDS keeps it; pages ask for
 * the translation in the person's language and fall back to the original,
 * saying so.
 */
import type { Executor } from '../../platform/db/executor.ts';
import type { TranslationEntity } from '../../platform/db/schema.ts';
import { translationKey, type TranslatedText, type TranslationInput, type Translations } from './translation.ts';

/** Every translation into `locale` of the given records (one query). */
export async function loadTranslations(
  db: Executor,
  entity: TranslationEntity,
  ids: readonly string[],
  locale: string,
): Promise<Translations> {
  const out = new Map<string, TranslatedText>();
  if (!ids.length) return out;
  const rows = await db
    .selectFrom('belong_translation')
    .select(['entity_id', 'field', 'text', 'source'])
    .where('entity', '=', entity)
    .where('entity_id', 'in', [...new Set(ids)])
    .where('locale', '=', locale)
    .execute();
  for (const r of rows) out.set(translationKey(r.entity_id, r.field), { text: r.text, source: r.source });
  return out;
}

/** Adds or replaces translations (one statement per call; run inside a transaction for several batches). */
export async function saveTranslations(db: Executor, rows: readonly TranslationInput[]): Promise<number> {
  if (!rows.length) return 0;
  await db
    .insertInto('belong_translation')
    .values(
      rows.map((r) => ({
        entity: r.entity,
        entity_id: r.entityId,
        field: r.field,
        locale: r.locale,
        text: r.text,
        source: r.source,
        updated_at: new Date(),
      })),
    )
    .onConflict((oc) =>
      oc.columns(['entity', 'entity_id', 'field', 'locale']).doUpdateSet((eb) => ({
        text: eb.ref('excluded.text'),
        source: eb.ref('excluded.source'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .execute();
  return rows.length;
}
