/**
 * The audit log pages: a search form (who, what, which record, outcome,
 * dates), a table of entries newest first, and "newer / older" paging links
 * that keep the filters. Also the outbox page. No JavaScript.
 */
import type { Actor } from '../../platform/auth/actor.ts';
import type { AuditRow } from '../../platform/audit/audit.repository.ts';
import type { AuditFilter } from '../../platform/audit/audit.ts';
import type { I18n } from '../../platform/i18n/i18n.ts';
import type { OutboxStatus } from '../../platform/db/schema.ts';
import type { OutboxMessage } from '../../platform/notify/notifier.ts';
import { OUTBOX_STATUSES, type OutboxView } from './outbox.service.ts';
import type { FieldProblem } from '../../platform/views/error-summary.tsx';
import { TextField } from '../../platform/views/staff-forms.tsx';
import { StaffPage } from '../../platform/views/staff-page.tsx';
import { scrollRegion } from '../../platform/views/scroll-region.ts';

const when = (i18n: I18n, d: Date) => i18n.formatDate(d, { dateStyle: 'medium', timeStyle: 'medium' });

function detailsText(details: Record<string, unknown>): string {
  const parts = Object.entries(details).map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`);
  return parts.join('; ');
}

export function AuditTable({ i18n, rows, caption }: { i18n: I18n; rows: AuditRow[]; caption: string }) {
  const s = i18n.staff;
  if (rows.length === 0) return <p>{s('audit.none')}</p>;
  return (
    <div {...scrollRegion(caption)}>
      <table class="audit">
        <caption class="vh">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{s('audit.when')}</th>
            <th scope="col">{s('audit.who')}</th>
            <th scope="col">{s('audit.what')}</th>
            <th scope="col">{s('audit.subject')}</th>
            <th scope="col">{s('audit.why')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr class={r.outcome === 'denied' ? 'denied' : undefined}>
              <td>{when(i18n, r.at)}</td>
              <td>
                {r.actorAccountId ? (
                  <>
                    <a href={`/admin/audit?actorAccountId=${r.actorAccountId}`}>{r.actorName ?? r.actorAccountId}</a>
                    <span class="hint">
                      {r.actorOrganisationName ?? ''}
                      {r.actorRole ? ` · ${r.actorRole}` : ''}
                    </span>
                  </>
                ) : (
                  s('audit.nobody')
                )}
              </td>
              <td>
                <code>{r.action}</code>
                {r.outcome === 'denied' && <strong class="tag warn">{s('audit.denied')}</strong>}
                {Object.keys(r.details).length > 0 && <span class="hint">{detailsText(r.details)}</span>}
              </td>
              <td>
                {r.subjectType && r.subjectId ? (
                  <a href={`/admin/audit?subjectType=${encodeURIComponent(r.subjectType)}&subjectId=${encodeURIComponent(r.subjectId)}`}>
                    {r.subjectType} {r.subjectId}
                  </a>
                ) : (
                  (r.subjectType ?? '')
                )}
              </td>
              <td>{r.reason ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export interface AuditSearchPageProps {
  i18n: I18n;
  csrf: string;
  actor: Actor;
  query: Readonly<Record<string, string | undefined>>;
  filter: AuditFilter;
  problems: FieldProblem[];
  rows: AuditRow[];
  page: number;
  hasMore: boolean;
}

function pageHref(filter: AuditFilter, page: number): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(filter)) if (v) q.set(k, String(v));
  if (page > 1) q.set('page', String(page));
  const s = q.toString();
  return `/admin/audit${s ? `?${s}` : ''}`;
}

export function AuditSearchPage({ i18n, csrf, actor, query, filter, problems, rows, page, hasMore }: AuditSearchPageProps) {
  const s = i18n.staff;
  const v = (k: keyof AuditFilter) => query[k] ?? '';
  const err = (k: string) => problems.find((p) => p.field === k)?.message;
  return (
    <StaffPage i18n={i18n} actor={actor} csrf={csrf} title={s('audit.title')} problems={problems}>
      <h1>{s('audit.title')}</h1>
      <p>{s('audit.intro')}</p>
      <form method="get" action="/admin/audit" class="audit-filters" novalidate>
        <TextField
          i18n={i18n}
          id="actorAccountId"
          label={s('audit.filterActor')}
          hint={s('audit.filterActorHint')}
          value={v('actorAccountId')}
          error={err('actorAccountId')}
        />
        <TextField
          i18n={i18n}
          id="action"
          label={s('audit.filterAction')}
          hint={s('audit.filterActionHint')}
          value={v('action')}
          error={err('action')}
        />
        <TextField
          i18n={i18n}
          id="subjectType"
          label={s('audit.filterSubjectType')}
          hint={s('audit.filterSubjectTypeHint')}
          value={v('subjectType')}
          error={err('subjectType')}
        />
        <TextField i18n={i18n} id="subjectId" label={s('audit.filterSubjectId')} value={v('subjectId')} error={err('subjectId')} />
        <div class="field">
          <label for="outcome">{s('audit.filterOutcome')}</label>
          <select id="outcome" name="outcome">
            <option value="" selected={!filter.outcome}>
              {s('audit.outcomeAny')}
            </option>
            <option value="allowed" selected={filter.outcome === 'allowed'}>
              {s('audit.outcomeAllowed')}
            </option>
            <option value="denied" selected={filter.outcome === 'denied'}>
              {s('audit.outcomeDenied')}
            </option>
          </select>
        </div>
        <TextField i18n={i18n} id="from" label={s('audit.filterFrom')} type="date" value={v('from')} error={err('from')} />
        <TextField i18n={i18n} id="to" label={s('audit.filterTo')} type="date" value={v('to')} error={err('to')} />
        <button type="submit">{s('audit.searchButton')}</button> <a href="/admin/audit">{s('audit.clear')}</a>
      </form>
      <h2>{s('audit.results')}</h2>
      <AuditTable i18n={i18n} rows={rows} caption={s('audit.results')} />
      <nav class="pager" aria-label={s('audit.pages')}>
        {page > 1 && (
          <a href={pageHref(filter, page - 1)} rel="prev">
            {s('audit.newer')}
          </a>
        )}
        {hasMore && (
          <a href={pageHref(filter, page + 1)} rel="next">
            {s('audit.older')}
          </a>
        )}
      </nav>
    </StaffPage>
  );
}

/** What a message's status line says (every status the outbox can hold renders here). */
function outboxProgress(i18n: I18n, m: OutboxMessage): string {
  const s = i18n.staff;
  const parts = [s(`outbox.status.${m.status}`), s('outbox.tries', { count: m.attempts })];
  if (m.status === 'sent' && m.sentAt) parts.push(s('outbox.sentAt', { when: when(i18n, m.sentAt) }));
  if ((m.status === 'pending' || m.status === 'sending') && m.nextAttemptAt)
    parts.push(s('outbox.nextTry', { when: when(i18n, m.nextAttemptAt) }));
  if (m.status === 'failed' && m.failedAt) parts.push(s('outbox.gaveUp', { when: when(i18n, m.failedAt) }));
  return parts.join(' · ');
}

export function OutboxPage({
  i18n,
  csrf,
  actor,
  view,
  status,
}: {
  i18n: I18n;
  csrf: string;
  actor: Actor;
  view: OutboxView;
  status: OutboxStatus | null;
}) {
  const s = i18n.staff;
  const total = Object.values(view.counts).reduce((a, b) => a + (b ?? 0), 0);
  return (
    <StaffPage i18n={i18n} actor={actor} csrf={csrf} title={s('outbox.title')}>
      <h1>{s('outbox.title')}</h1>
      <p>{s('outbox.intro')}</p>
      <nav aria-label={s('outbox.show')}>
        <ul>
          <li>
            {status ? (
              <a href="/admin/outbox">{s('outbox.all', { count: total })}</a>
            ) : (
              <strong>{s('outbox.all', { count: total })}</strong>
            )}
          </li>
          {OUTBOX_STATUSES.map((st) => {
            const label = s('outbox.filter', { status: s(`outbox.status.${st}`), count: view.counts[st] ?? 0 });
            return <li>{st === status ? <strong>{label}</strong> : <a href={`/admin/outbox?status=${st}`}>{label}</a>}</li>;
          })}
        </ul>
      </nav>
      {view.messages.length === 0 ? (
        <p>{status ? s('outbox.noneWithStatus') : s('outbox.none')}</p>
      ) : (
        view.messages.map((m) => (
          <article class="message">
            <h2>{m.subject}</h2>
            <p class="hint">{s('outbox.meta', { to: m.recipient, when: when(i18n, m.createdAt) })}</p>
            <p data-status={m.status}>{outboxProgress(i18n, m)}</p>
            {m.lastError && m.status !== 'sent' && <p class="hint">{s('outbox.lastError', { error: m.lastError })}</p>}
            {/* Only what staff must pass on themselves is shown in full; what Belong sent, it does not show again. */}
            {(m.status === 'kept' || m.status === 'failed') && <MessageText i18n={i18n} m={m} />}
          </article>
        ))
      )}
    </StaffPage>
  );
}

/** The text of a message staff must pass on; a person's personal content only where the viewer may read it (`held`). */
function MessageText({ i18n, m }: { i18n: I18n; m: OutboxMessage }) {
  const s = i18n.staff;
  if (m.holderOrganisationId && !m.body) return <p class="hint">{s('outbox.personalWithheld')}</p>;
  return (
    <>
      <p>{s('outbox.passOn')}</p>
      <pre>{m.body}</pre>
    </>
  );
}

/** Messages about the people a connector's organisation holds: what each says, so a kept one can be passed on. */
export function HeldMessagesPage({ i18n, csrf, actor, messages }: { i18n: I18n; csrf: string; actor: Actor; messages: OutboxMessage[] }) {
  const s = i18n.staff;
  return (
    <StaffPage i18n={i18n} actor={actor} csrf={csrf} title={s('outbox.held.title')}>
      <h1>{s('outbox.held.title')}</h1>
      <p>{s('outbox.held.intro')}</p>
      {messages.length === 0 ? (
        <p>{s('outbox.none')}</p>
      ) : (
        messages.map((m) => (
          <article class="message">
            <h2>{m.subject}</h2>
            <p class="hint">{s('outbox.meta', { to: m.recipient, when: when(i18n, m.createdAt) })}</p>
            <p data-status={m.status}>{outboxProgress(i18n, m)}</p>
            {m.status === 'kept' || m.status === 'failed' ? (
              <MessageText i18n={i18n} m={m} />
            ) : (
              <details>
                <summary>{s('outbox.held.whatItSaid')}</summary>
                <pre>{m.body}</pre>
              </details>
            )}
          </article>
        ))
      )}
    </StaffPage>
  );
}
