/**
 * Staff pages of the quality module, in the style of the other staff pages
 * (StaffPage, staff.css), all working without JavaScript:
 *
 * - the administrators' report queue (filter open / closed / all; resolve or
 *   dismiss with a note; the reporter's contact when they left one);
 * - the provider's own open reports (mark resolved);
 * - the data-quality view: counts per problem, a filter, and a form of
 *   checkboxes with the bulk actions "mark verified" and "archive", plus
 *   "send review reminders now".
 */
import type { Actor } from '../../platform/auth/actor.ts';
import type { I18n } from '../../platform/i18n/i18n.ts';
import type { StaffKey } from '../../platform/i18n/staff-catalogue.ts';
import type { FieldProblem } from '../../platform/views/error-summary.tsx';
import { LOCALES, type LocaleCode } from '../../platform/i18n/locales.ts';
import { ButtonForm, PostForm, TextArea } from '../../platform/views/staff-forms.tsx';
import { StaffPage } from '../../platform/views/staff-page.tsx';
import { dateText } from '../find/presenters.ts';
import { QUALITY_PROBLEMS, type QualityProblem } from './freshness.ts';
import { REPORT_FILTERS, MAX_NOTE, type QueuedReport, type ReportFilter } from './reports.service.ts';
import type { QualityOverview } from './quality.service.ts';
import { scrollRegion } from '../../platform/views/scroll-region.ts';

const when = (i18n: I18n, d: Date) => i18n.formatDate(d, { dateStyle: 'medium', timeStyle: 'short' });

const KIND_KEYS: Record<QueuedReport['kind'], StaffKey> = {
  closed: 'quality.kind.closed',
  times: 'quality.kind.times',
  place: 'quality.kind.place',
  contact: 'quality.kind.contact',
  cost: 'quality.kind.cost',
  other: 'quality.kind.other',
};
const STATUS_KEYS: Record<QueuedReport['status'], StaffKey> = {
  open: 'quality.status.open',
  resolved: 'quality.status.resolved',
  dismissed: 'quality.status.dismissed',
};
const FILTER_KEYS: Record<ReportFilter, StaffKey> = {
  open: 'quality.filter.open',
  resolved: 'quality.filter.resolved',
  all: 'quality.filter.all',
};
export const PROBLEM_KEYS: Record<QualityProblem, StaffKey> = {
  stale: 'quality.problem.stale',
  no_languages: 'quality.problem.no_languages',
  no_times: 'quality.problem.no_times',
  no_safeguarding: 'quality.problem.no_safeguarding',
  open_reports: 'quality.problem.open_reports',
};

const languageLabel = (code: string) => (Object.hasOwn(LOCALES, code) ? `${LOCALES[code as LocaleCode].nativeName} (${code})` : code);

