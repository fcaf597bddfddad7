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
import { isEmailShaped, normaliseEmail } from './email.ts';

export const DEFAULT_OPERATOR_NAME = 'Belong team';
export const BOOTSTRAP_LINK_HOURS = 24;

/** The deployment's own organisation, made on first use. */
export async function ensureOperatorOrganisation(db: Kysely<DB>, name = DEFAULT_OPERATOR_NAME, now = new Date()): Promise<string> {
  const existing = await db.selectFrom('staff_organisation').select('id').where('operator', '=', true).executeTakeFirst();
  if (existing) return existing.id;
  const id = newId();
  await db.insertInto('staff_organisation').values({ id, name, kind: 'referrer', operator: true, created_at: now }).execute();
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
    const existing = await trx.selectFrom('staff_account').select(['id', 'role']).where('email', '=', email).executeTakeFirst();
    if (existing && existing.role !== 'administrator') {
      throw new BootstrapError(
        `${email} already has an account that is not an administrator. Change its role in Belong, or use another address.`,
      );
    }
    const accountId = existing?.id ?? newId();
    if (!existing) {
      await trx
        .insertInto('staff_account')
        .values({ id: accountId, organisation_id: operatorId, email, name, role: 'administrator', created_at: now })
        .execute();
    } else {
      // The way back in: unlock and reinstate as well.
      await trx
        .updateTable('staff_account')
        .set({ disabled_at: null, locked_until: null, failed_logins: 0, lockouts: 0 })
        .where('id', '=', accountId)
        .execute();
    }
    await trx
      .updateTable('staff_password_reset')
      .set({ used_at: now })
      .where('account_id', '=', accountId)
      .where('used_at', 'is', null)
      .execute();
    await trx
      .insertInto('staff_password_reset')
      .values({ id: newId(), token_hash: hashToken(token), account_id: accountId, issued_by: null, created_at: now, expires_at: expiresAt })
      .execute();
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
  const any = await db.selectFrom('staff_account').select('id').limit(1).executeTakeFirst();
  if (any) return { seeded: false, why: 'accountsExist' };
  const listing = await db
    .selectFrom('organization as o')
    .select(['o.id', 'o.name'])
    .select((eb) =>
      eb
        .selectFrom('service as s')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('s.organization_id', '=', 'o.id')
        .as('services'),
    )
    .where('o.description', 'like', DEMO_DIRECTORY_MARK)
    .orderBy('services', 'desc')
    .orderBy('o.name')
    .limit(1)
    .executeTakeFirst();
  if (!listing) return { seeded: false, why: 'noDemoArea' };

  const hashes = await Promise.all(DEMO_ACCOUNTS.map((a) => hashPassword(a.password)));
  await db.transaction().execute(async (trx) => {
    const operator = await trx.selectFrom('staff_organisation').select('id').where('operator', '=', true).executeTakeFirst();
    const orgs = {
      operator: operator?.id ?? uuidV5('demo:staff-org:operator'),
      provider: uuidV5('demo:staff-org:provider'),
      referrer: uuidV5('demo:staff-org:referrer'),
    };
    if (!operator)
      await trx
        .insertInto('staff_organisation')
        .values({ id: orgs.operator, name: 'Belong demo team', kind: 'referrer', operator: true, created_at: now })
        .execute();
    await trx
      .insertInto('staff_organisation')
      .values([
        { id: orgs.provider, name: listing.name, kind: 'provider', created_at: now },
        { id: orgs.referrer, name: 'Demo Road Surgery (made up)', kind: 'referrer', created_at: now },
      ])
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    await trx
      .insertInto('staff_organisation_listing')
      .values({ staff_organisation_id: orgs.provider, organization_id: listing.id })
      .onConflict((oc) => oc.columns(['staff_organisation_id', 'organization_id']).doNothing())
      .execute();
    await trx
      .insertInto('staff_account')
      .values(
        DEMO_ACCOUNTS.map((a, i) => ({
          id: uuidV5(`demo:staff-account:${a.key}`),
          organisation_id: orgs[a.org],
          email: a.email,
          name: a.name,
          role: a.role,
          manager: a.manager,
          password_hash: hashes[i]!,
          password_changed_at: now,
          created_at: now,
        })),
      )
      .execute();
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
  const r = await db
    .updateTable('staff_account')
    .set({ disabled_at: now })
    .where(
      'email',
      'in',
      DEMO_ACCOUNTS.map((a) => a.email),
    )
    .where('disabled_at', 'is', null)
    .returning('id')
    .execute();
  if (r.length)
    await db
      .deleteFrom('staff_session')
      .where(
        'account_id',
        'in',
        r.map((x) => x.id),
      )
      .execute();
  for (const x of r) {
    await appendAuditEvent(
      db,
      { actor: null, now },
      { action: 'staff.suspended', subjectType: 'staff_account', subjectId: x.id, reason: 'Demo account: the demo is switched off.' },
    );
  }
  return r.length;
}
