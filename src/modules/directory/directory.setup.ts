/** Start-up work for the directory: make sure Belong's published vocabulary exists. */
import type { Database } from '../../platform/db/database.ts';
import { ensureVocabulary } from './vocabulary.repository.ts';

export async function prepareDirectory(database: Database): Promise<void> {
  await ensureVocabulary(database.db);
}
