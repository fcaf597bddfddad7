/**
 * Belong's background work, as durable jobs (src/platform/jobs, pg-boss):
 * which queue runs what, and when. Like app.ts for HTTP, this is a
 * composition root: the only place that wires module jobs to the queue.
 *
 *   message.deliver        each outbox message, as soon as it is written
 *                          (only with a sending service: NOTIFY=govuk-notify)
 *   message.sweep          every 5 minutes: re-enqueue messages whose job was lost
 *   referrals.follow-ups   every 5 minutes: nudges, expiries, consent notices
 *   person-view.check-ins  every 15 minutes: check-in messages to people
 *   quality.reminders      every day at 07:00 (London): review reminders
 *   befriending.vetting    every day at 07:15 (London): volunteer checks running out
 *   safety.escalations     every 5 minutes: safeguarding concerns not acknowledged in time
 *
 * A cron schedule sends one job per slot whatever the number of app
 * processes, and a periodic queue runs one job at a time across them all
 * (policy 'singleton'). Every job works in bounded batches and stops between
 * batches when the server stops (the job is then retried by whichever process
 * runs next).
 */
import type { Database } from './platform/db/database.ts';
import { openJobs, type Jobs, type QueueSpec } from './platform/jobs/jobs.ts';
import type { Logger } from './platform/log.ts';
import { DEFAULT_DELIVERY, deliverMessages, sweepOutbox, type DeliveryPolicy, type Transport } from './platform/notify/delivery.ts';
import { DELIVER_QUEUE, outboxNotifier, type Notifier } from './platform/notify/notifier.ts';
import { transportFor, type TransportConfig } from './platform/notify/notifiers.ts';
import { sendCheckInMessages } from './modules/person-view/check-in-messages.ts';
import { sendReviewReminders } from './modules/quality/reminders.ts';
import { runFollowUps } from './modules/referrals/referral-follow-ups.ts';
import { sendVettingReminders } from './modules/befriending/vetting-reminders.ts';
import { escalateUnacknowledged } from './modules/safety/crisis.service.ts';

export const QUEUES = {
  deliver: DELIVER_QUEUE,
  sweep: 'message.sweep',
  followUps: 'referrals.follow-ups',
  checkIns: 'person-view.check-ins',
  reminders: 'quality.reminders',
  vetting: 'befriending.vetting',
  escalations: 'safety.escalations',
} as const;

const PERIODIC = { policy: 'singleton', retryLimit: 3, retryDelaySeconds: 60, expireInSeconds: 15 * 60 } as const;

export const QUEUE_SPECS: readonly QueueSpec[] = [
  // A delivery job is retried by pg-boss only when its process died mid-run (the claim then lapses);
  // a failed send is retried by delivery.ts with its own back-off, as a new job.
  { name: QUEUES.deliver, retryLimit: 5, retryDelaySeconds: 60, expireInSeconds: 5 * 60 },
  { name: QUEUES.sweep, ...PERIODIC },
  { name: QUEUES.followUps, ...PERIODIC },
  { name: QUEUES.checkIns, ...PERIODIC },
  { name: QUEUES.reminders, ...PERIODIC },
  { name: QUEUES.vetting, ...PERIODIC },
  { name: QUEUES.escalations, ...PERIODIC },
];

export interface BackgroundJobsOptions {
  database: Database;
  config: TransportConfig;
  log: Logger;
  /** Where links in messages point (PUBLIC_URL). */
  baseUrl: string;
  now?: () => Date;
  /** The way messages go out; by default from the configuration (null: kept in the outbox for staff). */
  transport?: Transport | null;
  delivery?: DeliveryPolicy;
  /** Register the cron schedules (default true; tests send jobs themselves). */
  schedules?: boolean;
  /** How often an idle delivery worker looks for messages (default 2 s). */
  deliveryPollingSeconds?: number;
}

export interface BackgroundJobs {
  jobs: Jobs;
  /** The notifier for this deployment: writes messages (and their delivery jobs) in the caller's transaction. */
  notifier: Notifier;
  /** Stops the workers: running jobs end after their current batch, at most `timeoutMs` (default 5 s). */
  stop(timeoutMs?: number): Promise<void>;
}

/** Background jobs made but not started yet (prepareBackgroundJobs). */
export interface PreparedBackgroundJobs extends BackgroundJobs {
  /**
   * Whether the jobs must start before the server takes requests: with a sending service
   * (NOTIFY=govuk-notify) a message is written together with its delivery job, which needs
   * pg-boss's queues. Without one (messages kept for staff) nothing a request does needs
   * them, and the server can take requests while they start.
   */
  neededByRequests: boolean;
  /** Installs or checks pg-boss's tables and queues, then starts the workers and schedules (once). */
  start(): Promise<void>;
}

