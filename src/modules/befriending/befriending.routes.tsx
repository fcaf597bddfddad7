/**
 * Befriending, volunteers and pathways (issue 14):
 *
 *   GET  /staff/volunteering                          a volunteer's own page: matches, vetting, profile and availability
 *   POST /staff/volunteering/profile
 *   POST /staff/volunteering/matches/:id/accept|decline
 *   GET  /staff/volunteering/matches/:id              one of their matches (the person only once both agreed)
 *   POST /staff/volunteering/matches/:id/log|contacts log a contact (and a concern), plan one
 *   GET  /staff/volunteers, /staff/volunteers/:id     coordinators and managers: volunteers and their vetting
 *   POST /staff/volunteers/:id/profile|checks
 *   GET  /staff/befriending                           the coordinator's open matches, concerns first
 *   GET  /staff/people/:id/befriending/find           suitable volunteers for a person, with reasons
 *   POST /staff/people/:id/befriending/propose
 *   GET  /staff/befriending/:id                       a match, as its coordinator sees it
 *   POST /staff/befriending/:id/person-agreed|person-declined|withdraw|log|contacts|review|ending|goodbye|concerns/:cid/seen
 *   POST /staff/people/:id/pathway/stage|offer, /staff/pathway-steps/:id/taken_up|not_now
 *   POST /my/befriending/:id/check-in                 the person's "how is it going?"
 *
 * Every read and write goes through the policy-checked services.
 */
import { Hono, type Context } from 'hono';
import type { Kysely } from 'kysely';
import { requireStaff } from '../../platform/auth/auth.middleware.ts';
import { clientAddressHash } from '../../platform/auth/client-address.ts';
import type { DB, MatchEndReason, PathwayStage, PathwayStepKind } from '../../platform/db/schema.ts';
import { valuesOf, type FormBody } from '../../platform/http/form-body.ts';
import type { Notifier } from '../../platform/notify/notifier.ts';
import { staffErrorHandler, staffHtml, staffI18n } from '../../platform/views/staff-page.tsx';
import { signedInPerson } from '../person-view/my-session.service.ts';
import { cleanSlots } from './availability.ts';
import { befriendingService, END_REASONS, MAX_NOTE, type FindInput } from './befriending.service.ts';
import { BefriendingListPage, FindPage, MatchPage, VolunteerMatchPage } from './befriending.views.tsx';
import { answerMyCheckIn, isMyCheckInAnswer } from './my-befriending.service.ts';
import { pathwaysService, STAGES } from './pathways.service.ts';
import { isDate, parseCheck, parseProfile } from './volunteer-form.ts';
import { MyVolunteeringPage, VolunteerPage, VolunteersPage } from './volunteers.views.tsx';
import { volunteersService } from './volunteers.service.ts';

const NOTICES = new Set([
  'saved',
  'proposed',
  'logged',
  'planned',
  'agreed',
  'declined',
  'ending',
  'ended',
  'review',
  'seen',
  'checkRecorded',
  'offered',
  'accepted',
]);
const PROBLEMS = new Set(['date', 'status', 'concern', 'note', 'reason', 'stale', 'notSuitable', 'already']);

const text = (b: FormBody, n: string) => (typeof b[n] === 'string' ? (b[n] as string).trim() : '');

function findInput(get: (n: string) => string, all: (n: string) => string[]): FindInput {
  const g = get('gender');
  const m = get('mode');
  return {
    wantedGender: g === 'woman' || g === 'man' ? g : null,
    mode: m === 'in_person' || m === 'phone' ? m : 'either',
    times: cleanSlots(all('times')),
  };
}

/** A contact-log form: which contact, done or missed, a note, and an optional concern. */
function parseLog(b: FormBody) {
  const which = text(b, 'contact');
  const status = text(b, 'status');
  const date = text(b, 'date');
  const note = text(b, 'note');
  const concern = text(b, 'concern');
  if (status !== 'done' && status !== 'missed') return { ok: false as const, problem: 'status:status-0' };
  if ((which === 'new' || !which) && date && !isDate(date)) return { ok: false as const, problem: 'date:date' };
  if (note.length > MAX_NOTE) return { ok: false as const, problem: 'note:note' };
  if (concern.length > MAX_NOTE) return { ok: false as const, problem: 'concern:concern' };
  return {
    ok: true as const,
    value: {
      contactId: which && which !== 'new' ? which : null,
      date: date || null,
      status,
      note: note || null,
      concern: concern || null,
    } as const,
  };
}

