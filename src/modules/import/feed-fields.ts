/**
 * Pieces both Open Referral feed mappers (ORUK 3 and the legacy 1.0 API)
 * need: countries, statuses, and turning Belong's own vocabulary terms back
 * into Belong's extension fields, so a feed published by another Belong keeps
 * "women only", "drop in", "crèche" and the rest when imported here.
 */
import { BELONG_TAXONOMY, vocabularyTermById, VOCABULARY } from '../directory/vocabulary.ts';
import {
  CAPACITY_STATUSES,
  COST_BANDS,
  ENTRIES,
  FAITHS,
  FOODS,
  GENDERS,
  MODES,
  SUPPORT_KINDS,
  type ServiceGraphInput,
} from '../directory/service-graph.ts';
import { costBandFor, readEntry } from './text-transforms.ts';

type BelongInput = NonNullable<ServiceGraphInput['belong']>;

const COUNTRIES: Record<string, string> = {
  uk: 'GB',
  gb: 'GB',
  'united kingdom': 'GB',
  'great britain': 'GB',
  britain: 'GB',
  england: 'GB',
  scotland: 'GB',
  wales: 'GB',
  cymru: 'GB',
  'northern ireland': 'GB',
};

/** "United Kingdom", "England", "uk" → "GB"; a two-letter code is kept; blank → "GB". Anything else is passed on for validation to report. */
export function countryCode(v: string | null): string {
  if (!v) return 'GB';
  const t = v.trim().toLowerCase().replace(/\s+/g, ' ');
  return COUNTRIES[t] ?? (/^[a-z]{2}$/.test(t) ? t.toUpperCase() : v.trim());
}

type GraphAddress = NonNullable<NonNullable<ServiceGraphInput['locations']>[number]['addresses']>[number];

/**
 * Addresses with a street, town and postcode. Feeds often carry partial ones;
 * rather than reject the whole service, an incomplete address is left out
 * with a warning (the location keeps its name and coordinates).
 */
export function completeAddresses(addresses: GraphAddress[], warnings: string[]): GraphAddress[] {
  return addresses.filter((a) => {
    const missing = [!a.address_1 && 'street', !a.city && 'town', !a.postal_code && 'postcode'].filter(Boolean);
    if (missing.length) warnings.push(`an address without a ${missing.join(', ')} was left out`);
    return !missing.length;
  });
}

/** Lower-cased status; "Active" → "active", "temporarily_closed" → "temporarily closed". */
export function serviceStatus(v: string | null): string | undefined {
  if (!v) return undefined;
  return v.trim().toLowerCase().replace(/[_-]+/g, ' ');
}

const BELONG_CODES = new Set(VOCABULARY.map((t) => t.code));

/** The Belong vocabulary code ("gender:women_only") of a term from a feed, or null for other taxonomies. */
export function belongCodeOf(termId: string | null, term: Record<string, unknown> | null): string | null {
  const known = termId ? vocabularyTermById(termId) : undefined;
  if (known) return known.code;
  const code = term && typeof term.code === 'string' ? term.code : null;
  const taxonomyId = term && typeof term.taxonomy_id === 'string' ? term.taxonomy_id : null;
  const taxonomyName = term && typeof term.taxonomy === 'string' ? term.taxonomy : null;
  if (code && BELONG_CODES.has(code) && (taxonomyId === BELONG_TAXONOMY.id || taxonomyName === BELONG_TAXONOMY.name)) return code;
  return null;
}

const inList = <T extends string>(list: readonly T[], v: string): v is T => (list as readonly string[]).includes(v);

/** Belong's extension fields from Belong vocabulary codes (the feed's `attributes`). */
export function belongFromCodes(codes: string[]): BelongInput {
  const b: BelongInput = {};
  const modes: (typeof MODES)[number][] = [];
  const food: (typeof FOODS)[number][] = [];
  const support: (typeof SUPPORT_KINDS)[number][] = [];
  for (const code of codes) {
    const [group, value = ''] = code.split(':');
    switch (group) {
      case 'gender':
        if (inList(GENDERS, value)) b.gender = value;
        break;
      case 'entry':
        if (inList(ENTRIES, value)) b.entry = value;
        break;
      case 'cost':
        if (inList(COST_BANDS, value)) b.cost_band = value;
        break;
      case 'capacity':
        if (inList(CAPACITY_STATUSES, value)) b.capacity_status = value;
        break;
      case 'faith':
        if (inList(FAITHS, value)) b.faith = value;
        break;
      case 'help':
        if (
          value === 'childcare' ||
          value === 'transport_offered' ||
          value === 'accompany_first_visit' ||
          value === 'interpreter_available'
        ) {
          b[value] = true;
        }
        break;
      case 'mode':
        if (inList(MODES, value) && !modes.includes(value)) modes.push(value);
        break;
      case 'food':
        if (inList(FOODS, value) && !food.includes(value)) food.push(value);
        break;
      case 'support':
        if (inList(SUPPORT_KINDS, value) && !support.includes(value)) support.push(value);
        break;
      default:
        // vetting:vetted is worked out from safeguarding records, which feeds do not carry.
        break;
    }
  }
  if (modes.length) b.modes = modes;
  if (food.length) b.food = food;
  if (support.length) b.support_kinds = support;
  return b;
}

/**
 * Belong fields for a service from a feed without Belong's vocabulary: the
 * cost band from its cost options, and how to get in from its application
 * process text when that says so. Otherwise "get in touch yourself": safer
 * than telling someone to just turn up when the feed does not say.
 */
export function belongGuess(amounts: number[], feesText: string | null, applicationProcess: string | null): BelongInput {
  const entry = applicationProcess ? readEntry(applicationProcess) : null;
  return {
    cost_band: costBandFor(amounts, feesText),
    entry: entry?.ok && entry.value ? entry.value : 'self_referral',
  };
}
