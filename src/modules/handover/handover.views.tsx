/**
 * Hand-over pages (staff words only): on a person's record, "hand over to
 * another area" (offer to an organisation in this deployment, or export a
 * sealed package for another deployment); the receiving organisation's list
 * of incoming hand-overs with accept and decline, the import form, and the
 * page after acceptance that prompts re-matching in the new area.
 */
import { CsrfField } from '../../platform/auth/csrf.tsx';
import type { I18n } from '../../platform/i18n/i18n.ts';
import type { StaffKey } from '../../platform/i18n/staff-catalogue.ts';
import { ErrorMessage, type FieldProblem } from '../../platform/views/error-summary.tsx';
import { ButtonForm, PostForm, Radios, TextArea, TextField } from '../../platform/views/staff-forms.tsx';
import { StaffPage, type StaffViewBase } from '../../platform/views/staff-page.tsx';
import { HANDOVER_PARTS, MIN_PASSPHRASE } from './handover-package.ts';
import type { HandoverView, ImportedHistory, ReferralHistoryItem } from './handover.model.ts';

export type FormValues = Record<string, string[]>;

const sk = (k: string) => k as StaffKey;
const GIVEN_BY = ['verbal', 'written', 'self'] as const;

function errorFor(problems: FieldProblem[] | undefined, field: string): string | undefined {
  return problems?.find((p) => p.field === field)?.message;
}

function ScopeChoices({ i18n, prefix, values }: { i18n: I18n; prefix: string; values: FormValues }) {
  const s = i18n.staff;
  // Nothing is ticked for the person: each part is shared only when chosen.
  const chosen = values.scope ?? [];
  return (
    <fieldset>
      <legend>{s('handover.scope')}</legend>
      <p class="hint">{s('handover.scopeHint')}</p>
      {HANDOVER_PARTS.map((part) => (
        <div class="field choice">
          <input type="checkbox" id={`${prefix}scope-${part}`} name="scope" value={part} checked={chosen.includes(part)} />
          <label for={`${prefix}scope-${part}`}>{s(sk(`handover.part.${part}`))}</label>
        </div>
      ))}
    </fieldset>
  );
}

export function HandoverStatus({ i18n, h }: { i18n: I18n; h: HandoverView }) {
  const s = i18n.staff;
  return <strong class="tag">{s(sk(`handover.status.${h.status}`))}</strong>;
}

