/**
 * The person's pages at /my, in their own language (the page's lang and dir
 * follow it), plain words, and forms that work without JavaScript. Plus the
 * printable slip the connector hands over with the code and PIN.
 */
import type { Child } from 'hono/jsx';
import type { I18n } from '../../platform/i18n/i18n.ts';
import type { MessageKey } from '../../platform/i18n/catalogue.ts';
import { ErrorSummary, type FieldProblem } from '../../platform/views/error-summary.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import { ChoiceCheckbox, ChoiceRadios } from '../../platform/views/public-choices.tsx';
import { TextArea, TextField } from '../../platform/views/staff-forms.tsx';
import type { Plan } from '../conversation/plan.ts';
import { PlanSections } from '../conversation/plan-sections.tsx';
import { personStateKey } from '../referrals/person-state-words.ts';
import { groupCode } from './access-code.ts';
import { CHECK_IN_ANSWERS } from './check-in.ts';
import { CONTACT_METHODS, CONTACT_WAYS, MAX_FEEDBACK_LENGTH, type MyAttempt, type MyReferral, type MyView } from './person-view.service.ts';

const k = (s: string) => s as MessageKey;

export function MyPage({
  i18n,
  title,
  problems = [],
  signedIn,
  children,
}: {
  i18n: I18n;
  title: string;
  problems?: readonly FieldProblem[];
  signedIn: boolean;
  children: Child;
}) {
  const { t } = i18n;
  return (
    <Layout
      i18n={i18n}
      title={title}
      hasErrors={problems.length > 0}
      showLanguages
      homeHref="/my"
      headerEnd={
        signedIn ? (
          <form method="post" action="/my/sign-out" class="inline">
            <button type="submit" class="secondary">
              {t('personView.signOut')}
            </button>
          </form>
        ) : undefined
      }
    >
      <ErrorSummary i18n={i18n} problems={problems} />
      <p class="crisis-link">
        <a href="/my/crisis">{t('crisis.link')}</a>
      </p>
      {children}
    </Layout>
  );
}

export function SignInPage({
  i18n,
  problems = [],
  code = '',
  notice,
}: {
  i18n: I18n;
  problems?: readonly FieldProblem[];
  code?: string;
  notice?: string | null;
}) {
  const { t } = i18n;
  const err = (f: string) => problems.find((p) => p.field === f)?.message;
  return (
    <MyPage i18n={i18n} title={t('personView.signIn.title')} problems={problems} signedIn={false}>
      {notice && (
        <div class="note" role="status">
          {notice}
        </div>
      )}
      <h1>{t('personView.signIn.title')}</h1>
      <p>{t('personView.signIn.intro')}</p>
      <form method="post" action="/my" novalidate>
        <TextField
          i18n={i18n}
          id="code"
          label={t('personView.signIn.code')}
          hint={t('personView.signIn.codeHint')}
          value={code}
          autocomplete="off"
          error={err('code')}
          size="medium"
          maxlength={20}
        />
        <TextField
          i18n={i18n}
          id="pin"
          type="password"
          label={t('personView.signIn.pin')}
          hint={t('personView.signIn.pinHint')}
          inputmode="numeric"
          autocomplete="off"
          error={err('pin')}
          size="short"
          maxlength={12}
        />
        <button type="submit">{t('personView.signIn.submit')}</button>
      </form>
    </MyPage>
  );
}

