/**
 * The commissioners' page of unfair-treatment reports per service (counts
 * only, small numbers hidden), for a period.
 */
import type { Actor } from '../../platform/auth/actor.ts';
import type { I18n } from '../../platform/i18n/i18n.ts';
import type { FieldProblem } from '../../platform/views/error-summary.tsx';
import { TextField } from '../../platform/views/staff-forms.tsx';
import { StaffPage } from '../../platform/views/staff-page.tsx';
import type { Shown } from './suppression.ts';
import { UNFAIR_COLUMNS, type UnfairTreatmentReport } from './unfair-treatment.ts';
import { scrollRegion } from '../../platform/views/scroll-region.ts';

const show = (i18n: I18n, v: Shown) => (v === null ? i18n.staff('reports.hidden') : String(v));

export function UnfairTreatmentCountsPage(p: {
  i18n: I18n;
  actor: Actor;
  csrf: string;
  from: string;
  to: string;
  problems: FieldProblem[];
  report: UnfairTreatmentReport | null;
}) {
  const { i18n } = p;
  const s = i18n.staff;
  const err = (k: string) => p.problems.find((x) => x.field === k)?.message;
  return (
    <StaffPage i18n={i18n} actor={p.actor} csrf={p.csrf} title={s('unfair.counts.title')} problems={p.problems}>
      <p>
        <a href="/staff/evidence">{s('reports.title')}</a>
      </p>
      <h1>{s('unfair.counts.title')}</h1>
      <p>{s('unfair.counts.intro')}</p>
      <form method="get" action="/staff/unfair-treatment" novalidate>
        <TextField i18n={i18n} id="from" label={s('reports.from')} type="date" value={p.from} error={err('from')} />
        <TextField i18n={i18n} id="to" label={s('reports.to')} type="date" value={p.to} error={err('to')} />
        <button type="submit">{s('reports.show')}</button>
      </form>
      {p.report &&
        (p.report.rows.length === 0 ? (
          <p>{s('unfair.counts.none')}</p>
        ) : (
          <>
            <p>{s('reports.hiddenNote')}</p>
            <div {...scrollRegion(s('unfair.counts.caption'))}>
              <table>
                <caption>{s('unfair.counts.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{s('unfair.queue.service')}</th>
                    {UNFAIR_COLUMNS.map((c) => (
                      <th scope="col">{s(`unfair.status.${c}`)}</th>
                    ))}
                    <th scope="col">{s('reports.total')}</th>
                  </tr>
                </thead>
                <tbody>
                  {p.report.rows.map((r) => (
                    <tr>
                      <th scope="row">{r.serviceId === null ? s('unfair.counts.unmatched') : (r.serviceName ?? '')}</th>
                      {r.counts.map((v) => (
                        <td>{show(i18n, v)}</td>
                      ))}
                      <td>{show(i18n, r.total)}</td>
                    </tr>
                  ))}
                  <tr>
                    <th scope="row">{s('reports.total')}</th>
                    {p.report.columnTotals.map((v) => (
                      <td>{show(i18n, v)}</td>
                    ))}
                    <td>{show(i18n, p.report.total)}</td>
                  </tr>
                </tbody>
              </table>
            </div>
          </>
        ))}
    </StaffPage>
  );
}
