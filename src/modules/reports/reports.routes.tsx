/**
 * The commissioners' reports:
 *
 *   GET /staff/evidence                      the three reports
 *   GET /staff/evidence/coverage[.csv]?area=
 *   GET /staff/evidence/funnel[.csv]?from=&to=&area=
 *   GET /staff/evidence/outcomes[.csv]?from=&to=
 *   GET /staff/evidence/population[.csv], POST   the population baseline (population.routes.tsx)
 *   GET /staff/evidence/tokens, POST …          read-only API tokens (api-tokens.routes.tsx)
 *   GET /api/reports/{coverage,funnel,outcomes}?…   the same as JSON (signed-in staff, or a Bearer API token: api-tokens.middleware.ts)
 *
 * Every read goes through reportsService (evidence.view), which audits it.
 * Dates are whole UK days; the default period is the last 12 months.
 */
import { Hono, type Context } from 'hono';
import { requireStaff } from '../../platform/auth/auth.middleware.ts';
import { DomainError } from '../../platform/http/errors.ts';
import type { I18n } from '../../platform/i18n/i18n.ts';
import type { FieldProblem } from '../../platform/views/error-summary.tsx';
import { staffErrorHandler, staffHtml, staffI18n } from '../../platform/views/staff-page.tsx';
import { coverageCsv, funnelCsv, outcomesCsv } from './reports.csv.ts';
import { registerApiTokenRoutes } from './api-tokens.routes.tsx';
import { registerPopulationRoutes } from './population.routes.tsx';
import { reportsService } from './reports.service.ts';
import { CoveragePage, FunnelPage, OutcomesPage, ReportsIndexPage } from './reports.views.tsx';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const AREA = /^[\p{L}\p{N} '.-]{0,60}$/u;
const validDate = (s: string) =>
  DATE.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);
const day = (d: Date) => d.toISOString().slice(0, 10);

interface Query {
  from: string;
  to: string;
  area: string;
  problems: FieldProblem[];
  query: string;
}

function readQuery(c: Context, i18n: I18n | null, now: Date): Query {
  const today = day(now);
  const yearAgo = day(new Date(now.getTime() - 365 * 86_400_000));
  const from = c.req.query('from') ?? yearAgo;
  const to = c.req.query('to') ?? today;
  const area = (c.req.query('area') ?? '').trim();
  const msg = (k: 'reports.badDate' | 'reports.badPeriod' | 'reports.badArea', en: string) => (i18n ? i18n.staff(k) : en);
  const problems: FieldProblem[] = [];
  if (!validDate(from)) problems.push({ field: 'from', message: msg('reports.badDate', 'from: give a date as YYYY-MM-DD.') });
  if (!validDate(to)) problems.push({ field: 'to', message: msg('reports.badDate', 'to: give a date as YYYY-MM-DD.') });
  if (!problems.length && from > to) problems.push({ field: 'from', message: msg('reports.badPeriod', 'from must be on or before to.') });
  if (!AREA.test(area)) problems.push({ field: 'area', message: msg('reports.badArea', 'area: up to 60 letters and numbers.') });
  const params = new URLSearchParams();
  for (const k of ['from', 'to', 'area'] as const) if (c.req.query(k)) params.set(k, c.req.query(k)!);
  return { from, to, area, problems, query: params.toString() };
}

const period = (q: Query) => ({ from: new Date(`${q.from}T00:00:00Z`), to: new Date(Date.parse(`${q.to}T00:00:00Z`) + 86_400_000) });

export function reportsRoutes(deps: { now?: () => Date } = {}) {
  const now = () => (deps.now ?? (() => new Date()))();
  const app = new Hono();

  const staff = new Hono();
  staff.onError(staffErrorHandler);
  staff.use('/staff/evidence', requireStaff);
  staff.use('/staff/evidence/*', requireStaff);
  staff.get('/staff/evidence', (c) =>
    staffHtml(c, <ReportsIndexPage i18n={staffI18n(c)} csrf={c.get('csrfToken')} actor={c.get('actor')!} />),
  );

  registerPopulationRoutes(staff);
  registerApiTokenRoutes(staff);

  const csv = (c: Context, name: string, body: string) =>
    c.body(body, 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="belong-${name}.csv"` });

  staff.get('/staff/evidence/:report', async (c) => {
    const raw = c.req.param('report');
    const asCsv = raw.endsWith('.csv');
    const name = asCsv ? raw.slice(0, -4) : raw;
    if (name !== 'coverage' && name !== 'funnel' && name !== 'outcomes') return c.notFound();
    const i18n = staffI18n(c);
    const q = readQuery(c, i18n, now());
    const ok = !q.problems.length;
    const service = reportsService(c.get('access'));
    const common = { i18n, csrf: c.get('csrfToken'), actor: c.get('actor')!, problems: q.problems, query: q.query };
    if (asCsv && !ok) throw new DomainError('BadRequest', q.problems.map((p) => p.message).join(' '));
    if (name === 'coverage') {
      const report = ok ? await service.coverage(q.area || null) : null;
      if (asCsv) return csv(c, name, coverageCsv(report!));
      return staffHtml(c, <CoveragePage {...common} area={q.area} report={report} />, ok ? 200 : 400);
    }
    if (name === 'funnel') {
      const report = ok ? await service.funnel(period(q), q.area ? q.area.toUpperCase() : null) : null;
      if (asCsv) return csv(c, name, funnelCsv(report!));
      return staffHtml(c, <FunnelPage {...common} from={q.from} to={q.to} area={q.area} report={report} />, ok ? 200 : 400);
    }
    const report = ok ? await service.outcomes(period(q)) : null;
    if (asCsv) return csv(c, name, outcomesCsv(report!));
    return staffHtml(c, <OutcomesPage {...common} from={q.from} to={q.to} report={report} />, ok ? 200 : 400);
  });
  app.route('/', staff);

  const api = new Hono();
  api.get('/api/reports/:report', async (c) => {
    const actor = c.get('actor');
    if (!actor) return c.json({ error: 'Unauthorized', message: 'Sign in as an administrator or commissioner to read reports.' }, 401);
    const name = c.req.param('report');
    if (name !== 'coverage' && name !== 'funnel' && name !== 'outcomes')
      return c.json({ error: 'NotFound', message: 'There is no such report.' }, 404);
    const q = readQuery(c, null, now());
    if (q.problems.length)
      return c.json({ error: 'BadRequest', message: q.problems.map((p) => p.message).join(' '), problems: q.problems }, 400);
    const service = reportsService(c.get('access'));
    const body =
      name === 'coverage'
        ? await service.coverage(q.area || null)
        : name === 'funnel'
          ? await service.funnel(period(q), q.area ? q.area.toUpperCase() : null)
          : await service.outcomes(period(q));
    return c.json({ report: name, from: name === 'coverage' ? null : q.from, to: name === 'coverage' ? null : q.to, ...body });
  });
  app.route('/', api);
  return app;
}
