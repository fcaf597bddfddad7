/**
 * Staff pages for measures: one person's measures (what was offered, scores,
 * and change from baseline to the latest follow-up, in words and arrows —
 * never a label for the person), and the commissioners' area figures.
 */
import type { Actor } from '../../platform/auth/actor.ts';
import type { I18n } from '../../platform/i18n/i18n.ts';
import { createI18n } from '../../platform/i18n/i18n.ts';
import { isLocaleCode, LOCALES } from '../../platform/i18n/locales.ts';
import { StaffPage } from '../../platform/views/staff-page.tsx';
import type { Measure, ScoreInfo, ScoreLine } from './measure-definitions.ts';
import { SMALL_NUMBER, type Cell, type ChangeLine, type MeasurePair, type MeasureSummary } from './measure-change.ts';
import type { MeasureRegistry } from './measure-registry.ts';
import { answerWords, staffSays } from './measure-text.ts';
import type { AdministrationRecord, PersonHeader } from './measures.service.ts';
import { scrollRegion } from '../../platform/views/scroll-region.ts';

const english = createI18n('en');

/** "↑ more by 2", "↓ lower by 1.5", "→ no change". */
export function changeWords(i18n: I18n, info: ScoreInfo, line: ChangeLine): string {
  const s = i18n.staff;
  if (line.delta === null) return s('measures.change.unknown');
  if (line.delta === 0) return s('measures.change.same');
  const up = line.delta > 0;
  const arrow =
    info.change === 'count'
      ? s(up ? 'measures.change.more' : 'measures.change.fewer')
      : s(up ? 'measures.change.higher' : 'measures.change.lower');
  return s('measures.change.by', { arrow, amount: i18n.formatNumber(Math.abs(line.delta)) });
}

function scoreText(i18n: I18n, measure: Measure, line: ScoreLine | undefined): string {
  if (!line || line.value === null) return i18n.staff('measures.notScored');
  const parts = [i18n.formatNumber(line.value)];
  if (line.band) parts.push(i18n.staff(`measures.band.${line.band as 'low'}`));
  if (line.category) parts.push(answerWords(english, measure, line.id, line.category));
  return parts.join(' · ');
}

export interface MeasuresPageProps {
  i18n: I18n;
  actor: Actor;
  csrf: string;
  person: PersonHeader;
  records: AdministrationRecord[];
  pairs: MeasurePair[];
  registry: MeasureRegistry;
  notice?: string | null;
}

