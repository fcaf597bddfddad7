/**
 * Pages for looking after partner organisations and their staff: the list,
 * adding one, one organisation (its details, linked listings, staff,
 * invitations, suspension), a member of staff (role, suspension, reset link,
 * and who has looked at or changed their record), and the pages that show a
 * freshly made one-time link to pass on. Buttons appear only when the policy
 * allows the action; the services check again regardless.
 */
import { can } from '../../platform/auth/policy.ts';
import type { AuditRow } from '../../platform/audit/audit.repository.ts';
import type { StaffOrganisationKind } from '../../platform/db/schema.ts';
import type { I18n } from '../../platform/i18n/i18n.ts';
import type { FieldProblem } from '../../platform/views/error-summary.tsx';
import { roleLabel } from '../accounts/accounts.views.tsx';
import { ButtonForm, Checkbox, PostForm, Radios, TextArea, TextField } from '../../platform/views/staff-forms.tsx';
import { StaffPage, type StaffViewBase } from '../../platform/views/staff-page.tsx';
import { AuditTable } from '../admin/audit.views.tsx';
import type { OrganisationDetail, OrganisationSummary } from './organisations.service.ts';
import { canManageListings, ORGANISATION_KINDS, rolesFor } from './roles.ts';
import type { IssuedLink, OpenInvitation, StaffMember } from './staff.service.ts';
import { scrollRegion } from '../../platform/views/scroll-region.ts';

const errorFor = (problems: readonly FieldProblem[], id: string) =>
  problems.find((p) => p.field === id || p.field.startsWith(`${id}-`))?.message;

const kindLabel = (i18n: I18n, kind: StaffOrganisationKind) => i18n.staff(`kind.${kind}`);
const shortDate = (i18n: I18n, d: Date) => i18n.formatDate(d, { dateStyle: 'medium', timeStyle: 'short' });

function KindRadios({ i18n, value, error }: { i18n: I18n; value?: string; error?: string }) {
  const s = i18n.staff;
  return (
    <Radios
      i18n={i18n}
      id="kind"
      name="kind"
      legend={s('organisation.kind')}
      error={error}
      value={value}
      options={ORGANISATION_KINDS.map((k) => ({ value: k, label: kindLabel(i18n, k), hint: s(`kind.${k}Hint`) }))}
    />
  );
}