function Support({ i18n, r, attempts }: { i18n: I18n; r: MyReferral; attempts: MyAttempt[] }) {
  const { t } = i18n;
  const items: string[] = [];
  if (r.support.interpreterNeeded)
    items.push(
      r.support.interpreterLanguage
        ? t('personView.support.interpreterIn', { language: r.support.interpreterLanguage })
        : t('personView.support.interpreter'),
    );
  for (const a of attempts) {
    if (a.firstVisitDate)
      items.push(
        t('personView.support.firstVisit', { service: a.serviceName, date: i18n.formatDate(new Date(`${a.firstVisitDate}T12:00:00Z`)) }),
      );
    if (a.companionName) items.push(t('personView.support.companion', { name: a.companionName }));
  }
  if (r.support.accompanyWanted && !attempts.some((a) => a.companionName)) items.push(t('personView.support.accompany'));
  if (r.support.transportNeeded) items.push(t('personView.support.transport'));
  if (r.support.childcareNeeded) items.push(t('personView.support.childcare'));
  if (!items.length) return null;
  return (
    <>
      <h4>{t('personView.support.heading')}</h4>
      <ul>
        {items.map((i) => (
          <li>{i}</li>
        ))}
      </ul>
    </>
  );
}

function CheckIn({ i18n, a }: { i18n: I18n; a: MyAttempt }) {
  const { t } = i18n;
  const labels: Record<(typeof CHECK_IN_ANSWERS)[number], string> = {
    went: t('personView.checkIn.went'),
    not_yet: t('personView.checkIn.notYet'),
    want_help: t('personView.checkIn.wantHelp'),
    not_going: t('personView.checkIn.notGoing'),
    pause: t('personView.checkIn.pause'),
  };
  return (
    <form method="post" action={`/my/check-in/${a.id}`} novalidate class="check-in">
      <ChoiceRadios
        i18n={i18n}
        id={`answer-${a.id}`}
        name="answer"
        legend={t('personView.checkIn.question', { service: a.serviceName })}
        options={CHECK_IN_ANSWERS.map((v) => ({ value: v, label: labels[v] }))}
      />
      <TextArea i18n={i18n} id={`words-${a.id}`} name="words" label={t('personView.checkIn.words')} maxlength={MAX_FEEDBACK_LENGTH} />
      <button type="submit">{t('personView.send')}</button>
    </form>
  );
}

function Feedback({ i18n, a }: { i18n: I18n; a: MyAttempt }) {
  const { t } = i18n;
  return (
    <details>
      <summary>{t('personView.feedback.heading', { service: a.serviceName })}</summary>
      <form method="post" action={`/my/feedback/${a.id}`} novalidate>
        <ChoiceRadios
          i18n={i18n}
          id={`rating-${a.id}`}
          name="rating"
          legend={t('personView.feedback.rating')}
          options={[5, 4, 3, 2, 1].map((n) => ({ value: String(n), label: t(k(`personView.feedback.rating${n}`)) }))}
        />
        <TextArea
          i18n={i18n}
          id={`comment-${a.id}`}
          name="comment"
          label={t('personView.feedback.comment')}
          maxlength={MAX_FEEDBACK_LENGTH}
        />
        <ChoiceCheckbox
          id={`anonymous-${a.id}`}
          name="anonymous"
          label={t('personView.feedback.anonymous')}
          hint={t('personView.feedback.anonymousHint')}
        />
        <button type="submit">{t('personView.send')}</button>
      </form>
    </details>
  );
}

function Contact({ i18n, view }: { i18n: I18n; view: MyView }) {
  const { t } = i18n;
  const c = view.contact;
  const yn = (b: boolean | null) => (b === null ? 'unsure' : b ? 'yes' : 'no');
  const ynOptions = ['yes', 'no', 'unsure'].map((v) => ({ value: v, label: t(k(`personView.answer.${v}`)) }));
  return (
    <section id="contact">
      <h2>{t('personView.contact.heading')}</h2>
      <form method="post" action="/my/contact" novalidate>
        <ChoiceRadios
          i18n={i18n}
          id="method"
          name="method"
          legend={t('personView.contact.method')}
          value={c.method ?? undefined}
          options={CONTACT_METHODS.map((m) => ({ value: m, label: t(k(`personView.contact.method.${m}`)) }))}
        />
        <fieldset class="field">
          <legend>{t('personView.contact.ways')}</legend>
          {CONTACT_WAYS.map((w) => (
            <label class="cb" for={`way-${w}`}>
              <input type="checkbox" id={`way-${w}`} name="ways" value={w} checked={c.ways.includes(w)} />
              <span>{t(k(`personView.contact.way.${w}`))}</span>
            </label>
          ))}
        </fieldset>
        <ChoiceRadios
          i18n={i18n}
          id="safeToCall"
          name="safeToCall"
          legend={t('personView.contact.safeToCall')}
          value={yn(c.safeToCall)}
          options={ynOptions}
        />
        <ChoiceRadios
          i18n={i18n}
          id="safeToText"
          name="safeToText"
          legend={t('personView.contact.safeToText')}
          value={yn(c.safeToText)}
          options={ynOptions}
        />
        <ChoiceRadios
          i18n={i18n}
          id="safeToLeaveMessage"
          name="safeToLeaveMessage"
          legend={t('personView.contact.safeToLeaveMessage')}
          value={yn(c.safeToLeaveMessage)}
          options={ynOptions}
        />
        <button type="submit">{t('personView.contact.submit')}</button>
      </form>
    </section>
  );
}

