/**
 * Turning a measure's words into text: person words from the catalogue in
 * the person's language (built-in) or from the pack (falling back to the
 * pack's first language), staff words from the staff catalogue or the pack.
 */
import type { I18n } from '../../platform/i18n/i18n.ts';
import type { Measure, PersonText, StaffText } from './measure-definitions.ts';

export function personSays(i18n: I18n, text: PersonText): string {
  if ('key' in text) return i18n.t(text.key);
  return text.byLanguage[i18n.locale] ?? text.byLanguage.en ?? Object.values(text.byLanguage)[0] ?? '';
}

export function staffSays(i18n: I18n, text: StaffText): string {
  return 'staffKey' in text ? i18n.staff(text.staffKey) : text.text;
}

/** The English words of an answer code (for staff tables), or the code itself. */
export function answerWords(english: I18n, measure: Measure, itemId: string, code: string): string {
  const item = measure.items.find((i) => i.id === itemId);
  if (item?.kind === 'choice') {
    const o = item.options.find((x) => x.code === code);
    if (o) return personSays(english, o.label);
  }
  return code;
}
