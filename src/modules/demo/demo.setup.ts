/**
 * Start-up work for the demo: load the demo area into an empty directory (or
 * reload it with DEMO_DATA=on). Runs after the directory is prepared.
 */
import type { Config } from '../../config.ts';
import type { Database } from '../../platform/db/database.ts';
import type { Logger } from '../../platform/log.ts';
import { countServices } from '../directory/directory.service.ts';
import { seedDemoArea } from './demo.seed.ts';

export async function prepareDemo(database: Database, config: Pick<Config, 'DEMO_DATA'>, log: Logger): Promise<void> {
  if (config.DEMO_DATA === 'off') return;
  if (config.DEMO_DATA === 'on' || (await countServices(database.db)) === 0) {
    const started = Date.now();
    log.info('loading the demo area (first start: a few seconds)');
    const summary = await seedDemoArea(database.db);
    log.info({ ...summary, ms: Date.now() - started }, 'demo area loaded');
  }
}
