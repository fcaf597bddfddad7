/**
 * People's records (connectors of the organisation that holds them):
 *
 *   GET      /staff/people                        the organisation's records
 *   GET/POST /staff/people/new, /staff/people     add one (with its 'store' consent)
 *   GET      /staff/people/:id                    one record (audited) + who has looked at it
 *   GET/POST /staff/people/:id/edit, /staff/people/:id
 *   POST     /staff/people/:id/consents/store|contact
 *   POST     /staff/people/:id/consents/:cid/withdraw
 */
import { Hono, type Context } from 'hono';
import { requireStaff } from '../../platform/auth/auth.middleware.ts';
import type { FieldProblem } from '../../platform/views/error-summary.tsx';
import { staffErrorHandler, staffHtml, staffI18n } from '../../platform/views/staff-page.tsx';
import { valuesOf, type FormBody } from '../../platform/http/form-body.ts';
import { peopleService } from './people.service.ts';
import { PeopleListPage, PersonFormPage, PersonPage, type PersonFormValues } from './people.views.tsx';
import { parseConsentInput, parsePersonInput, type PersonProblem } from './person-form.ts';
import type { Person } from './person.ts';
import type { PersonPanel } from './person-panels.ts';
import type { StaffKey } from '../../platform/i18n/staff-catalogue.ts';

const RADIOS = new Set([
  'contactMethod',
  'givenBy',
  'gender',
  'ageBand',
  'ethnicity',
  'safeToCall',
  'safeToText',
  'safeToLeaveMessage',
  'scope',
]);
const NOTICES = new Set([
  'personCreated',
  'personUpdated',
  'consentRecorded',
  'consentWithdrawn',
  'planSent',
  'planNotSent-noContactConsent',
  'planNotSent-noEmail',
]);

function formValues(body: FormBody): PersonFormValues {
  const out: PersonFormValues = {};
  for (const k of Object.keys(body)) out[k] = valuesOf(body, k);
  return out;
}

function personValues(p: Person): PersonFormValues {
  const yn = (b: boolean | null) => [b === null ? 'unknown' : b ? 'yes' : 'no'];
  return {
    displayName: [p.displayName],
    preferredLanguage: [p.preferredLanguage],
    otherLanguages: [p.otherLanguages.join(', ')],
    spokenLanguage: [p.spokenLanguage ?? ''],
    englishOk: p.englishOk ? ['yes'] : [],
    interpreterNeeded: p.interpreterNeeded ? ['yes'] : [],
    interpreterLanguage: [p.interpreterLanguage ?? ''],
    area: [p.area ?? ''],
    contactMethod: [p.contactMethod ?? ''],
    phone: [p.phone ?? ''],
    email: [p.email ?? ''],
    safeToCall: yn(p.safeToCall),
    safeToText: yn(p.safeToText),
    safeToLeaveMessage: yn(p.safeToLeaveMessage),
    gender: [p.gender ?? 'not_said'],
    ageBand: [p.ageBand ?? 'not_said'],
    ethnicity: [p.ethnicity ?? 'not_said'],
  };
}

