/**
 * The crisis route's pages: the urgent options (in the person's language,
 * each number a tap-to-call link), the connector's "tell the safeguarding
 * lead" form under them, the person's own version at /my, the
 * organisation's safeguarding page (open concerns, the named lead) and the
 * section on the person's record.
 */
import type { Actor } from '../../platform/auth/actor.ts';
import type { MessageKey } from '../../platform/i18n/catalogue.ts';
import type { I18n } from '../../platform/i18n/i18n.ts';
import { ButtonForm, PostForm, TextArea } from '../../platform/views/staff-forms.tsx';
import { StaffPage } from '../../platform/views/staff-page.tsx';
import { isKnownOption, telHref, type CrisisConfig } from './crisis.ts';
import { MAX_NOTE, ukTime, type Raised } from './crisis.service.ts';

/** The deployment's urgent options, most urgent first, in the reader's language. */
export function CrisisOptions({ i18n, config }: { i18n: I18n; config: CrisisConfig }) {
  const { t } = i18n;
  return (
    <>
      <p>
        <strong>{t('crisis.intro')}</strong>
      </p>
      <ul class="crisis-options">
        {config.options.map((o) => (
          <li data-option={o.code}>
            <h2>
              {isKnownOption(o.code) ? (
                t(`crisis.option.${o.code}.name` as MessageKey)
              ) : (
                <span lang="en" dir="ltr">
                  {o.name}
                </span>
              )}
            </h2>
            <p>{t((isKnownOption(o.code) ? `crisis.option.${o.code}.when` : 'crisis.option.local.when') as MessageKey)}</p>
            <p>
              <a class="button" href={telHref(o.phone)}>
                {t('crisis.call', { phone: o.phone })}
              </a>
            </p>
          </li>
        ))}
      </ul>
      <p class="hint">{t('crisis.interpreter')}</p>
    </>
  );
}

/**
 * The connector's page, inside the conversation frame: the options in the
 * person's language (so the screen can be turned round), then, in staff
 * words, the form that records the concern, or what happened once it is.
 */
export function StaffCrisisBody(p: {
  i18n: I18n;
  staff: I18n;
  csrf: string;
  config: CrisisConfig;
  personId: string;
  from: 'conversation' | 'record';
  raised: Raised | null;
  noteError?: string;
  note?: string;
  backTo: string;
}) {
  const s = p.staff.staff;
  return (
    <>
      <h1>{p.i18n.t('crisis.title')}</h1>
      <CrisisOptions i18n={p.i18n} config={p.config} />
      <section class="noprint" lang={p.staff.locale} dir={p.staff.dir} id="tell-lead">
        <h2>{s('safety.crisis.recordHeading')}</h2>
        {p.raised ? (
          <div class="note" role="status">
            {p.raised.leadName
              ? s('safety.crisis.raised', { lead: p.raised.leadName, time: ukTime(p.raised.acknowledgeBy) })
              : s('safety.crisis.raisedNoLead', { time: ukTime(p.raised.acknowledgeBy) })}
          </div>
        ) : (
          <PostForm action={`/staff/people/${p.personId}/crisis`} csrf={p.csrf}>
            <p>{s('safety.crisis.recordHint')}</p>
            <input type="hidden" name="from" value={p.from} />
            <TextArea
              i18n={p.staff}
              id="note"
              label={s('safety.crisis.note')}
              hint={s('safety.crisis.noteHint')}
              maxlength={MAX_NOTE}
              value={p.note ?? ''}
              error={p.noteError}
            />
            <button type="submit" class="warning">
              {s('safety.crisis.send')}
            </button>
          </PostForm>
        )}
        <p>
          <a href={p.backTo}>{p.from === 'conversation' ? s('safety.crisis.backToConversation') : s('safety.crisis.backToRecord')}</a>
        </p>
      </section>
    </>
  );
}

/** The person's own page at /my/crisis: the options, and (signed in) "tell my connector's organisation". */
export function MyCrisisBody(p: { i18n: I18n; config: CrisisConfig; organisation: string | null; sent: boolean; signedIn: boolean }) {
  const { t } = p.i18n;
  return (
    <>
      <h1>{t('crisis.title')}</h1>
      {p.sent && p.organisation && (
        <div class="note" role="status">
          {t('crisis.my.sent', { organisation: p.organisation })}
        </div>
      )}
      <CrisisOptions i18n={p.i18n} config={p.config} />
      {p.signedIn && p.organisation && !p.sent && (
        <section id="tell">
          <h2>{t('crisis.my.heading', { organisation: p.organisation })}</h2>
          <form method="post" action="/my/crisis" novalidate>
            <p>{t('crisis.my.hint', { organisation: p.organisation })}</p>
            <TextArea i18n={p.i18n} id="note" label={t('crisis.my.note')} maxlength={MAX_NOTE} />
            <button type="submit">{t('crisis.my.send')}</button>
          </form>
        </section>
      )}
      {!p.signedIn && (
        <p>
          <a href="/my">{t('crisis.my.signIn')}</a>
        </p>
      )}
      <p>
        <a href="/my">{t('crisis.back')}</a>
      </p>
    </>
  );
}

