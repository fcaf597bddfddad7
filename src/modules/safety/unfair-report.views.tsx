/**
 * "Report unfair treatment": the public form (in the person's language, no
 * JavaScript), its thank-you and "please try later" pages, and the
 * administrators' queue and case page (/admin/unfair-treatment).
 */
import type { Actor } from '../../platform/auth/actor.ts';
import type { UnfairTreatmentStatus } from '../../platform/db/schema.ts';
import type { I18n } from '../../platform/i18n/i18n.ts';
import { LOCALES } from '../../platform/i18n/locales.ts';
import { ErrorMessage, ErrorSummary, type FieldProblem } from '../../platform/views/error-summary.tsx';
import { PostForm, Radios, TextArea } from '../../platform/views/staff-forms.tsx';
import { StaffPage } from '../../platform/views/staff-page.tsx';
import { Bdi, PublicPage } from '../find/public-page.tsx';
import {
  MAX_CONTACT,
  MAX_CONTACT_NAME,
  MAX_OUTCOME,
  MAX_SERVICE_NAME,
  MAX_WHAT,
  MAX_WHEN,
  UNFAIR_KINDS,
  UNFAIR_MAX,
  UNFAIR_STATUSES,
  type UnfairReportProblem,
  type UnfairReportValues,
} from './unfair-report-form.ts';
import type { UnfairCase } from './unfair-report.service.ts';
import { Honeypot } from '../../platform/views/honeypot.tsx';

function problemMessage(i18n: I18n, p: UnfairReportProblem): string {
  const { t } = i18n;
  switch (p.code) {
    case 'serviceMissing':
      return t('unfair.error.service');
    case 'kindsMissing':
      return t('unfair.error.kinds');
    case 'whatMissing':
      return t('unfair.error.what');
    case 'anonymousMissing':
      return t('unfair.error.anonymous');
    case 'contactMissing':
    case 'contactInvalid':
      return t('unfair.error.contact');
    default:
      return t('ask.error.tooLong', { max: UNFAIR_MAX[p.field] });
  }
}

const fieldId = (f: UnfairReportProblem['field']) => (f === 'kinds' ? 'kind-0' : f === 'anonymous' ? 'anonymous-0' : f);

export interface UnfairPageProps {
  i18n: I18n;
  listCount: number;
  /** The listing the form was opened from. */
  service: { id: string; name: string } | null;
  values?: UnfairReportValues;
  problems?: readonly UnfairReportProblem[];
}

