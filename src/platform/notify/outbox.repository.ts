/**
 * Storage for the outbox: messages written in the transaction that caused
 * them, and their way out (claimed by one worker at a time, sent, retried,
 * failed or kept for staff). Every statement is one short set-based query.
 */
import { sql } from 'kysely';
import type { Executor } from '../db/executor.ts';
import type { OutboxStatus } from '../db/schema.ts';

export interface NewOutboxRow {
  id: string;
  createdAt: Date;
  recipient: string;
  subject: string;
  body: string;
  holderOrganisationId: string | null;
  status: 'kept' | 'pending';
}

export async function insertOutboxRows(trx: Executor, rows: readonly NewOutboxRow[]): Promise<void> {
  if (!rows.length) return;
  await trx
    .insertInto('outbox')
    .values(
      rows.map((r) => ({
        id: r.id,
        created_at: r.createdAt,
        recipient: r.recipient,
        subject: r.subject,
        body: r.body,
        holder_organisation_id: r.holderOrganisationId,
        status: r.status,
        next_attempt_at: r.status === 'pending' ? r.createdAt : null,
      })),
    )
    .execute();
}

export interface ClaimedMessage {
  id: string;
  recipient: string;
  subject: string;
  body: string;
  /** This try's number (1 for the first). */
  attempt: number;
}

/**
 * Takes the given messages that are waiting (or whose last claim lapsed) for one worker:
 * status 'sending' until `claimedUntil`, and counts the try. A message another worker holds,
 * or that is already sent, failed or kept, is not returned.
 */
export async function claimMessages(db: Executor, ids: readonly string[], now: Date, claimedUntil: Date): Promise<ClaimedMessage[]> {
  if (!ids.length) return [];
  const rows = await db
    .updateTable('outbox')
    .set((eb) => ({ status: 'sending', attempts: eb('attempts', '+', 1), last_attempt_at: now, claimed_until: claimedUntil }))
    .where('id', '=', sql<string>`any(${sql.val([...ids])}::uuid[])`)
    .where((eb) => eb.or([eb('status', '=', 'pending'), eb.and([eb('status', '=', 'sending'), eb('claimed_until', '<', now)])]))
    .returning(['id', 'recipient', 'subject', 'body', 'attempts'])
    .execute();
  return rows.map((r) => ({ id: r.id, recipient: r.recipient, subject: r.subject, body: r.body, attempt: r.attempts }));
}

/** The outcome of one try, written only if this worker's claim still holds (same try number). */
type Outcome =
  | { status: 'sent'; at: Date }
  | { status: 'pending'; at: Date; error: string; nextAttemptAt: Date }
  | { status: 'failed'; at: Date; error: string }
  | { status: 'kept'; at: Date; error: string };

export async function recordOutcome(db: Executor, id: string, attempt: number, o: Outcome): Promise<boolean> {
  const r = await db
    .updateTable('outbox')
    .set({
      status: o.status,
      claimed_until: null,
      sent_at: o.status === 'sent' ? o.at : null,
      failed_at: o.status === 'failed' ? o.at : null,
      next_attempt_at: o.status === 'pending' ? o.nextAttemptAt : null,
      ...(o.status === 'sent' ? {} : { last_error: o.error.slice(0, 500) }),
    })
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .where('attempts', '=', attempt)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Messages whose next try is overdue (their job was lost) or whose claim lapsed long ago: for the sweep. */
export async function overdueMessageIds(db: Executor, before: Date, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('outbox')
    .select('id')
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<', before)]),
        eb.and([eb('status', '=', 'sending'), eb('claimed_until', '<', before)]),
      ]),
    )
    .orderBy('next_attempt_at')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

export interface OutboxRow {
  id: string;
  createdAt: Date;
  recipient: string;
  subject: string;
  body: string;
  status: OutboxStatus;
  attempts: number;
  lastError: string | null;
  lastAttemptAt: Date | null;
  nextAttemptAt: Date | null;
  sentAt: Date | null;
  failedAt: Date | null;
  /** Set when the text carries personal data (see Message.personalFor). */
  holderOrganisationId: string | null;
}

/** The newest messages first, optionally only those with one status, or only those about people one organisation holds. */
export async function listOutboxRows(db: Executor, opts: { status?: OutboxStatus; limit: number; heldBy?: string }): Promise<OutboxRow[]> {
  let q = db.selectFrom('outbox').selectAll();
  if (opts.status) q = q.where('status', '=', opts.status);
  if (opts.heldBy) q = q.where('holder_organisation_id', '=', opts.heldBy);
  const rows = await q.orderBy('created_at', 'desc').orderBy('id').limit(opts.limit).execute();
  return rows.map((r) => ({
    id: r.id,
    createdAt: r.created_at,
    recipient: r.recipient,
    subject: r.subject,
    body: r.body,
    status: r.status,
    attempts: r.attempts,
    lastError: r.last_error,
    lastAttemptAt: r.last_attempt_at,
    nextAttemptAt: r.next_attempt_at,
    sentAt: r.sent_at,
    failedAt: r.failed_at,
    holderOrganisationId: r.holder_organisation_id,
  }));
}

/** How many messages have each status. */
export async function countOutboxByStatus(db: Executor): Promise<Partial<Record<OutboxStatus, number>>> {
  const rows = await db
    .selectFrom('outbox')
    .select((eb) => ['status', eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}
