/** The deployment's own secrets (belong_secret), made by the migrations. */
import type { Executor } from '../db/executor.ts';

/** A secret's value; throws when there is no secret of that name. */
export async function readSecret(db: Executor, name: string): Promise<string> {
  const row = await db.selectFrom('belong_secret').select('value').where('name', '=', name).executeTakeFirstOrThrow();
  return row.value;
}