export async function startBackgroundJobs(o: BackgroundJobsOptions): Promise<BackgroundJobs> {
  const background = prepareBackgroundJobs(o);
  await background.start();
  return background;
}

/**
 * The jobs and the notifier, without starting anything yet: the server starts the jobs once it
 * listens when requests do not need them (see `neededByRequests`), so the first pages do not
 * wait for pg-boss (seconds on a database where it has never run).
 */
export function prepareBackgroundJobs(o: BackgroundJobsOptions): PreparedBackgroundJobs {
  const { database, log } = o;
  const db = database.db;
  const now = o.now ?? (() => new Date());
  const jobs = openJobs(database, log);
  const transport = o.transport !== undefined ? o.transport : transportFor(o.config);
  const notifier = outboxNotifier({ now, ...(transport ? { delivery: jobs } : {}) });

  /** A periodic job: logs what it did, and throws when it was stopped half-way so another run finishes it. */
  const periodic = <R>(name: string, run: (signal: AbortSignal) => Promise<R>) =>
    jobs.work(name, { pollingIntervalSeconds: 15 }, async (_data, signal) => {
      const result = await run(signal);
      const didSomething =
        typeof result === 'number' ? result > 0 : Object.values(result ?? {}).some((v) => typeof v === 'number' && v > 0);
      log[didSomething ? 'info' : 'debug']({ job: name, result }, 'background job ran');
      if (signal.aborted) throw new Error(`${name} stopped between batches; it will run again`);
    });

  async function startAll() {
    await jobs.start(QUEUE_SPECS);
    if (transport) {
      const policy = o.delivery ?? DEFAULT_DELIVERY;
      await jobs.work<{ id: string }>(
        QUEUES.deliver,
        { batchSize: 10, pollingIntervalSeconds: o.deliveryPollingSeconds ?? 2 },
        async (data, signal) => {
          const r = await deliverMessages(
            { db, transport, jobs, now, policy },
            data.map((d) => d.id),
            signal,
          );
          if (r.retrying || r.failed || r.kept) log.warn({ ...r }, 'some messages were not sent');
          else if (r.sent) log.debug({ ...r }, 'messages sent');
        },
      );
      await periodic(QUEUES.sweep, () => sweepOutbox({ db, jobs, now }));
    }
    await periodic(QUEUES.followUps, (signal) => runFollowUps(db, notifier, now(), { signal }));
    await periodic(QUEUES.checkIns, (signal) => sendCheckInMessages(db, notifier, now(), { baseUrl: o.baseUrl, signal }));
    await periodic(QUEUES.reminders, async (signal) => {
      const r = await sendReviewReminders(db, notifier, now(), { baseUrl: o.baseUrl, signal });
      return { notices: r.notices.length, staleListings: r.staleListings, skipped: r.skipped.length };
    });

    await periodic(QUEUES.vetting, (signal) => sendVettingReminders(db, notifier, now(), { baseUrl: o.baseUrl, signal }));
    await periodic(QUEUES.escalations, (signal) => escalateUnacknowledged(db, notifier, now(), { baseUrl: o.baseUrl, signal }));

    if (o.schedules !== false) {
      if (transport) await jobs.schedule(QUEUES.sweep, '*/5 * * * *');
      else await jobs.unschedule(QUEUES.sweep);
      await jobs.schedule(QUEUES.followUps, '*/5 * * * *');
      await jobs.schedule(QUEUES.checkIns, '*/15 * * * *');
      // A morning missed while the server was down is caught up once at the next start.
      await jobs.schedule(QUEUES.reminders, '0 7 * * *', { missed: 'once' });
      await jobs.schedule(QUEUES.vetting, '15 7 * * *', { missed: 'once' });
      await jobs.schedule(QUEUES.escalations, '*/5 * * * *');
    }
  }

  let started: Promise<void> | null = null;
  let stopping = false;
  return {
    jobs,
    notifier,
    neededByRequests: !!transport,
    // Once stopping, nothing starts any more.
    start: () => (started ??= stopping ? Promise.resolve() : startAll()),
    async stop(timeoutMs) {
      stopping = true;
      if (!started) return;
      // Stopping while they start: let the start finish (its steps are short), then stop what it started.
      await started.catch(() => undefined);
      await jobs.stop({ timeoutMs: timeoutMs ?? 5000 });
    },
  };
}