export function StartPage(
  p: StaffViewBase & {
    personId: string;
    personName: string;
    destinations: { id: string; name: string }[];
    handovers: HandoverView[];
    imported: ImportedHistory[];
    values?: FormValues;
    exportValues?: FormValues;
  },
) {
  const s = p.i18n.staff;
  const v = p.values ?? {};
  const ev = p.exportValues ?? {};
  const open = p.handovers.find((h) => h.status === 'offered');
  return (
    <StaffPage
      i18n={p.i18n}
      actor={p.actor}
      csrf={p.csrf}
      title={s('handover.title', { name: p.personName })}
      problems={p.problems}
      notice={p.notice}
    >
      <p>
        <a href={`/staff/people/${p.personId}`}>{s('handover.backToRecord', { name: p.personName })}</a>
      </p>
      <h1>{s('handover.title', { name: p.personName })}</h1>
      <p>{s('handover.intro')}</p>

      {p.handovers.length > 0 && (
        <section aria-labelledby="so-far">
          <h2 id="so-far">{s('handover.soFar')}</h2>
          <ul>
            {p.handovers.map((h) => (
              <li>
                {s('handover.offeredTo', { organisation: h.toOrganisation, date: p.i18n.formatDate(h.startedAt) })}{' '}
                <HandoverStatus i18n={p.i18n} h={h} />
              </li>
            ))}
          </ul>
        </section>
      )}

      <h2>{s('handover.sameHeading')}</h2>
      {open ? (
        <p>{s('handover.waiting', { organisation: open.toOrganisation })}</p>
      ) : p.destinations.length === 0 ? (
        <p>{s('handover.noDestinations')}</p>
      ) : (
        <PostForm action={`/staff/people/${p.personId}/handover`} csrf={p.csrf}>
          <Radios
            i18n={p.i18n}
            id="to"
            name="to"
            legend={s('handover.to')}
            hint={s('handover.toHint')}
            options={p.destinations.map((d) => ({ value: d.id, label: d.name }))}
            value={v.to?.[0]}
            error={errorFor(p.problems, 'to-0')}
          />
          <TextField
            i18n={p.i18n}
            id="newArea"
            label={s('handover.newArea')}
            hint={s('handover.newAreaHint')}
            value={v.newArea?.[0] ?? ''}
            size="short"
            error={errorFor(p.problems, 'newArea')}
          />
          <ScopeChoices i18n={p.i18n} prefix="" values={v} />
          <Radios
            i18n={p.i18n}
            id="givenBy"
            name="givenBy"
            legend={s('handover.consent')}
            hint={s('handover.consentHint')}
            options={GIVEN_BY.map((g) => ({ value: g, label: s(sk(`people.givenBy.${g}`)) }))}
            value={v.givenBy?.[0]}
            error={errorFor(p.problems, 'givenBy-0')}
          />
          <TextArea i18n={p.i18n} id="note" label={s('handover.note')} hint={s('handover.noteHint')} value={v.note?.[0] ?? ''} />
          <button type="submit">{s('handover.offer')}</button>
        </PostForm>
      )}

      <h2>{s('handover.exportHeading')}</h2>
      <p>{s('handover.exportIntro')}</p>
      <PostForm action={`/staff/people/${p.personId}/handover/export`} csrf={p.csrf}>
        <ScopeChoices i18n={p.i18n} prefix="x" values={ev} />
        <Radios
          i18n={p.i18n}
          id="xgivenBy"
          name="givenBy"
          legend={s('handover.consent')}
          options={GIVEN_BY.map((g) => ({ value: g, label: s(sk(`people.givenBy.${g}`)) }))}
          value={ev.givenBy?.[0]}
          error={errorFor(p.problems, 'xgivenBy-0')}
        />
        <TextField
          i18n={p.i18n}
          id="passphrase"
          type="password"
          autocomplete="new-password"
          label={s('handover.passphrase')}
          hint={s('handover.passphraseHint', { min: MIN_PASSPHRASE })}
          error={errorFor(p.problems, 'passphrase')}
        />
        <TextField
          i18n={p.i18n}
          id="passphraseAgain"
          type="password"
          autocomplete="new-password"
          label={s('handover.passphraseAgain')}
          error={errorFor(p.problems, 'passphraseAgain')}
        />
        <button type="submit" class="secondary">
          {s('handover.exportButton')}
        </button>
      </PostForm>

      {p.imported.length > 0 && <ImportedList i18n={p.i18n} imported={p.imported} />}
    </StaffPage>
  );
}