export function HomePage({
  i18n,
  view,
  plan,
  notice,
  extra = [],
}: {
  i18n: I18n;
  view: MyView;
  plan: Plan | null;
  notice: string | null;
  /** Sections other modules add (see my-session.service.ts). */
  extra?: Child[];
}) {
  const { t } = i18n;
  return (
    <MyPage i18n={i18n} title={t('personView.home.title')} signedIn>
      {notice && (
        <div class="note" role="status">
          {notice}
        </div>
      )}
      <h1>{t('personView.home.hello', { name: view.name })}</h1>
      <section id="referrals">
        <h2>{t('personView.referrals.heading')}</h2>
        {view.referrals.length === 0 && <p>{t('personView.referrals.none')}</p>}
        {view.referrals.map((r) => (
          <article class="referral">
            <h3>{t('personView.referrals.for', { need: r.need })}</h3>
            <ul>
              {r.attempts.map((a) => (
                <li>
                  <strong>{a.serviceName}</strong>: {t(personStateKey(a.state, a.declineReason))}
                </li>
              ))}
            </ul>
            <Support i18n={i18n} r={r} attempts={r.attempts.filter((a) => a.state !== 'redirected' && a.state !== 'withdrawn')} />
            {r.attempts
              .filter((a) => a.askCheckIn)
              .map((a) => (
                <CheckIn i18n={i18n} a={a} />
              ))}
            {r.attempts
              .filter((a) => a.canGiveFeedback)
              .map((a) => (
                <Feedback i18n={i18n} a={a} />
              ))}
          </article>
        ))}
      </section>
      <section id="plan">
        {plan ? (
          <article class="plan">
            <h2>{plan.title}</h2>
            <p class="lead">{plan.subtitle}</p>
            <PlanSections i18n={i18n} plan={plan} level={3} />
          </article>
        ) : (
          <p>{t('personView.plan.none')}</p>
        )}
      </section>
      <p>
        <a href="/rights">{t('rights.title')}</a>
      </p>
      {extra}
      <Contact i18n={i18n} view={view} />
    </MyPage>
  );
}

/** The slip the connector prints: in the person's language, with the code and PIN shown once. */
export function Slip({ i18n, url, code, pin, expiresAt }: { i18n: I18n; url: string; code: string; pin: string; expiresAt: Date }) {
  const { t } = i18n;
  return (
    <section class="slip" lang={i18n.locale} dir={i18n.dir}>
      <h2>{t('personView.slip.title')}</h2>
      <p>{t('personView.slip.where', { url })}</p>
      <dl>
        <dt>{t('personView.signIn.code')}</dt>
        <dd>
          <code dir="ltr">{groupCode(code)}</code>
        </dd>
        <dt>{t('personView.signIn.pin')}</dt>
        <dd>
          <code dir="ltr">{pin}</code>
        </dd>
      </dl>
      <p>{t('personView.slip.expires', { date: i18n.formatDate(expiresAt) })}</p>
      <p>{t('personView.slip.private')}</p>
    </section>
  );
}
