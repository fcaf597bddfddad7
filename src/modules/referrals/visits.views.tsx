/**
 * "Visits you are going with": a volunteer's first visits and sessions as
 * companion or travel buddy — the service, its public place, the date, and
 * for each of their own sessions the time and meeting point, whom to call if
 * plans change, and "how did it go" once the day has come; of the person
 * only what was shared with their consent (chosen name, language).
 */
import type { FieldProblem } from '../../platform/views/error-summary.tsx';
import { PostForm, Radios, TextArea } from '../../platform/views/staff-forms.tsx';
import { StaffPage, type StaffViewBase } from '../../platform/views/staff-page.tsx';
import type { I18n } from '../../platform/i18n/i18n.ts';
import { MAX_OUTCOME_NOTE, type Reach } from './buddy-sessions.ts';
import { dayText, SharedFields } from './referral-parts.tsx';
import { BUDDY_OUTCOMES } from './referral-states.ts';
import type { CompanionVisit } from './visits.service.ts';

type Session = CompanionVisit['sessions'][number];

function ReachPerson({ i18n, reach }: { i18n: I18n; reach: Reach }) {
  const s = i18n.staff;
  if (reach.who === 'person')
    return (
      <p class="reach">
        {s('visits.reachPerson', { phone: reach.phone })}{' '}
        {reach.safeToCall ? s('visits.safeToCall') : reach.safeToText ? s('visits.textOnly') : ''}
      </p>
    );
  return (
    <p class="reach">
      {s('visits.reachCoordinator', { name: reach.name, organisation: reach.organisation })}{' '}
      <a href={`mailto:${reach.email}`}>{reach.email}</a>
    </p>
  );
}

function SessionItem({
  i18n,
  csrf,
  v,
  x,
  today,
  problems,
}: {
  i18n: I18n;
  csrf: string;
  v: CompanionVisit;
  x: Session;
  today: string;
  problems: readonly FieldProblem[];
}) {
  const s = i18n.staff;
  const id = (f: string) => `o-${x.id}-${f}`;
  const err = (f: string) => problems.find((p) => p.field === id(f) || p.field === `${id(f)}-0`)?.message;
  return (
    <li data-session={x.id}>
      <h3>{x.number === 1 ? s('visits.firstVisit') : s('visits.sessionNumber', { n: x.number })}</h3>
      <dl>
        <dt>{s('visits.when')}</dt>
        <dd>{s('visits.dateTime', { date: dayText(i18n, x.date), time: x.time })}</dd>
        <dt>{s('visits.meetingPoint')}</dt>
        <dd dir="auto">{x.meetingPoint}</dd>
      </dl>
      {x.outcome ? (
        <p class="outcome">
          {s('visits.outcomeSaid', { outcome: x.outcome })}
          {x.outcomeNote ? <span dir="auto"> — {x.outcomeNote}</span> : null}
        </p>
      ) : x.date <= today && (v.state === 'first_visit_booked' || v.state === 'attending') ? (
        <PostForm action={`/staff/visits/sessions/${x.id}/outcome`} csrf={csrf} class="outcome-form">
          <Radios
            i18n={i18n}
            id={id('outcome')}
            name="outcome"
            legend={s('visits.howDidItGo')}
            options={BUDDY_OUTCOMES.map((o) => ({ value: o, label: s(`visits.outcome.${o}`) }))}
            error={err('outcome')}
          />
          <TextArea
            i18n={i18n}
            id={id('note')}
            name="note"
            label={s('visits.outcomeNote')}
            hint={s('visits.outcomeNoteHint')}
            maxlength={MAX_OUTCOME_NOTE}
            error={err('note')}
          />
          <button type="submit">{s('visits.saveOutcome')}</button>
        </PostForm>
      ) : (
        <p class="hint">{s('visits.outcomeLater')}</p>
      )}
    </li>
  );
}

export function VisitsPage({
  i18n,
  csrf,
  actor,
  visits,
  notice,
  problems = [],
  today,
}: StaffViewBase & { visits: CompanionVisit[]; today: string }) {
  const s = i18n.staff;
  return (
    <StaffPage i18n={i18n} actor={actor} csrf={csrf} title={s('visits.title')} notice={notice} problems={problems}>
      <h1>{s('visits.title')}</h1>
      <p class="hint">{s('visits.hint')}</p>
      {visits.length === 0 && <p>{s('visits.empty')}</p>}
      {visits.length > 0 && (
        <ul class="visits">
          {visits.map((v) => (
            <li data-attempt={v.attemptId}>
              <h2 dir="auto">{v.serviceName}</h2>
              <dl>
                <dt>{s('visits.date')}</dt>
                <dd>{dayText(i18n, v.firstVisitDate)}</dd>
                <dt>{s('visits.place')}</dt>
                <dd dir="auto">{v.place ?? s('visits.placeUnknown')}</dd>
              </dl>
              {v.person.name === undefined && !v.person.language ? (
                <p class="hint">{s('visits.nothingShared')}</p>
              ) : (
                <SharedFields i18n={i18n} shared={v.person} />
              )}
              <ReachPerson i18n={i18n} reach={v.reach} />
              {v.sessions.length > 0 && (
                <ol class="sessions">
                  {v.sessions.map((x) => (
                    <SessionItem i18n={i18n} csrf={csrf} v={v} x={x} today={today} problems={problems} />
                  ))}
                </ol>
              )}
            </li>
          ))}
        </ul>
      )}
    </StaffPage>
  );
}
