/**
 * Reading the outbox (every message Belong wrote, and how far it got),
 * policy-checked: administrators only, because kept messages carry one-time
 * links. Each read is audited.
 */
import type { Access } from '../../platform/auth/access.ts';
import type { OutboxStatus } from '../../platform/db/schema.ts';
import { listOutbox, outboxCounts, type OutboxMessage } from '../../platform/notify/notifier.ts';

export const OUTBOX_STATUSES: readonly OutboxStatus[] = ['failed', 'kept', 'pending', 'sending', 'sent'];
export const isOutboxStatus = (s: string | undefined): s is OutboxStatus => !!s && (OUTBOX_STATUSES as readonly string[]).includes(s);

export interface OutboxView {
  /** The newest 100 messages (with this status, when one is asked for). */
  messages: OutboxMessage[];
  counts: Partial<Record<OutboxStatus, number>>;
}

/** What an administrator may see of a message: a text carrying a person's data is withheld (ADR 5). */
const forAdministrator = (m: OutboxMessage): OutboxMessage => (m.holderOrganisationId ? { ...m, body: '' } : m);

export function outboxService(access: Access) {
  return {
    /** Every message: administrators see that each was sent, to whom and when, never a person's personal content. */
    list: (status?: OutboxStatus): Promise<OutboxView> =>
      access.run(
        'outbox.view',
        {},
        { subjectType: 'outbox', subjectId: null, ...(status ? { details: { status } } : {}) },
        async (trx) => ({
          messages: (await listOutbox(trx, { ...(status ? { status } : {}), limit: 100 })).map(forAdministrator),
          counts: await outboxCounts(trx),
        }),
      ),
    /** Messages about people the connector's organisation holds, with their text (to pass on when kept). Audited. */
    held: (organisationId: string): Promise<OutboxMessage[]> =>
      access.run('outbox.view_held', { organisationId }, { subjectType: 'outbox', subjectId: null, details: { organisationId } }, (trx) =>
        listOutbox(trx, { heldBy: organisationId, limit: 100 }),
      ),
  };
}
