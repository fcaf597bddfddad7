/**
 * Staff pages for keeping listings fresh: "Your listings" (with one-tap
 * changes), one listing's overview, its edit sections (generic: each field
 * drawn from its spec in listing-sections.ts), and the administrators'
 * approvals queue with a diff of each change request. No JavaScript.
 */
import { can } from '../../platform/auth/policy.ts';
import type { I18n } from '../../platform/i18n/i18n.ts';
import type { StaffKey } from '../../platform/i18n/staff-catalogue.ts';
import type { FieldProblem } from '../../platform/views/error-summary.tsx';
import { ErrorMessage } from '../../platform/views/error-summary.tsx';
import { ButtonForm, Checkbox, PostForm, Radios, TextArea, TextField } from '../../platform/views/staff-forms.tsx';
import { StaffPage, type StaffViewBase } from '../../platform/views/staff-page.tsx';
import type { FieldOriginRow } from '../directory/directory.service.ts';
import type { ServiceGraph } from '../directory/service-graph.ts';
import type { ChangeRequest, ListingFilter, ListingSummary } from './listings.service.ts';
import { LISTING_FILTERS } from './listings.service.ts';
import { readSensitive, type FieldChange } from './listing-changes.ts';
import { optionsFor, type FieldSpec, type FormValues, type RowsSpec, type SectionSpec } from './listing-form.ts';
import type { QuickAction } from './listing-quick.ts';
import { SECTIONS } from './listing-sections.ts';
import { scrollRegion } from '../../platform/views/scroll-region.ts';

const k = (key: string) => key as StaffKey;

const dateText = (i18n: I18n, d: string | null) => (d ? i18n.formatDate(new Date(`${d}T12:00:00Z`), { dateStyle: 'medium' }) : '—');

function ReviewTag({ i18n, flag }: { i18n: I18n; flag: ListingSummary['review'] }) {
  if (!flag) return null;
  return <strong class={flag === 'dueSoon' ? 'tag' : 'tag warn'}>{i18n.staff(k(`listings.review.${flag}`))}</strong>;
}

function QuickButtons({ i18n, csrf, l }: { i18n: I18n; csrf: string; l: ListingSummary }) {
  const s = i18n.staff;
  const actions: QuickAction[] = [
    ...(['places_available', 'full', 'waiting_list'] as const).filter((a) => a !== l.capacityStatus),
    ...(l.acceptingReferrals === null ? (['stop_referrals', 'start_referrals'] as const) : []),
    ...(l.acceptingReferrals === true ? (['stop_referrals'] as const) : []),
    ...(l.acceptingReferrals === false ? (['start_referrals'] as const) : []),
    'still_correct',
  ];
  return (
    <>
      {actions.map((a) => (
        <ButtonForm
          action={`/staff/listings/${l.serviceId}/quick/${a}`}
          csrf={csrf}
          label={s(k(`listings.quick.${a}`))}
          variant="secondary"
        />
      ))}
    </>
  );
}

/** Places and referrals now, saying "not stated" for what the listing does not say. */
function NowText({ i18n, capacity, accepting }: { i18n: I18n; capacity: string | null; accepting: boolean | null }) {
  const s = i18n.staff;
  return (
    <>
      {capacity ? s(k(`listings.o.capacity_status.${capacity}`)) : s('listings.placesNotStated')}
      <span class="hint">
        {s(accepting === true ? 'listings.accepting' : accepting === false ? 'listings.notAccepting' : 'listings.referralsNotStated')}
      </span>
    </>
  );
}

