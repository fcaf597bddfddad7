/**
 * Planning a travel buddy (the booker's page, /staff/visits/plan/:attemptId):
 * the first visit and the first few sessions after it, each with a vetted
 * volunteer, a date, a time and a meeting point, and whether the person
 * agreed the buddy may have their phone number (never ticked for them).
 */
import type { FieldProblem } from '../../platform/views/error-summary.tsx';
import { Checkbox, PostForm, Radios, TextField } from '../../platform/views/staff-forms.tsx';
import { StaffPage, type StaffViewBase } from '../../platform/views/staff-page.tsx';
import { MAX_MEETING_POINT, type SessionInput } from './buddy-sessions.ts';
import type { SessionPlan } from './buddy-sessions.service.ts';
import { dayText } from './referral-parts.tsx';

export function BuddyPlanPage({
  i18n,
  csrf,
  actor,
  plan,
  notice,
  problems = [],
  values,
}: StaffViewBase & { plan: SessionPlan; problems?: FieldProblem[]; values?: Partial<SessionInput> }) {
  const s = i18n.staff;
  const err = (f: string) => problems.find((p) => p.field === f)?.message;
  const back = plan.side === 'referrer' ? `/staff/referrals/${plan.referralId}` : `/staff/referrals/inbox/${plan.attemptId}`;
  return (
    <StaffPage i18n={i18n} actor={actor} csrf={csrf} title={s('buddy.plan.title')} notice={notice} problems={problems}>
      <p>
        <a href={back}>{s('buddy.plan.back')}</a>
      </p>
      <h1>{s('buddy.plan.title')}</h1>
      <p dir="auto">{plan.serviceName}</p>
      <p class="hint">{s('buddy.plan.hint', { max: plan.maxSessions })}</p>
      {plan.sessions.length === 0 ? (
        <p>{s('buddy.plan.none')}</p>
      ) : (
        <table class="sessions">
          <caption>{s('buddy.plan.booked')}</caption>
          <thead>
            <tr>
              <th scope="col">{s('buddy.plan.session')}</th>
              <th scope="col">{s('visits.when')}</th>
              <th scope="col">{s('visits.meetingPoint')}</th>
              <th scope="col">{s('buddy.plan.buddy')}</th>
              <th scope="col">{s('buddy.plan.outcome')}</th>
            </tr>
          </thead>
          <tbody>
            {plan.sessions.map((x) => (
              <tr data-session={x.id}>
                <td>{x.number === 1 ? s('visits.firstVisit') : s('visits.sessionNumber', { n: x.number })}</td>
                <td>{s('visits.dateTime', { date: dayText(i18n, x.date), time: x.time })}</td>
                <td dir="auto">{x.meetingPoint}</td>
                <td>{x.buddyName}</td>
                <td>
                  {x.outcome ? s('visits.outcomeSaid', { outcome: x.outcome }) : s('buddy.plan.notYet')}
                  {x.outcomeNote ? <span dir="auto"> — {x.outcomeNote}</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {!plan.next.ok ? (
        <p>{plan.next.error === 'too_many_sessions' ? s('buddy.plan.full', { max: plan.maxSessions }) : s('buddy.plan.notNow')}</p>
      ) : plan.buddies.length === 0 ? (
        <p>{s('buddy.plan.noVetted')}</p>
      ) : (
        <PostForm action={`/staff/visits/plan/${plan.attemptId}`} csrf={csrf}>
          <h2>{plan.next.number === 1 ? s('buddy.plan.bookFirst') : s('buddy.plan.bookNext', { n: plan.next.number })}</h2>
          <Radios
            i18n={i18n}
            id="buddyAccountId"
            name="buddyAccountId"
            legend={s('buddy.plan.buddy')}
            hint={s('buddy.plan.buddyHint')}
            options={plan.buddies.map((b) => ({ value: b.id, label: b.name }))}
            error={err('buddyAccountId-0')}
            value={values?.buddyAccountId ?? plan.sessions[plan.sessions.length - 1]?.buddyAccountId}
          />
          <TextField i18n={i18n} id="date" name="date" type="date" label={s('buddy.plan.date')} error={err('date')} value={values?.date} />
          <TextField
            i18n={i18n}
            id="time"
            name="time"
            label={s('buddy.plan.time')}
            hint={s('buddy.plan.timeHint')}
            size="short"
            inputmode="numeric"
            error={err('time')}
            value={values?.time}
          />
          <TextField
            i18n={i18n}
            id="meetingPoint"
            name="meetingPoint"
            label={s('visits.meetingPoint')}
            hint={s('buddy.plan.meetingPointHint')}
            maxlength={MAX_MEETING_POINT}
            error={err('meetingPoint')}
            value={values?.meetingPoint}
          />
          <Checkbox
            id="contactShared"
            label={s('buddy.plan.contactShared')}
            hint={s('buddy.plan.contactSharedHint')}
            checked={values?.contactShared === true}
          />
          <button type="submit">{s('buddy.plan.submit')}</button>
        </PostForm>
      )}
    </StaffPage>
  );
}
