/**
 * Staff sessions in the database (table staff_session). The token itself is
 * only ever in the person's cookie; the table holds its SHA-256.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB, StaffSessionStage } from '../db/schema.ts';
import type { SessionSettings } from './session.ts';
import { hashToken, newToken } from './tokens.ts';

type Executor = Kysely<DB> | Transaction<DB>;

export interface SessionRow {
  tokenHash: string;
  accountId: string;
  csrfToken: string;
  stage: StaffSessionStage;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
}

export interface NewSession {
  /** Goes in the cookie; never stored. */
  token: string;
  row: SessionRow;
}

/** Starts a session. Two-step sessions get a short absolute expiry. */
export async function createSession(
  db: Executor,
  accountId: string,
  stage: StaffSessionStage,
  now: Date,
  settings: Pick<SessionSettings, 'absoluteMs' | 'twoStepMs'>,
): Promise<NewSession> {
  const token = newToken();
  const row: SessionRow = {
    tokenHash: hashToken(token),
    accountId,
    csrfToken: newToken(),
    stage,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + (stage === 'two_step' ? settings.twoStepMs : settings.absoluteMs)),
  };
  await db
    .insertInto('staff_session')
    .values({
      token_hash: row.tokenHash,
      account_id: accountId,
      csrf_token: row.csrfToken,
      stage,
      created_at: now,
      last_seen_at: now,
      expires_at: row.expiresAt,
    })
    .execute();
  return { token, row };
}

/** The session a cookie token belongs to, if any (expired or not: the caller decides). */
export async function findSession(db: Executor, token: string): Promise<SessionRow | null> {
  const r = await db.selectFrom('staff_session').selectAll().where('token_hash', '=', hashToken(token)).executeTakeFirst();
  return r
    ? {
        tokenHash: r.token_hash,
        accountId: r.account_id,
        csrfToken: r.csrf_token,
        stage: r.stage,
        createdAt: r.created_at,
        lastSeenAt: r.last_seen_at,
        expiresAt: r.expires_at,
      }
    : null;
}

export async function touchSession(db: Executor, tokenHash: string, now: Date): Promise<void> {
  await db.updateTable('staff_session').set({ last_seen_at: now }).where('token_hash', '=', tokenHash).execute();
}

export async function deleteSession(db: Executor, tokenHash: string): Promise<void> {
  await db.deleteFrom('staff_session').where('token_hash', '=', tokenHash).execute();
}

/** Ends every session of an account ("sign out everywhere", password change, suspension). Returns how many. */
export async function deleteAccountSessions(db: Executor, accountId: string): Promise<number> {
  const r = await db.deleteFrom('staff_session').where('account_id', '=', accountId).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Ends every session of every account in an organisation (suspension). */
export async function deleteOrganisationSessions(db: Executor, organisationId: string): Promise<number> {
  const r = await db
    .deleteFrom('staff_session')
    .where('account_id', 'in', (eb) => eb.selectFrom('staff_account').select('id').where('organisation_id', '=', organisationId))
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Removes sessions that can no longer be used (absolute or idle expiry). */
export async function purgeExpiredSessions(db: Executor, now: Date, idleMs: number): Promise<number> {
  const r = await db
    .deleteFrom('staff_session')
    .where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<=', new Date(now.getTime() - idleMs))]))
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** How many live sessions an account has (shown on the account page). */
export async function countAccountSessions(db: Executor, accountId: string, now: Date, idleMs: number): Promise<number> {
  const r = await db
    .selectFrom('staff_session')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('account_id', '=', accountId)
    .where('stage', '=', 'active')
    .where('expires_at', '>', now)
    .where('last_seen_at', '>', new Date(now.getTime() - idleMs))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
