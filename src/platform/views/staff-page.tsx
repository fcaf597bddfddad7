/**
 * The frame of every staff page: the site Layout without the language
 * switcher (staff words are English first; see staff-catalogue.ts), with who
 * is signed in, their organisation and a sign-out button in the header, and
 * the staff navigation — showing only what the policy lets this person do.
 *
 * Also: the translation kit for staff pages, one-time notices (`?done=`),
 * and the error pages (403 "no access", 404) staff routes show.
 */
import { staffDestinations } from './staff-destinations.ts';
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import { AccessDenied } from '../auth/access.ts';
import type { Actor } from '../auth/actor.ts';
import { DomainError } from '../http/errors.ts';
import { createI18n, type I18n } from '../i18n/i18n.ts';
import { hasStaffCatalogue, type StaffKey } from '../i18n/staff-catalogue.ts';
import { ErrorSummary, type FieldProblem } from './error-summary.tsx';
import { Layout, page } from './layout.tsx';
import { ButtonForm } from './staff-forms.tsx';

/** The kit for staff pages: the person's language when staff pages have it, else English. */
export function staffI18n(c: Context): I18n {
  const i18n = c.get('i18n');
  return i18n && hasStaffCatalogue(i18n.locale) ? i18n : createI18n('en');
}

/** The props every view of a signed-in staff page takes. */
export interface StaffViewBase {
  i18n: I18n;
  csrf: string;
  actor: Actor;
  problems?: FieldProblem[];
  /** A one-time message about what just happened. */
  notice?: string | null;
}

export interface StaffPageProps {
  i18n: I18n;
  actor: Actor | null;
  csrf: string;
  title: string;
  problems?: readonly FieldProblem[];
  /** A one-time message about what just happened. */
  notice?: string | null;
  children: Child;
}

function StaffNav({ i18n, actor }: { i18n: I18n; actor: Actor }) {
  const s = i18n.staff;
  const links: [string, string][] = [
    ['/staff', s('nav.home')],
    ...staffDestinations(actor).map((d): [string, string] => [d.href, s(d.nav)]),
  ];
  return (
    <nav class="staff-nav" aria-label={s('nav.label')}>
      <ul>
        {links.map(([href, label]) => (
          <li>
            <a href={href}>{label}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function StaffPage({ i18n, actor, csrf, title, problems = [], notice, children }: StaffPageProps) {
  const s = i18n.staff;
  const header = actor ? (
    <div class="who">
      <span>
        {s('header.signedInAs', { name: actor.name })}
        <span class="org">{actor.organisationName}</span>
      </span>
      <ButtonForm action="/staff/sign-out" csrf={csrf} label={s('header.signOut')} variant="secondary" />
    </div>
  ) : (
    <span class="who">{s('header.staffArea')}</span>
  );
  return (
    <Layout
      i18n={i18n}
      title={title}
      hasErrors={problems.length > 0}
      showLanguages={false}
      headerEnd={header}
      homeHref="/staff"
      stylesheets={['staff.css']}
    >
      {actor && <StaffNav i18n={i18n} actor={actor} />}
      {problems.length > 0 && <ErrorSummary i18n={i18n} problems={problems} />}
      {notice && (
        <div class="note" role="status">
          {notice}
        </div>
      )}
      {children}
    </Layout>
  );
}

/** Renders a staff page for a route, with its status (and a last change to the whole page, when given). */
export async function staffHtml(
  c: Context,
  node: ReturnType<typeof StaffPage>,
  status: 200 | 400 | 401 | 403 | 404 | 409 | 410 | 429 = 200,
  finish?: (html: string) => string,
) {
  const html = await page(node);
  return c.html(finish ? finish(html) : html, status);
}

/** One-time notices a redirect can ask for with `?done=<name>`; anything else is ignored. */
const NOTICES = {
  signedOut: 'notice.signedOut',
  signedOutEverywhere: 'notice.signedOutEverywhere',
  passwordChanged: 'notice.passwordChanged',
  twoStepOn: 'notice.twoStepOn',
  twoStepOff: 'notice.twoStepOff',
  organisationCreated: 'notice.organisationCreated',
  organisationUpdated: 'notice.organisationUpdated',
  organisationSuspended: 'notice.organisationSuspended',
  organisationReinstated: 'notice.organisationReinstated',
  listingLinked: 'notice.listingLinked',
  listingUnlinked: 'notice.listingUnlinked',
  invitationRevoked: 'notice.invitationRevoked',
  accountSuspended: 'notice.accountSuspended',
  accountReinstated: 'notice.accountReinstated',
  roleChanged: 'notice.roleChanged',
  welcome: 'notice.welcome',
} as const satisfies Record<string, StaffKey>;

export function noticeFor(i18n: I18n, done: string | undefined): string | null {
  if (!done || !Object.hasOwn(NOTICES, done)) return null;
  return i18n.staff(NOTICES[done as keyof typeof NOTICES]);
}

/** Error pages for staff routes: "no access" (403) and "not found" (404); anything else goes to the app's handler. */
export function staffErrorHandler(err: Error, c: Context): Response | Promise<Response> {
  const i18n = staffI18n(c);
  const s = i18n.staff;
  const actor = c.get('actor') ?? null;
  const csrf = c.get('csrfToken') ?? '';
  c.header('Cache-Control', 'no-store');
  if (err instanceof AccessDenied) {
    return staffHtml(
      c,
      <StaffPage i18n={i18n} actor={actor} csrf={csrf} title={s('error.forbiddenTitle')}>
        <h1>{s('error.forbiddenTitle')}</h1>
        <p>{s('error.forbiddenBody')}</p>
        <p>
          <a href="/staff">{s('error.backHome')}</a>
        </p>
      </StaffPage>,
      403,
    );
  }
  if (err instanceof DomainError && err.code === 'NotFound') {
    return staffHtml(
      c,
      <StaffPage i18n={i18n} actor={actor} csrf={csrf} title={s('error.notFoundTitle')}>
        <h1>{s('error.notFoundTitle')}</h1>
        <p>{s('error.notFoundBody')}</p>
        <p>
          <a href="/staff">{s('error.backHome')}</a>
        </p>
      </StaffPage>,
      404,
    );
  }
  throw err;
}

/** A string field from a parsed form body ("" when missing). */
export function field(body: Record<string, unknown>, name: string): string {
  const v = body[name];
  return typeof v === 'string' ? v : '';
}

/** Where links in messages point: PUBLIC_URL when set, else this request's origin. */
export function linkBase(c: Context, publicUrl: string | undefined): string {
  return (publicUrl ?? new URL(c.req.url).origin).replace(/\/+$/, '');
}

/** A local path to go back to after signing in; anything else becomes /staff. */
export function safeNext(next: string | undefined | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/staff';
  if (!/^\/(staff|admin)(\/|$|\?)/.test(next)) return '/staff';
  return next;
}
