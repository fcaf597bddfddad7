/**
 * Start-up progress as log lines, so a first start (which creates the
 * embedded database, applies every migration and loads the demo area) says
 * what it is doing instead of staying silent for seconds.
 */
import type { Logger } from '../log.ts';
import type { OpenProgress } from './database.ts';

/** Milliseconds since this process started. */
export function sinceStart(): number {
  return Math.round(performance.now());
}

export function logStartup(log: Logger, e: OpenProgress): void {
  switch (e.step) {
    case 'opening':
      if (e.engine === 'postgres') log.info({ engine: e.engine, where: e.where }, 'connecting to the PostgreSQL server');
      else if (e.fresh) log.info({ engine: e.engine, where: e.where }, 'creating the embedded database (first start: a few seconds)');
      else log.info({ engine: e.engine, where: e.where }, 'opening the embedded database');
      return;
    case 'opened':
      log.info({ engine: e.engine, ms: e.ms, sinceStartMs: sinceStart() }, 'database open');
      return;
    case 'migration':
      log.info({ migration: e.name }, `applying migration ${e.index} of ${e.total}: ${e.name}`);
      return;
    case 'migrated':
      if (e.applied) log.info({ applied: e.applied, ms: e.ms, sinceStartMs: sinceStart() }, 'database ready (migrations applied)');
      else log.info({ sinceStartMs: sinceStart() }, 'database ready (up to date)');
      return;
  }
}
