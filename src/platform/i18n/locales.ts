/**
 * The languages Belong's interface speaks, and what each one needs to be shown
 * properly: its name in its own script (for the language switcher), writing
 * direction, the Intl locale used for numbers, dates and plurals, and — only
 * where system fonts cannot be relied on — a web-font stylesheet.
 *
 * Digits follow each language's usual convention: Eastern Arabic digits for
 * Arabic and Sorani (١٢٣), Persian digits for Farsi and Pashto (۱۲۳), Bengali
 * digits for Bengali (১২৩); Latin digits for Urdu (CLDR's default, and what
 * Pakistani print mostly uses), Tigrinya (Ge'ez numerals are not positional)
 * and the rest. Dates always use the Gregorian calendar, because the dates
 * people see on UK letters, buses and appointment cards are Gregorian; a Farsi
 * page therefore says "۵ ژانویه ۲۰۲۵", not a Solar Hijri date.
 *
 * Adding a language: add a row here, a catalogue `locales/<code>.json` with
 * every key, and the language's font stack in `public/belong.css` if its
 * script is new; the catalogue tests then check the rest.
 */

/** What the interface needs to know about one language. */
export interface LocaleInfo {
  /** BCP 47 tag used for `lang`, the cookie and `?lang=`. */
  code: string;
  /** The language's name in its own script, as shown in the switcher. */
  nativeName: string;
  /** The English name, for logs, admin screens and translators. */
  englishName: string;
  dir: 'ltr' | 'rtl';
  /** Locale handed to Intl (numbering system and calendar pinned where the default is not what people use). */
  intl: string;
  /**
   * Logical name of a static stylesheet (see static-assets.ts) that loads a
   * web font. Only set where common phones lack a good system font; emitted
   * only on pages in this language, so other pages stay light.
   */
  webFont?: string;
  /**
   * Word for "and" and item separator, for languages whose list patterns Node's
   * ICU lacks (it silently falls back to English "a, b, and c").
   */
  listFallback?: { separator: string; and: string };
}

/** English first, then the rest in order of their English names. */
export const LOCALES = {
  en: { code: 'en', nativeName: 'English', englishName: 'English', dir: 'ltr', intl: 'en-GB' },
  ar: { code: 'ar', nativeName: 'العربية', englishName: 'Arabic', dir: 'rtl', intl: 'ar-u-nu-arab' },
  bn: { code: 'bn', nativeName: 'বাংলা', englishName: 'Bengali', dir: 'ltr', intl: 'bn' },
  fa: { code: 'fa', nativeName: 'فارسی', englishName: 'Farsi (Persian)', dir: 'rtl', intl: 'fa-u-ca-gregory' },
  ckb: {
    code: 'ckb',
    nativeName: 'کوردیی سۆرانی',
    englishName: 'Kurdish Sorani',
    dir: 'rtl',
    intl: 'ckb-u-nu-arab',
    listFallback: { separator: '، ', and: ' و ' },
  },
  ps: { code: 'ps', nativeName: 'پښتو', englishName: 'Pashto', dir: 'rtl', intl: 'ps-u-ca-gregory' },
  pl: { code: 'pl', nativeName: 'Polski', englishName: 'Polish', dir: 'ltr', intl: 'pl' },
  ro: { code: 'ro', nativeName: 'Română', englishName: 'Romanian', dir: 'ltr', intl: 'ro' },
  so: { code: 'so', nativeName: 'Soomaali', englishName: 'Somali', dir: 'ltr', intl: 'so' },
  ti: { code: 'ti', nativeName: 'ትግርኛ', englishName: 'Tigrinya', dir: 'ltr', intl: 'ti' },
  uk: { code: 'uk', nativeName: 'Українська', englishName: 'Ukrainian', dir: 'ltr', intl: 'uk' },
  ur: { code: 'ur', nativeName: 'اردو', englishName: 'Urdu', dir: 'rtl', intl: 'ur', webFont: 'fonts/urdu.css' },
} as const satisfies Record<string, LocaleInfo>;

/** A language the interface is available in. */
export type LocaleCode = keyof typeof LOCALES;

export const DEFAULT_LOCALE: LocaleCode = 'en';

/** Every supported code, in switcher order. */
export const LOCALE_CODES = Object.keys(LOCALES) as LocaleCode[];

/** Type guard: is this string one of the supported codes (exactly, lower case)? */
export function isLocaleCode(value: string): value is LocaleCode {
  return Object.hasOwn(LOCALES, value);
}

/** The info row for a supported code. */
export function localeInfo(code: LocaleCode): LocaleInfo {
  return LOCALES[code];
}
