/**
 * Start-up work for the directory: make sure Belong's published vocabulary
 * exists, and load the demo area into an empty database when asked to.
 */
import type { Config } from '../../config.ts';
import type { Database } from '../../platform/db/database.ts';
import type { Logger } from '../../platform/log.ts';
import { ensureVocabulary } from './vocabulary.repository.ts';
import { seedDemoArea } from '../demo/demo.seed.ts';

export async function prepareDirectory(database: Database, config: Config, log: Logger): Promise<void> {
  await ensureVocabulary(database.db);
  if (config.DEMO_DATA === 'off') return;
  const existing = await database.db
    .selectFrom('service')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  if (config.DEMO_DATA === 'on' || existing.n === 0) {
    const started = Date.now();
    const summary = await seedDemoArea(database.db);
    log.info({ ...summary, ms: Date.now() - started }, 'demo area loaded');
  }
}
