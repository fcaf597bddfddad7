/**
 * The check made inside a booking's transaction that the companion a first
 * visit names really is an active account of the actor's own organisation
 * (the accounts it may name: companionOptions in referrals.repository.ts).
 */
import type { Executor } from '../../platform/db/executor.ts';
import { DomainError } from '../../platform/http/errors.ts';
import { isUuid } from '../../platform/ids.ts';
import type { AttemptEvent } from './referral-states.ts';
import { companionOptions } from './referrals.repository.ts';

/**
 * For a booking that names an account: checks the account is active and in
 * the actor's organisation, and fills in its name and kind. Other events pass
 * through unchanged. Throws a 400 otherwise (the transaction rolls back).
 */
export async function resolveCompanion(db: Executor, event: AttemptEvent, organisationId: string): Promise<AttemptEvent> {
  if (event.type !== 'book_first_visit' || !event.companion?.accountId) return event;
  const id = event.companion.accountId;
  const found = isUuid(id) ? (await companionOptions(db, organisationId)).find((o) => o.id === id) : undefined;
  if (!found) throw new DomainError('BadRequest', 'The companion must be an active account of your own organisation.');
  return { ...event, companion: { kind: found.kind, accountId: found.id, name: found.name } };
}
