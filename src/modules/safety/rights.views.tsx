/**
 * "Know your rights": the public index and pages (in the person's language,
 * short, no JavaScript), and the administrators' review list and edit form.
 */
import type { RightsPageName } from '../../platform/db/schema.ts';
import type { I18n } from '../../platform/i18n/i18n.ts';
import { LOCALE_CODES, LOCALES, type LocaleCode } from '../../platform/i18n/locales.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { FieldProblem } from '../../platform/views/error-summary.tsx';
import { PostForm, Radios, TextArea, TextField } from '../../platform/views/staff-forms.tsx';
import { StaffPage } from '../../platform/views/staff-page.tsx';
import { PublicPage } from '../find/public-page.tsx';
import {
  MAX_RIGHTS_BODY,
  MAX_RIGHTS_TITLE,
  RIGHTS_PAGES,
  reviewState,
  rightsBlocks,
  type RightsEditProblem,
  type RightsRecord,
  type RightsText,
} from './rights-pages.ts';

/** The page's words as paragraphs and lists, in the page's direction. */
function RightsBody({ body }: { body: string }) {
  return (
    <>
      {rightsBlocks(body).map((b) =>
        b.kind === 'p' ? (
          <p dir="auto">{b.text}</p>
        ) : (
          <ul>
            {b.items.map((i) => (
              <li dir="auto">{i}</li>
            ))}
          </ul>
        ),
      )}
    </>
  );
}

export function RightsIndexPage({ i18n, listCount, titles }: { i18n: I18n; listCount: number; titles: Record<RightsPageName, string> }) {
  const { t } = i18n;
  return (
    <PublicPage i18n={i18n} title={t('rights.title')} listCount={listCount}>
      <h1>{t('rights.title')}</h1>
      <p class="lead">{t('rights.intro')}</p>
      <ul>
        {RIGHTS_PAGES.map((p) => (
          <li>
            <a href={`/rights/${p}`} dir="auto">
              {titles[p]}
            </a>
          </li>
        ))}
      </ul>
      <p>
        <a href="/report-unfair">{t('unfair.link')}</a>
      </p>
      <p>
        <a href="/ask">{t('ask.title')}</a>
      </p>
    </PublicPage>
  );
}

export function RightsPage({ i18n, listCount, page, text }: { i18n: I18n; listCount: number; page: RightsPageName; text: RightsText }) {
  const { t } = i18n;
  return (
    <PublicPage i18n={i18n} title={text.title} listCount={listCount}>
      <h1 dir="auto">{text.title}</h1>
      <RightsBody body={text.body} />
      {page === 'complain' && (
        <p>
          <a href="/report-unfair">{t('unfair.link')}</a>
        </p>
      )}
      <p>
        <a href="/ask">{t('ask.title')}</a>
      </p>
      <p>
        <a href="/rights">{t('rights.all')}</a>
      </p>
    </PublicPage>
  );
}

// ---- Administrators -------------------------------------------------------

export interface RightsReviewRow {
  page: RightsPageName;
  locale: LocaleCode;
  title: string;
  record: RightsRecord | null;
}

export function RightsAdminPage({
  i18n,
  actor,
  csrf,
  rows,
  today,
  notice,
}: {
  i18n: I18n;
  actor: Actor;
  csrf: string;
  rows: RightsReviewRow[];
  today: string;
  notice?: string | undefined;
}) {
  const s = i18n.staff;
  const due = rows.filter((r) => reviewState(r.record, today) !== 'ok');
  return (
    <StaffPage i18n={i18n} actor={actor} csrf={csrf} title={s('rights.admin.title')} notice={notice}>
      <h1>{s('rights.admin.title')}</h1>
      <p>{s('rights.admin.intro')}</p>
      {due.length > 0 && (
        <div class="note warn" role="status">
          <strong>{s('rights.admin.dueCount', { count: due.length, total: rows.length })}</strong>
        </div>
      )}
      {RIGHTS_PAGES.map((page) => (
        <section>
          <h2>{s(`rights.page.${page}`)}</h2>
          <table>
            <thead>
              <tr>
                <th scope="col">{s('rights.admin.language')}</th>
                <th scope="col">{s('rights.admin.text')}</th>
                <th scope="col">{s('rights.admin.reviewBy')}</th>
                <th scope="col">{s('rights.admin.action')}</th>
              </tr>
            </thead>
            <tbody>
              {rows
                .filter((r) => r.page === page)
                .map((r) => {
                  const state = reviewState(r.record, today);
                  return (
                    <tr>
                      <td>{LOCALES[r.locale].englishName}</td>
                      <td>{r.record?.title ? s('rights.admin.own') : s('rights.admin.catalogue')}</td>
                      <td>
                        {r.record ? r.record.reviewBy : '—'}
                        {state === 'due' && <strong> {s('rights.admin.overdue')}</strong>}
                        {state === 'never' && <strong> {s('rights.admin.never')}</strong>}
                      </td>
                      <td>
                        <a href={`/admin/rights/${page}/${r.locale}`}>
                          {s('rights.admin.edit')}
                          <span class="vh">
                            {' '}
                            {s(`rights.page.${page}`)} ({LOCALES[r.locale].englishName})
                          </span>
                        </a>
                      </td>
                    </tr>
                  );
                })}
            </tbody>
          </table>
        </section>
      ))}
    </StaffPage>
  );
}

