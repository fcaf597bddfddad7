/**
 * Connection measures:
 *
 *   GET  /staff/people/:id/measures                       measures given, change over time (connectors of the holding organisation)
 *   GET  /staff/people/:id/measures/:measure/new          step 1: occasion, date, mode, language
 *   GET  /staff/people/:id/measures/:measure/questions    step 2: the questions in the person's language
 *   POST /staff/people/:id/measures/:measure              save the answers, or record that the person said no
 *   GET  /staff/measures/summary                          area figures (commissioners, administrators)
 *
 * Every read and write goes through measures.service.ts; routes only parse
 * forms and choose pages. A bad content pack stops start-up here (the
 * registry is built when the routes are).
 */
import { Hono, type Context } from 'hono';
import type { AppDeps } from '../../platform/http/app-deps.ts';
import { requireStaff } from '../../platform/auth/auth.middleware.ts';
import { createI18n, type I18n } from '../../platform/i18n/i18n.ts';
import { isLocaleCode, type LocaleCode } from '../../platform/i18n/locales.ts';
import type { FieldProblem } from '../../platform/views/error-summary.tsx';
import { staffErrorHandler, staffHtml, staffI18n } from '../../platform/views/staff-page.tsx';
import { readForm, type MeasureProblem } from './measure-answers.ts';
import { personChanges } from './measure-change.ts';
import { QuestionsPage, SetupPage, type SetupValues } from './measure-form.views.tsx';
import { registryFromConfig, type MeasureRegistry } from './measure-registry.ts';
import { measuresService } from './measures.service.ts';
import { MeasuresPage, SummaryPage } from './measures.views.tsx';

const SETUP_RADIOS = new Set(['occasion', 'mode', 'language', 'explanation']);

/** Problems as the error summary wants them (staff words), and per-item messages in the person's language. */
function describe(i18n: I18n, person: I18n, problems: MeasureProblem[]): { summary: FieldProblem[]; items: Record<string, string> } {
  const summary: FieldProblem[] = [];
  const items: Record<string, string> = {};
  for (const p of problems) {
    if (p.code === 'item' || p.code === 'count') {
      summary.push({
        field: p.code === 'count' ? `q-${p.field}` : `q-${p.field}-0`,
        message: i18n.staff(p.code === 'count' ? 'measures.problem.count' : 'measures.problem.item', { number: p.number }),
      });
      items[p.field] = person.t(p.code === 'count' ? 'measures.error.count' : 'measures.error.choose');
    } else {
      summary.push({ field: SETUP_RADIOS.has(p.field) ? `${p.field}-0` : p.field, message: i18n.staff(`measures.problem.${p.code}`) });
    }
  }
  return { summary, items };
}

