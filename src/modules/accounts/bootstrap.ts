/**
 * Getting the first people in:
 *
 * - `createAdministrator` (used by `npm run admin:create`): makes the
 *   deployment's own organisation if there is none, an administrator account
 *   without a password, and a one-time link (24 hours) to set one. Run again
 *   for an existing administrator, it just makes a new link — the way back in
 *   for someone locked out of the only administrator account.
 * - `seedDemoAccounts`: for the demo area only, three accounts with published
 *   passwords (see README): an administrator, a provider manager linked to one
 *   demo organisation's listings, and a connector at a demo GP practice.
 *   Never in production, never when the directory holds real data, never
 *   when any account exists.
 *
 * Both write to the audit log with no actor (the command line / start-up).
 */
import type { Kysely } from 'kysely';
import { appendAuditEvent } from '../../platform/audit/audit.repository.ts';
import { hashPassword } from '../../platform/auth/password.ts';
import { hashToken, newToken } from '../../platform/auth/tokens.ts';
import type { DB } from '../../platform/db/schema.ts';
import { newId, uuidV5 } from '../../platform/ids.ts';
import { accountWithEmail, insertAccounts } from './accounts.repository.ts';
import {
  anyAccountExists,
  insertOrganisations,
  largestMarkedOrganization,
  linkOrganisationListing,
  operatorOrganisationId,
  reinstateAccount,
  suspendAccountsByEmail,
} from './bootstrap.repository.ts';
import { isEmailShaped, normaliseEmail } from './email.ts';
import { issueResetLink } from './password-resets.repository.ts';

export const DEFAULT_OPERATOR_NAME = 'Belong team';
export const BOOTSTRAP_LINK_HOURS = 24;

/** The deployment's own organisation, made on first use. */
export async function ensureOperatorOrganisation(db: Kysely<DB>, name = DEFAULT_OPERATOR_NAME, now = new Date()): Promise<string> {
  const existing = await operatorOrganisationId(db);
  if (existing) return existing;
  const id = newId();
  await insertOrganisations(db, [{ id, name, kind: 'referrer', operator: true, createdAt: now }]);
  return id;
}

export class BootstrapError extends Error {}

export interface CreatedAdministrator {
  accountId: string;
  created: boolean;
  /** Path and token, e.g. /staff/reset/…; put a base URL in front. */
  path: string;
  expiresAt: Date;
}

export async function createAdministrator(
  db: Kysely<DB>,
  input: { email: string; name: string; organisationName?: string },
  now = new Date(),
): Promise<CreatedAdministrator> {
  const email = normaliseEmail(input.email);
  const name = input.name.trim().replace(/\s+/g, ' ');
  if (!isEmailShaped(email)) throw new BootstrapError(`"${input.email}" does not look like an email address.`);
  if (!name || name.length > 100) throw new BootstrapError('Give a name of 1 to 100 characters.');
  const operatorId = await ensureOperatorOrganisation(db, input.organisationName?.trim() || DEFAULT_OPERATOR_NAME, now);
  const token = newToken();
  const expiresAt = new Date(now.getTime() + BOOTSTRAP_LINK_HOURS * 60 * 60_000);
  const result = await db.transaction().execute(async (trx) => {
    const existing = await accountWithEmail(trx, email);
    if (existing && existing.role !== 'administrator') {
      throw new BootstrapError(
        `${email} already has an account that is not an administrator. Change its role in Belong, or use another address.`,
      );
    }
    const accountId = existing?.id ?? newId();
    if (!existing) {
      await insertAccounts(trx, [{ id: accountId, organisationId: operatorId, email, name, role: 'administrator', createdAt: now }]);
    } else {
      // The way back in: unlock and reinstate as well.
      await reinstateAccount(trx, accountId);
    }
    await issueResetLink(trx, { accountId, tokenHash: hashToken(token), issuedBy: null, now, expiresAt });
    await appendAuditEvent(
      trx,
      { actor: null, now },
      {
        action: existing ? 'staff.reset_issued' : 'staff.administrator_created',
        subjectType: 'staff_account',
        subjectId: accountId,
        details: { by: 'command line' },
      },
    );
    return { accountId, created: !existing };
  });
  return { ...result, path: `/staff/reset/${token}`, expiresAt };
}