function ReportCard({
  i18n,
  csrf,
  r,
  closeAction,
  canDismiss,
  noteError,
}: {
  i18n: I18n;
  csrf: string;
  r: QueuedReport;
  closeAction: string;
  canDismiss: boolean;
  noteError?: string | undefined;
}) {
  const s = i18n.staff;
  const noteId = `note-${r.id}`;
  return (
    <article class="message" aria-labelledby={`report-${r.id}`}>
      <h2 id={`report-${r.id}`}>
        <bdi>{r.serviceName}</bdi>
        <span class={r.status === 'open' ? 'tag warn' : 'tag'}>{s(STATUS_KEYS[r.status])}</span>
      </h2>
      <dl class="summary">
        <dt>{s('quality.report.what')}</dt>
        <dd>{s(KIND_KEYS[r.kind])}</dd>
        <dt>{s('quality.report.details')}</dt>
        <dd>{r.details ? <span dir="auto">{r.details}</span> : s('quality.report.noDetails')}</dd>
        <dt>{s('quality.report.received')}</dt>
        <dd>{s('quality.report.receivedIn', { when: when(i18n, r.createdAt), language: languageLabel(r.language) })}</dd>
        <dt>{s('quality.report.organisation')}</dt>
        <dd>
          <bdi>{r.organizationName}</bdi>
        </dd>
        {canDismiss && (
          <>
            <dt>{s('quality.report.contact')}</dt>
            <dd>{r.contact ? <span dir="auto">{r.contact}</span> : s('quality.report.noContact')}</dd>
          </>
        )}
        {r.status !== 'open' && (
          <>
            <dt>{s('quality.report.closed')}</dt>
            <dd>
              {s('quality.report.closedBy', { who: r.resolvedByName ?? '—', when: r.resolvedAt ? when(i18n, r.resolvedAt) : '—' })}
              {r.resolutionNote && (
                <span class="hint" dir="auto">
                  {r.resolutionNote}
                </span>
              )}
            </dd>
          </>
        )}
      </dl>
      <p>
        <a href={`/services/${r.serviceId}`}>{s('quality.report.publicPage')}</a>
        {' · '}
        <a href={`/staff/listings/${r.serviceId}`}>{s('quality.report.editListing')}</a>
      </p>
      {r.status === 'open' && (
        <PostForm action={closeAction} csrf={csrf}>
          <TextArea
            i18n={i18n}
            id={noteId}
            name="note"
            label={s('quality.report.note')}
            hint={s('quality.report.noteHint')}
            maxlength={MAX_NOTE}
            error={noteError}
          />
          <button type="submit" name="outcome" value="resolved">
            {s('quality.report.resolve')}
          </button>
          {canDismiss && (
            <>
              {' '}
              <button type="submit" name="outcome" value="dismissed" class="secondary">
                {s('quality.report.dismiss')}
              </button>
            </>
          )}
        </PostForm>
      )}
    </article>
  );
}

export interface ReportsPageProps {
  i18n: I18n;
  csrf: string;
  actor: Actor;
  reports: QueuedReport[];
  notice?: string | null;
  problems?: FieldProblem[];
}