export function measuresRoutes(deps: Pick<AppDeps, 'config'> & { registry?: MeasureRegistry }) {
  const registry = deps.registry ?? registryFromConfig(deps.config);
  const app = new Hono();
  app.onError(staffErrorHandler);
  app.use('/staff/people/:id/measures', requireStaff);
  app.use('/staff/people/:id/measures/*', requireStaff);
  app.use('/staff/measures/*', requireStaff);

  const service = (c: Context) => measuresService(c.get('access'), registry);
  const common = (c: Context) => ({ i18n: staffI18n(c), actor: c.get('actor')!, csrf: c.get('csrfToken') as string });
  const setupFrom = (q: (k: string) => string | undefined): SetupValues => ({
    occasion: q('occasion') ?? '',
    occasionDate: q('occasionDate') ?? '',
    mode: q('mode') ?? '',
    language: q('language') ?? '',
  });

  app.get('/staff/people/:id/measures', async (c) => {
    const { person, records } = await service(c).history(c.req.param('id'));
    const i18n = staffI18n(c);
    const done = c.req.query('done');
    const notice =
      done === 'saved'
        ? i18n.staff('measures.saved')
        : done === 'declined'
          ? i18n.staff('measures.savedDeclined')
          : done === 'noConsent'
            ? i18n.staff('measures.notKeptNoConsent', { name: person.displayName })
            : null;
    c.header('Cache-Control', 'no-store');
    return staffHtml(
      c,
      <MeasuresPage {...common(c)} person={person} records={records} pairs={personChanges(records)} registry={registry} notice={notice} />,
    );
  });

  app.get('/staff/people/:id/measures/:measure/new', async (c) => {
    const person = await service(c).personForForm(c.req.param('id'), c.req.param('measure'));
    const measure = registry.get(c.req.param('measure'))!;
    const values = setupFrom((k) => c.req.query(k));
    if (!values.language)
      values.language =
        isLocaleCode(person.preferredLanguage) && measure.languages.includes(person.preferredLanguage)
          ? person.preferredLanguage
          : measure.languages[0]!;
    if (!values.occasionDate) values.occasionDate = new Date().toISOString().slice(0, 10);
    c.header('Cache-Control', 'no-store');
    return staffHtml(c, <SetupPage {...common(c)} person={person} measure={measure} values={values} />);
  });

  app.get('/staff/people/:id/measures/:measure/questions', async (c) => {
    const svc = service(c);
    const person = await svc.personForForm(c.req.param('id'), c.req.param('measure'));
    const measure = registry.get(c.req.param('measure'))!;
    const values = setupFrom((k) => c.req.query(k));
    const problems = svc.checkSetup(measure.id, values);
    c.header('Cache-Control', 'no-store');
    const i18n = staffI18n(c);
    if (problems.length) {
      return staffHtml(
        c,
        <SetupPage {...common(c)} person={person} measure={measure} values={values} problems={describe(i18n, i18n, problems).summary} />,
        400,
      );
    }
    const language = values.language as LocaleCode;
    return staffHtml(
      c,
      <QuestionsPage {...common(c)} person={person} measure={measure} personI18n={createI18n(language)} setup={{ ...values, language }} />,
    );
  });

  app.post('/staff/people/:id/measures/:measure', async (c) => {
    const personId = c.req.param('id');
    const svc = service(c);
    const measure = registry.get(c.req.param('measure'));
    const body = await c.req.parseBody();
    if (!measure) {
      // Unknown measure: the service answers "not found" (after asking the policy about the person).
      await svc.personForForm(personId, c.req.param('measure'));
      return c.notFound();
    }
    const raw = readForm(measure, body);
    const result = await svc.record(personId, measure.id, raw);
    if (!result.ok && result.noConsent) return c.redirect(`/staff/people/${personId}/measures?done=noConsent`, 303);
    if (result.ok) return c.redirect(`/staff/people/${personId}/measures?done=${result.value.declined ? 'declined' : 'saved'}`, 303);
    const person = await svc.personForForm(personId, measure.id);
    const i18n = staffI18n(c);
    const setupBad = result.problems.some(
      (p) => p.field === 'occasion' || p.field === 'occasionDate' || p.field === 'mode' || p.field === 'language',
    );
    const values = { occasion: raw.occasion, occasionDate: raw.occasionDate, mode: raw.mode, language: raw.language };
    if (setupBad) {
      return staffHtml(
        c,
        <SetupPage
          {...common(c)}
          person={person}
          measure={measure}
          values={values}
          problems={describe(i18n, i18n, result.problems).summary}
        />,
        400,
      );
    }
    const language = raw.language as LocaleCode;
    const personI18n = createI18n(language);
    const { summary, items } = describe(i18n, personI18n, result.problems);
    return staffHtml(
      c,
      <QuestionsPage
        {...common(c)}
        person={person}
        measure={measure}
        personI18n={personI18n}
        setup={{ ...values, language }}
        explanation={raw.explanation}
        answers={raw.answers}
        problems={summary}
        itemErrors={items}
      />,
      400,
    );
  });

  app.get('/staff/measures/summary', async (c) => {
    const summary = await service(c).summary();
    c.header('Cache-Control', 'no-store');
    return staffHtml(c, <SummaryPage {...common(c)} summary={summary} registry={registry} />);
  });

  return app;
}
