/**
 * Translations of the directory's own texts (a service's description, what to
 * expect, how to join, …) into the interface languages, as pages use them.
 * Stored by translation.repository.ts; read through directory.service.ts.
 */
import type { TranslationEntity, TranslationSource } from '../../platform/db/schema.ts';

/** A translated text and who wrote it. */
export interface TranslatedText {
  text: string;
  source: TranslationSource;
}

/** Translations keyed `${entityId}:${field}`. */
export type Translations = ReadonlyMap<string, TranslatedText>;

export const translationKey = (entityId: string, field: string) => `${entityId}:${field}`;

/** One translation to store. */
export interface TranslationInput {
  entity: TranslationEntity;
  entityId: string;
  field: string;
  locale: string;
  text: string;
  source: TranslationSource;
}
