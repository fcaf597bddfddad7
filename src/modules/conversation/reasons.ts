/**
 * A chosen suggestion's reasons as one line of words in the person's
 * language, for the written plan and the message that sends it. The words
 * are matching's (`matching.reason.*`), so the plan says the same as the
 * shortlist did.
 */
import type { I18n } from '../../platform/i18n/i18n.ts';
import { reasonLine } from '../matching/suggestions.views.tsx';
import type { Reason } from '../matching/match.service.ts';
import type { ChosenSuggestion } from './plan.ts';

export function phraseReasons(i18n: I18n, s: ChosenSuggestion): string {
  return reasonLine(i18n, s.reasons as Reason[]);
}
