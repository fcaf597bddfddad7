/**
 * The population baseline (staff who may see the reports; uploads by administrators):
 *
 *   GET  /staff/evidence/population        each area's baseline, and the upload form
 *   GET  /staff/evidence/population.csv    the whole baseline as a CSV (the upload's columns)
 *   POST /staff/evidence/population        upload a CSV: replaces the areas it covers, or says what is wrong, line by line
 */
import type { Context, Hono } from 'hono';
import type { FieldProblem } from '../../platform/views/error-summary.tsx';
import { staffHtml, staffI18n } from '../../platform/views/staff-page.tsx';
import { MAX_POPULATION_BYTES, parsePopulationCsv, populationCsv } from './population-csv.ts';
import { populationService } from './population.service.ts';
import { PopulationPage, populationProblemKey } from './population.views.tsx';

export function registerPopulationRoutes(staff: Hono) {
  const svc = (c: Context) => populationService(c.get('access'));

  async function page(
    c: Context,
    extra: { problems?: FieldProblem[]; fileProblems?: string[]; source?: string } = {},
    status: 200 | 400 = 200,
  ) {
    const i18n = staffI18n(c);
    const done = c.req.query('done');
    const notice =
      done && /^[\p{L}\p{N} ,'.-]{1,300}$/u.test(done) ? i18n.staff('population.uploaded.notice', { areas: done.slice(0, 300) }) : null;
    return staffHtml(
      c,
      <PopulationPage
        i18n={i18n}
        csrf={c.get('csrfToken')}
        actor={c.get('actor')!}
        areas={await svc(c).areas()}
        problems={extra.problems ?? []}
        fileProblems={extra.fileProblems ?? []}
        source={extra.source ?? ''}
        notice={status === 200 ? notice : null}
      />,
      status,
    );
  }

  staff.get('/staff/evidence/population', (c) => page(c));

  staff.get('/staff/evidence/population.csv', async (c) =>
    c.body(populationCsv(await svc(c).rows()), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': 'attachment; filename="belong-population-baseline.csv"',
    }),
  );

  staff.post('/staff/evidence/population', async (c) => {
    const i18n = staffI18n(c);
    const body = await c.req.parseBody();
    const file = body['file'];
    const source = (typeof body['source'] === 'string' ? body['source'] : '').trim().replace(/\s+/g, ' ').slice(0, 200);
    const problems: FieldProblem[] = [];
    if (!(file instanceof File) || file.size === 0) problems.push({ field: 'file', message: i18n.staff('population.error.noFile') });
    if (!source) problems.push({ field: 'source', message: i18n.staff('population.error.noSource') });
    if (problems.length || !(file instanceof File)) return page(c, { problems, source }, 400);
    const parsed =
      file.size > MAX_POPULATION_BYTES
        ? ({ ok: false, problems: [{ line: null, code: 'tooLarge', found: '' }] } as const)
        : parsePopulationCsv(await file.text());
    if (!parsed.ok) {
      const fileProblems = parsed.problems
        .slice(0, 50)
        .map((p) => i18n.staff(populationProblemKey(p.code), { line: p.line ?? '', found: p.found }));
      return page(c, { problems: [{ field: 'file', message: i18n.staff('population.error.file') }], fileProblems, source }, 400);
    }
    await svc(c).upload(parsed.areas, parsed.rows, source);
    return c.redirect(`/staff/evidence/population?done=${encodeURIComponent(parsed.areas.join(', '))}`, 303);
  });
}
