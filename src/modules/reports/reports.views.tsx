/**
 * The commissioners' report pages: tables with a small bar chart drawn as
 * SVG on the server (no JavaScript; prints as it shows), the gaps in words,
 * and links to the same figures as CSV and JSON. Aggregates only.
 */
import type { Actor } from '../../platform/auth/actor.ts';
import type { I18n } from '../../platform/i18n/i18n.ts';
import type { StaffKey } from '../../platform/i18n/staff-catalogue.ts';
import type { FieldProblem } from '../../platform/views/error-summary.tsx';
import { TextField } from '../../platform/views/staff-forms.tsx';
import { StaffPage } from '../../platform/views/staff-page.tsx';
import type { CoverageReport, CoverageTable } from './coverage.ts';
import { FUNNEL_STAGES } from './funnel.repository.ts';
import type { FunnelTable } from './funnel.ts';
import { areaLabel, dimensionLabel, groupWords, valueLabel } from './labels.ts';
import type { FunnelWithBaseline, OutcomesReport, ReportName } from './reports.service.ts';
import type { Shown } from './suppression.ts';
import { scrollRegion } from '../../platform/views/scroll-region.ts';

const sk = (s: string) => s as StaffKey;

interface Common {
  i18n: I18n;
  csrf: string;
  actor: Actor;
  problems: FieldProblem[];
  /** The query string (without "?") the CSV and JSON links repeat. */
  query: string;
}

/** A horizontal bar chart: one bar per label, hidden figures drawn as no bar and labelled "hidden". */
export function BarChart({ i18n, title, bars }: { i18n: I18n; title: string; bars: { label: string; value: Shown }[] }) {
  const max = Math.max(1, ...bars.map((b) => b.value ?? 0));
  const rowH = 22;
  const height = bars.length * rowH + 4;
  return (
    <figure class="report-chart">
      <svg role="img" aria-label={i18n.staff('reports.chart', { what: title })} viewBox={`0 0 600 ${height}`} width="100%" height={height}>
        <title>{i18n.staff('reports.chart', { what: title })}</title>
        {bars.map((b, i) => (
          <g>
            <text x="0" y={i * rowH + 15} font-size="12" fill="currentColor">
              {b.label.length > 38 ? `${b.label.slice(0, 37)}…` : b.label}
            </text>
            <rect x="250" y={i * rowH + 4} width={b.value ? Math.max(1, (b.value / max) * 290) : 0} height={rowH - 8} fill="currentColor" />
            <text x={b.value ? 256 + (b.value / max) * 290 : 254} y={i * rowH + 15} font-size="12" fill="currentColor">
              {b.value === null ? i18n.staff('reports.hidden') : String(b.value)}
            </text>
          </g>
        ))}
      </svg>
    </figure>
  );
}

const show = (i18n: I18n, v: Shown) => (v === null ? i18n.staff('reports.hidden') : String(v));

function Downloads({ i18n, name, query }: { i18n: I18n; name: ReportName; query: string }) {
  const q = query ? `?${query}` : '';
  return (
    <p class="report-downloads">
      <a href={`/staff/evidence/${name}.csv${q}`} download>
        {i18n.staff('reports.csv', { report: i18n.staff(sk(`reports.${name}.title`)) })}
      </a>{' '}
      · <a href={`/api/reports/${name}${q}`}>{i18n.staff('reports.json')}</a>
    </p>
  );
}

