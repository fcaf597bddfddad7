/**
 * The actor: who is asking, as the policy needs to know them. Built fresh
 * from the database on every request (never cached in the process), so a
 * suspension or a role change takes effect on the next request in every app
 * process.
 */
import type { Executor } from '../db/executor.ts';
import type { StaffOrganisationKind, StaffRole } from '../db/schema.ts';
import { findActorAccount, managedListingIds } from './actor.repository.ts';

export interface Actor {
  accountId: string;
  name: string;
  email: string;
  role: StaffRole;
  /** May invite and suspend staff of their own organisation. */
  manager: boolean;
  organisationId: string;
  organisationName: string;
  organisationKind: StaffOrganisationKind;
  /** The deployment's own team. */
  operator: boolean;
  /** Directory organisations whose listings the actor's organisation manages. */
  listingOrganizationIds: readonly string[];
  /** False when the account is disabled or its organisation suspended: the policy then denies everything. */
  active: boolean;
  /** Two-step sign-in is on for this account. */
  twoStep: boolean;
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
