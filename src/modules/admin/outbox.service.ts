/**
 * Reading the outbox (messages the default notifier kept instead of sending),
 * policy-checked: administrators only, because messages carry one-time links.
 * Each read is audited.
 */
import type { Access } from '../../platform/auth/access.ts';
import { listOutbox, type OutboxMessage } from '../../platform/notify/notifier.ts';

export function outboxService(access: Access) {
  return {
    list: (): Promise<OutboxMessage[]> =>
      access.run('outbox.view', {}, { subjectType: 'outbox', subjectId: null }, (trx) => listOutbox(trx)),
  };
}
