import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import {
  CATALOGUES,
  compiledMessage,
  MESSAGE_KEYS,
  messageArguments,
  plainMessage,
  pluralSelectors,
  type MessageKey,
} from './catalogue.ts';
import { createI18n } from './i18n.ts';
import { LOCALE_CODES, LOCALES, type LocaleCode } from './locales.ts';

const LOCALES_DIR = new URL('../../../locales/', import.meta.url);
const en = CATALOGUES.en;
const others = LOCALE_CODES.filter((c) => c !== 'en');

/** Messages that may read the same in every language (brand name, pure layout). */
const SAME_AS_ENGLISH_ALLOWED = new Set<string>(['site.name', 'layout.pageTitle', 'plan.place.detail']);

/** The script each catalogue must be written in. */
const SCRIPT: Record<LocaleCode, RegExp> = {
  en: /\p{Script=Latin}/u,
  pl: /\p{Script=Latin}/u,
  ro: /\p{Script=Latin}/u,
  so: /\p{Script=Latin}/u,
  ar: /\p{Script=Arabic}/u,
  fa: /\p{Script=Arabic}/u,
  ur: /\p{Script=Arabic}/u,
  ps: /\p{Script=Arabic}/u,
  ckb: /\p{Script=Arabic}/u,
  bn: /\p{Script=Bengali}/u,
  ti: /\p{Script=Ethiopic}/u,
  uk: /\p{Script=Cyrillic}/u,
};

/** Sample values for a message's arguments: several numbers for plurals, text otherwise. */
function sampleValues(message: string, count: number): Record<string, string | number | ((chunks: unknown[]) => string)> {
  const { args, tags } = messageArguments(message);
  const values: Record<string, string | number | ((chunks: unknown[]) => string)> = {};
  for (const a of args) values[a] = a === 'count' || pluralSelectors(message).some((p) => p.arg === a) ? count : `«${a}»`;
  for (const tag of tags) values[tag] = (chunks) => `[${chunks.join('')}]`;
  return values;
}