export function RightsEditPage({
  i18n,
  actor,
  csrf,
  page,
  locale,
  record,
  catalogue,
  values,
  problems = [],
}: {
  i18n: I18n;
  actor: Actor;
  csrf: string;
  page: RightsPageName;
  locale: LocaleCode;
  record: RightsRecord | null;
  catalogue: { title: string; body: string };
  values?: { mode: string; title: string; body: string; reviewBy: string };
  problems?: RightsEditProblem[];
}) {
  const s = i18n.staff;
  const message = (p: RightsEditProblem) => s(`rights.error.${p.code}`, { max: p.field === 'title' ? MAX_RIGHTS_TITLE : MAX_RIGHTS_BODY });
  const summary: FieldProblem[] = problems.map((p) => ({ field: p.field === 'reviewBy' ? 'reviewBy' : p.field, message: message(p) }));
  const err = (f: RightsEditProblem['field']) => {
    const p = problems.find((x) => x.field === f);
    return p ? message(p) : undefined;
  };
  const v = values ?? {
    mode: record?.title ? 'own' : 'catalogue',
    title: record?.title ?? catalogue.title,
    body: record?.body ?? catalogue.body,
    reviewBy: '',
  };
  const language = LOCALES[locale];
  const title = s('rights.edit.title', { page: s(`rights.page.${page}`), language: language.englishName });
  return (
    <StaffPage i18n={i18n} actor={actor} csrf={csrf} title={title} problems={summary}>
      <h1>{title}</h1>
      <p>
        {record ? s('rights.edit.lastReview', { date: record.reviewBy, name: record.updatedBy ?? '—' }) : s('rights.edit.neverReviewed')}
      </p>
      <p>{s('rights.edit.howTo')}</p>
      <PostForm action={`/admin/rights/${page}/${locale}`} csrf={csrf}>
        <Radios
          i18n={i18n}
          id="mode"
          name="mode"
          legend={s('rights.edit.mode')}
          value={v.mode}
          options={[
            { value: 'catalogue', label: s('rights.edit.modeCatalogue') },
            { value: 'own', label: s('rights.edit.modeOwn') },
          ]}
        />
        <div lang={language.code} dir={language.dir}>
          <TextField
            i18n={i18n}
            id="title"
            label={s('rights.edit.pageTitle')}
            value={v.title}
            error={err('title')}
            maxlength={MAX_RIGHTS_TITLE}
            size="long"
          />
          <TextArea
            i18n={i18n}
            id="body"
            label={s('rights.edit.body')}
            hint={s('rights.edit.bodyHint')}
            value={v.body}
            error={err('body')}
            maxlength={MAX_RIGHTS_BODY}
          />
        </div>
        <TextField
          i18n={i18n}
          id="reviewBy"
          type="date"
          label={s('rights.edit.reviewBy')}
          hint={s('rights.edit.reviewByHint')}
          value={v.reviewBy}
          error={err('reviewBy')}
          size="medium"
        />
        <button type="submit">{s('rights.edit.save')}</button>
      </PostForm>
      <details>
        <summary>{s('rights.edit.catalogueText')}</summary>
        <div lang={language.code} dir={language.dir}>
          <h2>{catalogue.title}</h2>
          <RightsBody body={catalogue.body} />
        </div>
      </details>
      <p>
        <a href={`/rights/${page}?lang=${locale}`}>{s('rights.edit.view')}</a> · <a href="/admin/rights">{s('rights.edit.back')}</a>
      </p>
    </StaffPage>
  );
}

export const ALL_RIGHTS_ROWS = (titles: (page: RightsPageName, locale: LocaleCode) => string, records: RightsRecord[]): RightsReviewRow[] =>
  RIGHTS_PAGES.flatMap((page) =>
    LOCALE_CODES.map((locale) => ({
      page,
      locale,
      title: titles(page, locale),
      record: records.find((r) => r.page === page && r.locale === locale) ?? null,
    })),
  );