export function UnfairPage({ i18n, listCount, service, values, problems = [] }: UnfairPageProps) {
  const { t } = i18n;
  const summary: FieldProblem[] = problems.map((p) => ({ field: fieldId(p.field), message: problemMessage(i18n, p) }));
  const err = (field: UnfairReportProblem['field']) => {
    const p = problems.find((x) => x.field === field);
    return p ? problemMessage(i18n, p) : undefined;
  };
  const described = (name: string, e: string | undefined, hint = true) =>
    [hint ? `${name}-hint` : '', e ? `${name}-error` : ''].filter(Boolean).join(' ') || undefined;
  const text = (
    name: 'serviceName' | 'happenedWhen' | 'contactName' | 'contact',
    label: string,
    hint: string | null,
    max: number,
    autocomplete: string,
  ) => {
    const e = err(name);
    return (
      <div class={e ? 'err-field' : undefined}>
        <label for={name}>{label}</label>
        {hint && (
          <p class="hint" id={`${name}-hint`}>
            {hint}
          </p>
        )}
        {e && <ErrorMessage i18n={i18n} id={`${name}-error`} message={e} />}
        <input
          id={name}
          name={name}
          type="text"
          autocomplete={autocomplete}
          maxlength={max}
          value={values?.[name] ?? ''}
          aria-describedby={described(name, e, hint !== null)}
          aria-invalid={e ? 'true' : undefined}
        />
      </div>
    );
  };
  const kindsError = err('kinds');
  const whatError = err('whatHappened');
  const anonError = err('anonymous');
  const action = service ? `/report-unfair?service=${service.id}` : '/report-unfair';
  return (
    <PublicPage i18n={i18n} title={t('unfair.title')} hasErrors={summary.length > 0} listCount={listCount}>
      <ErrorSummary i18n={i18n} problems={summary} />
      <h1>{t('unfair.title')}</h1>
      <p>{t('unfair.intro')}</p>
      <form method="post" action={action} novalidate>
        {service ? (
          <p>
            {t('unfair.aboutService')}{' '}
            <strong>
              <Bdi>{service.name}</Bdi>
            </strong>
          </p>
        ) : (
          text('serviceName', t('unfair.service'), t('unfair.serviceHint'), MAX_SERVICE_NAME, 'off')
        )}
        <div class={kindsError ? 'err-field' : undefined}>
          <fieldset aria-describedby={kindsError ? 'kinds-error' : undefined}>
            <legend>{t('unfair.kinds')}</legend>
            {kindsError && <ErrorMessage i18n={i18n} id="kinds-error" message={kindsError} />}
            {UNFAIR_KINDS.map((k, i) => (
              <label class="cb" for={`kind-${i}`}>
                <input type="checkbox" id={`kind-${i}`} name="kind" value={k} checked={values?.kinds.includes(k)} />
                <span>{t(`unfair.kind.${k}`)}</span>
              </label>
            ))}
          </fieldset>
        </div>
        <div class={whatError ? 'err-field' : undefined}>
          <label for="whatHappened">{t('unfair.what')}</label>
          <p class="hint" id="whatHappened-hint">
            {t('unfair.whatHint')}
          </p>
          {whatError && <ErrorMessage i18n={i18n} id="whatHappened-error" message={whatError} />}
          <textarea
            id="whatHappened"
            name="whatHappened"
            rows={5}
            maxlength={MAX_WHAT}
            aria-describedby={described('whatHappened', whatError)}
            aria-invalid={whatError ? 'true' : undefined}
          >
            {values?.whatHappened ?? ''}
          </textarea>
        </div>
        {text('happenedWhen', t('unfair.when'), t('unfair.whenHint'), MAX_WHEN, 'off')}
        <div class={anonError ? 'err-field' : undefined}>
          <fieldset aria-describedby={anonError ? 'anonymous-hint anonymous-error' : 'anonymous-hint'}>
            <legend>{t('unfair.anonymous')}</legend>
            <p class="hint" id="anonymous-hint">
              {t('unfair.anonymousHint')}
            </p>
            {anonError && <ErrorMessage i18n={i18n} id="anonymous-error" message={anonError} />}
            {(['yes', 'no'] as const).map((v, i) => (
              <label class="cb" for={`anonymous-${i}`}>
                <input type="radio" id={`anonymous-${i}`} name="anonymous" value={v} checked={values?.anonymous === v} />
                <span>{t(`unfair.anonymous.${v}`)}</span>
              </label>
            ))}
          </fieldset>
        </div>
        <fieldset>
          <legend>{t('unfair.contactLegend')}</legend>
          {text('contactName', t('unfair.contactName'), null, MAX_CONTACT_NAME, 'name')}
          {text('contact', t('unfair.contact'), t('unfair.contactHint'), MAX_CONTACT, 'email')}
        </fieldset>
        <Honeypot i18n={i18n} />
        <p>
          <button type="submit">{t('unfair.send')}</button>
        </p>
      </form>
      <p>
        <a href="/rights/complain">{t('rights.complain.title')}</a>
      </p>
    </PublicPage>
  );
}

export function UnfairDonePage({ i18n, listCount, tooMany }: { i18n: I18n; listCount: number; tooMany: boolean }) {
  const { t } = i18n;
  const title = tooMany ? t('quality.report.tooManyTitle') : t('unfair.thanksTitle');
  return (
    <PublicPage i18n={i18n} title={title} listCount={listCount}>
      <div class="note" role="status">
        <h1>{title}</h1>
        <p>{tooMany ? t('quality.report.tooManyText') : t('unfair.thanksText')}</p>
      </div>
      <p>
        <a href="/rights">{t('rights.title')}</a>
      </p>
      <p>
        <a href="/find">{t('nav.find')}</a>
      </p>
    </PublicPage>
  );
}

// ---- Administrators -------------------------------------------------------

const when = (d: Date) => d.toISOString().slice(0, 16).replace('T', ' ');

function kindsText(i18n: I18n, c: UnfairCase) {
  return c.kinds.map((k) => i18n.staff(`unfair.kind.${k}`)).join(', ');
}

