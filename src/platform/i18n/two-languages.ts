/**
 * Two languages at once: a language kit whose messages read in the
 * person's language with the connector's beside each one ("ما الذي يهمك؟ /
 * What matters to you?"), so a link worker and the person read the same
 * screen. Each side is set apart with Unicode isolates, so an English gloss
 * reads left to right on a right-to-left page. Numbers, dates, lists and
 * the page's direction stay the person's.
 *
 * A message built from other messages ("Women only, as you asked") is
 * glossed once, not twice: a value that is itself glossed gives each side
 * its own half.
 */
import type { I18n, MessageValues } from './i18n.ts';

const FSI = '\u2068';
const PDI = '\u2069';
export const GLOSS_SEPARATOR = '\u00a0/ ';
const GLOSSED = new RegExp(`${FSI}([^${FSI}${PDI}]*)${PDI}${GLOSS_SEPARATOR}${FSI}([^${FSI}${PDI}]*)${PDI}`, 'g');

/** One side of a text that may hold glossed parts: 1 the person's, 2 the connector's. */
export function glossSide(text: string, side: 1 | 2): string {
  return text.replace(GLOSSED, (_, a: string, b: string) => (side === 1 ? a : b));
}

function sideOf(values: MessageValues | undefined, side: 1 | 2): MessageValues | undefined {
  if (!values) return values;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) out[k] = typeof v === 'string' ? glossSide(v, side) : v;
  return out as MessageValues;
}

/** The person's kit, each message followed by the same message in `other`'s language (when it differs). */
export function twoLanguages(person: I18n, other: I18n): I18n {
  if (person.locale === other.locale) return person;
  return {
    ...person,
    t(key, values) {
      const a = person.t(key, sideOf(values, 1));
      const b = other.t(key, sideOf(values, 2));
      return a === b ? a : `${FSI}${a}${PDI}${GLOSS_SEPARATOR}${FSI}${b}${PDI}`;
    },
  };
}

/** Elements whose text cannot hold markup: their glosses keep the plain isolates. */
const PLAIN_TEXT = /^<(title|option|textarea|script|style)\b/i;

/**
 * The connector's half of every glossed text in a rendered page, marked with
 * its language (`<span lang dir>`), so that a screen reader reads it in that
 * language and not as the person's. Only text between tags changes:
 * attribute values, and the text of elements that cannot hold markup (a
 * title, an option, a text area), keep the plain isolates.
 */
export function markGlosses(html: string, other: { locale: string; dir: 'ltr' | 'rtl' }): string {
  const parts = html.split(/(<[^>]*>)/);
  let plainUntil: string | null = null;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (part.startsWith('<')) {
      if (plainUntil) {
        if (part.toLowerCase().startsWith(plainUntil)) plainUntil = null;
      } else {
        const m = PLAIN_TEXT.exec(part);
        if (m && !part.endsWith('/>')) plainUntil = `</${m[1]!.toLowerCase()}`;
      }
      continue;
    }
    if (plainUntil || !part.includes(PDI)) continue;
    parts[i] = part.replace(
      GLOSSED,
      (_, a: string, b: string) =>
        `${FSI}${a}${PDI}${GLOSS_SEPARATOR}<span lang="${other.locale}" dir="${other.dir}">${FSI}${b}${PDI}</span>`,
    );
  }
  return parts.join('');
}
