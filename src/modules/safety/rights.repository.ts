/**
 * Storage of the deployment's "know your rights" texts and review dates
 * (one row per page and language). The SQL of the rights pages lives here.
 */
import type { Executor } from '../../platform/db/executor.ts';
import type { RightsPageName } from '../../platform/db/schema.ts';
import type { RightsEditInput, RightsRecord } from './rights-pages.ts';

const toRecord = (r: {
  page: RightsPageName;
  locale: string;
  title: string | null;
  body: string | null;
  review_by: string;
  updated_at: Date;
  updated_by_name?: string | null;
}): RightsRecord => ({
  page: r.page,
  locale: r.locale,
  title: r.title,
  body: r.body,
  reviewBy: r.review_by,
  updatedAt: r.updated_at,
  updatedBy: r.updated_by_name ?? null,
});

/** One page in one language, or null when the deployment never touched it. */
export async function loadRightsRecord(db: Executor, page: RightsPageName, locale: string): Promise<RightsRecord | null> {
  const row = await db
    .selectFrom('rights_page_text as r')
    .leftJoin('staff_account as s', 's.id', 'r.updated_by')
    .select(['r.page', 'r.locale', 'r.title', 'r.body', 'r.review_by', 'r.updated_at', 's.name as updated_by_name'])
    .where('r.page', '=', page)
    .where('r.locale', '=', locale)
    .executeTakeFirst();
  return row ? toRecord(row) : null;
}

/** Every page the deployment edited or reviewed, in every language. */
export async function loadRightsRecords(db: Executor): Promise<RightsRecord[]> {
  const rows = await db
    .selectFrom('rights_page_text as r')
    .leftJoin('staff_account as s', 's.id', 'r.updated_by')
    .select(['r.page', 'r.locale', 'r.title', 'r.body', 'r.review_by', 'r.updated_at', 's.name as updated_by_name'])
    .orderBy('r.page')
    .orderBy('r.locale')
    .execute();
  return rows.map(toRecord);
}

/** Saves the page's own text (or none: the catalogue's) and its next review date. */
export async function saveRightsRecord(db: Executor, input: RightsEditInput, accountId: string, at: Date): Promise<void> {
  const values = { title: input.title, body: input.body, review_by: input.reviewBy, updated_by: accountId, updated_at: at };
  await db
    .insertInto('rights_page_text')
    .values({ page: input.page, locale: input.locale, ...values })
    .onConflict((oc) => oc.columns(['page', 'locale']).doUpdateSet(values))
    .execute();
}
