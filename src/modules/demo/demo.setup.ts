/**
 * Start-up work for the demo: load the demo area into an empty directory (or
 * reload it with DEMO_DATA=on), with a made-up year of activity (people,
 * referrals, measures, feedback) so the reports show something. Runs after
 * the directory is prepared.
 */
import type { Config } from '../../config.ts';
import type { Database } from '../../platform/db/database.ts';
import type { Logger } from '../../platform/log.ts';
import { countServices } from '../directory/directory.service.ts';
import { seedDemoActivity, seedDemoArea } from './demo.seed.ts';

export async function prepareDemo(database: Database, config: Pick<Config, 'DEMO_DATA'>, log: Logger): Promise<void> {
  if (config.DEMO_DATA === 'off') return;
  if (config.DEMO_DATA === 'on' || (await countServices(database.db)) === 0) {
    const started = Date.now();
    log.info('loading the demo area (first start: a few seconds)');
    const summary = await seedDemoArea(database.db);
    log.info({ ...summary, ms: Date.now() - started }, 'demo area loaded');
    const activityStarted = Date.now();
    const activity = await seedDemoActivity(database.db);
    if (activity.loaded) log.info({ ...activity, ms: Date.now() - activityStarted }, 'made-up year of demo activity loaded');
  }
}