export function ListingsPage({
  i18n,
  csrf,
  actor,
  notice,
  listings,
  filter,
  q,
  all,
  noListings,
}: StaffViewBase & { listings: ListingSummary[]; filter: ListingFilter; q: string; all: boolean; noListings?: boolean }) {
  const s = i18n.staff;
  return (
    <StaffPage i18n={i18n} actor={actor} csrf={csrf} title={s('listings.title')} notice={notice}>
      <h1>{s('listings.title')}</h1>
      <p>{s(all ? 'listings.introAll' : 'listings.intro')}</p>
      {can(actor, 'listing.approve') && (
        <p>
          <a href="/admin/approvals">{s('approvals.title')}</a>
        </p>
      )}
      {all && (
        <form method="get" action="/staff/listings" class="audit-filters">
          <div class="field">
            <label for="filter">{s('listings.filter')}</label>
            <select id="filter" name="filter">
              {LISTING_FILTERS.map((f) => (
                <option value={f} selected={f === filter}>
                  {s(k(`listings.filter.${f}`))}
                </option>
              ))}
            </select>
          </div>
          <TextField i18n={i18n} id="q" label={s('listings.search')} value={q} type="search" />
          <div class="field">
            <button type="submit" class="secondary">
              {s('listings.show')}
            </button>
          </div>
        </form>
      )}
      {noListings ? (
        <p>{s('listings.noneLinked')}</p>
      ) : listings.length === 0 ? (
        <p>{s('listings.none')}</p>
      ) : (
        <div {...scrollRegion(s('listings.title'))}>
          <table>
            <caption class="vh">{s('listings.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{s('listings.col.name')}</th>
                <th scope="col">{s('listings.col.now')}</th>
                <th scope="col">{s('listings.col.review')}</th>
                <th scope="col">{s('listings.col.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {listings.map((l) => (
                <tr id={`listing-${l.serviceId}`}>
                  <td>
                    <a href={`/staff/listings/${l.serviceId}`}>{l.name}</a>
                    <span class="hint">{l.organizationName}</span>
                    {l.status !== 'active' && <span class="tag warn">{s(k(`listings.o.status.${l.status}`))}</span>}
                    {l.pending > 0 && <span class="tag">{s('listings.waitingApproval')}</span>}
                  </td>
                  <td>
                    <NowText i18n={i18n} capacity={l.capacityStatus} accepting={l.acceptingReferrals} />
                  </td>
                  <td>
                    {dateText(i18n, l.reviewDue)}
                    <ReviewTag i18n={i18n} flag={l.review} />
                    <span class="hint">{s('listings.lastChecked', { date: dateText(i18n, l.assuredDate) })}</span>
                  </td>
                  <td>
                    <QuickButtons i18n={i18n} csrf={csrf} l={l} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </StaffPage>
  );
}

function PendingList({ i18n, pending, graph }: { i18n: I18n; pending: ChangeRequest[]; graph: ServiceGraph }) {
  const s = i18n.staff;
  if (!pending.length) return null;
  return (
    <section aria-labelledby="pending-h">
      <h2 id="pending-h">{s('listings.waitingApproval')}</h2>
      <p>{s('listings.waitingIntro')}</p>
      {pending.map((p) => (
        <DiffTable
          i18n={i18n}
          changes={p.changes}
          graph={graph}
          caption={s('approvals.asked', {
            name: p.requestedBy,
            when: i18n.formatDate(p.requestedAt, { dateStyle: 'medium', timeStyle: 'short' }),
          })}
        />
      ))}
    </section>
  );
}

/** The staff label of a listing field ("belong.gender" → "Who can come"; "schedules" → "Sessions"). */
function fieldLabel(i18n: I18n, field: string): string {
  const s = i18n.staff;
  if (field === 'belong.accessibility' || field === 'belong.requirements') return s(k(`listings.origins.${field.slice(7)}`));
  const path = field.split('.');
  for (const sec of SECTIONS) {
    const f = sec.fields.find((x) => x.path && x.path.join('.') === path.join('.'));
    if (f) return s(k(`listings.f.${sec.id}.${f.name}`));
    const rows = sec.rows.find((r) => r.list === field);
    if (rows) return s(k(`listings.rows.${rows.key}`));
  }
  return field;
}

/** Fields people changed in Belong: a re-import keeps them. */
function OriginsList({ i18n, origins }: { i18n: I18n; origins: readonly FieldOriginRow[] }) {
  const s = i18n.staff;
  const mine = origins.filter((o) => o.origin !== 'feed').sort((a, b) => a.field.localeCompare(b.field));
  if (!mine.length) return null;
  return (
    <section aria-labelledby="origins-h">
      <h2 id="origins-h">{s('listings.origins.title')}</h2>
      <p>{s('listings.origins.intro')}</p>
      <ul>
        {mine.map((o) => (
          <li>
            {fieldLabel(i18n, o.field)}:{' '}
            {s(o.origin === 'administrator' ? 'listings.origins.administrator' : 'listings.origins.provider', {
              date: i18n.formatDate(o.changedAt, { dateStyle: 'medium' }),
            })}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function ListingPage({
  i18n,
  csrf,
  actor,
  notice,
  graph,
  pending,
  origins = [],
}: StaffViewBase & { graph: ServiceGraph; pending: ChangeRequest[]; origins?: readonly FieldOriginRow[] }) {
  const s = i18n.staff;
  const id = graph.service.id;
  const summary: ListingSummary = {
    serviceId: id,
    name: graph.service.name,
    organizationId: graph.organization.id,
    organizationName: graph.organization.name,
    status: graph.service.status,
    capacityStatus: graph.belong.capacity_status,
    acceptingReferrals: graph.belong.accepting_referrals,
    reviewDue: graph.belong.review_due,
    assuredDate: graph.service.assured_date,
    review: null,
    pending: pending.length,
  };
  return (
    <StaffPage i18n={i18n} actor={actor} csrf={csrf} title={graph.service.name} notice={notice}>
      <p>
        <a href="/staff/listings">{s('listings.back')}</a>
      </p>
      <h1>{graph.service.name}</h1>
      <dl class="summary">
        <dt>{s('listings.col.now')}</dt>
        <dd>
          <NowText i18n={i18n} capacity={graph.belong.capacity_status} accepting={graph.belong.accepting_referrals} />
        </dd>
        <dt>{s('listings.col.review')}</dt>
        <dd>{dateText(i18n, graph.belong.review_due)}</dd>
        <dt>{s('listings.checked')}</dt>
        <dd>{dateText(i18n, graph.service.assured_date)}</dd>
      </dl>
      <p>
        <QuickButtons i18n={i18n} csrf={csrf} l={summary} />
      </p>
      <p>
        <a href={`/services/${id}`}>{s('listings.publicPage')}</a>
      </p>
      <PendingList i18n={i18n} pending={pending} graph={graph} />
      <OriginsList i18n={i18n} origins={origins} />
      <h2>{s('listings.sections')}</h2>
      <ul class="plain">
        {SECTIONS.map((sec) => (
          <li>
            <a href={`/staff/listings/${id}/${sec.id}`}>{s(k(`listings.section.${sec.id}`))}</a>
            <span class="hint">{s(k(`listings.section.${sec.id}.hint`))}</span>
          </li>
        ))}
      </ul>
    </StaffPage>
  );
}

const SENSITIVE_NAMES = new Set([
  'safeguarding_policy',
  'safeguarding_checked_leads',
  'trauma_informed_training',
  'safeguarding_review_date',
  'confidential',
]);

interface FieldCtx {
  i18n: I18n;
  graph: ServiceGraph;
  values: FormValues;
  problems: FieldProblem[];
  /** Sensitive changes wait for approval for this person. */
  waits: boolean;
}

/** The label of an option: a record of this listing for id choices, else from the catalogue. */
function optionLabel(ctx: FieldCtx, f: FieldSpec<unknown>, value: string): string {
  const s = ctx.i18n.staff;
  if (f.name === 'location_id') {
    const l = ctx.graph.locations.find((x) => x.id === value);
    return l?.name ?? l?.addresses[0]?.address_1 ?? value;
  }
  if (f.name === 'schedule_id') {
    const x = ctx.graph.schedules.find((y) => y.id === value);
    return x?.description ?? [x?.byday, x?.opens_at?.slice(0, 5)].filter(Boolean).join(' ');
  }
  return s(k(`listings.o.${f.name}.${value}`));
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a field of any row item type
function Field({ ctx, f, name, label }: { ctx: FieldCtx; f: FieldSpec<any>; name: string; label: string }) {
  const { i18n } = ctx;
  const s = i18n.staff;
  const v = ctx.values[name];
  const error = ctx.problems.find((p) => p.field === name || p.field === `${name}-0`)?.message;
  const hint =
    ctx.waits && SENSITIVE_NAMES.has(f.name)
      ? s('listings.needsApproval')
      : f.kind === 'time'
        ? s('listings.hint.time')
        : f.kind === 'date'
          ? s('listings.hint.date')
          : f.kind === 'list'
            ? s('listings.hint.list')
            : undefined;
  switch (f.kind) {
    case 'textarea':
      return <TextArea i18n={i18n} id={name} label={label} hint={hint} error={error} value={String(v ?? '')} maxlength={4000} />;
    case 'bool':
      return <Checkbox id={name} label={label} hint={hint} checked={v === true} />;
    case 'tri':
      return (
        <Radios
          i18n={i18n}
          id={name}
          name={name}
          legend={label}
          hint={hint}
          error={error}
          value={String(v ?? '')}
          options={[
            { value: 'yes', label: s('listings.yes') },
            { value: 'no', label: s('listings.no') },
            { value: '', label: s('listings.notSet') },
          ]}
        />
      );
    case 'yesno':
      return (
        <Radios
          i18n={i18n}
          id={name}
          name={name}
          legend={label}
          hint={hint}
          error={error}
          value={String(v ?? '')}
          options={[
            { value: 'yes', label: s('listings.yes') },
            { value: 'no', label: s('listings.no') },
          ]}
        />
      );
    case 'choice': {
      const opts = optionsFor(f, ctx.graph).map((o) => ({ value: o, label: optionLabel(ctx, f, o) }));
      return (
        <Radios
          i18n={i18n}
          id={name}
          name={name}
          legend={label}
          hint={hint}
          error={error}
          value={String(v ?? '')}
          options={f.optional ? [{ value: '', label: s('listings.notSet') }, ...opts] : opts}
        />
      );
    }
    case 'choices': {
      const chosen = Array.isArray(v) ? v : [];
      const errorId = error ? `${name}-error` : undefined;
      return (
        <div class={error ? 'field err-field' : 'field'}>
          <fieldset aria-describedby={errorId}>
            <legend>{label}</legend>
            {error && <ErrorMessage i18n={i18n} id={errorId!} message={error} />}
            {optionsFor(f, ctx.graph).map((o, i) => (
              <div class="choice">
                <input type="checkbox" id={`${name}-${i}`} name={name} value={o} checked={chosen.includes(o)} />
                <label for={`${name}-${i}`}>{optionLabel(ctx, f, o)}</label>
              </div>
            ))}
          </fieldset>
        </div>
      );
    }
    default:
      return (
        <TextField
          i18n={i18n}
          id={name}
          label={label}
          hint={hint}
          error={error}
          value={String(v ?? '')}
          type={f.kind === 'date' ? 'date' : 'text'}
          inputmode={f.kind === 'int' || f.kind === 'number' ? 'numeric' : undefined}
          size={f.kind === 'time' || f.kind === 'int' || f.kind === 'number' || f.kind === 'date' ? 'short' : undefined}
          maxlength={4000}
        />
      );
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- rows of any item type
function Rows({ ctx, spec }: { ctx: FieldCtx; spec: RowsSpec<any> }) {
  const s = ctx.i18n.staff;
  const count = Number(ctx.values[`${spec.key}.count`] ?? 0);
  return (
    <section aria-labelledby={`${spec.key}-h`}>
      <h2 id={`${spec.key}-h`}>{s(k(`listings.rows.${spec.key}`))}</h2>
      <input type="hidden" name={`${spec.key}.count`} value={String(count)} />
      {Array.from({ length: count }, (_, i) => {
        const id = String(ctx.values[`${spec.key}.${i}.id`] ?? '');
        return (
          <fieldset class="field">
            <legend>
              <strong>{id ? s(k(`listings.rows.${spec.key}.one`), { n: i + 1 }) : s(k(`listings.rows.${spec.key}.add`))}</strong>
            </legend>
            <input type="hidden" name={`${spec.key}.${i}.id`} value={id} />
            {spec.fields.map((f) => (
              <Field ctx={ctx} f={f} name={`${spec.key}.${i}.${f.name}`} label={s(k(`listings.f.${spec.key}.${f.name}`))} />
            ))}
            {id && <Checkbox id={`${spec.key}.${i}.remove`} label={s(k(`listings.rows.${spec.key}.remove`))} />}
          </fieldset>
        );
      })}
    </section>
  );
}

export function SectionPage({
  i18n,
  csrf,
  actor,
  problems = [],
  graph,
  section,
  values,
  pending,
  waits,
}: StaffViewBase & { graph: ServiceGraph; section: SectionSpec; values: FormValues; pending: ChangeRequest[]; waits: boolean }) {
  const s = i18n.staff;
  const ctx: FieldCtx = { i18n, graph, values, problems, waits };
  const title = `${s(k(`listings.section.${section.id}`))}: ${graph.service.name}`;
  return (
    <StaffPage i18n={i18n} actor={actor} csrf={csrf} title={title} problems={problems}>
      <p>
        <a href={`/staff/listings/${graph.service.id}`}>{s('listings.backToListing')}</a>
      </p>
      <h1>{title}</h1>
      <p class="hint">{s(k(`listings.section.${section.id}.hint`))}</p>
      {section.id === 'organisation' && <p class="callout">{s('listings.organisationWarning')}</p>}
      {waits && (section.id === 'safeguarding' || section.id === 'where') && <p class="callout">{s('listings.sensitiveIntro')}</p>}
      <PendingList i18n={i18n} pending={pending} graph={graph} />
      <PostForm action={`/staff/listings/${graph.service.id}/${section.id}`} csrf={csrf}>
        {section.fields.map((f) => (
          <Field ctx={ctx} f={f} name={f.name} label={s(k(`listings.f.${section.id}.${f.name}`))} />
        ))}
        {section.rows.map((r) => (
          <Rows ctx={ctx} spec={r} />
        ))}
        <button type="submit">{s('listings.save')}</button>
      </PostForm>
    </StaffPage>
  );
}

/** A field of a change request in words: "Safeguarding policy" or "Confidential address: Oak Lane Centre". */
function changeLabel(i18n: I18n, c: FieldChange, graph: ServiceGraph | null): string {
  const s = i18n.staff;
  if (c.field.startsWith('belong.')) return s(k(`listings.f.safeguarding.${c.field.slice(7)}`));
  const id = c.field.split('.')[1];
  const loc = graph?.locations.find((l) => l.id === id);
  return s('approvals.confidentialAt', { place: loc?.name ?? loc?.addresses[0]?.address_1 ?? id ?? '' });
}

function valueText(i18n: I18n, v: unknown): string {
  if (v === true) return i18n.staff('listings.yes');
  if (v === false) return i18n.staff('listings.no');
  if (v == null || v === '') return i18n.staff('listings.notSet');
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return dateText(i18n, v);
  return String(v);
}

export function DiffTable({
  i18n,
  changes,
  graph,
  caption,
}: {
  i18n: I18n;
  changes: FieldChange[];
  graph: ServiceGraph | null;
  caption: string;
}) {
  const s = i18n.staff;
  return (
    <div {...scrollRegion(caption)}>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{s('approvals.field')}</th>
            <th scope="col">{s('approvals.current')}</th>
            <th scope="col">{s('approvals.proposed')}</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((c) => {
            const now = graph ? safeRead(graph, c.field) : c.before;
            return (
              <tr>
                <th scope="row">{changeLabel(i18n, c, graph)}</th>
                <td>
                  {valueText(i18n, now)}
                  {JSON.stringify(now ?? null) !== JSON.stringify(c.before ?? null) && (
                    <span class="tag warn">{s('approvals.changedSince')}</span>
                  )}
                </td>
                <td>
                  <strong>{valueText(i18n, c.after)}</strong>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function safeRead(graph: ServiceGraph, field: string): unknown {
  try {
    return readSensitive(graph, field);
  } catch {
    return null;
  }
}

export function ApprovalsPage({ i18n, csrf, actor, notice, requests }: StaffViewBase & { requests: ChangeRequest[] }) {
  const s = i18n.staff;
  return (
    <StaffPage i18n={i18n} actor={actor} csrf={csrf} title={s('approvals.title')} notice={notice}>
      <h1>{s('approvals.title')}</h1>
      <p>{s('approvals.intro')}</p>
      {requests.length === 0 ? (
        <p>{s('approvals.none')}</p>
      ) : (
        <ul class="plain">
          {requests.map((r) => (
            <li>
              <a href={`/admin/approvals/${r.id}`}>{s('approvals.item', { service: r.serviceName, organisation: r.organizationName })}</a>
              <span class="hint">
                {s('approvals.asked', {
                  name: `${r.requestedBy} (${r.requestedByOrganisation})`,
                  when: i18n.formatDate(r.requestedAt, { dateStyle: 'medium', timeStyle: 'short' }),
                })}
              </span>
            </li>
          ))}
        </ul>
      )}
    </StaffPage>
  );
}

export function ApprovalPage({
  i18n,
  csrf,
  actor,
  problems = [],
  request,
  current,
  note = '',
}: StaffViewBase & { request: ChangeRequest; current: ServiceGraph | null; note?: string }) {
  const s = i18n.staff;
  const title = s('approvals.item', { service: request.serviceName, organisation: request.organizationName });
  return (
    <StaffPage i18n={i18n} actor={actor} csrf={csrf} title={title} problems={problems}>
      <p>
        <a href="/admin/approvals">{s('approvals.back')}</a>
      </p>
      <h1>{title}</h1>
      <p>
        {s('approvals.asked', {
          name: `${request.requestedBy} (${request.requestedByOrganisation})`,
          when: i18n.formatDate(request.requestedAt, { dateStyle: 'medium', timeStyle: 'short' }),
        })}
      </p>
      <DiffTable i18n={i18n} changes={request.changes} graph={current} caption={s('approvals.diffCaption')} />
      {request.status === 'pending' ? (
        <>
          <PostForm action={`/admin/approvals/${request.id}/approve`} csrf={csrf}>
            <button type="submit">{s('approvals.approve')}</button>
          </PostForm>
          <h2>{s('approvals.rejectTitle')}</h2>
          <PostForm action={`/admin/approvals/${request.id}/reject`} csrf={csrf}>
            <TextArea
              i18n={i18n}
              id="note"
              label={s('approvals.reason')}
              hint={s('approvals.reasonHint')}
              value={note}
              maxlength={1000}
              error={problems.find((p) => p.field === 'note')?.message}
            />
            <button type="submit" class="warning">
              {s('approvals.reject')}
            </button>
          </PostForm>
        </>
      ) : (
        <p>{s(k(`approvals.status.${request.status}`))}</p>
      )}
    </StaffPage>
  );
}
