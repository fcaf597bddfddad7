/**
 * "Know your rights" pages. Anyone reads them (public text, no personal
 * data: no policy check); only administrators see the review list and change
 * a page's text or review date (rights.edit), each change audited with what
 * it was before.
 */
import type { Access } from '../../platform/auth/access.ts';
import type { Executor } from '../../platform/db/executor.ts';
import type { RightsPageName } from '../../platform/db/schema.ts';
import type { I18n } from '../../platform/i18n/i18n.ts';
import { loadRightsRecord, loadRightsRecords, saveRightsRecord } from './rights.repository.ts';
import { rightsBodyKey, rightsText, rightsTitleKey, type RightsEditInput, type RightsRecord, type RightsText } from './rights-pages.ts';

/** The catalogue's words for a page in the kit's language. */
export const catalogueRights = (i18n: I18n, page: RightsPageName) => ({
  title: i18n.t(rightsTitleKey(page)),
  body: i18n.t(rightsBodyKey(page)),
});

/** A page as the public sees it in the kit's language. */
export async function publicRightsPage(db: Executor, i18n: I18n, page: RightsPageName): Promise<RightsText> {
  return rightsText(await loadRightsRecord(db, page, i18n.locale), catalogueRights(i18n, page));
}

/** The titles of every page in the kit's language (for the index). */
export async function publicRightsTitles(
  db: Executor,
  i18n: I18n,
  pages: readonly RightsPageName[],
): Promise<Record<RightsPageName, string>> {
  const out = {} as Record<RightsPageName, string>;
  for (const p of pages) out[p] = (await publicRightsPage(db, i18n, p)).title;
  return out;
}

export function rightsAdminService(access: Access) {
  return {
    list(): Promise<RightsRecord[]> {
      return access.run('rights.edit', {}, null, (trx) => loadRightsRecords(trx));
    },
    one(page: RightsPageName, locale: string): Promise<RightsRecord | null> {
      return access.run('rights.edit', {}, null, (trx) => loadRightsRecord(trx, page, locale));
    },
    save(input: RightsEditInput): Promise<RightsRecord | null> {
      return access.run(
        'rights.edit',
        {},
        (before: RightsRecord | null) => ({
          subjectType: 'rights_page',
          subjectId: `${input.page}:${input.locale}`,
          details: {
            page: input.page,
            locale: input.locale,
            reviewBy: input.reviewBy,
            ownText: input.title !== null,
            before: before ? { title: before.title, body: before.body, reviewBy: before.reviewBy } : null,
          },
        }),
        async (trx, actor) => {
          const before = await loadRightsRecord(trx, input.page, input.locale);
          await saveRightsRecord(trx, input, actor.accountId, access.now());
          return before;
        },
      );
    },
  };
}
