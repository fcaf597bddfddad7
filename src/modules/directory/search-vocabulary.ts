/**
 * Search words in every language: a small multilingual vocabulary of what
 * people look for (sewing, football, English, housing advice, the Qur'an…),
 * kept in the message catalogues as `search.words.<concept>` (a
 * comma-separated list of words and short phrases per language), so it is
 * translated and reviewed like the rest of the interface text.
 *
 * A search is looked up word by word: every concept one of whose words or
 * phrases occurs in it, in any language, contributes its English words, which
 * the directory search matches against services' names and descriptions
 * (English, stemmed) when the words as typed find nothing. So "خياطة"
 * (Arabic, sewing) or "szycie" (Polish) finds the sewing groups whose text is
 * only in English, and "quran" finds a "Qur'an study circle", while a search
 * that already finds something is left as it is.
 *
 * Pure: no database, no HTTP.
 */
import { CATALOGUES } from '../../platform/i18n/catalogue.ts';
import { DEFAULT_LOCALE } from '../../platform/i18n/locales.ts';

const PREFIX = 'search.words.';

/** Lower case, without accents or Arabic-script vowel marks, apostrophes of any kind dropped. */
export function foldWords(text: string): string[] {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[''‘’`ʼ]/g, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

interface Phrase {
  words: string[];
  concept: string;
}

interface Vocabulary {
  /** Phrases by their first word. */
  byFirst: Map<string, Phrase[]>;
  /** Each concept's English words and phrases, as written. */
  englishOf: Map<string, string[]>;
}

let vocabulary: Vocabulary | null = null;

function load(): Vocabulary {
  if (vocabulary) return vocabulary;
  const byFirst = new Map<string, Phrase[]>();
  const englishOf = new Map<string, string[]>();
  for (const [locale, catalogue] of Object.entries(CATALOGUES)) {
    for (const [key, value] of Object.entries(catalogue)) {
      if (!key.startsWith(PREFIX)) continue;
      const concept = key.slice(PREFIX.length);
      const items = value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      if (locale === DEFAULT_LOCALE) englishOf.set(concept, items);
      for (const item of items) {
        const words = foldWords(item);
        if (!words.length) continue;
        const list = byFirst.get(words[0]!) ?? [];
        list.push({ words, concept });
        byFirst.set(words[0]!, list);
      }
    }
  }
  vocabulary = { byFirst, englishOf };
  return vocabulary;
}

/**
 * The English words and phrases of every concept the search names, in any
 * language ("خياطة" or "szycie" → sewing, sew, stitching…; "quran" → quran,
 * qur'an, koran), in concept order; empty when it names none.
 */
export function expandSearch(search: string): string[] {
  const { byFirst, englishOf } = load();
  const words = foldWords(search);
  const concepts = new Set<string>();
  for (let i = 0; i < words.length; i++) {
    const candidates = [words[i]!];
    // An Arabic-script article joined to the word: "الخياطة" is also "خياطة".
    if (/^ال\p{L}{2,}/u.test(words[i]!)) candidates.push(words[i]!.slice(2));
    for (const first of candidates) {
      for (const phrase of byFirst.get(first) ?? []) {
        if (phrase.words.slice(1).every((w, k) => words[i + 1 + k] === w)) concepts.add(phrase.concept);
      }
    }
  }
  return [...concepts].sort().flatMap((c) => englishOf.get(c) ?? []);
}
