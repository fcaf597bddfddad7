/**
 * The connector's referral pages: "today" (what is due and overdue), starting
 * a referral for a person, and one referral with its attempts, what each
 * recipient sees, the full history and the referrer's actions.
 */
import { canPlanBuddy } from './buddy-sessions.ts';
import type { I18n } from '../../platform/i18n/i18n.ts';
import type { StaffKey } from '../../platform/i18n/staff-catalogue.ts';
import { ErrorMessage, type FieldProblem } from '../../platform/views/error-summary.tsx';
import { ButtonForm, Checkbox, PostForm, Radios, TextArea, TextField } from '../../platform/views/staff-forms.tsx';
import { StaffPage, type StaffViewBase } from '../../platform/views/staff-page.tsx';
import type { ReferralInput } from './referral-form.ts';
import { REFERRAL_ROUTES } from '../reports/categories.ts';
import {
  AttemptFacts,
  dayText,
  errorFor,
  EventForm,
  eventsFor,
  History,
  NextStepLine,
  SharedFields,
  StateTag,
  SupportList,
} from './referral-parts.tsx';
import { personStateKey } from './person-state-words.ts';
import { SHAREABLE_FIELDS } from './referral-sharing.ts';
import { CLOSED_STATES, type ServiceProblem } from './referral-states.ts';
import { CHECK_IN_EVENTS, REFERRER_EVENTS, type GroupView, type ReferralDetail, type TodayItem } from './referrals.service.ts';
import { GROUP_EVENTS } from './group-link.ts';