export function ImportedList({ i18n, imported }: { i18n: I18n; imported: ImportedHistory[] }) {
  const s = i18n.staff;
  return (
    <section aria-labelledby="imported">
      <h2 id="imported">{s('handover.importedHeading')}</h2>
      {imported.map((imp) => (
        <>
          <p>{s('handover.importedFrom', { organisation: imp.fromOrganisation ?? '—', date: i18n.formatDate(imp.exportedAt) })}</p>
          {imp.referrals.length === 0 ? (
            <p>{s('handover.noReferrals')}</p>
          ) : (
            <ul>
              {imp.referrals.map((r) => (
                <li>
                  <span dir="auto">{r.need}</span>
                  <ul>
                    {r.attempts.map((a) => (
                      <li>
                        <span dir="auto">{a.serviceName}</span>: {s(sk(`referrals.staffState.${a.state}`))}
                        {a.sentAt ? ` (${i18n.formatDate(new Date(a.sentAt))})` : ''}
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          )}
        </>
      ))}
    </section>
  );
}

function scopeText(i18n: I18n, scope: string[]): string {
  return scope.map((x) => i18n.staff(sk(x === 'record' ? 'handover.part.record' : `handover.part.${x}`))).join(', ');
}

export function IncomingPage(p: StaffViewBase & { items: HandoverView[] }) {
  const s = p.i18n.staff;
  return (
    <StaffPage i18n={p.i18n} actor={p.actor} csrf={p.csrf} title={s('handover.incomingTitle')} problems={p.problems} notice={p.notice}>
      <h1>{s('handover.incomingTitle')}</h1>
      {p.items.length === 0 && <p>{s('handover.incomingNone')}</p>}
      {p.items.map((h) => (
        <section class="card" aria-labelledby={`h-${h.id}`}>
          <h2 id={`h-${h.id}`} dir="auto">
            {h.personName}
          </h2>
          <dl class="summary">
            <dt>{s('handover.from')}</dt>
            <dd>{h.fromOrganisation}</dd>
            <dt>{s('handover.offeredOn')}</dt>
            <dd>{p.i18n.formatDate(h.startedAt)}</dd>
            <dt>{s('handover.newArea')}</dt>
            <dd>{h.newArea ?? '—'}</dd>
            <dt>{s('handover.travels')}</dt>
            <dd>{scopeText(p.i18n, h.scope)}</dd>
            {h.note && (
              <>
                <dt>{s('handover.note')}</dt>
                <dd dir="auto">{h.note}</dd>
              </>
            )}
          </dl>
          <ButtonForm action={`/staff/handovers/${h.id}/accept`} csrf={p.csrf} label={s('handover.accept', { name: h.personName })} />
          <PostForm action={`/staff/handovers/${h.id}/decline`} csrf={p.csrf}>
            <TextField i18n={p.i18n} id={`declineNote-${h.id}`} name="declineNote" label={s('handover.declineNote')} />
            <button type="submit" class="warning">
              {s('handover.decline', { name: h.personName })}
            </button>
          </PostForm>
        </section>
      ))}

      <h2 id="import">{s('handover.importHeading')}</h2>
      <p>{s('handover.importIntro')}</p>
      <form method="post" action="/staff/handovers/import" enctype="multipart/form-data" novalidate>
        <CsrfField token={p.csrf} />
        <div class={errorFor(p.problems, 'package') ? 'field err-field' : 'field'}>
          <label for="package">{s('handover.importFile')}</label>
          {errorFor(p.problems, 'package') && <ErrorMessage i18n={p.i18n} id="package-error" message={errorFor(p.problems, 'package')!} />}
          <input
            type="file"
            id="package"
            name="package"
            accept=".json,application/json"
            aria-describedby={errorFor(p.problems, 'package') ? 'package-error' : undefined}
          />
        </div>
        <TextField
          i18n={p.i18n}
          id="importPassphrase"
          name="passphrase"
          type="password"
          autocomplete="off"
          label={s('handover.passphrase')}
          error={errorFor(p.problems, 'importPassphrase')}
        />
        <Radios
          i18n={p.i18n}
          id="igivenBy"
          name="givenBy"
          legend={s('handover.importConsent')}
          options={GIVEN_BY.map((g) => ({ value: g, label: s(sk(`people.givenBy.${g}`)) }))}
          error={errorFor(p.problems, 'igivenBy-0')}
        />
        <button type="submit">{s('handover.importButton')}</button>
      </form>
    </StaffPage>
  );
}

export function AcceptedPage(p: StaffViewBase & { h: HandoverView & { referrals: ReferralHistoryItem[] } }) {
  const s = p.i18n.staff;
  const h = p.h;
  const base = `/staff/people/${h.personId}`;
  return (
    <StaffPage i18n={p.i18n} actor={p.actor} csrf={p.csrf} title={s('handover.acceptedTitle', { name: h.personName })} notice={p.notice}>
      <h1>{s('handover.acceptedTitle', { name: h.personName })}</h1>
      <p>
        {s('handover.from')}: {h.fromOrganisation} <HandoverStatus i18n={p.i18n} h={h} />
      </p>
      {h.status === 'accepted' && (
        <>
          <h2>{s('handover.nextHeading')}</h2>
          <ol>
            <li>
              <a href={`${base}/edit`}>{s('handover.checkArea', { area: h.newArea ?? '—' })}</a>
            </li>
            <li>
              <a href={`${base}/suggestions`}>{s('handover.rematch')}</a>
            </li>
          </ol>
          <h2>{s('handover.broughtHeading')}</h2>
          <ul>
            <li>
              <a href={base}>{s('handover.openRecord')}</a>
            </li>
            {h.scope.includes('plan') && (
              <li>
                <a href={`${base}/plan`}>{s('handover.openPlan')}</a>
              </li>
            )}
            {h.scope.includes('measures') && (
              <li>
                <a href={`${base}/measures`}>{s('handover.openMeasures')}</a>
              </li>
            )}
          </ul>
          <h3>{s('handover.referralsHeading')}</h3>
          {h.referrals.length === 0 ? (
            <p>{s('handover.noReferrals')}</p>
          ) : (
            <ul>
              {h.referrals.map((r) => (
                <li>
                  <a href={`/staff/referrals/${r.referralId}`} dir="auto">
                    {r.need}
                  </a>
                  : {r.attempts.map((a) => `${a.serviceName} (${s(sk(`referrals.staffState.${a.state}`))})`).join('; ')}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </StaffPage>
  );
}
