// placeholder until the demo-area generator lands (being written now)
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
export async function seedDemoArea(_db: Kysely<DB>): Promise<{ services: number }> {
  return { services: 0 };
}
