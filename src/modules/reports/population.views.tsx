/** /staff/evidence/population: each area's population baseline, its download, and (administrators) the upload. */
import type { Actor } from '../../platform/auth/actor.ts';
import { CsrfField } from '../../platform/auth/csrf.tsx';
import type { I18n } from '../../platform/i18n/i18n.ts';
import type { StaffKey } from '../../platform/i18n/staff-catalogue.ts';
import { ErrorMessage, type FieldProblem } from '../../platform/views/error-summary.tsx';
import { TextField } from '../../platform/views/staff-forms.tsx';
import { StaffPage } from '../../platform/views/staff-page.tsx';
import type { PopulationArea } from './population.repository.ts';
import { scrollRegion } from '../../platform/views/scroll-region.ts';

export interface PopulationPageProps {
  i18n: I18n;
  csrf: string;
  actor: Actor;
  areas: PopulationArea[];
  problems: FieldProblem[];
  /** Each problem of the uploaded file, in words with its line (shown as a list under the file field). */
  fileProblems: string[];
  source: string;
  notice: string | null;
}

export function PopulationPage(p: PopulationPageProps) {
  const { i18n } = p;
  const s = i18n.staff;
  const err = (f: string) => p.problems.find((x) => x.field === f)?.message;
  return (
    <StaffPage i18n={i18n} actor={p.actor} csrf={p.csrf} title={s('population.title')} problems={p.problems} notice={p.notice}>
      <p>
        <a href="/staff/evidence">{s('reports.title')}</a>
      </p>
      <h1>{s('population.title')}</h1>
      <p>{s('population.intro')}</p>
      {p.areas.length ? (
        <div {...scrollRegion(s('population.areas'))}>
          <table>
            <caption>{s('population.areas')}</caption>
            <thead>
              <tr>
                <th scope="col">{s('population.area')}</th>
                <th scope="col">{s('population.groups')}</th>
                <th scope="col">{s('population.rows')}</th>
                <th scope="col">{s('population.source')}</th>
                <th scope="col">{s('population.uploaded')}</th>
              </tr>
            </thead>
            <tbody>
              {p.areas.map((a) => (
                <tr>
                  <td>{a.area}</td>
                  <td>{a.dimensions.map((d) => s(`population.dim.${d}` as StaffKey)).join(', ')}</td>
                  <td>{a.rows}</td>
                  <td dir="auto">{a.source}</td>
                  <td>{i18n.formatDate(a.uploadedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{s('population.none')}</p>
      )}
      <p>
        <a href="/staff/evidence/population.csv" download>
          {s('population.download')}
        </a>
      </p>
      {p.actor.role === 'administrator' && (
        <section>
          <h2>{s('population.uploadHeading')}</h2>
          <p>{s('population.uploadIntro')}</p>
          <pre>
            {
              'area,dimension,value,population\nBD8,ethnicity,asian_pakistani,6120\nBD8,age_band,65_plus,3100\nBD8,gender,woman,10400\nBD8,language,ur,2900'
            }
          </pre>
          <form method="post" action="/staff/evidence/population" enctype="multipart/form-data" novalidate>
            <CsrfField token={p.csrf} />
            <div class={err('file') ? 'field err-field' : 'field'}>
              <label for="file">{s('population.file')}</label>
              {err('file') && <ErrorMessage i18n={i18n} id="file-error" message={err('file')!} />}
              {p.fileProblems.length > 0 && (
                <ul class="err-msg">
                  {p.fileProblems.map((m) => (
                    <li>{m}</li>
                  ))}
                </ul>
              )}
              <input type="file" id="file" name="file" accept=".csv,text/csv" aria-describedby={err('file') ? 'file-error' : undefined} />
            </div>
            <TextField
              i18n={i18n}
              id="source"
              label={s('population.sourceField')}
              hint={s('population.sourceHint')}
              value={p.source}
              error={err('source')}
              maxlength={200}
            />
            <button type="submit">{s('population.upload')}</button>
          </form>
        </section>
      )}
    </StaffPage>
  );
}

export const populationProblemKey = (code: string) => `population.problem.${code}` as StaffKey;