export function befriendingRoutes(deps: { notifier: Notifier; db: Kysely<DB>; now: () => Date; trustProxy: boolean }) {
  const app = new Hono();
  app.onError(staffErrorHandler);
  for (const p of [
    '/staff/volunteering',
    '/staff/volunteering/*',
    '/staff/volunteers',
    '/staff/volunteers/*',
    '/staff/befriending',
    '/staff/befriending/*',
  ])
    app.use(p, requireStaff);
  app.use('/staff/people/:id/befriending/*', requireStaff);
  app.use('/staff/people/:id/pathway/*', requireStaff);
  app.use('/staff/pathway-steps/*', requireStaff);

  const bf = (c: Context) => befriendingService(c.get('access'), { notifier: deps.notifier });
  const vol = (c: Context) => volunteersService(c.get('access'));
  const base = (c: Context) => {
    const i18n = staffI18n(c);
    const done = c.req.query('done');
    const problem = c.req.query('problem') ?? '';
    return {
      i18n,
      csrf: c.get('csrfToken') as string,
      actor: c.get('actor')!,
      notice: done && NOTICES.has(done) ? i18n.staff(`befriending.notice.${done}` as never) : null,
      problem: PROBLEMS.has(problem.split(':')[0] ?? '') ? problem : null,
    };
  };
  const body = (c: Context) => c.req.parseBody({ all: true }) as Promise<FormBody>;

  // --- the volunteer's own page --------------------------------------------------------
  app.get('/staff/volunteering', async (c) => {
    const { problem: _p, ...b } = base(c);
    const detail = await vol(c).own();
    const matches = await bf(c).mine();
    return staffHtml(c, <MyVolunteeringPage {...b} detail={detail} matches={matches} />);
  });
  app.post('/staff/volunteering/profile', async (c) => {
    const parsed = parseProfile(await body(c));
    if (!parsed.ok) {
      const { problem: _p, ...b } = base(c);
      const detail = await vol(c).own();
      return staffHtml(
        c,
        <MyVolunteeringPage {...b} detail={detail} matches={await bf(c).mine()} problems={parsed.problems} raw={parsed.raw} />,
        400,
      );
    }
    await vol(c).saveOwn(parsed.value);
    return c.redirect('/staff/volunteering?done=saved', 303);
  });
  for (const answer of ['accept', 'decline'] as const)
    app.post(`/staff/volunteering/matches/:id/${answer}`, async (c) => {
      const id = c.req.param('id');
      const r = await bf(c).respond(id, answer);
      if (!r.ok) return c.redirect('/staff/volunteering?problem=stale', 303);
      return c.redirect(answer === 'accept' ? `/staff/volunteering/matches/${id}?done=accepted` : '/staff/volunteering?done=declined', 303);
    });
  app.get('/staff/volunteering/matches/:id', async (c) => {
    const m = await bf(c).forVolunteer(c.req.param('id'));
    return staffHtml(c, <VolunteerMatchPage {...base(c)} m={m} />);
  });

  // --- contacts: the same forms for the volunteer and the coordinator -----------------
  for (const [prefix, back] of [
    ['/staff/volunteering/matches/:id', (id: string) => `/staff/volunteering/matches/${id}`],
    ['/staff/befriending/:id', (id: string) => `/staff/befriending/${id}`],
  ] as const) {
    app.post(`${prefix}/log`, async (c) => {
      const id = c.req.param('id')!;
      const parsed = parseLog(await body(c));
      if (!parsed.ok) return c.redirect(`${back(id)}?problem=${parsed.problem}`, 303);
      const r = await bf(c).logContact(id, parsed.value);
      return c.redirect(r.ok ? `${back(id)}?done=logged` : `${back(id)}?problem=stale`, 303);
    });
    app.post(`${prefix}/contacts`, async (c) => {
      const id = c.req.param('id')!;
      const b = await body(c);
      const date = text(b, 'planned_on');
      const time = text(b, 'planned_time').slice(0, 40);
      if (!isDate(date)) return c.redirect(`${back(id)}?problem=date:planned_on`, 303);
      const r = await bf(c).planContact(id, { date, time: time || null });
      return c.redirect(r.ok ? `${back(id)}?done=planned` : `${back(id)}?problem=stale`, 303);
    });
  }

  // --- coordinators and managers: volunteers ------------------------------------------
  app.get('/staff/volunteers', async (c) => {
    const { problem: _p, ...b } = base(c);
    return staffHtml(c, <VolunteersPage {...b} volunteers={await vol(c).list()} />);
  });
  app.get('/staff/volunteers/:id', async (c) => {
    const { problem: _p, ...b } = base(c);
    return staffHtml(c, <VolunteerPage {...b} detail={await vol(c).get(c.req.param('id'))} />);
  });
  app.post('/staff/volunteers/:id/profile', async (c) => {
    const id = c.req.param('id');
    const parsed = parseProfile(await body(c));
    if (!parsed.ok) {
      const { problem: _p, ...b } = base(c);
      return staffHtml(c, <VolunteerPage {...b} detail={await vol(c).get(id)} problems={parsed.problems} raw={parsed.raw} />, 400);
    }
    await vol(c).saveProfile(id, parsed.value);
    return c.redirect(`/staff/volunteers/${id}?done=saved`, 303);
  });
  app.post('/staff/volunteers/:id/checks', async (c) => {
    const id = c.req.param('id');
    const parsed = parseCheck(await body(c));
    if (!parsed.ok) {
      const { problem: _p, ...b } = base(c);
      return staffHtml(c, <VolunteerPage {...b} detail={await vol(c).get(id)} problems={parsed.problems} checkRaw={parsed.raw} />, 400);
    }
    await vol(c).recordCheck(id, parsed.value);
    return c.redirect(`/staff/volunteers/${id}?done=checkRecorded`, 303);
  });

  // --- coordinators: matches ---------------------------------------------------------------
  app.get('/staff/befriending', async (c) => {
    const { problem: _p, ...b } = base(c);
    return staffHtml(c, <BefriendingListPage {...b} matches={await bf(c).ofOrganisation()} />);
  });
  app.get('/staff/people/:id/befriending/find', async (c) => {
    const personId = c.req.param('id');
    const input = findInput(
      (n) => c.req.query(n) ?? '',
      (n) => c.req.queries(n) ?? [],
    );
    const found = await bf(c).find(personId, input);
    return staffHtml(c, <FindPage {...base(c)} personId={personId} personName={found.personName} input={input} result={found.result} />);
  });
  app.post('/staff/people/:id/befriending/propose', async (c) => {
    const personId = c.req.param('id');
    const b = await body(c);
    const input = findInput(
      (n) => text(b, n),
      (n) => valuesOf(b, n),
    );
    const goal = text(b, 'goal').slice(0, 300);
    const r = await bf(c).propose(personId, { ...input, volunteerAccountId: text(b, 'volunteer'), goal: goal || null });
    if (!r.ok) {
      const q = new URLSearchParams({
        gender: input.wantedGender ?? '',
        mode: input.mode,
        problem: r.error === 'already' ? 'already' : 'notSuitable',
      });
      for (const t of input.times) q.append('times', t);
      return c.redirect(`/staff/people/${personId}/befriending/find?${q}`, 303);
    }
    return c.redirect(`/staff/befriending/${r.matchId}?done=proposed`, 303);
  });
  app.get('/staff/befriending/:id', async (c) => {
    const d = await bf(c).detail(c.req.param('id'));
    return staffHtml(c, <MatchPage {...base(c)} d={d} />);
  });
  const after = (c: Context, id: string, ok: boolean, done: string) =>
    c.redirect(`/staff/befriending/${id}?${ok ? `done=${done}` : 'problem=stale'}`, 303);
  app.post('/staff/befriending/:id/person-agreed', async (c) => {
    const id = c.req.param('id');
    return after(c, id, (await bf(c).personAgreed(id)).ok, 'agreed');
  });
  app.post('/staff/befriending/:id/person-declined', async (c) => {
    const id = c.req.param('id');
    return after(c, id, (await bf(c).decline(id, 'person')).ok, 'declined');
  });
  app.post('/staff/befriending/:id/withdraw', async (c) => {
    const id = c.req.param('id');
    return after(c, id, (await bf(c).decline(id, 'coordinator')).ok, 'declined');
  });
  app.post('/staff/befriending/:id/review', async (c) => {
    const id = c.req.param('id');
    const date = text(await body(c), 'review_on');
    if (!isDate(date)) return c.redirect(`/staff/befriending/${id}?problem=date:review_on`, 303);
    return after(c, id, (await bf(c).setReview(id, date)).ok, 'review');
  });
  app.post('/staff/befriending/:id/ending', async (c) => {
    const id = c.req.param('id');
    const b = await body(c);
    const reason = text(b, 'reason');
    const goodbyeOn = text(b, 'goodbye_on');
    if (!(END_REASONS as readonly string[]).includes(reason)) return c.redirect(`/staff/befriending/${id}?problem=reason:reason-0`, 303);
    if (!isDate(goodbyeOn)) return c.redirect(`/staff/befriending/${id}?problem=date:goodbye_on`, 303);
    return after(c, id, (await bf(c).startEnding(id, { reason: reason as MatchEndReason, goodbyeOn })).ok, 'ending');
  });
  app.post('/staff/befriending/:id/goodbye', async (c) => {
    const id = c.req.param('id');
    const note = text(await body(c), 'goodbye_note').slice(0, MAX_NOTE);
    return after(c, id, (await bf(c).finish(id, note || null)).ok, 'ended');
  });
  app.post('/staff/befriending/:id/concerns/:cid/seen', async (c) => {
    const id = c.req.param('id');
    return after(c, id, (await bf(c).concernSeen(id, c.req.param('cid'))).ok, 'seen');
  });

  // --- pathways ----------------------------------------------------------------------------
  app.post('/staff/people/:id/pathway/stage', async (c) => {
    const id = c.req.param('id');
    const stage = text(await body(c), 'stage');
    if ((STAGES as readonly string[]).includes(stage)) await pathwaysService(c.get('access')).setStage(id, stage as PathwayStage);
    return c.redirect(`/staff/people/${id}#pathway`, 303);
  });
  app.post('/staff/people/:id/pathway/offer', async (c) => {
    const id = c.req.param('id');
    const b = await body(c);
    const kind = text(b, 'kind');
    if (kind === 'group' || kind === 'volunteering' || kind === 'peer_mentor')
      await pathwaysService(c.get('access')).offer(id, {
        kind: kind as PathwayStepKind,
        serviceId: text(b, 'service') || null,
        label: text(b, 'label'),
      });
    return c.redirect(`/staff/people/${id}#pathway`, 303);
  });
  for (const status of ['taken_up', 'not_now'] as const)
    app.post(`/staff/pathway-steps/:id/${status}`, async (c) => {
      const personId = await pathwaysService(c.get('access')).decide(c.req.param('id'), status);
      return c.redirect(`/staff/people/${personId}#pathway`, 303);
    });

  // --- the person, at /my ------------------------------------------------------------------
  app.post('/my/befriending/:id/check-in', async (c) => {
    const now = deps.now();
    const personId = await signedInPerson(deps.db, c, now);
    if (!personId) return c.redirect('/my', 303);
    const b = await body(c);
    if (!isMyCheckInAnswer(b.answer)) return c.redirect('/my#befriending', 303);
    const words = typeof b.words === 'string' ? b.words : null;
    const origin = {
      requestId: (c.get('requestId' as never) as string | undefined) ?? null,
      ipHash: await clientAddressHash(c, deps.db, deps.trustProxy),
      now,
    };
    await answerMyCheckIn(deps.db, deps.notifier, personId, c.req.param('id'), b.answer, words, origin);
    return c.redirect('/my#befriending', 303);
  });
  return app;
}