export function AdminReportsPage({
  i18n,
  csrf,
  actor,
  reports,
  filter,
  notice,
  problems = [],
}: ReportsPageProps & { filter: ReportFilter }) {
  const s = i18n.staff;
  return (
    <StaffPage i18n={i18n} actor={actor} csrf={csrf} title={s('quality.reports.title')} notice={notice ?? null} problems={problems}>
      <h1>{s('quality.reports.title')}</h1>
      <p>{s('quality.reports.intro')}</p>
      <nav aria-label={s('quality.reports.filterLabel')}>
        <ul class="pager">
          {REPORT_FILTERS.map((f) => (
            <li>
              <a href={`/admin/reports?status=${f}`} aria-current={f === filter ? 'page' : undefined}>
                {s(FILTER_KEYS[f])}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <p>
        <a href="/admin/quality">{s('quality.title')}</a>
      </p>
      {reports.length === 0 ? (
        <p>{s('quality.reports.none')}</p>
      ) : (
        reports.map((r) => (
          <ReportCard
            i18n={i18n}
            csrf={csrf}
            r={r}
            closeAction={`/admin/reports/${r.id}`}
            canDismiss={true}
            noteError={problems.find((p) => p.field === `note-${r.id}`)?.message}
          />
        ))
      )}
    </StaffPage>
  );
}

export function ProviderReportsPage({ i18n, csrf, actor, reports, notice, problems = [] }: ReportsPageProps) {
  const s = i18n.staff;
  return (
    <StaffPage i18n={i18n} actor={actor} csrf={csrf} title={s('quality.ownReports.title')} notice={notice ?? null} problems={problems}>
      <h1>{s('quality.ownReports.title')}</h1>
      <p>{s('quality.ownReports.intro')}</p>
      {reports.length === 0 ? (
        <p>{s('quality.ownReports.none')}</p>
      ) : (
        reports.map((r) => (
          <ReportCard
            i18n={i18n}
            csrf={csrf}
            r={r}
            closeAction={`/staff/reports/${r.id}/resolve`}
            canDismiss={false}
            noteError={problems.find((p) => p.field === `note-${r.id}`)?.message}
          />
        ))
      )}
    </StaffPage>
  );
}

export interface QualityPageProps {
  i18n: I18n;
  csrf: string;
  actor: Actor;
  overview: QualityOverview;
  problem: QualityProblem | null;
  selected?: readonly string[];
  notice?: string | null;
  problems?: FieldProblem[];
}

export function QualityPage({ i18n, csrf, actor, overview, problem, selected = [], notice, problems = [] }: QualityPageProps) {
  const s = i18n.staff;
  const o = overview;
  return (
    <StaffPage i18n={i18n} actor={actor} csrf={csrf} title={s('quality.title')} notice={notice ?? null} problems={problems}>
      <h1>{s('quality.title')}</h1>
      <p>{s('quality.intro', { total: o.total })}</p>
      <h2>{s('quality.countsTitle')}</h2>
      <ul class="plain">
        {QUALITY_PROBLEMS.map((p) => (
          <li>
            <a
              href={p === 'open_reports' ? '/admin/reports' : `/admin/quality?problem=${p}`}
              aria-current={p === problem ? 'page' : undefined}
            >
              {s(PROBLEM_KEYS[p])}
            </a>
            : <strong>{o.counts[p]}</strong>
          </li>
        ))}
      </ul>
      <form method="get" action="/admin/quality" class="audit-filters" novalidate>
        <div class="field">
          <label for="problem">{s('quality.filterLabel')}</label>
          <select id="problem" name="problem">
            <option value="" selected={!problem}>
              {s('quality.filterAny')}
            </option>
            {QUALITY_PROBLEMS.map((p) => (
              <option value={p} selected={p === problem}>
                {s(PROBLEM_KEYS[p])}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <button type="submit" class="secondary">
            {s('quality.filterButton')}
          </button>
        </div>
      </form>

      <h2 id="listings-title">{s('quality.listingsTitle', { shown: o.listings.length, matched: o.matched })}</h2>
      {o.listings.length === 0 ? (
        <p>{s('quality.noneMatch')}</p>
      ) : (
        <PostForm action="/admin/quality/bulk" csrf={csrf}>
          <input type="hidden" name="problem" value={problem ?? ''} />
          <fieldset id="services" aria-labelledby="listings-title">
            <div {...scrollRegion(s('quality.tableCaption'))}>
              <table>
                <caption class="vh">{s('quality.tableCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{s('quality.col.choose')}</th>
                    <th scope="col">{s('quality.col.listing')}</th>
                    <th scope="col">{s('quality.col.problems')}</th>
                    <th scope="col">{s('quality.col.checked')}</th>
                  </tr>
                </thead>
                <tbody>
                  {o.listings.map((l) => (
                    <tr>
                      <td>
                        <input
                          type="checkbox"
                          id={`svc-${l.serviceId}`}
                          name="service"
                          value={l.serviceId}
                          checked={selected.includes(l.serviceId)}
                        />
                        <label for={`svc-${l.serviceId}`} class="vh">
                          {s('quality.choose', { name: l.name })}
                        </label>
                      </td>
                      <td>
                        <a href={`/services/${l.serviceId}`}>
                          <bdi>{l.name}</bdi>
                        </a>
                        <span class="hint">
                          <bdi>{l.organizationName}</bdi> · <a href={`/staff/listings/${l.serviceId}`}>{s('quality.report.editListing')}</a>
                        </span>
                      </td>
                      <td>{l.problems.map((p) => s(PROBLEM_KEYS[p])).join(', ')}</td>
                      <td>
                        {l.reviewDue ? s('quality.reviewDue', { date: dateText(i18n, l.reviewDue) }) : s('quality.noReviewDate')}
                        <span class="hint">
                          {l.verifiedOn ? s('quality.verifiedOn', { date: dateText(i18n, l.verifiedOn) }) : s('quality.neverVerified')}
                        </span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </fieldset>
          <p class="hint">{s('quality.bulkHint')}</p>
          <button type="submit" name="action" value="verify">
            {s('quality.bulk.verify')}
          </button>{' '}
          <button type="submit" name="action" value="archive" class="warning">
            {s('quality.bulk.archive')}
          </button>
        </PostForm>
      )}

      <h2>{s('quality.remindersTitle')}</h2>
      <p>{s('quality.remindersIntro')}</p>
      <ButtonForm action="/admin/quality/reminders" csrf={csrf} label={s('quality.remindersButton')} variant="secondary" />
    </StaffPage>
  );
}