/** `panels`: the sections other modules add to a person's page, in order (see person-panels.ts). */
export function peopleRoutes({ panels = [] }: { panels?: readonly PersonPanel[] } = {}) {
  const app = new Hono();
  app.onError(staffErrorHandler);
  app.use('/staff/people', requireStaff);
  app.use('/staff/people/*', requireStaff);
  const people = (c: Context) => peopleService(c.get('access'));
  const today = (c: Context) => c.get('access').now().toISOString().slice(0, 10);
  const toProblems = (c: Context, list: PersonProblem[], prefix = ''): FieldProblem[] =>
    list.map((p) => ({
      field: RADIOS.has(p.field) ? `${prefix}${p.field}-0` : `${prefix}${p.field}`,
      message: staffI18n(c).staff(`people.error.${p.code}` as StaffKey),
    }));
  const common = (c: Context) => ({ i18n: staffI18n(c), actor: c.get('actor')!, csrf: c.get('csrfToken') });

  async function personPage(
    c: Context,
    id: string,
    extra: { problems?: FieldProblem[]; consentForm?: { kind: 'store' | 'contact'; values: PersonFormValues } } = {},
    status: 200 | 400 = 200,
  ) {
    const access = c.get('access');
    const person = await people(c).get(id);
    const i18n = staffI18n(c);
    const panelContext = { access, i18n, csrf: c.get('csrfToken'), person, now: access.now() };
    const sections = [];
    for (const panel of panels) sections.push(await panel(panelContext));
    const history = await people(c).history(id);
    const done = c.req.query('done');
    c.header('Cache-Control', 'no-store');
    return staffHtml(
      c,
      <PersonPage
        {...common(c)}
        person={person}
        panels={sections}
        history={history}
        now={access.now()}
        notice={done && NOTICES.has(done) ? i18n.staff(`people.notice.${done}` as StaffKey) : null}
        {...extra}
      />,
      status,
    );
  }

  app.get('/staff/people', async (c) => staffHtml(c, <PeopleListPage {...common(c)} people={await people(c).list()} notice={null} />));

  app.get('/staff/people/new', async (c) => {
    await people(c).list(); // ask the policy first, so those without the right see "no access" before typing
    return staffHtml(c, <PersonFormPage {...common(c)} values={{ preferredLanguage: ['en'] }} />);
  });

  app.post('/staff/people', async (c) => {
    const body = await c.req.parseBody({ all: true });
    const store = parseConsentInput(body, 'store', today(c));
    const stores = store.ok && store.value.scope.includes('contact_details');
    const input = parsePersonInput(body, stores, store.ok && store.value.scope.includes('ethnicity'));
    if (!input.ok || !store.ok) {
      const problems = [...(input.ok ? [] : input.problems), ...(store.ok ? [] : store.problems)];
      return staffHtml(c, <PersonFormPage {...common(c)} values={formValues(body)} problems={toProblems(c, problems)} />, 400);
    }
    const id = await people(c).create(input.value, store.value, null);
    return c.redirect(`/staff/people/${id}?done=personCreated`, 303);
  });

  app.get('/staff/people/:id', (c) => personPage(c, c.req.param('id')));

  app.get('/staff/people/:id/edit', async (c) => {
    const id = c.req.param('id');
    const person = await people(c).get(id);
    return staffHtml(c, <PersonFormPage {...common(c)} personId={id} values={personValues(person)} />);
  });

  app.post('/staff/people/:id', async (c) => {
    const id = c.req.param('id');
    const body = await c.req.parseBody({ all: true });
    const input = parsePersonInput(body, true);
    if (input.ok) {
      const r = await people(c).update(id, input.value);
      if (r.ok) return c.redirect(`/staff/people/${id}?done=personUpdated`, 303);
      return staffHtml(
        c,
        <PersonFormPage
          {...common(c)}
          personId={id}
          values={formValues(body)}
          problems={toProblems(c, [{ field: r.field, code: r.field === 'ethnicity' ? 'ethnicityNotConsented' : 'contactNotConsented' }])}
        />,
        400,
      );
    }
    return staffHtml(
      c,
      <PersonFormPage {...common(c)} personId={id} values={formValues(body)} problems={toProblems(c, input.problems)} />,
      400,
    );
  });

  for (const kind of ['store', 'contact'] as const) {
    app.post(`/staff/people/:id/consents/${kind}`, async (c) => {
      const id = c.req.param('id');
      const body = await c.req.parseBody({ all: true });
      const consent = parseConsentInput(body, kind, today(c));
      if (!consent.ok) {
        const problems = toProblems(c, consent.problems, kind === 'contact' ? 'c' : '');
        return personPage(c, id, { problems, consentForm: { kind, values: formValues(body) } }, 400);
      }
      await people(c).recordConsent(id, consent.value);
      return c.redirect(`/staff/people/${id}?done=consentRecorded#consents`, 303);
    });
  }

  app.post('/staff/people/:id/consents/:cid/withdraw', async (c) => {
    const id = c.req.param('id');
    await people(c).withdrawConsent(id, c.req.param('cid'));
    return c.redirect(`/staff/people/${id}?done=consentWithdrawn#consents`, 303);
  });

  return app;
}
