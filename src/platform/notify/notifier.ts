/**
 * Sending a message to a person (a member of staff now; later, with consent,
 * the people Belong helps). Belong may run with no e-mail server, so the
 * default notifier only keeps messages in the `outbox` table, where an
 * administrator can read them and pass them on; a deployment with e-mail or
 * SMS plugs in its own Notifier (it may also mark outbox rows sent).
 *
 * Callers never depend on delivery: anything a message carries (e.g. a
 * one-time link) is also shown to the person who caused it to be sent.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { newId } from '../ids.ts';

export interface Message {
  /** An address the notifier understands (an e-mail address for now). */
  to: string;
  subject: string;
  /** Plain text. */
  text: string;
}

export interface Notifier {
  send(message: Message): Promise<void>;
}

/** The default: keep the message in the outbox table. */
export function outboxNotifier(db: Kysely<DB>, now: () => Date = () => new Date()): Notifier {
  return {
    async send(m) {
      await db.insertInto('outbox').values({ id: newId(), created_at: now(), recipient: m.to, subject: m.subject, body: m.text }).execute();
    },
  };
}

export interface OutboxMessage {
  id: string;
  createdAt: Date;
  recipient: string;
  subject: string;
  body: string;
  sentAt: Date | null;
}

/** The newest messages first. Policy-checked callers only (see organisations' outbox service). */
export async function listOutbox(db: Kysely<DB>, limit = 100): Promise<OutboxMessage[]> {
  const rows = await db.selectFrom('outbox').selectAll().orderBy('created_at', 'desc').orderBy('id').limit(limit).execute();
  return rows.map((r) => ({
    id: r.id,
    createdAt: r.created_at,
    recipient: r.recipient,
    subject: r.subject,
    body: r.body,
    sentAt: r.sent_at,
  }));
}
