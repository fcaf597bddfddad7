/**
 * Pages for signing in and looking after one's own account: sign-in, the
 * two-step code, accepting an invitation, setting a password from a reset
 * link, the staff home page, the account page, changing the password and
 * setting up two-step sign-in. Plain server-rendered forms; no JavaScript.
 */
import { staffDestinations } from '../../platform/views/staff-destinations.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { MIN_PASSWORD_LENGTH } from '../../platform/auth/password.ts';
import { formatSecret } from '../../platform/auth/totp.ts';
import type { StaffRole } from '../../platform/db/schema.ts';
import type { I18n } from '../../platform/i18n/i18n.ts';
import type { FieldProblem } from '../../platform/views/error-summary.tsx';
import type { AccountSummary } from './account.service.ts';
import { ButtonForm, PostForm, TextField } from '../../platform/views/staff-forms.tsx';
import { StaffPage } from '../../platform/views/staff-page.tsx';

const errorFor = (problems: readonly FieldProblem[], id: string) => problems.find((p) => p.field === id)?.message;

export const roleLabel = (i18n: I18n, role: StaffRole, manager = false): string =>
  manager ? i18n.staff('role.withManager', { role: i18n.staff(`role.${role}`) }) : i18n.staff(`role.${role}`);

interface Base {
  i18n: I18n;
  csrf: string;
  problems?: FieldProblem[];
  notice?: string | null;
}

export function SignInPage({ i18n, csrf, problems = [], notice, email = '', next }: Base & { email?: string; next: string }) {
  const s = i18n.staff;
  return (
    <StaffPage i18n={i18n} actor={null} csrf={csrf} title={s('signIn.title')} problems={problems} notice={notice}>
      <h1>{s('signIn.title')}</h1>
      <p>{s('signIn.intro')}</p>
      <PostForm action="/staff/sign-in" csrf={csrf}>
        <input type="hidden" name="next" value={next} />
        <TextField
          i18n={i18n}
          id="email"
          label={s('field.email')}
          type="email"
          autocomplete="username"
          value={email}
          error={errorFor(problems, 'email')}
        />
        <TextField
          i18n={i18n}
          id="password"
          label={s('field.password')}
          type="password"
          autocomplete="current-password"
          error={errorFor(problems, 'password')}
        />
        <button type="submit">{s('signIn.button')}</button>
      </PostForm>
      <h2>{s('signIn.helpTitle')}</h2>
      <p>{s('signIn.forgotten')}</p>
    </StaffPage>
  );
}

export function TwoStepCodePage({ i18n, csrf, problems = [], next }: Base & { next: string }) {
  const s = i18n.staff;
  return (
    <StaffPage i18n={i18n} actor={null} csrf={csrf} title={s('twoStepCode.title')} problems={problems}>
      <h1>{s('twoStepCode.title')}</h1>
      <PostForm action="/staff/sign-in/code" csrf={csrf}>
        <input type="hidden" name="next" value={next} />
        <TextField
          i18n={i18n}
          id="code"
          label={s('field.code')}
          hint={s('twoStepCode.hint')}
          inputmode="numeric"
          autocomplete="one-time-code"
          size="short"
          maxlength={9}
          error={errorFor(problems, 'code')}
        />
        <button type="submit">{s('twoStepCode.button')}</button>
      </PostForm>
      <p>{s('twoStepCode.lostPhone')}</p>
    </StaffPage>
  );
}

/** A one-time link that cannot be used (unknown, used, expired, organisation suspended). */
export function LinkProblemPage({ i18n, csrf, why }: Base & { why: 'unknown' | 'used' | 'expired' | 'suspended' }) {
  const s = i18n.staff;
  return (
    <StaffPage i18n={i18n} actor={null} csrf={csrf} title={s('link.problemTitle')}>
      <h1>{s('link.problemTitle')}</h1>
      <p>{s(`link.${why}`)}</p>
      <p>{s('link.askAgain')}</p>
      <p>
        <a href="/staff/sign-in">{s('link.toSignIn')}</a>
      </p>
    </StaffPage>
  );
}

