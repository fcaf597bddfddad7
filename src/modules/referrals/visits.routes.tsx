/**
 * Travel buddies:
 *
 *   GET  /staff/visits                        "Visits you are going with" (volunteers: their own visits and sessions)
 *   POST /staff/visits/sessions/:id/outcome   the buddy's "how did it go" for one of their sessions
 *   GET  /staff/visits/plan/:attemptId        the booker's page: the first visit and the first few sessions
 *   POST /staff/visits/plan/:attemptId        book the next session with a vetted volunteer
 *
 * Every read and write goes through the policy-checked services.
 */
import { Hono, type Context } from 'hono';
import { requireStaff } from '../../platform/auth/auth.middleware.ts';
import type { FormBody } from '../../platform/http/form-body.ts';
import type { StaffKey } from '../../platform/i18n/staff-catalogue.ts';
import type { Notifier } from '../../platform/notify/notifier.ts';
import type { FieldProblem } from '../../platform/views/error-summary.tsx';
import { staffErrorHandler, staffHtml, staffI18n } from '../../platform/views/staff-page.tsx';
import { BuddyPlanPage } from './buddy-plan.views.tsx';
import { sessionProblemField, type SessionProblem } from './buddy-sessions.ts';
import { buddySessionsService, type BookProblem, type OutcomeError } from './buddy-sessions.service.ts';
import { londonDate } from './london-date.ts';
import { visitsService } from './visits.service.ts';
import { VisitsPage } from './visits.views.tsx';

const NOTICES: Readonly<Record<string, StaffKey>> = { booked: 'buddy.notice.booked', outcome: 'visits.notice.outcome' };

const SESSION_PROBLEMS: readonly string[] = [
  'bad_date',
  'bad_time',
  'meeting_point_required',
  'meeting_point_too_long',
  'buddy_required',
  'too_many_sessions',
  'wrong_state',
];

/** Where a booking problem points and what it says. */
function bookProblem(p: BookProblem): { field: string; key: StaffKey } {
  if (SESSION_PROBLEMS.includes(p)) return { field: sessionProblemField(p as SessionProblem), key: `buddy.problem.${p as SessionProblem}` };
  if (p === 'buddy_not_vetted') return { field: 'buddyAccountId-0', key: 'buddy.problem.buddy_not_vetted' };
  return { field: 'date', key: p === 'stale' ? 'referrals.error.stale' : 'buddy.problem.wrong_state' };
}

/** Where an outcome problem points and what it says. */
function outcomeProblem(sessionId: string, p: OutcomeError): FieldProblem & { key: StaffKey } {
  if (p === 'outcome_required') return { field: `o-${sessionId}-outcome-0`, message: '', key: 'visits.problem.outcome_required' };
  if (p === 'note_too_long') return { field: `o-${sessionId}-note`, message: '', key: 'visits.problem.note_too_long' };
  if (p === 'already_recorded') return { field: `o-${sessionId}-outcome-0`, message: '', key: 'visits.problem.already_recorded' };
  if (p === 'not_yet') return { field: `o-${sessionId}-outcome-0`, message: '', key: 'visits.problem.not_yet' };
  return { field: `o-${sessionId}-outcome-0`, message: '', key: 'visits.problem.wrong_state' };
}

export function visitsRoutes(deps: { notifier: Notifier }) {
  const app = new Hono();
  app.onError(staffErrorHandler);
  app.use('/staff/visits', requireStaff);
  app.use('/staff/visits/*', requireStaff);
  const body = (c: Context) => c.req.parseBody({ all: true }) as Promise<FormBody>;
  const buddies = (c: Context) => buddySessionsService(c.get('access'), { notifier: deps.notifier });
  const base = (c: Context) => {
    const i18n = staffI18n(c);
    const done = c.req.query('done');
    return {
      i18n,
      csrf: c.get('csrfToken') as string,
      actor: c.get('actor')!,
      notice: done && Object.hasOwn(NOTICES, done) ? i18n.staff(NOTICES[done]!) : null,
    };
  };
  const visitsPage = async (c: Context, problems: FieldProblem[] = []) => {
    const b = base(c);
    const visits = await visitsService(c.get('access')).mine();
    const today = londonDate(c.get('access').now());
    return staffHtml(
      c,
      <VisitsPage {...b} notice={problems.length ? null : b.notice} visits={visits} today={today} problems={problems} />,
      problems.length ? 400 : 200,
    );
  };

  app.get('/staff/visits', (c) => visitsPage(c));

  app.post('/staff/visits/sessions/:id/outcome', async (c) => {
    const id = c.req.param('id');
    const r = await buddies(c).recordOutcome(id, await body(c));
    if (r.ok) return c.redirect('/staff/visits?done=outcome', 303);
    const s = staffI18n(c).staff;
    return visitsPage(
      c,
      r.problems.map((p) => {
        const { field, key } = outcomeProblem(id, p);
        return { field, message: s(key) };
      }),
    );
  });

  app.get('/staff/visits/plan/:attemptId', async (c) => {
    const plan = await buddies(c).plan(c.req.param('attemptId'));
    return staffHtml(c, <BuddyPlanPage {...base(c)} plan={plan} />);
  });

  app.post('/staff/visits/plan/:attemptId', async (c) => {
    const attemptId = c.req.param('attemptId');
    const svc = buddies(c);
    const r = await svc.book(attemptId, await body(c));
    if (r.ok) return c.redirect(`/staff/visits/plan/${attemptId}?done=booked`, 303);
    const b = base(c);
    const problems = r.problems.map((p) => {
      const { field, key } = bookProblem(p);
      return { field, message: b.i18n.staff(key) };
    });
    const plan = await svc.plan(attemptId);
    return staffHtml(c, <BuddyPlanPage {...b} notice={null} plan={plan} problems={problems} values={r.value} />, 400);
  });
  return app;
}
