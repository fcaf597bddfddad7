/**
 * Delivering outbox messages: the worker side of the transactional outbox.
 *
 * A delivery job names outbox messages by id. The worker claims them in one
 * statement (status 'sending', the try counted, a claim that lapses after
 * `claimSeconds`), so among any number of workers and processes exactly one
 * holds a message at a time and a message already sent is never claimed
 * again. Then, without holding the database, it hands each to the transport
 * (GOV.UK Notify) and records the outcome:
 *
 *   - accepted: 'sent';
 *   - refused for good (e.g. Notify answers 400), or the last try failed:
 *     'failed', with the error, for administrators to see (/admin/outbox);
 *   - an address the transport cannot send to: 'kept' for staff to pass on;
 *   - any other failure: 'pending' again with the next try after an
 *     exponential back-off (1, 2, 4 … minutes, at most an hour), and a new
 *     delivery job for that moment, written in the same transaction.
 *
 * A process that dies between the transport accepting a message and the
 * 'sent' row leaves the claim to lapse; the message is then tried again, so
 * that one narrow window is "at least once" (Notify has no idempotency key).
 * Everything else is exactly once.
 *
 * The sweep re-enqueues messages whose next try is well overdue or whose claim
 * lapsed long ago (a job lost, e.g. deleted after retention): the outbox
 * table, not the job, is the record of what still has to go.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { JobSender } from '../jobs/jobs.ts';
import { claimMessages, overdueMessageIds, recordOutcome, type ClaimedMessage } from './outbox.repository.ts';
import { DELIVER_QUEUE } from './notifier.ts';

/** A way out for messages (GOV.UK Notify, or a stand-in in tests). */
export interface Transport {
  /** Throws TransportError (or UndeliverableAddress) when the message did not go. */
  send(message: { id: string; to: string; subject: string; text: string }): Promise<void>;
}

/** The transport could not take the message; `permanent` when trying again cannot help. */
export class TransportError extends Error {
  constructor(
    message: string,
    public readonly permanent = false,
  ) {
    super(message);
    this.name = 'TransportError';
  }
}

/** The address is not one the transport can send to: staff must pass the message on. */
export class UndeliverableAddress extends TransportError {
  constructor(message: string) {
    super(message, true);
    this.name = 'UndeliverableAddress';
  }
}

export interface DeliveryPolicy {
  /** Tries in all; after the last one fails the message is 'failed'. */
  maxAttempts: number;
  /** Wait after the first failure; doubled after each further one. */
  firstRetrySeconds: number;
  maxRetrySeconds: number;
  /** How long a worker's claim on a message lasts (it must send within this). */
  claimSeconds: number;
}

export const DEFAULT_DELIVERY: DeliveryPolicy = { maxAttempts: 10, firstRetrySeconds: 60, maxRetrySeconds: 3600, claimSeconds: 120 };

/** Seconds to wait after try number `attempt` failed: first × 2^(attempt−1), at most the maximum. Pure. */
export function retryDelaySeconds(attempt: number, policy: Pick<DeliveryPolicy, 'firstRetrySeconds' | 'maxRetrySeconds'>): number {
  return Math.min(policy.maxRetrySeconds, policy.firstRetrySeconds * 2 ** Math.min(30, Math.max(0, attempt - 1)));
}

export interface DeliveryResult {
  sent: number;
  retrying: number;
  failed: number;
  kept: number;
  /** Named but not claimed: already sent, failed or kept, or held by another worker. */
  skipped: number;
}

export interface DeliveryDeps {
  db: Kysely<DB>;
  transport: Transport;
  jobs: JobSender;
  now?: () => Date;
  policy?: DeliveryPolicy;
}

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** Claims and sends the given messages; returns what happened. Stops early (releasing nothing it sent) when `signal` aborts. */
export async function deliverMessages(deps: DeliveryDeps, ids: readonly string[], signal?: AbortSignal): Promise<DeliveryResult> {
  const now = deps.now ?? (() => new Date());
  const policy = deps.policy ?? DEFAULT_DELIVERY;
  const at = now();
  const claimed = await claimMessages(deps.db, ids, at, new Date(at.getTime() + policy.claimSeconds * 1000));
  const result: DeliveryResult = { sent: 0, retrying: 0, failed: 0, kept: 0, skipped: ids.length - claimed.length };
  for (const m of claimed) {
    // Stopping: the rest keep their claim, which lapses; the sweep (or this job's retry) sends them later.
    if (signal?.aborted) break;
    await deliverOne(deps, m, policy, now, result);
  }
  return result;
}

async function deliverOne(deps: DeliveryDeps, m: ClaimedMessage, policy: DeliveryPolicy, now: () => Date, result: DeliveryResult) {
  try {
    await deps.transport.send({ id: m.id, to: m.recipient, subject: m.subject, text: m.body });
  } catch (err) {
    const at = now();
    if (err instanceof UndeliverableAddress) {
      await recordOutcome(deps.db, m.id, m.attempt, { status: 'kept', at, error: errorText(err) });
      result.kept++;
    } else if ((err instanceof TransportError && err.permanent) || m.attempt >= policy.maxAttempts) {
      await recordOutcome(deps.db, m.id, m.attempt, { status: 'failed', at, error: errorText(err) });
      result.failed++;
    } else {
      const nextAttemptAt = new Date(at.getTime() + retryDelaySeconds(m.attempt, policy) * 1000);
      await deps.db.transaction().execute(async (trx) => {
        if (await recordOutcome(trx, m.id, m.attempt, { status: 'pending', at, error: errorText(err), nextAttemptAt }))
          await deps.jobs.send(trx, DELIVER_QUEUE, [{ id: m.id }], { startAfter: nextAttemptAt });
      });
      result.retrying++;
    }
    return;
  }
  await recordOutcome(deps.db, m.id, m.attempt, { status: 'sent', at: now() });
  result.sent++;
}

/** Re-enqueues messages overdue by more than `graceSeconds` (their job was lost); returns how many. */
export async function sweepOutbox(
  deps: Pick<DeliveryDeps, 'db' | 'jobs' | 'now'>,
  opts: { graceSeconds?: number; limit?: number } = {},
): Promise<number> {
  const now = (deps.now ?? (() => new Date()))();
  const ids = await overdueMessageIds(deps.db, new Date(now.getTime() - (opts.graceSeconds ?? 300) * 1000), opts.limit ?? 500);
  if (ids.length)
    await deps.jobs.send(
      deps.db,
      DELIVER_QUEUE,
      ids.map((id) => ({ id })),
    );
  return ids.length;
}
