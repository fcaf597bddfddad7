/** Read-only report API tokens (report_api_token): stored as the SHA-256 of the secret only. */
import type { Executor } from '../../platform/db/executor.ts';

export interface ApiTokenView {
  id: string;
  name: string;
  /** The secret's first characters, to tell tokens apart. */
  hint: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export async function insertApiToken(
  db: Executor,
  t: { id: string; accountId: string; name: string; tokenHash: string; hint: string; at: Date },
): Promise<void> {
  await db
    .insertInto('report_api_token')
    .values({ id: t.id, account_id: t.accountId, name: t.name, token_hash: t.tokenHash, hint: t.hint, created_at: t.at })
    .execute();
}

/** An account's tokens, newest first (revoked ones too, so their history stays visible). */
export async function apiTokensOf(db: Executor, accountId: string): Promise<ApiTokenView[]> {
  const rows = await db
    .selectFrom('report_api_token')
    .select(['id', 'name', 'hint', 'created_at', 'last_used_at', 'revoked_at'])
    .where('account_id', '=', accountId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    hint: r.hint,
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
    revokedAt: r.revoked_at,
  }));
}

/** Whose token this is (an id only), for the policy check. */
export async function apiTokenOwner(db: Executor, id: string): Promise<string | null> {
  const row = await db.selectFrom('report_api_token').select('account_id').where('id', '=', id).executeTakeFirst();
  return row?.account_id ?? null;
}

export async function revokeApiToken(db: Executor, id: string, at: Date): Promise<boolean> {
  const r = await db
    .updateTable('report_api_token')
    .set({ revoked_at: at })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** The live token with this hash: its id and account, or null (unknown or revoked). */
export async function findLiveApiToken(db: Executor, tokenHash: string): Promise<{ id: string; accountId: string } | null> {
  const row = await db
    .selectFrom('report_api_token')
    .select(['id', 'account_id'])
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return row ? { id: row.id, accountId: row.account_id } : null;
}

export async function markApiTokenUsed(db: Executor, id: string, at: Date): Promise<void> {
  await db.updateTable('report_api_token').set({ last_used_at: at }).where('id', '=', id).execute();
}
