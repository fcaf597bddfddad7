/**
 * The page a group with no account opens from its link (ADR 8): in plain
 * words, only what the person agreed to share, who referred and how to reach
 * them, where it stands, the steps the group can record now, and a way to
 * stop these messages. No account, no staff navigation. Refused links get a
 * page that says why, in plain words.
 */
import type { I18n } from '../../platform/i18n/i18n.ts';
import type { StaffKey } from '../../platform/i18n/staff-catalogue.ts';
import type { FieldProblem } from '../../platform/views/error-summary.tsx';
import { ErrorSummary } from '../../platform/views/error-summary.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import { PostForm } from '../../platform/views/staff-forms.tsx';
import type { Child } from 'hono/jsx';
import type { GroupPage } from './group-link.service.ts';
import type { LinkProblem } from './group-link.ts';
import { dayText, EventForm, eventsFor, History, NextStepLine, SharedFields, StateTag } from './referral-parts.tsx';
import type { AttemptState } from './referral-states.ts';

function Frame({ i18n, title, problems = [], children }: { i18n: I18n; title: string; problems?: FieldProblem[]; children: Child }) {
  return (
    <Layout i18n={i18n} title={title} hasErrors={problems.length > 0} showLanguages={false} stylesheets={['staff.css']}>
      {problems.length > 0 && <ErrorSummary i18n={i18n} problems={problems} />}
      {children}
    </Layout>
  );
}

export function GroupLinkPage({
  i18n,
  token,
  p,
  notice,
  problems = [],
  used,
}: {
  i18n: I18n;
  token: string;
  p: GroupPage;
  notice?: string | null;
  problems?: FieldProblem[];
  /** The form sent was already used (or the page was old): nothing changed. */
  used?: boolean;
}) {
  const s = i18n.staff;
  const a = p.attempt;
  const base = `/group-referral/${token}`;
  const actions = eventsFor(a.state, 'recipient', p.events_allowed);
  return (
    <Frame i18n={i18n} title={s('referrals.groupPage.title', { service: a.serviceName })} problems={problems}>
      {notice && (
        <div class="note" role="status">
          {notice}
        </div>
      )}
      {used && (
        <div class="note warn" role="alert">
          <p>
            <strong>{s('referrals.groupLink.usedTitle')}</strong>
          </p>
          <p>{s('referrals.groupLink.used')}</p>
        </div>
      )}
      <h1>
        {s('referrals.groupPage.title', { service: a.serviceName })} <StateTag i18n={i18n} state={a.state} />
      </h1>
      <p>{s('referrals.groupPage.intro', { connector: p.referrer.name, organisation: p.referrer.organisation, service: a.serviceName })}</p>
      <p class="hint">{s('referrals.groupPage.private', { date: dayText(i18n, p.expiresAt.toISOString().slice(0, 10)) })}</p>
      <h2>{s('referrals.groupPage.contact')}</h2>
      <p>
        <span dir="auto">{p.referrer.name}</span>, <span dir="auto">{p.referrer.organisation}</span> —{' '}
        <a href={`mailto:${p.referrer.email}`}>{p.referrer.email}</a>
      </p>
      <h2>{s('referrals.groupPage.shared')}</h2>
      {p.consentWithdrawn ? (
        <p class="note warn">{s('referrals.inbox.consentWithdrawn')}</p>
      ) : (
        <SharedFields i18n={i18n} shared={p.shared} />
      )}
      <h2>{s('referrals.groupPage.status')}</h2>
      <NextStepLine i18n={i18n} next={a.next} />
      <h2>{s('referrals.groupPage.actions')}</h2>
      {actions.length === 0 && <p>{s('referrals.groupPage.noActions')}</p>}
      {actions.map((ev) => (
        <EventForm i18n={i18n} csrf={p.nonce} action={`${base}/${ev}`} event={ev} version={a.version} problems={problems} />
      ))}
      <h2>{s('referrals.groupPage.history')}</h2>
      <History i18n={i18n} events={p.events} />
      <section aria-labelledby="stop" class="event-form">
        <h2 id="stop">{s('referrals.groupPage.stopHeading')}</h2>
        {p.optedOut ? (
          <p>{s('referrals.groupPage.alreadyStopped')}</p>
        ) : (
          <>
            <p class="hint">{s('referrals.groupPage.stopHint')}</p>
            <PostForm action={`${base}/opt-out`} csrf={p.nonce}>
              <button type="submit" class="secondary">
                {s('referrals.groupPage.stopButton')}
              </button>
            </PostForm>
          </>
        )}
      </section>
    </Frame>
  );
}

export function GroupLinkRefused({ i18n, problem }: { i18n: I18n; problem: LinkProblem }) {
  const s = i18n.staff;
  return (
    <Frame i18n={i18n} title={s('referrals.groupLink.refusedTitle')}>
      <h1>{s('referrals.groupLink.refusedTitle')}</h1>
      <p>{s(`referrals.groupLink.${problem}` as StaffKey)}</p>
    </Frame>
  );
}

/** After the group's own step closed the referral (e.g. they declined): thanks, and nothing personal. */
export function GroupLinkClosedDone({ i18n, serviceName, state }: { i18n: I18n; serviceName: string; state: AttemptState }) {
  const s = i18n.staff;
  return (
    <Frame i18n={i18n} title={s('referrals.groupPage.title', { service: serviceName })}>
      <h1>{s('referrals.groupPage.title', { service: serviceName })}</h1>
      <p>{s('referrals.groupPage.closedDone', { state: s(`referrals.staffState.${state}` as StaffKey) })}</p>
    </Frame>
  );
}
