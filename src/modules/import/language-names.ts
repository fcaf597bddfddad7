/**
 * Language names as people write them in spreadsheets and older feeds
 * ("Bengali; Urdu", "Farsi", "BSL", "Kurdish Sorani") turned into the ISO 639
 * codes the directory stores: ISO 639-1 where one exists, otherwise ISO 639-3
 * (Sorani `ckb`, Kurmanji `kmr`, Dari `prs`, Cantonese `yue`, British Sign
 * Language `bfi`, Mirpuri / Pahari-Pothwari `phr`, Sylheti `syl`).
 *
 * Pure lookups, no I/O. Unknown names are returned to the caller so an import
 * can say which words it did not understand instead of dropping them quietly.
 */

/** code → English name stored alongside the code. */
export const LANGUAGE_NAMES: Readonly<Record<string, string>> = {
  en: 'English',
  ar: 'Arabic',
  bn: 'Bengali',
  syl: 'Sylheti',
  fa: 'Persian (Farsi)',
  prs: 'Dari',
  ps: 'Pashto',
  ku: 'Kurdish',
  ckb: 'Kurdish (Sorani)',
  kmr: 'Kurdish (Kurmanji)',
  ti: 'Tigrinya',
  am: 'Amharic',
  om: 'Oromo',
  so: 'Somali',
  sw: 'Swahili',
  ur: 'Urdu',
  pa: 'Punjabi',
  phr: 'Pahari-Pothwari (Mirpuri)',
  hi: 'Hindi',
  gu: 'Gujarati',
  ta: 'Tamil',
  te: 'Telugu',
  ml: 'Malayalam',
  mr: 'Marathi',
  ne: 'Nepali',
  si: 'Sinhala',
  pl: 'Polish',
  ro: 'Romanian',
  sk: 'Slovak',
  cs: 'Czech',
  uk: 'Ukrainian',
  ru: 'Russian',
  lt: 'Lithuanian',
  lv: 'Latvian',
  et: 'Estonian',
  bg: 'Bulgarian',
  hu: 'Hungarian',
  sq: 'Albanian',
  el: 'Greek',
  tr: 'Turkish',
  rom: 'Romani',
  zh: 'Chinese (Mandarin)',
  yue: 'Cantonese',
  vi: 'Vietnamese',
  th: 'Thai',
  tl: 'Tagalog',
  ms: 'Malay',
  id: 'Indonesian',
  ja: 'Japanese',
  ko: 'Korean',
  pt: 'Portuguese',
  es: 'Spanish',
  fr: 'French',
  it: 'Italian',
  de: 'German',
  nl: 'Dutch',
  he: 'Hebrew',
  yo: 'Yoruba',
  ig: 'Igbo',
  ha: 'Hausa',
  sn: 'Shona',
  ln: 'Lingala',
  cy: 'Welsh',
  ga: 'Irish',
  gd: 'Scottish Gaelic',
  bfi: 'British Sign Language',
};

/** Other spellings and names → code. Keys are folded (see `fold`). */
const ALIASES: Readonly<Record<string, string>> = {
  bangla: 'bn',
  farsi: 'fa',
  persian: 'fa',
  'persian farsi': 'fa',
  'afghan persian': 'prs',
  pashtu: 'ps',
  pushto: 'ps',
  sorani: 'ckb',
  'kurdish sorani': 'ckb',
  'sorani kurdish': 'ckb',
  'central kurdish': 'ckb',
  kurmanji: 'kmr',
  'kurdish kurmanji': 'kmr',
  'kurmanji kurdish': 'kmr',
  'northern kurdish': 'kmr',
  tigrigna: 'ti',
  tigrinia: 'ti',
  'afaan oromo': 'om',
  panjabi: 'pa',
  mirpuri: 'phr',
  pahari: 'phr',
  'pahari pothwari': 'phr',
  pothwari: 'phr',
  potwari: 'phr',
  chinese: 'zh',
  mandarin: 'zh',
  'mandarin chinese': 'zh',
  putonghua: 'zh',
  filipino: 'tl',
  roma: 'rom',
  romany: 'rom',
  castilian: 'es',
  gaelic: 'gd',
  bsl: 'bfi',
  'british sign language': 'bfi',
  'sign language': 'bfi',
  'sign language bsl': 'bfi',
  'sgn gb': 'bfi',
};

/** Lower case, no accents, no brackets or punctuation, single spaces. */
function fold(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\blanguages?\b/g, ' ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const BY_NAME = new Map<string, string>();
for (const [code, name] of Object.entries(LANGUAGE_NAMES)) {
  BY_NAME.set(fold(name), code);
  // "Kurdish (Sorani)" is also found as "Sorani" (alias) but plain "Kurdish" stays `ku`.
  const short = fold(name.replace(/\s*\(.*\)/, ''));
  if (!BY_NAME.has(short)) BY_NAME.set(short, code);
}
for (const [alias, code] of Object.entries(ALIASES)) BY_NAME.set(fold(alias), code);

/**
 * The ISO 639 code for one language name or code ("Farsi" → "fa",
 * "Kurdish Sorani" → "ckb", "BSL" → "bfi", "ur" → "ur"), or null.
 */
export function languageCode(input: string): string | null {
  const f = fold(input);
  if (!f) return null;
  const named = BY_NAME.get(f);
  if (named) return named;
  if (/^[a-z]{2,3}$/.test(f) && f in LANGUAGE_NAMES) return f;
  return null;
}

export interface LanguageList {
  /** Codes in the order given, without repeats. */
  codes: string[];
  /** Words that are not a language we know, as written. */
  unknown: string[];
}

/** Splits "Bengali; Urdu, Polish and Farsi / Dari" into codes. */
export function parseLanguageList(text: string | null | undefined): LanguageList {
  const codes: string[] = [];
  const unknown: string[] = [];
  if (!text) return { codes, unknown };
  for (const raw of text.split(/[,;/|&+\n]|\band\b/i)) {
    const part = raw.trim();
    if (!part) continue;
    const code = languageCode(part);
    if (code) {
      if (!codes.includes(code)) codes.push(code);
    } else {
      unknown.push(part);
    }
  }
  return { codes, unknown };
}

/** English name for a stored code, or null when we do not know it. */
export const languageName = (code: string): string | null => LANGUAGE_NAMES[code] ?? null;
