/**
 * The frame of the pages a connector shows the person: the page is in the
 * PERSON's language (so the screen can be turned round; right-to-left where
 * the language is), while the staff parts — who is signed in, sign out, back
 * to the record — stay in staff words, marked with their own language and
 * direction.
 */
import type { Child } from 'hono/jsx';
import type { Actor } from '../../platform/auth/actor.ts';
import type { I18n } from '../../platform/i18n/i18n.ts';
import { ErrorSummary, type FieldProblem } from '../../platform/views/error-summary.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import { ButtonForm } from '../../platform/views/staff-forms.tsx';

export interface FrameProps {
  /** The person's language kit. */
  i18n: I18n;
  /** The staff language kit (English for now). */
  staff: I18n;
  actor: Actor;
  csrf: string;
  title: string;
  personId: string;
  personName: string;
  problems?: readonly FieldProblem[];
  /** The switch to show the connector's language beside the person's (staff words). */
  languages?: { href: string; label: string } | undefined;
  children: Child;
}

export function ConversationFrame(p: FrameProps) {
  const s = p.staff.staff;
  const header = (
    <div class="who noprint" lang={p.staff.locale} dir={p.staff.dir}>
      <span>
        {s('header.signedInAs', { name: p.actor.name })}
        <span class="org">{p.actor.organisationName}</span>
      </span>
      <ButtonForm action="/staff/sign-out" csrf={p.csrf} label={s('header.signOut')} variant="secondary" />
    </div>
  );
  return (
    <Layout
      i18n={p.i18n}
      title={p.title}
      hasErrors={(p.problems?.length ?? 0) > 0}
      showLanguages={false}
      headerEnd={header}
      homeHref="/staff"
      stylesheets={['staff.css']}
    >
      <p class="noprint" lang={p.staff.locale} dir={p.staff.dir}>
        <a href={`/staff/people/${p.personId}`}>{s('conversation.backToRecord', { name: p.personName })}</a>
        {p.languages && (
          <>
            {' · '}
            <a href={p.languages.href} id="both-languages">
              {p.languages.label}
            </a>
          </>
        )}
      </p>
      <p class="crisis-link noprint">
        <a href={`/staff/people/${p.personId}/crisis?from=conversation`}>{p.i18n.t('crisis.link')}</a>
      </p>
      {p.problems && p.problems.length > 0 && <ErrorSummary i18n={p.i18n} problems={p.problems} />}
      {p.children}
    </Layout>
  );
}
