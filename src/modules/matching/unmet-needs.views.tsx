/**
 * /staff/unmet-needs: counts of needs nothing could meet over a period, by
 * area (outward code), by need and by rule. Aggregates only: nothing here
 * identifies a person.
 */
import type { Actor } from '../../platform/auth/actor.ts';
import type { MessageKey } from '../../platform/i18n/catalogue.ts';
import type { I18n } from '../../platform/i18n/i18n.ts';
import type { FieldProblem } from '../../platform/views/error-summary.tsx';
import { TextField } from '../../platform/views/staff-forms.tsx';
import { StaffPage } from '../../platform/views/staff-page.tsx';
import { languageName } from '../find/presenters.ts';
import { PREFERENCE_KINDS, type PreferenceKind } from './match-preferences.ts';
import { needText } from './suggestions.views.tsx';
import type { UnmetNeedSummary } from './unmet-needs.repository.ts';

/** A need code in words ("language:bn" → "Language: Bengali"). */
export function needLabel(i18n: I18n, code: string): string {
  const [group, value = ''] = code.split(':');
  const term = (key: string) => i18n.t(key as MessageKey);
  switch (group) {
    case 'language':
      return `${i18n.t('find.legend.language')}: ${languageName(i18n, value)}`;
    case 'kind':
      return term(`term.kind.${value}`);
    case 'cost':
      return term(`term.cost.${value}`);
    case 'help':
      return (
        {
          childcare: i18n.t('need.creche'),
          transport: i18n.t('need.fares'),
          accompany: i18n.t('need.go_with'),
          drop_in: i18n.t('need.drop_in'),
        }[value] ?? code
      );
    case 'interpreter':
      return i18n.t('facts.interpreter');
    case 'vetted':
      return i18n.t('matching.reason.vetted');
    case 'gender': // recorded before musts existed
      return value === 'woman' ? i18n.t('term.gender.women_only') : i18n.t('term.gender.men_only');
    case 'must': {
      const [, need = '', detail] = code.split(':');
      if (need === 'mode')
        return (detail ?? '')
          .split('+')
          .map((m) => term(`term.mode.${m}`))
          .join(' / ');
      return (PREFERENCE_KINDS as readonly string[]).includes(need)
        ? needText(i18n, { need: need as PreferenceKind, ...(detail ? { value: detail } : {}) })
        : code;
    }
    default:
      return code;
  }
}

function CountTable({ caption, head, rows }: { caption: string; head: [string, string]; rows: [string, number][] }) {
  return (
    <div class="table-wrap">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{head[0]}</th>
            <th scope="col">{head[1]}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([label, n]) => (
            <tr>
              <td>{label}</td>
              <td>{n}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export interface UnmetNeedsPageProps {
  i18n: I18n;
  csrf: string;
  actor: Actor;
  from: string;
  to: string;
  problems: FieldProblem[];
  summary: UnmetNeedSummary | null;
}

export function UnmetNeedsPage({ i18n, csrf, actor, from, to, problems, summary }: UnmetNeedsPageProps) {
  const s = i18n.staff;
  const err = (k: string) => problems.find((p) => p.field === k)?.message;
  return (
    <StaffPage i18n={i18n} actor={actor} csrf={csrf} title={s('unmetNeeds.title')} problems={problems}>
      <h1>{s('unmetNeeds.title')}</h1>
      <p>{s('unmetNeeds.intro')}</p>
      <form method="get" action="/staff/unmet-needs" novalidate>
        <TextField i18n={i18n} id="from" label={s('unmetNeeds.from')} type="date" value={from} error={err('from')} />
        <TextField i18n={i18n} id="to" label={s('unmetNeeds.to')} type="date" value={to} error={err('to')} />
        <button type="submit">{s('unmetNeeds.show')}</button>
      </form>
      {summary && (
        <>
          <p>{s('unmetNeeds.total', { count: summary.total })}</p>
          {summary.total > 0 && (
            <>
              <CountTable
                caption={s('unmetNeeds.byArea')}
                head={[s('unmetNeeds.area'), s('unmetNeeds.count')]}
                rows={summary.byArea.map((a) => [a.outcode ?? s('unmetNeeds.areaUnknown'), a.count])}
              />
              <CountTable
                caption={s('unmetNeeds.byNeed')}
                head={[s('unmetNeeds.need'), s('unmetNeeds.count')]}
                rows={summary.byNeed.map((n) => [needLabel(i18n, n.need), n.count])}
              />
              <CountTable
                caption={s('unmetNeeds.byRule')}
                head={[s('unmetNeeds.rule'), s('unmetNeeds.count')]}
                rows={summary.byRule.map((r) => [i18n.t(`matching.rule.${r.rule}` as MessageKey), r.count])}
              />
            </>
          )}
        </>
      )}
    </StaffPage>
  );
}
