/**
 * The shortlist in the person's language: each suggestion with one line
 * saying why ("Speaks Bengali · Women only · Free · Crèche · about 10
 * minutes' walk · Tuesday mornings"), a waiting list shown as such, and a
 * plain "nothing fits" when nothing does (never a padded list). Server
 * rendered, no JavaScript.
 */
import type { MessageKey } from '../../platform/i18n/catalogue.ts';
import type { I18n } from '../../platform/i18n/i18n.ts';
import { dayName, kmText, languageName } from '../find/presenters.ts';
import type { Gap } from './match-gaps.ts';
import type { NeedRef, Reason } from './match-rank.ts';
import { HARD_RULES } from './match-rules.ts';
import type { MatchResult } from './match.service.ts';

/** What the person asked for, in words ("Women only", "Hearing loop", "Speaks Arabic"). */
export function needText(i18n: I18n, n: NeedRef): string {
  const t = i18n.t;
  switch (n.need) {
    case 'gender_setting':
      return t(`term.gender.${n.value ?? 'women_only'}` as MessageKey);
    case 'creche':
      return t('matching.reason.creche');
    case 'access':
      return t(`term.access.${n.value}` as MessageKey);
    case 'no_id':
      return t('matching.need.noId');
    case 'cost':
      return t(n.value === 'free' ? 'matching.reason.free' : 'matching.reason.lowCost');
    case 'times':
      return t('matching.need.times');
    case 'distance':
      return t('matching.need.distance');
    case 'mode':
      return t(`term.mode.${n.value}` as MessageKey);
    case 'language':
      return n.value === 'interpreter' || !n.value
        ? t('matching.reason.interpreter')
        : t('matching.reason.speaks', { languages: languageName(i18n, n.value) });
    case 'audience':
      return t(`term.audience.${n.value}` as MessageKey);
  }
}

/** One reason in words. */
export function reasonText(i18n: I18n, reason: Reason): string {
  const t = i18n.t;
  switch (reason.code) {
    case 'speaks':
      return t('matching.reason.speaks', { languages: languageName(i18n, reason.params.language) });
    case 'kind':
      return t(`term.kind.${reason.params.kind}` as MessageKey);
    case 'community':
      return t('matching.reason.community', { communities: reason.params.community });
    case 'walk':
      return t('matching.reason.walk', { minutes: reason.params.minutes });
    case 'distance':
      return t('matching.reason.distance', { distance: kmText(i18n, reason.params.metres) });
    case 'when':
      return reason.params.day === 'any'
        ? t('matching.reason.whenPart', { part: reason.params.part })
        : t('matching.reason.when', { day: dayName(i18n, reason.params.day), part: reason.params.part });
    case 'faithBased':
      return t('term.faith.faith_based');
    case 'asked':
      return t('matching.reason.asked', { what: needText(i18n, reason.params) });
    case 'askFirst':
      return t('matching.reason.askFirst', { what: needText(i18n, reason.params) });
    case 'areaAskFirst':
      return t('matching.reason.areaAskFirst', { area: reason.params.area });
    default:
      return t(`matching.reason.${reason.code}` as MessageKey);
  }
}

/** The reasons as one line, joined with middle dots. */
export function reasonLine(i18n: I18n, reasons: readonly Reason[]): string {
  return reasons.map((r) => reasonText(i18n, r)).join(' · ');
}

/** "What ruled things out: language, cost and times you cannot make." (the rules that ruled out most first). */
export function becauseText(i18n: I18n, ruledOut: MatchResult['ruledOut']): string | null {
  const rules = HARD_RULES.filter((r) => ruledOut[r] > 0).sort((a, b) => ruledOut[b] - ruledOut[a]);
  if (!rules.length) return null;
  return i18n.t('matching.because', { reasons: i18n.formatList(rules.map((r) => i18n.t(`matching.rule.${r}` as MessageKey))) });
}

/** What nothing on the list meets, each with what would help. */
export function gapText(i18n: I18n, gap: Gap): string {
  if (gap.need === 'preference') return i18n.t('matching.gap.preference', { what: needText(i18n, gap.ref) });
  return i18n.t(`matching.gap.${gap.need}` as MessageKey);
}

export function Gaps({ i18n, gaps }: { i18n: I18n; gaps: readonly Gap[] }) {
  if (!gaps.length) return null;
  return (
    <div class="gaps">
      <h2>{i18n.t('matching.gaps')}</h2>
      <ul>
        {gaps.map((g) => (
          <li>{gapText(i18n, g)}</li>
        ))}
      </ul>
    </div>
  );
}

export function Suggestions({ i18n, result }: { i18n: I18n; result: MatchResult }) {
  const t = i18n.t;
  if (!result.suggestions.length) {
    const because = becauseText(i18n, result.ruledOut);
    return (
      <div class="suggestions-none">
        <p>{t('matching.nothingFits')}</p>
        {because && <p>{because}</p>}
      </div>
    );
  }
  return (
    <ol class="suggestions" aria-label={t('matching.list')}>
      {result.suggestions.map((s) => (
        <li>
          <h3>
            <a href={`/services/${s.serviceId}`}>{s.name}</a>
          </h3>
          <p class="hint">{t('service.runBy', { org: s.organizationName })}</p>
          {s.waitingList && (
            <p>
              <strong class="tag">{t('matching.reason.waitingList')}</strong>
            </p>
          )}
          <p>
            {reasonLine(
              i18n,
              s.reasons.filter((r) => r.code !== 'waitingList'),
            )}
          </p>
        </li>
      ))}
    </ol>
  );
}
