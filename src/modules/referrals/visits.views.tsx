/**
 * "Visits you are going with": a volunteer's first visits as companion —
 * the service, its public place and the date, and of the person only what
 * was shared with their consent (chosen name, language).
 */
import { StaffPage, type StaffViewBase } from '../../platform/views/staff-page.tsx';
import { dayText, SharedFields } from './referral-parts.tsx';
import type { CompanionVisit } from './visits.service.ts';

export function VisitsPage({ i18n, csrf, actor, visits, notice }: StaffViewBase & { visits: CompanionVisit[] }) {
  const s = i18n.staff;
  return (
    <StaffPage i18n={i18n} actor={actor} csrf={csrf} title={s('visits.title')} notice={notice}>
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
            </li>
          ))}
        </ul>
      )}
    </StaffPage>
  );
}
