/**
 * The conversation pages (connectors of the organisation holding the record):
 *
 *   POST     /staff/people/:id/conversation/start     start, or resume the draft
 *   GET      /staff/people/:id/conversation           resume where it was left
 *   GET/POST /staff/people/:id/conversation/:step     one question (saved on every page)
 *   GET/POST /staff/people/:id/conversation/check     check your answers, then finish
 *   GET/POST /staff/people/:id/suggestions           the shortlist; pick places for the plan
 *   GET      /staff/people/:id/plan                   the written plan (printable)
 *   POST     /staff/people/:id/plan/send              send it, when consent allows
 *
 * Pages are rendered in the person's preferred language (right-to-left where
 * it is), whatever language the connector's own pages use.
 */
import { Hono, type Context } from 'hono';
import type { Child } from 'hono/jsx';
import { requireStaff } from '../../platform/auth/auth.middleware.ts';
import { createI18n, type I18n } from '../../platform/i18n/i18n.ts';
import type { Notifier } from '../../platform/notify/notifier.ts';
import { page } from '../../platform/views/layout.tsx';
import { staffErrorHandler, staffHtml, staffI18n, StaffPage } from '../../platform/views/staff-page.tsx';
import {
  crossStepProblems,
  isStep,
  nextUnanswered,
  parseStep,
  stepAfter,
  stepFormValues,
  type AnswerProblem,
  type Step,
} from './conversation-answers.ts';
import { ConversationFrame } from './conversation-frame.tsx';
import { CheckAnswersView, problemsFor, QUESTION, StepView } from './conversation.views.tsx';
import { localNow } from '../find/find-when.ts';
import { needGaps } from '../matching/match-gaps.ts';
import { ConsentNeeded, conversationService, firstLanguageOf, matchRequestFor, type PersonConversation } from './conversation.service.ts';
import { EMPTY_MUSTS, mustsFormValues, parseMusts } from './conversation-musts.ts';
import { MustsSummary, MustsView } from './conversation-musts.views.tsx';
import { composePlan, planText } from './plan.ts';
import { placeDetails, type PlaceSource } from './plan-places.ts';
import { isBankHoliday } from './plan-places.service.ts';
import { MAX_NOTE_LENGTH, PlanView, SuggestionsView } from './plan.views.tsx';
import { phraseReasons } from './reasons.ts';
import { isUuid } from '../../platform/ids.ts';
import { valuesOf } from '../../platform/http/form-body.ts';
import type { FieldProblem } from '../../platform/views/error-summary.tsx';
import { ERROR_MESSAGES } from '../referrals/referral-form.ts';
import type { ServiceProblem } from '../referrals/referral-states.ts';
import { referralsService } from '../referrals/referrals.service.ts';
import { fitWarnings, referralInputFor } from './plan-referrals.ts';
import { PlanReferralsPage, type PlanReferralsProps } from './plan-referrals.views.tsx';
import { bothLanguagesOn } from './two-languages-switch.ts';
import { markGlosses, twoLanguages } from '../../platform/i18n/two-languages.ts';