export interface ConcernRow {
  id: string;
  source: 'conversation' | 'record' | 'my';
  raised_at: Date;
  note: string | null;
  acknowledge_by: Date;
  acknowledged_at: Date | null;
  escalated_at: Date | null;
  raised_by_name: string | null;
  lead_name: string | null;
  acknowledged_by_name: string | null;
}

/** One concern as the record shows it: who raised it and where, the note, and where it stands. */
export function ConcernItem({ i18n, csrf, c, canAcknowledge }: { i18n: I18n; csrf: string; c: ConcernRow; canAcknowledge: boolean }) {
  const s = i18n.staff;
  const source = s(`safety.source.${c.source}`);
  const at = (d: Date) => ukTime(new Date(d));
  return (
    <li data-concern={c.id} class={c.acknowledged_at ? undefined : 'warn'}>
      <p>
        {c.raised_by_name
          ? s('safety.panel.raisedBy', { time: at(c.raised_at), name: c.raised_by_name, source })
          : s('safety.panel.raisedByPerson', { time: at(c.raised_at), source })}
      </p>
      {c.note && <p>{s('safety.panel.note', { note: c.note })}</p>}
      <p>
        <strong class="tag">
          {c.acknowledged_at
            ? s('safety.panel.acknowledged', { name: c.acknowledged_by_name ?? '', time: at(c.acknowledged_at) })
            : c.lead_name
              ? s('safety.panel.waiting', { lead: c.lead_name, time: at(c.acknowledge_by) })
              : s('safety.panel.waitingNoLead', { time: at(c.acknowledge_by) })}
        </strong>
        {!c.acknowledged_at && c.escalated_at && <> {s('safety.panel.escalated', { time: at(c.escalated_at) })}</>}
      </p>
      {!c.acknowledged_at && canAcknowledge && (
        <ButtonForm action={`/staff/safeguarding/${c.id}/acknowledge`} csrf={csrf} label={s('safety.panel.acknowledge')} />
      )}
    </li>
  );
}

export interface LeadRow {
  id: string;
  name: string;
  lead_account_id: string | null;
  lead_name: string | null;
  connectors: { id: string; name: string }[];
}

export function SafeguardingPage(p: {
  i18n: I18n;
  actor: Actor;
  csrf: string;
  now: Date;
  open: { id: string; person_id: string; display_name: string; raised_at: Date; acknowledge_by: Date; escalated_at: Date | null }[] | null;
  leads: LeadRow[];
  notice?: string;
  error?: string;
}) {
  const s = p.i18n.staff;
  return (
    <StaffPage i18n={p.i18n} actor={p.actor} csrf={p.csrf} title={s('safety.page.title')} notice={p.notice}>
      <h1>{s('safety.page.title')}</h1>
      {p.error && (
        <div class="note warn" role="alert">
          {p.error}
        </div>
      )}
      {p.open && (
        <section id="open">
          <h2>{s('safety.page.open')}</h2>
          {p.open.length === 0 && <p>{s('safety.page.noneOpen')}</p>}
          <ul>
            {p.open.map((c) => (
              <li data-concern={c.id}>
                <a href={`/staff/people/${c.person_id}#safeguarding`}>{c.display_name}</a>:{' '}
                {s('safety.page.openItem', { time: ukTime(new Date(c.raised_at)), due: ukTime(new Date(c.acknowledge_by)) })}
                {new Date(c.acknowledge_by) <= p.now && <strong class="tag warn"> {s('safety.page.overdue')}</strong>}{' '}
                <ButtonForm action={`/staff/safeguarding/${c.id}/acknowledge`} csrf={p.csrf} label={s('safety.panel.acknowledge')} />
              </li>
            ))}
          </ul>
        </section>
      )}
      {p.leads.length > 0 && (
        <section id="leads">
          <h2>{s('safety.page.leads')}</h2>
          <p>{s('safety.page.leadsHint')}</p>
          {p.leads.map((o) => (
            <PostForm action={`/staff/safeguarding/leads/${o.id}`} csrf={p.csrf}>
              {o.connectors.length === 0 ? (
                <p>{s('safety.page.noConnectors', { organisation: o.name })}</p>
              ) : (
                <div class="field">
                  <label for={`lead-${o.id}`}>{s('safety.page.lead', { organisation: o.name })}</label>
                  <select id={`lead-${o.id}`} name="lead">
                    {!o.lead_account_id && (
                      <option value="" selected>
                        {s('safety.page.noLead')}
                      </option>
                    )}
                    {o.connectors.map((a) => (
                      <option value={a.id} selected={a.id === o.lead_account_id}>
                        {a.name}
                      </option>
                    ))}
                  </select>
                  <button type="submit" class="secondary">
                    {s('safety.page.save')}
                  </button>
                </div>
              )}
            </PostForm>
          ))}
        </section>
      )}
    </StaffPage>
  );
}