function PasswordFields({ i18n, problems }: { i18n: I18n; problems: readonly FieldProblem[] }) {
  const s = i18n.staff;
  return (
    <>
      <TextField
        i18n={i18n}
        id="password"
        label={s('field.newPassword')}
        hint={s('field.newPasswordHint', { min: MIN_PASSWORD_LENGTH })}
        type="password"
        autocomplete="new-password"
        error={errorFor(problems, 'password')}
      />
      <TextField
        i18n={i18n}
        id="confirm"
        label={s('field.confirmPassword')}
        type="password"
        autocomplete="new-password"
        error={errorFor(problems, 'confirm')}
      />
    </>
  );
}

export function InvitationPage({
  i18n,
  csrf,
  problems = [],
  token,
  email,
  role,
  organisationName,
  name = '',
}: Base & { token: string; email: string; role: StaffRole; organisationName: string; name?: string }) {
  const s = i18n.staff;
  return (
    <StaffPage i18n={i18n} actor={null} csrf={csrf} title={s('invitation.title')} problems={problems}>
      <h1>{s('invitation.title')}</h1>
      <p>{s('invitation.intro', { organisation: organisationName, role: roleLabel(i18n, role) })}</p>
      <dl class="summary">
        <dt>{s('field.email')}</dt>
        <dd>{email}</dd>
        <dt>{s('field.organisation')}</dt>
        <dd>{organisationName}</dd>
      </dl>
      <PostForm action={`/staff/invitation/${token}`} csrf={csrf}>
        <TextField
          i18n={i18n}
          id="name"
          label={s('field.name')}
          hint={s('field.nameHint')}
          autocomplete="name"
          value={name}
          maxlength={100}
          error={errorFor(problems, 'name')}
        />
        <PasswordFields i18n={i18n} problems={problems} />
        <button type="submit">{s('invitation.button')}</button>
      </PostForm>
    </StaffPage>
  );
}

export function ResetPage({
  i18n,
  csrf,
  problems = [],
  token,
  email,
  first,
  clearsTwoStep,
}: Base & { token: string; email: string; first: boolean; clearsTwoStep: boolean }) {
  const s = i18n.staff;
  const title = first ? s('reset.titleFirst') : s('reset.title');
  return (
    <StaffPage i18n={i18n} actor={null} csrf={csrf} title={title} problems={problems}>
      <h1>{title}</h1>
      <p>{s('reset.intro', { email })}</p>
      {!first && <p>{s('reset.signsOutEverywhere')}</p>}
      {clearsTwoStep && <p>{s('reset.clearsTwoStep')}</p>}
      <PostForm action={`/staff/reset/${token}`} csrf={csrf}>
        <PasswordFields i18n={i18n} problems={problems} />
        <button type="submit">{s('reset.button')}</button>
      </PostForm>
    </StaffPage>
  );
}

export function StaffHomePage({ i18n, csrf, actor, notice }: Base & { actor: Actor }) {
  const s = i18n.staff;
  const items = staffDestinations(actor).map((d): [string, string, string] => [d.href, s(d.tile), s(d.hint)]);
  return (
    <StaffPage i18n={i18n} actor={actor} csrf={csrf} title={s('home.title')} notice={notice}>
      <h1>{s('home.greeting', { name: actor.name })}</h1>
      <p class="lead">{s('home.youAre', { role: roleLabel(i18n, actor.role, actor.manager), organisation: actor.organisationName })}</p>
      {!actor.twoStep && (
        <p class="callout">
          {s('home.twoStepSuggestion')} <a href="/staff/account/two-step">{s('home.twoStepLink')}</a>
        </p>
      )}
      <ul class="tiles">
        {items.map(([href, label, hint]) => (
          <li>
            <a href={href}>{label}</a>
            <p class="hint">{hint}</p>
          </li>
        ))}
      </ul>
    </StaffPage>
  );
}