export function conversationRoutes(deps: { notifier: Notifier }) {
  const app = new Hono();
  app.onError((err, c) => (err instanceof ConsentNeeded ? consentNeededPage(c) : staffErrorHandler(err, c)));
  app.use('/staff/people/:id/conversation/*', requireStaff);
  app.use('/staff/people/:id/conversation', requireStaff);
  app.use('/staff/people/:id/suggestions', requireStaff);
  app.use('/staff/people/:id/plan', requireStaff);
  app.use('/staff/people/:id/plan/*', requireStaff);

  const service = (c: Context) => conversationService(c.get('access'), { notifier: deps.notifier });
  const base = (id: string) => `/staff/people/${id}/conversation`;
  /** The person's language, with the connector's beside it when the two-language view is on. */
  const personI18n = (pc: PersonConversation, c?: Context): I18n => {
    const own = createI18n(pc.person.preferredLanguage);
    return c && bothLanguagesOn(c) ? twoLanguages(own, createI18n(staffI18n(c).locale)) : own;
  };

  function frame(c: Context, pc: PersonConversation, title: string, body: Child, problems: AnswerProblem[] = [], status: 200 | 400 = 200) {
    const i18n = personI18n(pc, c);
    const staff = staffI18n(c);
    c.header('Cache-Control', 'no-store');
    // In two languages, the connector's half of each text says which language it is in.
    const finish = i18n.locale !== staff.locale && bothLanguagesOn(c) ? (html: string) => markGlosses(html, staff) : undefined;
    return staffHtml(
      c,
      <ConversationFrame
        i18n={i18n}
        staff={staffI18n(c)}
        actor={c.get('actor')!}
        csrf={c.get('csrfToken')}
        title={title}
        personId={pc.person.id}
        personName={pc.person.displayName}
        problems={problemsFor(i18n, problems)}
        languages={languageToggle(c, pc)}
      >
        {body}
      </ConversationFrame>,
      status,
      finish,
    );
  }

  /** The two-language view's switch, for the frame (none when the connector's language is the person's). */
  function languageToggle(c: Context, pc: PersonConversation) {
    const staff = staffI18n(c);
    const person = createI18n(pc.person.preferredLanguage);
    if (staff.locale === person.locale) return undefined;
    const on = bothLanguagesOn(c);
    const names = { language: staff.info.englishName, personLanguage: person.info.englishName };
    return {
      href: `${c.req.path}?both=${on ? '0' : '1'}`,
      label: staff.staff(on ? 'conversation.oneLanguage' : 'conversation.bothLanguages', names),
    };
  }

  async function consentNeededPage(c: Context) {
    const i18n = staffI18n(c);
    const id = c.req.param('id') ?? '';
    return c.html(
      await page(
        <StaffPage
          i18n={i18n}
          actor={c.get('actor') ?? null}
          csrf={c.get('csrfToken') ?? ''}
          title={i18n.staff('conversation.consentNeededTitle')}
        >
          <h1>{i18n.staff('conversation.consentNeededTitle')}</h1>
          <p>{i18n.staff('conversation.consentNeededBody')}</p>
          <p>
            <a href={`/staff/people/${id}#consents`}>{i18n.staff('conversation.consentNeededLink')}</a>
          </p>
        </StaffPage>,
      ),
      409,
    );
  }

  /** Where to go on: the check page once every question has an answer, else the next question. */
  const onwards = (id: string, pc: PersonConversation, step: Step) =>
    nextUnanswered(pc.conversation!.answers) === null ? `${base(id)}/check` : `${base(id)}/${stepAfter(step) ?? 'check'}`;

  async function stepPage(
    c: Context,
    id: string,
    step: Step,
    pc: PersonConversation,
    values: Record<string, string[]>,
    problems: AnswerProblem[] = [],
    status: 200 | 400 = 200,
  ) {
    const i18n = personI18n(pc, c);
    let avoid;
    if (step === 'avoid') {
      const query = (c.req.query('q') ?? '').trim();
      const results = query ? await service(c).findServices(id, query) : null;
      avoid = { query, results, chosenNames: await service(c).serviceNames(id, values.serviceIds ?? []) };
    }
    return frame(
      c,
      pc,
      i18n.t(QUESTION[step]),
      <StepView i18n={i18n} csrf={c.get('csrfToken')} base={base(id)} step={step} values={values} problems={problems} avoid={avoid} />,
      problems,
      status,
    );
  }

  app.post('/staff/people/:id/conversation/start', async (c) => {
    const id = c.req.param('id');
    const current = await service(c).current(id);
    await service(c).start(id, current.person.preferredLanguage);
    return c.redirect(base(id), 303);
  });

  app.get('/staff/people/:id/conversation', async (c) => {
    const id = c.req.param('id');
    const pc = await service(c).current(id);
    if (pc.conversation?.status !== 'draft') return c.redirect(`/staff/people/${id}`, 303);
    return c.redirect(`${base(id)}/${nextUnanswered(pc.conversation.answers) ?? 'check'}`, 303);
  });

  app.get('/staff/people/:id/conversation/check', async (c) => {
    const id = c.req.param('id');
    const pc = await service(c).current(id);
    if (pc.conversation?.status !== 'draft') return c.redirect(`/staff/people/${id}`, 303);
    const i18n = personI18n(pc, c);
    const names = await service(c).serviceNames(id, pc.conversation.answers.avoid?.serviceIds ?? []);
    const problems = crossStepProblems(pc.conversation.answers).map((x) => x.problem);
    return frame(
      c,
      pc,
      i18n.t('conversation.check.title'),
      <CheckAnswersView
        i18n={i18n}
        csrf={c.get('csrfToken')}
        base={base(id)}
        answers={pc.conversation.answers}
        serviceNames={names}
        after={<MustsSummary i18n={i18n} base={base(id)} answers={pc.conversation.answers} spokenLanguage={firstLanguageOf(pc.person)} />}
      />,
      problems,
    );
  });

  app.post('/staff/people/:id/conversation/check', async (c) => {
    const id = c.req.param('id');
    const pc = await service(c).current(id);
    if (pc.conversation?.status !== 'draft') return c.redirect(`/staff/people/${id}`, 303);
    const done = await service(c).complete(id, pc.conversation.id);
    if (!done.ok) return c.redirect(`${base(id)}/${done.step}`, 303);
    return c.redirect(`/staff/people/${id}/suggestions`, 303);
  });

  function mustsPage(
    c: Context,
    id: string,
    pc: PersonConversation,
    values: Record<string, string[]>,
    problems: AnswerProblem[] = [],
    status: 200 | 400 = 200,
  ) {
    const i18n = personI18n(pc, c);
    return frame(
      c,
      pc,
      i18n.t('conversation.musts.question'),
      <MustsView
        i18n={i18n}
        csrf={c.get('csrfToken')}
        base={base(id)}
        answers={pc.conversation!.answers}
        spokenLanguage={firstLanguageOf(pc.person)}
        values={values}
        problems={problems}
      />,
      problems,
      status,
    );
  }

  app.get('/staff/people/:id/conversation/musts', async (c) => {
    const id = c.req.param('id');
    const pc = await service(c).current(id);
    if (pc.conversation?.status !== 'draft') return c.redirect(`/staff/people/${id}`, 303);
    return mustsPage(c, id, pc, mustsFormValues(pc.conversation.answers.musts ?? EMPTY_MUSTS));
  });

  app.post('/staff/people/:id/conversation/musts', async (c) => {
    const id = c.req.param('id');
    const body = await c.req.parseBody({ all: true });
    const pc = await service(c).current(id);
    if (pc.conversation?.status !== 'draft') return c.redirect(`/staff/people/${id}`, 303);
    const parsed = parseMusts(body);
    if (!parsed.ok) {
      const values: Record<string, string[]> = {};
      for (const [k, v] of Object.entries(body)) values[k] = (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string');
      return mustsPage(c, id, pc, values, parsed.problems, 400);
    }
    await service(c).saveMusts(id, pc.conversation.id, parsed.value);
    return c.redirect(`${base(id)}/check`, 303);
  });

  app.get('/staff/people/:id/conversation/:step', async (c) => {
    const id = c.req.param('id');
    const step = c.req.param('step');
    if (!isStep(step)) return c.notFound();
    const pc = await service(c).current(id);
    if (pc.conversation?.status !== 'draft') return c.redirect(`/staff/people/${id}`, 303);
    return stepPage(c, id, step, pc, stepFormValues(step, pc.conversation.answers));
  });

  app.post('/staff/people/:id/conversation/:step', async (c) => {
    const id = c.req.param('id');
    const step = c.req.param('step');
    if (!isStep(step)) return c.notFound();
    const body = await c.req.parseBody({ all: true });
    const pc = await service(c).current(id);
    if (pc.conversation?.status !== 'draft') return c.redirect(`/staff/people/${id}`, 303);
    const parsed = parseStep(step, body);
    if (!parsed.ok) {
      const values: Record<string, string[]> = {};
      for (const [k, v] of Object.entries(body)) values[k] = (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string');
      return stepPage(c, id, step, pc, values, parsed.problems, 400);
    }
    await service(c).saveStep(id, pc.conversation.id, step, parsed.value);
    const after = await service(c).current(id);
    return c.redirect(onwards(id, after, step), 303);
  });

  app.get('/staff/people/:id/suggestions', async (c) => {
    const id = c.req.param('id');
    const { pc, result, practical } = await service(c).suggest(id);
    const i18n = personI18n(pc, c);
    const conv = pc.conversation!;
    return frame(
      c,
      pc,
      i18n.t('conversation.suggestions.title'),
      <SuggestionsView
        i18n={i18n}
        csrf={c.get('csrfToken')}
        base={`/staff/people/${id}`}
        result={result}
        practical={practical}
        chosenIds={conv.chosen.map((s) => s.serviceId)}
        noteForPerson={conv.noteForPerson ?? ''}
        staffNotes={conv.staffNotes ?? ''}
        staff={staffI18n(c)}
        personName={pc.person.displayName}
        gaps={needGaps(matchRequestFor(pc), result.suggestions)}
      />,
    );
  });

  app.post('/staff/people/:id/suggestions', async (c) => {
    const id = c.req.param('id');
    const body = await c.req.parseBody({ all: true });
    const chosen = ([] as unknown[]).concat(body.chosen ?? []).filter((x): x is string => typeof x === 'string');
    const note = (v: unknown) => (typeof v === 'string' ? v : '').trim().slice(0, MAX_NOTE_LENGTH) || null;
    const pc = await service(c).current(id);
    if (!pc.conversation) return c.redirect(`/staff/people/${id}`, 303);
    // "nextSteps" is the notes for staff (the field's old name, kept so drafts and scripts still work).
    await service(c).choose(id, pc.conversation.id, chosen, { noteForPerson: note(body.noteForPerson), staffNotes: note(body.nextSteps) });
    return c.redirect(`/staff/people/${id}/plan`, 303);
  });

  /** The plan as the person reads it (printed, sent): never the notes for staff. On screen, in two languages when that view is on. */
  async function planFor(c: Context, pc: PersonConversation, onScreen = true) {
    const i18n = onScreen ? personI18n(pc, c) : personI18n(pc);
    const conv = pc.conversation!;
    const actor = c.get('actor')!;
    const sources: Map<string, PlaceSource> = await service(c).placeSources(
      pc.person.id,
      conv.chosen.map((s) => s.serviceId),
      i18n.locale,
    );
    const now = localNow(c.get('access').now());
    return composePlan(i18n, {
      personName: pc.person.displayName,
      answers: conv.answers,
      chosen: conv.chosen,
      noteForPerson: conv.noteForPerson,
      connectorName: actor.name,
      organisationName: actor.organisationName,
      date: conv.completedAt ?? conv.updatedAt,
      phraseReasons: (s) => phraseReasons(i18n, s),
      placeDetails: (s) => {
        const src = sources.get(s.serviceId);
        return src ? placeDetails(i18n, src, { now, isBankHoliday }) : [];
      },
    });
  }

  app.get('/staff/people/:id/plan', async (c) => {
    const id = c.req.param('id');
    const pc = await service(c).current(id);
    if (pc.conversation?.status !== 'complete') return c.redirect(`/staff/people/${id}`, 303);
    const i18n = personI18n(pc, c);
    const plan = await planFor(c, pc);
    const staff = staffI18n(c);
    return frame(
      c,
      pc,
      plan.title,
      <>
        <PlanView i18n={i18n} plan={plan} staff={staff} staffNotes={pc.conversation.staffNotes} />
        <p class="noprint" lang={staff.locale} dir={staff.dir}>
          <a href={`/staff/people/${id}/plan/referrals`} id="make-referrals">
            {staff.staff('conversation.referrals.link')}
          </a>
        </p>
      </>,
    );
  });

  app.post('/staff/people/:id/plan/send', async (c) => {
    const id = c.req.param('id');
    const pc = await service(c).current(id);
    if (pc.conversation?.status !== 'complete') return c.redirect(`/staff/people/${id}`, 303);
    const plan = await planFor(c, pc, false);
    const i18n = personI18n(pc);
    const sent = await service(c).sendPlan(id, pc.conversation.id, {
      subject: i18n.t('conversation.plan.subject'),
      text: planText(i18n, plan),
    });
    return c.redirect(`/staff/people/${id}?done=${sent.ok ? 'planSent' : `planNotSent-${sent.why}`}`, 303);
  });

  // --- the plan becomes referrals -------------------------------------------

  const MAX_EXTRA = 10;
  const uuids = (v: unknown): string[] =>
    [...new Set(([] as unknown[]).concat(v ?? []).filter((x): x is string => typeof x === 'string' && isUuid(x)))].slice(0, MAX_EXTRA);

  async function planReferralsPage(
    c: Context,
    id: string,
    pc: PersonConversation,
    extra: {
      extraIds?: string[];
      warnings?: { name: string; what: string[] }[];
      problems?: FieldProblem[];
      made?: PlanReferralsProps['made'];
    } = {},
    status: 200 | 400 = 200,
  ) {
    const staff = staffI18n(c);
    const query = (c.req.query('q') ?? '').trim();
    const results = query ? await service(c).findServices(id, query) : null;
    const names = await service(c).serviceNames(id, extra.extraIds ?? []);
    const conv = pc.conversation!;
    c.header('Cache-Control', 'no-store');
    return staffHtml(
      c,
      <PlanReferralsPage
        i18n={staff}
        csrf={c.get('csrfToken')}
        actor={c.get('actor')!}
        personId={id}
        personName={pc.person.displayName}
        chosen={conv.chosen.map((s) => ({ id: s.serviceId, name: `${s.name} (${s.organizationName})` }))}
        filled={referralInputFor(staff, createI18n(staff.locale), {
          person: pc.person,
          answers: conv.answers,
          request: matchRequestFor(pc),
          serviceName: '',
          firstLanguage: firstLanguageOf(pc.person),
        })}
        query={query}
        results={results}
        extra={(extra.extraIds ?? []).map((x) => ({ id: x, name: names.get(x) ?? x }))}
        warnings={extra.warnings ?? []}
        made={extra.made ?? []}
        {...(extra.problems ? { problems: extra.problems } : {})}
      />,
      status,
    );
  }

  app.get('/staff/people/:id/plan/referrals', async (c) => {
    const id = c.req.param('id');
    const pc = await service(c).current(id);
    if (pc.conversation?.status !== 'complete') return c.redirect(`/staff/people/${id}`, 303);
    // After making them: "referralId~serviceId[~problem]" for each, to link to.
    const made: PlanReferralsProps['made'] = [];
    const parts = (c.req.query('made') ?? '').split(',').map((x) => x.split('~'));
    const valid = parts.filter(([r, s]) => r && s && isUuid(r) && isUuid(s)).slice(0, 30);
    const names = await service(c).serviceNames(
      id,
      valid.map(([, s]) => s!),
    );
    const staff = staffI18n(c);
    for (const [r, s, problem] of valid) {
      const known =
        problem === 'already'
          ? staff.staff('conversation.referrals.already')
          : problem && problem in ERROR_MESSAGES
            ? staff.staff(ERROR_MESSAGES[problem as ServiceProblem])
            : null;
      made.push({ referralId: r!, name: names.get(s!) ?? s!, problem: known });
    }
    return planReferralsPage(c, id, pc, { made });
  });

  app.post('/staff/people/:id/plan/referrals', async (c) => {
    const id = c.req.param('id');
    const body = await c.req.parseBody({ all: true });
    const pc = await service(c).current(id);
    if (pc.conversation?.status !== 'complete') return c.redirect(`/staff/people/${id}`, 303);
    const staff = staffI18n(c);
    const conv = pc.conversation;
    // Places added by hand: only ones in the directory, checked against what the person said.
    const fits = await service(c).fitOfServices(id, uuids(body.extra));
    const extraIds = [...fits].filter(([, f]) => f.found).map(([x]) => x);
    const names = await service(c).serviceNames(id, extraIds);
    const targets = [
      ...conv.chosen.map((s) => ({ id: s.serviceId, name: s.name })),
      ...extraIds.filter((x) => !conv.chosen.some((s) => s.serviceId === x)).map((x) => ({ id: x, name: '' })),
    ];
    if (!targets.length)
      return planReferralsPage(c, id, pc, { problems: [{ field: 'q', message: staff.staff('conversation.referrals.nothing') }] }, 400);
    const english = createI18n(staff.locale);
    const warnings = extraIds
      .map((x) => ({ name: names.get(x) ?? x, what: fitWarnings(english, fits.get(x) ?? { found: false, broken: [], musts: [] }) }))
      .filter((w) => w.what.length);
    if (warnings.length && !valuesOf(body, 'anyway').includes('yes'))
      return planReferralsPage(
        c,
        id,
        pc,
        {
          extraIds,
          warnings,
          problems: [{ field: 'anyway', message: staff.staff('conversation.referrals.anyway', { name: pc.person.displayName }) }],
        },
        400,
      );
    const refs = referralsService(c.get('access'), { notifier: deps.notifier });
    const request = matchRequestFor(pc);
    const made: string[] = [];
    // Pressed twice, or again after a failure half-way: what is under way already is linked, not made again.
    const underWay = await refs.servicesUnderWay(id);
    for (const t of targets) {
      const existing = underWay.get(t.id);
      if (existing) {
        made.push([existing, t.id, 'already'].join('~'));
        continue;
      }
      const serviceName = t.name || names.get(t.id) || '';
      const input = referralInputFor(staff, english, {
        person: pc.person,
        answers: conv.answers,
        request,
        serviceName,
        firstLanguage: firstLanguageOf(pc.person),
      });
      const referralId = await refs.create(id, input);
      const chosen = await refs.chooseService(referralId, t.id);
      made.push([referralId, t.id, ...(chosen.ok ? [] : [chosen.error])].join('~'));
    }
    return c.redirect(`/staff/people/${id}/plan/referrals?made=${made.join(',')}`, 303);
  });

  return app;
}