/** The demo accounts and their published passwords (README, "Staff accounts"). */
export const DEMO_ACCOUNTS = [
  {
    key: 'admin',
    email: 'admin@demo.belong.invalid',
    name: 'Dana Demo (administrator)',
    password: 'belong demo admin',
    role: 'administrator',
    org: 'operator',
    manager: false,
  },
  {
    key: 'provider',
    email: 'provider@demo.belong.invalid',
    name: 'Priya Demo (provider)',
    password: 'belong demo provider',
    role: 'provider_staff',
    org: 'provider',
    manager: true,
  },
  {
    key: 'connector',
    email: 'connector@demo.belong.invalid',
    name: 'Conor Demo (connector)',
    password: 'belong demo connector',
    role: 'connector',
    org: 'referrer',
    manager: false,
  },
] as const;

/** Marks demo organisations in the directory (see demo-area.ts FICTIONAL_NOTE). */
const DEMO_DIRECTORY_MARK = '%made up, for Belong%';

export type DemoAccountsOutcome = { seeded: true; providerListing: string } | { seeded: false; why: 'accountsExist' | 'noDemoArea' };

/** Seeds the demo accounts when the demo area is loaded and nobody has an account yet. */
export async function seedDemoAccounts(db: Kysely<DB>, now = new Date()): Promise<DemoAccountsOutcome> {
  if (await anyAccountExists(db)) return { seeded: false, why: 'accountsExist' };
  const listing = await largestMarkedOrganization(db, DEMO_DIRECTORY_MARK);
  if (!listing) return { seeded: false, why: 'noDemoArea' };

  const hashes = await Promise.all(DEMO_ACCOUNTS.map((a) => hashPassword(a.password)));
  await db.transaction().execute(async (trx) => {
    const operator = await operatorOrganisationId(trx);
    const orgs = {
      operator: operator ?? uuidV5('demo:staff-org:operator'),
      provider: uuidV5('demo:staff-org:provider'),
      referrer: uuidV5('demo:staff-org:referrer'),
    };
    if (!operator)
      await insertOrganisations(trx, [{ id: orgs.operator, name: 'Belong demo team', kind: 'referrer', operator: true, createdAt: now }]);
    await insertOrganisations(
      trx,
      [
        { id: orgs.provider, name: listing.name, kind: 'provider', createdAt: now },
        { id: orgs.referrer, name: 'Demo Road Surgery (made up)', kind: 'referrer', createdAt: now },
      ],
      { skipExisting: true },
    );
    await linkOrganisationListing(trx, orgs.provider, listing.id);
    await insertAccounts(
      trx,
      DEMO_ACCOUNTS.map((a, i) => ({
        id: uuidV5(`demo:staff-account:${a.key}`),
        organisationId: orgs[a.org],
        email: a.email,
        name: a.name,
        role: a.role,
        manager: a.manager,
        passwordHash: hashes[i]!,
        passwordChangedAt: now,
        createdAt: now,
      })),
    );
    await appendAuditEvent(
      trx,
      { actor: null, now },
      {
        action: 'staff.demo_accounts_created',
        subjectType: 'staff_organisation',
        subjectId: orgs.provider,
        details: { listing: listing.id },
      },
    );
  });
  return { seeded: true, providerListing: listing.name };
}

/**
 * Suspends the demo accounts (their passwords are published) — run at start-up
 * whenever the demo is not wanted, so a database that began as a demo cannot
 * carry them into real use. Returns how many were suspended.
 */
export async function retireDemoAccounts(db: Kysely<DB>, now = new Date()): Promise<number> {
  const retired = await suspendAccountsByEmail(
    db,
    DEMO_ACCOUNTS.map((a) => a.email),
    now,
  );
  for (const id of retired) {
    await appendAuditEvent(
      db,
      { actor: null, now },
      { action: 'staff.suspended', subjectType: 'staff_account', subjectId: id, reason: 'Demo account: the demo is switched off.' },
    );
  }
  return retired.length;
}
