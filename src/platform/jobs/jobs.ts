/**
 * Durable background jobs on Belong's own database, with pg-boss
 * (ADR 6: docs/adr/0006-durable-jobs-with-pg-boss.md).
 *
 * One `Jobs` per app process. Jobs live in the `pgboss` schema of the same
 * database, so they are written in the same transaction as the change that
 * asks for them (`send(trx, …)`: if that transaction rolls back, the job never
 * existed) and survive a restart. Several processes on one PostgreSQL server
 * share the queues: each job is fetched by one worker (SELECT … FOR UPDATE
 * SKIP LOCKED), a job whose process died mid-run is retried after
 * `expireInSeconds`, and a cron schedule sends one job per slot however many
 * processes are running.
 *
 * On the embedded database pg-boss goes through the same single PGlite
 * connection as the pages, one short statement at a time (see boss-adapter.ts):
 * handlers must keep their own transactions short too (bounded batches).
 *
 * Modules never import pg-boss: they get `JobSender` (to enqueue in a
 * transaction) and register plain handlers in src/background-jobs.ts.
 */
import { PgBoss } from 'pg-boss';
import type { Database } from '../db/database.ts';
import type { Executor } from '../db/executor.ts';
import type { Logger } from '../log.ts';
import { belongBossDb, transactionBossDb } from './boss-adapter.ts';

export interface QueueSpec {
  name: string;
  /** `singleton`: at most one job of the queue runs at a time, across every process (periodic jobs). */
  policy?: 'standard' | 'singleton';
  /** Tries after the first when a handler throws or its process dies (default 2). */
  retryLimit?: number;
  /** Seconds before the first retry; doubled each time (with jitter) when `retryBackoff` (default 30 s). */
  retryDelaySeconds?: number;
  retryBackoff?: boolean;
  /** A job still running after this long is taken as lost and retried (default 10 minutes). */
  expireInSeconds?: number;
  /** Finished jobs are kept this long, then deleted (default 7 days). */
  deleteAfterSeconds?: number;
}

/** What a module needs to enqueue work in its own transaction. */
export interface JobSender {
  send(trx: Executor, queue: string, data: readonly object[], options?: { startAfter?: Date }): Promise<void>;
}

export interface WorkOptions {
  /** Jobs handed to the handler at once (default 1). */
  batchSize?: number;
  /** How often an idle worker looks for jobs (default 2 s). */
  pollingIntervalSeconds?: number;
}

/** A handler gets the jobs' data and a signal that is aborted when the process is stopping. */
export type JobHandler<T> = (data: T[], signal: AbortSignal) => Promise<void>;

export interface Jobs extends JobSender {
  /** Installs or upgrades pg-boss's tables (once, under an advisory lock) and creates or updates the queues. */
  start(queues: readonly QueueSpec[]): Promise<void>;
  work<T extends object>(queue: string, options: WorkOptions, handler: JobHandler<T>): Promise<void>;
  /** A job on `queue` at every match of `cron` (minutes), in `tz`; `missed: 'once'` catches up one slot missed while stopped. */
  schedule(queue: string, cron: string, options?: { tz?: string; missed?: 'once' | 'skip' }): Promise<void>;
  /** Removes a queue's schedule (e.g. the outbox sweep when no sending service is set up any more). */
  unschedule(queue: string): Promise<void>;
  /** Sends one job now, outside any transaction (e.g. "run this periodic job shortly after start"). */
  sendNow(queue: string, data?: object): Promise<void>;
  /** The cron schedules registered (any process). */
  schedules(): Promise<{ queue: string; cron: string; tz: string }[]>;
  /** Jobs of a queue still to run or running (created, retry, active). */
  waiting(queue: string): Promise<number>;
  /**
   * Stops fetching, aborts the running handlers' signal (they finish the batch they are in and
   * return), waits at most `timeoutMs` for them, and stops pg-boss's timers. Idempotent.
   */
  stop(options?: { timeoutMs?: number }): Promise<void>;
  /** Aborted when stop() begins. */
  readonly stopping: AbortSignal;
}

export function openJobs(database: Pick<Database, 'db' | 'script' | 'engine'>, log: Logger): Jobs {
  const boss = new PgBoss({
    db: belongBossDb(database),
    backend: database.engine === 'pglite' ? 'pglite' : 'postgres',
    schema: 'pgboss',
    // Belong uses neither flows nor persisted queue statistics: look for them rarely.
    flowIntervalSeconds: 60,
    persistWarnings: false,
    openTelemetry: { enabled: false },
  } as ConstructorParameters<typeof PgBoss>[0]);
  boss.on('error', (err) => log.error({ err }, 'job queue error'));
  boss.on('warning', (w) => log.warn({ warning: w }, 'job queue warning'));
  const stopController = new AbortController();
  let started = false;
  let stopped: Promise<void> | null = null;

  return {
    stopping: stopController.signal,
    async start(queues) {
      await boss.start();
      for (const q of queues) {
        const options = {
          policy: q.policy ?? 'standard',
          retryLimit: q.retryLimit ?? 2,
          retryDelay: q.retryDelaySeconds ?? 30,
          retryBackoff: q.retryBackoff ?? true,
          expireInSeconds: q.expireInSeconds ?? 600,
          deleteAfterSeconds: q.deleteAfterSeconds ?? 7 * 24 * 3600,
        };
        if (await boss.getQueue(q.name)) {
          const { policy: _policy, ...changeable } = options;
          await boss.updateQueue(q.name, changeable);
        } else await boss.createQueue(q.name, options);
      }
      started = true;
    },
    async send(trx, queue, data, options = {}) {
      if (!data.length) return;
      if (!started) throw new Error(`Jobs are not started: cannot send to ${queue}`);
      await boss.insert(
        queue,
        data.map((d) => ({ data: d, ...(options.startAfter ? { startAfter: options.startAfter } : {}) })),
        { db: transactionBossDb(trx) },
      );
    },
    async unschedule(queue) {
      await boss.unschedule(queue);
    },
    async sendNow(queue, data = {}) {
      await boss.send(queue, data);
    },
    async schedules() {
      return (await boss.getSchedules()).map((x) => ({ queue: x.name, cron: x.cron, tz: x.timezone }));
    },
    async waiting(queue) {
      return (await boss.findJobs(queue)).filter((j) => j.state === 'created' || j.state === 'retry' || j.state === 'active').length;
    },
    async work<T extends object>(queue: string, options: WorkOptions, handler: JobHandler<T>) {
      await boss.work<T>(
        queue,
        { batchSize: options.batchSize ?? 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 },
        async (jobs) => {
          const signal = AbortSignal.any([stopController.signal, ...jobs.map((j) => j.signal).filter((s): s is AbortSignal => !!s)]);
          await handler(
            jobs.map((j) => j.data),
            signal,
          );
        },
      );
    },
    async schedule(queue, cron, options = {}) {
      await boss.schedule(queue, cron, {}, { tz: options.tz ?? 'Europe/London', missed: options.missed ?? 'skip' });
    },
    stop(options = {}) {
      stopped ??= (async () => {
        stopController.abort();
        await boss.stop({ graceful: true, close: false, timeout: Math.max(1000, options.timeoutMs ?? 5000) });
      })();
      return stopped;
    },
  };
}
