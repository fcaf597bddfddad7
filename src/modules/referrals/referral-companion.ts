/**
 * Companions from the actor's own organisation: the accounts a first visit
 * may name as the person's travel buddy, and the check made inside the
 * booking's transaction that a chosen account really is one of them.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import { DomainError } from '../../platform/http/errors.ts';
import { isUuid } from '../../platform/ids.ts';
import type { AttemptEvent } from './referral-states.ts';

type Executor = Kysely<DB> | Transaction<DB>;

export interface CompanionOption {
  id: string;
  name: string;
  kind: 'volunteer' | 'staff';
}

const kindOf = (role: string): 'volunteer' | 'staff' => (role === 'volunteer' ? 'volunteer' : 'staff');

/** The active volunteer and staff accounts of an organisation, by name. */
export async function companionOptions(db: Executor, organisationId: string): Promise<CompanionOption[]> {
  const rows = await db
    .selectFrom('staff_account')
    .select(['id', 'name', 'role'])
    .where('organisation_id', '=', organisationId)
    .where('disabled_at', 'is', null)
    .where('role', 'in', ['volunteer', 'connector', 'provider_staff'])
    .orderBy('name')
    .orderBy('id')
    .limit(500)
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, kind: kindOf(r.role) }));
}

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
