/**
 * GET /staff/unfair-treatment?from=&to=   reports of unfair treatment per service and case status
 *                                         (evidence.view; small numbers hidden; default: the last 12 months)
 */
import { Hono } from 'hono';
import { requireStaff } from '../../platform/auth/auth.middleware.ts';
import type { FieldProblem } from '../../platform/views/error-summary.tsx';
import { staffErrorHandler, staffHtml, staffI18n } from '../../platform/views/staff-page.tsx';
import { unfairTreatmentReportService } from './unfair-treatment.service.ts';
import { UnfairTreatmentCountsPage } from './unfair-treatment.views.tsx';

const validDate = (s: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);
const day = (d: Date) => d.toISOString().slice(0, 10);

export function unfairTreatmentRoutes({ now }: { now: () => Date }) {
  const staff = new Hono();
  staff.onError(staffErrorHandler);
  staff.use('/staff/unfair-treatment', requireStaff);

  staff.get('/staff/unfair-treatment', async (c) => {
    const i18n = staffI18n(c);
    const from = c.req.query('from') ?? day(new Date(now().getTime() - 365 * 86_400_000));
    const to = c.req.query('to') ?? day(now());
    const problems: FieldProblem[] = [];
    if (!validDate(from)) problems.push({ field: 'from', message: i18n.staff('reports.badDate') });
    if (!validDate(to)) problems.push({ field: 'to', message: i18n.staff('reports.badDate') });
    if (!problems.length && from > to) problems.push({ field: 'from', message: i18n.staff('reports.badPeriod') });
    const report = problems.length
      ? null
      : await unfairTreatmentReportService(c.get('access')).counts({
          from: new Date(`${from}T00:00:00Z`),
          to: new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000),
        });
    return staffHtml(
      c,
      <UnfairTreatmentCountsPage
        i18n={i18n}
        actor={c.get('actor')!}
        csrf={c.get('csrfToken')}
        from={from}
        to={to}
        problems={problems}
        report={report}
      />,
      problems.length ? 400 : 200,
    );
  });

  return staff;
}
