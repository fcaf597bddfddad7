/**
 * "Ask someone to contact me": the public form (in the person's language,
 * no JavaScript), its thank-you and "please try later" pages, and the
 * connectors' queue (/staff/contact-requests).
 */
import type { Actor } from '../../platform/auth/actor.ts';
import type { MessageKey } from '../../platform/i18n/catalogue.ts';
import type { I18n } from '../../platform/i18n/i18n.ts';
import { LOCALE_CODES, LOCALES } from '../../platform/i18n/locales.ts';
import { ErrorMessage, ErrorSummary, type FieldProblem } from '../../platform/views/error-summary.tsx';
import { ButtonForm } from '../../platform/views/staff-forms.tsx';
import { StaffPage } from '../../platform/views/staff-page.tsx';
import { Bdi, PublicPage } from '../find/public-page.tsx';
import {
  CONTACT_WAYS,
  MAX_ABOUT,
  MAX_NAME,
  MAX_REACH,
  MAX_TIMES,
  MAX_WHERE,
  type ContactRequestProblem,
  type ContactRequestValues,
} from './contact-request-form.ts';
import type { QueuedRequest } from './contact-request.repository.ts';
import { Honeypot } from '../../platform/views/honeypot.tsx';

const MAX: Record<ContactRequestProblem['field'], number> = {
  name: MAX_NAME,
  way: 0,
  reach: MAX_REACH,
  safeTimes: MAX_TIMES,
  about: MAX_ABOUT,
  where: MAX_WHERE,
};

function problemMessage(i18n: I18n, p: ContactRequestProblem): string {
  switch (p.code) {
    case 'nameMissing':
      return i18n.t('ask.error.name');
    case 'wayMissing':
      return i18n.t('ask.error.way');
    case 'wayUnsafe':
      return i18n.t('ask.error.wayUnsafe');
    case 'reachMissing':
    case 'emailInvalid':
    case 'phoneInvalid':
      return i18n.t('ask.error.reach');
    default:
      return i18n.t('ask.error.tooLong', { max: MAX[p.field] });
  }
}

export function askProblems(i18n: I18n, problems: readonly ContactRequestProblem[]): FieldProblem[] {
  return problems.map((p) => ({ field: p.field === 'way' ? 'way-0' : p.field, message: problemMessage(i18n, p) }));
}

export interface AskPageProps {
  i18n: I18n;
  listCount: number;
  values?: ContactRequestValues;
  problems?: readonly ContactRequestProblem[];
}

export function AskPage({ i18n, listCount, values, problems = [] }: AskPageProps) {
  const { t } = i18n;
  const summary = askProblems(i18n, problems);
  const err = (field: ContactRequestProblem['field']) => {
    const p = problems.find((x) => x.field === field);
    return p ? problemMessage(i18n, p) : undefined;
  };
  const field = (name: 'name' | 'reach' | 'where', label: MessageKey, hint: MessageKey, max: number, autocomplete: string) => {
    const e = err(name);
    return (
      <div class={e ? 'err-field' : undefined}>
        <label for={name}>{t(label)}</label>
        <p class="hint" id={`${name}-hint`}>
          {t(hint)}
        </p>
        {e && <ErrorMessage i18n={i18n} id={`${name}-error`} message={e} />}
        <input
          id={name}
          name={name}
          type="text"
          autocomplete={autocomplete}
          maxlength={max}
          value={values?.[name] ?? ''}
          aria-describedby={e ? `${name}-hint ${name}-error` : `${name}-hint`}
          aria-invalid={e ? 'true' : undefined}
        />
      </div>
    );
  };
  const area = (name: 'safeTimes' | 'about', label: MessageKey, hint: MessageKey, max: number) => {
    const e = err(name);
    return (
      <div class={e ? 'err-field' : undefined}>
        <label for={name}>{t(label)}</label>
        <p class="hint" id={`${name}-hint`}>
          {t(hint)}
        </p>
        {e && <ErrorMessage i18n={i18n} id={`${name}-error`} message={e} />}
        <textarea
          id={name}
          name={name}
          rows={3}
          maxlength={max}
          aria-describedby={e ? `${name}-hint ${name}-error` : `${name}-hint`}
          aria-invalid={e ? 'true' : undefined}
        >
          {values?.[name] ?? ''}
        </textarea>
      </div>
    );
  };
  const wayError = err('way');
  const language = values?.language ?? i18n.locale;
  return (
    <PublicPage i18n={i18n} title={t('ask.title')} hasErrors={summary.length > 0} listCount={listCount}>
      <ErrorSummary i18n={i18n} problems={summary} />
      <h1>{t('ask.title')}</h1>
      <p>{t('ask.intro')}</p>
      <form method="post" action="/ask" novalidate>
        {field('name', 'ask.name', 'ask.nameHint', MAX_NAME, 'name')}
        <div>
          <label for="language">{t('ask.language')}</label>
          <select id="language" name="language">
            {LOCALE_CODES.map((code) => (
              <option value={code} selected={code === language} lang={code}>
                {LOCALES[code].nativeName}
              </option>
            ))}
          </select>
        </div>
        <div class={wayError ? 'err-field' : undefined}>
          <fieldset aria-describedby={wayError ? 'way-error' : undefined}>
            <legend>{t('ask.way')}</legend>
            {wayError && <ErrorMessage i18n={i18n} id="way-error" message={wayError} />}
            {CONTACT_WAYS.map((w, i) => (
              <label class="cb" for={`way-${i}`}>
                <input type="radio" id={`way-${i}`} name="way" value={w} checked={values?.way === w} />
                <span>{t(`ask.way.${w}`)}</span>
              </label>
            ))}
          </fieldset>
        </div>
        {field('reach', 'ask.reach', 'ask.reachHint', MAX_REACH, 'tel')}
        <fieldset>
          <legend>{t('ask.unsafe')}</legend>
          <p class="hint">{t('ask.unsafeHint')}</p>
          {CONTACT_WAYS.map((w, i) => (
            <label class="cb" for={`unsafe-${i}`}>
              <input type="checkbox" id={`unsafe-${i}`} name="unsafe" value={w} checked={values?.unsafeWays.includes(w)} />
              <span>{t(`ask.way.${w}`)}</span>
            </label>
          ))}
        </fieldset>
        {area('safeTimes', 'ask.safeTimes', 'ask.safeTimesHint', MAX_TIMES)}
        {area('about', 'ask.about', 'ask.aboutHint', MAX_ABOUT)}
        {field('where', 'ask.where', 'ask.whereHint', MAX_WHERE, 'postal-code')}
        <Honeypot i18n={i18n} />
        <p>
          <button type="submit">{t('ask.send')}</button>
        </p>
      </form>
    </PublicPage>
  );
}

