/**
 * Start-up work for staff accounts: in a demo (DEMO_DATA not off, not
 * production, demo area loaded, no accounts yet) create the demo accounts;
 * otherwise make sure demo accounts, whose passwords are public, are
 * suspended. Then, if there is no administrator, say how to create one.
 */
import type { Config } from '../../config.ts';
import type { Database } from '../../platform/db/database.ts';
import type { Logger } from '../../platform/log.ts';
import { retireDemoAccounts, seedDemoAccounts } from './bootstrap.ts';
import { activeAdministratorExists } from './bootstrap.repository.ts';

export async function prepareAccounts(database: Database, config: Config, log: Logger): Promise<void> {
  const db = database.db;
  const demoWanted = config.DEMO_DATA !== 'off' && config.NODE_ENV !== 'production';
  if (demoWanted) {
    const outcome = await seedDemoAccounts(db);
    if (outcome.seeded) {
      log.warn(
        { providerListing: outcome.providerListing },
        'demo staff accounts created with the passwords published in the README: for trying Belong out only',
      );
    }
  } else {
    const retired = await retireDemoAccounts(db);
    if (retired) log.warn({ retired }, 'demo staff accounts suspended because the demo is off');
  }
  if (!(await activeAdministratorExists(db))) {
    log.warn('There is no administrator yet. Stop Belong, then run: npm run admin:create -- --email you@example.org --name "Your Name"');
  }
}