export function UnfairQueuePage({
  i18n,
  actor,
  csrf,
  cases,
  which,
  notice,
}: {
  i18n: I18n;
  actor: Actor;
  csrf: string;
  cases: UnfairCase[];
  which: 'open' | 'closed';
  notice?: string | undefined;
}) {
  const s = i18n.staff;
  return (
    <StaffPage i18n={i18n} actor={actor} csrf={csrf} title={s('unfair.queue.title')} notice={notice}>
      <h1>{s('unfair.queue.title')}</h1>
      <p>{s('unfair.queue.intro')}</p>
      <p>
        {which === 'open' ? (
          <a href="/admin/unfair-treatment?show=closed">{s('unfair.queue.showClosed')}</a>
        ) : (
          <a href="/admin/unfair-treatment">{s('unfair.queue.showOpen')}</a>
        )}
      </p>
      {cases.length === 0 ? (
        <p>{s(which === 'open' ? 'unfair.queue.empty' : 'unfair.queue.emptyClosed')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{s('unfair.queue.received')}</th>
              <th scope="col">{s('unfair.queue.service')}</th>
              <th scope="col">{s('unfair.queue.what')}</th>
              <th scope="col">{s('unfair.queue.reporter')}</th>
              <th scope="col">{s('unfair.queue.status')}</th>
            </tr>
          </thead>
          <tbody>
            {cases.map((c) => (
              <tr>
                <td>
                  <a href={`/admin/unfair-treatment/${c.id}`}>{when(c.createdAt)}</a>
                </td>
                <td>
                  <Bdi>{c.serviceName}</Bdi>
                  {c.serviceId === null && <> ({s('unfair.queue.notMatched')})</>}
                </td>
                <td>{kindsText(i18n, c)}</td>
                <td>{c.anonymous ? s('unfair.queue.anonymous') : s('unfair.queue.canContact')}</td>
                <td>{s(`unfair.status.${c.status}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </StaffPage>
  );
}

export function UnfairCasePage({
  i18n,
  actor,
  csrf,
  c,
  problem,
  values,
  notice,
}: {
  i18n: I18n;
  actor: Actor;
  csrf: string;
  c: UnfairCase;
  problem?: { field: 'status' | 'outcome'; message: string } | undefined;
  values?: { status: string; outcome: string };
  notice?: string | undefined;
}) {
  const s = i18n.staff;
  const language = LOCALES[c.language as keyof typeof LOCALES];
  const problems: FieldProblem[] = problem
    ? [{ field: problem.field === 'status' ? 'status-0' : 'outcome', message: problem.message }]
    : [];
  return (
    <StaffPage i18n={i18n} actor={actor} csrf={csrf} title={s('unfair.case.title')} problems={problems} notice={notice}>
      <h1>{s('unfair.case.title')}</h1>
      <dl>
        <dt>{s('unfair.queue.received')}</dt>
        <dd>{when(c.createdAt)}</dd>
        <dt>{s('unfair.queue.service')}</dt>
        <dd>
          {c.serviceId ? (
            <a href={`/services/${c.serviceId}`}>
              <Bdi>{c.serviceName}</Bdi>
            </a>
          ) : (
            <>
              <Bdi>{c.serviceName}</Bdi> ({s('unfair.queue.notMatched')})
            </>
          )}
        </dd>
        <dt>{s('unfair.queue.what')}</dt>
        <dd>{kindsText(i18n, c)}</dd>
        <dt>{s('unfair.case.story')}</dt>
        <dd>
          <Bdi>{c.whatHappened}</Bdi>
        </dd>
        <dt>{s('unfair.case.when')}</dt>
        <dd>{c.happenedWhen ? <Bdi>{c.happenedWhen}</Bdi> : '—'}</dd>
        <dt>{s('unfair.case.language')}</dt>
        <dd>{language?.englishName ?? c.language}</dd>
        <dt>{s('unfair.queue.reporter')}</dt>
        <dd>
          {c.anonymous ? (
            s('unfair.queue.anonymous')
          ) : (
            <>
              {c.contactName && (
                <>
                  <Bdi>{c.contactName}</Bdi>
                  {' · '}
                </>
              )}
              <span dir="ltr">{c.contact}</span>
            </>
          )}
        </dd>
        <dt>{s('unfair.queue.status')}</dt>
        <dd>
          {s(`unfair.status.${c.status}`)}
          {c.updatedBy && <> · {s('unfair.case.by', { name: c.updatedBy, when: when(c.updatedAt) })}</>}
        </dd>
        {c.outcome && (
          <>
            <dt>{s('unfair.case.outcome')}</dt>
            <dd>
              <Bdi>{c.outcome}</Bdi>
            </dd>
          </>
        )}
      </dl>
      <p>{s('unfair.case.notProvider')}</p>
      <h2>{s('unfair.case.move')}</h2>
      <PostForm action={`/admin/unfair-treatment/${c.id}/status`} csrf={csrf}>
        <Radios
          i18n={i18n}
          id="status"
          name="status"
          legend={s('unfair.case.newStatus')}
          value={values?.status ?? c.status}
          error={problem?.field === 'status' ? problem.message : undefined}
          options={UNFAIR_STATUSES.map((st: UnfairTreatmentStatus) => ({ value: st, label: s(`unfair.status.${st}`) }))}
        />
        <TextArea
          i18n={i18n}
          id="outcome"
          label={s('unfair.case.outcome')}
          hint={s('unfair.case.outcomeHint')}
          value={values?.outcome ?? c.outcome ?? ''}
          error={problem?.field === 'outcome' ? problem.message : undefined}
          maxlength={MAX_OUTCOME}
        />
        <button type="submit">{s('unfair.case.save')}</button>
      </PostForm>
      <p>
        <a href="/admin/unfair-treatment">{s('unfair.case.back')}</a>
      </p>
    </StaffPage>
  );
}