function Nav({ i18n, current }: { i18n: I18n; current: ReportName | null }) {
  return (
    <nav aria-label={i18n.staff('reports.nav')}>
      <ul class="report-nav">
        {(['coverage', 'funnel', 'outcomes'] as const).map((r) => (
          <li>
            <a href={`/staff/evidence/${r}`} aria-current={current === r ? 'page' : undefined}>
              {i18n.staff(sk(`reports.${r}.title`))}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function ReportsIndexPage({ i18n, csrf, actor }: Omit<Common, 'problems' | 'query'>) {
  const s = i18n.staff;
  return (
    <StaffPage i18n={i18n} actor={actor} csrf={csrf} title={s('reports.title')}>
      <h1>{s('reports.title')}</h1>
      <p>{s('reports.intro')}</p>
      <ul class="tiles">
        {(['coverage', 'funnel', 'outcomes'] as const).map((r) => (
          <li>
            <a href={`/staff/evidence/${r}`}>{s(sk(`reports.${r}.title`))}</a>
            <p>{s(sk(`reports.hint.${r}`))}</p>
          </li>
        ))}
      </ul>
      <h2>{s('reports.more')}</h2>
      <ul>
        <li>
          <a href="/staff/evidence/population">{s('reports.link.population')}</a>
        </li>
        <li>
          <a href="/staff/unfair-treatment">{s('unfair.counts.title')}</a>
        </li>
        <li>
          <a href="/staff/evidence/tokens">{s('reports.link.tokens')}</a>
        </li>
      </ul>
    </StaffPage>
  );
}

function CoverageTableView({ i18n, table }: { i18n: I18n; table: CoverageTable }) {
  const s = i18n.staff;
  return (
    <section>
      <h3>{dimensionLabel(i18n, table.dimension)}</h3>
      {table.rows[0] && (
        <BarChart
          i18n={i18n}
          title={`${dimensionLabel(i18n, table.dimension)}, ${areaLabel(i18n, table.rows[0].area)} (${s('reports.services')})`}
          bars={[
            ...table.values.map((v) => ({ label: valueLabel(i18n, table.dimension, v), value: table.rows[0]!.cells[v]!.services })),
            { label: s('reports.notStated'), value: table.rows[0].notStated.services },
          ]}
        />
      )}
      {/* A wide table scrolls on a small screen: focusable so it can be scrolled with the keyboard. */}
      <div {...scrollRegion(dimensionLabel(i18n, table.dimension))}>
        <table>
          <caption>
            {dimensionLabel(i18n, table.dimension)}: {s('reports.services')} / {s('reports.organisations')}
          </caption>
          <thead>
            <tr>
              <th scope="col">{s('reports.area')}</th>
              <th scope="col">{s('reports.total')}</th>
              {table.values.map((v) => (
                <th scope="col">{valueLabel(i18n, table.dimension, v)}</th>
              ))}
              <th scope="col">{s('reports.notStated')}</th>
            </tr>
          </thead>
          <tbody>
            {table.rows.map((r) => (
              <tr>
                <th scope="row">{areaLabel(i18n, r.area)}</th>
                <td>
                  {r.services} / {r.organisations}
                </td>
                {table.values.map((v) => (
                  <td>
                    {r.cells[v]!.services} / {r.cells[v]!.organisations}
                  </td>
                ))}
                <td>
                  {r.notStated.services} / {r.notStated.organisations}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function CoveragePage(p: Common & { area: string; report: CoverageReport | null }) {
  const { i18n } = p;
  const s = i18n.staff;
  const err = (k: string) => p.problems.find((x) => x.field === k)?.message;
  return (
    <StaffPage i18n={i18n} actor={p.actor} csrf={p.csrf} title={s('reports.coverage.title')} problems={p.problems}>
      <Nav i18n={i18n} current="coverage" />
      <h1>{s('reports.coverage.title')}</h1>
      <p>{s('reports.coverage.intro')}</p>
      <form method="get" action="/staff/evidence/coverage" novalidate>
        <TextField i18n={i18n} id="area" label={s('reports.areaField')} value={p.area} error={err('area')} />
        <button type="submit">{s('reports.show')}</button>
      </form>
      {p.report && (
        <>
          <Downloads i18n={i18n} name="coverage" query={p.query} />
          <h2>{s('reports.gaps')}</h2>
          {p.report.gaps.length ? (
            <ul class="report-gaps">
              {p.report.gaps.map((g) => (
                <li>
                  {g.kind === 'none'
                    ? s('reports.gap.none', { what: groupWords(i18n, g.dimension, g.value), area: areaLabel(i18n, g.area) })
                    : s('reports.gap.few', {
                        what: valueLabel(i18n, g.dimension, g.value),
                        organisations: g.organisations,
                        totalOrganisations: g.totalOrganisations,
                        services: g.services,
                        totalServices: g.totalServices,
                        area: areaLabel(i18n, g.area),
                      })}
                </li>
              ))}
            </ul>
          ) : (
            <p>{s('reports.noGaps')}</p>
          )}
          {p.report.tables.map((t) => (
            <CoverageTableView i18n={i18n} table={t} />
          ))}
        </>
      )}
    </StaffPage>
  );
}

function PeriodForm(p: { i18n: I18n; action: string; from: string; to: string; area?: string; problems: FieldProblem[] }) {
  const s = p.i18n.staff;
  const err = (k: string) => p.problems.find((x) => x.field === k)?.message;
  return (
    <form method="get" action={p.action} novalidate>
      <TextField i18n={p.i18n} id="from" label={s('reports.from')} type="date" value={p.from} error={err('from')} />
      <TextField i18n={p.i18n} id="to" label={s('reports.to')} type="date" value={p.to} error={err('to')} />
      {p.area !== undefined && <TextField i18n={p.i18n} id="area" label={s('reports.areaField')} value={p.area} error={err('area')} />}
      <button type="submit">{s('reports.show')}</button>
    </form>
  );
}

function FunnelTableView({ i18n, table }: { i18n: I18n; table: FunnelTable }) {
  const s = i18n.staff;
  return (
    <section>
      <h3>{dimensionLabel(i18n, table.dimension)}</h3>
      <div {...scrollRegion(dimensionLabel(i18n, table.dimension))}>
        <table>
          <caption>{dimensionLabel(i18n, table.dimension)}</caption>
          <thead>
            <tr>
              <th scope="col">{dimensionLabel(i18n, table.dimension)}</th>
              {FUNNEL_STAGES.map((st) => (
                <th scope="col">{s(sk(`reports.stage.${st}`))}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((r) => (
              <tr>
                <th scope="row">{table.dimension === 'area' && r.value ? r.value : valueLabel(i18n, table.dimension, r.value)}</th>
                {FUNNEL_STAGES.map((st) => (
                  <td>{show(i18n, r.counts[st])}</td>
                ))}
              </tr>
            ))}
            <tr>
              <th scope="row">{s('reports.total')}</th>
              {FUNNEL_STAGES.map((st) => (
                <td>{show(i18n, table.total[st])}</td>
              ))}
            </tr>
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function FunnelPage(p: Common & { from: string; to: string; area: string; report: FunnelWithBaseline | null }) {
  const { i18n } = p;
  const s = i18n.staff;
  const first = p.report?.tables[0];
  return (
    <StaffPage i18n={i18n} actor={p.actor} csrf={p.csrf} title={s('reports.funnel.title')} problems={p.problems}>
      <Nav i18n={i18n} current="funnel" />
      <h1>{s('reports.funnel.title')}</h1>
      <p>{s('reports.funnel.intro')}</p>
      {p.report?.madeUp && <p class="notice">{s('reports.madeUp')}</p>}
      <PeriodForm i18n={i18n} action="/staff/evidence/funnel" from={p.from} to={p.to} area={p.area} problems={p.problems} />
      {p.report && first && (
        <>
          <Downloads i18n={i18n} name="funnel" query={p.query} />
          <p>{s('reports.hiddenNote')}</p>
          <BarChart
            i18n={i18n}
            title={s('reports.funnel.title')}
            bars={FUNNEL_STAGES.map((st) => ({ label: s(sk(`reports.stage.${st}`)), value: first.total[st] }))}
          />
          {p.report.tables.map((t) => (
            <FunnelTableView i18n={i18n} table={t} />
          ))}
          <h2>{s('reports.reach.title')}</h2>
          {p.report.reach.length ? (
            <>
              <p>{s('reports.reach.intro', { source: p.report.baseline.source ?? '' })}</p>
              <div {...scrollRegion(s('reports.reach.title'))}>
                <table>
                  <caption>{s('reports.reach.title')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{s('reports.area')}</th>
                      <th scope="col">{s('reports.reach.group')}</th>
                      <th scope="col">{s('reports.reach.people')}</th>
                      <th scope="col">{s('reports.reach.share')}</th>
                      <th scope="col">{s('reports.reach.populationShare')}</th>
                      <th scope="col">{s('reports.reach.ratio')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {p.report.reach.map((r) => (
                      <tr>
                        <td>{r.area}</td>
                        <th scope="row">
                          {dimensionLabel(i18n, r.dimension)}: {valueLabel(i18n, r.dimension, r.value)}
                        </th>
                        <td>{show(i18n, r.people)}</td>
                        <td>{r.share === null ? s('reports.hidden') : `${Math.round(r.share * 100)}%`}</td>
                        <td>{`${Math.round(r.populationShare * 100)}%`}</td>
                        <td>{r.ratio === null ? s('reports.hidden') : r.ratio.toFixed(2)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          ) : (
            <p>{s('reports.reach.none')}</p>
          )}
        </>
      )}
    </StaffPage>
  );
}

export function OutcomesPage(p: Common & { from: string; to: string; report: OutcomesReport | null }) {
  const { i18n } = p;
  const s = i18n.staff;
  const groupLabel = (grouping: string, key: string | null, label: string | null) =>
    grouping === 'service'
      ? (label ?? '')
      : grouping === 'kind'
        ? key
          ? (i18n.t(`term.kind.${key}` as never) as string)
          : s('reports.notStated')
        : (key ?? s('reports.notStated'));
  return (
    <StaffPage i18n={i18n} actor={p.actor} csrf={p.csrf} title={s('reports.outcomes.title')} problems={p.problems}>
      <Nav i18n={i18n} current="outcomes" />
      <h1>{s('reports.outcomes.title')}</h1>
      <p>{s('reports.outcomes.intro')}</p>
      {p.report?.madeUp && <p class="notice">{s('reports.madeUp')}</p>}
      <PeriodForm i18n={i18n} action="/staff/evidence/outcomes" from={p.from} to={p.to} problems={p.problems} />
      {p.report && (
        <>
          <Downloads i18n={i18n} name="outcomes" query={p.query} />
          <p>{s('reports.hiddenNote')}</p>
          {(['service', 'kind', 'area'] as const).map((g) => {
            const change = p.report!.change.filter((c) => c.grouping === g);
            const feedback = p.report!.feedback.filter((c) => c.grouping === g);
            return (
              <section>
                <h2>{s(sk(`reports.outcomes.by.${g}`))}</h2>
                {change.length ? (
                  <div {...scrollRegion(s(sk(`reports.outcomes.by.${g}`)))}>
                    <table>
                      <caption>{s(sk(`reports.outcomes.by.${g}`))}</caption>
                      <thead>
                        <tr>
                          <th scope="col">{s(sk(`reports.outcomes.by.${g}`))}</th>
                          <th scope="col">{s('reports.outcomes.score')}</th>
                          <th scope="col">{s('reports.outcomes.people')}</th>
                          <th scope="col">{s('reports.outcomes.baseline')}</th>
                          <th scope="col">{s('reports.outcomes.followUp')}</th>
                          <th scope="col">{s('reports.outcomes.change')}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {change.map((c) => (
                          <tr>
                            <th scope="row">{groupLabel(g, c.key, c.label)}</th>
                            <td>{c.scoreId}</td>
                            <td>{show(i18n, c.people)}</td>
                            <td>{show(i18n, c.baseline)}</td>
                            <td>{show(i18n, c.followUp)}</td>
                            <td>{show(i18n, c.change)}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                ) : (
                  <p>{s('reports.outcomes.none')}</p>
                )}
                {feedback.length ? (
                  <BarChart
                    i18n={i18n}
                    title={`${s('reports.outcomes.feedback')}: ${s(sk(`reports.outcomes.by.${g}`))}`}
                    bars={feedback.map((f) => ({ label: groupLabel(g, f.key, f.label), value: f.average }))}
                  />
                ) : (
                  <p>{s('reports.outcomes.noFeedback')}</p>
                )}
              </section>
            );
          })}
        </>
      )}
    </StaffPage>
  );
}
