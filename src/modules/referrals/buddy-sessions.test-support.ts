/**
 * Test helper: records an account's vetting (DBS or equivalent, training,
 * references) in date around today's real date and any test clock's 2026
 * date, so it can be named as a travel buddy.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import { newId } from '../../platform/ids.ts';

export async function vetAccount(db: Kysely<DB>, accountId: string): Promise<void> {
  for (const kind of ['dbs', 'training', 'references'] as const)
    await db
      .insertInto('volunteer_check')
      .values({ id: newId(), account_id: accountId, kind, checked_on: '2025-01-01', expires_on: '2099-01-01', recorded_at: new Date() })
      .execute();
}
