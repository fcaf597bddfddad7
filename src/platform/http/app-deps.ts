/**
 * What the app's routes are built from. createApp (src/app.ts) receives these
 * and hands each module's routes the parts it needs; routes import this type,
 * never app.ts itself, so modules do not depend on the composition root.
 */
import type { Config } from '../../config.ts';
import type { Database } from '../db/database.ts';
import type { Logger } from '../log.ts';
import type { Notifier } from '../notify/notifier.ts';

export interface AppDeps {
  config: Config;
  database: Database;
  log: Logger;
  /** The clock (tests move it to check session expiry and lockouts). */
  now?: () => Date;
  /** Where messages to people go; by default the outbox table. */
  notifier?: Notifier;
}