export function TodayPage({ i18n, csrf, actor, items, notice }: StaffViewBase & { items: TodayItem[] }) {
  const s = i18n.staff;
  return (
    <StaffPage i18n={i18n} actor={actor} csrf={csrf} title={s('referrals.today.title')} notice={notice}>
      <h1>{s('referrals.today.title')}</h1>
      <p>{s('referrals.today.intro')}</p>
      {items.length === 0 ? (
        <p>{s('referrals.today.empty')}</p>
      ) : (
        <table>
          <caption class="vh">{s('referrals.today.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{s('referrals.col.person')}</th>
              <th scope="col">{s('referrals.col.service')}</th>
              <th scope="col">{s('referrals.col.state')}</th>
              <th scope="col">{s('referrals.col.next')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((a) => (
              <tr class={a.next?.urgency === 'overdue' ? 'overdue' : undefined}>
                <td>
                  <a href={`/staff/referrals/${a.referralId}`} dir="auto">
                    {a.personName}
                  </a>
                  <br />
                  <span class="hint" dir="auto">
                    {a.need}
                  </span>
                </td>
                <td dir="auto">{a.serviceName}</td>
                <td>
                  <StateTag i18n={i18n} state={a.state} />
                </td>
                <td>
                  <NextStepLine i18n={i18n} next={a.next} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </StaffPage>
  );
}

export function NewReferralPage({
  i18n,
  csrf,
  actor,
  personId,
  personName,
  value,
  problems = [],
}: StaffViewBase & { personId: string; personName: string; value?: ReferralInput }) {
  const s = i18n.staff;
  return (
    <StaffPage i18n={i18n} actor={actor} csrf={csrf} title={s('referrals.new.title')} problems={problems}>
      <h1>{s('referrals.new.heading', { name: personName })}</h1>
      <PostForm action={`/staff/people/${personId}/referrals`} csrf={csrf}>
        <TextArea
          i18n={i18n}
          id="need"
          label={s('referrals.new.need')}
          hint={s('referrals.new.needHint')}
          error={errorFor(problems, 'need')}
          value={value?.need}
          maxlength={2000}
        />
        <TextArea
          i18n={i18n}
          id="summary"
          label={s('referrals.new.summary')}
          hint={s('referrals.new.summaryHint')}
          value={value?.summary ?? ''}
          maxlength={4000}
        />
        <fieldset>
          <legend>{s('referrals.new.support')}</legend>
          <Checkbox id="interpreterNeeded" label={s('referrals.new.interpreterNeeded')} checked={value?.interpreterNeeded} />
          <TextField
            i18n={i18n}
            id="interpreterLanguage"
            label={s('referrals.new.interpreterLanguage')}
            hint={s('referrals.new.interpreterLanguageHint')}
            error={errorFor(problems, 'interpreterLanguage')}
            value={value?.interpreterLanguage ?? ''}
            maxlength={100}
          />
          <Checkbox id="accompanyWanted" label={s('referrals.new.accompanyWanted')} checked={value?.accompanyWanted} />
          <Checkbox id="transportNeeded" label={s('referrals.new.transportNeeded')} checked={value?.transportNeeded} />
          <Checkbox id="childcareNeeded" label={s('referrals.new.childcareNeeded')} checked={value?.childcareNeeded} />
        </fieldset>
        <Radios
          i18n={i18n}
          id="route"
          name="route"
          legend={s('referrals.new.route')}
          hint={s('referrals.new.routeHint')}
          error={errorFor(problems, 'route-0')}
          options={[
            ...REFERRAL_ROUTES.map((r) => ({ value: r, label: s(`reports.value.route.${r}` as StaffKey) })),
            { value: 'not_recorded', label: s('referrals.new.route.notRecorded') },
          ]}
          value={value?.route ?? 'not_recorded'}
        />
        <button type="submit">{s('referrals.new.submit')}</button>
      </PostForm>
    </StaffPage>
  );
}

export interface ServiceChoice {
  id: string;
  name: string;
  organisation: string;
  available: boolean;
  problem: ServiceProblem | null;
}

function ServiceSearch({
  i18n,
  csrf,
  referralId,
  query,
  results,
  postTo,
  version,
  rerouteAttempt,
}: {
  i18n: I18n;
  csrf: string;
  referralId: string;
  query: string;
  results: ServiceChoice[] | null;
  postTo: string;
  version?: number;
  rerouteAttempt?: string;
}) {
  const s = i18n.staff;
  return (
    <div class="service-search">
      <form method="get" action={`/staff/referrals/${referralId}`} role="search">
        <TextField
          i18n={i18n}
          id={`q-${rerouteAttempt ?? 'new'}`}
          name="q"
          type="search"
          label={s('referrals.choose.search')}
          hint={s('referrals.choose.searchHint')}
          value={query}
        />
        {rerouteAttempt && <input type="hidden" name="reroute" value={rerouteAttempt} />}
        <button type="submit" class="secondary">
          {s('referrals.choose.find')}
        </button>
      </form>
      {results && results.length === 0 && <p>{s('referrals.choose.noResults')}</p>}
      {results && results.length > 0 && (
        <ul class="choices">
          {results.map((r) => (
            <li>
              <span dir="auto">{r.name}</span> <span class="hint">({r.organisation})</span>{' '}
              {r.available ? (
                <PostForm action={postTo} csrf={csrf} class="inline">
                  <input type="hidden" name="serviceId" value={r.id} />
                  {version !== undefined && <input type="hidden" name="version" value={String(version)} />}
                  <button type="submit" class="secondary">
                    {s('referrals.choose.choose', { name: r.name })}
                  </button>
                </PostForm>
              ) : (
                <strong class="tag warn">
                  {s(
                    `referrals.error.${r.problem === 'no_such_service' ? 'noSuchService' : r.problem === 'not_accepting' ? 'notAccepting' : r.problem === 'no_recipient' ? 'noRecipient' : (r.problem ?? 'full')}` as StaffKey,
                  )}
                </strong>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function SendForm({
  i18n,
  csrf,
  r,
  a,
  problems,
  values,
}: {
  i18n: I18n;
  csrf: string;
  r: ReferralDetail;
  a: ReferralDetail['attempts'][number];
  problems: readonly FieldProblem[];
  /** What was chosen on a form sent back with a problem; nothing is ticked or chosen for the person. */
  values?: SendValues;
}) {
  const s = i18n.staff;
  const action = `/staff/referrals/${r.id}/attempts/${a.id}/send`;
  const mine = values?.attemptId === a.id ? values : undefined;
  return (
    <PostForm action={action} csrf={csrf}>
      <input type="hidden" name="version" value={String(a.version)} />
      <div class={errorFor(problems, 'fields') ? 'field err-field' : 'field'}>
        <fieldset id="fields">
          <legend>{s('referrals.send.fields')}</legend>
          <p class="hint">{s('referrals.send.fieldsHint')}</p>
          {errorFor(problems, 'fields') && <ErrorMessage i18n={i18n} id="fields-error" message={errorFor(problems, 'fields')!} />}
          {SHAREABLE_FIELDS.map((f) =>
            r.shareable.includes(f) ? (
              <Checkbox
                id={`field-${f}`}
                name={`field-${f}`}
                label={s(`referrals.field.${f}` as StaffKey)}
                checked={mine?.fields.includes(f) ?? false}
              />
            ) : (
              <p class="hint">{s('referrals.send.contactNotAllowed')}</p>
            ),
          )}
        </fieldset>
      </div>
      <Radios
        i18n={i18n}
        id="givenBy"
        name="givenBy"
        legend={s('referrals.send.givenBy')}
        options={[
          { value: 'verbal', label: s('referrals.givenBy.verbal') },
          { value: 'written', label: s('referrals.givenBy.written') },
          { value: 'self', label: s('referrals.givenBy.self') },
        ]}
        value={mine?.givenBy}
        error={errorFor(problems, 'givenBy')}
      />
      {a.group && <GroupContactChoice i18n={i18n} group={a.group} problems={problems} value={mine?.groupContact} />}
      <button type="submit">{s('referrals.send.submit', { service: a.serviceName })}</button>
    </PostForm>
  );
}

/** For a group with no account: a link to its listed contact, or the connector's phone (nothing chosen for them). */
function GroupContactChoice({
  i18n,
  group,
  problems,
  value,
}: {
  i18n: I18n;
  group: GroupView;
  problems: readonly FieldProblem[];
  value: string | undefined;
}) {
  const s = i18n.staff;
  if (!group.canLink)
    return <p class="callout">{s(group.optedOut ? 'referrals.group.phoneOnlyOptedOut' : 'referrals.group.phoneOnlyNoContact')}</p>;
  return (
    <Radios
      i18n={i18n}
      id="groupContact"
      name="groupContact"
      legend={s('referrals.group.chooseLegend')}
      options={[
        { value: 'link', label: s('referrals.group.chooseLink', { to: group.email ?? group.textNumber ?? '' }) },
        { value: 'phone', label: s('referrals.group.choosePhone') },
      ]}
      value={value}
      error={errorFor(problems, 'groupContact')}
    />
  );
}

/** A sent attempt to a group with no account: its link, how to reach the group, and the steps the connector records for it. */
function GroupBox({
  i18n,
  csrf,
  r,
  a,
  problems,
}: {
  i18n: I18n;
  csrf: string;
  r: ReferralDetail;
  a: ReferralDetail['attempts'][number];
  problems: readonly FieldProblem[];
}) {
  const s = i18n.staff;
  const g = a.group!;
  const l = g.link;
  const day = (d: Date) => dayText(i18n, d.toISOString().slice(0, 10));
  const open = !CLOSED_STATES.has(a.state);
  const steps = eventsFor(a.state, 'recipient', GROUP_EVENTS);
  return (
    <div class="group-box">
      <h4>{s('referrals.group.heading')}</h4>
      {g.optedOut && (
        <p class="note warn">
          <strong>{s('referrals.group.optedOut')}</strong>
        </p>
      )}
      <p>{g.phone ? s('referrals.group.phoneIs', { phone: g.phone }) : s('referrals.group.noPhone')}</p>
      {l ? (
        <p>
          {l.state === 'live'
            ? s('referrals.group.linkLive', { to: l.sentTo, date: day(l.createdAt), until: day(l.expiresAt) })
            : s(
                `referrals.group.link${l.state === 'expired' ? 'Expired' : l.state === 'replaced' ? 'Replaced' : l.state === 'stopped' ? 'Stopped' : 'Closed'}` as StaffKey,
                { to: l.sentTo, date: day(l.createdAt) },
              )}
        </p>
      ) : (
        <p>{s('referrals.group.noLink')}</p>
      )}
      {open && g.canLink && (
        <ButtonForm
          action={`/staff/referrals/${r.id}/attempts/${a.id}/group-link/send`}
          csrf={csrf}
          label={s('referrals.group.sendLink', { to: g.email ?? g.textNumber ?? '' })}
          variant="secondary"
        />
      )}
      {open && l?.state === 'live' && (
        <ButtonForm
          action={`/staff/referrals/${r.id}/attempts/${a.id}/group-link/stop`}
          csrf={csrf}
          label={s('referrals.group.stopLink')}
          variant="secondary"
        />
      )}
      {steps.length > 0 && (
        <>
          <h4>{s('referrals.group.recordHeading')}</h4>
          <p class="hint">{s('referrals.group.recordHint')}</p>
          {steps.map((ev) => (
            <EventForm
              i18n={i18n}
              csrf={csrf}
              action={`/staff/referrals/${r.id}/attempts/${a.id}/group/${ev}`}
              event={ev}
              version={a.version}
              problems={problems}
              companions={r.companions}
            />
          ))}
        </>
      )}
    </div>
  );
}

export interface SendValues {
  attemptId: string;
  fields: readonly string[];
  givenBy?: string;
  groupContact?: string;
}

export interface ReferralPageProps extends StaffViewBase {
  /** The send form's choices when it comes back with a problem. */
  sendValues?: SendValues;
  r: ReferralDetail;
  query: string;
  results: ServiceChoice[] | null;
  /** The attempt being re-routed (its "choose another service" search is open). */
  rerouting: string | null;
  /** Shown when a form was made from an older version. */
  stale?: boolean;
}

export function ReferralPage({
  i18n,
  csrf,
  actor,
  r,
  query,
  results,
  rerouting,
  problems = [],
  notice,
  stale,
  sendValues,
}: ReferralPageProps) {
  const s = i18n.staff;
  const open = r.attempts.filter((a) => !CLOSED_STATES.has(a.state));
  return (
    <StaffPage
      i18n={i18n}
      actor={actor}
      csrf={csrf}
      title={s('referrals.page.title', { name: r.personName })}
      problems={problems}
      notice={notice}
    >
      <h1>
        {s('referrals.page.heading')} <span dir="auto">{r.personName}</span>
      </h1>
      {stale && (
        <div class="note warn" role="alert">
          <p>{s('referrals.error.stale')}</p>
        </div>
      )}
      <p>
        <a href="/staff/referrals">{s('referrals.page.backToday')}</a>
        {' · '}
        <a href={`/staff/referrals/${r.id}/fhir`} download>
          {s('fhir.download')}
        </a>
      </p>
      <h2>{s('referrals.page.need')}</h2>
      <p dir="auto">{r.need}</p>
      {r.summary && <p dir="auto">{r.summary}</p>}
      <h2>{s('referrals.page.support')}</h2>
      <SupportList i18n={i18n} support={r.support} />

      <h2>{s('referrals.page.attempts')}</h2>
      {r.attempts.length === 0 && <p>{s('referrals.page.noAttempts')}</p>}
      {r.attempts.map((a) => (
        <section class="attempt" aria-labelledby={`attempt-${a.id}`}>
          <h3 id={`attempt-${a.id}`}>
            <span dir="auto">{a.serviceName}</span> <StateTag i18n={i18n} state={a.state} />
          </h3>
          <p class="hint">{i18n.t(personStateKey(a.state, a.declineReason))}</p>
          <NextStepLine i18n={i18n} next={a.next} />
          <AttemptFacts i18n={i18n} a={a} />
          {a.sentAt && (
            <>
              <h4>{s('referrals.page.whatTheySee', { organisation: a.recipientName ?? a.serviceName })}</h4>
              {a.shareConsentInForce ? (
                <>
                  <SharedFields i18n={i18n} shared={r.previews[a.id] ?? {}} />
                  {!CLOSED_STATES.has(a.state) && (
                    <ButtonForm
                      action={`/staff/referrals/${r.id}/attempts/${a.id}/share-withdrawn`}
                      csrf={csrf}
                      label={s('referrals.page.consentWithdrawn')}
                      variant="warning"
                    />
                  )}
                </>
              ) : (
                <p class="note warn">{s('referrals.page.consentWasWithdrawn')}</p>
              )}
            </>
          )}
          {a.state === 'draft' && <SendForm i18n={i18n} csrf={csrf} r={r} a={a} problems={problems} values={sendValues} />}
          {a.group && a.sentAt && <GroupBox i18n={i18n} csrf={csrf} r={r} a={a} problems={problems} />}
          {eventsFor(a.state, 'referrer', REFERRER_EVENTS)
            // For a group with no account, the connector records these steps as the group's (above).
            .filter((ev) => !(a.group && a.sentAt && GROUP_EVENTS.includes(ev)))
            .map((ev) => (
              <EventForm
                i18n={i18n}
                csrf={csrf}
                action={`/staff/referrals/${r.id}/attempts/${a.id}/${ev}`}
                event={ev}
                version={a.version}
                problems={problems}
                companions={r.companions}
              />
            ))}
          {a.state !== 'draft' && canPlanBuddy(a.state) && (
            <p>
              <a href={`/staff/visits/plan/${a.id}`}>{s('buddy.plan.link')}</a>
            </p>
          )}
          {eventsFor(a.state, 'person', CHECK_IN_EVENTS).length > 0 && (
            <div class="check-in">
              <h4>{s('referrals.checkIn.heading')}</h4>
              <p class="hint">{s('referrals.checkIn.hint')}</p>
              {eventsFor(a.state, 'person', CHECK_IN_EVENTS).map((ev) => (
                <EventForm
                  i18n={i18n}
                  csrf={csrf}
                  action={`/staff/referrals/${r.id}/attempts/${a.id}/check-in/${ev}`}
                  event={ev}
                  version={a.version}
                  problems={[]}
                  label={s(`referrals.checkIn.${ev}` as StaffKey)}
                  values={ev === 'not_taken_up' ? { reason: 'person_chose_not_to' } : {}}
                />
              ))}
            </div>
          )}
          {!a.redirectedTo &&
            (a.state === 'declined' || a.state === 'expired' || a.state === 'not_taken_up' || !CLOSED_STATES.has(a.state)) &&
            a.state !== 'draft' && (
              <details class="event-form" open={rerouting === a.id}>
                <summary>{s('referrals.action.reroute')}</summary>
                <ServiceSearch
                  i18n={i18n}
                  csrf={csrf}
                  referralId={r.id}
                  query={rerouting === a.id ? query : ''}
                  results={rerouting === a.id ? results : null}
                  postTo={`/staff/referrals/${r.id}/attempts/${a.id}/reroute`}
                  version={a.version}
                  rerouteAttempt={a.id}
                />
              </details>
            )}
        </section>
      ))}
      {open.length === 0 && (
        <section aria-labelledby="choose-heading">
          <h2 id="choose-heading">{s('referrals.choose.heading')}</h2>
          <ServiceSearch
            i18n={i18n}
            csrf={csrf}
            referralId={r.id}
            query={rerouting ? '' : query}
            results={rerouting ? null : results}
            postTo={`/staff/referrals/${r.id}/attempts`}
          />
        </section>
      )}
      <h2>{s('referrals.page.history')}</h2>
      <History i18n={i18n} events={r.events} />
      <p class="hint">{s('referrals.page.created', { date: dayText(i18n, r.createdAt.toISOString().slice(0, 10)) })}</p>
    </StaffPage>
  );
}
