/**
 * The check made inside a booking's transaction that the companion a first
 * visit names really is an active account of the actor's own organisation
 * (the accounts it may name: companionOptions in referrals.repository.ts),
 * and, for a volunteer, that their vetting (DBS or equivalent, training,
 * references) is recorded and in date: only vetted volunteers go with
 * anyone as a travel buddy.
 */
import type { Executor } from '../../platform/db/executor.ts';
import { DomainError } from '../../platform/http/errors.ts';
import { isUuid } from '../../platform/ids.ts';
import { vettingOf } from '../vetting/vetting.ts';
import { vettingChecksOf } from './buddy-sessions.repository.ts';
import { londonDate } from './london-date.ts';
import type { AttemptEvent } from './referral-states.ts';
import type { CompanionOption } from './referral-views.model.ts';
import { companionOptions } from './referrals.repository.ts';

/** Of `accountIds`, those whose vetting is complete and in date on `now` (London). */
export async function vettedAmong(db: Executor, accountIds: readonly string[], now: Date): Promise<Set<string>> {
  const checks = await vettingChecksOf(db, accountIds);
  const today = londonDate(now);
  return new Set(
    accountIds.filter(
      (id) =>
        vettingOf(
          checks.filter((c) => c.accountId === id),
          today,
        ).ok,
    ),
  );
}

/**
 * The accounts of an organisation that may go with someone: its staff, and
 * its volunteers whose vetting is in date (others are left out of the list).
 */
export async function buddyOptions(db: Executor, organisationId: string, now: Date): Promise<CompanionOption[]> {
  const all = await companionOptions(db, organisationId);
  const vetted = await vettedAmong(
    db,
    all.filter((o) => o.kind === 'volunteer').map((o) => o.id),
    now,
  );
  return all.filter((o) => o.kind !== 'volunteer' || vetted.has(o.id));
}

/** Throws a 400 unless the account is a volunteer of the organisation whose vetting is in date. */
export async function vettedVolunteer(db: Executor, accountId: string, organisationId: string, now: Date): Promise<CompanionOption> {
  const found = isUuid(accountId) ? (await companionOptions(db, organisationId)).find((o) => o.id === accountId) : undefined;
  if (!found || found.kind !== 'volunteer')
    throw new DomainError('BadRequest', 'A travel buddy must be an active volunteer of your own organisation.');
  if (!(await vettedAmong(db, [found.id], now)).has(found.id))
    throw new DomainError(
      'BadRequest',
      'This volunteer’s vetting is missing or out of date: they cannot go with anyone until it is renewed.',
    );
  return found;
}

/**
 * For a booking that names an account: checks the account is active and in
 * the actor's organisation (and, for a volunteer, vetted on `now`), and
 * fills in its name and kind. Other events pass through unchanged. Throws a
 * 400 otherwise (the transaction rolls back).
 */
export async function resolveCompanion(db: Executor, event: AttemptEvent, organisationId: string, now: Date): Promise<AttemptEvent> {
  if (event.type !== 'book_first_visit' || !event.companion?.accountId) return event;
  const id = event.companion.accountId;
  const found = isUuid(id) ? (await companionOptions(db, organisationId)).find((o) => o.id === id) : undefined;
  if (!found) throw new DomainError('BadRequest', 'The companion must be an active account of your own organisation.');
  if (found.kind === 'volunteer') await vettedVolunteer(db, found.id, organisationId, now);
  return { ...event, companion: { kind: found.kind, accountId: found.id, name: found.name } };
}