export function AskDonePage({ i18n, listCount, tooMany }: { i18n: I18n; listCount: number; tooMany: boolean }) {
  const { t } = i18n;
  const title = tooMany ? t('ask.tooManyTitle') : t('ask.thanksTitle');
  return (
    <PublicPage i18n={i18n} title={title} listCount={listCount}>
      <div class="note" role="status">
        <h1>{title}</h1>
        <p>{tooMany ? t('ask.tooManyText') : t('ask.thanksText')}</p>
      </div>
      <p>
        <a href="/find">{t('nav.find')}</a>
      </p>
    </PublicPage>
  );
}

export interface ContactQueuePageProps {
  i18n: I18n;
  actor: Actor;
  csrf: string;
  requests: QueuedRequest[];
  now: Date;
  notice?: string;
}

export function ContactQueuePage({ i18n, actor, csrf, requests, now, notice }: ContactQueuePageProps) {
  const s = i18n.staff;
  const when = (d: Date) => d.toISOString().slice(0, 16).replace('T', ' ');
  return (
    <StaffPage i18n={i18n} actor={actor} csrf={csrf} title={s('safety.queue.title')} notice={notice}>
      <h1>{s('safety.queue.title')}</h1>
      <p>{s('safety.queue.intro')}</p>
      {requests.length === 0 ? (
        <p>{s('safety.queue.empty')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{s('safety.queue.who')}</th>
              <th scope="col">{s('safety.queue.how')}</th>
              <th scope="col">{s('safety.queue.about')}</th>
              <th scope="col">{s('safety.queue.due')}</th>
              <th scope="col">{s('safety.queue.status')}</th>
            </tr>
          </thead>
          <tbody>
            {requests.map((r) => (
              <tr>
                <td>
                  <a href={`/staff/people/${r.personId}`}>
                    <Bdi>{r.name}</Bdi>
                  </a>{' '}
                  ({LOCALES[r.language as keyof typeof LOCALES]?.englishName ?? r.language}){r.area && <> · {r.area}</>}
                </td>
                <td>
                  {s(`safety.way.${r.way}`)}
                  {r.safeTimes && (
                    <>
                      {' · '}
                      <Bdi>{r.safeTimes}</Bdi>
                    </>
                  )}
                  {r.unsafeWays.length > 0 && (
                    <p class="warning">
                      <strong>{s('safety.queue.never', { ways: r.unsafeWays.map((w) => s(`safety.way.${w}`)).join(', ') })}</strong>
                    </p>
                  )}
                </td>
                <td>{r.about ? <Bdi>{r.about}</Bdi> : '—'}</td>
                <td>
                  {when(r.dueAt)}
                  {r.status === 'new' && r.dueAt < now && <strong> {s('safety.queue.overdue')}</strong>}
                </td>
                <td>
                  {r.status === 'new' ? (
                    <ButtonForm action={`/staff/contact-requests/${r.id}/pick-up`} csrf={csrf} label={s('safety.queue.pickUp')} />
                  ) : (
                    s('safety.queue.pickedUp', { name: r.pickedUpBy ?? '—' })
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </StaffPage>
  );
}
