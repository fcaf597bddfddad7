/**
 * Message catalogues: one flat JSON file per language in `locales/`, keys like
 * "home.tagline", values in ICU MessageFormat (plurals, select, numbers).
 *
 * English is the source: `MessageKey` is derived from `locales/en.json`, so
 * asking for a key that does not exist is a type error. The catalogue tests
 * make sure every other language has exactly the same keys, that every
 * message parses, and that translations use the same argument names. Should a
 * translation still be missing at run time, the English message is used.
 *
 * Messages are compiled (parsed) once per language and key, on first use, and
 * kept for the life of the process.
 */
import { IntlMessageFormat } from 'intl-messageformat';
import ar from '../../../locales/ar.json' with { type: 'json' };
import bn from '../../../locales/bn.json' with { type: 'json' };
import ckb from '../../../locales/ckb.json' with { type: 'json' };
import en from '../../../locales/en.json' with { type: 'json' };
import fa from '../../../locales/fa.json' with { type: 'json' };
import pl from '../../../locales/pl.json' with { type: 'json' };
import ps from '../../../locales/ps.json' with { type: 'json' };
import ro from '../../../locales/ro.json' with { type: 'json' };
import so from '../../../locales/so.json' with { type: 'json' };
import ti from '../../../locales/ti.json' with { type: 'json' };
import uk from '../../../locales/uk.json' with { type: 'json' };
import ur from '../../../locales/ur.json' with { type: 'json' };
import { DEFAULT_LOCALE, LOCALES, type LocaleCode } from './locales.ts';

/** Every message key, taken from the English catalogue. */
export type MessageKey = keyof typeof en;

/** A catalogue as loaded: keys are checked by tests, not trusted by types. */
export type Catalogue = Readonly<Record<string, string>>;

/** The raw catalogues, by language code. */
export const CATALOGUES: Readonly<Record<LocaleCode, Catalogue>> = { en, ar, bn, ckb, fa, pl, ps, ro, so, ti, uk, ur };

/** All English keys, in file order. */
export const MESSAGE_KEYS = Object.keys(en) as MessageKey[];

/** Compiled messages by language, then key. */
const compiled = new Map<LocaleCode, Map<MessageKey, IntlMessageFormat>>();
/** Messages that take no values, as text, by language then key. */
const plain = new Map<LocaleCode, Map<MessageKey, string>>();

/** The language whose message is used: the one asked for, or English where it lacks the key. */
const sourceLocale = (locale: LocaleCode, key: MessageKey): LocaleCode => (CATALOGUES[locale][key] === undefined ? DEFAULT_LOCALE : locale);

function inLocale<V>(maps: Map<LocaleCode, Map<MessageKey, V>>, locale: LocaleCode): Map<MessageKey, V> {
  let byKey = maps.get(locale);
  if (!byKey) {
    byKey = new Map();
    maps.set(locale, byKey);
  }
  return byKey;
}

/**
 * The compiled message for a key in a language, falling back to English when
 * the language lacks the key. Compiled once and cached.
 */
export function compiledMessage(locale: LocaleCode, key: MessageKey): IntlMessageFormat {
  const useLocale = sourceLocale(locale, key);
  const byKey = inLocale(compiled, useLocale);
  let message = byKey.get(key);
  if (!message) {
    message = new IntlMessageFormat(CATALOGUES[useLocale][key] ?? en[key], LOCALES[useLocale].intl);
    byKey.set(key, message);
  }
  return message;
}

/**
 * A message given no values, as text: formatted once per language and key, as
 * a page shows the same labels many times over.
 */
export function plainMessage(locale: LocaleCode, key: MessageKey): string {
  const useLocale = sourceLocale(locale, key);
  const byKey = inLocale(plain, useLocale);
  let text = byKey.get(key);
  if (text === undefined) {
    text = String(compiledMessage(useLocale, key).format());
    byKey.set(key, text);
  }
  return text;
}

/** The names a message expects: arguments (`{count}`) and rich-text tags (`<link>`). */
export interface MessageArguments {
  args: Set<string>;
  tags: Set<string>;
}

interface AstNode {
  type: number;
  value?: unknown;
  options?: Record<string, { value: AstNode[] }>;
  children?: AstNode[];
}

// Element types of @formatjs/icu-messageformat-parser's AST (its TYPE enum).
const AST_ARGUMENT_TYPES = new Set([1, 2, 3, 4, 5, 6]); // argument, number, date, time, select, plural
const AST_TAG = 8;

/**
 * Parses an ICU message (throws a SyntaxError-like error if it does not
 * parse) and lists the argument and tag names it uses, at any depth.
 */
export function messageArguments(message: string, intlLocale = 'en'): MessageArguments {
  const ast = new IntlMessageFormat(message, intlLocale).getAst() as unknown as AstNode[];
  const out: MessageArguments = { args: new Set(), tags: new Set() };
  const walk = (nodes: AstNode[]) => {
    for (const n of nodes) {
      if (AST_ARGUMENT_TYPES.has(n.type) && typeof n.value === 'string') out.args.add(n.value);
      if (n.type === AST_TAG && typeof n.value === 'string') out.tags.add(n.value);
      if (n.options) for (const o of Object.values(n.options)) walk(o.value);
      if (n.children) walk(n.children);
    }
  };
  walk(ast);
  return out;
}

/** The plural selectors (`one`, `few`, `=0`, …) each plural argument in a message uses. */
export function pluralSelectors(message: string, intlLocale = 'en'): { arg: string; selectors: string[] }[] {
  const ast = new IntlMessageFormat(message, intlLocale).getAst() as unknown as AstNode[];
  const out: { arg: string; selectors: string[] }[] = [];
  const walk = (nodes: AstNode[]) => {
    for (const n of nodes) {
      if (n.type === 6 && n.options) out.push({ arg: String(n.value), selectors: Object.keys(n.options) });
      if (n.options) for (const o of Object.values(n.options)) walk(o.value);
      if (n.children) walk(n.children);
    }
  };
  walk(ast);
  return out;
}