describe('message catalogues', () => {
  it('has a catalogue file for every interface language and a language row for every catalogue file', () => {
    const files = fs
      .readdirSync(LOCALES_DIR)
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.slice(0, -'.json'.length))
      .sort();
    assert.deepEqual(files, [...LOCALE_CODES].sort());
  });

  it('ships English plus the eleven languages the issue asks for', () => {
    for (const code of ['en', 'ar', 'fa', 'ur', 'bn', 'pl', 'ro', 'so', 'ti', 'ps', 'uk', 'ckb']) assert.ok(code in LOCALES, code);
  });

  for (const code of others) {
    it(`${code}: has every English key and no others`, () => {
      const keys = new Set(Object.keys(CATALOGUES[code]));
      const missing = MESSAGE_KEYS.filter((k) => !keys.has(k));
      const extra = [...keys].filter((k) => !(k in en));
      assert.deepEqual(missing, [], `${code} is missing: ${missing.join(', ')}`);
      assert.deepEqual(extra, [], `${code} has keys English does not: ${extra.join(', ')}`);
    });
  }

  for (const code of LOCALE_CODES) {
    it(`${code}: every message parses and uses the same argument and tag names as English`, () => {
      for (const key of MESSAGE_KEYS) {
        const message = CATALOGUES[code][key];
        assert.equal(typeof message, 'string', `${code} ${key}`);
        const theirs = messageArguments(message!, LOCALES[code].intl);
        const ours = messageArguments(en[key]!);
        assert.deepEqual([...theirs.args].sort(), [...ours.args].sort(), `${code} ${key}: arguments differ from English`);
        assert.deepEqual([...theirs.tags].sort(), [...ours.tags].sort(), `${code} ${key}: tags differ from English`);
      }
    });

    it(`${code}: plural messages use only this language's plural categories, and always "other"`, () => {
      const categories = new Set<string>(new Intl.PluralRules(LOCALES[code].intl).resolvedOptions().pluralCategories);
      for (const key of MESSAGE_KEYS) {
        for (const { arg, selectors } of pluralSelectors(CATALOGUES[code][key]!, LOCALES[code].intl)) {
          assert.ok(selectors.includes('other'), `${code} ${key} {${arg}} has no "other" case`);
          const foreign = selectors.filter((s) => !s.startsWith('=') && !categories.has(s));
          assert.deepEqual(
            foreign,
            [],
            `${code} ${key} {${arg}} uses categories ${code} does not have (it has ${[...categories].join(', ')})`,
          );
        }
      }
    });

    it(`${code}: every message formats with sample values, leaving no placeholder behind`, () => {
      for (const key of MESSAGE_KEYS) {
        for (const n of [0, 1, 2, 3, 5, 11, 21, 100, 1.5]) {
          const out = compiledMessage(code, key).format(sampleValues(en[key]!, n) as never);
          const text = Array.isArray(out) ? out.join('') : String(out);
          assert.ok(text.trim().length > 0, `${code} ${key} is empty for ${n}`);
          assert.doesNotMatch(text, /[{}]/, `${code} ${key} left a placeholder for ${n}: ${text}`);
        }
      }
    });

    it(`${code}: messages are tidy — no straight apostrophes (ICU quoting), no stray spaces`, () => {
      for (const key of MESSAGE_KEYS) {
        const m = CATALOGUES[code][key]!;
        assert.doesNotMatch(m, /'/, `${code} ${key}: use ’ instead of ' (a straight apostrophe can start an ICU quote)`);
        assert.equal(m, m.trim(), `${code} ${key} has leading or trailing spaces`);
        assert.doesNotMatch(m, / {2}/, `${code} ${key} has a double space`);
      }
    });
  }

  for (const code of others) {
    it(`${code}: every message is translated and written in the language's own script`, () => {
      for (const key of MESSAGE_KEYS) {
        if (SAME_AS_ENGLISH_ALLOWED.has(key)) continue;
        const m = CATALOGUES[code][key]!;
        assert.notEqual(m, en[key], `${code} ${key} is still English`);
        assert.match(m, SCRIPT[code], `${code} ${key} is not in the expected script`);
      }
    });
  }

  it('Sorani, Pashto and Urdu use their own letters, not only the Arabic or Farsi alphabet', () => {
    const all = (code: LocaleCode) => Object.values(CATALOGUES[code]).join(' ');
    assert.match(all('ckb'), /[ەێۆڕڵ]/u);
    assert.match(all('ps'), /[ښځڅډړټږۍې]/u);
    assert.match(all('ur'), /[ہےںٹڈ]/u);
  });

  it('English uses plain, stigma-free words', () => {
    // Two ONS survey questions must keep their official wording; they are asked
    // (privately, optionally), never shown as a label about the person.
    const ONS_QUESTIONS = new Set(['measures.onsLoneliness.isolated', 'measures.onsLoneliness.direct']);
    const text = Object.entries(en)
      .filter(([k]) => !ONS_QUESTIONS.has(k))
      .map(([, v]) => v)
      .join(' ');
    assert.doesNotMatch(text, /\b(lonely|loneliness|isolated|isolation|vulnerable|service users?)\b/i);
  });

  it('falls back to the English message when a language lacks a key', () => {
    const key: MessageKey = 'errors.prefix';
    const polish = CATALOGUES.pl as Record<string, string>;
    const saved = polish[key]!;
    delete polish[key];
    try {
      assert.equal(compiledMessage('pl', key).format(), en[key]);
    } finally {
      polish[key] = saved;
    }
  });

  it('gives a message without values as text, kept per language, with the same fallback to English', () => {
    const key: MessageKey = 'errors.prefix';
    assert.equal(plainMessage('pl', key), CATALOGUES.pl[key]);
    assert.equal(plainMessage('en', key), en[key]);
    assert.equal(createI18n('pl').t(key), CATALOGUES.pl[key]);
    const polish = CATALOGUES.pl as Record<string, string>;
    const saved = polish[key]!;
    delete polish[key];
    try {
      assert.equal(plainMessage('pl', key), en[key]);
      assert.equal(createI18n('pl').t(key), en[key]);
    } finally {
      polish[key] = saved;
    }
    assert.equal(plainMessage('pl', key), CATALOGUES.pl[key]);
  });
});