export function MeasuresPage({ i18n, actor, csrf, person, records, pairs, registry, notice }: MeasuresPageProps) {
  const s = i18n.staff;
  const title = s('measures.pageTitle', { name: person.displayName });
  return (
    <StaffPage i18n={i18n} actor={actor} csrf={csrf} title={title} notice={notice}>
      <p>
        <a href={`/staff/people/${person.id}`}>{s('measures.backToPerson')}</a>
      </p>
      <h1>{title}</h1>
      <p class="callout">{s('measures.notScreening')}</p>

      <section aria-labelledby="offer">
        <h2 id="offer">{s('measures.record.heading')}</h2>
        <p class="hint">{s('measures.record.hint')}</p>
        {!person.measuresConsent && (
          <p class="callout warn">
            {s('measures.noConsent', { name: person.displayName })} <a href={`/staff/people/${person.id}`}>{s('measures.noConsentLink')}</a>
          </p>
        )}
        <ul class="plain">
          {registry.all.map((m) => (
            <li>
              <a href={`/staff/people/${person.id}/measures/${m.id}/new`}>{staffSays(i18n, m.name)}</a>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="change">
        <h2 id="change">{s('measures.change.heading')}</h2>
        {pairs.length === 0 && <p>{s('measures.change.none')}</p>}
        {pairs.map((pair) => {
          const m = registry.get(pair.measureId);
          if (!m) return null;
          return (
            <div {...scrollRegion(s('measures.change.heading'))}>
              <table>
                <caption>
                  {s('measures.change.caption', {
                    measure: staffSays(i18n, m.name),
                    baseline: pair.baseline.occasionDate,
                    followUp: pair.followUp.occasionDate,
                  })}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{s('measures.col.score')}</th>
                    <th scope="col">{s('measures.col.baseline')}</th>
                    <th scope="col">{s('measures.col.followUp')}</th>
                    <th scope="col">{s('measures.col.change')}</th>
                  </tr>
                </thead>
                <tbody>
                  {m.scores.map((info) => {
                    const line = pair.lines.find((l) => l.id === info.id) ?? { id: info.id, baseline: null, followUp: null, delta: null };
                    return (
                      <tr>
                        <th scope="row">{staffSays(i18n, info.label)}</th>
                        <td>
                          {scoreText(
                            i18n,
                            m,
                            pair.baseline.scores.find((l) => l.id === info.id),
                          )}
                        </td>
                        <td>
                          {scoreText(
                            i18n,
                            m,
                            pair.followUp.scores.find((l) => l.id === info.id),
                          )}
                        </td>
                        <td>{changeWords(i18n, info, line)}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          );
        })}
      </section>

      <section aria-labelledby="given">
        <h2 id="given">{s('measures.given.heading')}</h2>
        {records.length === 0 ? (
          <p>{s('measures.given.none')}</p>
        ) : (
          <div {...scrollRegion(s('measures.given.heading'))}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{s('measures.col.date')}</th>
                  <th scope="col">{s('measures.col.measure')}</th>
                  <th scope="col">{s('measures.col.occasion')}</th>
                  <th scope="col">{s('measures.col.language')}</th>
                  <th scope="col">{s('measures.col.mode')}</th>
                  <th scope="col">{s('measures.col.explanation')}</th>
                  <th scope="col">{s('measures.col.result')}</th>
                  <th scope="col">{s('measures.col.recordedBy')}</th>
                </tr>
              </thead>
              <tbody>
                {[...records].reverse().map((r) => {
                  const m = registry.get(r.measureId);
                  const answered = Object.values(r.answers).filter((a) => a !== 'prefer_not').length;
                  const main = m?.scores[0];
                  return (
                    <tr>
                      <td>{r.occasionDate}</td>
                      <td>{m ? staffSays(i18n, m.name) : r.measureId}</td>
                      <td>{s(`measures.occasion.${r.occasion}`)}</td>
                      <td>
                        {isLocaleCode(r.language) ? LOCALES[r.language].englishName : r.language}
                        {r.translationStatus === 'unvalidated' && <span class="hint">{s('measures.unvalidated')}</span>}
                      </td>
                      <td>{s(`measures.mode.${r.mode}`)}</td>
                      <td>{s(r.explanationShown ? 'measures.yes' : 'measures.no')}</td>
                      <td>
                        {r.declined ? (
                          s('measures.declined')
                        ) : (
                          <>
                            {m &&
                              main &&
                              `${staffSays(i18n, main.label)}: ${scoreText(
                                i18n,
                                m,
                                r.scores.find((l) => l.id === main.id),
                              )}`}
                            <span class="hint">{s('measures.answered', { answered, total: m?.items.length ?? answered })}</span>
                          </>
                        )}
                      </td>
                      <td>{r.recordedByName ?? ''}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </StaffPage>
  );
}

function CellText({ i18n, cell }: { i18n: I18n; cell: Cell }) {
  return <>{cell.shown ? i18n.formatNumber(cell.value) : i18n.staff('measures.summary.suppressed', { min: SMALL_NUMBER })}</>;
}

export function SummaryPage({
  i18n,
  actor,
  csrf,
  summary,
  registry,
}: {
  i18n: I18n;
  actor: Actor;
  csrf: string;
  summary: MeasureSummary[];
  registry: MeasureRegistry;
}) {
  const s = i18n.staff;
  const fmt = (c: Cell) => (c.shown ? i18n.formatNumber(c.value) : s('measures.summary.suppressed', { min: SMALL_NUMBER }));
  return (
    <StaffPage i18n={i18n} actor={actor} csrf={csrf} title={s('measures.summary.title')}>
      <h1>{s('measures.summary.title')}</h1>
      <p>{s('measures.summary.intro', { min: SMALL_NUMBER })}</p>
      <p class="callout">{s('measures.notScreening')}</p>
      {summary.map((m) => {
        const measure = registry.get(m.measureId);
        if (!measure) return null;
        return (
          <section>
            <h2>{staffSays(i18n, measure.name)}</h2>
            <p>
              {s('measures.summary.counts', {
                measure: staffSays(i18n, measure.name),
                baseline: fmt(m.baselines),
                followUp: fmt(m.followUps),
              })}
            </p>
            <div {...scrollRegion(staffSays(i18n, measure.name))}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{s('measures.col.score')}</th>
                    <th scope="col">{s('measures.col.people')}</th>
                    <th scope="col">{s('measures.col.meanBaseline')}</th>
                    <th scope="col">{s('measures.col.meanFollowUp')}</th>
                    <th scope="col">{s('measures.col.meanChange')}</th>
                  </tr>
                </thead>
                <tbody>
                  {m.lines.map((l) => {
                    const info = measure.scores.find((x) => x.id === l.scoreId);
                    return (
                      <tr>
                        <th scope="row">{info ? staffSays(i18n, info.label) : l.scoreId}</th>
                        <td>
                          <CellText i18n={i18n} cell={l.people} />
                        </td>
                        <td>
                          <CellText i18n={i18n} cell={l.meanBaseline} />
                        </td>
                        <td>
                          <CellText i18n={i18n} cell={l.meanFollowUp} />
                        </td>
                        <td>
                          <CellText i18n={i18n} cell={l.meanChange} />
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </section>
        );
      })}
    </StaffPage>
  );
}
