/**
 * The per-request translation kit: `t()` for messages, `rich()` for messages
 * with links or markup inside, and number/date/list formatters that use the
 * language's own digits and words. Pure: no HTTP here, so the same kit serves
 * pages, e-mails and tests (`createI18n('ar')`).
 */
import type { Child } from 'hono/jsx';
import { compiledMessage, plainMessage, type MessageKey } from './catalogue.ts';
import { LOCALES, type LocaleCode, type LocaleInfo } from './locales.ts';
import { compiledStaffMessage, type StaffKey } from './staff-catalogue.ts';

/** Values for a plain message: `{count}`, `{name}`, `{when, date}`. */
export type MessageValues = Readonly<Record<string, string | number | Date>>;

/**
 * Values for a rich message: plain values, page fragments (`{link}` →
 * `<a …>`), and tag functions (`<b>…</b>` → `(chunks) => <strong>{chunks}</strong>`).
 * Text from the catalogue stays text: hono/jsx escapes it like any other child.
 */
export type RichValues = Readonly<Record<string, string | number | Date | Child | ((chunks: Child[]) => Child)>>;

/** Everything a page needs to speak the person's language. */
export interface I18n {
  locale: LocaleCode;
  info: LocaleInfo;
  dir: 'ltr' | 'rtl';
  /** True once the person has picked a language themselves (not a guess from the browser). */
  chosen: boolean;
  /** A message as plain text. */
  t(key: MessageKey, values?: MessageValues): string;
  /** A message with page fragments or tags inside, as JSX children. */
  rich(key: MessageKey, values: RichValues): Child;
  /** A message from the staff catalogue (locales/staff/), falling back to English. */
  staff(key: StaffKey, values?: MessageValues): string;
  formatNumber(value: number | bigint, options?: Intl.NumberFormatOptions): string;
  /** Dates in UK time (Europe/London), Gregorian calendar, long style unless told otherwise. */
  formatDate(value: Date | number, options?: Intl.DateTimeFormatOptions): string;
  /** "a, b and c" in the language's own words. */
  formatList(items: readonly string[], options?: { type?: 'conjunction' | 'disjunction' }): string;
  /** A link to the current page in another language (the switcher's `?lang=` link). */
  hrefFor(code: LocaleCode): string;
}

export interface CreateI18nOptions {
  chosen?: boolean;
  /** Path and query of the current page, already made safe; defaults to "/". */
  currentPath?: string;
}

const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const listFormats = new Map<string, Intl.ListFormat>();
const DATE_FIELDS = ['dateStyle', 'timeStyle', 'weekday', 'year', 'month', 'day', 'hour', 'minute', 'second'] as const;

function cached<T>(map: Map<string, T>, key: string, make: () => T): T {
  let v = map.get(key);
  if (!v) {
    v = make();
    map.set(key, v);
  }
  return v;
}

/** Stands for "no options" in the formatters kept by options object. */
const NO_OPTIONS = Object.freeze({});

/**
 * A formatter for a language and an options object. A page formats hundreds
 * of days, times and distances: an options object seen before (a constant of
 * the caller) finds its formatter without being serialised again; any other
 * options object is serialised once and shares the formatter of equal
 * options. So an options object must not be changed once it has been used.
 */
function formatterFor<O extends object, F>(
  byOptions: WeakMap<object, Map<string, F>>,
  shared: Map<string, F>,
  intl: string,
  options: O | undefined,
  make: () => { key: string; create(): F },
): F {
  const own = options ?? NO_OPTIONS;
  let byIntl = byOptions.get(own);
  if (!byIntl) {
    byIntl = new Map();
    byOptions.set(own, byIntl);
  }
  let formatter = byIntl.get(intl);
  if (!formatter) {
    const { key, create } = make();
    formatter = cached(shared, key, create);
    byIntl.set(intl, formatter);
  }
  return formatter;
}

const numberFormatsByOptions = new WeakMap<object, Map<string, Intl.NumberFormat>>();
const dateFormatsByOptions = new WeakMap<object, Map<string, Intl.DateTimeFormat>>();

const numberFormat = (intl: string, options: Intl.NumberFormatOptions | undefined) =>
  formatterFor(numberFormatsByOptions, numberFormats, intl, options, () => ({
    key: `${intl}|${options ? JSON.stringify(options) : ''}`,
    create: () => new Intl.NumberFormat(intl, options),
  }));

const dateFormat = (intl: string, options: Intl.DateTimeFormatOptions | undefined) =>
  formatterFor(dateFormatsByOptions, dateFormats, intl, options, () => {
    const given = options ?? {};
    const hasField = DATE_FIELDS.some((f) => given[f] !== undefined);
    const full: Intl.DateTimeFormatOptions = { timeZone: 'Europe/London', ...(hasField ? {} : { dateStyle: 'long' }), ...given };
    return { key: `${intl}|${JSON.stringify(full)}`, create: () => new Intl.DateTimeFormat(intl, full) };
  });

/** The translation kit for one language. */
export function createI18n(locale: LocaleCode, opts: CreateI18nOptions = {}): I18n {
  const info: LocaleInfo = LOCALES[locale];
  const currentPath = opts.currentPath ?? '/';
  let switcher: URL | undefined;
  return {
    locale,
    info,
    dir: info.dir,
    chosen: opts.chosen ?? false,
    t(key, values) {
      return values === undefined ? plainMessage(locale, key) : String(compiledMessage(locale, key).format(values));
    },
    rich(key, values) {
      return compiledMessage(locale, key).format<Child>(values as Record<string, never>) as Child;
    },
    staff(key, values) {
      return String(compiledStaffMessage(locale, key).format(values));
    },
    formatNumber(value, options) {
      return numberFormat(info.intl, options).format(value);
    },
    formatDate(value, options) {
      return dateFormat(info.intl, options).format(value);
    },
    formatList(items, options = {}) {
      const type = options.type ?? 'conjunction';
      if (info.listFallback && type === 'conjunction') {
        if (items.length <= 1) return items.join('');
        return items.slice(0, -1).join(info.listFallback.separator) + info.listFallback.and + items.at(-1);
      }
      return cached(listFormats, `${info.intl}|${type}`, () => new Intl.ListFormat(info.intl, { type, style: 'long' })).format(items);
    },
    hrefFor(code) {
      // The page's address is read once; each link sets (replaces) its `lang`.
      switcher ??= new URL(currentPath, 'http://belong.invalid');
      switcher.searchParams.set('lang', code);
      return switcher.pathname + switcher.search;
    },
  };
}
