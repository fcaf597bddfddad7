/**
 * Sending a message to a person (staff, and with consent the people Belong
 * helps): a transactional outbox.
 *
 * A caller writes its messages with `enqueue(trx, messages)` inside the same
 * transaction as the change that causes them, so a message exists if and only
 * if the change committed: nothing is lost between the commit and the send,
 * and nothing is sent for a change that rolled back. Delivery happens later,
 * in a background worker (delivery.ts) that retries with back-off.
 *
 * Belong may run with no sending service (NOTIFY=outbox, the default): then
 * messages are only kept in the outbox, where an administrator can read them
 * and pass them on. With a sending service (NOTIFY=govuk-notify) each message
 * is 'pending' and a delivery job is written with it.
 *
 * Callers never depend on delivery: anything a message carries (e.g. a
 * one-time link) is also shown to the person who caused it to be sent.
 */
import type { Executor } from '../db/executor.ts';
import type { OutboxStatus } from '../db/schema.ts';
import { newId } from '../ids.ts';
import type { JobSender } from '../jobs/jobs.ts';
import { countOutboxByStatus, insertOutboxRows, listOutboxRows, type OutboxRow } from './outbox.repository.ts';

export interface Message {
  /** An e-mail address, a UK phone number written "sms:<number>", or anything staff can pass on. */
  to: string;
  subject: string;
  /** Plain text. */
  text: string;
  /**
   * The organisation holding the record of the person this message is about, when its text
   * carries their personal data: then only that organisation's connectors may read the text
   * in the outbox, and administrators see only that it was sent, to whom and when.
   */
  personalFor?: string;
}

export interface Notifier {
  /** Writes the messages in the caller's transaction; they are delivered after it commits. */
  enqueue(trx: Executor, messages: Message | readonly Message[]): Promise<void>;
}

/** The queue whose jobs deliver outbox messages (data: `{ id }`). */
export const DELIVER_QUEUE = 'message.deliver';

/**
 * The outbox. Without `delivery`, messages are kept for staff to pass on; with it, each is
 * pending and a delivery job is written in the same transaction.
 */
export function outboxNotifier(options: { now?: () => Date; delivery?: JobSender } = {}): Notifier {
  const now = options.now ?? (() => new Date());
  return {
    async enqueue(trx, messages) {
      const list: readonly Message[] = Array.isArray(messages) ? messages : [messages as Message];
      if (!list.length) return;
      const at = now();
      const rows = list.map((m) => ({
        id: newId(),
        createdAt: at,
        recipient: m.to,
        subject: m.subject,
        body: m.text,
        holderOrganisationId: m.personalFor ?? null,
        status: options.delivery ? ('pending' as const) : ('kept' as const),
      }));
      await insertOutboxRows(trx, rows);
      if (options.delivery)
        await options.delivery.send(
          trx,
          DELIVER_QUEUE,
          rows.map((r) => ({ id: r.id })),
        );
    },
  };
}

export type OutboxMessage = OutboxRow;

/** The newest messages first. Policy-checked callers only (see admin's outbox service). */
export function listOutbox(db: Executor, opts: { status?: OutboxStatus; limit?: number; heldBy?: string } = {}): Promise<OutboxMessage[]> {
  return listOutboxRows(db, {
    limit: opts.limit ?? 100,
    ...(opts.status ? { status: opts.status } : {}),
    ...(opts.heldBy ? { heldBy: opts.heldBy } : {}),
  });
}

export const outboxCounts = countOutboxByStatus;
