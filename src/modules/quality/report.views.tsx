/**
 * The public "report a problem with this listing" pages: the form (what is
 * wrong, optional details, optional contact — said plainly what it is for),
 * the thank-you page and the "please try later" page. Plain HTML forms in
 * the person's language; no JavaScript.
 */
import type { MessageKey } from '../../platform/i18n/catalogue.ts';
import type { I18n } from '../../platform/i18n/i18n.ts';
import { ErrorMessage, type FieldProblem } from '../../platform/views/error-summary.tsx';
import { ErrorSummary } from '../../platform/views/error-summary.tsx';
import { Bdi, PublicPage } from '../find/public-page.tsx';
import { MAX_CONTACT, MAX_DETAILS, REPORT_KINDS, type ReportProblem } from './report-form.ts';
import type { ReportTarget } from './reports.repository.ts';
import { Honeypot } from '../../platform/views/honeypot.tsx';

const PROBLEM_KEYS: Record<ReportProblem['code'], MessageKey> = {
  kindMissing: 'quality.report.error.kind',
  detailsNeeded: 'quality.report.error.detailsNeeded',
  detailsTooLong: 'quality.report.error.detailsTooLong',
  contactTooLong: 'quality.report.error.contactTooLong',
};

/** Error-summary entries: radios link to their first option. */
export function reportProblems(i18n: I18n, problems: readonly ReportProblem[]): FieldProblem[] {
  return problems.map((p) => ({
    field: p.field === 'kind' ? 'kind-0' : p.field,
    message: i18n.t(PROBLEM_KEYS[p.code], { max: p.field === 'contact' ? MAX_CONTACT : MAX_DETAILS }),
  }));
}

export interface ReportPageProps {
  i18n: I18n;
  target: ReportTarget;
  listCount: number;
  values?: { kind: string; details: string; contact: string };
  problems?: readonly ReportProblem[];
}

export function ReportPage({ i18n, target, listCount, values, problems = [] }: ReportPageProps) {
  const { t } = i18n;
  const summary = reportProblems(i18n, problems);
  const err = (field: ReportProblem['field']) =>
    summary.find((p) => p.field === field || (field === 'kind' && p.field === 'kind-0'))?.message;
  const kindError = err('kind');
  const detailsError = err('details');
  const contactError = err('contact');
  return (
    <PublicPage i18n={i18n} title={t('quality.report.title')} hasErrors={summary.length > 0} listCount={listCount}>
      <ErrorSummary i18n={i18n} problems={summary} />
      <h1>{t('quality.report.title')}</h1>
      <p class="lead">
        <Bdi>{target.name}</Bdi>
      </p>
      <p>{t('quality.report.intro')}</p>
      <form method="post" action={`/services/${target.serviceId}/report`} novalidate>
        <div class={kindError ? 'err-field' : undefined}>
          <fieldset aria-describedby={kindError ? 'kind-error' : undefined}>
            <legend>{t('quality.report.kindLegend')}</legend>
            {kindError && <ErrorMessage i18n={i18n} id="kind-error" message={kindError} />}
            {REPORT_KINDS.map((k, i) => (
              <label class="cb" for={`kind-${i}`}>
                <input type="radio" id={`kind-${i}`} name="kind" value={k} checked={values?.kind === k} />
                <span>{t(`quality.report.kind.${k}`)}</span>
              </label>
            ))}
          </fieldset>
        </div>
        <div class={detailsError ? 'err-field' : undefined}>
          <label for="details">{t('quality.report.details')}</label>
          <p class="hint" id="details-hint">
            {t('quality.report.detailsHint')}
          </p>
          {detailsError && <ErrorMessage i18n={i18n} id="details-error" message={detailsError} />}
          <textarea
            id="details"
            name="details"
            rows={5}
            maxlength={MAX_DETAILS}
            aria-describedby={detailsError ? 'details-hint details-error' : 'details-hint'}
            aria-invalid={detailsError ? 'true' : undefined}
          >
            {values?.details ?? ''}
          </textarea>
        </div>
        <div class={contactError ? 'err-field' : undefined}>
          <label for="contact">{t('quality.report.contact')}</label>
          <p class="hint" id="contact-hint">
            {t('quality.report.contactHint')}
          </p>
          {contactError && <ErrorMessage i18n={i18n} id="contact-error" message={contactError} />}
          <input
            id="contact"
            name="contact"
            type="text"
            autocomplete="email"
            maxlength={MAX_CONTACT}
            value={values?.contact ?? ''}
            aria-describedby={contactError ? 'contact-hint contact-error' : 'contact-hint'}
            aria-invalid={contactError ? 'true' : undefined}
          />
        </div>
        <Honeypot i18n={i18n} />
        <p>
          <button type="submit">{t('quality.report.send')}</button>
        </p>
      </form>
      <p>
        <a href={`/services/${target.serviceId}`}>{t('quality.report.back')}</a>
      </p>
    </PublicPage>
  );
}

export function ReportThanksPage({ i18n, serviceId, listCount }: { i18n: I18n; serviceId: string; listCount: number }) {
  const { t } = i18n;
  return (
    <PublicPage i18n={i18n} title={t('quality.report.thanksTitle')} listCount={listCount}>
      <div class="note" role="status">
        <h1>{t('quality.report.thanksTitle')}</h1>
        <p>{t('quality.report.thanksText')}</p>
      </div>
      <p>
        <a href={`/services/${serviceId}`}>{t('quality.report.back')}</a>
      </p>
    </PublicPage>
  );
}

export function ReportTooManyPage({ i18n, serviceId, listCount }: { i18n: I18n; serviceId: string; listCount: number }) {
  const { t } = i18n;
  return (
    <PublicPage i18n={i18n} title={t('quality.report.tooManyTitle')} listCount={listCount}>
      <h1>{t('quality.report.tooManyTitle')}</h1>
      <p>{t('quality.report.tooManyText')}</p>
      <p>
        <a href={`/services/${serviceId}`}>{t('quality.report.back')}</a>
      </p>
    </PublicPage>
  );
}
