/** What the front page says about the directory: how much it holds (public figures). */
import type { Executor } from '../../platform/db/executor.ts';

export interface DirectoryFigures {
  /** Active services. */
  services: number;
  /** Organisations running them. */
  organizations: number;
}

export async function countActiveListings(db: Executor): Promise<DirectoryFigures> {
  const counts = await db
    .selectFrom('service')
    .select((eb) => [eb.fn.countAll<number>().as('services'), eb.fn.count<number>('organization_id').distinct().as('organizations')])
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow();
  return { services: Number(counts.services), organizations: Number(counts.organizations) };
}
