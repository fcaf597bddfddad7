/**
 * The actor: who is asking, as the policy needs to know them. Built fresh
 * from the database on every request (never cached in the process), so a
 * suspension or a role change takes effect on the next request in every app
 * process.
 */
import type { Executor } from '../db/executor.ts';
import { findActorAccount, managedListingIds, type ActorAccount } from './actor.repository.ts';

export interface Actor extends Omit<ActorAccount, 'disabled' | 'organisationSuspended'> {
  /** Directory organisations whose listings the actor's organisation manages. */
  listingOrganizationIds: readonly string[];
  /** False when the account is disabled or its organisation suspended: the policy then denies everything. */
  active: boolean;
}

/** Loads the actor for an account, or null when there is no such account. */
export async function loadActor(db: Executor, accountId: string): Promise<Actor | null> {
  const account = await findActorAccount(db, accountId);
  if (!account) return null;
  const { disabled, organisationSuspended, ...actor } = account;
  return {
    ...actor,
    listingOrganizationIds: await managedListingIds(db, account.organisationId),
    active: !disabled && !organisationSuspended,
  };
}
