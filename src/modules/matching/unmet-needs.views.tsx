/**
 * /staff/unmet-needs: counts of needs nothing could meet over a period, by
 * area (outward code), by need and by rule. Aggregates only: nothing here
 * identifies a person.
 */
import type { Actor } from '../../platform/auth/actor.ts';
import { MESSAGE_KEYS, type MessageKey } from '../../platform/i18n/catalogue.ts';
import type { I18n } from '../../platform/i18n/i18n.ts';
import { STAFF_KEYS, type StaffKey } from '../../platform/i18n/staff-catalogue.ts';
import type { FieldProblem } from '../../platform/views/error-summary.tsx';
import { TextField } from '../../platform/views/staff-forms.tsx';
import { StaffPage } from '../../platform/views/staff-page.tsx';
import { languageName } from '../find/presenters.ts';
import { PREFERENCE_KINDS, type PreferenceKind } from './match-preferences.ts';
import { needText } from './suggestions.views.tsx';
import type { UnmetNeedSummary } from './unmet-needs.repository.ts';
import { scrollRegion } from '../../platform/views/scroll-region.ts';

const MESSAGES: ReadonlySet<string> = new Set(MESSAGE_KEYS);
const STAFF: ReadonlySet<string> = new Set(STAFF_KEYS);

/**
 * A need code in words ("language:bn" → "Language: Bengali"), never the code
 * itself: a code this version does not know (recorded by another version, or
 * a term since retired) reads "Something else they needed".
 */
export function needLabel(i18n: I18n, code: string): string {
  const [group = '', value = ''] = code.split(':');
  const other = i18n.staff('unmetNeeds.needOther');
  const term = (key: string) => (MESSAGES.has(key) ? i18n.t(key as MessageKey) : other);
  const staff = (key: string) => (STAFF.has(key) ? i18n.staff(key as StaffKey) : other);
  switch (group) {
    case 'language':
      return value ? `${i18n.t('find.legend.language')}: ${languageName(i18n, value)}` : other;
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
        }[value] ?? other
      );
    case 'interpreter':
      return i18n.t('facts.interpreter');
    case 'vetted':
      return staff('unmetNeeds.needWords.vetted');
    case 'want':
      return staff(`unmetNeeds.needWords.want.${value}`);
    case 'remote_only':
      return staff('unmetNeeds.needWords.remoteOnly');
    case 'times':
      return staff('unmetNeeds.needWords.times');
    case 'gender': // recorded before musts existed
      return value === 'woman' ? i18n.t('term.gender.women_only') : value === 'man' ? i18n.t('term.gender.men_only') : other;
    case 'must': {
      const [, need = '', detail] = code.split(':');
      let words = other;
      if (need === 'mode')
        words = (detail ?? '')
          .split('+')
          .map((m) => term(`term.mode.${m}`))
          .join(' / ');
      else if (need === 'language') words = detail ? `${i18n.t('find.legend.language')}: ${languageName(i18n, detail)}` : other;
      else if (need === 'gender_setting') words = term(`term.gender.${detail ?? 'women_only'}`);
      else if (need === 'access') words = term(`term.access.${detail}`);
      else if (need === 'audience') words = term(`term.audience.${detail}`);
      else if ((PREFERENCE_KINDS as readonly string[]).includes(need))
        words = needText(i18n, { need: need as PreferenceKind, ...(detail ? { value: detail } : {}) });
      return words === other ? other : i18n.staff('unmetNeeds.must', { need: words });
    }
    default:
      return other;
  }
}

/** A matching rule in plain words for staff ("language" → "Language: nobody speaks it and no interpreter is offered"). */
export function ruleLabel(i18n: I18n, rule: string): string {
  const key = `unmetNeeds.ruleWords.${rule}`;
  return STAFF.has(key) ? i18n.staff(key as StaffKey) : i18n.staff('unmetNeeds.ruleWords.other');
}

function CountTable({ caption, head, rows }: { caption: string; head: [string, string]; rows: [string, number][] }) {
  return (
    <div {...scrollRegion(caption)}>
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
                rows={summary.byRule.map((r) => [ruleLabel(i18n, r.rule), r.count])}
              />
            </>
          )}
        </>
      )}
    </StaffPage>
  );
}