export function OrganisationsListPage({
  i18n,
  csrf,
  actor,
  notice,
  organisations,
}: StaffViewBase & { organisations: OrganisationSummary[] }) {
  const s = i18n.staff;
  return (
    <StaffPage i18n={i18n} actor={actor} csrf={csrf} title={s('organisations.title')} notice={notice}>
      <h1>{s('organisations.title')}</h1>
      {can(actor, 'organisation.create') && (
        <p>
          <a class="button" href="/staff/organisations/new">
            {s('organisations.add')}
          </a>
        </p>
      )}
      <div {...scrollRegion(s('organisations.title'))}>
        <table>
          <caption class="vh">{s('organisations.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{s('field.name')}</th>
              <th scope="col">{s('organisation.kind')}</th>
              <th scope="col">{s('organisations.staff')}</th>
              <th scope="col">{s('organisations.listings')}</th>
              <th scope="col">{s('organisations.status')}</th>
            </tr>
          </thead>
          <tbody>
            {organisations.map((o) => (
              <tr>
                <td>
                  <a href={`/staff/organisations/${o.id}`}>{o.name}</a>
                  {o.operator && <span class="tag">{s('organisation.operatorTag')}</span>}
                </td>
                <td>{kindLabel(i18n, o.kind)}</td>
                <td>{i18n.formatNumber(o.staffCount)}</td>
                <td>{i18n.formatNumber(o.listingCount)}</td>
                <td>{o.suspendedAt ? <strong class="tag warn">{s('status.suspended')}</strong> : s('status.active')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </StaffPage>
  );
}

export function NewOrganisationPage({
  i18n,
  csrf,
  actor,
  problems = [],
  name = '',
  kind,
}: StaffViewBase & { name?: string; kind?: string }) {
  const s = i18n.staff;
  return (
    <StaffPage i18n={i18n} actor={actor} csrf={csrf} title={s('organisations.add')} problems={problems}>
      <h1>{s('organisations.add')}</h1>
      <PostForm action="/staff/organisations" csrf={csrf}>
        <TextField i18n={i18n} id="name" label={s('organisation.name')} value={name} maxlength={120} error={errorFor(problems, 'name')} />
        <KindRadios i18n={i18n} value={kind} error={errorFor(problems, 'kind')} />
        <button type="submit">{s('organisations.addButton')}</button>
      </PostForm>
      <p>
        <a href="/staff/organisations">{s('common.cancel')}</a>
      </p>
    </StaffPage>
  );
}

export interface OrganisationPageProps extends StaffViewBase {
  org: OrganisationDetail;
  staff: { staff: StaffMember[]; invitations: OpenInvitation[] } | null;
  /** Directory search results for linking listings (administrators). */
  search?: { query: string; results: { id: string; name: string }[] } | null;
  form?: { name?: string; kind?: string; email?: string; role?: string; manager?: boolean; reason?: string };
}

export function OrganisationPage({ i18n, csrf, actor, problems = [], notice, org, staff, search, form = {} }: OrganisationPageProps) {
  const s = i18n.staff;
  const base = `/staff/organisations/${org.id}`;
  const mayUpdate = can(actor, 'organisation.update', { organisationId: org.id });
  const maySuspend = can(actor, 'organisation.suspend', { organisationId: org.id }) && !org.operator;
  const givable = rolesFor(org).filter((role) => can(actor, 'staff.invite', { organisationId: org.id, role, manager: false }));
  const mayGiveManager = can(actor, 'staff.invite', { organisationId: org.id, role: givable[0] ?? 'volunteer', manager: true });
  return (
    <StaffPage i18n={i18n} actor={actor} csrf={csrf} title={org.name} problems={problems} notice={notice}>
      <h1>
        {org.name}
        {org.suspendedAt && <strong class="tag warn">{s('status.suspended')}</strong>}
      </h1>
      <dl class="summary">
        <dt>{s('organisation.kind')}</dt>
        <dd>
          {kindLabel(i18n, org.kind)}
          {org.operator && ` · ${s('organisation.operatorTag')}`}
        </dd>
        <dt>{s('organisation.created')}</dt>
        <dd>{i18n.formatDate(org.createdAt)}</dd>
        {org.suspendedAt && (
          <>
            <dt>{s('organisation.suspendedSince')}</dt>
            <dd>{shortDate(i18n, org.suspendedAt)}</dd>
          </>
        )}
      </dl>

      {canManageListings(org.kind) && (
        <section aria-labelledby="listings-title">
          <h2 id="listings-title">{s('organisation.listingsTitle')}</h2>
          <p>{s('organisation.listingsIntro')}</p>
          {org.listings.length === 0 ? (
            <p>{s('organisation.noListings')}</p>
          ) : (
            <ul class="plain">
              {org.listings.map((l) => (
                <li>
                  {l.name} <span class="hint">({s('organisation.serviceCount', { count: l.serviceCount })})</span>
                  {mayUpdate && (
                    <ButtonForm action={`${base}/listings/${l.id}/remove`} csrf={csrf} label={s('organisation.unlink')} variant="link" />
                  )}
                </li>
              ))}
            </ul>
          )}
          {mayUpdate && (
            <>
              <form method="get" action={base} class="search-row">
                <TextField
                  i18n={i18n}
                  id="q"
                  label={s('organisation.findListing')}
                  hint={s('organisation.findListingHint')}
                  type="search"
                  value={search?.query ?? ''}
                  error={errorFor(problems, 'listing')}
                />
                <button type="submit" class="secondary">
                  {s('organisation.findButton')}
                </button>
              </form>
              {search &&
                (search.results.length === 0 ? (
                  <p>{s('organisation.noMatches')}</p>
                ) : (
                  <ul class="plain">
                    {search.results.map((r) => (
                      <li>
                        {r.name}
                        <PostForm action={`${base}/listings`} csrf={csrf} class="inline">
                          <input type="hidden" name="organizationId" value={r.id} />
                          <button type="submit" class="link">
                            {s('organisation.link', { name: r.name })}
                          </button>
                        </PostForm>
                      </li>
                    ))}
                  </ul>
                ))}
            </>
          )}
        </section>
      )}

      {staff && (
        <section aria-labelledby="staff-title">
          <h2 id="staff-title">{s('organisation.staffTitle')}</h2>
          {staff.staff.length === 0 ? (
            <p>{s('organisation.noStaff')}</p>
          ) : (
            <div {...scrollRegion(s('organisation.staffTitle'))}>
              <table>
                <caption class="vh">{s('organisation.staffTitle')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{s('field.name')}</th>
                    <th scope="col">{s('field.email')}</th>
                    <th scope="col">{s('field.role')}</th>
                    <th scope="col">{s('organisations.status')}</th>
                  </tr>
                </thead>
                <tbody>
                  {staff.staff.map((m) => (
                    <tr>
                      <td>
                        <a href={`/staff/accounts/${m.id}`}>{m.name}</a>
                      </td>
                      <td>{m.email}</td>
                      <td>{roleLabel(i18n, m.role, m.manager)}</td>
                      <td>
                        {m.disabledAt ? (
                          <strong class="tag warn">{s('status.suspended')}</strong>
                        ) : m.lockedUntil ? (
                          s('status.locked')
                        ) : (
                          s('status.active')
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {staff.invitations.length > 0 && (
            <>
              <h3>{s('organisation.invitationsTitle')}</h3>
              <ul class="plain">
                {staff.invitations.map((inv) => (
                  <li>
                    {s('organisation.invitationLine', {
                      email: inv.email,
                      role: roleLabel(i18n, inv.role, inv.manager),
                      until: i18n.formatDate(inv.expiresAt),
                    })}
                    {can(actor, 'staff.invite', { organisationId: org.id, role: inv.role, manager: inv.manager }) && (
                      <ButtonForm
                        action={`/staff/invitations/${inv.id}/revoke`}
                        csrf={csrf}
                        label={s('organisation.revoke')}
                        variant="link"
                      />
                    )}
                  </li>
                ))}
              </ul>
            </>
          )}
          {givable.length > 0 && !org.suspendedAt && (
            <>
              <h3 id="invite-title">{s('organisation.inviteTitle')}</h3>
              <p>{s('organisation.inviteIntro')}</p>
              <PostForm action={`${base}/invitations`} csrf={csrf}>
                <TextField
                  i18n={i18n}
                  id="email"
                  label={s('field.email')}
                  type="email"
                  autocomplete="off"
                  value={form.email}
                  error={errorFor(problems, 'email')}
                />
                <Radios
                  i18n={i18n}
                  id="role"
                  name="role"
                  legend={s('field.role')}
                  value={form.role}
                  error={errorFor(problems, 'role')}
                  options={givable.map((r) => ({ value: r, label: roleLabel(i18n, r), hint: s(`role.${r}Hint`) }))}
                />
                {mayGiveManager && (
                  <Checkbox id="manager" label={s('field.manager')} hint={s('field.managerHint')} checked={form.manager} />
                )}
                <button type="submit">{s('organisation.inviteButton')}</button>
              </PostForm>
            </>
          )}
        </section>
      )}

      {mayUpdate && (
        <section aria-labelledby="edit-title">
          <h2 id="edit-title">{s('organisation.editTitle')}</h2>
          <PostForm action={base} csrf={csrf}>
            <TextField
              i18n={i18n}
              id="name"
              label={s('organisation.name')}
              value={form.name ?? org.name}
              maxlength={120}
              error={errorFor(problems, 'name')}
            />
            <KindRadios i18n={i18n} value={form.kind ?? org.kind} error={errorFor(problems, 'kind')} />
            <button type="submit" class="secondary">
              {s('organisation.saveButton')}
            </button>
          </PostForm>
        </section>
      )}

      {maySuspend && (
        <section aria-labelledby="suspend-title">
          <h2 id="suspend-title">{org.suspendedAt ? s('organisation.reinstateTitle') : s('organisation.suspendTitle')}</h2>
          {org.suspendedAt ? (
            <ButtonForm action={`${base}/reinstate`} csrf={csrf} label={s('organisation.reinstateButton')} variant="secondary" />
          ) : (
            <PostForm action={`${base}/suspend`} csrf={csrf}>
              <p>{s('organisation.suspendIntro')}</p>
              <TextArea
                i18n={i18n}
                id="reason"
                label={s('field.reason')}
                hint={s('field.reasonHint')}
                value={form.reason}
                maxlength={500}
                error={errorFor(problems, 'reason')}
              />
              <button type="submit" class="warning">
                {s('organisation.suspendButton')}
              </button>
            </PostForm>
          )}
        </section>
      )}
    </StaffPage>
  );
}

/** Shown once, after making an invitation or a reset link: the link to pass on. */
export function LinkIssuedPage({
  i18n,
  csrf,
  actor,
  link,
  kind,
  back,
}: StaffViewBase & { link: IssuedLink; kind: 'invitation' | 'reset'; back: string }) {
  const s = i18n.staff;
  const title = kind === 'invitation' ? s('issued.invitationTitle') : s('issued.resetTitle');
  return (
    <StaffPage i18n={i18n} actor={actor} csrf={csrf} title={title}>
      <h1>{title}</h1>
      <p>{s('issued.passOn', { email: link.email })}</p>
      <p class="link-box">
        <code>{link.url}</code>
      </p>
      <p>{s('issued.expires', { when: shortDate(i18n, link.expiresAt) })}</p>
      <p>{s('issued.outbox')}</p>
      <p>{s('issued.onlyOnce')}</p>
      <p>
        <a href={back}>{s('common.back')}</a>
      </p>
    </StaffPage>
  );
}

export interface AccountAdminPageProps extends StaffViewBase {
  member: StaffMember & { organisationId: string; organisationName: string; organisationKind: StaffOrganisationKind; operator: boolean };
  history: AuditRow[] | null;
  form?: { role?: string; manager?: boolean; reason?: string };
}

export function AccountAdminPage({ i18n, csrf, actor, problems = [], notice, member, history, form = {} }: AccountAdminPageProps) {
  const s = i18n.staff;
  const base = `/staff/accounts/${member.id}`;
  const res = { organisationId: member.organisationId, accountId: member.id };
  const roles = rolesFor({ kind: member.organisationKind, operator: member.operator });
  const mayChangeRole = roles.some((role) => can(actor, 'staff.change_role', { ...res, role }));
  const maySuspend = can(actor, 'staff.suspend', res);
  const mayReset = can(actor, 'staff.issue_reset', res);
  return (
    <StaffPage i18n={i18n} actor={actor} csrf={csrf} title={member.name} problems={problems} notice={notice}>
      <p>
        <a href={`/staff/organisations/${member.organisationId}`}>{member.organisationName}</a>
      </p>
      <h1>
        {member.name}
        {member.disabledAt && <strong class="tag warn">{s('status.suspended')}</strong>}
      </h1>
      <dl class="summary">
        <dt>{s('field.email')}</dt>
        <dd>{member.email}</dd>
        <dt>{s('field.role')}</dt>
        <dd>{roleLabel(i18n, member.role, member.manager)}</dd>
        <dt>{s('account.twoStep')}</dt>
        <dd>{member.twoStep ? s('account.twoStepOn') : s('account.twoStepOff')}</dd>
        <dt>{s('account.lastSignIn')}</dt>
        <dd>{member.lastSignInAt ? shortDate(i18n, member.lastSignInAt) : s('account.neverSignedIn')}</dd>
        {member.lockedUntil && (
          <>
            <dt>{s('status.locked')}</dt>
            <dd>{s('account.lockedUntil', { when: shortDate(i18n, member.lockedUntil) })}</dd>
          </>
        )}
      </dl>

      {mayChangeRole && (
        <section aria-labelledby="role-title">
          <h2 id="role-title">{s('accountAdmin.roleTitle')}</h2>
          <PostForm action={`${base}/role`} csrf={csrf}>
            <Radios
              i18n={i18n}
              id="role"
              name="role"
              legend={s('field.role')}
              value={form.role ?? member.role}
              error={errorFor(problems, 'role')}
              options={roles.map((r) => ({ value: r, label: roleLabel(i18n, r), hint: s(`role.${r}Hint`) }))}
            />
            <Checkbox id="manager" label={s('field.manager')} hint={s('field.managerHint')} checked={form.manager ?? member.manager} />
            <p class="hint">{s('accountAdmin.roleSignsOut')}</p>
            <button type="submit" class="secondary">
              {s('accountAdmin.roleButton')}
            </button>
          </PostForm>
        </section>
      )}

      {mayReset && (
        <section aria-labelledby="reset-title">
          <h2 id="reset-title">{s('accountAdmin.resetTitle')}</h2>
          <p>{s('accountAdmin.resetIntro')}</p>
          <PostForm action={`${base}/reset`} csrf={csrf}>
            {member.twoStep && (
              <Checkbox id="clearTwoStep" label={s('accountAdmin.clearTwoStep')} hint={s('accountAdmin.clearTwoStepHint')} />
            )}
            <button type="submit" class="secondary">
              {s('accountAdmin.resetButton')}
            </button>
          </PostForm>
        </section>
      )}

      {maySuspend && (
        <section aria-labelledby="suspend-title">
          <h2 id="suspend-title">{member.disabledAt ? s('accountAdmin.reinstateTitle') : s('accountAdmin.suspendTitle')}</h2>
          {member.disabledAt ? (
            <ButtonForm action={`${base}/reinstate`} csrf={csrf} label={s('accountAdmin.reinstateButton')} variant="secondary" />
          ) : (
            <PostForm action={`${base}/suspend`} csrf={csrf}>
              <p>{s('accountAdmin.suspendIntro')}</p>
              <TextArea
                i18n={i18n}
                id="reason"
                label={s('field.reason')}
                hint={s('field.reasonHint')}
                value={form.reason}
                maxlength={500}
                error={errorFor(problems, 'reason')}
              />
              <button type="submit" class="warning">
                {s('accountAdmin.suspendButton')}
              </button>
            </PostForm>
          )}
        </section>
      )}

      {history && (
        <section aria-labelledby="history-title">
          <h2 id="history-title">{s('accountAdmin.historyTitle')}</h2>
          <p>{s('accountAdmin.historyIntro')}</p>
          <AuditTable i18n={i18n} rows={history} caption={s('accountAdmin.historyTitle')} />
        </section>
      )}
    </StaffPage>
  );
}