export function AccountPage({ i18n, csrf, actor, summary, notice }: Base & { actor: Actor; summary: AccountSummary }) {
  const s = i18n.staff;
  return (
    <StaffPage i18n={i18n} actor={actor} csrf={csrf} title={s('account.title')} notice={notice}>
      <h1>{s('account.title')}</h1>
      <dl class="summary">
        <dt>{s('field.name')}</dt>
        <dd>{summary.name}</dd>
        <dt>{s('field.email')}</dt>
        <dd>{summary.email}</dd>
        <dt>{s('field.organisation')}</dt>
        <dd>{summary.organisationName}</dd>
        <dt>{s('field.role')}</dt>
        <dd>{roleLabel(i18n, actor.role, summary.manager)}</dd>
        <dt>{s('account.twoStep')}</dt>
        <dd>
          {summary.twoStep ? s('account.twoStepOn') : s('account.twoStepOff')}{' '}
          <a href="/staff/account/two-step">{s('account.twoStepChange')}</a>
        </dd>
        <dt>{s('account.lastSignIn')}</dt>
        <dd>{summary.lastSignInAt ? i18n.formatDate(summary.lastSignInAt, { dateStyle: 'medium', timeStyle: 'short' }) : '—'}</dd>
      </dl>
      <p>
        <a href="/staff/account/password">{s('account.changePassword')}</a>
      </p>
      <h2>{s('account.sessionsTitle')}</h2>
      <p>{s('account.sessions', { count: summary.liveSessions })}</p>
      <ButtonForm action="/staff/account/sign-out-everywhere" csrf={csrf} label={s('account.signOutEverywhere')} variant="warning" />
    </StaffPage>
  );
}

export function ChangePasswordPage({ i18n, csrf, actor, problems = [] }: Base & { actor: Actor }) {
  const s = i18n.staff;
  return (
    <StaffPage i18n={i18n} actor={actor} csrf={csrf} title={s('password.title')} problems={problems}>
      <h1>{s('password.title')}</h1>
      <p>{s('password.intro')}</p>
      <PostForm action="/staff/account/password" csrf={csrf}>
        <TextField
          i18n={i18n}
          id="current"
          label={s('field.currentPassword')}
          type="password"
          autocomplete="current-password"
          error={errorFor(problems, 'current')}
        />
        <PasswordFields i18n={i18n} problems={problems} />
        <button type="submit">{s('password.button')}</button>
      </PostForm>
      <p>
        <a href="/staff/account">{s('common.cancel')}</a>
      </p>
    </StaffPage>
  );
}

export function TwoStepSetupPage({ i18n, csrf, actor, problems = [], secret, uri }: Base & { actor: Actor; secret: string; uri: string }) {
  const s = i18n.staff;
  return (
    <StaffPage i18n={i18n} actor={actor} csrf={csrf} title={s('twoStep.title')} problems={problems}>
      <h1>{s('twoStep.title')}</h1>
      <p>{s('twoStep.intro')}</p>
      <h2>{s('twoStep.step1')}</h2>
      <p>{s('twoStep.step1Body')}</p>
      <p>
        {s('twoStep.secretLabel')} <code class="secret">{formatSecret(secret)}</code>
      </p>
      <p>
        <a href={uri}>{s('twoStep.openInApp')}</a>
      </p>
      <h2>{s('twoStep.step2')}</h2>
      <PostForm action="/staff/account/two-step" csrf={csrf}>
        <TextField
          i18n={i18n}
          id="code"
          label={s('field.code')}
          hint={s('twoStep.codeHint')}
          inputmode="numeric"
          autocomplete="one-time-code"
          size="short"
          maxlength={9}
          error={errorFor(problems, 'code')}
        />
        <button type="submit">{s('twoStep.button')}</button>
      </PostForm>
      <p>
        <a href="/staff/account">{s('common.cancel')}</a>
      </p>
    </StaffPage>
  );
}

export function TwoStepOnPage({ i18n, csrf, actor, problems = [], notice }: Base & { actor: Actor }) {
  const s = i18n.staff;
  return (
    <StaffPage i18n={i18n} actor={actor} csrf={csrf} title={s('twoStep.onTitle')} problems={problems} notice={notice}>
      <h1>{s('twoStep.onTitle')}</h1>
      <p>{s('twoStep.onBody')}</p>
      <h2>{s('twoStep.offTitle')}</h2>
      <p>{s('twoStep.offBody')}</p>
      <PostForm action="/staff/account/two-step/off" csrf={csrf}>
        <TextField
          i18n={i18n}
          id="password"
          label={s('field.currentPassword')}
          type="password"
          autocomplete="current-password"
          error={errorFor(problems, 'password')}
        />
        <button type="submit" class="warning">
          {s('twoStep.offButton')}
        </button>
      </PostForm>
    </StaffPage>
  );
}
